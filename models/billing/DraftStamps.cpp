// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/billing/DraftStamps.h"

#include "models/Database.h"
#include "models/SqliteStatement.h"

#include <QSqlQuery>
#include <QtEndian>

namespace orb {

namespace {

QByteArray columnBytes(sqlite3_stmt *s, int i)
{
    return QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(s, i)), sqlite3_column_bytes(s, i));
}

} // namespace

UsageMarks UsageMarks::read(const Database &db)
{
    UsageMarks m;
    if (db.isServer()) {
        QSqlQuery q =
            db.execNative(QStringLiteral("SELECT (SELECT COALESCE(max(seq), 0) FROM usage_events), (SELECT COALESCE(max(seq), 0) FROM usage_changes)"));
        if (q.next()) {
            m.events = q.value(0).toLongLong();
            m.changes = q.value(1).toLongLong();
        }
        return m;
    }
    SqliteStatement s(db.sqliteHandle(), "SELECT (SELECT COALESCE(max(seq), 0) FROM usage_events), (SELECT COALESCE(max(seq), 0) FROM usage_changes)",
                      "reading the usage watermarks");
    if (s.next()) {
        m.events = sqlite3_column_int64(s, 0);
        m.changes = sqlite3_column_int64(s, 1);
    }
    return m;
}

void UsageChangeIndex::add(const QByteArray &ref, qint64 ts, qint64 seq, bool logged)
{
    m_byRef[ref].push_back({ts, seq, logged});
    ++m_size;
}

void UsageChangeIndex::load(const Database &db, const UsageMarks &since, const UsageMarks &now)
{
    if (db.isServer()) {
        loadFromServer(db, since, now);
        return;
    }
    sqlite3 *h = db.sqliteHandle();
    // An event counts for its customer id when it has one, else for whoever holds its external
    // id when the run aggregates (PeriodAggregator), so both are keys here. Rows pending in an
    // open backfill (3) or discarded with a reverted one (4) have never counted; when a pending
    // row starts counting, the trigger logs it.
    const auto readRows = [&](const char *sql, qint64 from, qint64 to, bool logged, const char *what) {
        if (from >= to)
            return;
        SqliteStatement s(h, sql, what);
        s.bind(1, from).bind(2, to);
        while (s.next()) {
            const qint64 seq = sqlite3_column_int64(s, 0);
            const qint64 ts = sqlite3_column_int64(s, 3);
            if (sqlite3_column_type(s, 1) != SQLITE_NULL)
                add("c:" + columnBytes(s, 1), ts, seq, logged);
            else if (sqlite3_column_type(s, 2) != SQLITE_NULL)
                add("x:" + columnBytes(s, 2), ts, seq, logged);
        }
    };
    readRows("SELECT seq, customer_id, external_customer_id, ts FROM usage_events WHERE seq > ?1 AND seq <= ?2 AND status NOT IN (3, 4)", since.events,
             now.events, false, "reading the usage events stored since the last invoice run");
    readRows("SELECT seq, customer_id, external_customer_id, ts FROM usage_changes WHERE seq > ?1 AND seq <= ?2", since.changes, now.changes, true,
             "reading the usage changed since the last invoice run");
}

void UsageChangeIndex::loadFromServer(const Database &db, const UsageMarks &since, const UsageMarks &now)
{
    // load()'s reads on a company server, with the same attribution and filters.
    const auto readRows = [&](const QString &sql, qint64 from, qint64 to, bool logged) {
        if (from >= to)
            return;
        QSqlQuery q = db.execNative(sql, {from, to});
        while (q.next()) {
            const qint64 seq = q.value(0).toLongLong();
            const qint64 ts = q.value(3).toLongLong();
            if (!q.value(1).isNull())
                add("c:" + q.value(1).toString().toUtf8(), ts, seq, logged);
            else if (!q.value(2).isNull())
                add("x:" + q.value(2).toString().toUtf8(), ts, seq, logged);
        }
    };
    readRows(QStringLiteral("SELECT seq, customer_id, external_customer_id, ts FROM usage_events WHERE seq > ? AND seq <= ? AND status NOT IN (3, 4)"),
             since.events, now.events, false);
    readRows(QStringLiteral("SELECT seq, customer_id, external_customer_id, ts FROM usage_changes WHERE seq > ? AND seq <= ?"), since.changes, now.changes,
             true);
}

