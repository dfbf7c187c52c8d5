// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Decimal.h"
#include "models/reports/AgingReport.h"
#include "ui/documents/DocumentIdentity.h"
#include "ui/documents/PrintedDocument.h"

#include <QDate>
#include <QList>

namespace orb {

/// What a payment reminder asks for: a customer's invoices past due on a date, in one
/// currency, and the reminder fee the company charges in that currency (zero for none).
struct ReminderLetter {
    QString customerId;
    QString customerName;
    QStringList customerAddress;
    QString customerTaxId;
    QString currency;
    QDate asOf;
    QList<AgingItem> items; ///< overdue invoices, oldest due date first
    Decimal fee;

    Decimal overdue() const;
    Decimal total() const { return overdue() + fee; }
};

/// The printed payment reminder: a letter with the overdue invoices, days past due, the fee
/// and the sum to pay, in the customer's document language.
class ReminderDocument final
{
public:
    static PrintedDocument build(const ReminderLetter &letter, const DocumentIdentity &company);
    /// "reminder-<customer>-<currency>-<date>.pdf"
    static QString fileName(const ReminderLetter &letter);
};

} // namespace orb
