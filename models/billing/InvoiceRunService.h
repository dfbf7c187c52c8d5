// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/billing/BillingRecords.h"

#include <QJsonObject>
#include <QStringList>

#include <functional>

namespace orb {

class Clock;
class CompanyFile;
class Database;

struct InvoiceRunOptions {
    QDateTime asOf;
    /// Composes without storing anything (the run dialog's preview, `invoices run --dry-run`).
    bool dryRun = false;
    /// Only this subscription (upcoming invoices, tests); empty for all.
    QString subscriptionId;
    /// Called after each invoice is composed; returning false stops the run after the current batch
    /// (what is committed stays committed; a later run finishes the rest).
    std::function<bool(qint64 done, qint64 total)> progress;
    int batchSize = 250;
    /// Composes every draft again, whatever its stamp says (`invoices run --recompose-all`: a
    /// check that the drafts are what the current data gives).
    bool recomposeAll = false;
};

/// A subscription the run could not bill (wholly or in part), and why; every other
/// subscription is billed regardless.
struct InvoiceRunFailure {
    QString subscriptionId;
    QString customerId;
    QString customerName;
    QStringList reasons; ///< one per invoice (or the whole subscription) that failed
    QJsonObject toJson() const;
};

struct InvoiceRunSummary {
    QString runId;
    QDateTime asOf;
    int created = 0;
    int refreshed = 0; ///< drafts recomposed with changed amounts
    int unchanged = 0; ///< drafts left as they were (up to date, or recomposed to the same)
    /// Drafts composed again because something they depend on changed since they were composed
    /// (or they carry no record of what they were composed from); refreshed are among them.
    int recomposed = 0;
    /// Drafts not composed again: nothing they depend on changed since (counted in unchanged).
    int upToDate = 0;
    int alreadyIssued = 0;
    qint64 eventsScanned = 0;
    int aggregationPasses = 0;
    bool cancelled = false;
    QList<Invoice> invoices;         ///< created or refreshed (in a dry run: what would be)
    QStringList recomposedIds;       ///< the ids of the drafts counted in recomposed
    QList<InvoiceRunFailure> failed; ///< subscriptions that could not be billed, in run order
    QJsonObject toJson() const;
    /// The failures of the last finished run stored in the company file (none for a dry run).
    static QList<InvoiceRunFailure> lastRunFailures(const Database &db);
};

/**
 * The offline invoice run: every invoice due by an instant, for every subscription.
 *
 * Each invoice has a deterministic identity (subscription, phase, kind, cadence, period), so a
 * second run, or a run after a crash halfway, creates nothing twice; drafts are recomposed from
 * the current data; issued invoices are never touched. Fees billed in advance are due at their
 * period's start, usage and fees in arrears once the period and the grace period have passed,
 * one-time fees when their phase starts. Periods are clipped to the phase (a plan or seat
 * change) and to the subscription's end, and fixed fees are prorated by calendar days in the
 * customer's zone. Usage is aggregated with one streaming pass per distinct period window
 * (PeriodAggregator), window by window, so memory is bounded by one window's customers.
 * Drafts carry no balance or credits: those are applied when the invoice is issued.
 *
 * A run composes a draft again only when something it depends on changed since it was
 * composed: each stored draft carries a stamp (DraftStamps) with a digest of every input but
 * the usage and the usage watermarks the run had read. A re-run computes the digests, reads
 * the usage stored or changed since the lowest watermark, and aggregates only the customers
 * whose drafts need it, so a re-run with nothing changed reads no events at all.
 *
 * One subscription that cannot be billed never stops the run: its failure (an unknown time
 * zone, a missing customer or metric, a price that cannot be composed) is caught for that
 * subscription or invoice alone, reported in the summary's `failed` list and stored with the
 * run, and every other invoice is billed.
 */
class InvoiceRunService final
{
public:
    InvoiceRunService(CompanyFile &file, const Clock &clock);

    InvoiceRunSummary run(const InvoiceRunOptions &options);
    /// The invoices a subscription will get next (the current period's usage so far, the next
    /// period's fees in advance), composed and not stored.
    QList<Invoice> upcoming(const QString &subscriptionId);

private:
    CompanyFile &m_file;
    const Clock &m_clock;
};

} // namespace orb
