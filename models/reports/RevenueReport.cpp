// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/reports/RevenueReport.h"

#include <QMap>

#include <algorithm>

namespace orb {

namespace {

QDate monthOf(QDate d)
{
    return QDate(d.year(), d.month(), 1);
}

} // namespace

bool RevenueReport::counts(const Invoice &invoice)
{
    return invoice.status == InvoiceStatus::Issued || invoice.status == InvoiceStatus::Paid;
}

ChartData RevenueReport::byMonth(const QList<Invoice> &invoices, const QList<Payment> &payments, QDate from, QDate to, const QString &currency)
{
    ChartData chart;
    chart.title = QStringLiteral("Revenue by month (%1)").arg(currency);
    chart.valueLabel = currency;
    QList<QDate> months;
    for (QDate m = monthOf(from); from.isValid() && to.isValid() && m <= monthOf(to); m = m.addMonths(1)) {
        months.append(m);
        chart.categories.append(m.toString(QStringLiteral("yyyy-MM")));
    }
    ChartSeries invoiced{QStringLiteral("Invoiced"), QList<Decimal>(months.size(), Decimal(0))};
    ChartSeries paid{QStringLiteral("Paid"), QList<Decimal>(months.size(), Decimal(0))};
    ChartSeries outstanding{QStringLiteral("Outstanding"), QList<Decimal>(months.size(), Decimal(0))};
    auto indexOf = [&](QDate d) { return d.isValid() ? int(months.indexOf(monthOf(d))) : -1; };
    for (const Invoice &i : invoices) {
        if (i.currency != currency || !counts(i))
            continue;
        const int m = indexOf(i.invoiceDate);
        if (m < 0)
            continue;
        invoiced.values[m] += i.total;
        outstanding.values[m] += i.amountRemaining();
    }
    for (const Payment &p : payments) {
        if (p.currency != currency)
            continue;
        const int m = indexOf(p.paidOn);
        if (m >= 0)
            paid.values[m] += p.amount;
    }
    chart.series = {invoiced, paid, outstanding};
    return chart;
}

ChartData RevenueReport::byPlan(const QList<Invoice> &invoices, const QHash<QString, QString> &planOf, QDate from, QDate to, const QString &currency)
{
    QMap<QString, Decimal> totals;
    for (const Invoice &i : invoices) {
        if (i.currency != currency || !counts(i) || i.invoiceDate < from || i.invoiceDate > to)
            continue;
        const QString plan = planOf.value(i.id);
        totals[plan.isEmpty() ? QStringLiteral("One-off") : plan] += i.total;
    }
    return byPlanTotals(totals, currency);
}

ChartData RevenueReport::byPlanTotals(const QMap<QString, Decimal> &totals, const QString &currency)
{
    QList<QPair<QString, Decimal>> sorted;
    for (auto it = totals.cbegin(); it != totals.cend(); ++it)
        sorted.append({it.key(), it.value()});
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto &a, const auto &b) { return a.second > b.second; });
    ChartData chart;
    chart.title = QStringLiteral("Revenue by plan (%1)").arg(currency);
    chart.valueLabel = currency;
    ChartSeries s{QStringLiteral("Invoiced"), {}};
    for (const auto &p : sorted) {
        chart.categories.append(p.first);
        s.values.append(p.second);
    }
    chart.series = {s};
    return chart;
}

} // namespace orb