bool UsageChangeIndex::touchesRef(const QByteArray &ref, qint64 startMs, qint64 endMs, const DraftStamp &stamp) const
{
    const auto it = m_byRef.constFind(ref);
    if (it == m_byRef.constEnd())
        return false;
    for (const Change &c : *it)
        if (c.ts >= startMs && c.ts < endMs && c.seq > (c.logged ? stamp.changesSeen : stamp.eventsSeen))
            return true;
    return false;
}

bool UsageChangeIndex::touches(const QString &customerId, const QString &externalId, qint64 startMs, qint64 endMs, const DraftStamp &stamp) const
{
    if (m_byRef.isEmpty())
        return false;
    return touchesRef("c:" + customerId.toUtf8(), startMs, endMs, stamp)
           || (!externalId.isEmpty() && touchesRef("x:" + externalId.toUtf8(), startMs, endMs, stamp));
}

QHash<QString, DraftStamp> DraftStampStore::load() const
{
    QHash<QString, DraftStamp> out;
    if (m_db.isServer()) {
        QSqlQuery q =
            m_db.execNative(QStringLiteral("SELECT invoice_id, fingerprint, events_seen, changes_seen, invoice_updated_at FROM invoice_draft_stamps"));
        while (q.next()) {
            DraftStamp d;
            d.fingerprint = q.value(1).toByteArray();
            d.eventsSeen = q.value(2).toLongLong();
            d.changesSeen = q.value(3).toLongLong();
            d.invoiceUpdatedAt = q.value(4).toString();
            out.insert(q.value(0).toString(), d);
        }
        return out;
    }
    SqliteStatement s(m_db.sqliteHandle(), "SELECT invoice_id, fingerprint, events_seen, changes_seen, invoice_updated_at FROM invoice_draft_stamps",
                      "reading the draft stamps");
    while (s.next()) {
        DraftStamp d;
        d.fingerprint = QByteArray(static_cast<const char *>(sqlite3_column_blob(s, 1)), sqlite3_column_bytes(s, 1));
        d.eventsSeen = sqlite3_column_int64(s, 2);
        d.changesSeen = sqlite3_column_int64(s, 3);
        d.invoiceUpdatedAt = QString::fromUtf8(columnBytes(s, 4));
        out.insert(QString::fromUtf8(columnBytes(s, 0)), d);
    }
    return out;
}

DraftStampStore::DraftStampStore(Database &db) : m_db(db) {}

DraftStampStore::~DraftStampStore() = default;

