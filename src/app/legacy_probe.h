// -ssl3 / -ssl2: send our hand-built ClientHello on the connected socket,
// read the server's plaintext reply (bounded by the deadline), print what it
// says, and stop: no handshake follows.
#pragma once

#include "cli/config.h"
#include "io/sink.h"
#include "util/deadline.h"

namespace sc {

// Returns the exit code: 0 when the server answered with a ServerHello of the
// protocol, 1 when it refused, answered something else or failed.
int run_legacy_probe(int fd, const Config& cfg, const Deadline& deadline, Sink& report, Sink& err);

}  // namespace sc
