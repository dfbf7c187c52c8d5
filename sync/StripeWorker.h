// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

class QTimer;

namespace orb {

class CompanyFile;
class Database;
class PaymentSink;
class SystemClock;
class WorkLease;

/**
 * Stripe sync off the UI thread: move it to a QThread and call its slots through queued
 * connections (or QMetaObject::invokeMethod). It opens its own connection to the company file
 * in that thread, runs StripeSync passes now and every poll interval, and reports through
 * signals, which reach the window queued. cancel() may be called from any thread.
 */
class StripeWorker final : public QObject
{
    Q_OBJECT
public:
    /// Elsewhere: another worker (another window, `orbctl sync run`) holds the Stripe lease,
    /// so this one pushes nothing; the message says where sync runs.
    enum class State { Idle, Running, Offline, Failed, NoKey, Elsewhere };
    Q_ENUM(State)

    /// `file` must outlive the worker; only its path is used, from the worker's thread. An
    /// empty base URL is read from the setting stripe.api_base, an empty key from the
    /// keychain (StripeKeyStore), both on the worker's thread when a pass starts.
    StripeWorker(const CompanyFile &file, QString baseUrl = {}, QString apiKey = {}, QObject *parent = nullptr);
    ~StripeWorker() override;

    /// Any thread: asks the running pass to stop after its current request.
    void cancel() { m_cancel = true; }
    /// Where pulled payments go; by default a StripePaymentRecorder records them on Orb's invoices.
    void setPaymentSink(PaymentSink *sink) { m_sink = sink; }

public slots:
    /// One pass now.
    void runOnce();
    /// A pass now and then every `seconds`.
    void startPolling(int seconds);
    /// Stops polling and gives the Stripe lease up, so another worker may take over at once.
    void stopPolling();
    /// A new key (after Settings checked it); empty means none.
    void setApiKey(const QString &key);
    /// Whether a pass without a key asks the keychain itself (the default). The window turns
    /// this off and hands the key over instead: the Secret Service binds its replies to the
    /// thread that first asked, so one process keeps its keychain calls on one thread.
    void setReadsKeychain(bool reads) { m_readsKeychain = reads; }

signals:
    void stateChanged(orb::StripeWorker::State state, const QString &message);
    void progress(const QString &what, int done, int total);
    /// The summary line of a finished pass, and whether Stripe could be reached.
    void runFinished(const QString &summary, bool offline);

private:
    const CompanyFile &m_file;
    QString m_baseUrl;
    QString m_apiKey;
    bool m_readsKeychain = true;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<SystemClock> m_clock;
    std::unique_ptr<WorkLease> m_lease; ///< held across passes; after m_db, so it goes first
    QTimer *m_timer = nullptr;
    PaymentSink *m_sink = nullptr;
    std::atomic_bool m_cancel{false};
    bool m_running = false;
};

} // namespace orb
