// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/storage/ServerSchema.h"

#include "models/Database.h"
#include "models/StorageError.h"
#include "models/Timestamps.h"
#include "models/UnitOfWork.h"

#include <QDateTime>
#include <QDir>
#include <QHash>
#include <QRegularExpression>
#include <QSqlQuery>

#include <sqlite3.h>

#include <algorithm>

namespace orb {

namespace {

QString typeClass(const QString &declared)
{
    // SQLite's affinity rules (datatype3.html, 3.1), and PostgreSQL's types mapped to them.
    const QString t = declared.toUpper();
    if (t.contains(QLatin1String("INT")))
        return QStringLiteral("integer");
    if (t.contains(QLatin1String("CHAR")) || t.contains(QLatin1String("CLOB")) || t.contains(QLatin1String("TEXT")))
        return QStringLiteral("text");
    if (t.isEmpty() || t.contains(QLatin1String("BLOB")) || t == QLatin1String("BYTEA"))
        return QStringLiteral("blob");
    if (t.contains(QLatin1String("REAL")) || t.contains(QLatin1String("FLOA")) || t.contains(QLatin1String("DOUB")))
        return QStringLiteral("real");
    return QStringLiteral("numeric");
}

QString column(const QString &name)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    return plain.match(name).hasMatch() ? name : QStringLiteral("<expr>");
}

QString action(QString a)
{
    a = a.toLower();
    if (a == QLatin1String("a") || a.isEmpty())
        return QStringLiteral("no action");
    if (a == QLatin1String("r"))
        return QStringLiteral("restrict");
    if (a == QLatin1String("c"))
        return QStringLiteral("cascade");
    if (a == QLatin1String("n"))
        return QStringLiteral("set null");
    if (a == QLatin1String("d"))
        return QStringLiteral("set default");
    return a;
}

QStringList describeSqlite(const Database &db)
{
    QStringList out;
    QStringList tables;
    QSqlQuery t = db.exec(QStringLiteral("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"));
    while (t.next())
        tables << t.value(0).toString();
    QHash<QString, QStringList> primary;
    for (const QString &table : tables) {
        out << QStringLiteral("table %1").arg(table);
        QSqlQuery c = db.exec(QStringLiteral("SELECT name, type, \"notnull\", pk FROM pragma_table_info(?) ORDER BY cid"), {table});
        QList<QPair<int, QString>> pk;
        while (c.next()) {
            const bool isPk = c.value(3).toInt() > 0;
            // PostgreSQL makes every primary key column NOT NULL; SQLite only its rowid alias
            // (the others are NOT NULL in every Orb migration that matters, by their CHECKs).
            out << QStringLiteral("column %1.%2 %3%4")
                       .arg(table, c.value(0).toString(), typeClass(c.value(1).toString()),
                            c.value(2).toInt() != 0 || isPk ? QStringLiteral(" not null") : QString());
            if (isPk)
                pk.append({c.value(3).toInt(), c.value(0).toString()});
        }
        std::sort(pk.begin(), pk.end());
        QStringList pkCols;
        for (const auto &p : pk)
            pkCols << p.second;
        primary.insert(table, pkCols);
        if (!pkCols.isEmpty())
            out << QStringLiteral("primary key %1(%2)").arg(table, pkCols.join(QLatin1Char(',')));
        QSqlQuery i = db.exec(QStringLiteral("SELECT name, \"unique\", origin, partial FROM pragma_index_list(?)"), {table});
        while (i.next()) {
            const QString name = i.value(0).toString();
            const QString origin = i.value(2).toString();
            if (origin == QLatin1String("pk"))
                continue;
            QStringList cols;
            QSqlQuery k = db.exec(QStringLiteral("SELECT name FROM pragma_index_info(?) ORDER BY seqno"), {name});
            while (k.next())
                cols << (k.value(0).isNull() ? QStringLiteral("<expr>") : column(k.value(0).toString()));
            if (origin == QLatin1String("u"))
                out << QStringLiteral("unique key %1(%2)").arg(table, cols.join(QLatin1Char(',')));
            else
                out << QStringLiteral("index %1 on %2(%3)%4%5")
                           .arg(name, table, cols.join(QLatin1Char(',')), i.value(1).toInt() ? QStringLiteral(" unique") : QString(),
                                i.value(3).toInt() ? QStringLiteral(" partial") : QString());
        }
    }
    for (const QString &table : tables) {
        QSqlQuery f =
            db.exec(QStringLiteral("SELECT id, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq"), {table});
        QMap<int, QStringList> from, to;
        QMap<int, QString> target, upd, del;
        while (f.next()) {
            const int id = f.value(0).toInt();
            target[id] = f.value(1).toString();
            from[id] << f.value(2).toString();
            if (!f.value(3).isNull())
                to[id] << f.value(3).toString();
            upd[id] = f.value(4).toString();
            del[id] = f.value(5).toString();
        }
        for (auto it = from.constBegin(); it != from.constEnd(); ++it) {
            const QStringList toCols = to.value(it.key()).isEmpty() ? primary.value(target[it.key()]) : to.value(it.key());
            out << QStringLiteral("foreign key %1(%2) -> %3(%4) on update %5 on delete %6")
                       .arg(table, it.value().join(QLatin1Char(',')), target[it.key()], toCols.join(QLatin1Char(',')), action(upd[it.key()]),
                            action(del[it.key()]));
        }
    }
    out.sort();
    return out;
}

QStringList describePostgres(const Database &db)
{
    QStringList out;
    QSqlQuery t = db.execNative(QStringLiteral("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"));
    while (t.next())
        out << QStringLiteral("table %1").arg(t.value(0).toString());
    QSqlQuery c = db.execNative(
        QStringLiteral("SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns "
                       "WHERE table_schema = current_schema() AND table_name IN (SELECT tablename FROM pg_tables WHERE schemaname = current_schema())"));
    while (c.next()) {
        // Columns only a server has (migration 0039: the invoices' row number, which a file
        // has as SQLite's rowid): not part of the shared meaning, as the indexes below.
        if (c.value(1).toString().endsWith(QLatin1String("_server")))
            continue;
        out << QStringLiteral("column %1.%2 %3%4")
                   .arg(c.value(0).toString(), c.value(1).toString(), typeClass(c.value(2).toString()),
                        c.value(3).toString() == QLatin1String("NO") ? QStringLiteral(" not null") : QString());
    }
    QSqlQuery i = db.execNative(
        QStringLiteral("SELECT ic.relname, tc.relname, x.indisunique, x.indisprimary, x.indpred IS NOT NULL, "
                       "EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.contype = 'u'), "
                       "(SELECT string_agg(pg_get_indexdef(x.indexrelid, n + 1, true), chr(31) ORDER BY n) FROM generate_series(0, x.indnkeyatts - 1) n) "
                       "FROM pg_index x JOIN pg_class ic ON ic.oid = x.indexrelid JOIN pg_class tc ON tc.oid = x.indrelid "
                       "JOIN pg_namespace ns ON ns.oid = tc.relnamespace WHERE ns.nspname = current_schema()"));
    while (i.next()) {
        // Indexes only a server has (migration 0033: the unique key a COPY import deduplicates
        // through, where the file keeps its own key index): not part of the shared meaning.
        if (i.value(0).toString().endsWith(QLatin1String("_server")))
            continue;
        QStringList cols;
        // Split on a unit separator: an expression column may hold commas (COALESCE(a, '')).
        for (const QString &col : i.value(6).toString().split(QChar(31)))
            cols << column(col.trimmed().remove(QLatin1Char('"')));
        const QString table = i.value(1).toString();
        if (i.value(3).toBool())
            out << QStringLiteral("primary key %1(%2)").arg(table, cols.join(QLatin1Char(',')));
        else if (i.value(5).toBool())
            out << QStringLiteral("unique key %1(%2)").arg(table, cols.join(QLatin1Char(',')));
        else
            out << QStringLiteral("index %1 on %2(%3)%4%5")
                       .arg(i.value(0).toString(), table, cols.join(QLatin1Char(',')), i.value(2).toBool() ? QStringLiteral(" unique") : QString(),
                            i.value(4).toBool() ? QStringLiteral(" partial") : QString());
    }
    QSqlQuery f = db.execNative(
        QStringLiteral("SELECT k.conrelid::regclass::text, k.confrelid::regclass::text, k.confupdtype, k.confdeltype, "
                       "(SELECT string_agg(a.attname, ',' ORDER BY n) FROM unnest(k.conkey) WITH ORDINALITY u(col, n) JOIN pg_attribute a ON a.attrelid = "
                       "k.conrelid AND a.attnum = u.col), "
                       "(SELECT string_agg(a.attname, ',' ORDER BY n) FROM unnest(k.confkey) WITH ORDINALITY u(col, n) JOIN pg_attribute a ON a.attrelid = "
                       "k.confrelid AND a.attnum = u.col) "
                       "FROM pg_constraint k JOIN pg_namespace ns ON ns.oid = k.connamespace WHERE k.contype = 'f' AND ns.nspname = current_schema()"));
    while (f.next())
        out << QStringLiteral("foreign key %1(%2) -> %3(%4) on update %5 on delete %6")
                   .arg(f.value(0).toString(), f.value(4).toString(), f.value(1).toString(), f.value(5).toString(), action(f.value(2).toString()),
                        action(f.value(3).toString()));
    out.sort();
    return out;
}

} // namespace

