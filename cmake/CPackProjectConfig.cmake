# SPDX-License-Identifier: GPL-3.0-or-later
# Read by cpack once for each generator it runs (CPACK_PROJECT_CONFIG_FILE, set in
# cmake/Packaging.cmake), with CPACK_GENERATOR naming that one generator.
#
# The copyright file points to Debian's copy of the GPL, /usr/share/common-licenses/GPL-3, and
# Debian policy wants no second copy in a .deb (lintian: extra-license-file). The .tar.gz goes
# to systems that may have no such file, so it carries LICENSE in share/doc/orb-billing/ beside
# the copyright file. Source packages (no CMake project installed) are left alone.
if(CPACK_GENERATOR STREQUAL "TGZ" AND CPACK_INSTALL_CMAKE_PROJECTS AND CPACK_ORB_TGZ_EXTRA_DIR)
  list(APPEND CPACK_INSTALLED_DIRECTORIES "${CPACK_ORB_TGZ_EXTRA_DIR}" ".")
endif()
