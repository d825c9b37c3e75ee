// The whole program as a function: arguments and streams in, exit code out.
#pragma once

#include <span>
#include <string_view>

#include "app/io.h"

namespace sc {

int run(std::span<const std::string_view> args, const Io& io);

}  // namespace sc
