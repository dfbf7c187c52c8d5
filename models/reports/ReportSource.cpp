// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/reports/ReportSource.h"

#include "models/sync/StripeInvoiceState.h"

#include "engine/billing/BillingSchedule.h"
#include "models/CompanyFile.h"
#include "models/CustomerRepository.h"
#include "models/StorageError.h"
#include "models/billing/InvoiceRepository.h"
#include "models/billing/SubscriptionRepository.h"
#include "models/Timestamps.h"
#include "models/reports/RevenueReport.h"
#include "models/SqliteStatement.h"

#include <QByteArrayView>
#include <QSqlQuery>

namespace orb {

namespace {

QTimeZone validZone(const QTimeZone &zone)
{
    return zone.isValid() ? zone : QTimeZone::utc();
}

/// A text column of the current row, without a copy (valid until the statement steps again).
QByteArrayView textOf(sqlite3_stmt *s, int column)
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(s, column));
    return text ? QByteArrayView(text, sqlite3_column_bytes(s, column)) : QByteArrayView();
}

/**
 * A stored amount as the repositories read it (Decimal::parse of the text), without the detour
 * through QVariant and QString: plain "-123.45" forms of up to 18 digits become the same
 * coefficient and scale directly; anything else goes through Decimal::parse, which also says
 * what is wrong with a damaged value.
 */
Decimal decimalOf(QByteArrayView text)
{
    qsizetype i = 0;
    const bool negative = !text.isEmpty() && text[0] == '-';
    if (!text.isEmpty() && (text[0] == '-' || text[0] == '+'))
        ++i;
    qint64 coefficient = 0;
    int digits = 0, scale = 0;
    bool point = false;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '.' && !point) {
            point = true;
            continue;
        }
        if (c < '0' || c > '9' || ++digits > 18)
            return Decimal::parse(QString::fromUtf8(text.data(), text.size()));
        coefficient = coefficient * 10 + (c - '0');
        if (point)
            ++scale;
    }
    if (digits == 0)
        return Decimal::parse(QString::fromUtf8(text.data(), text.size()));
    return Decimal::fromCoefficient(negative ? -coefficient : coefficient, scale);
}

/// A stored ISO date ("2026-03-01") as parseDate() reads it; other forms go through parseDate().
QDate dateOf(QByteArrayView text)
{
    auto digit = [&](int at) { return text[at] >= '0' && text[at] <= '9'; };
    if (text.size() == 10 && text[4] == '-' && text[7] == '-' && digit(0) && digit(1) && digit(2) && digit(3) && digit(5) && digit(6) && digit(8) && digit(9)) {
        auto number = [&](int from, int n) {
            int v = 0;
            for (int k = from; k < from + n; ++k)
                v = v * 10 + (text[k] - '0');
            return v;
        };
        return QDate(number(0, 4), number(5, 2), number(8, 2));
    }
    return text.isEmpty() ? QDate() : parseDate(QString::fromUtf8(text.data(), text.size()));
}

/// The space-separated words of a group_concat() list.
QList<QByteArrayView> wordsOf(QByteArrayView text)
{
    QList<QByteArrayView> words;
    qsizetype start = 0;
    for (qsizetype i = 0; i <= text.size(); ++i)
        if (i == text.size() || text[i] == ' ') {
            if (i > start)
                words.append(text.sliced(start, i - start));
            start = i + 1;
        }
    return words;
}

QString stringOf(QByteArrayView text)
{
    return QString::fromUtf8(text.data(), text.size());
}

} // namespace

ReportSource::ReportSource(CompanyFile &file) : ReportSource(file.db(), QTimeZone(file.settings().timezone.toUtf8()), file.settings().defaultCurrency) {}

ReportSource::ReportSource(const Database &db, const QTimeZone &zone, const QString &defaultCurrency)
    : m_db(db), m_zone(validZone(zone)), m_defaultCurrency(defaultCurrency)
{
}

QDate ReportSource::localDate(const QDateTime &instant) const
{
    return instant.isValid() ? billing::BillingSchedule::localDate(instant, m_zone) : QDate();
}

