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

namespace orb {

namespace {

QTimeZone validZone(const QTimeZone &zone)
{
    return zone.isValid() ? zone : QTimeZone::utc();
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

QList<AgingItem> ReportSource::agingItems(QDate asOf, const QString &customerId) const
{
    // Only what can be open as of the date: issued by then, and not a paid invoice whose every
    // payment came by then (its credit notes are few: those invoices are read and computed);
    // a void one only if it may have been voided after the date (a day's margin for the zone).
    QString where = QStringLiteral("status <> 'draft' AND invoice_date <= ? AND (status = 'issued' "
                                   "OR (status = 'void' AND (voided_at IS NULL OR voided_at >= ?)) "
                                   "OR (status = 'paid' AND (EXISTS (SELECT 1 FROM payments p WHERE p.invoice_id = invoices.id AND p.paid_on > ?) "
                                   "OR EXISTS (SELECT 1 FROM credit_notes c WHERE c.invoice_id = invoices.id))) "
                                   "OR status NOT IN ('issued', 'void', 'paid'))");
    QVariantList binds{dateText(asOf), toIsoUtc(QDateTime(asOf.addDays(-1), QTime(0, 0), QTimeZone::utc())), dateText(asOf)};
    if (!customerId.isEmpty()) {
        where += QStringLiteral(" AND customer_id = ?");
        binds << customerId;
    }
    const Loaded l = load(where, binds);
    const QHash<QString, QString> names = CustomerRepository(m_db).namesById();
    QList<AgingItem> items;
    for (const Invoice &i : l.invoices) {
        const Decimal open = outstandingAsOf(i, l.payments.value(i.id), creditsOf(l.creditNotes.value(i.id)), localDate(i.voidedAt), asOf);
        if (!open.isPositive())
            continue;
        items.append({i.customerId, names.value(i.customerId, i.customerId), i.id, i.invoiceNumber, i.currency, i.invoiceDate, i.dueDate, open});
    }
    return items;
}

AgingReport ReportSource::aging(QDate asOf) const
{
    return AgingReport::build(agingItems(asOf), asOf);
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
    // The months the chart shows: their invoices (that count as revenue) and their payments.
    const QDate first(from.year(), from.month(), 1);
    const QDate end = QDate(to.year(), to.month(), 1).addMonths(1);
    if (!from.isValid() || !to.isValid())
        return RevenueReport::byMonth({}, {}, from, to, currency);
    const InvoiceRepository repo(m_db);
    const QList<Invoice> invoices = repo.invoicesWhere(
        QStringLiteral("status IN ('issued', 'paid') AND currency = ? AND invoice_date >= ? AND invoice_date < ?"), {currency, dateText(first), dateText(end)});
    const QList<Payment> payments =
        repo.paymentsWhere(QStringLiteral("currency = ? AND paid_on >= ? AND paid_on < ?"), {currency, dateText(first), dateText(end)});
    return RevenueReport::byMonth(invoices, payments, from, to, currency);
}

ChartData ReportSource::revenueByPlan(QDate from, QDate to, const QString &currency) const
{
    if (!from.isValid() || !to.isValid())
        return RevenueReport::byPlan({}, {}, from, to, currency);
    const QList<Invoice> invoices = InvoiceRepository(m_db).invoicesWhere(
        QStringLiteral("status IN ('issued', 'paid') AND currency = ? AND invoice_date >= ? AND invoice_date <= ?"), {currency, dateText(from), dateText(to)});
    const QHash<QString, QString> planOfSubscription = SubscriptionRepository(m_db).planNames();
    QHash<QString, QString> planOf;
    for (const Invoice &i : invoices)
        if (!i.subscriptionId.isEmpty())
            planOf.insert(i.id, planOfSubscription.value(i.subscriptionId));
    return RevenueReport::byPlan(invoices, planOf, from, to, currency);
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
