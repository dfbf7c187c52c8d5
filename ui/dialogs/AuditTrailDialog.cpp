// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/AuditTrailDialog.h"

#include "models/AuditLog.h"
#include "models/CompanyFile.h"
#include "models/billing/BillingRecords.h"

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

/// What names the object for a person, from the entry's own record (after, else before): an
/// invoice's number, a customer's or plan's name, a coupon's code. Empty for a draft invoice.
QString objectLabel(const AuditEntry &e)
{
    const QJsonObject o = e.after ? *e.after : e.before.value_or(QJsonObject());
    for (const char *field : {"invoice_number", "credit_note_number", "number", "name", "code", "key", "url"}) {
        const QString v = o.value(QLatin1String(field)).toString();
        if (!v.isEmpty())
            return v;
    }
    return QString();
}

} // namespace

QString AuditTrailDialog::changeText(const AuditEntry &e)
{
    // A whole record added or taken away is said in words; a change lists its fields.
    if (!e.before && e.after)
        return tr("new record");
    if (e.before && !e.after)
        return tr("record removed");
    return AuditLog::changeSummary(e);
}

QString AuditTrailDialog::actionText(const QString &action)
{
    // The verb after the object type: "invoice.issue", "subscription.plan change".
    const QString verb = action.section(QLatin1Char('.'), 1);
    static const QHash<QString, const char *> verbs{
        {QStringLiteral("create"), QT_TR_NOOP("created")},
        {QStringLiteral("update"), QT_TR_NOOP("changed")},
        {QStringLiteral("set"), QT_TR_NOOP("changed")},
        {QStringLiteral("archive"), QT_TR_NOOP("archived")},
        {QStringLiteral("unarchive"), QT_TR_NOOP("taken out of the archive")},
        {QStringLiteral("delete"), QT_TR_NOOP("deleted")},
        {QStringLiteral("restore"), QT_TR_NOOP("restored (undo)")},
        {QStringLiteral("issue"), QT_TR_NOOP("issued")},
        {QStringLiteral("void"), QT_TR_NOOP("voided")},
        {QStringLiteral("payment"), QT_TR_NOOP("payment recorded")},
        {QStringLiteral("credit"), QT_TR_NOOP("credited")},
        {QStringLiteral("delete_draft"), QT_TR_NOOP("draft deleted")},
        {QStringLiteral("restore_draft"), QT_TR_NOOP("draft restored (undo)")},
        {QStringLiteral("cancel"), QT_TR_NOOP("cancelled")},
        {QStringLiteral("cancellation"), QT_TR_NOOP("cancelled")},
        {QStringLiteral("unschedule"), QT_TR_NOOP("scheduled change withdrawn")},
        {QStringLiteral("plan change"), QT_TR_NOOP("plan changed")},
        {QStringLiteral("quantity change"), QT_TR_NOOP("quantity changed")},
        {QStringLiteral("adjust"), QT_TR_NOOP("balance adjusted")},
        {QStringLiteral("add"), QT_TR_NOOP("added")},
        {QStringLiteral("remove"), QT_TR_NOOP("removed")},
        {QStringLiteral("set_role"), QT_TR_NOOP("role changed")},
        {QStringLiteral("assign"), QT_TR_NOOP("assigned")},
        {QStringLiteral("unassign"), QT_TR_NOOP("assignment removed")},
        {QStringLiteral("close"), QT_TR_NOOP("closed")},
        {QStringLiteral("revert"), QT_TR_NOOP("reverted")},
        {QStringLiteral("version"), QT_TR_NOOP("new version")},
        {QStringLiteral("export"), QT_TR_NOOP("exported")},
        {QStringLiteral("enable"), QT_TR_NOOP("enabled")},
        {QStringLiteral("disable"), QT_TR_NOOP("disabled")},
        {QStringLiteral("revoke"), QT_TR_NOOP("revoked")},
        {QStringLiteral("encrypting"), QT_TR_NOOP("encryption changed")},
        {QStringLiteral("secret_to_keychain"), QT_TR_NOOP("secret moved to the keychain")},
        {QStringLiteral("email_queued"), QT_TR_NOOP("e-mail queued")},
        {QStringLiteral("emailed"), QT_TR_NOOP("e-mailed")},
        {QStringLiteral("email_released"), QT_TR_NOOP("e-mail released for another try")},
    };
    const auto it = verbs.constFind(verb);
    return it == verbs.cend() ? action : tr(it.value());
}

QString AuditTrailDialog::objectTypeText(const QString &type)
{
    static const QHash<QString, const char *> types{
        {QStringLiteral("customer"), QT_TR_NOOP("Customer")},
        {QStringLiteral("invoice"), QT_TR_NOOP("Invoice")},
        {QStringLiteral("credit_note"), QT_TR_NOOP("Credit note")},
        {QStringLiteral("subscription"), QT_TR_NOOP("Subscription")},
        {QStringLiteral("plan"), QT_TR_NOOP("Plan")},
        {QStringLiteral("billable_metric"), QT_TR_NOOP("Billable metric")},
        {QStringLiteral("item"), QT_TR_NOOP("Item")},
        {QStringLiteral("coupon"), QT_TR_NOOP("Coupon")},
        {QStringLiteral("tax_rate"), QT_TR_NOOP("Tax rate")},
        {QStringLiteral("company"), QT_TR_NOOP("Company")},
        {QStringLiteral("setting"), QT_TR_NOOP("Setting")},
        {QStringLiteral("backfill"), QT_TR_NOOP("Backfill")},
        {QStringLiteral("api_key"), QT_TR_NOOP("API key")},
        {QStringLiteral("webhook_endpoint"), QT_TR_NOOP("Webhook endpoint")},
        {QStringLiteral("user"), QT_TR_NOOP("User")},
        {QStringLiteral("ledger_export"), QT_TR_NOOP("Ledger export")},
        {QStringLiteral("discount_type"), QT_TR_NOOP("Discount type")},
    };
    const auto it = types.constFind(type);
    return it == types.cend() ? type : tr(it.value());
}

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
    m_model->setHorizontalHeaderLabels({tr("When (UTC)"), tr("User"), tr("Object"), tr("Action"), tr("What changed")});
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
        // A server company is no file: it is named as what it is.
        m_status->setText(m_file.isServer() ? tr("The latest %Ln entries of the company on the server.", nullptr, int(entries.size()))
                                            : tr("The latest %Ln entries of the company file.", nullptr, int(entries.size())));
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
    // Times in the interface language's date format, to the second: entries of one action
    // share a second, and the order within it is the trail's.
    const QLocale locale;
    const QString when = displayDateFormat(locale) + QStringLiteral(" HH:mm:ss");
    for (const AuditEntry &e : entries) {
        // On a company server the database login says who; in a file, the computer's user.
        const QString user = e.dbUser.isEmpty() ? e.osUser : e.dbUser;
        const QString label = objectLabel(e);
        auto *object = new QStandardItem(objectTypeText(e.objectType) + QLatin1Char(' ') + (label.isEmpty() ? e.objectId : label));
        // The stored reference, as the search box above takes it.
        object->setToolTip(e.objectType + QLatin1Char(':') + e.objectId);
        auto *action = new QStandardItem(actionText(e.action));
        action->setToolTip(e.action);
        auto *who = new QStandardItem(user);
        if (!e.dbUser.isEmpty() && e.dbUser != e.osUser)
            who->setToolTip(tr("Database user %1, on the computer's account %2").arg(e.dbUser, e.osUser));
        QList<QStandardItem *> row{new QStandardItem(locale.toString(e.at.toUTC(), when)), who, object, action, new QStandardItem(changeText(e))};
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