ReportSource::Loaded ReportSource::load(const QString &where, const QVariantList &binds) const
{
    // Three statements whatever the number of invoices: the invoices, then their payments and
    // their credit notes through the same condition.
    const InvoiceRepository repo(m_db);
    Loaded l;
    l.invoices = repo.invoicesWhere(where, binds);
    const QString ofThem = QStringLiteral("invoice_id IN (SELECT id FROM invoices WHERE %1)").arg(where);
    for (const Payment &p : repo.paymentsWhere(ofThem, binds))
        l.payments[p.invoiceId].append(p);
    for (const CreditNote &n : repo.creditNoteHeadersWhere(ofThem, binds))
        l.creditNotes[n.invoiceId].append(n);
    return l;
}

QList<QPair<QDate, Decimal>> ReportSource::creditsOf(const QList<CreditNote> &notes) const
{
    QList<QPair<QDate, Decimal>> out;
    // What a note takes off the invoice: a refund's part paid back to the customer settles
    // nothing still owed (it gives back money that was paid).
    for (const CreditNote &n : notes)
        out.append({localDate(n.createdAt), n.total - n.paidBack});
    return out;
}

Decimal ReportSource::outstandingAsOf(const Invoice &invoice, const QList<Payment> &payments, const QList<QPair<QDate, Decimal>> &credits, QDate voidedOn,
                                      QDate asOf)
{
    const Decimal zero = Decimal(0).rounded(2);
    if (invoice.status == InvoiceStatus::Draft || !invoice.invoiceDate.isValid() || invoice.invoiceDate > asOf)
        return zero;
    if (voidedOn.isValid() && voidedOn <= asOf)
        return zero;
    Decimal left = invoice.amountDue;
    for (const Payment &p : payments)
        if (p.paidOn <= asOf)
            left -= p.amount;
    for (const auto &c : credits)
        if (c.first <= asOf)
            left -= c.second;
    return left.isPositive() ? left : zero;
}

bool ReportSource::openAsOf(const OpenRow &row, QDate asOf, OpenInvoice &open) const
{
    // The same rule as outstandingAsOf(), on the columns it uses.
    if (row.status == "draft")
        return false;
    open.invoiceDate = dateOf(row.invoiceDate);
    if (!open.invoiceDate.isValid() || open.invoiceDate > asOf)
        return false;
    if (!row.voidedAt.isEmpty()) {
        const QDate voidedOn = localDate(fromIsoUtc(stringOf(row.voidedAt)));
        if (voidedOn.isValid() && voidedOn <= asOf)
            return false;
    }
    Decimal left = decimalOf(row.amountDue);
    if (!row.payments.isEmpty())
        for (const QByteArrayView amount : wordsOf(row.payments))
            left -= decimalOf(amount);
    if (!row.creditNotes.isEmpty()) {
        // created_at, total and paid back, three words a note.
        const QList<QByteArrayView> words = wordsOf(row.creditNotes);
        for (qsizetype k = 0; k + 2 < words.size(); k += 3)
            if (localDate(fromIsoUtc(stringOf(words[k]))) <= asOf)
                left -= decimalOf(words[k + 1]) - decimalOf(words[k + 2]);
    }
    if (!left.isPositive())
        return false;
    open.customerId = row.customerId;
    open.currency = row.currency;
    open.dueDate = dateOf(row.dueDate);
    open.id = row.id;
    open.number = row.number;
    open.outstanding = left;
    return true;
}

