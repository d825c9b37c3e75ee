#include "observe/bio_debug.h"

#include <cstdio>

#include "observe/hexdump.h"

namespace sc {

std::string bio_op_text(bool write, const void* bio, const void* buf, std::size_t len, int ret,
                        const std::size_t* processed) {
    const char* what = write ? "write to" : "read from";
    char head[200];
    if (ret > 0 && processed != nullptr) {
        std::snprintf(head, sizeof head, "%s %p [%p] (%zu bytes => %zu (0x%zX))\n", what, bio, buf, len, *processed,
                      *processed);
        return head + bio_dump_text(buf, *processed);
    }
    std::snprintf(head, sizeof head, "%s %p [%p] (%zu bytes => %d)\n", what, bio, buf, len, ret);
    return head;
}

}  // namespace sc