void DraftStampStore::put(const QString &invoiceId, const DraftStamp &stamp)
{
    if (m_db.isServer()) {
        m_db.execNative(
            QStringLiteral("INSERT INTO invoice_draft_stamps (invoice_id, fingerprint, events_seen, changes_seen, invoice_updated_at) "
                           "VALUES (?, ?, ?, ?, ?) ON CONFLICT (invoice_id) DO UPDATE SET fingerprint = excluded.fingerprint, "
                           "events_seen = excluded.events_seen, changes_seen = excluded.changes_seen, invoice_updated_at = excluded.invoice_updated_at"),
            {invoiceId, stamp.fingerprint, stamp.eventsSeen, stamp.changesSeen, stamp.invoiceUpdatedAt});
        return;
    }
    if (!m_put)
        m_put = std::make_unique<SqliteStatement>(m_db.sqliteHandle(),
                                                  "INSERT OR REPLACE INTO invoice_draft_stamps (invoice_id, fingerprint, events_seen, changes_seen, "
                                                  "invoice_updated_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                                                  "storing a draft stamp", true);
    SqliteStatement &s = *m_put;
    s.reset();
    s.bind(1, invoiceId.toUtf8())
        .bindBlob(2, stamp.fingerprint.constData(), int(stamp.fingerprint.size()))
        .bind(3, stamp.eventsSeen)
        .bind(4, stamp.changesSeen)
        .bind(5, stamp.invoiceUpdatedAt.toUtf8());
    s.run();
}

void DraftStampStore::remove(const QString &invoiceId)
{
    if (m_db.isServer()) {
        m_db.execNative(QStringLiteral("DELETE FROM invoice_draft_stamps WHERE invoice_id = ?"), {invoiceId});
        return;
    }
    SqliteStatement s(m_db.sqliteHandle(), "DELETE FROM invoice_draft_stamps WHERE invoice_id = ?1", "dropping a draft stamp");
    s.bind(1, invoiceId.toUtf8());
    s.run();
}

void DraftStampStore::advance(const QList<QString> &invoiceIds, const UsageMarks &marks)
{
    if (invoiceIds.isEmpty())
        return;
    if (m_db.isServer()) {
        for (const QString &id : invoiceIds)
            m_db.execNative(QStringLiteral("UPDATE invoice_draft_stamps SET events_seen = ?, changes_seen = ? WHERE invoice_id = ?"),
                            {marks.events, marks.changes, id});
        return;
    }
    SqliteStatement s(m_db.sqliteHandle(), "UPDATE invoice_draft_stamps SET events_seen = ?1, changes_seen = ?2 WHERE invoice_id = ?3",
                      "moving the draft stamps on");
    for (const QString &id : invoiceIds) {
        s.bind(1, marks.events).bind(2, marks.changes).bind(3, id.toUtf8());
        s.run();
        s.reset();
    }
}

void DraftStampStore::prune()
{
    if (m_db.isServer()) {
        m_db.execNative(QStringLiteral("DELETE FROM invoice_draft_stamps WHERE invoice_id NOT IN (SELECT id FROM invoices WHERE status = 'draft')"));
        pruneUsageChanges();
        return;
    }
    sqlite3 *h = m_db.sqliteHandle();
    SqliteStatement(h, "DELETE FROM invoice_draft_stamps WHERE invoice_id NOT IN (SELECT id FROM invoices WHERE status = 'draft')",
                    "dropping the stamps of issued invoices")
        .run();
    pruneUsageChanges();
}

void DraftStampStore::prune(const QList<QString> &maybeStale)
{
    if (m_db.isServer()) {
        for (const QString &id : maybeStale)
            m_db.execNative(QStringLiteral("DELETE FROM invoice_draft_stamps WHERE invoice_id = ? AND NOT EXISTS "
                                           "(SELECT 1 FROM invoices WHERE id = ? AND status = 'draft')"),
                            {id, id});
        pruneUsageChanges();
        return;
    }
    if (!maybeStale.isEmpty()) {
        SqliteStatement s(m_db.sqliteHandle(),
                          "DELETE FROM invoice_draft_stamps WHERE invoice_id = ?1 AND NOT EXISTS "
                          "(SELECT 1 FROM invoices WHERE id = ?1 AND status = 'draft')",
                          "dropping the stamps of issued invoices", true);
        for (const QString &id : maybeStale) {
            s.bind(1, id.toUtf8());
            s.run();
            s.reset();
        }
    }
    pruneUsageChanges();
}

void DraftStampStore::pruneUsageChanges()
{
    if (m_db.isServer()) {
        m_db.execNative(QStringLiteral("DELETE FROM usage_changes WHERE seq <= (SELECT COALESCE(min(changes_seen), 0) FROM invoice_draft_stamps)"));
        return;
    }
    sqlite3 *h = m_db.sqliteHandle();
    // Nothing is lost: a draft composed later reads the watermark of that moment, and the
    // AUTOINCREMENT key never hands a pruned seq out again.
    SqliteStatement(h, "DELETE FROM usage_changes WHERE seq <= (SELECT COALESCE(min(changes_seen), 0) FROM invoice_draft_stamps)",
                    "dropping the usage changes every draft has seen")
        .run();
}

Fingerprint &Fingerprint::add(const QByteArray &bytes)
{
    add(qint64(bytes.size()));
    m_bytes.append(bytes.constData(), size_t(bytes.size()));
    return *this;
}

Fingerprint &Fingerprint::add(const QString &text)
{
    const qsizetype bytes = text.size() * qsizetype(sizeof(char16_t));
    add(qint64(bytes));
    m_bytes.append(reinterpret_cast<const char *>(text.utf16()), size_t(bytes));
    return *this;
}

Fingerprint &Fingerprint::add(qint64 n)
{
    const qint64 le = qToLittleEndian(n);
    m_bytes.append(reinterpret_cast<const char *>(&le), sizeof le);
    return *this;
}

namespace {

inline quint64 rotl64(quint64 x, int r)
{
    return (x << r) | (x >> (64 - r));
}

inline quint64 fmix64(quint64 k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    k *= 0xc4ceb9fe1a85ec53ULL;
    k ^= k >> 33;
    return k;
}

} // namespace

QByteArray Fingerprint::hash128(const char *data, qsizetype size)
{
    // Austin Appleby's MurmurHash3_x64_128 (public domain), blocks read little-endian so that
    // the digest is the same on every machine.
    const auto *bytes = reinterpret_cast<const uchar *>(data);
    const qsizetype nblocks = size / 16;
    quint64 h1 = 0;
    quint64 h2 = 0;
    const quint64 c1 = 0x87c37b91114253d5ULL;
    const quint64 c2 = 0x4cf5ad432745937fULL;
    for (qsizetype i = 0; i < nblocks; ++i) {
        quint64 k1 = qFromLittleEndian<quint64>(bytes + i * 16);
        quint64 k2 = qFromLittleEndian<quint64>(bytes + i * 16 + 8);
        k1 *= c1;
        k1 = rotl64(k1, 31);
        k1 *= c2;
        h1 ^= k1;
        h1 = rotl64(h1, 27);
        h1 += h2;
        h1 = h1 * 5 + 0x52dce729;
        k2 *= c2;
        k2 = rotl64(k2, 33);
        k2 *= c1;
        h2 ^= k2;
        h2 = rotl64(h2, 31);
        h2 += h1;
        h2 = h2 * 5 + 0x38495ab5;
    }
    const uchar *tail = bytes + nblocks * 16;
    quint64 k1 = 0;
    quint64 k2 = 0;
    switch (size & 15) {
    case 15: k2 ^= quint64(tail[14]) << 48; [[fallthrough]];
    case 14: k2 ^= quint64(tail[13]) << 40; [[fallthrough]];
    case 13: k2 ^= quint64(tail[12]) << 32; [[fallthrough]];
    case 12: k2 ^= quint64(tail[11]) << 24; [[fallthrough]];
    case 11: k2 ^= quint64(tail[10]) << 16; [[fallthrough]];
    case 10: k2 ^= quint64(tail[9]) << 8; [[fallthrough]];
    case 9:
        k2 ^= quint64(tail[8]);
        k2 *= c2;
        k2 = rotl64(k2, 33);
        k2 *= c1;
        h2 ^= k2;
        [[fallthrough]];
    case 8: k1 ^= quint64(tail[7]) << 56; [[fallthrough]];
    case 7: k1 ^= quint64(tail[6]) << 48; [[fallthrough]];
    case 6: k1 ^= quint64(tail[5]) << 40; [[fallthrough]];
    case 5: k1 ^= quint64(tail[4]) << 32; [[fallthrough]];
    case 4: k1 ^= quint64(tail[3]) << 24; [[fallthrough]];
    case 3: k1 ^= quint64(tail[2]) << 16; [[fallthrough]];
    case 2: k1 ^= quint64(tail[1]) << 8; [[fallthrough]];
    case 1:
        k1 ^= quint64(tail[0]);
        k1 *= c1;
        k1 = rotl64(k1, 31);
        k1 *= c2;
        h1 ^= k1;
        break;
    default: break;
    }
    h1 ^= quint64(size);
    h2 ^= quint64(size);
    h1 += h2;
    h2 += h1;
    h1 = fmix64(h1);
    h2 = fmix64(h2);
    h1 += h2;
    h2 += h1;
    QByteArray out(16, Qt::Uninitialized);
    qToLittleEndian(h1, out.data());
    qToLittleEndian(h2, out.data() + 8);
    return out;
}

} // namespace orb
