// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/reports/AgingReport.h"

#include "models/billing/BillingRecords.h"
#include "models/reports/ChartData.h"

#include <QJsonArray>
#include <QMap>

#include <algorithm>

namespace orb {

namespace {

const char *const bucketKeys[] = {"current", "days_1_30", "days_31_60", "days_61_90", "days_over_90"};

} // namespace

AgingReport::Bucket AgingReport::bucketFor(qint64 daysPastDue)
{
    if (daysPastDue <= 0)
        return Current;
    if (daysPastDue <= 30)
        return Days1To30;
    if (daysPastDue <= 60)
        return Days31To60;
    if (daysPastDue <= 90)
        return Days61To90;
    return Over90;
}

QString AgingReport::bucketTitle(int bucket)
{
    switch (bucket) {
    case Current: return QStringLiteral("Current");
    case Days1To30: return QStringLiteral("1–30 days");
    case Days31To60: return QStringLiteral("31–60 days");
    case Days61To90: return QStringLiteral("61–90 days");
    case Over90: return QStringLiteral("Over 90 days");
    default: return QStringLiteral("Total");
    }
}

AgingReport AgingReport::build(const QList<AgingItem> &items, QDate asOf)
{
    // Keyed by (customer, currency) so that a customer billed in two currencies gets two rows.
    QMap<QPair<QString, QString>, AgingRow> rows;
    QList<AgingItem> kept;
    for (const AgingItem &item : items) {
        if (!item.outstanding.isPositive())
            continue;
        kept.append(item);
        const QDate due = item.dueDate.isValid() ? item.dueDate : item.invoiceDate;
        const Bucket b = bucketFor(due.isValid() ? due.daysTo(asOf) : 0);
        AgingRow &row = rows[{item.customerId, item.currency}];
        row.customerId = item.customerId;
        row.customerName = item.customerName;
        row.currency = item.currency;
        row.buckets[b] += item.outstanding;
        row.total += item.outstanding;
        ++row.invoices;
    }
    AgingReport report = fromRows(rows.values(), asOf);
    report.m_items = kept;
    return report;
}

AgingReport AgingReport::fromRows(QList<AgingRow> rows, QDate asOf)
{
    AgingReport report;
    report.m_asOf = asOf;
    // Exact sums, so adding up the rows gives what adding up their invoices gives.
    QMap<QString, AgingRow> totals;
    for (const AgingRow &row : rows) {
        AgingRow &total = totals[row.currency];
        total.currency = row.currency;
        for (size_t b = 0; b < row.buckets.size(); ++b)
            total.buckets[b] += row.buckets[b];
        total.total += row.total;
        total.invoices += row.invoices;
    }
    // The order the rows came in decides nothing: by customer id and currency first (the order
    // build() kept them in), then by name.
    std::sort(rows.begin(), rows.end(),
              [](const AgingRow &a, const AgingRow &b) { return a.customerId != b.customerId ? a.customerId < b.customerId : a.currency < b.currency; });
    std::stable_sort(rows.begin(), rows.end(), [](const AgingRow &a, const AgingRow &b) {
        const int byName = QString::localeAwareCompare(a.customerName, b.customerName);
        return byName != 0 ? byName < 0 : a.currency < b.currency;
    });
    report.m_rows = rows;
    report.m_totals = totals.values();
    return report;
}

qint64 AgingReport::openInvoices() const
{
    qint64 n = 0;
    for (const AgingRow &r : m_rows)
        n += r.invoices;
    return n;
}

QString AgingReport::toCsv() const
{
    QStringList header{QStringLiteral("customer_id"), QStringLiteral("customer"), QStringLiteral("currency")};
    for (const char *k : bucketKeys)
        header << QString::fromLatin1(k);
    header << QStringLiteral("total") << QStringLiteral("invoices");
    QString out = header.join(QLatin1Char(',')) + QLatin1Char('\n');
    auto line = [&](const AgingRow &r, const QString &id, const QString &name) {
        QStringList f{csvField(id), csvField(name), r.currency};
        for (const Decimal &d : r.buckets)
            f << moneyText(d, r.currency);
        f << moneyText(r.total, r.currency) << QString::number(r.invoices);
        out += f.join(QLatin1Char(',')) + QLatin1Char('\n');
    };
    for (const AgingRow &r : m_rows)
        line(r, r.customerId, r.customerName);
    for (const AgingRow &r : m_totals)
        line(r, QString(), QStringLiteral("Total"));
    return out;
}

QJsonObject AgingReport::toJson() const
{
    auto rowJson = [](const AgingRow &r) {
        QJsonObject o;
        if (!r.customerId.isEmpty()) {
            o.insert(QStringLiteral("customer_id"), r.customerId);
            o.insert(QStringLiteral("customer_name"), r.customerName);
        }
        o.insert(QStringLiteral("currency"), r.currency);
        for (int b = 0; b < BucketCount; ++b)
            o.insert(QString::fromLatin1(bucketKeys[b]), moneyText(r.buckets[size_t(b)], r.currency));
        o.insert(QStringLiteral("total"), moneyText(r.total, r.currency));
        o.insert(QStringLiteral("invoices"), r.invoices);
        return o;
    };
    QJsonArray data, totals;
    for (const AgingRow &r : m_rows)
        data.append(rowJson(r));
    for (const AgingRow &r : m_totals)
        totals.append(rowJson(r));
    return QJsonObject{{QStringLiteral("as_of"), m_asOf.toString(Qt::ISODate)}, {QStringLiteral("data"), data}, {QStringLiteral("totals"), totals}};
}

} // namespace orb
