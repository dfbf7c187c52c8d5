// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/screens/SyncScreen.h"

#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/StorageError.h"
#include "models/Timestamps.h"
#include "models/sync/Outbox.h"
#include "models/sync/SyncAttention.h"
#include "models/sync/SyncLog.h"
#include "models/sync/SyncState.h"
#include "sync/CredentialStore.h"
#include "sync/StripeKeyStore.h"
#include "sync/StripeSync.h"

#include <QComboBox>
#include <QApplication>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>
#include <QPointer>

namespace orb {

namespace {

QString attentionKindText(const QString &kind)
{
    if (kind == QLatin1String("account"))
        return SyncScreen::tr("Another Stripe account");
    if (kind == QLatin1String("failed"))
        return SyncScreen::tr("Not sent");
    if (kind == QLatin1String("mismatch"))
        return SyncScreen::tr("Amounts differ");
    if (kind == QLatin1String("paid_twice"))
        return SyncScreen::tr("Paid twice");
    if (kind == QLatin1String("dispute"))
        return SyncScreen::tr("Dispute");
    if (kind == QLatin1String("refund"))
        return SyncScreen::tr("Refund in Stripe");
    if (kind == QLatin1String("credit_note"))
        return SyncScreen::tr("Credit note in Stripe");
    if (kind == QLatin1String("stripe_void"))
        return SyncScreen::tr("Voided in Stripe");
    return SyncScreen::tr("Not recorded");
}

QTableView *makeTable(QStandardItemModel *model, const QString &name, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setObjectName(name);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    return view;
}

} // namespace

SyncScreen::SyncScreen(CompanyFile &file, QWidget *parent) : QWidget(parent), m_file(file)
{
    setObjectName(QStringLiteral("syncScreen"));
    auto *layout = new QVBoxLayout(this);

    auto *top = new QHBoxLayout;
    m_state = new QLabel(tr("Not synced yet"), this);
    m_state->setObjectName(QStringLiteral("syncState"));
    m_state->setWordWrap(true);
    QFont f = m_state->font();
    f.setBold(true);
    m_state->setFont(f);
    m_syncNow = new QPushButton(tr("Sync now"), this);
    m_syncNow->setObjectName(QStringLiteral("syncNow"));
    auto *keyButton = new QPushButton(tr("Stripe key…"), this);
    keyButton->setObjectName(QStringLiteral("syncKeySettings"));
    keyButton->setToolTip(tr("The secret key is entered in Settings › Stripe"));
    connect(keyButton, &QPushButton::clicked, this, &SyncScreen::keySettingsRequested);
    top->addWidget(m_state, 1);
    top->addWidget(keyButton);
    top->addWidget(m_syncNow);
    layout->addLayout(top);
    m_lastRun = new QLabel(this);
    m_lastRun->setObjectName(QStringLiteral("syncLastRun"));
    layout->addWidget(m_lastRun);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("syncProgress"));
    m_progress->hide();
    layout->addWidget(m_progress);

    auto *queueBox = new QGroupBox(tr("Queue"), this);
    auto *queueLayout = new QVBoxLayout(queueBox);
    auto *queueBar = new QHBoxLayout;
    m_filter = new QComboBox(queueBox);
    m_filter->setObjectName(QStringLiteral("syncFilter"));
    m_filter->addItem(tr("Failed"), QStringLiteral("failed"));
    m_filter->addItem(tr("Waiting"), QStringLiteral("pending"));
    m_filter->addItem(tr("Done"), QStringLiteral("done"));
    m_filter->addItem(tr("Skipped"), QStringLiteral("skipped"));
    m_filter->addItem(tr("All"), QString());
    m_retry = new QPushButton(tr("Retry"), queueBox);
    m_retry->setObjectName(QStringLiteral("syncRetry"));
    m_skip = new QPushButton(tr("Skip"), queueBox);
    m_skip->setObjectName(QStringLiteral("syncSkip"));
    queueBar->addWidget(new QLabel(tr("Show:"), queueBox));
    queueBar->addWidget(m_filter);
    queueBar->addStretch(1);
    queueBar->addWidget(m_retry);
    queueBar->addWidget(m_skip);
    queueLayout->addLayout(queueBar);
    m_queue = new QStandardItemModel(0, 6, this);
    m_queue->setHorizontalHeaderLabels({tr("#"), tr("Object"), tr("Action"), tr("State"), tr("Attempts"), tr("Last error")});
    m_queueView = makeTable(m_queue, QStringLiteral("syncQueue"), queueBox);
    queueLayout->addWidget(m_queueView);
    layout->addWidget(queueBox, 2);

