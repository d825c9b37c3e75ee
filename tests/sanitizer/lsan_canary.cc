// A deliberate leak, built only in the sanitizer build: its test passes when
// LeakSanitizer reports it, proving leak checking is on and effective for the
// whole suite (ASAN_OPTIONS=detect_leaks=1 in scripts/test.sh).
#include <cstdio>
#include <cstring>

int main() {
    char* volatile leaked = new char[4096];
    std::strcpy(leaked, "leaked on purpose");
    std::printf("%s\n", leaked);
    leaked = nullptr;
    return 0;
}
