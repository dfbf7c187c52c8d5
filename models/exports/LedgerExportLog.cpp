// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/exports/LedgerExportLog.h"

#include "engine/Clock.h"
#include "models/AuditLog.h"
#include "models/CompanyFile.h"
#include "models/Ids.h"
#include "models/StorageError.h"
#include "models/Timestamps.h"
#include "models/UnitOfWork.h"

#include <QJsonObject>
#include <QSqlQuery>

namespace orb {

namespace {

LedgerExportMark fromRow(const QSqlQuery &q)
{
    return {q.value(0).toString(),
            q.value(1).toString(),
            QDate::fromString(q.value(2).toString(), Qt::ISODate),
            QDate::fromString(q.value(3).toString(), Qt::ISODate),
            q.value(4).toInt(),
            q.value(5).toString(),
            fromIsoUtc(q.value(6).toString())};
}

const QString kSelect = QStringLiteral("SELECT id, format, period_from, period_to, entries, sha256, exported_at FROM ledger_exports ");

} // namespace

LedgerExportMark LedgerExportLog::mark(const QString &format, QDate from, QDate to, int entries, const QString &sha256, const Clock &clock)
{
    if (m_file.isReadOnly())
        throw ServiceError::conflict(QStringLiteral("%1 is open read-only; the period was not marked").arg(m_file.path()));
    LedgerExportMark m{newId(), format, from, to, entries, sha256, clock.now()};
    UnitOfWork uow(m_file.db());
    m_file.db().exec(
        QStringLiteral("INSERT INTO ledger_exports (id, format, period_from, period_to, entries, sha256, exported_at) VALUES (?, ?, ?, ?, ?, ?, ?)"),
        {m.id, m.format, from.toString(Qt::ISODate), to.toString(Qt::ISODate), entries, sha256, toIsoUtc(m.exportedAt)});
    AuditLog(m_file.db())
        .append(m.exportedAt, QStringLiteral("ledger.export"), QStringLiteral("ledger_export"), m.id, std::nullopt,
                QJsonObject{{QStringLiteral("format"), format},
                            {QStringLiteral("from"), from.toString(Qt::ISODate)},
                            {QStringLiteral("to"), to.toString(Qt::ISODate)},
                            {QStringLiteral("entries"), entries},
                            {QStringLiteral("sha256"), sha256}});
    uow.commit();
    return m;
}

QList<LedgerExportMark> LedgerExportLog::list() const
{
    QList<LedgerExportMark> out;
    QSqlQuery q = m_file.db().exec(kSelect + QStringLiteral("ORDER BY period_from, exported_at, id"));
    while (q.next())
        out.append(fromRow(q));
    return out;
}

QList<LedgerExportMark> LedgerExportLog::overlapping(QDate from, QDate to) const
{
    QList<LedgerExportMark> out;
    QSqlQuery q = m_file.db().exec(kSelect + QStringLiteral("WHERE period_from <= ? AND period_to >= ? ORDER BY period_from, exported_at, id"),
                                   {to.toString(Qt::ISODate), from.toString(Qt::ISODate)});
    while (q.next())
        out.append(fromRow(q));
    return out;
}

} // namespace orb
