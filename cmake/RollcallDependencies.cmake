# Every third-party library comes from a Debian package. Those that ship a CMake package are found
# with find_package; the others through pkg-config. All are linked as SYSTEM so that our strict
# warnings apply to our code only.
find_package(PkgConfig REQUIRED)
pkg_check_modules(ICU REQUIRED IMPORTED_TARGET icu-uc icu-i18n)
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)
pkg_check_modules(EXPAT REQUIRED IMPORTED_TARGET expat)
pkg_check_modules(FREEXL REQUIRED IMPORTED_TARGET freexl)
pkg_check_modules(SECCOMP REQUIRED IMPORTED_TARGET libseccomp)
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)

find_package(fmt REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(CLI11 REQUIRED)
find_package(tomlplusplus REQUIRED)
find_package(spdlog REQUIRED)
find_package(Threads REQUIRED)  # service reads files while it loads the snapshot

if(ROLLCALL_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(ROLLCALL_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()
