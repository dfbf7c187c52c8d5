// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/usage/CustomerPostings.h"

#include "models/StorageError.h"

#include <sqlite3.h>

#include <algorithm>

namespace orb {

void CustomerPostings::addRef(const QByteArray &ref, qint64 tsMs, qint64 seq)
{
    auto it = m_pending.find(ref);
    if (it == m_pending.end())
        it = m_pending.insert(ref, Pending{tsMs, tsMs, {}});
    Pending &p = it.value();
    p.tsMin = std::min(p.tsMin, tsMs);
    p.tsMax = std::max(p.tsMax, tsMs);
    p.seqs.push_back(seq);
}

void CustomerPostings::add(const UsageEventRow &row, qint64 seq)
{
    // m_ref is reused so the common case (the ref is buffered already) allocates nothing.
    if (!row.customerId.isEmpty()) {
        m_ref.clear();
        m_ref.append('c').append(row.customerId);
        addRef(m_ref, row.tsMs, seq);
    }
    if (!row.externalCustomerId.isEmpty()) {
        m_ref.clear();
        m_ref.append('x').append(row.externalCustomerId);
        addRef(m_ref, row.tsMs, seq);
    }
}

void CustomerPostings::write(sqlite3 *db)
{
    if (m_pending.isEmpty())
        return;
    SqliteStatement s(db, "INSERT INTO usage_customer_postings (ref, ts_min, ts_max, seqs) VALUES (?1, ?2, ?3, ?4)",
                      "writing the customer directory of usage events");
    QByteArray text;
    for (auto it = m_pending.constBegin(); it != m_pending.constEnd(); ++it) {
        text.clear();
        for (const qint64 seq : it->seqs) {
            if (!text.isEmpty())
                text.append(',');
            text.append(QByteArray::number(seq));
        }
        s.reset();
        s.bind(1, it.key(), SqliteStatement::Bytes::Borrowed).bind(2, it->tsMin).bind(3, it->tsMax).bind(4, text, SqliteStatement::Bytes::Borrowed);
        s.run();
    }
    s.reset();
    m_pending.clear();
}

namespace {

QByteArray columnBytes(sqlite3_stmt *s, int i)
{
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(s, i));
    return p ? QByteArray(p, sqlite3_column_bytes(s, i)) : QByteArray();
}

} // namespace

std::vector<qint64> CustomerPostings::seqs(sqlite3 *db, const QByteArray &customerId, const QByteArray &externalId, qint64 startMs, qint64 endMs)
{
    std::vector<qint64> seqs;
    {
        SqliteStatement s(db, "SELECT seqs FROM usage_customer_postings WHERE ref = ?1 AND ts_max >= ?2 AND ts_min < ?3",
                          "reading the customer directory of usage events");
        for (const QByteArray &ref :
             {customerId.isEmpty() ? QByteArray() : customerRef(customerId), externalId.isEmpty() ? QByteArray() : externalRef(externalId)}) {
            if (ref.isEmpty())
                continue;
            s.reset();
            s.bind(1, ref).bind(2, startMs).bind(3, endMs);
            while (s.next()) {
                const char *p = reinterpret_cast<const char *>(sqlite3_column_text(s, 0));
                const char *end = p + sqlite3_column_bytes(s, 0);
                qint64 v = 0;
                bool any = false;
                for (; p != end; ++p) {
                    if (*p == ',') {
                        if (any)
                            seqs.push_back(v);
                        v = 0;
                        any = false;
                    } else if (*p >= '0' && *p <= '9') {
                        v = v * 10 + (*p - '0');
                        any = true;
                    } else {
                        throw ServiceError::storage(QStringLiteral(
                            "the customer directory of usage events (usage_customer_postings) holds a malformed row; the company file is damaged"));
                    }
                }
                if (any)
                    seqs.push_back(v);
            }
        }
    }
    // An event sent with both ids is listed twice.
    std::sort(seqs.begin(), seqs.end());
    seqs.erase(std::unique(seqs.begin(), seqs.end()), seqs.end());
    return seqs;
}

std::vector<CustomerEventRow> CustomerPostings::events(sqlite3 *db, const QByteArray &customerId, const QByteArray &externalId, qint64 startMs, qint64 endMs)
{
    const std::vector<qint64> seqs = CustomerPostings::seqs(db, customerId, externalId, startMs, endMs);
    std::vector<CustomerEventRow> out;
    out.reserve(seqs.size());
    SqliteStatement s(db, "SELECT ts, status, event_name, customer_id, external_customer_id, properties FROM usage_events WHERE seq = ?1",
                      "reading a customer's usage events");
    for (const qint64 seq : seqs) {
        s.reset();
        s.bind(1, seq);
        if (!s.next())
            continue;
        const qint64 ts = sqlite3_column_int64(s, 0);
        if (ts < startMs || ts >= endMs)
            continue;
        CustomerEventRow r;
        r.seq = seq;
        r.tsMs = ts;
        r.status = sqlite3_column_int(s, 1);
        r.eventName = columnBytes(s, 2);
        r.customerId = columnBytes(s, 3);
        r.externalCustomerId = columnBytes(s, 4);
        r.properties = columnBytes(s, 5);
        out.push_back(std::move(r));
    }
    s.reset();
    return out;
}

} // namespace orb