bool ServerSchema::hasTable(const Database &db, const QString &name)
{
    if (db.isServer())
        return db.scalar(QStringLiteral("SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = ?"), {name}).toInt() > 0;
    // SQLite answers from the schema it holds parsed in memory (a hash look-up), where a query
    // of sqlite_schema reads every table's and index's definition: this is asked for every
    // audit entry (whether the file has webhook endpoints yet). Views are not tables here.
    if (sqlite3 *h = db.sqliteHandle()) {
        const QByteArray table = name.toUtf8();
        return sqlite3_table_column_metadata(h, "main", table.constData(), nullptr, nullptr, nullptr, nullptr, nullptr, nullptr) == SQLITE_OK;
    }
    return db.scalar(QStringLiteral("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?"), {name}).isValid();
}

QList<Migration> ServerSchema::migrations()
{
    QList<Migration> list;
    static const QRegularExpression re(QStringLiteral("^(\\d{4})_(.+)\\.sql$"));
    const QDir dir(QStringLiteral(":/migrations/postgresql"));
    const QStringList files = dir.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    for (const QString &f : files) {
        const auto m = re.match(f);
        if (m.hasMatch())
            list.append({m.captured(1).toInt(), m.captured(2), dir.filePath(f)});
    }
    return list;
}

int ServerSchema::version(const Database &db)
{
    QSqlQuery q = db.execNative(QStringLiteral("SELECT to_regclass('schema_migrations') IS NULL"));
    if (!q.next() || q.value(0).toBool())
        return 0;
    return db.scalar(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")).toInt();
}

void ServerSchema::migrate(Database &db)
{
    const QList<Migration> sqlite = SchemaCheck::migrations();
    const QList<Migration> server = migrations();
    QHash<int, Migration> byVersion;
    for (const Migration &m : server)
        byVersion.insert(m.version, m);
    const int latest = sqlite.isEmpty() ? 0 : sqlite.last().version;
    const int current = version(db);
    if (current > latest)
        throw ServiceError::conflict(QStringLiteral("the company database %1 was written by a newer Orb (schema version %2; this Orb knows up to %3)")
                                         .arg(db.path())
                                         .arg(current)
                                         .arg(latest));
    // Every migration must have its mirror before any is applied: a server company is never
    // left between two versions that no Orb knows.
    for (const Migration &m : sqlite)
        if (m.version > current && (!byVersion.contains(m.version) || byVersion.value(m.version).name != m.name))
            throw ServiceError::storage(
                QStringLiteral("this build has no PostgreSQL version of migration %1 (%2), so it cannot bring %3 up to date; nothing was changed")
                    .arg(m.version)
                    .arg(m.name, db.path()));
    for (const Migration &m : sqlite) {
        if (m.version <= current)
            continue;
        UnitOfWork uow(db);
        db.execNativeScript(byVersion.value(m.version).script());
        db.exec(QStringLiteral("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)"),
                {m.version, m.name, toIsoUtc(QDateTime::currentDateTimeUtc())});
        uow.commit();
    }
}

QStringList ServerSchema::describe(const Database &db)
{
    return db.isServer() ? describePostgres(db) : describeSqlite(db);
}

} // namespace orb
