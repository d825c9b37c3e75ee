// s_client: builds the process's streams and hands over to sc::run.
#include <openssl/crypto.h>

#include <csignal>
#include <string>
#include <string_view>
#include <vector>

#include "app/run.h"
#include "util/argv_secrets.h"

int main(int argc, char** argv) {
    // A closed stdout or socket must surface as EPIPE, never kill us.
    std::signal(SIGPIPE, SIG_IGN);
#if defined(SC_FAST_EXIT)
    // Before any other OpenSSL call: no clean-up handler at exit (see CMakeLists.txt).
    OPENSSL_init_crypto(OPENSSL_INIT_NO_ATEXIT, nullptr);
#endif
    // Our own copy of the arguments, so that pass phrases can then be hidden
    // from ps and /proc/PID/cmdline (util/argv_secrets.h).
    std::vector<std::string> owned(argv + 1, argv + argc);
    std::vector<std::string_view> args(owned.begin(), owned.end());
    sc::hide_pass_phrases(argc, argv);
    sc::FdSink out(1, true);
    sc::FdSink err(2, false);
    int rc = sc::run(args, sc::Io{0, out, err});
    out.flush();
    return rc;
}
