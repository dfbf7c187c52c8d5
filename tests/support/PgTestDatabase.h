// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace orb::test {

/// The socket folder of the throwaway PostgreSQL cluster (ORB_TEST_PG_SOCKET), or empty.
QString pgTestSocket();

/**
 * A fresh, empty database on the throwaway cluster (scripts/pg-test-cluster.sh, started by the
 * ctest fixture), dropped first when it exists; returns its location
 * (postgresql://orbadmin@/NAME?host=SOCKET). Fails the test when there is no cluster.
 */
QString pgTestDatabase(const QString &name);

} // namespace orb::test
