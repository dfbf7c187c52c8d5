// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The demo company for a GUI suite that runs on both engines: a company file as the window's
// demo makes it, or (under ORB_TEST_ENGINE=postgresql) the same company moved to a fresh
// database on the test cluster, as `orbctl company move-to-server` moves it.

#include "models/CompanyFile.h"
#include "models/DemoCompany.h"
#include "tests/support/CompanyFixture.h"

#include <QFileInfo>

#include <memory>

namespace orb::test {

/// The demo company named `path` (see DemoCompany::create) on the suite's engine: its file, or
/// the database it moved to (the file removed; companyLocation(path) names the database).
inline std::unique_ptr<CompanyFile> demoCompany(const QString &path, const Clock &clock, bool withBilling = true)
{
    if (!serverEngine())
        return DemoCompany::create(path, clock, withBilling);
    DemoCompany::create(path, clock, withBilling).reset();
    const QString url = onTestEngine(path);
    if (url.isEmpty())
        throw CompanyFileError(CompanyFileError::Kind::Io, QStringLiteral("cannot move the demo company %1 to the test cluster").arg(path));
    return CompanyFile::open(url);
}

/// What MainWindow::openDemo(path) does, on the suite's engine: on the server engine the demo
/// is made and moved first (demoCompany()), then the window opens the database.
template <class Window>
bool openDemo(Window &window, const QString &path, const Clock &clock, QString *error = nullptr)
{
    if (!serverEngine())
        return window.openDemo(path, error);
    if (!QFileInfo::exists(path) && companyLocation(path) == path)
        demoCompany(path, clock).reset();
    return window.openCompany(companyLocation(path), error);
}

} // namespace orb::test
