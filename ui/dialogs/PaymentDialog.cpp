// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/PaymentDialog.h"

#include "ui/LocaleFormat.h"
#include "ui/widgets/OptionalDateEdit.h"

#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace orb {

PaymentDialog::PaymentDialog(const QString &invoiceName, const Decimal &remaining, const QString &currency, QDate today, QWidget *parent)
    : QDialog(parent), m_currency(currency)
{
    setObjectName(QStringLiteral("paymentDialog"));
    setWindowTitle(tr("Record payment for %1").arg(invoiceName));
    setMinimumWidth(fontMetrics().averageCharWidth() * 60);
    m_amount = new QLineEdit(LocaleFormat::amount(remaining, currency), this);
    m_amount->setObjectName(QStringLiteral("paymentAmount"));
    m_amount->setAccessibleName(tr("Amount in %1").arg(currency));
    m_amount->setAlignment(Qt::AlignRight);
    m_date = new OptionalDateEdit(QString(), today, this);
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
    form->addRow(tr("Paid &on:"), m_date);
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
    layout->addWidget(new QLabel(tr("Still to pay on %1: %2").arg(invoiceName, LocaleFormat::money(remaining, currency)), this));
    layout->addWidget(m_warning);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    m_amount->setFocus();
    m_amount->selectAll();
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
    return LocaleFormat::parseAmount(m_amount->text(), m_currency).value_or(Decimal(0));
}

QDate PaymentDialog::paidOn() const
{
    return m_date->date();
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
    QString why;
    const auto amount = LocaleFormat::parseAmount(m_amount->text(), m_currency, QLocale(), &why);
    if (!amount)
        problems << tr("Amount: %1").arg(why);
    else if (!amount->isPositive())
        problems << tr("Amount: a payment is more than zero, not %1.").arg(m_amount->text());
    if (!paidOn().isValid())
        problems << tr("Paid on: \"%1\" is not a date.").arg(m_date->text());
    if (method().isEmpty())
        problems << tr("Say how it was paid (the method), for example manual or bank_transfer.");
    if (!problems.isEmpty()) {
        m_error->setText(problems.join(QLatin1Char('\n')));
        return;
    }
    QDialog::accept();
}

} // namespace orb
