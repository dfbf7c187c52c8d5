// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>

namespace orb {

class Clock;
class CompanyFile;

/// A period marked as exported to the ledger.
struct LedgerExportMark {
    QString id;
    QString format;
    QDate from;
    QDate to;
    int entries = 0;
    QString sha256; ///< of the file that was written
    QDateTime exportedAt;
};

/// The periods marked as exported (table ledger_exports): marking is one transaction with an
/// audit entry; overlapping() tells an export that a period was already posted.
class LedgerExportLog final
{
public:
    explicit LedgerExportLog(CompanyFile &file) : m_file(file) {}

    LedgerExportMark mark(const QString &format, QDate from, QDate to, int entries, const QString &sha256, const Clock &clock);
    QList<LedgerExportMark> list() const;
    /// The marks whose period shares a day with [from, to].
    QList<LedgerExportMark> overlapping(QDate from, QDate to) const;

private:
    CompanyFile &m_file;
};

} // namespace orb
