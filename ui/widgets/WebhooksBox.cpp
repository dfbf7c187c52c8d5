// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/WebhooksBox.h"

#include "models/CompanyFile.h"
#include "models/StorageError.h"
#include "models/api/WebhookService.h"
#include "sync/WebhookSecretStore.h"
#include "ui/dialogs/ApiSecretDialog.h"
#include "ui/dialogs/NewWebhookDialog.h"

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

enum Column { Url, Events, State, Waiting, Delivered, Failed, ColumnCount };
enum LogColumn { At, EventType, EventId, Attempt, HttpStatus, Result, NextRetry, LogColumnCount };

QString when(const QDateTime &t)
{
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::ShortFormat) : QString();
}

QStandardItem *number(int n)
{
    auto *item = new QStandardItem(QLocale().toString(n));
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

} // namespace

WebhooksBox::WebhooksBox(CompanyFile &file, const Clock &clock, QWidget *parent)
    : QGroupBox(tr("Webhook endpoints"), parent), m_file(file), m_clock(clock), m_refresh(new QTimer(this))
{
    setObjectName(QStringLiteral("webhooksBox"));
    m_model = new QStandardItemModel(0, ColumnCount, this);
    m_model->setHorizontalHeaderLabels({tr("URL"), tr("Event types"), tr("State"), tr("Waiting"), tr("Delivered"), tr("Failed")});
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("webhooksTable"));
    m_view->setAccessibleName(tr("Webhook endpoints"));
    m_view->setModel(m_model);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->setMinimumHeight(110);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_create = new QPushButton(tr("New end&point…"), this);
    m_create->setObjectName(QStringLiteral("newWebhookButton"));
    m_create->setToolTip(tr("Add a URL that receives Orb's events; its signing secret is shown once"));
    m_create->setAccessibleName(tr("New webhook endpoint"));
    m_toggle = new QPushButton(tr("&Disable"), this);
    m_toggle->setObjectName(QStringLiteral("toggleWebhookButton"));
    m_toggle->setToolTip(tr("Stop or resume deliveries to the selected endpoint"));
    m_toggle->setAccessibleName(tr("Disable or enable the webhook endpoint"));
    m_delete = new QPushButton(tr("De&lete…"), this);
    m_delete->setObjectName(QStringLiteral("deleteWebhookButton"));
    m_delete->setToolTip(tr("Delete the selected endpoint with its deliveries and their log"));
    m_delete->setAccessibleName(tr("Delete webhook endpoint"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("webhooksStatus"));
    m_status->setWordWrap(true);
    auto *hint = new QLabel(tr("Events are delivered while the API is served (here or by <tt>orbctl serve</tt>), each signed with "
                               "<tt>X-Orb-Signature</tt> as Orb signs them; failed deliveries are retried with growing pauses."),
                            this);
    hint->setWordWrap(true);
    m_logModel = new QStandardItemModel(0, LogColumnCount, this);
    m_logModel->setHorizontalHeaderLabels({tr("Time"), tr("Event type"), tr("Event ID"), tr("Attempt"), tr("HTTP status"), tr("Result"), tr("Next retry")});
    m_log = new QTableView(this);
    m_log->setObjectName(QStringLiteral("webhookLogTable"));
    m_log->setAccessibleName(tr("Delivery log"));
    m_log->setModel(m_logModel);
    m_log->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_log->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_log->verticalHeader()->hide();
    m_log->horizontalHeader()->setStretchLastSection(true);
    m_log->setMinimumHeight(130);
    m_logTitle = new QLabel(this);
    m_logTitle->setObjectName(QStringLiteral("webhookLogTitle"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_create);
    buttons->addWidget(m_toggle);
    buttons->addWidget(m_delete);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(hint);
    layout->addWidget(m_view);
    layout->addLayout(buttons);
    layout->addWidget(m_status);
    layout->addWidget(m_logTitle);
    layout->addWidget(m_log);
    connect(m_create, &QPushButton::clicked, this, &WebhooksBox::createEndpoint);
    connect(m_toggle, &QPushButton::clicked, this, &WebhooksBox::toggleSelected);
    connect(m_delete, &QPushButton::clicked, this, &WebhooksBox::deleteSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateButtons();
        loadLog();
    });
    m_refresh->setInterval(3000);
    connect(m_refresh, &QTimer::timeout, this, &WebhooksBox::refreshIfChanged);
    reload();
}

void WebhooksBox::showEvent(QShowEvent *event)
{
    QGroupBox::showEvent(event);
    reload();
    m_refresh->start();
}

