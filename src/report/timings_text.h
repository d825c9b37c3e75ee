// The -timings block (stderr): one line per phase that happened.
#pragma once

#include <string>

#include "util/timings.h"

namespace sc {

std::string render_timings(const Timings& t);

}  // namespace sc
