// The program's streams, injected so that tests can run it in-process.
#pragma once

#include "io/sink.h"

namespace sc {

struct Io {
    int in_fd;    // stdin: data for the server
    Sink& out;    // stdout: our report and the server's data, in order
    Sink& err;    // stderr, unbuffered
};

}  // namespace sc