void ReportSource::forEachOpen(QDate asOf, const QString &customerId, bool ordered, const std::function<void(const OpenInvoice &)> &visit) const
{
    // Only what can be open as of the date, read as one statement in three disjoint parts that
    // each walk the (status, invoice_date) index rather than the whole table: the issued
    // invoices; the void ones that may have been voided after the date (a day's margin for the
    // zone); and the paid ones that a payment after the date or a credit note may leave open,
    // looked up by id from the payments after the date and the (few) credit notes, rather than
    // every paid invoice tested against them (most invoices of a company are paid). The status CHECK of
    // the invoices table allows no other status. Each invoice's payments up to the date and its
    // credit notes come with it as text lists from index-only lookups (migration 0027), so no
    // invoice costs a statement of its own and no full invoice row is parsed.
    const QByteArray asOfText = dateText(asOf).toUtf8();
    const QByteArray voidedFrom = toIsoUtc(QDateTime(asOf.addDays(-1), QTime(0, 0), QTimeZone::utc())).toUtf8();
    OpenRow row;
    OpenInvoice open;
    if (m_db.isServer()) {
        // The same statement on the server, streamed (a forward-only query: libpq's single-row
        // mode), with the lists built by string_agg and one parameter per use; the order of
        // the invoice list compares by code point, as on a file, whatever the collation.
        const QString columns =
            QStringLiteral("i.customer_id, i.currency, i.status, i.invoice_date, i.due_date, i.amount_due, i.voided_at, i.id, i.invoice_number, "
                           "(SELECT string_agg(p.amount, ' ') FROM payments p WHERE p.invoice_id = i.id AND p.paid_on <= ?) AS paid, "
                           "(SELECT string_agg(c.created_at || ' ' || c.total || ' ' || coalesce(c.paid_back, '0'), ' ') FROM credit_notes c WHERE "
                           "c.invoice_id = i.id) AS notes, "
                           "i.created_at");
        const QString customer = customerId.isEmpty() ? QString() : QStringLiteral(" AND i.customer_id = ?");
        QString sql = QStringLiteral("SELECT %1 FROM invoices i WHERE i.status = 'issued' AND i.invoice_date <= ?%2 "
                                     "UNION ALL SELECT %1 FROM invoices i WHERE i.status = 'void' AND i.invoice_date <= ? "
                                     "AND (i.voided_at IS NULL OR i.voided_at >= ?)%2 "
                                     "UNION ALL SELECT %1 FROM (SELECT invoice_id AS id FROM payments WHERE paid_on > ? "
                                     "UNION SELECT invoice_id FROM credit_notes) AS later JOIN invoices i ON i.id = later.id "
                                     "WHERE i.status = 'paid' AND i.invoice_date <= ?%2")
                          .arg(columns, customer);
        if (ordered)
            sql = QStringLiteral("SELECT * FROM (%1) AS o ORDER BY invoice_date COLLATE \"C\", created_at COLLATE \"C\", id COLLATE \"C\"").arg(sql);
        const QString date = QString::fromUtf8(asOfText);
        QVariantList binds{date, date};
        if (!customerId.isEmpty())
            binds << customerId;
        binds << date << date << QString::fromUtf8(voidedFrom);
        if (!customerId.isEmpty())
            binds << customerId;
        binds << date << date << date;
        if (!customerId.isEmpty())
            binds << customerId;
        QSqlQuery q = m_db.execNative(sql, binds);
        QByteArray columnText[11];
        while (q.next()) {
            for (int c = 0; c < 11; ++c)
                columnText[c] = q.value(c).toString().toUtf8();
            row.customerId = columnText[0];
            row.currency = columnText[1];
            row.status = columnText[2];
            row.invoiceDate = columnText[3];
            row.dueDate = columnText[4];
            row.amountDue = columnText[5];
            row.voidedAt = columnText[6];
            row.id = columnText[7];
            row.number = columnText[8];
            row.payments = columnText[9];
            row.creditNotes = columnText[10];
            if (openAsOf(row, asOf, open))
                visit(open);
        }
        return;
    }
    const QString columns = QStringLiteral(
        "i.customer_id, i.currency, i.status, i.invoice_date, i.due_date, i.amount_due, i.voided_at, i.id, i.invoice_number, "
        "(SELECT group_concat(p.amount, ' ') FROM payments p WHERE p.invoice_id = i.id AND p.paid_on <= ?1), "
        "(SELECT group_concat(c.created_at || ' ' || c.total || ' ' || coalesce(c.paid_back, '0'), ' ') FROM credit_notes c WHERE c.invoice_id = i.id)");
    const QString customer = customerId.isEmpty() ? QString() : QStringLiteral(" AND i.customer_id = ?3");
    QString sql = QStringLiteral("SELECT %1, i.created_at FROM invoices i WHERE i.status = 'issued' AND i.invoice_date <= ?1%2 "
                                 "UNION ALL SELECT %1, i.created_at FROM invoices i WHERE i.status = 'void' AND i.invoice_date <= ?1 "
                                 "AND (i.voided_at IS NULL OR i.voided_at >= ?2)%2 "
                                 "UNION ALL SELECT %1, i.created_at FROM (SELECT invoice_id AS id FROM payments WHERE paid_on > ?1 "
                                 "UNION SELECT invoice_id FROM credit_notes) AS later CROSS JOIN invoices i ON i.id = later.id "
                                 "WHERE i.status = 'paid' AND i.invoice_date <= ?1%2")
                      .arg(columns, customer);
    if (ordered)
        sql += QStringLiteral(" ORDER BY 4, 12, 8");
    const QByteArray utf8 = sql.toUtf8();
    SqliteStatement q(m_db.sqliteHandle(), utf8.constData(), int(utf8.size()), "reading the open invoices");
    q.bind(1, asOfText);
    q.bind(2, voidedFrom);
    if (!customerId.isEmpty())
        q.bind(3, customerId.toUtf8());
    while (q.next()) {
        row.customerId = textOf(q, 0);
        row.currency = textOf(q, 1);
        row.status = textOf(q, 2);
        row.invoiceDate = textOf(q, 3);
        row.dueDate = textOf(q, 4);
        row.amountDue = textOf(q, 5);
        row.voidedAt = textOf(q, 6);
        row.id = textOf(q, 7);
        row.number = textOf(q, 8);
        row.payments = textOf(q, 9);
        row.creditNotes = textOf(q, 10);
        if (openAsOf(row, asOf, open))
            visit(open);
    }
}

