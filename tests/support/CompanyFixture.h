// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/Company.h"

#include <QString>
#include <QStringList>

#include <memory>

class QTemporaryDir;

namespace orb {
class Clock;
class CompanyFile;
} // namespace orb

namespace orb::test {

/// A company's settings as most tests want them: `name`, EUR, Europe/Berlin, German documents,
/// invoice numbers starting with `invoicePrefix`.
CompanySettings sampleSettings(const QString &name = QStringLiteral("Test Co"), const QString &invoicePrefix = QStringLiteral("TC-"));

/// Settings with only a name: every other setting takes Orb's default.
CompanySettings settingsNamed(const QString &name);

/// A fresh company file in `dir` (a new file name on every call, so each test function gets
/// its own), created through Orb with `settings` (by createCompany(): a server company under
/// ORB_TEST_ENGINE=postgresql).
std::unique_ptr<CompanyFile> newCompanyFile(const QTemporaryDir &dir, const CompanySettings &settings, const Clock &clock);

/**
 * The storage engine the suite runs against. ctest registers a suite made with
 * `orb_add_test(... BOTH_ENGINES)` twice: as NAME on SQLite files and as NAME_pg with
 * ORB_TEST_ENGINE=postgresql (and the throwaway cluster's ORB_TEST_PG_SOCKET), under which
 * every company the suite makes through createCompany() lives on the server. The same test
 * code then checks that the storage contract holds on both engines.
 */
bool serverEngine();

/**
 * A new company made through Orb, the way a suite that runs on both engines makes one: on
 * SQLite CompanyFile::create(path, ...); under the server engine the same company created as
 * a file at `path`, moved to a fresh database on the test cluster with MoveToServer (as
 * `orbctl company move-to-server` does) and opened there, the file removed. `path` stays the
 * company's name in the test: openCompany(path) opens it again on either engine. Throws what
 * CompanyFile::create throws.
 */
std::unique_ptr<CompanyFile> createCompany(const QString &path, const CompanySettings &settings, const Clock &clock);
/// Opens the company createCompany() made at `path` again (CompanyFile::open on its location).
std::unique_ptr<CompanyFile> openCompany(const QString &path);
/// Where createCompany() put the company named `path`: its database location under the server
/// engine, else `path` itself.
QString companyLocation(const QString &path);

/**
 * For suites that make their company with `orbctl init` into the file `path`: under the
 * server engine the company moves to a fresh database on the test cluster (as `orbctl company
 * move-to-server` moves it), the file goes, and the database's location comes back for
 * `--db`; otherwise `path` itself. Fails the calling test function (and returns an empty
 * string) when the move fails.
 */
QString onTestEngine(const QString &path);

/// Skips the calling test function on the server engine: for what only a company file has
/// (its file on disk, SQLite's locking, pragmas or raw edits of the file). `why` names it.
#define ORB_SQLITE_ONLY(why)                                                                                                                                   \
    do {                                                                                                                                                       \
        if (orb::test::serverEngine())                                                                                                                         \
            QSKIP("SQLite company files only: " why);                                                                                                          \
    } while (false)

/// Edits a file as the sqlite3 shell would (raw SQL, not through Orb, no defensive mode): the
/// way another program changes a company file. Returns the first failing statement and
/// SQLite's reason, or an empty string.
QString rawSql(const QString &path, const QStringList &statements);
/// rawSql() that fails the calling test function when a statement fails.
void rawSqlChecked(const QString &path, const QStringList &statements);
void rawSqlChecked(const QString &path, const char *sql);
/**
 * Turns a company file back into the schema of `version` the way an older program left it:
 * every trigger, view, index, table and column that later migrations added goes, objects that
 * later migrations removed come back, and the migrations table and user_version say `version`.
 * The reference is the embedded migrations up to `version` applied to an empty database, so a
 * new migration needs no change here. Rows in the remaining columns stay. Returns SQLite's
 * reason for the first step that failed, or an empty string.
 */
QString rollBackSchema(const QString &path, int version);
/// The first column of the first row of `sql`, read the same raw way ("" when there is none).
QString rawValue(const QString &path, const QString &sql);

/// Skips the calling test function (from initTestCase: the whole suite) on the server engine
/// for a path a company server does not have yet (it refuses there with "not yet available on
/// a company server"). `why` names the path; the skip goes when the path comes to the server.
#define ORB_NOT_YET_ON_SERVER(why)                                                                                                                             \
    do {                                                                                                                                                       \
        if (orb::test::serverEngine())                                                                                                                         \
            QSKIP("Not yet on a company server: " why);                                                                                                        \
    } while (false)

} // namespace orb::test
