// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/AuditTrailDialog.h"

#include "models/AuditLog.h"
#include "models/CompanyFile.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace orb {

namespace {

constexpr int EntryRole = Qt::UserRole + 1;

} // namespace

AuditTrailDialog::AuditTrailDialog(CompanyFile &file, QWidget *parent) : QDialog(parent), m_file(file)
{
    setObjectName(QStringLiteral("auditTrailDialog"));
    setWindowTitle(tr("Audit trail"));
    resize(980, 620);
    m_object = new QLineEdit(this);
    m_object->setObjectName(QStringLiteral("auditObject"));
    m_object->setPlaceholderText(tr("Customer id or external id, invoice id or number, subscription id, or TYPE:ID — empty for the latest"));
    m_object->setAccessibleName(tr("Object whose trail to show"));
    auto *show = new QPushButton(tr("Show"), this);
    auto *verify = new QPushButton(tr("Verify the chain"), this);
    verify->setObjectName(QStringLiteral("auditVerify"));
    auto *top = new QHBoxLayout;
    top->addWidget(m_object, 1);
    top->addWidget(show);
    top->addWidget(verify);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("auditStatus"));
    m_status->setWordWrap(true);
    m_model = new QStandardItemModel(0, 5, this);
    m_model->setHorizontalHeaderLabels({tr("When (UTC)"), tr("User"), tr("Action"), tr("Object"), tr("What changed")});
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("auditTable"));
    m_table->setAccessibleName(tr("Audit entries"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_detail = new QPlainTextEdit(this);
    m_detail->setObjectName(QStringLiteral("auditDetail"));
    m_detail->setReadOnly(true);
    m_detail->setAccessibleName(tr("The entry's before and after"));
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(m_detail);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_status);
    layout->addWidget(split, 1);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(show, &QPushButton::clicked, this, [this] { showObject(m_object->text()); });
    connect(m_object, &QLineEdit::returnPressed, this, [this] { showObject(m_object->text()); });
    connect(verify, &QPushButton::clicked, this, &AuditTrailDialog::verifyChain);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &AuditTrailDialog::showSelected);
    showObject(QString());
}

bool AuditTrailDialog::showObject(const QString &reference)
{
    m_object->setText(reference);
    AuditLog log(m_file.db());
    QList<AuditEntry> entries;
    if (reference.trimmed().isEmpty()) {
        entries = log.recent(500);
        m_status->setText(tr("The latest %Ln entries of the company file.", nullptr, int(entries.size())));
    } else {
        QString type, id;
        if (!log.resolveObject(reference, &type, &id)) {
            m_model->removeRows(0, m_model->rowCount());
            m_detail->clear();
            m_status->setText(
                tr("\"%1\" names no customer, invoice or subscription. Write another object as TYPE:ID, e.g. setting:grace_period_hours.").arg(reference));
            return false;
        }
        entries = log.forObject(type, id);
        m_status->setText(tr("%Ln entries for %1:%2.", nullptr, int(entries.size())).arg(type, id));
    }
    m_model->removeRows(0, m_model->rowCount());
    for (const AuditEntry &e : entries) {
        QList<QStandardItem *> row{new QStandardItem(QLocale().toString(e.at.toUTC(), QStringLiteral("yyyy-MM-dd HH:mm:ss"))), new QStandardItem(e.osUser),
                                   new QStandardItem(e.action), new QStandardItem(e.objectType + QLatin1Char(':') + e.objectId),
                                   new QStandardItem(AuditLog::changeSummary(e))};
        QJsonObject whole{{QStringLiteral("before"), e.before ? QJsonValue(*e.before) : QJsonValue(QJsonValue::Null)},
                          {QStringLiteral("after"), e.after ? QJsonValue(*e.after) : QJsonValue(QJsonValue::Null)},
                          {QStringLiteral("hash"), e.hash}};
        row.first()->setData(QString::fromUtf8(QJsonDocument(whole).toJson(QJsonDocument::Indented)), EntryRole);
        m_model->appendRow(row);
    }
    m_table->resizeColumnsToContents();
    if (m_model->rowCount() > 0)
        m_table->selectRow(0);
    else
        m_detail->clear();
    return true;
}

int AuditTrailDialog::entryCount() const
{
    return m_model->rowCount();
}

void AuditTrailDialog::showSelected()
{
    const QModelIndex i = m_table->currentIndex();
    m_detail->setPlainText(i.isValid() ? m_model->item(i.row(), 0)->data(EntryRole).toString() : QString());
}

void AuditTrailDialog::verifyChain()
{
    const AuditVerification v = AuditLog(m_file.db()).verify();
    if (v.ok)
        m_status->setText(
            tr("The chain of %Ln entries is intact. Head hash: %1 (keep it elsewhere to detect a trail cut short).", nullptr, int(v.entries)).arg(v.headHash));
    else
        m_status->setText(tr("The chain is broken at entry %1: %2.").arg(v.brokenAt).arg(v.problem));
}

} // namespace orb
