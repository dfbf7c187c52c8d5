// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/usage/UsageEventService.h"

#include "engine/Clock.h"
#include "engine/metrics/EventParser.h"
#include "engine/metrics/JsonWriter.h"
#include "models/CompanyFile.h"
#include "models/CustomerRepository.h"
#include "models/StorageError.h"
#include "models/UnitOfWork.h"
#include "models/usage/CustomerPostings.h"
#include "models/usage/PropertiesJson.h"
#include "models/usage/UsageKeyHash.h"
#include "models/usage/UsageKeyIndex.h"
#include "models/usage/UsageLocks.h"

#include <QSqlQuery>

#include <sqlite3.h>

#include <limits>

namespace orb {

namespace {

const QString kColumns = QStringLiteral("seq, idempotency_key, event_name, ts, customer_id, external_customer_id, properties, status, "
                                        "backfill_id, amends, key_hash");

StoredEvent fromQuery(const QSqlQuery &q)
{
    StoredEvent e;
    e.seq = q.value(0).toLongLong();
    e.row.idempotencyKey = q.value(1).toString().toUtf8();
    e.row.eventName = q.value(2).toString().toUtf8();
    e.row.tsMs = q.value(3).toLongLong();
    e.row.customerId = q.value(4).toString().toUtf8();
    e.row.externalCustomerId = q.value(5).toString().toUtf8();
    e.row.properties = q.value(6).toString().toUtf8();
    e.status = static_cast<UsageEventStatus>(q.value(7).toInt());
    e.backfillId = q.value(8).toString();
    e.amends = q.value(9).toLongLong();
    e.row.keyHash = q.value(10).toLongLong();
    return e;
}

} // namespace

StoredEvent UsageEventService::current(const QString &idempotencyKey) const
{
    const Database &db = m_file.db();
    QSqlQuery q;
    if (db.isServer()) {
        // Every version of a key: the original through the unique index of originals
        // (migration 0033), its amendments through the index of amended keys (migration 0036).
        // The newest version is the current one, as on a file.
        q = db.execNative(QStringLiteral("SELECT ") + kColumns
                              + QStringLiteral(" FROM usage_events WHERE idempotency_key = ? AND amends IS NULL UNION ALL SELECT ") + kColumns
                              + QStringLiteral(" FROM usage_events WHERE idempotency_key = ? AND amends IS NOT NULL ORDER BY 1 DESC LIMIT 1"),
                          {idempotencyKey, idempotencyKey});
    } else {
        const QByteArray key = idempotencyKey.toUtf8();
        std::vector<qint64> seqs;
        UsageKeyIndex(db.sqliteHandle()).find(usageKeyHash(key), seqs);
        QStringList in;
        for (const qint64 seq : seqs)
            in << QString::number(seq);
        if (!in.isEmpty())
            q = db.exec(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM usage_events WHERE seq IN (") + in.join(QLatin1Char(','))
                            + QStringLiteral(") AND idempotency_key = ? ORDER BY seq DESC LIMIT 1"),
                        {idempotencyKey});
    }
    if (!q.isActive() || !q.next())
        throw ServiceError::notFound(QStringLiteral("no event has the idempotency key \"%1\"").arg(idempotencyKey));
    return fromQuery(q);
}

void UsageEventService::ensureUnlocked(const StoredEvent &e, const QString &action) const
{
    QString customerId = QString::fromUtf8(e.row.customerId);
    if (customerId.isEmpty()) {
        const auto c = CustomerRepository(m_file.db()).findByExternalId(QString::fromUtf8(e.row.externalCustomerId));
        if (!c)
            return; // no customer yet, so nothing of it can be invoiced
        customerId = c->id;
    }
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(e.row.tsMs, Qt::UTC);
    UsageLocks(m_file.db()).ensureUnlocked(customerId, t, t.addMSecs(1), action);
}

void UsageEventService::indexAmendmentInFile(const StoredEvent &e)
{
    Database &db = m_file.db();
    const qint64 seq = sqlite3_last_insert_rowid(db.sqliteHandle());
    // The new version is indexed under the same key, so current() finds it.
    UsageKeyIndex keys(db.sqliteHandle());
    keys.insertNow(e.row.keyHash, seq);
    // And listed under its customer, so the per-customer reads see it (and counted in its
    // month while active: the trigger took the superseded version out).
    CustomerPostings postings;
    postings.add(db.sqliteHandle(), e.row, seq, e.status == UsageEventStatus::Active);
    postings.write(db.sqliteHandle());
}

void UsageEventService::indexAmendmentOnServer(const StoredEvent &e, qint64 seq)
{
    Database &db = m_file.db();
    // current() finds the new version through the index of amended keys; the customer
    // directory lists it under each id it was sent with (one row a ref, as
    // CustomerPostings::write() on a file), so the per-customer reads see it.
    for (const QByteArray &ref : {e.row.customerId.isEmpty() ? QByteArray() : CustomerPostings::customerRef(e.row.customerId),
                                  e.row.externalCustomerId.isEmpty() ? QByteArray() : CustomerPostings::externalRef(e.row.externalCustomerId)}) {
        if (!ref.isEmpty())
            db.execNative(QStringLiteral("INSERT INTO usage_customer_postings (ref, ts_min, ts_max, seqs) VALUES (?, ?, ?, ?)"),
                          {QString::fromUtf8(ref), e.row.tsMs, e.row.tsMs, QString::number(seq)});
    }
    // Counted in its month while active, under the same month and reference the file gives
    // it (the trigger took the superseded version out).
    const QVariant noText{QMetaType(QMetaType::QString)};
    if (e.status == UsageEventStatus::Active)
        db.execNative(QStringLiteral("INSERT INTO usage_month_counts (month_start, ref, events) "
                                     "VALUES (orb_usage_month(CAST(? AS BIGINT)), orb_usage_month_ref(CAST(? AS TEXT), CAST(? AS TEXT)), 1) "
                                     "ON CONFLICT (month_start, ref) DO UPDATE SET events = usage_month_counts.events + excluded.events"),
                      {e.row.tsMs, e.row.customerId.isEmpty() ? noText : QVariant(QString::fromUtf8(e.row.customerId)),
                       e.row.externalCustomerId.isEmpty() ? noText : QVariant(QString::fromUtf8(e.row.externalCustomerId))});
}

StoredEvent UsageEventService::amend(const QString &idempotencyKey, const QByteArray &propertiesJson)
{
    Database &db = m_file.db();
    UnitOfWork uow(db);
    StoredEvent e = current(idempotencyKey);
    if (e.status != UsageEventStatus::Active && e.status != UsageEventStatus::Pending)
        throw ServiceError::conflict(QStringLiteral("event \"%1\" is %2 and cannot be amended").arg(idempotencyKey, StoredEvent::statusName(e.status)));
    ensureUnlocked(e, QStringLiteral("amend"));
    // Validate the new properties with the event parser itself, so the same rules hold
    // (flat values, exact numbers, no duplicate names).
    QByteArray probe = "{\"event_name\":\"x\",\"timestamp\":\"2000-01-01T00:00:00Z\",\"idempotency_key\":\"x\",\"customer_id\":\"x\",\"properties\":";
    probe += propertiesJson.trimmed();
    probe += '}';
    JsonParseError error;
    const auto parsed = EventParser::parse(probe, &error);
    if (!parsed)
        throw ServiceError::invalid(QStringLiteral("--properties: %1").arg(error.message));
    const QByteArray properties = PropertiesJson::write(parsed->properties);
    db.exec(QStringLiteral("UPDATE usage_events SET status = ? WHERE seq = ?"), {int(UsageEventStatus::Superseded), e.seq});
    auto text = [](const QByteArray &b) { return b.isEmpty() ? QVariant() : QVariant(QString::fromUtf8(b)); };
    QSqlQuery inserted = db.exec(
        QStringLiteral("INSERT INTO usage_events (key_hash, idempotency_key, event_name, ts, customer_id, external_customer_id, properties, "
                       "status, backfill_id, amends, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)%1")
            .arg(db.isServer() ? QStringLiteral(" RETURNING seq") : QString()),
        {e.row.keyHash, idempotencyKey, QString::fromUtf8(e.row.eventName), e.row.tsMs, text(e.row.customerId), text(e.row.externalCustomerId),
         QString::fromUtf8(properties), int(e.status), e.backfillId.isEmpty() ? QVariant() : QVariant(e.backfillId), e.seq, m_clock.now().toMSecsSinceEpoch()});
    if (db.isServer()) {
        if (!inserted.next())
            throw ServiceError::storage(QStringLiteral("the company server did not return the new version of event \"%1\"").arg(idempotencyKey));
        indexAmendmentOnServer(e, inserted.value(0).toLongLong());
    } else {
        indexAmendmentInFile(e);
    }
    uow.commit();
    return current(idempotencyKey);
}

StoredEvent UsageEventService::deprecate(const QString &idempotencyKey)
{
    Database &db = m_file.db();
    UnitOfWork uow(db);
    StoredEvent e = current(idempotencyKey);
    if (e.status != UsageEventStatus::Active && e.status != UsageEventStatus::Pending)
        throw ServiceError::conflict(QStringLiteral("event \"%1\" is %2 and cannot be deprecated").arg(idempotencyKey, StoredEvent::statusName(e.status)));
    ensureUnlocked(e, QStringLiteral("deprecate"));
    db.exec(QStringLiteral("UPDATE usage_events SET status = ? WHERE seq = ?"), {int(UsageEventStatus::Deprecated), e.seq});
    uow.commit();
    return current(idempotencyKey);
}

QList<StoredEvent> UsageEventService::search(const EventSearch &s) const
{
    QStringList where;
    QVariantList binds;
    if (!s.includeAllVersions)
        where << QStringLiteral("status IN (0, 2, 3)");
    if (!s.customer.isEmpty()) {
        const auto c = CustomerRepository(m_file.db()).resolve(s.customer);
        if (c) {
            where << QStringLiteral("(customer_id = ? OR external_customer_id = ?)");
            binds << c->id << c->externalCustomerId;
        } else {
            where << QStringLiteral("(customer_id = ? OR external_customer_id = ?)"); // events may precede their customer
            binds << s.customer << s.customer;
        }
        // Only the customer's own events are read (the customer directory), never the window's.
        const std::vector<qint64> seqs =
            CustomerPostings::seqsIn(m_file.db(), (c ? c->id : s.customer).toUtf8(), (c ? c->externalCustomerId : s.customer).toUtf8(),
                                     s.from.isValid() ? s.from.toMSecsSinceEpoch() : std::numeric_limits<qint64>::min(),
                                     s.to.isValid() ? s.to.toMSecsSinceEpoch() : std::numeric_limits<qint64>::max());
        // One parameter whatever the number of seqs: a JSON array on a file, an array on a server.
        const bool server = m_file.db().isServer();
        QByteArray list = server ? "{" : "[";
        for (const qint64 seq : seqs)
            list.append(QByteArray::number(seq)).append(',');
        if (list.endsWith(','))
            list.chop(1);
        list.append(server ? '}' : ']');
        where << (server ? QStringLiteral("seq = ANY (CAST(? AS BIGINT[]))") : QStringLiteral("seq IN (SELECT value FROM json_each(?))"));
        binds << QString::fromLatin1(list);
    }
    if (!s.eventName.isEmpty()) {
        where << QStringLiteral("event_name = ?");
        binds << s.eventName;
    }
    if (s.from.isValid()) {
        where << QStringLiteral("ts >= ?");
        binds << s.from.toMSecsSinceEpoch();
    }
    if (s.to.isValid()) {
        where << QStringLiteral("ts < ?");
        binds << s.to.toMSecsSinceEpoch();
    }
    if (s.afterSeq > 0) {
        where << QStringLiteral("(ts < ? OR (ts = ? AND seq < ?))");
        binds << s.afterTsMs << s.afterTsMs << s.afterSeq;
    }
    QString sql = QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM usage_events");
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY ts DESC, seq DESC LIMIT ?");
    binds << s.limit;
    QList<StoredEvent> out;
    QSqlQuery q = m_file.db().exec(sql, binds);
    while (q.next())
        out.append(fromQuery(q));
    return out;
}

} // namespace orb
