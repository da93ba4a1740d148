# Helpers that give every Rollcall target the same language level, warnings and sanitizers.

set(ROLLCALL_WARNINGS
    -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Wnon-virtual-dtor -Woverloaded-virtual
    -Wimplicit-fallthrough)
if(ROLLCALL_WERROR)
  list(APPEND ROLLCALL_WARNINGS -Werror)
  # GCC 12 at -O3 reports a false -Wrestrict inside std::string's inlined copies (GCC bug
  # 105329); keep the warning visible but not fatal there.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    list(APPEND ROLLCALL_WARNINGS -Wno-error=restrict)
  endif()
endif()

if(ROLLCALL_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# Coverage instrumentation for libFuzzer on every Rollcall library, not just the fuzz targets.
if(ROLLCALL_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

if(CMAKE_BUILD_TYPE STREQUAL "Debug")
  add_compile_definitions(_GLIBCXX_ASSERTIONS)
endif()

function(rollcall_apply_warnings target)
  target_compile_options(${target} PRIVATE ${ROLLCALL_WARNINGS})
endfunction()

# rollcall_module(NAME [DEPS dep...]) builds src/NAME/*.cpp into the library rollcall_NAME.
# Sources are globbed so that adding a file needs no edit here; CONFIGURE_DEPENDS re-globs on build.
function(rollcall_module name)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/${name}/*.cpp)
  string(REPLACE "/" "_" target_suffix ${name})
  set(target rollcall_${target_suffix})
  add_library(${target} STATIC ${sources})
  target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${target} PUBLIC ${ARG_DEPS})
  rollcall_apply_warnings(${target})
endfunction()

# rollcall_unit_tests(MODULE [DEPS dep...]) builds tests/unit/MODULE/*_test.cpp into one GoogleTest
# binary and registers each test with CTest.
function(rollcall_unit_tests module)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/unit/${module}/*.cpp)
  if(NOT sources)
    return()
  endif()
  string(REPLACE "/" "_" target_suffix ${module})
  set(target ${target_suffix}_test)
  add_executable(${target} ${sources})
  target_link_libraries(${target} PRIVATE ${ARG_DEPS} rollcall_test_support GTest::gtest
                                          GTest::gmock GTest::gtest_main)
  rollcall_apply_warnings(${target})
  gtest_discover_tests(${target} DISCOVERY_TIMEOUT 60
                       PROPERTIES ENVIRONMENT "ROLLCALL_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
endfunction()