QList<AgingItem> ReportSource::agingItems(QDate asOf, const QString &customerId) const
{
    const QHash<QString, QString> names = CustomerRepository(m_db).namesById();
    QList<AgingItem> items;
    forEachOpen(asOf, customerId, true, [&](const OpenInvoice &o) {
        const QString customer = stringOf(o.customerId);
        items.append(
            {customer, names.value(customer, customer), stringOf(o.id), stringOf(o.number), stringOf(o.currency), o.invoiceDate, o.dueDate, o.outstanding});
    });
    return items;
}

AgingReport ReportSource::aging(QDate asOf) const
{
    // One pass, one row per customer and currency: the invoices themselves are counted, not
    // kept (a million of them would be copied to and freed on the window's thread).
    const QHash<QString, QString> names = CustomerRepository(m_db).namesById();
    QHash<QByteArray, qsizetype> slotOf; // customer id, NUL, currency
    QList<AgingRow> rows;
    QByteArray key;
    forEachOpen(asOf, QString(), false, [&](const OpenInvoice &o) {
        key.clear();
        key.append(o.customerId.data(), o.customerId.size()).append('\0').append(o.currency.data(), o.currency.size());
        auto it = slotOf.constFind(key);
        if (it == slotOf.cend()) {
            AgingRow row;
            row.customerId = stringOf(o.customerId);
            row.customerName = names.value(row.customerId, row.customerId);
            row.currency = stringOf(o.currency);
            it = slotOf.insert(key, rows.size());
            rows.append(row);
        }
        AgingRow &row = rows[*it];
        const QDate due = o.dueDate.isValid() ? o.dueDate : o.invoiceDate;
        const AgingReport::Bucket b = AgingReport::bucketFor(due.isValid() ? due.daysTo(asOf) : 0);
        row.buckets[b] += o.outstanding;
        row.total += o.outstanding;
        ++row.invoices;
    });
    return AgingReport::fromRows(rows, asOf);
}

