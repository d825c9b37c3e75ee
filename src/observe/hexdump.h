// Hex dumps in the two layouts openssl's apps print.
#pragma once

#include <cstddef>
#include <string>

namespace sc {

// libcrypto's BIO_dump layout ("0000 - 16 03 01 ...   ....").
std::string bio_dump_text(const void* data, std::size_t len);

// The -msg layout: rows of "   " followed by " %02x" per byte, 16 per row.
std::string msg_hex_rows(const void* data, std::size_t len);

}  // namespace sc
