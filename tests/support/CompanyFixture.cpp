// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/CompanyFixture.h"

#include "models/CompanyFile.h"
#include "models/SqliteStatement.h"
#include "models/StorageError.h"

#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

namespace orb::test {

CompanySettings sampleSettings(const QString &name, const QString &invoicePrefix)
{
    CompanySettings s;
    s.name = name;
    s.defaultCurrency = QStringLiteral("EUR");
    s.timezone = QStringLiteral("Europe/Berlin");
    s.invoicePrefix = invoicePrefix;
    s.documentLocale = QStringLiteral("de_DE");
    return s;
}

CompanySettings settingsNamed(const QString &name)
{
    CompanySettings s;
    s.name = name;
    return s;
}

std::unique_ptr<CompanyFile> newCompanyFile(const QTemporaryDir &dir, const CompanySettings &settings, const Clock &clock)
{
    static int n = 0;
    return CompanyFile::create(dir.filePath(QStringLiteral("company-%1.orb").arg(++n)), settings, clock);
}

QString rawSql(const QString &path, const QStringList &statements)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open(path.toUtf8().constData(), &db) != SQLITE_OK) {
        sqlite3_close(db);
        return QStringLiteral("%1: open failed").arg(path);
    }
    QString error;
    for (const QString &s : statements) {
        char *msg = nullptr;
        if (sqlite3_exec(db, s.toUtf8().constData(), nullptr, nullptr, &msg) != SQLITE_OK) {
            error = QStringLiteral("%1: %2").arg(s, QString::fromUtf8(msg));
            sqlite3_free(msg);
            break;
        }
    }
    sqlite3_close(db);
    return error;
}

void rawSqlChecked(const QString &path, const QStringList &statements)
{
    const QString error = rawSql(path, statements);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void rawSqlChecked(const QString &path, const char *sql)
{
    rawSqlChecked(path, QStringList{QString::fromUtf8(sql)});
}

QString rawValue(const QString &path, const QString &sql)
{
    sqlite3 *db = nullptr;
    QString value;
    if (sqlite3_open(path.toUtf8().constData(), &db) == SQLITE_OK) {
        try {
            const QByteArray text = sql.toUtf8();
            SqliteStatement st(db, text.constData(), int(text.size()), "reading a value");
            if (st.next())
                value = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(st, 0)));
        } catch (const ServiceError &) {
            value.clear(); // a statement the file refuses reads as nothing
        }
    }
    sqlite3_close(db);
    return value;
}

} // namespace orb::test