Statement ReportSource::statement(const QString &customerRef, QDate from, QDate to) const
{
    if (!from.isValid() || !to.isValid())
        throw ServiceError::invalid(QStringLiteral("statement: --from and --to must be dates (YYYY-MM-DD)"));
    if (from > to)
        throw ServiceError::invalid(QStringLiteral("statement: --from %1 is after --to %2").arg(dateText(from), dateText(to)));
    const auto customer = CustomerRepository(m_db).resolve(customerRef);
    if (!customer)
        throw ServiceError::notFound(QStringLiteral("customer \"%1\" not found (give its id or external id)").arg(customerRef));
    const Loaded l = load(QStringLiteral("customer_id = ?"), {customer->id});
    QString currency = customer->currency;
    if (currency.isEmpty())
        currency = l.invoices.isEmpty() ? m_defaultCurrency : l.invoices.first().currency;

    QList<StatementLine> movements;
    QList<AgingItem> open;
    for (const Invoice &i : l.invoices) {
        if (i.status == InvoiceStatus::Draft || i.currency != currency)
            continue;
        StatementLine line;
        line.date = i.invoiceDate;
        line.kind = StatementLine::Kind::Invoice;
        line.reference = i.invoiceNumber;
        if (i.periodStart.isValid()) {
            line.periodStart = i.periodStart;
            line.periodEnd = i.periodEnd.addDays(-1);
        } else {
            line.description = QStringLiteral("One-off invoice");
        }
        line.debit = i.amountDue;
        movements.append(line);
        const QList<Payment> payments = l.payments.value(i.id);
        for (const Payment &p : payments) {
            StatementLine pl;
            pl.date = p.paidOn;
            pl.kind = StatementLine::Kind::Payment;
            pl.reference = p.reference;
            pl.description = QStringLiteral("Payment for %1 (%2)").arg(i.invoiceNumber, p.method);
            pl.invoiceNumber = i.invoiceNumber;
            pl.detail = p.method;
            pl.credit = p.amount;
            movements.append(pl);
        }
        const QList<CreditNote> notes = l.creditNotes.value(i.id);
        for (const CreditNote &n : notes) {
            StatementLine cl;
            cl.date = localDate(n.createdAt);
            cl.kind = StatementLine::Kind::CreditNote;
            cl.reference = n.number;
            cl.description = QStringLiteral("Credit note on %1: %2").arg(i.invoiceNumber, n.reason);
            cl.invoiceNumber = i.invoiceNumber;
            cl.detail = n.reason;
            cl.credit = n.total;
            movements.append(cl);
            if (n.paidBack.isPositive()) {
                // The money that went back to the customer: without it the note alone would
                // show a credit the customer does not hold.
                StatementLine rl = cl;
                rl.kind = StatementLine::Kind::RefundPaid;
                rl.description = QStringLiteral("Refund paid on %1").arg(i.invoiceNumber);
                rl.credit = Decimal(0);
                rl.debit = n.paidBack;
                movements.append(rl);
            }
        }
        const QList<QPair<QDate, Decimal>> credits = creditsOf(notes);
        const QDate voidedOn = localDate(i.voidedAt);
        if (voidedOn.isValid()) {
            // What was still owed when it was voided is taken back.
            StatementLine vl;
            vl.date = voidedOn;
            vl.kind = StatementLine::Kind::Void;
            vl.reference = i.invoiceNumber;
            vl.description = QStringLiteral("Invoice %1 voided").arg(i.invoiceNumber);
            vl.invoiceNumber = i.invoiceNumber;
            Decimal paidBefore(0);
            for (const Payment &p : payments)
                paidBefore += p.amount;
            for (const auto &c : credits)
                paidBefore += c.second;
            vl.credit = Decimal::max(i.amountDue - paidBefore, Decimal(0));
            movements.append(vl);
        }
        const Decimal left = outstandingAsOf(i, payments, credits, voidedOn, to);
        if (left.isPositive())
            open.append({i.customerId, customer->name, i.id, i.invoiceNumber, i.currency, i.invoiceDate, i.dueDate, left});
    }
    Statement s = Statement::build(movements, from, to, currency);
    s.customerId = customer->id;
    s.customerName = customer->name;
    s.customerAddress = customer->billingAddress.lines();
    s.customerEmail = customer->email;
    s.customerTaxId = customer->taxId.value;
    for (const StripeInvoiceState::Dispute &d : StripeInvoiceState::disputes(m_db, customer->id))
        if (d.open && d.currency.compare(currency, Qt::CaseInsensitive) == 0)
            s.disputes.append({d.invoiceNumber, d.amount, d.withdrawn});
    const AgingReport aging = AgingReport::build(open, to);
    s.aging = aging.rows().isEmpty() ? AgingRow{customer->id, customer->name, currency, {}, Decimal(0), 0} : aging.rows().first();
    return s;
}

