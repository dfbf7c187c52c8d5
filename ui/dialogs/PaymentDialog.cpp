// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/PaymentDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace orb {

PaymentDialog::PaymentDialog(const QString &invoiceName, const QString &remaining, const QString &currency, QDate today, QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("paymentDialog"));
    setWindowTitle(tr("Record payment for %1").arg(invoiceName));
    m_amount = new QLineEdit(remaining, this);
    m_amount->setObjectName(QStringLiteral("paymentAmount"));
    m_amount->setAccessibleName(tr("Amount in %1").arg(currency));
    m_date = new QLineEdit(today.toString(Qt::ISODate), this);
    m_date->setObjectName(QStringLiteral("paymentDate"));
    m_date->setAccessibleName(tr("Paid on"));
    m_method = new QLineEdit(QStringLiteral("manual"), this);
    m_method->setObjectName(QStringLiteral("paymentMethod"));
    m_method->setAccessibleName(tr("Method"));
    m_reference = new QLineEdit(this);
    m_reference->setObjectName(QStringLiteral("paymentReference"));
    m_reference->setAccessibleName(tr("Reference"));
    m_reference->setPlaceholderText(tr("bank transfer id, cheque number…"));
    m_memo = new QLineEdit(this);
    m_memo->setObjectName(QStringLiteral("paymentMemo"));
    m_memo->setAccessibleName(tr("Memo"));
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("paymentError"));
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("&Amount (%1):").arg(currency), m_amount);
    form->addRow(tr("Paid &on (YYYY-MM-DD):"), m_date);
    form->addRow(tr("&Method:"), m_method);
    form->addRow(tr("&Reference:"), m_reference);
    form->addRow(tr("M&emo:"), m_memo);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &PaymentDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &PaymentDialog::reject);
    m_warning = new QLabel(this);
    m_warning->setObjectName(QStringLiteral("paymentStripeWarning"));
    m_warning->setWordWrap(true);
    m_warning->setFrameShape(QFrame::StyledPanel);
    m_warning->setMargin(6);
    m_warning->hide();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Still to pay on %1: %2 %3").arg(invoiceName, remaining, currency), this));
    layout->addWidget(m_warning);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
}

void PaymentDialog::warnChargedAutomatically(const QString &stripeInvoiceId)
{
    m_warning->setText(tr("This invoice went to Stripe (%1) to be charged to the customer's card automatically: Stripe may be charging the card "
                          "right now. The next sync tells Stripe of this payment (paid outside Stripe, or a credit note for a part), which stops "
                          "further charges. If the card was charged meanwhile, the customer has paid twice: the Sync screen then asks you to "
                          "refund one of the payments.")
                           .arg(stripeInvoiceId));
    m_warning->setAccessibleName(tr("Stripe may be charging the card"));
    m_warning->show();
}

QString PaymentDialog::warningText() const
{
    return m_warning->isHidden() ? QString() : m_warning->text();
}

Decimal PaymentDialog::amount() const
{
    return Decimal::tryParse(m_amount->text().trimmed()).value_or(Decimal(0));
}

QDate PaymentDialog::paidOn() const
{
    return QDate::fromString(m_date->text().trimmed(), Qt::ISODate);
}

QString PaymentDialog::method() const
{
    return m_method->text().trimmed();
}

QString PaymentDialog::reference() const
{
    return m_reference->text().trimmed();
}

QString PaymentDialog::memo() const
{
    return m_memo->text().trimmed();
}

void PaymentDialog::accept()
{
    QStringList problems;
    const auto amount = Decimal::tryParse(m_amount->text().trimmed());
    if (!amount || !amount->isPositive())
        problems << tr("The amount \"%1\" is not a positive number like 120.50.").arg(m_amount->text());
    if (!paidOn().isValid())
        problems << tr("The payment date \"%1\" is not a date like 2026-03-01.").arg(m_date->text());
    if (method().isEmpty())
        problems << tr("Say how it was paid (the method), for example manual or bank_transfer.");
    if (!problems.isEmpty()) {
        m_error->setText(problems.join(QLatin1Char('\n')));
        return;
    }
    QDialog::accept();
}

} // namespace orb
