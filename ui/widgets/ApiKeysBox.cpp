// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/ApiKeysBox.h"

#include "models/CompanyFile.h"
#include "models/StorageError.h"
#include "models/api/ApiKeyService.h"
#include "ui/dialogs/ApiSecretDialog.h"
#include "ui/dialogs/NewApiKeyDialog.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace orb {

namespace {

enum Column { Name, Role, Key, Created, LastUsed, Status, ColumnCount };

QString when(const QDateTime &t)
{
    return QLocale().toString(t.toLocalTime(), QLocale::ShortFormat);
}

} // namespace

ApiKeysBox::ApiKeysBox(CompanyFile &file, const Clock &clock, QWidget *parent) : QGroupBox(tr("API keys"), parent), m_file(file), m_clock(clock)
{
    setObjectName(QStringLiteral("apiKeysBox"));
    m_model = new QStandardItemModel(0, ColumnCount, this);
    m_model->setHorizontalHeaderLabels({tr("Name"), tr("Role"), tr("Key"), tr("Created"), tr("Last used"), tr("Status")});
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("apiKeysTable"));
    m_view->setAccessibleName(tr("API keys"));
    m_view->setModel(m_model);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setMinimumHeight(130);
    // A server records a key's use at most once a minute: the list follows it while shown.
    auto *refresh = new QTimer(this);
    refresh->setInterval(60 * 1000);
    connect(refresh, &QTimer::timeout, this, [this] {
        if (isVisible())
            reload();
    });
    refresh->start();
    m_create = new QPushButton(tr("New &key…"), this);
    m_create->setObjectName(QStringLiteral("newApiKeyButton"));
    m_create->setToolTip(tr("Make an API key for a product or script; its secret is shown once"));
    m_create->setAccessibleName(tr("New API key"));
    m_revoke = new QPushButton(tr("Re&voke…"), this);
    m_revoke->setObjectName(QStringLiteral("revokeApiKeyButton"));
    m_revoke->setToolTip(tr("Revoke the selected key: requests with it are refused from then on"));
    m_revoke->setAccessibleName(tr("Revoke API key"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("apiKeysStatus"));
    m_status->setWordWrap(true);
    auto *hint = new QLabel(tr("Requests carry a key as <tt>Authorization: Bearer KEY</tt>. Orb keeps only a hash of each key."), this);
    hint->setWordWrap(true);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_create);
    buttons->addWidget(m_revoke);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(hint);
    layout->addWidget(m_view);
    layout->addLayout(buttons);
    layout->addWidget(m_status);
    connect(m_create, &QPushButton::clicked, this, &ApiKeysBox::createKey);
    connect(m_revoke, &QPushButton::clicked, this, &ApiKeysBox::revokeSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ApiKeysBox::updateButtons);
    reload();
}

void ApiKeysBox::showEvent(QShowEvent *event)
{
    QGroupBox::showEvent(event);
    reload();
}

void ApiKeysBox::reload()
{
    const QString selected = selectedId();
    m_model->removeRows(0, m_model->rowCount());
    QList<ApiKey> keys;
    try {
        keys = ApiKeyService(m_file, m_clock).list();
    } catch (const ServiceError &e) {
        showStatus(e.message(), true);
    }
    for (const ApiKey &k : std::as_const(keys)) {
        QList<QStandardItem *> row;
        row << new QStandardItem(k.name) << new QStandardItem(k.role) << new QStandardItem(k.prefix + QStringLiteral("…"))
            << new QStandardItem(when(k.createdAt)) << new QStandardItem(k.lastUsedAt.isValid() ? when(k.lastUsedAt) : tr("never"))
            << new QStandardItem(k.isRevoked() ? tr("revoked %1").arg(when(k.revokedAt)) : tr("active"));
        row[Name]->setData(k.id, Qt::UserRole);
        row[Name]->setData(k.isRevoked(), Qt::UserRole + 1);
        row[Key]->setToolTip(tr("The start of the key, to tell keys apart; the rest is never shown again"));
        row[LastUsed]->setToolTip(tr("When a request last came with this key, to the minute"));
        if (k.isRevoked())
            for (QStandardItem *item : std::as_const(row))
                item->setForeground(palette().brush(QPalette::Disabled, QPalette::Text));
        m_model->appendRow(row);
        if (k.id == selected)
            m_view->selectRow(m_model->rowCount() - 1);
    }
    m_view->resizeColumnsToContents();
    m_view->horizontalHeader()->setStretchLastSection(true);
    updateButtons();
}

QString ApiKeysBox::selectedId() const
{
    const QModelIndexList rows = m_view->selectionModel() ? m_view->selectionModel()->selectedRows() : QModelIndexList();
    return rows.isEmpty() ? QString() : m_model->item(rows.first().row(), Name)->data(Qt::UserRole).toString();
}

void ApiKeysBox::updateButtons()
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    const bool revoked = !rows.isEmpty() && m_model->item(rows.first().row(), Name)->data(Qt::UserRole + 1).toBool();
    m_create->setEnabled(!m_file.isReadOnly());
    m_revoke->setEnabled(!m_file.isReadOnly() && !rows.isEmpty() && !revoked);
}

void ApiKeysBox::showStatus(const QString &text, bool problem)
{
    m_status->setText(problem ? QStringLiteral("<span style='color:#b3261e'>%1</span>").arg(text.toHtmlEscaped()) : text.toHtmlEscaped());
}

void ApiKeysBox::createKey()
{
    NewApiKeyDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    NewApiKey made;
    try {
        made = ApiKeyService(m_file, m_clock).create(dialog.name(), dialog.role());
    } catch (const ServiceError &e) {
        showStatus(tr("The key was not made: %1").arg(e.message()), true);
        return;
    }
    reload();
    showStatus(tr("API key \"%1\" (%2) made.").arg(made.key.name, made.key.role), false);
    ApiSecretDialog shown(tr("API key \"%1\"").arg(made.key.name),
                          tr("The new key, with the role %1. A product or script sends it as <tt>Authorization: Bearer KEY</tt>.").arg(made.key.role),
                          made.secret, this);
    made.secret.fill(QLatin1Char('x')); // the dialog holds the only copy now
    shown.exec();
}

void ApiKeysBox::revokeSelected()
{
    const QString id = selectedId();
    if (id.isEmpty())
        return;
    const int row = m_view->selectionModel()->selectedRows().first().row();
    const QString name = m_model->item(row, Name)->text();
    QMessageBox box(QMessageBox::Warning, tr("Revoke API key"),
                    tr("Revoke the API key \"%1\"? Every request with it is refused from then on, also by a server that is running; "
                       "this cannot be undone (make a new key instead).")
                        .arg(name),
                    QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("revokeApiKeyBox"));
    QPushButton *confirm = box.addButton(tr("Revoke"), QMessageBox::DestructiveRole);
    confirm->setObjectName(QStringLiteral("revokeConfirmButton"));
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() != confirm)
        return;
    try {
        ApiKeyService(m_file, m_clock).revoke(id);
    } catch (const ServiceError &e) {
        showStatus(tr("The key was not revoked: %1").arg(e.message()), true);
        reload();
        return;
    }
    reload();
    showStatus(tr("API key \"%1\" revoked.").arg(name), false);
}

} // namespace orb
