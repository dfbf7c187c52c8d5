// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Decimal.h"

#include <QDate>
#include <QDialog>

class QDateEdit;
class QLabel;
class QLineEdit;

namespace orb {

/// Asks for a payment against an invoice: amount (what remains by default), date, method,
/// an outside reference and a memo. The amount is typed as the interface language writes it
/// ("5,00" in German) and read exactly; it is checked before the dialog accepts.
class PaymentDialog final : public QDialog
{
    Q_OBJECT

public:
    PaymentDialog(const QString &invoiceName, const Decimal &remaining, const QString &currency, QDate today, QWidget *parent = nullptr);

    Decimal amount() const;
    QDate paidOn() const;
    QString method() const;
    QString reference() const;
    QString memo() const;

    /// The invoice went to Stripe to be charged automatically: says that Stripe may be
    /// charging the card now and what Orb does about a payment recorded here.
    void warnChargedAutomatically(const QString &stripeInvoiceId);
    QString warningText() const;

    void accept() override;

private:
    QLabel *m_warning;
    QLineEdit *m_amount;
    QDateEdit *m_date;
    QString m_currency;
    QLineEdit *m_method;
    QLineEdit *m_reference;
    QLineEdit *m_memo;
    QLabel *m_error;
};

} // namespace orb
