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
/// its own), created through Orb with `settings`.
std::unique_ptr<CompanyFile> newCompanyFile(const QTemporaryDir &dir, const CompanySettings &settings, const Clock &clock);

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

} // namespace orb::test
