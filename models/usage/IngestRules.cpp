// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/usage/IngestRules.h"

#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/StorageError.h"
#include "models/Timestamps.h"
#include "models/usage/BackfillService.h"

#include <QSqlQuery>

namespace orb {

IngestRules IngestRules::load(CompanyFile &file, const Clock &clock, const QString &backfillId, const QSet<QByteArray> &customerIds)
{
    IngestRules r = load(file, clock, backfillId, false);
    for (const QByteArray &id : customerIds)
        if (file.db().scalar(QStringLiteral("SELECT 1 FROM customers WHERE id = ?"), {QString::fromUtf8(id)}).isValid())
            r.m_customerIds.insert(id);
    return r;
}

IngestRules IngestRules::load(CompanyFile &file, const Clock &clock, const QString &backfillId)
{
    return load(file, clock, backfillId, true);
}

IngestRules IngestRules::load(CompanyFile &file, const Clock &clock, const QString &backfillId, bool allCustomers)
{
    IngestRules r;
    r.m_nowMs = clock.now().toMSecsSinceEpoch();
    r.m_graceHours = file.setting(IntSetting::GracePeriodHours);
    r.m_graceMs = r.m_graceHours * 3600 * 1000;
    if (allCustomers) {
        QSqlQuery q = file.db().exec(QStringLiteral("SELECT id FROM customers"));
        while (q.next())
            r.m_customerIds.insert(q.value(0).toString().toUtf8());
    }
    if (!backfillId.isEmpty()) {
        BackfillService backfills(file, clock);
        Backfill b = backfills.get(backfillId);
        if (b.status != QLatin1String("pending"))
            throw ServiceError::conflict(QStringLiteral("backfill %1 is %2: only a pending backfill takes events").arg(b.id, b.status));
        r.m_backfillCustomerId = b.customerId.toUtf8();
        if (!b.customerId.isEmpty())
            r.m_backfillExternalId =
                file.db().scalar(QStringLiteral("SELECT external_customer_id FROM customers WHERE id = ?"), {b.customerId}).toString().toUtf8();
        r.m_backfill = std::move(b);
    }
    return r;
}

QString IngestRules::check(const UsageEventRow &row) const
{
    const auto when = [&] { return toApiTimestamp(QDateTime::fromMSecsSinceEpoch(row.tsMs, Qt::UTC)); };
    if (row.tsMs > m_nowMs + FutureToleranceMs)
        return QStringLiteral("timestamp: %1 is more than 5 minutes in the future").arg(when());
    if (!row.customerId.isEmpty() && !m_customerIds.contains(row.customerId))
        return QStringLiteral("customer_id: no customer has the id \"%1\"").arg(QString::fromUtf8(row.customerId));
    if (m_backfill) {
        const qint64 start = m_backfill->timeframeStart.toMSecsSinceEpoch();
        const qint64 end = m_backfill->timeframeEnd.toMSecsSinceEpoch();
        if (row.tsMs < start || row.tsMs >= end)
            return QStringLiteral("timestamp: %1 is outside the backfill's timeframe [%2, %3)")
                .arg(when(), toApiTimestamp(m_backfill->timeframeStart), toApiTimestamp(m_backfill->timeframeEnd));
        if (!m_backfillCustomerId.isEmpty() && row.customerId != m_backfillCustomerId
            && (m_backfillExternalId.isEmpty() || row.externalCustomerId != m_backfillExternalId))
            return QStringLiteral("customer: the backfill %1 is for customer %2 only").arg(m_backfill->id, m_backfill->customerId);
        return {};
    }
    if (row.tsMs < m_nowMs - m_graceMs)
        return QStringLiteral("timestamp: %1 is older than the grace period of %2 hours; ingest it through a backfill").arg(when()).arg(m_graceHours);
    return {};
}

} // namespace orb
