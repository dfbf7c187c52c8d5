// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/exports/LedgerJournal.h"

#include <QByteArray>
#include <optional>

namespace orb {

/**
 * Journal entries as files that small-business ledgers import. Deterministic: the same entries
 * give the same bytes (no timestamps, fixed order, "\n" line ends for CSV, "\r\n" for IIF).
 *
 * - GnuCash CSV: the multi-split layout of GnuCash's own transaction export (one row per split,
 *   the transaction's fields on every row, grouped by "Transaction ID"), which its importer reads
 *   with the "GnuCash Export Format" preset and dates as y-m-d. Debits are positive.
 * - IIF: QuickBooks Desktop's TRNS/SPL/ENDTRNS blocks, tab separated, dates MM/DD/YYYY; the
 *   first line of each transaction is the receivable or bank side.
 */
class LedgerWriter final
{
public:
    enum class Format { GnuCashCsv, Iif };
    static std::optional<Format> formatFromName(const QString &name);
    static QString formatName(Format format);

    /// Throws ServiceError(InvalidInput) when an entry does not balance.
    static QByteArray write(const QList<JournalEntry> &entries, Format format);
    static QByteArray gnucashCsv(const QList<JournalEntry> &entries);
    static QByteArray iif(const QList<JournalEntry> &entries);
};

} // namespace orb
