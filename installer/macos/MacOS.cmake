# SPDX-License-Identifier: GPL-3.0-or-later
# macOS packaging: Orb.app (Info.plist with the .orb document type, icon), Qt deployed into the
# bundle by macdeployqt, shipped as a .dmg (CPack DragNDrop). Included from cmake/Packaging.cmake
# when APPLE. It cannot be built on the Debian machine: see docs/PACKAGING.md.

set(ORB_MACOS_DIR "${CMAKE_CURRENT_LIST_DIR}")
set(ORB_ICONS "${PROJECT_SOURCE_DIR}/installer/linux/icons/hicolor")

if(TARGET orb-billing)
  # Orb.icns from the hicolor PNGs, with iconutil (part of Xcode's command-line tools).
  set(iconset "${PROJECT_BINARY_DIR}/installer/Orb.iconset")
  set(icns "${PROJECT_BINARY_DIR}/installer/Orb.icns")
  add_custom_command(
    OUTPUT "${icns}"
    COMMAND ${CMAKE_COMMAND} -E make_directory "${iconset}"
    COMMAND ${CMAKE_COMMAND} -E copy "${ORB_ICONS}/16x16/apps/io.github.orb.Billing.png" "${iconset}/icon_16x16.png"
    COMMAND ${CMAKE_COMMAND} -E copy "${ORB_ICONS}/32x32/apps/io.github.orb.Billing.png" "${iconset}/icon_16x16@2x.png"
    COMMAND ${CMAKE_COMMAND} -E copy "${ORB_ICONS}/32x32/apps/io.github.orb.Billing.png" "${iconset}/icon_32x32.png"
    COMMAND ${CMAKE_COMMAND} -E copy "${ORB_ICONS}/64x64/apps/io.github.orb.Billing.png" "${iconset}/icon_32x32@2x.png"
    COMMAND ${CMAKE_COMMAND} -E copy "${ORB_ICONS}/128x128/apps/io.github.orb.Billing.png" "${iconset}/icon_128x128.png"
    COMMAND ${CMAKE_COMMAND} -E copy "${ORB_ICONS}/256x256/apps/io.github.orb.Billing.png" "${iconset}/icon_128x128@2x.png"
    COMMAND ${CMAKE_COMMAND} -E copy "${ORB_ICONS}/256x256/apps/io.github.orb.Billing.png" "${iconset}/icon_256x256.png"
    COMMAND iconutil -c icns -o "${icns}" "${iconset}"
    DEPENDS "${ORB_ICONS}/256x256/apps/io.github.orb.Billing.png"
    VERBATIM)
  target_sources(orb-billing PRIVATE "${icns}")
  set_source_files_properties("${icns}" PROPERTIES MACOSX_PACKAGE_LOCATION Resources)

  set_target_properties(orb-billing PROPERTIES
    MACOSX_BUNDLE ON
    OUTPUT_NAME "Orb"
    MACOSX_BUNDLE_INFO_PLIST "${ORB_MACOS_DIR}/Info.plist.in"
    MACOSX_BUNDLE_GUI_IDENTIFIER "io.github.orb.Billing"
    MACOSX_BUNDLE_BUNDLE_NAME "Orb"
    MACOSX_BUNDLE_ICON_FILE "Orb.icns"
    MACOSX_BUNDLE_SHORT_VERSION_STRING "${PROJECT_VERSION}"
    MACOSX_BUNDLE_BUNDLE_VERSION "${PROJECT_VERSION}"
    MACOSX_BUNDLE_COPYRIGHT "Copyright © 2026 The Orb developers. GPL-3.0-or-later")

  # app/CMakeLists.txt installs orb-billing with RUNTIME DESTINATION only, which does not place a
  # bundle; install the built bundle whole here (docs/PACKAGING.md: the one-line alternative).
  install(DIRECTORY "$<TARGET_BUNDLE_DIR:orb-billing>" DESTINATION "." USE_SOURCE_PERMISSIONS)
  # The GPL's text beside Orb.app on the disk image.
  install(FILES "${PROJECT_SOURCE_DIR}/LICENSE" DESTINATION ".")

  # macdeployqt copies Qt's frameworks and plugins (cocoa, sqldrivers/libqsqlite, styles) and the
  # other dylibs (QtKeychain, curl from Homebrew) into the bundle, and rewrites their paths.
  # orbctl goes inside the bundle too (Contents/MacOS) so that it shares those frameworks.
  get_target_property(_orb_qmake Qt6::qmake IMPORTED_LOCATION)
  get_filename_component(_orb_qt_bin "${_orb_qmake}" DIRECTORY)
  find_program(ORB_MACDEPLOYQT macdeployqt HINTS "${_orb_qt_bin}" REQUIRED)
  set(ORB_CODESIGN_IDENTITY "" CACHE STRING "Developer ID for codesign (empty: ad-hoc signature)")
  install(CODE "
    set(app \"\${CMAKE_INSTALL_PREFIX}/Orb.app\")
    file(INSTALL \"\${CMAKE_INSTALL_PREFIX}/bin/orbctl\" DESTINATION \"\${app}/Contents/MacOS\" USE_SOURCE_PERMISSIONS)
    set(sign)
    if(NOT \"${ORB_CODESIGN_IDENTITY}\" STREQUAL \"\")
      set(sign \"-codesign=${ORB_CODESIGN_IDENTITY}\" -hardened-runtime -timestamp)
    endif()
    execute_process(COMMAND \"${ORB_MACDEPLOYQT}\" \"\${app}\" -always-overwrite
                            \"-executable=\${app}/Contents/MacOS/orbctl\" \${sign}
                    RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR \"macdeployqt failed (\${rc})\")
    endif()
    file(REMOVE_RECURSE \"\${CMAKE_INSTALL_PREFIX}/bin\")
  ")
endif()

set(CPACK_GENERATOR "DragNDrop")
set(CPACK_DMG_VOLUME_NAME "Orb ${PROJECT_VERSION}")
set(CPACK_DMG_FORMAT "UDZO")
set(CPACK_PACKAGE_FILE_NAME "Orb-${PROJECT_VERSION}-macOS")
