# SPDX-License-Identifier: GPL-3.0-or-later
# Windows packaging: an NSIS installer (and a .zip of the same files) with Qt deployed by
# windeployqt, the other DLLs (QtKeychain, libcurl, SQLite) found by CMake's runtime-dependency
# scan, a Start menu entry, orbctl on PATH and the .orb file association.
# Included from cmake/Packaging.cmake when WIN32. Written for MSVC + the Qt online installer
# (or vcpkg); it cannot be built on the Debian machine: see docs/PACKAGING.md.

set(ORB_WINDOWS_DIR "${CMAKE_CURRENT_LIST_DIR}")

if(TARGET orb-billing)
  # A window program (no console), with the icon and version resource.
  set_target_properties(orb-billing PROPERTIES WIN32_EXECUTABLE ON)
  configure_file("${ORB_WINDOWS_DIR}/orb-billing.rc.in" "${PROJECT_BINARY_DIR}/installer/orb-billing.rc" @ONLY)
  target_sources(orb-billing PRIVATE "${PROJECT_BINARY_DIR}/installer/orb-billing.rc")
endif()

# The GPL's text goes with the programs (the installer also shows it: CPACK_RESOURCE_FILE_LICENSE).
install(FILES "${PROJECT_SOURCE_DIR}/LICENSE" DESTINATION . RENAME LICENSE.txt)

# windeployqt sits next to qmake in Qt's bin folder.
get_target_property(_orb_qmake Qt6::qmake IMPORTED_LOCATION)
get_filename_component(_orb_qt_bin "${_orb_qmake}" DIRECTORY)
find_program(ORB_WINDEPLOYQT windeployqt HINTS "${_orb_qt_bin}" REQUIRED)

# Folders where the non-Qt DLLs live (vcpkg's or the SDKs' bin folders).
set(ORB_DLL_DIRS "${_orb_qt_bin}" CACHE STRING "Folders searched for the DLLs the programs need")
foreach(prefix IN LISTS CMAKE_PREFIX_PATH)
  list(APPEND ORB_DLL_DIRS "${prefix}/bin")
endforeach()

set(_orb_programs "bin/orbctl.exe")
if(TARGET orb-billing)
  list(PREPEND _orb_programs "bin/orb-billing.exe")
endif()

# Runs at install time, so also when CPack stages the package: \${CMAKE_INSTALL_PREFIX} is then
# CPack's staging folder.
install(CODE "
  set(programs \"\")
  foreach(p ${_orb_programs})
    list(APPEND programs \"\${CMAKE_INSTALL_PREFIX}/\${p}\")
  endforeach()
  # Qt: its DLLs and the plugins it loads at run time (platforms/qwindows, sqldrivers/qsqlite,
  # styles, imageformats, printsupport) next to the programs.
  execute_process(COMMAND \"${ORB_WINDEPLOYQT}\" --release --no-translations --no-system-d3d-compiler
                          --no-opengl-sw --compiler-runtime --dir \"\${CMAKE_INSTALL_PREFIX}/bin\" \${programs}
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR \"windeployqt failed (\${rc})\")
  endif()
  # Everything else the programs link: QtKeychain, libcurl and its TLS, SQLite.
  file(GET_RUNTIME_DEPENDENCIES
       EXECUTABLES \${programs}
       RESOLVED_DEPENDENCIES_VAR deps
       UNRESOLVED_DEPENDENCIES_VAR missing
       DIRECTORIES ${ORB_DLL_DIRS}
       PRE_EXCLUDE_REGEXES \"^api-ms-\" \"^ext-ms-\"
       POST_EXCLUDE_REGEXES \"[Ss]ystem32\" \"[Ww]in[Ss]x[Ss]\")
  foreach(dll IN LISTS deps)
    file(INSTALL \"\${dll}\" DESTINATION \"\${CMAKE_INSTALL_PREFIX}/bin\")
  endforeach()
  if(missing)
    message(WARNING \"DLLs not found (add their folder to ORB_DLL_DIRS): \${missing}\")
  endif()
")

set(CPACK_GENERATOR "NSIS;ZIP")
set(CPACK_PACKAGE_INSTALL_REGISTRY_KEY "Orb")
set(CPACK_PACKAGE_EXECUTABLES "orb-billing" "Orb")          # Start menu entry
set(CPACK_NSIS_PACKAGE_NAME "Orb ${PROJECT_VERSION}")
set(CPACK_NSIS_DISPLAY_NAME "Orb")
set(CPACK_NSIS_MUI_ICON "${ORB_WINDOWS_DIR}/orb.ico")
set(CPACK_NSIS_MUI_UNIICON "${ORB_WINDOWS_DIR}/orb.ico")
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\orb-billing.exe")
set(CPACK_NSIS_URL_INFO_ABOUT "${PROJECT_HOMEPAGE_URL}")
set(CPACK_NSIS_HELP_LINK "${PROJECT_HOMEPAGE_URL}")
set(CPACK_NSIS_CONTACT "${ORB_MAINTAINER_CONTACT}")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_MODIFY_PATH ON)                                  # offers to put orbctl on PATH
set(CPACK_NSIS_EXECUTABLES_DIRECTORY "bin")
set(CPACK_NSIS_MUI_FINISHPAGE_RUN "orb-billing.exe")
# .orb files open in Orb: registry keys written by the installer and removed by the uninstaller.
file(TO_NATIVE_PATH "${ORB_WINDOWS_DIR}/register-filetype.nsh" _orb_register_nsh)
file(TO_NATIVE_PATH "${ORB_WINDOWS_DIR}/unregister-filetype.nsh" _orb_unregister_nsh)
set(CPACK_NSIS_EXTRA_INSTALL_COMMANDS "!include \\\"${_orb_register_nsh}\\\"")
set(CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS "!include \\\"${_orb_unregister_nsh}\\\"")
