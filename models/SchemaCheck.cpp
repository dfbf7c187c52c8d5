// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/SchemaCheck.h"

#include "models/Database.h"
#include "models/StorageError.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QMutex>
#include <QMutexLocker>
#include <QRegularExpression>
#include <QSqlQuery>

namespace orb {

namespace {

QString key(const SchemaObject &o)
{
    return o.type + QLatin1Char('\x1f') + o.name;
}

QString describe(const SchemaObject &o)
{
    if ((o.type == QLatin1String("trigger") || o.type == QLatin1String("index")) && !o.table.isEmpty())
        return QStringLiteral("%1 \"%2\" on %3").arg(o.type, o.name, o.table);
    return QStringLiteral("%1 \"%2\"").arg(o.type, o.name);
}

} // namespace

QString Migration::script() const
{
    QFile f(resource);
    if (!f.open(QIODevice::ReadOnly))
        throw ServiceError::storage(QStringLiteral("migration %1 is missing from this build").arg(version));
    return QString::fromUtf8(f.readAll());
}

QList<Migration> SchemaCheck::migrations()
{
    QList<Migration> list;
    static const QRegularExpression re(QStringLiteral("^(\\d{4})_(.+)\\.sql$"));
    const QDir dir(QStringLiteral(":/migrations"));
    const QStringList files = dir.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    for (const QString &f : files) {
        const auto m = re.match(f);
        if (m.hasMatch())
            list.append({m.captured(1).toInt(), m.captured(2), dir.filePath(f)});
    }
    return list;
}

QList<SchemaObject> SchemaCheck::actual(const Database &db)
{
    QList<SchemaObject> out;
    // SQLite's own tables are no part of the comparison: sqlite_stat1/sqlite_stat4 hold planner
    // statistics (ANALYZE, PRAGMA optimize) and sqlite_sequence the AUTOINCREMENT counters,
    // which SQLite creates with the first such table and never drops. Numbers, never SQL that
    // runs; their SQL is SQLite's, not the file's (an object named sqlite_* cannot be created).
    // Matched by type, name and SQL together: the same name with any other SQL (written in
    // through writable_schema) is compared like any object, and refused.
    QSqlQuery q = db.exec(QStringLiteral("SELECT type, name, tbl_name, sql FROM main.sqlite_schema "
                                         "WHERE NOT (type = 'table' AND ((name = 'sqlite_sequence' AND sql = 'CREATE TABLE sqlite_sequence(name,seq)') "
                                         "OR (name = 'sqlite_stat1' AND sql = 'CREATE TABLE sqlite_stat1(tbl,idx,stat)') "
                                         "OR (name = 'sqlite_stat4' AND sql = 'CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)'))) "
                                         "ORDER BY type, name"));
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString()});
    return out;
}

QList<SchemaObject> SchemaCheck::expected(int version)
{
    static QMutex mutex;
    static QHash<int, QList<SchemaObject>> cache;
    QMutexLocker lock(&mutex);
    const auto it = cache.constFind(version);
    if (it != cache.constEnd())
        return *it;
    // The same statements, split the same way (Database::execScript), as CompanyFile::migrate()
    // runs them: SQLite stores each CREATE statement's text as written, so the texts compare
    // exactly, including what ALTER TABLE wrote into them.
    Database memory;
    memory.open(QStringLiteral(":memory:"), Database::Mode::ReadWrite);
    for (const Migration &m : migrations()) {
        if (m.version > version)
            break;
        memory.execScript(m.script());
    }
    QList<SchemaObject> list = actual(memory);
    cache.insert(version, list);
    return list;
}

QStringList SchemaCheck::differences(const QList<SchemaObject> &actual, const QList<SchemaObject> &expected)
{
    QHash<QString, SchemaObject> wanted;
    for (const SchemaObject &o : expected)
        wanted.insert(key(o), o);
    QStringList problems;
    QSet<QString> seen;
    for (const SchemaObject &o : actual) {
        const QString k = key(o);
        seen.insert(k);
        const auto it = wanted.constFind(k);
        if (it == wanted.constEnd()) {
            problems << QStringLiteral("an unknown %1 (not created by Orb)").arg(describe(o));
            continue;
        }
        if (it->sql != o.sql || it->table != o.table)
            problems << QStringLiteral("the %1 was altered (its SQL is not Orb's)").arg(describe(o));
    }
    for (const SchemaObject &o : expected)
        if (!seen.contains(key(o)))
            problems << QStringLiteral("the %1 is missing").arg(describe(o));
    return problems;
}

QStringList SchemaCheck::check(const Database &db, int version)
{
    return differences(actual(db), expected(version));
}

} // namespace orb
