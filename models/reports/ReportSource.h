// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/billing/BillingRecords.h"
#include "models/reports/AgingReport.h"
#include "models/reports/ChartData.h"
#include "models/reports/Statement.h"

#include <QTimeZone>

namespace orb {

class CompanyFile;

/**
 * Loads what the receivables reports need from the company file: open amounts as of a date
 * (aging), a customer's movements (statement) and revenue per month and plan (charts). Reads
 * only; every figure comes from the stored invoices, payments and credit notes.
 */
class ReportSource final
{
public:
    explicit ReportSource(CompanyFile &file);

    /// Open invoices as of a date: issued by then, not void by then, less what was paid and
    /// credited by then. `customerId` empty: every customer.
    QList<AgingItem> agingItems(QDate asOf, const QString &customerId = {}) const;
    AgingReport aging(QDate asOf) const;

    /// A customer's statement (id or external id) in its currency; throws ServiceError
    /// (NotFound for an unknown customer, InvalidInput when `from` is after `to`).
    Statement statement(const QString &customer, QDate from, QDate to) const;

    ChartData revenueByMonth(QDate from, QDate to, const QString &currency) const;
    ChartData revenueByPlan(QDate from, QDate to, const QString &currency) const;
    /// The currencies of issued invoices, the company's default first.
    QStringList currencies() const;

    /// What of an invoice was unpaid at the end of `asOf` (zero for a draft, or one issued
    /// later or voided by then).
    static Decimal outstandingAsOf(const Invoice &invoice, const QList<Payment> &payments, const QList<QPair<QDate, Decimal>> &credits,
                                   QDate voidedOn, QDate asOf);

private:
    QDate localDate(const QDateTime &instant) const;
    QList<QPair<QDate, Decimal>> creditsOf(const Invoice &invoice) const;
    QList<Payment> paymentsOf(const Invoice &invoice) const;

    CompanyFile &m_file;
    QTimeZone m_zone;
};

} // namespace orb
