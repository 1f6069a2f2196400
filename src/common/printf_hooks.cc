// Declines glibc's printf extension hooks for the whole process.
//
// The planner links COIN-OR CBC, whose Debian build pulls in libquadmath
// (CBC -> Clp -> MUMPS/LAPACK -> libgfortran -> libquadmath). At load time
// libquadmath's constructor registers printf handlers for __float128
// (register_printf_modifier/_type/_specifier). Once any handler is registered,
// glibc sends every printf-family call in the process down its slow
// "positional" path: cpp-httplib formats each response header with snprintf,
// so every HTTP response paid for it (callgrind, authenticated GET of one
// child: vfprintf was 21,000 of the request's ~200,000 instructions, against
// a few hundred without the hooks; docs/benchmarks.md).
//
// Nothing in Vínculo prints __float128 through printf (libquadmath's own
// quadmath_snprintf does not need the hooks), so the executable defines the
// three registration functions itself and declines every registration: the
// dynamic linker binds libquadmath's calls to these definitions (the
// executable comes first in symbol lookup; CMakeLists.txt exports them with
// --export-dynamic-symbol), glibc's tables stay empty and printf keeps its
// fast path. Returning -1 is the documented "could not register" answer.
#include <cstdarg>
#include <cwchar>

extern "C" {
// NOLINTBEGIN(readability-identifier-naming): glibc's names.
int register_printf_modifier(const wchar_t* /*modifier*/) { return -1; }
int register_printf_type(void (*/*va_arg_function*/)(void*, va_list*)) { return -1; }
int register_printf_specifier(int /*spec*/, void* /*handler*/, void* /*arginfo*/) { return -1; }
// NOLINTEND(readability-identifier-naming)
}

namespace vinculo {

// Referenced from main() so that the linker takes this file out of
// libvinculo_common.a (nothing else in the program calls these functions).
bool PrintfHooksDeclined() { return register_printf_modifier(L"Q") == -1; }

}  // namespace vinculo