void WebhooksBox::hideEvent(QHideEvent *event)
{
    m_refresh->stop();
    QGroupBox::hideEvent(event);
}

QString WebhooksBox::fingerprint() const
{
    // What the tables show, in brief: the endpoints' states and counts, and the selected
    // endpoint's newest attempt.
    QString f;
    try {
        WebhookService service(m_file, m_clock);
        for (const WebhookEndpoint &w : service.list())
            f += QStringLiteral("%1/%2/%3/%4/%5;").arg(w.id).arg(w.isDisabled()).arg(w.pending).arg(w.delivered).arg(w.failed);
        if (const QString id = selectedId(); !id.isEmpty()) {
            const QList<WebhookAttempt> newest = service.log(id, 1);
            if (!newest.isEmpty())
                f += newest.first().deliveryId + QString::number(newest.first().attempt) + newest.first().state;
        }
    } catch (const ServiceError &) {
        return QString(); // shown by reload()
    }
    return f;
}

void WebhooksBox::refreshIfChanged()
{
    // Rebuilt only when something changed, so a person reading or scrolling the log keeps
    // their place between deliveries.
    if (const QString f = fingerprint(); f.isEmpty() || f != m_shown)
        reload();
}

void WebhooksBox::reload()
{
    m_shown = fingerprint();
    const QString selected = selectedId();
    QList<WebhookEndpoint> endpoints;
    try {
        endpoints = WebhookService(m_file, m_clock).list();
    } catch (const ServiceError &e) {
        showStatus(e.message(), true);
        return;
    }
    const QSignalBlocker block(m_view->selectionModel());
    m_model->removeRows(0, m_model->rowCount());
    int selectRow = -1;
    for (const WebhookEndpoint &w : std::as_const(endpoints)) {
        QList<QStandardItem *> row;
        row << new QStandardItem(w.url) << new QStandardItem(w.events.isEmpty() ? tr("all") : w.events.join(QStringLiteral(", ")))
            << new QStandardItem(w.isDisabled() ? tr("disabled") : tr("enabled")) << number(w.pending) << number(w.delivered) << number(w.failed);
        row[Url]->setData(w.id, Qt::UserRole);
        row[Url]->setData(w.isDisabled(), Qt::UserRole + 1);
        row[Url]->setToolTip(w.url);
        row[Events]->setToolTip(w.events.isEmpty() ? tr("Every event type Orb sends") : w.events.join(QLatin1Char('\n')));
        m_model->appendRow(row);
        if (w.id == selected)
            selectRow = m_model->rowCount() - 1;
    }
    if (selectRow >= 0)
        m_view->selectRow(selectRow);
    m_view->resizeColumnsToContents();
    m_view->horizontalHeader()->setStretchLastSection(true);
    updateButtons();
    loadLog();
}

QString WebhooksBox::selectedId() const
{
    const QModelIndexList rows = m_view->selectionModel() ? m_view->selectionModel()->selectedRows() : QModelIndexList();
    return rows.isEmpty() ? QString() : m_model->item(rows.first().row(), Url)->data(Qt::UserRole).toString();
}

void WebhooksBox::loadLog()
{
    m_logModel->removeRows(0, m_logModel->rowCount());
    const QString id = selectedId();
    if (id.isEmpty()) {
        m_logTitle->setText(tr("Select an endpoint to see its deliveries."));
        return;
    }
    QList<WebhookAttempt> log;
    try {
        log = WebhookService(m_file, m_clock).log(id);
    } catch (const ServiceError &e) {
        m_logTitle->setText(e.message().toHtmlEscaped());
        return;
    }
    m_logTitle->setText(log.isEmpty() ? tr("No delivery attempts yet.") : tr("Delivery log, newest first:"));
    for (const WebhookAttempt &a : std::as_const(log)) {
        QString result;
        if (a.status >= 200 && a.status < 300)
            result = tr("delivered");
        else if (a.state == QLatin1String("failed"))
            result = a.error.isEmpty() ? tr("failed, no more retries") : tr("failed, no more retries: %1").arg(a.error);
        else
            result = a.error;
        QList<QStandardItem *> row;
        row << new QStandardItem(when(a.at)) << new QStandardItem(a.eventType) << new QStandardItem(a.eventId) << number(a.attempt)
            << new QStandardItem(a.status ? QString::number(a.status) : tr("no answer")) << new QStandardItem(result)
            << new QStandardItem(when(a.nextAttemptAt));
        row[Result]->setToolTip(a.error);
        m_logModel->appendRow(row);
    }
    m_log->resizeColumnsToContents();
    m_log->horizontalHeader()->setStretchLastSection(true);
}

