// -debug: what openssl's bio_dump_callback prints for one socket read/write.
#pragma once

#include <cstddef>
#include <string>

namespace sc {

// processed: bytes moved when ret > 0 (nullptr otherwise).
std::string bio_op_text(bool write, const void* bio, const void* buf, std::size_t len, int ret,
                        const std::size_t* processed);

}  // namespace sc
