// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/backup/ServerBackup.h"

#include "models/CompanyFile.h"
#include "models/Database.h"
#include "models/StorageError.h"
#include "models/UnitOfWork.h"
#include "models/storage/ServerSchema.h"
#include "models/usage/UsageMonthCounts.h"

#include <QHash>
#include <QScopeGuard>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace orb {

namespace {

struct Table {
    QString name;
    QStringList columns;
    QStringList primaryKey;
    QSet<QString> parents;
    bool autoincrement = false;
};

QString quoted(const QString &name)
{
    return QLatin1Char('"') + QString(name).replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
}

/// The new file's tables (its schema is this build's), parents before children.
QList<Table> tablesInOrder(const Database &file)
{
    QHash<QString, Table> byName;
    QStringList names;
    QSqlQuery t =
        file.exec(QStringLiteral("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"));
    while (t.next()) {
        Table table;
        table.name = t.value(0).toString();
        table.autoincrement = t.value(1).toString().contains(QLatin1String("AUTOINCREMENT"), Qt::CaseInsensitive);
        names << table.name;
        byName.insert(table.name, table);
    }
    for (const QString &name : std::as_const(names)) {
        Table &table = byName[name];
        QSqlQuery c = file.exec(QStringLiteral("SELECT name, pk FROM pragma_table_info(?) ORDER BY cid"), {name});
        QMap<int, QString> pk;
        while (c.next()) {
            table.columns << c.value(0).toString();
            if (c.value(1).toInt() > 0)
                pk.insert(c.value(1).toInt(), c.value(0).toString());
        }
        table.primaryKey = pk.values();
        QSqlQuery f = file.exec(QStringLiteral("SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?)"), {name});
        while (f.next())
            if (f.value(0).toString() != name)
                table.parents.insert(f.value(0).toString());
    }
    QList<Table> ordered;
    QSet<QString> placed;
    while (ordered.size() < names.size()) {
        bool progress = false;
        for (const QString &name : std::as_const(names)) {
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
            throw ServiceError::storage(QStringLiteral("the company's tables refer to each other in a circle; it cannot be backed up"));
    }
    return ordered;
}

/// Tables of the file alone, not copied: SQLite's usage key index (a server keeps none, its
/// unique index deduplicates; the file's is rebuilt from the events) and the row seals (a
/// server keeps none; what it holds are the seals of the file it was moved from, keyed by that
/// file's rowids: the backup's rows are sealed afresh as they are written).
bool fileOnly(const QString &table)
{
    return table.startsWith(QLatin1String("usage_key_")) || table == QLatin1String("row_seals");
}

constexpr int PageRows = 20000;

} // namespace

qint64 ServerBackup::write(const Database &server, const QString &path)
{
    if (!server.isServer())
        throw ServiceError::invalid(QStringLiteral("a server backup needs a company server"));
    if (server.inTransaction())
        throw ServiceError::conflict(QStringLiteral("a backup cannot run inside another action's transaction"));
    const int version = ServerSchema::version(server);
    if (version != CompanyFile::latestSchemaVersion())
        throw ServiceError::invalid(QStringLiteral("the company server has schema version %1 and this Orb writes %2: open it writable with this Orb once "
                                                   "(it is brought up to date then) and back it up again; nothing was written")
                                        .arg(version)
                                        .arg(CompanyFile::latestSchemaVersion()));

    // One snapshot for every table: a company that others keep working on is copied as it
    // stood at one instant.
    server.execNative(QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
    const auto endSnapshot = qScopeGuard([&] {
        try {
            server.execNative(QStringLiteral("ROLLBACK"));
        } catch (const ServiceError &) {
            // Only read: nothing to undo, and the connection's own error is already reported.
        }
    });

    const std::unique_ptr<CompanyFile> file = CompanyFile::createEmpty(path);
    Database &dst = file->db();
    const QList<Table> tables = tablesInOrder(dst);
    qint64 copied = 0;
    UnitOfWork uow(dst);
    // Rows of a table that refer to later rows of the same table: checked at the commit.
    dst.exec(QStringLiteral("PRAGMA defer_foreign_keys = ON"));
    // The rows the migrations seed (the format record, the schema history) come from the
    // server, as it has them.
    for (auto it = tables.crbegin(); it != tables.crend(); ++it)
        dst.exec(QStringLiteral("DELETE FROM %1").arg(quoted(it->name)));

    // Tables whose rows a server numbers in the file's rowid order (rowid_server, migration
    // 0039: the invoices, which the window lists by it): copied in that order, each row given
    // that number as its rowid, so the backup lists them in the server's order.
    QSet<QString> numbered;
    {
        QSqlQuery q = server.execNative(QStringLiteral("SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema() "
                                                       "AND column_name = 'rowid_server'"));
        while (q.next())
            numbered.insert(q.value(0).toString());
    }

    for (const Table &table : tables) {
        if (fileOnly(table.name))
            continue;
        QStringList cols;
        for (const QString &c : table.columns)
            cols << quoted(c);
        const QString colList = cols.join(QStringLiteral(", "));
        const bool byRowid = numbered.contains(table.name);
        const int width = int(table.columns.size());
        QSqlQuery insert(dst.handle());
        if (!insert.prepare(QStringLiteral("INSERT INTO %1 (%2%3) VALUES (%4)")
                                .arg(quoted(table.name), colList, byRowid ? QStringLiteral(", rowid") : QString(),
                                     QStringList(width + (byRowid ? 1 : 0), QStringLiteral("?")).join(QStringLiteral(", ")))))
            throw ServiceError::storage(QStringLiteral("cannot write %1 into %2: %3").arg(table.name, path, insert.lastError().text()));
        // Pages by the row number or the primary key when it is one column (bounded memory for
        // the large tables); a table keyed otherwise is small and read at once.
        const bool paged = byRowid || table.primaryKey.size() == 1;
        const QString pageKey = byRowid ? QStringLiteral("rowid_server") : paged ? quoted(table.primaryKey.first()) : QString();
        const int keyColumn = byRowid ? width : paged ? int(table.columns.indexOf(table.primaryKey.first())) : -1;
        QVariant last;
        qint64 tableRows = 0;
        for (;;) {
            QString sql = QStringLiteral("SELECT %1%2 FROM %3").arg(colList, byRowid ? QStringLiteral(", rowid_server") : QString(), quoted(table.name));
            QVariantList binds;
            if (paged) {
                if (last.isValid()) {
                    sql += QStringLiteral(" WHERE %1 > ?").arg(pageKey);
                    binds << last;
                }
                sql += QStringLiteral(" ORDER BY %1 LIMIT %2").arg(pageKey).arg(PageRows);
            }
            QSqlQuery rows = server.execNative(sql, binds);
            int inPage = 0;
            while (rows.next()) {
                for (int i = 0; i < width + (byRowid ? 1 : 0); ++i)
                    insert.bindValue(i, rows.value(i));
                if (!insert.exec())
                    throw ServiceError::storage(QStringLiteral("cannot write a row of %1 into %2: %3").arg(table.name, path, insert.lastError().text()));
                if (paged)
                    last = rows.value(keyColumn);
                ++inPage;
            }
            tableRows += inPage;
            if (!paged || inPage < PageRows)
                break;
        }
        qint64 there = -1;
        {
            QSqlQuery count = server.execNative(QStringLiteral("SELECT COUNT(*) FROM %1").arg(quoted(table.name)));
            if (count.next())
                there = count.value(0).toLongLong();
        }
        if (there != tableRows)
            throw ServiceError::storage(
                QStringLiteral("the backup read %1 of the %2 rows of %3 on the server; nothing was written").arg(tableRows).arg(there).arg(table.name));
        copied += tableRows;

        // AUTOINCREMENT: the file's counter continues where the server's identity stood.
        if (table.autoincrement && table.primaryKey.size() == 1) {
            QSqlQuery seq = server.execNative(QStringLiteral("SELECT pg_get_serial_sequence(?, ?)"), {quoted(table.name), table.primaryKey.first()});
            if (seq.next() && !seq.value(0).isNull()) {
                // The name the catalog gives, already quoted by it.
                QSqlQuery s = server.execNative(QStringLiteral("SELECT last_value, is_called FROM %1").arg(seq.value(0).toString()));
                if (s.next()) {
                    const qint64 high = s.value(0).toLongLong() - (s.value(1).toBool() ? 0 : 1);
                    dst.exec(
                        QStringLiteral("INSERT INTO sqlite_sequence (name, seq) SELECT ?, 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = ?)"),
                        {table.name, table.name});
                    dst.exec(QStringLiteral("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?"), {high, table.name});
                }
            }
        }
    }
    // The key index as migration 0006 first built it: every key in the small B-tree, which the
    // next import drains into a sorted run.
    dst.exec(QStringLiteral("INSERT INTO usage_key_recent (key_hash, seq) SELECT key_hash, seq FROM usage_events ORDER BY key_hash, seq"));
    // The dashboard's month counts, counted afresh from the copied events, so the file's
    // counts agree with its events whatever the server held (one pass over the events).
    UsageMonthCounts::rebuild(dst, dst.scalar(QStringLiteral("SELECT timezone FROM company WHERE id = 1")).toString());
    const qint64 version2 = dst.scalar(QStringLiteral("SELECT COALESCE(max(version), 0) FROM schema_migrations")).toLongLong();
    if (version2 != version)
        throw ServiceError::storage(QStringLiteral("the backup's schema history ends at version %1, not %2; nothing was written").arg(version2).arg(version));
    uow.commit(); // seals every row written (Database::commit)
    return copied;
}

} // namespace orb
