// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/storage/MoveToServer.h"

#include "models/CompanyFile.h"
#include "models/Database.h"
#include "models/StorageError.h"
#include "models/UnitOfWork.h"
#include "models/storage/CompanyLocation.h"
#include "models/storage/ServerRoles.h"
#include "models/storage/ServerSchema.h"

#include <QHash>
#include <QSet>
#include <QSqlQuery>
#include <QSqlRecord>

namespace orb {

namespace {

struct Table {
    QString name;
    QStringList columns;
    QSet<QString> parents; ///< tables its foreign keys point to
    bool withoutRowid = false;
};

QString quoted(const QString &name)
{
    return QLatin1Char('"') + QString(name).replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
}

// The file's tables, parents before children, so every row's foreign keys find their rows.
QList<Table> tablesInOrder(const Database &file)
{
    QHash<QString, Table> byName;
    QStringList names;
    QSqlQuery t =
        file.exec(QStringLiteral("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"));
    while (t.next()) {
        Table table;
        table.name = t.value(0).toString();
        table.withoutRowid = t.value(1).toString().contains(QLatin1String("WITHOUT ROWID"), Qt::CaseInsensitive);
        names << table.name;
        byName.insert(table.name, table);
    }
    for (const QString &name : names) {
        Table &table = byName[name];
        QSqlQuery c = file.exec(QStringLiteral("SELECT name FROM pragma_table_info(?) ORDER BY cid"), {name});
        while (c.next())
            table.columns << c.value(0).toString();
        QSqlQuery f = file.exec(QStringLiteral("SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?)"), {name});
        while (f.next())
            if (f.value(0).toString() != name)
                table.parents.insert(f.value(0).toString());
    }
    QList<Table> ordered;
    QSet<QString> placed;
    while (ordered.size() < names.size()) {
        bool progress = false;
        for (const QString &name : names) {
            if (placed.contains(name))
                continue;
            bool ready = true;
            for (const QString &p : byName[name].parents)
                ready = ready && (placed.contains(p) || !byName.contains(p));
            if (ready) {
                ordered << byName[name];
                placed.insert(name);
                progress = true;
            }
        }
        if (!progress)
            throw ServiceError::storage(QStringLiteral("the company file's tables refer to each other in a circle; it cannot be moved"));
    }
    return ordered;
}

} // namespace

MoveReport MoveToServer::run(CompanyFile &source, const QString &locationText, const std::function<void(const QString &, qint64)> &progress)
{
    if (source.isServer())
        throw ServiceError::invalid(QStringLiteral("%1 is already on a company server; move-to-server copies a company file").arg(source.path()));
    if (source.schemaVersion() != CompanyFile::latestSchemaVersion())
        throw ServiceError::invalid(QStringLiteral("%1 has schema version %2, this Orb writes %3: open it writable once (it is upgraded then), then move it")
                                        .arg(source.path())
                                        .arg(source.schemaVersion())
                                        .arg(CompanyFile::latestSchemaVersion()));
    const CompanyLocation location = CompanyLocation::parse(locationText);
    if (!location.isServer())
        throw ServiceError::invalid(QStringLiteral("%1 is not a company server location (postgresql://user@host/database)").arg(locationText));

    Database server;
    server.openServer(location, Database::Mode::ReadWrite);
    const Database &file = source.db();
    MoveReport report;
    report.location = location.display();

    UnitOfWork uow(server);
    // Only into an empty database: a move never mixes two companies or overwrites one.
    const int existing = server.scalar(QStringLiteral("SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema()")).toInt();
    if (existing > 0)
        throw ServiceError::invalid(QStringLiteral("the database %1 is not empty (%2 tables); move-to-server fills a fresh database only. Nothing was changed.")
                                        .arg(report.location)
                                        .arg(existing));
    ServerSchema::migrate(server);
    const QList<Table> tables = tablesInOrder(file);
    // The rows the migrations seed (the format record, the schema history) come from the file
    // as well: its history and its values, not today's.
    QStringList all;
    for (const Table &table : tables)
        all << quoted(table.name);
    if (!all.isEmpty())
        server.execNative(QStringLiteral("TRUNCATE %1").arg(all.join(QStringLiteral(", "))));

    for (const Table &table : tables) {
        QStringList cols;
        for (const QString &c : table.columns)
            cols << quoted(c);
        const QString colList = cols.join(QStringLiteral(", "));
        // In the file's own order (rowid), so rows that refer to earlier rows of their table
        // find them, and identity values are not reordered.
        QSqlQuery rows = file.exec(
            QStringLiteral("SELECT %1 FROM %2%3").arg(colList, quoted(table.name), table.withoutRowid ? QString() : QStringLiteral(" ORDER BY _rowid_")));
        const int width = int(table.columns.size());
        const int perStatement = qMax(1, qMin(500, 30000 / qMax(1, width)));
        QString oneRow = QStringLiteral("(") + QStringList(width, QStringLiteral("?")).join(QStringLiteral(", ")) + QStringLiteral(")");
        QVariantList binds;
        int pending = 0;
        qint64 copied = 0;
        const auto flush = [&] {
            if (pending == 0)
                return;
            const QString sql = QStringLiteral("INSERT INTO %1 (%2) OVERRIDING SYSTEM VALUE VALUES %3")
                                    .arg(quoted(table.name), colList, QStringList(pending, oneRow).join(QStringLiteral(", ")));
            server.execNative(sql, binds);
            binds.clear();
            copied += pending;
            pending = 0;
            if (progress)
                progress(table.name, copied);
        };
        while (rows.next()) {
            for (int i = 0; i < width; ++i)
                binds << rows.value(i);
            if (++pending == perStatement)
                flush();
        }
        flush();
        const qint64 there = server.scalar(QStringLiteral("SELECT COUNT(*) FROM %1").arg(quoted(table.name))).toLongLong();
        const qint64 here = file.scalar(QStringLiteral("SELECT COUNT(*) FROM %1").arg(quoted(table.name))).toLongLong();
        if (there != here || copied != here)
            throw ServiceError::storage(
                QStringLiteral("moving %1 to the server copied %2 of its %3 rows; nothing was moved").arg(table.name).arg(there).arg(here));
        ++report.tables;
        report.rows += copied;
    }

    // Identity counters continue where the file's would: past the highest id, and past
    // AUTOINCREMENT's high-water mark (ids of deleted rows are never given out again).
    QHash<QString, qint64> highWater;
    if (file.scalar(QStringLiteral("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'sqlite_sequence'")).toInt() > 0) {
        QSqlQuery s = file.exec(QStringLiteral("SELECT name, seq FROM sqlite_sequence"));
        while (s.next())
            highWater.insert(s.value(0).toString(), s.value(1).toLongLong());
    }
    QSqlQuery identities = server.execNative(
        QStringLiteral("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES'"));
    QList<QPair<QString, QString>> idColumns;
    while (identities.next())
        idColumns.append({identities.value(0).toString(), identities.value(1).toString()});
    for (const auto &[table, column] : idColumns) {
        const qint64 maxId = server.scalar(QStringLiteral("SELECT COALESCE(MAX(%1), 0) FROM %2").arg(quoted(column), quoted(table))).toLongLong();
        const qint64 next = qMax(maxId, highWater.value(table)) + 1;
        server.execNative(QStringLiteral("SELECT setval(pg_get_serial_sequence(?, ?), ?, false)"), {quoted(table), column, next});
    }
    report.schemaVersion = ServerSchema::version(server);
    if (report.schemaVersion != source.schemaVersion())
        throw ServiceError::storage(
            QStringLiteral("the moved schema history ends at version %1, not %2; nothing was moved").arg(report.schemaVersion).arg(source.schemaVersion()));
    // The company's roles come with it: the group roles and their grants, the mover an admin.
    ServerRoles::setUp(server);
    uow.commit();
    return report;
}

} // namespace orb