    // What only a person can settle, with what to do: disputes, refunds, Stripe-side changes,
    // failed items, a key of another account.
    auto *attentionBox = new QGroupBox(tr("Needs attention"), this);
    auto *attentionLayout = new QVBoxLayout(attentionBox);
    m_freshAccount = new QPushButton(tr("Start afresh with the new Stripe account…"), attentionBox);
    m_freshAccount->setObjectName(QStringLiteral("syncFreshAccount"));
    m_freshAccount->hide();
    attentionLayout->addWidget(m_freshAccount, 0, Qt::AlignLeft);
    m_attention = new QStandardItemModel(0, 4, this);
    m_attention->setHorizontalHeaderLabels({tr("When"), tr("What"), tr("Happened"), tr("What to do")});
    m_attentionView = makeTable(m_attention, QStringLiteral("syncAttention"), attentionBox);
    m_attentionView->setWordWrap(true);
    attentionLayout->addWidget(m_attentionView);
    layout->addWidget(attentionBox, 2);

    auto *logBox = new QGroupBox(tr("Sync log"), this);
    auto *logLayout = new QVBoxLayout(logBox);
    m_log = new QStandardItemModel(0, 4, this);
    m_log->setHorizontalHeaderLabels({tr("When"), tr("Level"), tr("Kind"), tr("Message")});
    m_logView = makeTable(m_log, QStringLiteral("syncLog"), logBox);
    logLayout->addWidget(m_logView);
    layout->addWidget(logBox, 2);

    // The worker lives in its own thread; everything it says arrives here queued.
    m_worker = new StripeWorker(m_file);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &StripeWorker::stateChanged, this, &SyncScreen::onState);
    connect(m_worker, &StripeWorker::progress, this, [this](const QString &what, int done, int total) {
        m_progress->setVisible(true);
        m_progress->setFormat(what + QStringLiteral(" %v/%m"));
        m_progress->setRange(0, std::max(total, 1));
        m_progress->setValue(std::min(done, std::max(total, 1)));
    });
    connect(m_worker, &StripeWorker::runFinished, this, [this] {
        m_progress->hide();
        refresh();
    });
    m_thread.setObjectName(QStringLiteral("orb-stripe-sync"));
    m_thread.start();

    connect(m_syncNow, &QPushButton::clicked, this, &SyncScreen::syncNow);
    connect(m_retry, &QPushButton::clicked, this, &SyncScreen::retrySelected);
    connect(m_skip, &QPushButton::clicked, this, &SyncScreen::skipSelected);
    connect(m_filter, &QComboBox::currentIndexChanged, this, &SyncScreen::refresh);
    connect(m_freshAccount, &QPushButton::clicked, this, &SyncScreen::startFreshWithNewAccount);
    refresh();
}

SyncScreen::~SyncScreen()
{
    m_worker->cancel();
    m_thread.quit();
    m_thread.wait();
}

QString SyncScreen::statusText() const
{
    return m_status;
}

void SyncScreen::syncNow()
{
    m_syncNow->setEnabled(false);
    QMetaObject::invokeMethod(m_worker, &StripeWorker::runOnce, Qt::QueuedConnection);
}

void SyncScreen::startPolling(int seconds)
{
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, seconds] { w->startPolling(seconds); }, Qt::QueuedConnection);
}

void SyncScreen::onState(StripeWorker::State state, const QString &message)
{
    m_state->setText(message);
    m_syncNow->setEnabled(state != StripeWorker::State::Running);
    if (state != StripeWorker::State::Running)
        refresh();
    else {
        m_status = tr("Stripe: syncing…");
        emit statusChanged(m_status);
    }
}

