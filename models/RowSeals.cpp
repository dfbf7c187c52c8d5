// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/RowSeals.h"

#include "models/Database.h"
#include "models/SqliteStatement.h"
#include "models/StorageError.h"

#include <QHash>
#include <QScopeGuard>

#include <sodium.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <vector>

namespace orb {

namespace {

constexpr size_t DigestBytes = 16;

QString quoted(const QString &name)
{
    return QLatin1Char('"') + QString(name).replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
}

/// A statement composed at run time (table names are quoted into it).
SqliteStatement statement(sqlite3 *db, const QString &sql)
{
    const QByteArray text = sql.toUtf8();
    return SqliteStatement(db, text.constData(), int(text.size()), "reading or writing row seals");
}

void bindText(SqliteStatement &st, int i, const QString &text)
{
    st.bind(i, text.toUtf8());
}

/// How a table's rows are read and named for sealing.
struct TableShape {
    QString name;
    QList<int> keyColumns; ///< indexes into "SELECT rowid, *" (0 is the rowid)
};

TableShape shapeOf(sqlite3 *db, const QString &table)
{
    TableShape shape{table, {}};
    SqliteStatement info = statement(db, QStringLiteral("SELECT cid, name, pk FROM pragma_table_info(?) ORDER BY cid"));
    bindText(info, 1, table);
    QList<QPair<int, int>> pk; // (pk order, column)
    int idColumn = -1;
    while (info.next()) {
        const int column = sqlite3_column_int(info.get(), 0) + 1; // after the rowid
        const QString name = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(info.get(), 1)));
        const int pkOrder = sqlite3_column_int(info.get(), 2);
        if (name == QLatin1String("id"))
            idColumn = column;
        if (pkOrder > 0)
            pk.append({pkOrder, column});
    }
    std::sort(pk.begin(), pk.end());
    if (idColumn >= 0)
        shape.keyColumns = {idColumn};
    else
        for (const auto &p : pk)
            shape.keyColumns << p.second;
    if (shape.keyColumns.isEmpty())
        shape.keyColumns = {0};
    return shape;
}

void addLength(crypto_generichash_state *h, std::uint64_t n)
{
    unsigned char b[8];
    for (int i = 0; i < 8; ++i)
        b[i] = static_cast<unsigned char>(n >> (8 * i));
    crypto_generichash_update(h, b, sizeof b);
}

/// The digest of the current row of `SELECT rowid, * FROM table`: the table's name, then each
/// value with its storage class and length, so no two different rows hash alike.
void digestRow(sqlite3_stmt *st, const QByteArray &table, unsigned char *out)
{
    crypto_generichash_state h;
    crypto_generichash_init(&h, nullptr, 0, DigestBytes);
    addLength(&h, std::uint64_t(table.size()));
    crypto_generichash_update(&h, reinterpret_cast<const unsigned char *>(table.constData()), std::uint64_t(table.size()));
    const int n = sqlite3_column_count(st);
    for (int i = 0; i < n; ++i) {
        const int type = sqlite3_column_type(st, i);
        const unsigned char tag = static_cast<unsigned char>(type);
        crypto_generichash_update(&h, &tag, 1);
        switch (type) {
        case SQLITE_INTEGER: addLength(&h, std::uint64_t(sqlite3_column_int64(st, i))); break;
        case SQLITE_FLOAT: {
            const double d = sqlite3_column_double(st, i);
            std::uint64_t bits = 0;
            std::memcpy(&bits, &d, sizeof bits);
            addLength(&h, bits);
            break;
        }
        case SQLITE_TEXT:
        case SQLITE_BLOB: {
            const void *p = type == SQLITE_TEXT ? static_cast<const void *>(sqlite3_column_text(st, i)) : sqlite3_column_blob(st, i);
            const int len = sqlite3_column_bytes(st, i);
            addLength(&h, std::uint64_t(len));
            if (len > 0)
                crypto_generichash_update(&h, static_cast<const unsigned char *>(p), std::uint64_t(len));
            break;
        }
        default: break; // NULL: the tag alone
        }
    }
    crypto_generichash_final(&h, out, DigestBytes);
}

QString rowKey(sqlite3_stmt *st, const TableShape &shape)
{
    QStringList parts;
    for (int c : shape.keyColumns)
        parts << QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(st, c)));
    return parts.join(QLatin1Char('/'));
}

