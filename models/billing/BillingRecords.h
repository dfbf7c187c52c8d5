// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Decimal.h"
#include "models/billing/InvoiceKind.h"
#include "models/billing/InvoiceStatus.h"
#include "models/billing/PhaseCause.h"
#include "models/billing/SubscriptionChangeKind.h"
#include "models/billing/SubscriptionChangeStatus.h"

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QLocale>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace orb {

/// A stretch of a subscription on one plan version, with its overrides and fixed-fee
/// quantities: [startDate, endDate). A plan or seat change starts a new phase.
struct SubscriptionPhase {
    QString id;
    int seq = 0;
    QString planVersionId;
    QDate startDate;
    std::optional<QDate> endDate;
    /// {"add": [price...], "remove": [price_id...], "replace": [{"replaces_price_id": id, ...price}]}
    QJsonObject priceOverrides;
    QMap<QString, Decimal> quantities; ///< price id → fixed_price_quantity
    PhaseCause cause = PhaseCause::Create;
    QDateTime createdAt;

    bool contains(QDate d) const { return startDate <= d && (!endDate || d < *endDate); }
};

/// A subscription: a customer on a plan, from a start date to an optional end (exclusive).
struct Subscription {
    QString id;
    QString customerId;
    QString planId;
    QDate startDate;
    std::optional<QDate> endDate;
    QString alignment = QStringLiteral("start_date"); ///< start_date or first_of_month
    int trialDays = 0;
    std::optional<int> netTerms;
    QString memo;
    QString couponId;
    QDate couponRedeemedOn;
    QDateTime createdAt;
    QDateTime updatedAt;
    QList<SubscriptionPhase> phases; ///< by seq

    /// upcoming (starts after today), active, or ended (its end is on or before today).
    QString status(QDate today) const;
    /// The phase in force on a date (the first one before the start; nothing after the end).
    const SubscriptionPhase *phaseOn(QDate d) const;
};

/// A scheduled or applied change of a subscription.
struct SubscriptionChange {
    QString id;
    QString subscriptionId;
    SubscriptionChangeKind kind = SubscriptionChangeKind::PlanChange;
    QDate effectiveDate;
    QString phaseId;
    std::optional<QDate> previousEndDate;
    SubscriptionChangeStatus status = SubscriptionChangeStatus::Scheduled;
    QJsonObject details;
    QDateTime createdAt;
    QJsonObject toJson() const;
};

/// An invoice's stored header; its lines and sub-lines are in `document` (Orb's shape).
struct Invoice {
    QString id;
    QString identity;
    QString customerId;
    QString subscriptionId;
    QString phaseId;
    InvoiceKind kind = InvoiceKind::OneOff;
    QString cadence; ///< the prices' cadence (monthly, ...), empty for one-off
    QDate periodStart;
    QDate periodEnd;
    InvoiceStatus status = InvoiceStatus::Draft;
    QString invoiceNumber;
    QDate invoiceDate;
    QDate dueDate;
    QString currency;
    int netTerms = 0;
    QString memo;
    Decimal subtotal, adjustmentsTotal, couponsTotal, taxTotal, total;
    Decimal balanceApplied, creditsApplied, amountDue, amountPaid, credited;
    QJsonObject document;
    QDateTime createdAt, updatedAt, issuedAt, paidAt, voidedAt;

    /// What is still to be paid: amount due − paid − credited, never below zero.
    Decimal amountRemaining() const;
    bool isOverdue(QDate today) const { return status == InvoiceStatus::Issued && dueDate.isValid() && dueDate < today; }
    /// Orb's invoice object (invoices show --json).
    QJsonObject toJson() const;
};

struct Payment {
    QString id;
    QString invoiceId;
    QString customerId;
    Decimal amount;
    QString currency;
    QDate paidOn;
    QString method;
    QString reference;
    QString memo;
    QDateTime createdAt;
    QJsonObject toJson() const;
};

struct CreditNoteLine {
    int invoiceLinePosition = 0;
    Decimal amount; ///< including its tax
    Decimal tax;
};

struct CreditNote {
    QString id;
    QString number;
    QString invoiceId;
    QString customerId;
    QString reason;
    QString kind; ///< refund, adjustment
    QString currency;
    Decimal subtotal, taxTotal, total;
    /// Of a refund, what was paid back to the customer rather than taken off what the invoice
    /// still owed (zero for an adjustment).
    Decimal paidBack;
    QString memo;
    QList<CreditNoteLine> lines;
    QDateTime createdAt;
    QJsonObject toJson() const;
};

struct BalanceEntryRecord {
    qint64 seq = 0;
    QString id;
    QString customerId;
    Decimal amount;
    Decimal balanceAfter;
    QString currency;
    QString cause;
    QString invoiceId;
    QString reference;
    QString description;
    QDateTime createdAt;
    QJsonObject toJson() const;
};

struct CreditBlockRecord {
    QString id;
    QString customerId;
    QString currency;
    Decimal amount;
    Decimal remaining; ///< the sum of its ledger entries
    Decimal costBasis;
    QDate effectiveDate;
    std::optional<QDate> expiryDate;
    QString description;
    QDateTime createdAt;
    QJsonObject toJson() const;
};

struct CouponRecord {
    QString id;
    QString code;
    QString discountType; ///< percentage, amount
    Decimal value;        ///< fraction 0..1 for percentage
    std::optional<int> durationMonths;
    std::optional<int> maxRedemptions;
    int redemptions = 0;
    QDateTime createdAt;
    QDateTime archivedAt;
    QJsonObject toJson() const;
};

struct TaxRateRecord {
    QString id;
    QString name;
    Decimal percentage;
    QStringList customerIds;
    QStringList itemIds;
    QDateTime createdAt;
    QDateTime archivedAt; ///< invalid while the rate applies
    QJsonObject toJson() const;
};

/// Money as stored and exported: the plain decimal at the currency's minor unit ("180000").
QString moneyText(const Decimal &amount, const QString &currency);
/// The ISO date as stored and exported ("2026-09-01").
QString dateText(QDate d);

// What people read, in a locale (by default QLocale's default, which the window sets to its
// interface language). Never stored, exported or parsed back: those keep the forms above.
/// "$180,000.00", "180.000 ¥", "1.234,50 €": symbol, grouping and the currency's minor digits.
QString displayMoney(const Decimal &amount, const QString &currency, const QLocale &locale = QLocale());
/// The locale's short date format with a four-digit year ("dd.MM.yyyy", "M/d/yyyy").
QString displayDateFormat(const QLocale &locale = QLocale());
QString displayDate(QDate d, const QLocale &locale = QLocale());
/// A half-open period [start, end) with its last day, as the documents write it.
QString displayPeriod(QDate start, QDate endExclusive, const QLocale &locale = QLocale());
QDate parseDate(const QString &text);
std::optional<QDate> parseOptionalDate(const QVariant &v);

} // namespace orb
