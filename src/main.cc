// s_client: builds the process's streams and hands over to sc::run.
#include <csignal>
#include <string_view>
#include <vector>

#include "app/run.h"

int main(int argc, char** argv) {
    // A closed stdout or socket must surface as EPIPE, never kill us.
    std::signal(SIGPIPE, SIG_IGN);
    std::vector<std::string_view> args(argv + 1, argv + argc);
    sc::FdSink out(1, true);
    sc::FdSink err(2, false);
    int rc = sc::run(args, sc::Io{0, out, err});
    out.flush();
    return rc;
}
