// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/StripeWorker.h"

#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/Database.h"
#include "models/StorageError.h"
#include "models/billing/StripePaymentRecorder.h"
#include "models/sync/StripeSettings.h"
#include "models/sync/WorkLease.h"
#include "sync/StripeKeyStore.h"
#include "sync/StripeSync.h"

#include <QTimer>

namespace orb {

StripeWorker::StripeWorker(const CompanyFile &file, QString baseUrl, QString apiKey, QObject *parent)
    : QObject(parent), m_file(file), m_baseUrl(std::move(baseUrl)), m_apiKey(std::move(apiKey))
{
}

StripeWorker::~StripeWorker() = default; // the lease, if held, is released before the connection closes

void StripeWorker::setApiKey(const QString &key)
{
    m_apiKey = key;
}

void StripeWorker::startPolling(int seconds)
{
    if (!m_timer) {
        m_timer = new QTimer(this);
        connect(m_timer, &QTimer::timeout, this, &StripeWorker::runOnce);
    }
    m_timer->start(std::max(5, seconds) * 1000);
    runOnce();
}

void StripeWorker::stopPolling()
{
    if (m_timer)
        m_timer->stop();
    if (m_lease) {
        try {
            m_lease->release();
        } catch (const ServiceError &e) {
            emit stateChanged(State::Failed, e.message()); // it expires on its own
        }
    }
}

void StripeWorker::runOnce()
{
    if (m_running)
        return;
    if (m_apiKey.isEmpty() && !m_readsKeychain) {
        emit stateChanged(State::NoKey, tr("No Stripe key: enter one in Settings › Stripe or with `orbctl sync set-key`"));
        return;
    }
    if (m_apiKey.isEmpty()) {
        // The keychain may block while it answers: ask it here, on the worker's thread.
        QString error;
        const auto key = StripeKeyStore(m_file.path()).load(nullptr, &error);
        if (!key) {
            emit stateChanged(State::NoKey, error.isEmpty() ? tr("No Stripe key: enter one in Settings › Stripe or with `orbctl sync set-key`")
                                                            : tr("The Stripe key could not be read from the keychain: %1").arg(error));
            return;
        }
        m_apiKey = *key;
    }
    m_running = true;
    m_cancel = false;
    emit stateChanged(State::Running, tr("Syncing with Stripe…"));
    try {
        // The connection belongs to this thread (Qt SQL connections must not cross threads).
        if (!m_db)
            m_db = m_file.openConnection();
        QString base = m_baseUrl;
        if (base.isEmpty())
            base = StripeSettings(*m_db).apiBase();
        if (const QString rule = StripeSettings::checkApiBase(base); !rule.isEmpty()) {
            // Never send the key to a host the company file names.
            const QString message = tr("Stripe sync refused the API base %1: it %2").arg(base, rule);
            emit stateChanged(State::Failed, message);
            emit runFinished(message, false);
            m_running = false;
            return;
        }
        if (!m_clock)
            m_clock = std::make_unique<SystemClock>();
        const SystemClock &clock = *m_clock;
        if (!m_lease)
            m_lease = std::make_unique<WorkLease>(*m_db, WorkLease::stripeSync(), clock);
        StripeClient client(base, m_apiKey);
        StripeSync sync(*m_db, client, clock);
        sync.setLease(m_lease.get());
        // Payments are recorded against Orb's invoices unless a caller set another sink.
        StripePaymentRecorder recorder(clock);
        sync.setPaymentSink(m_sink ? m_sink : &recorder);
        sync.setCancelFlag(&m_cancel);
        sync.setProgress([this](const QString &what, int done, int total) { emit progress(what, done, total); });
        const SyncRunSummary s = sync.runOnce();
        emit runFinished(s.describe(), s.offline);
        if (!s.heldElsewhere.isEmpty())
            emit stateChanged(State::Elsewhere, tr("Not syncing here: %1").arg(s.heldElsewhere));
        else
            emit stateChanged(s.offline ? State::Offline : (s.failed > 0 || s.accountMismatch ? State::Failed : State::Idle), s.describe());
    } catch (const ServiceError &e) {
        emit stateChanged(State::Failed, e.message());
        emit runFinished(e.message(), false);
    }
    m_running = false;
}

} // namespace orb
