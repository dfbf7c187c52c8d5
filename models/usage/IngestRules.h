// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/usage/Backfill.h"
#include "models/usage/UsageEventRow.h"

#include <QSet>
#include <QString>

#include <optional>

namespace orb {

class Clock;
class CompanyFile;

/**
 * Orb's acceptance rules for one event, checked without touching the file (everything they
 * need is loaded once), so that a parser thread can apply them:
 * - a timestamp more than 5 minutes in the future is rejected;
 * - outside a backfill, a timestamp older than the grace period (company setting
 *   grace_period_hours, default 12) is rejected;
 * - in a backfill, the timestamp must lie in its timeframe and the customer must be its own;
 * - a customer_id must name an existing customer; an unknown external_customer_id is accepted
 *   (it attaches to the customer created later with that id).
 * Deduplication is the store's business.
 */
class IngestRules final
{
public:
    static constexpr qint64 FutureToleranceMs = 5 * 60 * 1000;

    /// Loads the rules' inputs; `backfillId` (may be empty) must name a pending backfill.
    static IngestRules load(CompanyFile &file, const Clock &clock, const QString &backfillId);
    /// The same, knowing only the customers among `customerIds` (the ones a batch of events
    /// names): a request of a few events does not read every customer of the company.
    static IngestRules load(CompanyFile &file, const Clock &clock, const QString &backfillId, const QSet<QByteArray> &customerIds);

    /// Empty when the event may be stored, else the rule broken ("timestamp: …").
    QString check(const UsageEventRow &row) const;

    const std::optional<Backfill> &backfill() const { return m_backfill; }
    qint64 nowMs() const { return m_nowMs; }
    /// Live events before this instant (ms since the epoch) are refused: they need a backfill.
    qint64 graceCutoffMs() const { return m_nowMs - m_graceMs; }

private:
    IngestRules() = default;
    qint64 m_nowMs = 0;
    qint64 m_graceMs = 0;
    qint64 m_graceHours = 0;
    static IngestRules load(CompanyFile &file, const Clock &clock, const QString &backfillId, bool allCustomers);
    QSet<QByteArray> m_customerIds;
    std::optional<Backfill> m_backfill;
    QByteArray m_backfillCustomerId;
    QByteArray m_backfillExternalId;
};

} // namespace orb
