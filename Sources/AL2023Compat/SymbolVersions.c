// Binds the few symbols whose default version on Debian 12 is newer than what the Lambda runtime
// provided.al2023 ships (glibc 2.34 and GCC 11's libstdc++) to their older, still exported versions.
//
// The static Swift standard library and Foundation are compiled against Debian 12's headers, so their
// references carry the newest version of each symbol: hypot and hypotf at GLIBC_2.35, and
// std::condition_variable::wait at GLIBCXX_3.4.30. A binary with those references does not load on
// glibc 2.34. With PROMLAMBDA_AL2023_COMPAT defined, which scripts/package does, this file defines
// each of those symbols with hidden visibility, so the linker binds the executable's references to it
// and never exports it. Each definition forwards the call through a `.symver` reference to the version
// that glibc 2.34 and GCC 11 export. Debian's libm and libstdc++ keep those versions as compatibility
// symbols, so the code runs as on Amazon Linux 2023.
//
// The definitions are only for executables that link the Swift libraries statically. A build with
// the shared Swift libraries (debug builds, `swift test`) must leave the macro undefined, because
// those libraries also reference hypot, and a shared library cannot bind to a hidden symbol of the
// executable. scripts/check-lambda-binary fails when a newer version comes back, for example after a
// toolchain update adds another such symbol.

#include <features.h>

#if defined(PROMLAMBDA_AL2023_COMPAT) && defined(__linux__) && defined(__GLIBC__)

#if defined(__x86_64__)
#define PROMLAMBDA_GLIBC_BASELINE "GLIBC_2.2.5"
#elif defined(__aarch64__)
#define PROMLAMBDA_GLIBC_BASELINE "GLIBC_2.17"
#endif

#define PROMLAMBDA_HIDDEN __attribute__((visibility("hidden")))

#ifdef PROMLAMBDA_GLIBC_BASELINE
// glibc 2.35 gave hypot and hypotf new default versions. The baseline version is the default in
// glibc 2.34, and later releases still export it.
double promlambda_baseline_hypot(double x, double y);
float promlambda_baseline_hypotf(float x, float y);
__asm__(".symver promlambda_baseline_hypot, hypot@" PROMLAMBDA_GLIBC_BASELINE);
__asm__(".symver promlambda_baseline_hypotf, hypotf@" PROMLAMBDA_GLIBC_BASELINE);

PROMLAMBDA_HIDDEN double hypot(double x, double y) {
    return promlambda_baseline_hypot(x, y);
}

PROMLAMBDA_HIDDEN float hypotf(float x, float y) {
    return promlambda_baseline_hypotf(x, y);
}
#endif

// std::condition_variable::wait(std::unique_lock<std::mutex>&) got the version GLIBCXX_3.4.30 in
// GCC 12's libstdc++, and GCC 11 exports only GLIBCXX_3.4.11. The member function takes `this` and
// the lock by reference, so in the C calling convention it is a function of two pointers. The
// GLIBCXX_3.4.11 version is noexcept, so no exception unwinds through this frame.
void promlambda_baseline_condition_variable_wait(void *condition, void *lock);
__asm__(".symver promlambda_baseline_condition_variable_wait, "
        "_ZNSt18condition_variable4waitERSt11unique_lockISt5mutexE@GLIBCXX_3.4.11");

PROMLAMBDA_HIDDEN void _ZNSt18condition_variable4waitERSt11unique_lockISt5mutexE(void *condition, void *lock) {
    promlambda_baseline_condition_variable_wait(condition, lock);
}

#endif
