# SPDX-License-Identifier: GPL-3.0-or-later
# CPack: every package of Orb is configured here, and only here.
#
#   Linux:   cpack -G DEB  (Debian package, dependencies computed by dpkg-shlibdeps)
#            cpack -G TGZ  (the same files in a tarball, relocatable prefix)
#   Windows: cpack -G NSIS (installer/windows: windeployqt, file association for .orb)
#   macOS:   cpack -G DragNDrop (installer/macos: Info.plist, macdeployqt)
#
# The version comes from the top-level VERSION file through project(VERSION); nothing here
# repeats it. See docs/PACKAGING.md.

set(ORB_PACKAGE_NAME "orb-billing")
# The packages are maintained by "Orb maintainers" at this address (Debian's Maintainer field,
# the changelog's trailer, the NSIS contact). Set it to a real one before publishing.
set(ORB_PACKAGE_MAINTAINER "maintainers@orb-billing.invalid"
    CACHE STRING "E-mail address of the package maintainer, \"Orb maintainers\"")
# Build folders configured before this variable held only the address have "Name <address>" in
# their cache: the old default becomes the new one, another value keeps its address.
if(ORB_PACKAGE_MAINTAINER STREQUAL "The Orb developers <packaging@orb-billing.example.org>")
  set_property(CACHE ORB_PACKAGE_MAINTAINER PROPERTY VALUE "maintainers@orb-billing.invalid")
elseif(ORB_PACKAGE_MAINTAINER MATCHES "<([^<>]*)>")
  message(WARNING "ORB_PACKAGE_MAINTAINER is now the address alone; using \"${CMAKE_MATCH_1}\" "
                  "from \"${ORB_PACKAGE_MAINTAINER}\"")
  set_property(CACHE ORB_PACKAGE_MAINTAINER PROPERTY VALUE "${CMAKE_MATCH_1}")
endif()
if(NOT ORB_PACKAGE_MAINTAINER MATCHES "^[^@ \t<>,;\"]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$")
  message(FATAL_ERROR "ORB_PACKAGE_MAINTAINER must be one e-mail address such as "
                      "maintainers@example.org, not \"${ORB_PACKAGE_MAINTAINER}\"")
endif()
set(ORB_MAINTAINER_CONTACT "Orb maintainers <${ORB_PACKAGE_MAINTAINER}>")
# Debian revision of the package; raise it when only the packaging changes.
set(ORB_DEB_RELEASE 1 CACHE STRING "Debian revision of the .deb (the part after the dash)")

add_subdirectory(${PROJECT_SOURCE_DIR}/installer ${PROJECT_BINARY_DIR}/installer)

set(CPACK_PACKAGE_NAME "${ORB_PACKAGE_NAME}")
set(CPACK_PACKAGE_VENDOR "The Orb developers")
set(CPACK_PACKAGE_CONTACT "${ORB_MAINTAINER_CONTACT}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "usage-based billing and metering for small businesses")
set(CPACK_PACKAGE_DESCRIPTION
  "Orb brings the billing engine of metered services to a small business's
finance staff: customers, a catalog of billable metrics, plans and prices,
usage events, subscriptions and invoices, kept in one local company file
(.orb) that works offline.

This package contains the desktop program, orb-billing, and the command-line
tool, orbctl, which scripts everything the window does.")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Orb")
# Orb is GPL-3.0-or-later: the installers that show a licence (NSIS, the macOS disk image) show
# its full text.
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_STRIP_FILES ON)
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
set(CPACK_PACKAGE_CHECKSUM SHA256)

if(WIN32)
  include(${PROJECT_SOURCE_DIR}/installer/windows/Windows.cmake)
elseif(APPLE)
  include(${PROJECT_SOURCE_DIR}/installer/macos/MacOS.cmake)
else()
  set(CPACK_GENERATOR "DEB;TGZ")

  # .tar.gz: bin/, share/ under orb-billing-VERSION-Linux/, and the GPL's text in
  # share/doc/orb-billing/LICENSE, which the .deb leaves to Debian (cmake/CPackProjectConfig.cmake).
  set(CPACK_ARCHIVE_FILE_NAME "${ORB_PACKAGE_NAME}-${PROJECT_VERSION}-Linux")
  include(GNUInstallDirs)
  set(CPACK_ORB_TGZ_EXTRA_DIR "${PROJECT_BINARY_DIR}/cpack-tgz-extra")
  configure_file("${PROJECT_SOURCE_DIR}/LICENSE"
                 "${CPACK_ORB_TGZ_EXTRA_DIR}/${CMAKE_INSTALL_DATADIR}/doc/${ORB_PACKAGE_NAME}/LICENSE" COPYONLY)
  set(CPACK_PROJECT_CONFIG_FILE "${PROJECT_SOURCE_DIR}/cmake/CPackProjectConfig.cmake")

  # .deb
  set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)               # orb-billing_VERSION-REV_ARCH.deb
  set(CPACK_DEBIAN_PACKAGE_RELEASE "${ORB_DEB_RELEASE}")
  set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${ORB_MAINTAINER_CONTACT}")
  set(CPACK_DEBIAN_PACKAGE_SECTION "misc")
  set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
  set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROJECT_HOMEPAGE_URL}")
  # dpkg-shlibdeps computes the libraries the binaries link (Qt, QtKeychain, curl, SQLite...).
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
  # What is loaded at run time and so invisible to dpkg-shlibdeps: Qt's SQLite driver (a
  # plugin) and libsecret (QtKeychain dlopen()s it; without it every keychain job fails).
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, libsecret-1-0")
  # A Secret Service to keep the Stripe key in.
  set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "gnome-keyring")
  set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
  set(CPACK_DEBIAN_COMPRESSION_TYPE "xz")
endif()

include(CPack)
