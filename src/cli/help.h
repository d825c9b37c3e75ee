// -help, generated from the option table in openssl's layout.
#pragma once

#include <string>

namespace sc {

std::string render_help();

}  // namespace sc