/// Binds rowKey() of the current row of `st`: a one-column ASCII key (an id, a number: every
/// key Orb writes) straight from the row's bytes, held until `st` steps on; anything else as
/// rowKey() spells it.
void bindKey(SqliteStatement &put, int i, sqlite3_stmt *st, const TableShape &shape)
{
    if (shape.keyColumns.size() == 1) {
        const int c = shape.keyColumns.first();
        const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(st, c));
        const int n = sqlite3_column_bytes(st, c);
        if (!text) {
            put.bindText(i, "", 0);
            return;
        }
        bool ascii = true;
        for (int k = 0; k < n && ascii; ++k)
            ascii = static_cast<unsigned char>(text[k]) < 0x80 && text[k] != 0;
        if (ascii) {
            put.bindText(i, text, n, SqliteStatement::Bytes::Borrowed);
            return;
        }
    }
    bindText(put, i, rowKey(st, shape));
}

QString singular(const QString &table)
{
    static const QHash<QString, QString> names = {
        {QStringLiteral("company"), QStringLiteral("the company record")},
        {QStringLiteral("settings"), QStringLiteral("setting")},
        {QStringLiteral("orb_meta"), QStringLiteral("Orb's file record")},
        {QStringLiteral("customers"), QStringLiteral("customer")},
        {QStringLiteral("invoices"), QStringLiteral("invoice")},
        {QStringLiteral("invoice_lines"), QStringLiteral("invoice line")},
        {QStringLiteral("credit_notes"), QStringLiteral("credit note")},
        {QStringLiteral("credit_note_lines"), QStringLiteral("credit note line")},
        {QStringLiteral("payments"), QStringLiteral("payment")},
        {QStringLiteral("subscriptions"), QStringLiteral("subscription")},
        {QStringLiteral("tax_rates"), QStringLiteral("tax rate")},
        {QStringLiteral("coupons"), QStringLiteral("coupon")},
        {QStringLiteral("plans"), QStringLiteral("plan")},
        {QStringLiteral("items"), QStringLiteral("item")},
        {QStringLiteral("billable_metrics"), QStringLiteral("billable metric")},
        {QStringLiteral("balance_entries"), QStringLiteral("balance entry")},
    };
    const auto it = names.constFind(table);
    return it != names.constEnd() ? *it : QStringLiteral("%1 row").arg(table);
}

} // namespace

QString SealFinding::changeName() const
{
    switch (change) {
    case Change::Changed: return QStringLiteral("changed");
    case Change::Added: return QStringLiteral("added");
    case Change::Deleted: return QStringLiteral("deleted");
    }
    return {};
}

QString SealFinding::describe() const
{
    const QString what = singular(table);
    const QString name = table == QLatin1String("company") ? what : QStringLiteral("%1 %2").arg(what, key.isEmpty() ? QString::number(row) : key);
    return QStringLiteral("%1 was %2 outside Orb (%3, row %4)").arg(name, changeName(), table).arg(row);
}

bool RowSeals::tracks(const char *table)
{
    // Called for every row any statement writes: prefix and name compares only.
    if (std::strncmp(table, "usage_", 6) == 0 || std::strncmp(table, "sqlite_", 7) == 0)
        return false;
    return std::strcmp(table, "row_seals") != 0 && std::strcmp(table, "audit_log") != 0 && std::strcmp(table, "sync_log") != 0;
}

bool RowSeals::present(sqlite3 *db)
{
    return sqlite3_table_column_metadata(db, "main", "row_seals", "digest", nullptr, nullptr, nullptr, nullptr, nullptr) == SQLITE_OK;
}

QStringList RowSeals::sealedTables(sqlite3 *db)
{
    QStringList tables;
    SqliteStatement q = statement(db, QStringLiteral("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND wr = 0 ORDER BY name"));
    while (q.next()) {
        const char *name = reinterpret_cast<const char *>(sqlite3_column_text(q.get(), 0));
        if (tracks(name))
            tables << QString::fromUtf8(name);
    }
    return tables;
}

struct SealStatements::State {
    struct Table {
        TableShape shape;
        QByteArray utf8;
        SqliteStatement read; ///< SELECT rowid, * FROM table WHERE rowid = ?
    };
    sqlite3 *db = nullptr;
    SqliteStatement schemaVersion;
    int version = -1; ///< the schema version the rest was read from
    bool present = false;
    /// Every sealed table; its statement and shape made on its first sealed row.
    std::unordered_map<std::string, std::unique_ptr<Table>> tables;
    SqliteStatement put;
    SqliteStatement drop;