ChartData ReportSource::revenueByMonth(QDate from, QDate to, const QString &currency) const
{
    if (!from.isValid() || !to.isValid())
        return RevenueReport::byMonth({}, {}, from, to, currency);
    // The months the chart shows: their invoices that count as revenue and their payments,
    // each summed in one pass over the few columns it needs (the invoices through the
    // (status, invoice_date) index), with the rules of RevenueReport::byMonth.
    const QDate first(from.year(), from.month(), 1);
    const QDate end = QDate(to.year(), to.month(), 1).addMonths(1);
    ChartData chart = RevenueReport::byMonth({}, {}, from, to, currency);
    QList<Decimal> &invoiced = chart.series[0].values;
    QList<Decimal> &paid = chart.series[1].values;
    QList<Decimal> &outstanding = chart.series[2].values;
    auto monthIndex = [&](QDate d) {
        const int m = d.isValid() ? (d.year() - first.year()) * 12 + (d.month() - first.month()) : -1;
        return m >= 0 && m < invoiced.size() ? m : -1;
    };
    if (m_db.isServer()) {
        // Summed on the server, one row a month: the amounts are exact decimal text, summed as
        // NUMERIC (exact, and of the largest scale summed, as Decimal adds) and returned as text
        // (the driver would hand a NUMERIC over as a double). What remains of an invoice is
        // never below zero, at two decimals as Invoice::amountRemaining() gives it.
        const auto monthOf = [&](const QSqlQuery &row) { return monthIndex(QDate::fromString(row.value(0).toString() + QStringLiteral("-01"), Qt::ISODate)); };
        QSqlQuery q = m_db.execNative(
            QStringLiteral(
                "SELECT substr(invoice_date, 1, 7), CAST(SUM(CAST(total AS NUMERIC)) AS TEXT), "
                "CAST(SUM(GREATEST(CAST(amount_due AS NUMERIC) - CAST(amount_paid AS NUMERIC) - CAST(credited AS NUMERIC), CAST('0.00' AS NUMERIC))) "
                "AS TEXT) "
                "FROM invoices WHERE status IN ('issued', 'paid') AND invoice_date >= ? AND invoice_date < ? AND currency = ? GROUP BY 1"),
            {dateText(first), dateText(end), currency});
        while (q.next()) {
            const int m = monthOf(q);
            if (m < 0)
                continue;
            invoiced[m] += Decimal::parse(q.value(1).toString());
            outstanding[m] += Decimal::parse(q.value(2).toString());
        }
        QSqlQuery p = m_db.execNative(QStringLiteral("SELECT substr(paid_on, 1, 7), CAST(SUM(CAST(amount AS NUMERIC)) AS TEXT) FROM payments "
                                                     "WHERE paid_on >= ? AND paid_on < ? AND currency = ? GROUP BY 1"),
                                      {dateText(first), dateText(end), currency});
        while (p.next()) {
            const int m = monthOf(p);
            if (m >= 0)
                paid[m] += Decimal::parse(p.value(1).toString());
        }
        return chart;
    }
    const QByteArray currencyUtf8 = currency.toUtf8(), firstText = dateText(first).toUtf8(), endText = dateText(end).toUtf8();
    SqliteStatement q(m_db.sqliteHandle(),
                      "SELECT invoice_date, total, amount_due, amount_paid, credited FROM invoices "
                      "WHERE status IN ('issued', 'paid') AND invoice_date >= ?2 AND invoice_date < ?3 AND currency = ?1",
                      "reading the revenue by month");
    q.bind(1, currencyUtf8).bind(2, firstText).bind(3, endText);
    while (q.next()) {
        const int m = monthIndex(dateOf(textOf(q, 0)));
        if (m < 0)
            continue;
        invoiced[m] += decimalOf(textOf(q, 1));
        // Invoice::amountRemaining(): what is due less what was paid and credited, never below zero.
        const Decimal left = decimalOf(textOf(q, 2)) - decimalOf(textOf(q, 3)) - decimalOf(textOf(q, 4));
        outstanding[m] += left.isNegative() ? Decimal(0).rounded(2) : left;
    }
    SqliteStatement p(m_db.sqliteHandle(), "SELECT paid_on, amount FROM payments WHERE paid_on >= ?2 AND paid_on < ?3 AND currency = ?1",
                      "reading the payments by month");
    p.bind(1, currencyUtf8).bind(2, firstText).bind(3, endText);
    while (p.next()) {
        const int m = monthIndex(dateOf(textOf(p, 0)));
        if (m >= 0)
            paid[m] += decimalOf(textOf(p, 1));
    }
    return chart;
}

