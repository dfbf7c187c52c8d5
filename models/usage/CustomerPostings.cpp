// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/usage/CustomerPostings.h"

#include "models/StorageError.h"

#include <sqlite3.h>

#include <algorithm>
#include <charconv>

namespace orb {

void CustomerPostings::addRef(std::unordered_map<std::string_view, size_t> &index, char prefix, const QByteArray &id, qint64 tsMs, qint64 seq)
{
    const auto it = index.find(std::string_view(id.constData(), size_t(id.size())));
    if (it != index.end()) {
        Pending &p = m_pending[it->second];
        p.tsMin = std::min(p.tsMin, tsMs);
        p.tsMax = std::max(p.tsMax, tsMs);
        p.seqs.push_back(seq);
        return;
    }
    Pending p;
    p.ref.reserve(id.size() + 1);
    p.ref.append(prefix).append(id);
    p.tsMin = p.tsMax = tsMs;
    p.seqs.push_back(seq);
    m_pending.push_back(std::move(p));
    const QByteArray &ref = m_pending.back().ref;
    index.emplace(std::string_view(ref.constData() + 1, size_t(ref.size() - 1)), m_pending.size() - 1);
}

void CustomerPostings::add(const UsageEventRow &row, qint64 seq)
{
    if (!row.customerId.isEmpty())
        addRef(m_byCustomer, 'c', row.customerId, row.tsMs, seq);
    if (!row.externalCustomerId.isEmpty())
        addRef(m_byExternal, 'x', row.externalCustomerId, row.tsMs, seq);
}

void CustomerPostings::discard()
{
    m_byCustomer.clear();
    m_byExternal.clear();
    m_pending.clear();
}

void CustomerPostings::write(sqlite3 *db)
{
    if (m_pending.empty())
        return;
    SqliteStatement s(db, "INSERT INTO usage_customer_postings (ref, ts_min, ts_max, seqs) VALUES (?1, ?2, ?3, ?4)",
                      "writing the customer directory of usage events");
    std::vector<char> text;
    for (const Pending &p : m_pending) {
        text.resize(p.seqs.size() * 21);
        char *out = text.data();
        for (size_t i = 0; i < p.seqs.size(); ++i) {
            if (i > 0)
                *out++ = ',';
            out = std::to_chars(out, text.data() + text.size(), p.seqs[i]).ptr;
        }
        s.reset();
        s.bind(1, p.ref, SqliteStatement::Bytes::Borrowed)
            .bind(2, p.tsMin)
            .bind(3, p.tsMax)
            .bindText(4, text.data(), int(out - text.data()), SqliteStatement::Bytes::Borrowed);
        s.run();
    }
    s.reset();
    discard();
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
