// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/exports/LedgerWriter.h"

#include "engine/Currency.h"
#include "models/StorageError.h"

#include <QStringList>

namespace orb {

namespace {

void requireBalanced(const QList<JournalEntry> &entries)
{
    for (const JournalEntry &e : entries)
        if (!e.balance().isZero())
            throw ServiceError::invalid(
                QStringLiteral("journal entry %1 (%2) does not balance: its splits sum to %3").arg(e.id, e.number, e.balance().toString()));
}

QString amountText(const Decimal &amount, const QString &currency)
{
    const auto c = Currency::fromCode(currency);
    return amount.rounded(c ? c->minorUnits() : 2).toString();
}

/// RFC 4180: quoted when it holds a separator, a quote or a line break.
QString csvField(const QString &s)
{
    if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')) && !s.contains(QLatin1Char('\n')) && !s.contains(QLatin1Char('\r')))
        return s;
    QString q = s;
    q.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

/// IIF fields cannot hold tabs, line breaks or double quotes.
QString iifField(QString s)
{
    for (QChar &c : s)
        if (c == QLatin1Char('\t') || c == QLatin1Char('\n') || c == QLatin1Char('\r') || c == QLatin1Char('"'))
            c = QLatin1Char(' ');
    return s;
}

QString iifType(JournalEntry::Kind kind)
{
    switch (kind) {
    case JournalEntry::Kind::Invoice: return QStringLiteral("INVOICE");
    case JournalEntry::Kind::Payment: return QStringLiteral("PAYMENT");
    case JournalEntry::Kind::CreditNote: return QStringLiteral("CREDIT MEMO");
    case JournalEntry::Kind::Void: return QStringLiteral("GENERAL JOURNAL");
    }
    return {};
}

} // namespace

std::optional<LedgerWriter::Format> LedgerWriter::formatFromName(const QString &name)
{
    if (name == QLatin1String("gnucash-csv"))
        return Format::GnuCashCsv;
    if (name == QLatin1String("iif"))
        return Format::Iif;
    return std::nullopt;
}

QString LedgerWriter::formatName(Format format)
{
    return format == Format::GnuCashCsv ? QStringLiteral("gnucash-csv") : QStringLiteral("iif");
}

QByteArray LedgerWriter::write(const QList<JournalEntry> &entries, Format format)
{
    return format == Format::GnuCashCsv ? gnucashCsv(entries) : iif(entries);
}

QByteArray LedgerWriter::gnucashCsv(const QList<JournalEntry> &entries)
{
    requireBalanced(entries);
    // The columns of GnuCash's transaction export (complex layout), in its order.
    QString out = QStringLiteral("Date,Transaction ID,Number,Description,Notes,Commodity/Currency,Void Reason,Action,Memo,"
                                 "Full Account Name,Account Name,Amount With Sym,Amount Num.,Value With Sym,Value Num.,"
                                 "Reconcile,Reconcile Date,Rate/Price\n");
    for (const JournalEntry &e : entries) {
        for (const JournalSplit &s : e.splits) {
            const QString amount = amountText(s.amount, e.currency);
            const QString shortName = s.account.section(QLatin1Char(':'), -1);
            const QStringList row{e.date.toString(Qt::ISODate),
                                  e.id,
                                  e.number,
                                  e.description,
                                  JournalEntry::kindName(e.kind),
                                  QStringLiteral("CURRENCY::") + e.currency,
                                  QString(),
                                  QString(),
                                  s.memo,
                                  s.account,
                                  shortName,
                                  amount + QLatin1Char(' ') + e.currency,
                                  amount,
                                  amount + QLatin1Char(' ') + e.currency,
                                  amount,
                                  QStringLiteral("n"),
                                  QString(),
                                  QStringLiteral("1")};
            QStringList fields;
            for (const QString &f : row)
                fields << csvField(f);
            out += fields.join(QLatin1Char(',')) + QLatin1Char('\n');
        }
    }
    return out.toUtf8();
}

QByteArray LedgerWriter::iif(const QList<JournalEntry> &entries)
{
    requireBalanced(entries);
    QStringList lines{QStringLiteral("!TRNS\tTRNSID\tTRNSTYPE\tDATE\tACCNT\tNAME\tAMOUNT\tDOCNUM\tMEMO"),
                      QStringLiteral("!SPL\tSPLID\tTRNSTYPE\tDATE\tACCNT\tNAME\tAMOUNT\tDOCNUM\tMEMO"), QStringLiteral("!ENDTRNS")};
    for (const JournalEntry &e : entries) {
        const QString type = iifType(e.kind);
        const QString date = e.date.toString(QStringLiteral("MM/dd/yyyy"));
        for (int i = 0; i < e.splits.size(); ++i) {
            const JournalSplit &s = e.splits.at(i);
            lines << QStringList{i == 0 ? QStringLiteral("TRNS") : QStringLiteral("SPL"),
                                 QString(),
                                 type,
                                 date,
                                 iifField(s.account),
                                 iifField(e.customer),
                                 amountText(s.amount, e.currency),
                                 iifField(e.number),
                                 iifField(s.memo.isEmpty() ? e.description : s.memo)}
                         .join(QLatin1Char('\t'));
        }
        lines << QStringLiteral("ENDTRNS");
    }
    return (lines.join(QStringLiteral("\r\n")) + QStringLiteral("\r\n")).toUtf8();
}

} // namespace orb
