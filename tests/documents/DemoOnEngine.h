// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/CompanyFile.h"
#include "models/DemoCompany.h"
#include "models/StorageError.h"
#include "tests/support/CompanyFixture.h"

#include <memory>

namespace orb::test {

/// Orb's demo company at `path` on the suite's engine: the file DemoCompany makes, under the
/// server engine moved to a fresh database on the test cluster (as `orbctl company
/// move-to-server` moves it) and opened there.
inline std::unique_ptr<CompanyFile> demoCompany(const QString &path, const Clock &clock, bool withBilling)
{
    if (!serverEngine())
        return DemoCompany::create(path, clock, withBilling);
    DemoCompany::create(path, clock, withBilling).reset(); // closed before the move reads it
    const QString url = onTestEngine(path);
    if (url.isEmpty())
        throw CompanyFileError(CompanyFileError::Kind::Io, QStringLiteral("cannot move the demo company %1 to the test cluster").arg(path));
    return CompanyFile::open(url);
}

} // namespace orb::test