    /// Ready for `handle` with its current schema (read again only when that changed).
    void refresh(sqlite3 *handle)
    {
        if (db != handle) {
            forget();
            db = handle;
            schemaVersion = SqliteStatement(db, "PRAGMA schema_version", "reading the schema version for row seals", true);
        }
        schemaVersion.reset();
        const int now = schemaVersion.next() ? sqlite3_column_int(schemaVersion.get(), 0) : -1;
        schemaVersion.reset();
        if (now == version && now != -1)
            return;
        tables.clear();
        put = SqliteStatement();
        drop = SqliteStatement();
        version = -1;
        present = RowSeals::present(db);
        if (present) {
            for (const QString &t : RowSeals::sealedTables(db))
                tables.emplace(t.toStdString(), nullptr);
            put = SqliteStatement(db, "INSERT OR REPLACE INTO row_seals (tbl, row, key, digest) VALUES (?, ?, ?, ?)", "writing row seals", true);
            drop = SqliteStatement(db, "DELETE FROM row_seals WHERE tbl = ? AND row = ?", "writing row seals", true);
        }
        version = now;
    }
    Table *table(const std::string &name)
    {
        const auto it = tables.find(name);
        if (it == tables.end())
            return nullptr;
        if (!it->second) {
            const QString t = QString::fromStdString(name);
            auto made = std::make_unique<Table>();
            made->shape = shapeOf(db, t);
            made->utf8 = t.toUtf8();
            const QByteArray sql = QStringLiteral("SELECT rowid, * FROM %1 WHERE rowid = ?").arg(quoted(t)).toUtf8();
            made->read = SqliteStatement(db, sql.constData(), int(sql.size()), "reading rows for their seals", true);
            it->second = std::move(made);
        }
        return it->second.get();
    }
    void forget()
    {
        tables.clear();
        put = SqliteStatement();
        drop = SqliteStatement();
        schemaVersion = SqliteStatement();
        db = nullptr;
        version = -1;
        present = false;
    }
};

SealStatements::SealStatements() : m_state(std::make_unique<State>()) {}

SealStatements::~SealStatements() = default;

void SealStatements::clear()
{
    m_state->forget();
}

void RowSeals::seal(sqlite3 *db, const PendingRows &pending, SealStatements *kept)
{
    if (pending.empty())
        return;
    SealStatements once;
    SealStatements::State &s = *(kept ? kept : &once)->m_state;
    s.refresh(db);
    if (!s.present)
        return;
    for (const auto &[tableName, rows] : pending) {
        SealStatements::State::Table *t = s.table(tableName);
        if (!t)
            continue;
        SqliteStatement &read = t->read;
        // Every kept statement is reset when left, however it is left: none stays active
        // (holding a read of the file) between commits.
        const auto done = qScopeGuard([&] {
            read.reset();
            s.put.reset();
            s.drop.reset();
        });
        // In rowid order: the rows are read and their seals written front to back through
        // both B-trees, not in the hash set's scattered order.
        std::vector<std::int64_t> ordered(rows.begin(), rows.end());
        std::sort(ordered.begin(), ordered.end());
        for (const std::int64_t row : ordered) {
            read.reset();
            read.bind(1, qint64(row));
            if (read.next()) {
                unsigned char digest[DigestBytes];
                digestRow(read.get(), t->utf8, digest);
                s.put.reset();
                s.put.bind(1, t->utf8, SqliteStatement::Bytes::Borrowed);
                s.put.bind(2, qint64(row));
                bindKey(s.put, 3, read.get(), t->shape);
                s.put.bindBlob(4, digest, int(DigestBytes));
                s.put.run();
            } else {
                s.drop.reset();
                s.drop.bind(1, t->utf8, SqliteStatement::Bytes::Borrowed);
                s.drop.bind(2, qint64(row));
                s.drop.run();
            }
        }
    }
}

