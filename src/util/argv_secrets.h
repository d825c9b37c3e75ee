// Pass phrases typed on the command line ("-pass pass:TEXT", "-proxy_pass
// pass:TEXT", also "-proxy_pass=pass:TEXT" and the "--" spellings) are visible
// to every local user in ps and /proc/PID/cmdline for as long as we run
// (openssl s_client leaves them there). Once main has copied its arguments,
// hide_pass_phrases overwrites TEXT in place with '*', so the process title
// shows "pass:****". Other sources (env:, file:, fd:, stdin) hold no secret in
// argv and are left alone. A short window between exec and this call remains:
// use those sources for real secrets.
#pragma once

namespace sc {

// Returns how many pass phrases were hidden.
int hide_pass_phrases(int argc, char** argv);

}  // namespace sc
