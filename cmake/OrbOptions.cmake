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
