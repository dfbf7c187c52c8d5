# SPDX-License-Identifier: GPL-3.0-or-later
# One INTERFACE target carries the language standard, the warnings and the Qt hygiene defines.
# Every target of the project links it.
add_library(orb_options INTERFACE)
target_compile_features(orb_options INTERFACE cxx_std_17)
target_compile_options(orb_options INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual
  -Wformat=2 -Wimplicit-fallthrough -Wno-long-long)
if(ORB_WERROR)
  target_compile_options(orb_options INTERFACE -Werror)
endif()
target_compile_definitions(orb_options INTERFACE
  QT_NO_CAST_TO_ASCII
  QT_NO_CAST_FROM_BYTEARRAY
  QT_NO_URL_CAST_FROM_STRING
  QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
  QT_NO_FOREACH
  QT_USE_QSTRINGBUILDER
  QT_DISABLE_DEPRECATED_BEFORE=0x060400
  ORB_VERSION_STRING="${PROJECT_VERSION}")
target_include_directories(orb_options INTERFACE ${PROJECT_SOURCE_DIR})

# ORB_SANITIZE=ON builds everything with AddressSanitizer and UndefinedBehaviorSanitizer, and a
# report of either stops the program (CI runs the no-GUI configuration this way). Applied
# globally so static libraries, tests and the fuzz targets agree on the instrumented runtime.
option(ORB_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
if(ORB_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# ORB_FUZZ=ON (with clang) instruments everything for libFuzzer's coverage and builds the
# targets in tests/fuzz; use it with ORB_SANITIZE=ON. scripts/fuzz.sh sets both.
option(ORB_FUZZ "Build the libFuzzer targets (clang only)" OFF)
if(ORB_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "ORB_FUZZ needs clang (CXX=clang++-14)")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