void WebhooksBox::updateButtons()
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    const bool writable = !m_file.isReadOnly();
    const bool disabled = !rows.isEmpty() && m_model->item(rows.first().row(), Url)->data(Qt::UserRole + 1).toBool();
    m_create->setEnabled(writable);
    m_toggle->setEnabled(writable && !rows.isEmpty());
    m_toggle->setText(disabled ? tr("E&nable") : tr("&Disable"));
    m_delete->setEnabled(writable && !rows.isEmpty());
}

void WebhooksBox::showStatus(const QString &text, bool problem)
{
    m_status->setText(problem ? QStringLiteral("<span style='color:#b3261e'>%1</span>").arg(text.toHtmlEscaped()) : text.toHtmlEscaped());
}

void WebhooksBox::createEndpoint()
{
    NewWebhookDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    NewWebhookEndpoint made;
    try {
        // The secret goes to the system keychain (on this thread, as the window's other
        // keychain calls); when it cannot be kept there, no endpoint is made.
        made = WebhookService(m_file, m_clock).create(dialog.url(), dialog.events(), WebhookSecretStore(m_file.path()).keeper());
    } catch (const ServiceError &e) {
        showStatus(tr("The endpoint was not added: %1").arg(e.message()), true);
        return;
    }
    reload();
    for (int r = 0; r < m_model->rowCount(); ++r)
        if (m_model->item(r, Url)->data(Qt::UserRole).toString() == made.endpoint.id)
            m_view->selectRow(r);
    showStatus(tr("Endpoint %1 added.").arg(made.endpoint.url), false);
    ApiSecretDialog shown(tr("Webhook signing secret"),
                          tr("The receiver at %1 checks each delivery's <tt>X-Orb-Signature</tt> with this secret "
                             "(Orb's SDKs: <tt>webhooks.unwrap(body, headers, secret)</tt>). It is kept in this computer's keychain.")
                              .arg(made.endpoint.url.toHtmlEscaped()),
                          made.secret, this);
    made.secret.fill(QLatin1Char('x'));
    shown.exec();
}

void WebhooksBox::toggleSelected()
{
    const QString id = selectedId();
    if (id.isEmpty())
        return;
    const int row = m_view->selectionModel()->selectedRows().first().row();
    const bool disabled = m_model->item(row, Url)->data(Qt::UserRole + 1).toBool();
    try {
        WebhookService service(m_file, m_clock);
        const WebhookEndpoint w = disabled ? service.enable(id) : service.disable(id);
        showStatus(disabled ? tr("Endpoint %1 enabled: new events and those waiting are delivered.").arg(w.url)
                            : tr("Endpoint %1 disabled: nothing is delivered to it until it is enabled.").arg(w.url),
                   false);
    } catch (const ServiceError &e) {
        showStatus(e.message(), true);
    }
    reload();
}

void WebhooksBox::deleteSelected()
{
    const QString id = selectedId();
    if (id.isEmpty())
        return;
    const int row = m_view->selectionModel()->selectedRows().first().row();
    const QString url = m_model->item(row, Url)->text();
    QMessageBox box(QMessageBox::Warning, tr("Delete webhook endpoint"),
                    tr("Delete the endpoint %1 with its waiting deliveries and their log? Events not yet delivered to it are not sent.").arg(url),
                    QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("deleteWebhookBox"));
    QPushButton *confirm = box.addButton(tr("Delete"), QMessageBox::DestructiveRole);
    confirm->setObjectName(QStringLiteral("deleteWebhookConfirmButton"));
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() != confirm)
        return;
    try {
        WebhookService(m_file, m_clock).remove(id);
    } catch (const ServiceError &e) {
        showStatus(tr("The endpoint was not deleted: %1").arg(e.message()), true);
        reload();
        return;
    }
    // The endpoint is gone; its secret in the keychain would be harmless but untidy.
    const QString keychainProblem = WebhookSecretStore(m_file.path()).remove(id);
    reload();
    showStatus(keychainProblem.isEmpty() ? tr("Endpoint %1 deleted.").arg(url)
                                         : tr("Endpoint %1 deleted; its secret could not be removed from the keychain: %2").arg(url, keychainProblem),
               !keychainProblem.isEmpty());
}

} // namespace orb
