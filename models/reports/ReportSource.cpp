// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/reports/ReportSource.h"

#include "engine/billing/BillingSchedule.h"
#include "models/CompanyFile.h"
#include "models/CustomerRepository.h"
#include "models/StorageError.h"
#include "models/billing/InvoiceRepository.h"
#include "models/billing/SubscriptionRepository.h"
#include "models/catalog/PlanRepository.h"
#include "models/reports/RevenueReport.h"

namespace orb {

ReportSource::ReportSource(CompanyFile &file)
    : m_file(file), m_zone(file.settings().timezone.toUtf8())
{
    if (!m_zone.isValid())
        m_zone = QTimeZone::utc();
}

QDate ReportSource::localDate(const QDateTime &instant) const
{
    return instant.isValid() ? billing::BillingSchedule::localDate(instant, m_zone) : QDate();
}

QList<Payment> ReportSource::paymentsOf(const Invoice &invoice) const
{
    // Most invoices have none; skip the query then.
    if (invoice.amountPaid.isZero())
        return {};
    return InvoiceRepository(m_file.db()).payments(invoice.id);
}

QList<QPair<QDate, Decimal>> ReportSource::creditsOf(const Invoice &invoice) const
{
    QList<QPair<QDate, Decimal>> out;
    if (invoice.credited.isZero())
        return out;
    for (const CreditNote &n : InvoiceRepository(m_file.db()).creditNotes(invoice.id))
        out.append({localDate(n.createdAt), n.total});
    return out;
}

Decimal ReportSource::outstandingAsOf(const Invoice &invoice, const QList<Payment> &payments, const QList<QPair<QDate, Decimal>> &credits,
                                      QDate voidedOn, QDate asOf)
{
    const Decimal zero = Decimal(0).rounded(2);
    if (invoice.status == QLatin1String("draft") || !invoice.invoiceDate.isValid() || invoice.invoiceDate > asOf)
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
    InvoiceFilter filter;
    filter.customerId = customerId;
    const QList<Invoice> invoices = InvoiceRepository(m_file.db()).list(filter);
    CustomerRepository customers(m_file.db());
    QHash<QString, QString> names;
    QList<AgingItem> items;
    for (const Invoice &i : invoices) {
        if (i.status == QLatin1String("draft"))
            continue;
        const Decimal open = outstandingAsOf(i, paymentsOf(i), creditsOf(i), localDate(i.voidedAt), asOf);
        if (!open.isPositive())
            continue;
        if (!names.contains(i.customerId)) {
            const auto c = customers.findById(i.customerId);
            names.insert(i.customerId, c ? c->name : i.customerId);
        }
        items.append({i.customerId, names.value(i.customerId), i.id, i.invoiceNumber, i.currency, i.invoiceDate, i.dueDate, open});
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
    const auto customer = CustomerRepository(m_file.db()).resolve(customerRef);
    if (!customer)
        throw ServiceError::notFound(QStringLiteral("customer \"%1\" not found (give its id or external id)").arg(customerRef));
    InvoiceFilter filter;
    filter.customerId = customer->id;
    const QList<Invoice> invoices = InvoiceRepository(m_file.db()).list(filter);
    QString currency = customer->currency;
    if (currency.isEmpty())
        currency = invoices.isEmpty() ? m_file.settings().defaultCurrency : invoices.first().currency;

    QList<StatementLine> movements;
    QList<AgingItem> open;
    for (const Invoice &i : invoices) {
        if (i.status == QLatin1String("draft") || i.currency != currency)
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
        const QList<Payment> payments = paymentsOf(i);
        for (const Payment &p : payments) {
            StatementLine pl;
            pl.date = p.paidOn;
            pl.kind = StatementLine::Kind::Payment;
            pl.reference = p.reference;
            pl.description = QStringLiteral("Payment for %1 (%2)").arg(i.invoiceNumber, p.method);
            pl.credit = p.amount;
            movements.append(pl);
        }
        const QList<QPair<QDate, Decimal>> credits = creditsOf(i);
        if (!credits.isEmpty()) {
            for (const CreditNote &n : InvoiceRepository(m_file.db()).creditNotes(i.id)) {
                StatementLine cl;
                cl.date = localDate(n.createdAt);
                cl.kind = StatementLine::Kind::CreditNote;
                cl.reference = n.number;
                cl.description = QStringLiteral("Credit note on %1: %2").arg(i.invoiceNumber, n.reason);
                cl.credit = n.total;
                movements.append(cl);
            }
        }
        const QDate voidedOn = localDate(i.voidedAt);
        if (voidedOn.isValid()) {
            // What was still owed when it was voided is taken back.
            StatementLine vl;
            vl.date = voidedOn;
            vl.kind = StatementLine::Kind::Void;
            vl.reference = i.invoiceNumber;
            vl.description = QStringLiteral("Invoice %1 voided").arg(i.invoiceNumber);
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
    const AgingReport aging = AgingReport::build(open, to);
    s.aging = aging.rows().isEmpty() ? AgingRow{customer->id, customer->name, currency, {}, Decimal(0), 0} : aging.rows().first();
    return s;
}

ChartData ReportSource::revenueByMonth(QDate from, QDate to, const QString &currency) const
{
    InvoiceRepository repo(m_file.db());
    InvoiceFilter filter;
    const QList<Invoice> invoices = repo.list(filter);
    QList<Payment> payments;
    for (const Invoice &i : invoices)
        payments += paymentsOf(i);
    return RevenueReport::byMonth(invoices, payments, from, to, currency);
}

ChartData ReportSource::revenueByPlan(QDate from, QDate to, const QString &currency) const
{
    const QList<Invoice> invoices = InvoiceRepository(m_file.db()).list(InvoiceFilter{});
    SubscriptionRepository subscriptions(m_file.db());
    PlanRepository plans(m_file.db());
    QHash<QString, QString> planOfSubscription;
    for (const Subscription &s : subscriptions.list()) {
        const auto plan = plans.findById(s.planId);
        planOfSubscription.insert(s.id, plan ? plan->name : s.planId);
    }
    QHash<QString, QString> planOf;
    for (const Invoice &i : invoices)
        if (!i.subscriptionId.isEmpty())
            planOf.insert(i.id, planOfSubscription.value(i.subscriptionId));
    return RevenueReport::byPlan(invoices, planOf, from, to, currency);
}

QStringList ReportSource::currencies() const
{
    QStringList out{m_file.settings().defaultCurrency};
    for (const Invoice &i : InvoiceRepository(m_file.db()).list(InvoiceFilter{}))
        if (!out.contains(i.currency) && i.status != QLatin1String("draft"))
            out.append(i.currency);
    return out;
}

} // namespace orb