ChartData ReportSource::revenueByPlan(QDate from, QDate to, const QString &currency) const
{
    if (!from.isValid() || !to.isValid())
        return RevenueReport::byPlan({}, {}, from, to, currency);
    // Summed per subscription in one pass, then per plan name (exact sums, so the grouping
    // order changes nothing), with the rules of RevenueReport::byPlan.
    QHash<QByteArray, Decimal> bySubscription;
    if (m_db.isServer()) {
        // Summed per subscription on the server (exact NUMERIC sums of the decimal text, as text).
        QSqlQuery q = m_db.execNative(QStringLiteral("SELECT subscription_id, CAST(SUM(CAST(total AS NUMERIC)) AS TEXT) FROM invoices "
                                                     "WHERE status IN ('issued', 'paid') AND invoice_date >= ? AND invoice_date <= ? AND currency = ? "
                                                     "GROUP BY subscription_id"),
                                      {dateText(from), dateText(to), currency});
        while (q.next())
            bySubscription[q.value(0).toString().toUtf8()] += Decimal::parse(q.value(1).toString());
    } else {
        SqliteStatement q(m_db.sqliteHandle(),
                          "SELECT subscription_id, total FROM invoices "
                          "WHERE status IN ('issued', 'paid') AND invoice_date >= ?2 AND invoice_date <= ?3 AND currency = ?1",
                          "reading the revenue by plan");
        q.bind(1, currency.toUtf8()).bind(2, dateText(from).toUtf8()).bind(3, dateText(to).toUtf8());
        QByteArray key;
        while (q.next()) {
            const QByteArrayView subscription = textOf(q, 0);
            key.clear();
            key.append(subscription.data(), subscription.size());
            bySubscription[key] += decimalOf(textOf(q, 1));
        }
    }
    const QHash<QString, QString> planOfSubscription = SubscriptionRepository(m_db).planNames();
    QMap<QString, Decimal> totals;
    for (auto it = bySubscription.cbegin(); it != bySubscription.cend(); ++it) {
        const QString plan = it.key().isEmpty() ? QString() : planOfSubscription.value(QString::fromUtf8(it.key()));
        totals[plan.isEmpty() ? QStringLiteral("One-off") : plan] += it.value();
    }
    return RevenueReport::byPlanTotals(totals, currency);
}

QStringList ReportSource::currencies() const
{
    QStringList out{m_defaultCurrency};
    for (const QString &c : InvoiceRepository(m_db).issuedCurrencies())
        if (!out.contains(c))
            out.append(c);
    return out;
}

} // namespace orb
