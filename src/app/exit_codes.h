// Exit codes mean something (DESIGN.md §2.1); -help and the man page list them.
#pragma once

namespace sc::exit_code {

inline constexpr int kOk = 0;
inline constexpr int kFailure = 1;       // connection, proxy, STARTTLS, handshake or I/O
inline constexpr int kUsage = 2;         // unknown option, bad value, unsupported protocol
inline constexpr int kVerifyFailed = 3;  // verification failed while it was required

}  // namespace sc::exit_code
