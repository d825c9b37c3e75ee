// -msg: one protocol message or record as openssl's msg_cb prints it.
#pragma once

#include <cstddef>
#include <string>

namespace sc {

std::string msg_text(int write_p, int version, int content_type, const void* buf, std::size_t len);

}  // namespace sc