void SyncScreen::refresh()
{
    try {
        Database &db = m_file.db();
        Outbox outbox(db);
        const OutboxCounts c = outbox.counts();
        SyncState state(db);
        const QString lastAt = state.get(SyncState::LastRunAt);
        m_lastRun->setText(
            lastAt.isEmpty()
                ? tr("Last run: never")
                : tr("Last run: %1 — %2").arg(QLocale().toString(fromIsoUtc(lastAt).toLocalTime(), QLocale::ShortFormat), state.get(SyncState::LastRunResult)));
        m_status = c.failed > 0 ? tr("Stripe: %1 waiting, %2 failed").arg(c.pending).arg(c.failed)
                                : (c.pending > 0 ? tr("Stripe: %1 waiting").arg(c.pending) : tr("Stripe: up to date"));
        emit statusChanged(m_status);

        m_queue->removeRows(0, m_queue->rowCount());
        for (const OutboxItem &i : outbox.list(m_filter->currentData().toString(), 500)) {
            QList<QStandardItem *> row{new QStandardItem(QString::number(i.id)),
                                       new QStandardItem(i.objectType + QLatin1Char(' ') + i.objectId),
                                       new QStandardItem(i.action),
                                       new QStandardItem(i.state),
                                       new QStandardItem(QString::number(i.attempts)),
                                       new QStandardItem(i.lastError)};
            row.first()->setData(i.id, Qt::UserRole);
            row.last()->setToolTip(i.lastError);
            m_queue->appendRow(row);
        }
        m_attention->removeRows(0, m_attention->rowCount());
        bool accountChanged = false;
        for (const AttentionItem &a : SyncAttention(db).list()) {
            accountChanged = accountChanged || a.kind == QLatin1String("account");
            QList<QStandardItem *> row{new QStandardItem(a.at.isValid() ? QLocale().toString(a.at.toLocalTime(), QLocale::ShortFormat) : QString()),
                                       new QStandardItem(attentionKindText(a.kind)), new QStandardItem(a.what), new QStandardItem(a.action)};
            row.at(2)->setToolTip(a.what);
            row.at(3)->setToolTip(a.action);
            row.first()->setData(a.outboxId, Qt::UserRole);
            m_attention->appendRow(row);
        }
        m_freshAccount->setVisible(accountChanged && !m_file.isReadOnly());
        m_attentionView->resizeColumnsToContents();
        m_log->removeRows(0, m_log->rowCount());
        for (const SyncLogEntry &e : SyncLog(db).list({}, 200)) {
            QList<QStandardItem *> row{new QStandardItem(QLocale().toString(e.at.toLocalTime(), QLocale::ShortFormat)), new QStandardItem(e.level),
                                       new QStandardItem(e.kind), new QStandardItem(e.message)};
            row.last()->setToolTip(e.message);
            m_log->appendRow(row);
        }
        m_queueView->resizeColumnsToContents();
        m_logView->resizeColumnsToContents();
    } catch (const ServiceError &e) {
        m_state->setText(e.message());
    }
}

void SyncScreen::startFreshWithNewAccount()
{
    try {
        const QStringList other = SyncState(m_file.db()).get(SyncState::AccountMismatchId).split(QLatin1Char(' '));
        if (other.size() != 2)
            return;
        const StripeAccount account{other.at(0), other.at(1) == QLatin1String("live")};
        if (QMessageBox::question(this, tr("Start afresh with another Stripe account"),
                                  tr("Orb will forget which Stripe objects it made in the old account and send its customers and open "
                                     "invoices to %1. Nothing changes in the old account. Go on?")
                                      .arg(account.describe()))
            != QMessageBox::Yes)
            return;
        StripeSync::bindAccount(m_file.db(), SystemClock(), account, true);
        refresh();
        syncNow();
    } catch (const ServiceError &e) {
        QMessageBox::warning(this, tr("Not changed"), e.message());
    }
}

qint64 SyncScreen::selectedItem() const
{
    const QModelIndexList rows = m_queueView->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : m_queue->item(rows.first().row(), 0)->data(Qt::UserRole).toLongLong();
}

void SyncScreen::retrySelected()
{
    const qint64 id = selectedItem();
    if (id == 0)
        return;
    try {
        Outbox(m_file.db()).retry(id);
        refresh();
        syncNow();
    } catch (const ServiceError &e) {
        QMessageBox::warning(this, tr("Item not retried"), e.message());
    }
}

void SyncScreen::skipSelected()
{
    const qint64 id = selectedItem();
    if (id == 0)
        return;
    try {
        Outbox(m_file.db()).skip(id);
        refresh();
    } catch (const ServiceError &e) {
        QMessageBox::warning(this, tr("Item not skipped"), e.message());
    }
}

void SyncScreen::useKey(const QString &key)
{
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, key] { w->setApiKey(key); }, Qt::QueuedConnection);
}

} // namespace orb
