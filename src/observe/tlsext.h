// -tlsextdebug: every extension the server sent, as openssl's tlsext_cb.
#pragma once

#include <string>

namespace sc {

std::string tlsext_text(int client_server, int type, const unsigned char* data, int len);

}  // namespace sc
