// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/api/ApiInvoicePage.h"

#include "models/Database.h"
#include "models/billing/InvoiceRepository.h"

#include <QHash>
#include <QSqlQuery>
#include <QVariant>

namespace orb {

namespace {

QString day(const QDate &d)
{
    return d.toString(Qt::ISODate);
}

/// Reads one segment of the list (the dated invoices, or those without a date) after `after`.
struct Segment {
    QStringList where;
    QVariantList binds;
};

} // namespace

InvoicePage ApiInvoicePage::fetch(const InvoicePageQuery &q) const
{
    InvoicePage page;
    if (q.statuses.isEmpty() || q.limit <= 0)
        return page;
    Segment common;
    {
        QStringList marks;
        for (const QString &s : q.statuses) {
            marks << QStringLiteral("?");
            common.binds << s;
        }
        // Written so that no index on the status is chosen (both engines): the status index
        // would find every invoice of those statuses and sort them all for one page; the
        // list-order index reads just the page and checks the status of each row it passes.
        common.where << QStringLiteral("(status || '') IN (%1)").arg(marks.join(QLatin1Char(',')));
    }
    if (!q.customerId.isEmpty()) {
        common.where << QStringLiteral("customer_id = ?");
        common.binds << q.customerId;
    }
    if (!q.subscriptionId.isEmpty()) {
        common.where << QStringLiteral("subscription_id = ?");
        common.binds << q.subscriptionId;
    }
    auto dateBound = [&](const QDate &d, const char *op) {
        if (d.isValid()) {
            common.where << QStringLiteral("invoice_date %1 ?").arg(QLatin1String(op));
            common.binds << day(d);
        }
    };
    dateBound(q.invoiceDateAfter, ">");
    dateBound(q.invoiceDateFrom, ">=");
    dateBound(q.invoiceDateBefore, "<");
    dateBound(q.invoiceDateTo, "<=");
    auto dueBound = [&](const QDate &d, const char *op) {
        if (d.isValid()) {
            common.where << QStringLiteral("due_date %1 ?").arg(QLatin1String(op));
            common.binds << day(d);
        }
    };
    dueBound(q.dueDate, "=");
    dueBound(q.dueDateAfter, ">");
    dueBound(q.dueDateBefore, "<");
    const bool datesAsked = q.invoiceDateAfter.isValid() || q.invoiceDateFrom.isValid() || q.invoiceDateBefore.isValid() || q.invoiceDateTo.isValid();

    // Two segments, each one index range in the order of its index (invoice_date, created_at,
    // id) read backwards: the dated invoices, then those without a date (which SQLite and
    // PostgreSQL would otherwise sort at opposite ends).
    QStringList ids;
    auto read = [&](bool dated, int want) {
        Segment s = common;
        s.where << (dated ? QStringLiteral("invoice_date IS NOT NULL") : QStringLiteral("invoice_date IS NULL"));
        if (q.after) {
            if (dated) {
                s.where << QStringLiteral("(invoice_date, created_at, id) < (?, ?, ?)");
                s.binds << q.after->invoiceDate << q.after->createdAt << q.after->id;
            } else if (q.after->invoiceDate.isEmpty()) {
                s.where << QStringLiteral("(created_at, id) < (?, ?)");
                s.binds << q.after->createdAt << q.after->id;
            }
        }
        const QString order =
            dated ? QStringLiteral("ORDER BY invoice_date DESC, created_at DESC, id DESC") : QStringLiteral("ORDER BY created_at DESC, id DESC");
        QSqlQuery r = m_db.exec(QStringLiteral("SELECT id, invoice_date, created_at FROM invoices WHERE %1 %2 LIMIT %3")
                                    .arg(s.where.join(QStringLiteral(" AND ")), order)
                                    .arg(want),
                                s.binds);
        while (r.next()) {
            if (ids.size() == q.limit) {
                page.hasMore = true;
                return;
            }
            ids << r.value(0).toString();
            page.last = InvoicePageQuery::After{r.value(1).toString(), r.value(2).toString(), r.value(0).toString()};
        }
    };
    const bool afterUndated = q.after && q.after->invoiceDate.isEmpty();
    if (!afterUndated)
        read(true, q.limit + 1);
    // An invoice without a date matches no date filter.
    if (!page.hasMore && !datesAsked)
        read(false, q.limit + 1 - int(ids.size()));

    if (ids.isEmpty())
        return page;
    // The page's invoices in one statement, put back in the list's order; one deleted since
    // (a draft) is left out.
    QStringList marks;
    QVariantList binds;
    for (const QString &id : std::as_const(ids)) {
        marks << QStringLiteral("?");
        binds << id;
    }
    QHash<QString, Invoice> byId;
    for (Invoice &inv : InvoiceRepository(m_db).invoicesWhere(QStringLiteral("id IN (%1)").arg(marks.join(QLatin1Char(','))), binds))
        byId.insert(inv.id, std::move(inv));
    for (const QString &id : std::as_const(ids))
        if (const auto it = byId.constFind(id); it != byId.constEnd())
            page.invoices.append(*it);
    return page;
}

QString ApiInvoicePage::cursor(const InvoicePageQuery::After &last)
{
    // Versioned and opaque, as Orb's cursors are: what a client sends back, never reads.
    const QByteArray raw = "i1\n" + last.invoiceDate.toUtf8() + '\n' + last.createdAt.toUtf8() + '\n' + last.id.toUtf8();
    return QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<InvoicePageQuery::After> ApiInvoicePage::parseCursor(const QString &cursor)
{
    const auto decoded = QByteArray::fromBase64Encoding(cursor.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    const QList<QByteArray> parts = decoded.decoded.split('\n');
    if (parts.size() != 4 || parts[0] != "i1" || parts[2].isEmpty() || parts[3].isEmpty())
        return std::nullopt;
    return InvoicePageQuery::After{QString::fromUtf8(parts[1]), QString::fromUtf8(parts[2]), QString::fromUtf8(parts[3])};
}

} // namespace orb