qint64 RowSeals::sealAll(const Database &database, const QStringList &onlyTables)
{
    sqlite3 *db = database.sqliteHandle();
    if (!db || !present(db))
        return 0;
    qint64 count = 0;
    SqliteStatement put = statement(db, QStringLiteral("INSERT OR REPLACE INTO row_seals (tbl, row, key, digest) VALUES (?, ?, ?, ?)"));
    for (const QString &table : sealedTables(db)) {
        if (!onlyTables.isEmpty() && !onlyTables.contains(table))
            continue;
        const QByteArray tableUtf8 = table.toUtf8();
        SqliteStatement clear = statement(db, QStringLiteral("DELETE FROM row_seals WHERE tbl = ?"));
        bindText(clear, 1, table);
        clear.run();
        const TableShape shape = shapeOf(db, table);
        SqliteStatement read = statement(db, QStringLiteral("SELECT rowid, * FROM %1").arg(quoted(table)));
        while (read.next()) {
            unsigned char digest[DigestBytes];
            digestRow(read.get(), tableUtf8, digest);
            put.reset();
            put.bind(1, tableUtf8, SqliteStatement::Bytes::Borrowed);
            put.bind(2, qint64(sqlite3_column_int64(read.get(), 0)));
            bindText(put, 3, rowKey(read.get(), shape));
            put.bindBlob(4, digest, int(DigestBytes));
            put.run();
            ++count;
        }
    }
    return count;
}

SealReport RowSeals::verify(const Database &database)
{
    SealReport report;
    sqlite3 *db = database.sqliteHandle();
    if (!db)
        throw ServiceError::storage(QStringLiteral("the company file is not open"));
    if (!present(db)) {
        report.sealed = false;
        return report;
    }
    // One snapshot for rows and seals alike, however long the check takes (WAL readers do not
    // hold up writers). Inside a caller's transaction, that transaction is the snapshot.
    const bool ownTransaction = sqlite3_get_autocommit(db) != 0;
    if (ownTransaction)
        sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    const auto end = qScopeGuard([&] {
        if (ownTransaction)
            sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    });
    const auto note = [&](const QString &table, qint64 row, const QString &key, SealFinding::Change change) {
        ++report.problems;
        if (report.findings.size() < MaxFindings)
            report.findings.append({table, row, key, change});
    };
    const QStringList tables = sealedTables(db);
    for (const QString &table : tables) {
        ++report.tables;
        const QByteArray tableUtf8 = table.toUtf8();
        const TableShape shape = shapeOf(db, table);
        // Both in rowid order: one merge pass, no lookups.
        SqliteStatement rows = statement(db, QStringLiteral("SELECT rowid, * FROM %1 ORDER BY rowid").arg(quoted(table)));
        SqliteStatement seals = statement(db, QStringLiteral("SELECT row, digest, key FROM row_seals WHERE tbl = ? ORDER BY row"));
        seals.bind(1, tableUtf8, SqliteStatement::Bytes::Borrowed);
        bool haveRow = rows.next();
        bool haveSeal = seals.next();
        while (haveRow || haveSeal) {
            const qint64 rowId = haveRow ? sqlite3_column_int64(rows.get(), 0) : 0;
            const qint64 sealRow = haveSeal ? sqlite3_column_int64(seals.get(), 0) : 0;
            if (haveRow && (!haveSeal || rowId < sealRow)) {
                ++report.rows;
                note(table, rowId, rowKey(rows.get(), shape), SealFinding::Change::Added);
                haveRow = rows.next();
            } else if (haveSeal && (!haveRow || sealRow < rowId)) {
                note(table, sealRow, QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(seals.get(), 2))), SealFinding::Change::Deleted);
                haveSeal = seals.next();
            } else {
                ++report.rows;
                unsigned char digest[DigestBytes];
                digestRow(rows.get(), tableUtf8, digest);
                const int len = sqlite3_column_bytes(seals.get(), 1);
                const void *stored = sqlite3_column_blob(seals.get(), 1);
                if (len != int(DigestBytes) || std::memcmp(stored, digest, DigestBytes) != 0)
                    note(table, rowId, rowKey(rows.get(), shape), SealFinding::Change::Changed);
                haveRow = rows.next();
                haveSeal = seals.next();
            }
        }
    }
    // Seals of tables that are not sealed here (a table renamed or dropped around Orb).
    SqliteStatement stray = statement(db, QStringLiteral("SELECT DISTINCT tbl FROM row_seals"));
    while (stray.next()) {
        const QString t = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stray.get(), 0)));
        if (!tables.contains(t))
            note(t, 0, QString(), SealFinding::Change::Deleted);
    }
    return report;
}

} // namespace orb
