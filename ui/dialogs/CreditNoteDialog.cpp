// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/CreditNoteDialog.h"

#include "ui/LocaleFormat.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QTableWidget>
#include <QVBoxLayout>

namespace orb {

CreditNoteDialog::CreditNoteDialog(const Invoice &invoice, QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("creditNoteDialog"));
    const QString name = invoice.invoiceNumber.isEmpty() ? invoice.id : invoice.invoiceNumber;
    setWindowTitle(tr("Credit note for %1").arg(name));
    const QJsonArray items = invoice.document.value(QStringLiteral("line_items")).toArray();
    m_lines = new QTableWidget(int(items.size()), 3, this);
    m_lines->setObjectName(QStringLiteral("creditLines"));
    m_lines->setAccessibleName(tr("Amounts to credit per line"));
    m_currency = invoice.currency;
    m_lines->setHorizontalHeaderLabels({tr("Line"), tr("Line total"), tr("Credit (%1, tax included)").arg(invoice.currency)});
    m_lines->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_lines->verticalHeader()->hide();
    for (int i = 0; i < items.size(); ++i) {
        const QJsonObject l = items.at(i).toObject();
        auto *nameItem = new QTableWidgetItem(l.value(QStringLiteral("name")).toString());
        nameItem->setFlags(Qt::ItemIsEnabled);
        nameItem->setData(Qt::UserRole, i);
        const auto total = Decimal::tryParse(l.value(QStringLiteral("total")).toString());
        auto *totalItem = new QTableWidgetItem(total ? LocaleFormat::money(*total, invoice.currency) : l.value(QStringLiteral("total")).toString());
        totalItem->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        totalItem->setFlags(Qt::ItemIsEnabled);
        m_lines->setItem(i, 0, nameItem);
        m_lines->setItem(i, 1, totalItem);
        m_lines->setItem(i, 2, new QTableWidgetItem(QStringLiteral("0")));
    }
    m_reason = new QComboBox(this);
    m_reason->setObjectName(QStringLiteral("creditReason"));
    m_reason->setAccessibleName(tr("Reason"));
    m_reason->setEditable(true);
    // Orb's reason codes, in words; a reason typed instead is kept as typed.
    m_reason->addItem(tr("Duplicate"), QStringLiteral("duplicate"));
    m_reason->addItem(tr("Fraudulent"), QStringLiteral("fraudulent"));
    m_reason->addItem(tr("Order change"), QStringLiteral("order_change"));
    m_reason->addItem(tr("Product unsatisfactory"), QStringLiteral("product_unsatisfactory"));
    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("creditKind"));
    m_kind->setAccessibleName(tr("Kind"));
    m_kind->addItem(tr("Adjustment (lowers what is owed, any excess goes to the balance)"), QStringLiteral("adjustment"));
    m_kind->addItem(tr("Refund (money paid back outside Orb)"), QStringLiteral("refund"));
    m_memo = new QLineEdit(this);
    m_memo->setObjectName(QStringLiteral("creditMemo"));
    m_memo->setAccessibleName(tr("Memo"));
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("creditError"));
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("&Reason:"), m_reason);
    form->addRow(tr("&Kind:"), m_kind);
    form->addRow(tr("&Memo:"), m_memo);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &CreditNoteDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &CreditNoteDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Enter what to credit on each line. Leave every line at 0 to credit all that is left on the invoice."), this));
    layout->addWidget(m_lines);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(620, 420);
}

QList<CreditNoteRequestLine> CreditNoteDialog::lines() const
{
    QList<CreditNoteRequestLine> out;
    for (int r = 0; r < m_lines->rowCount(); ++r) {
        const auto amount = LocaleFormat::parseAmount(m_lines->item(r, 2)->text(), m_currency);
        if (amount && !amount->isZero())
            out.append({m_lines->item(r, 0)->data(Qt::UserRole).toInt(), *amount});
    }
    return out;
}

QString CreditNoteDialog::reason() const
{
    const QString typed = m_reason->currentText().trimmed();
    const int listed = m_reason->findText(typed);
    return listed >= 0 ? m_reason->itemData(listed).toString() : typed;
}

QString CreditNoteDialog::kind() const
{
    return m_kind->currentData().toString();
}

QString CreditNoteDialog::memo() const
{
    return m_memo->text().trimmed();
}

void CreditNoteDialog::accept()
{
    QStringList problems;
    for (int r = 0; r < m_lines->rowCount(); ++r) {
        QString why;
        const auto amount = LocaleFormat::parseAmount(m_lines->item(r, 2)->text(), m_currency, QLocale(), &why);
        if (!amount)
            problems << tr("Line %1 (%2): %3").arg(r + 1).arg(m_lines->item(r, 0)->text(), why);
        else if (amount->isNegative())
            problems << tr("Line %1 (%2): the credit cannot be negative.").arg(r + 1).arg(m_lines->item(r, 0)->text());
    }
    if (reason().isEmpty())
        problems << tr("Give a reason for the credit note.");
    if (!problems.isEmpty()) {
        m_error->setText(problems.join(QLatin1Char('\n')));
        return;
    }
    QDialog::accept();
}

} // namespace orb
