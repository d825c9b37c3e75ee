// -security_debug[_verbose]: one line per security-callback decision, as
// openssl's security_callback_debug prints it.
#pragma once

#include <string>

namespace sc {

std::string security_text(int op, int bits, int nid, void* other, int verdict);

}  // namespace sc
