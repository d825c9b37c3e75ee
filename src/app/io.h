// The program's streams, injected so that tests can run it in-process.
#pragma once

#include "io/sink.h"

namespace sc {

struct Io {
    int in_fd;    // stdin: data for the server
    int out_fd;   // stdout, for the server's data (written raw)
    Sink& out;    // stdout, for our report (flushed before peer data)
    Sink& err;    // stderr, unbuffered
};

}  // namespace sc
