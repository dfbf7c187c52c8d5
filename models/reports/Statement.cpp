// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/reports/Statement.h"

#include <algorithm>

namespace orb {

QString Statement::kindName(StatementLine::Kind kind)
{
    switch (kind) {
    case StatementLine::Kind::Invoice: return QStringLiteral("Invoice");
    case StatementLine::Kind::Payment: return QStringLiteral("Payment");
    case StatementLine::Kind::CreditNote: return QStringLiteral("Credit note");
    case StatementLine::Kind::RefundPaid: return QStringLiteral("Refund paid");
    case StatementLine::Kind::Void: return QStringLiteral("Void");
    }
    return {};
}

Statement Statement::build(QList<StatementLine> movements, QDate from, QDate to, const QString &currency)
{
    // Invoices first on a day, so that a same-day payment never shows a balance below zero.
    std::stable_sort(movements.begin(), movements.end(), [](const StatementLine &a, const StatementLine &b) {
        if (a.date != b.date)
            return a.date < b.date;
        return int(a.kind) < int(b.kind);
    });
    Statement s;
    s.from = from;
    s.to = to;
    s.currency = currency;
    Decimal running(0);
    for (StatementLine line : movements) {
        if (line.date > to)
            break;
        running += line.debit - line.credit;
        if (line.date < from) {
            s.opening = running;
            continue;
        }
        line.balance = running;
        s.lines.append(line);
    }
    s.closing = running;
    return s;
}

} // namespace orb
