// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "OpenApiSubset.h"

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QMutex>
#include <QString>

#include <functional>

namespace orb::standin {

/// One HTTP request as the server read it.
struct StandinRequest {
    QString method;
    QString path;
    FormPairs query;
    FormPairs body;
    QHash<QString, QString> headers; ///< names in lower case
    QByteArray rawBody;
};

/// What to answer; `drop` closes the connection without an answer (after any change was made).
struct StandinResponse {
    int status = 200;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    bool drop = false;
    int delayMs = 0;
};

/// A fault to inject into the next matching requests.
struct Fault {
    enum class Kind { Status500, Status503, Status429, DropAfterCommit, Latency, CardDecline };
    Kind kind = Kind::Status500;
    int count = 1;      ///< how many matching requests it hits
    QString pathPrefix; ///< empty: any /v1 request
    QString method;     ///< empty: any method
    int latencyMs = 0;  ///< for Latency
    static std::optional<Kind> kindFromName(const QString &name);
};

/**
 * A stateful stand-in for the part of Stripe's API that Orb uses, served over loopback HTTP by
 * StandinServer. Every request is checked against the OpenAPI subset before anything happens;
 * it keeps customers, invoice items, invoices with their state machine, payment intents,
 * charges, meters and meter events, replays idempotent POSTs, paginates lists newest first,
 * emits one event per state change, and injects faults on demand. Thread-safe: the server
 * thread handles requests while a test inspects the state.
 */
class StripeStandin final
{
public:
    explicit StripeStandin(const QString &specPath);

    /// The key requests must carry; empty accepts any well-formed test key (sk_test_…).
    void setApiKey(const QString &key);
    /// Requests per second before 429 rate_limit (Stripe's test mode allows 25); 0 turns it off.
    void setRateLimit(int perSecond);
    /// Moves the stand-in's clock (seconds added to the system time).
    void setClockOffset(qint64 seconds);
    void addFault(const Fault &fault);
    void clearFaults();
    /// Forgets every object, event, idempotent result and fault.
    void reset();

    StandinResponse handle(const StandinRequest &request);
    /// The delayed answer of a request with this Idempotency-Key was sent (latency fault).
    void releaseInFlight(const QString &idempotencyKey);

    /// Pays part of an open invoice as a bank transfer would (a charge, `amount_paid` grows,
    /// `invoice.updated`); the whole remainder or more settles it as `/pay` does. Test API, also
    /// `POST /__standin/invoices/{id}/partial_payment {"amount": N}`.
    StandinResponse payPart(const QString &invoiceId, qint64 amount);

    /// Opens a dispute on a charge as a card holder would (the funds are withdrawn:
    /// `charge.dispute.created`, `charge.dispute.funds_withdrawn`). Test API, also
    /// `POST /__standin/charges/{id}/dispute {"amount": N}` (0: the whole charge).
    StandinResponse openDispute(const QString &chargeId, qint64 amount);
    /// Decides a dispute: `won` (funds reinstated) or `lost`. Test API, also
    /// `POST /__standin/disputes/{id}/close {"status": "won"}`.
    StandinResponse decideDispute(const QString &disputeId, const QString &status);
    /// The account id the stand-in answers GET /v1/account with (new on every reset).
    QString accountId() const;

    /// Number of objects of a kind ("customer", "invoiceitem", "invoice", "payment_intent",
    /// "charge", "billing.meter", "billing.meter_event", "event").
    int count(const QString &objectType) const;
    /// Every object of a kind, oldest first.
    QList<QJsonObject> objects(const QString &objectType) const;
    /// Requests seen (all, including rejected ones), for tests that count retries.
    int requestCount(const QString &pathPrefix = {}) const;
    int endpointCount() const { return m_spec.endpointCount(); }
    /// The state summary served at GET /__standin/state.
    QJsonObject stateJson() const;

private:
    struct Store {
        QList<QString> order; ///< ids, oldest first
        QHash<QString, QJsonObject> byId;
    };
    struct IdempotentResult {
        QString fingerprint;
        int status = 0;
        QByteArray body;
        qint64 storedAt = 0;
    };

    StandinResponse dispatch(const StandinRequest &request, const OpenApiSubset::Match &match, const QJsonObject &params, bool decline);
    StandinResponse sideChannel(const StandinRequest &request);
    std::optional<Fault> takeFault(const StandinRequest &request);

    // Resources (StandinResources.cpp).
    StandinResponse customers(const StandinRequest &r, const OpenApiSubset::Match &m, const QJsonObject &p);
    StandinResponse invoiceItems(const StandinRequest &r, const OpenApiSubset::Match &m, const QJsonObject &p);
    StandinResponse invoices(const StandinRequest &r, const OpenApiSubset::Match &m, const QJsonObject &p, bool decline);
    StandinResponse paymentIntents(const StandinRequest &r, const OpenApiSubset::Match &m, const QJsonObject &p, bool decline);
    StandinResponse meters(const StandinRequest &r, const OpenApiSubset::Match &m, const QJsonObject &p);
    StandinResponse meterEvents(const QJsonObject &p);
    // Money after the invoice, the account, search, meter summaries (StandinMoney.cpp).
    StandinResponse accountObject() const;
    StandinResponse search(const QString &type, const QString &url, const QJsonObject &p);
    StandinResponse creditNotes(const StandinRequest &r, const OpenApiSubset::Match &m, const QJsonObject &p);
    StandinResponse refunds(const StandinRequest &r, const OpenApiSubset::Match &m, const QJsonObject &p);
    StandinResponse charges(const StandinRequest &r, const OpenApiSubset::Match &m, const QJsonObject &p);
    StandinResponse disputes(const StandinRequest &r, const OpenApiSubset::Match &m, const QJsonObject &p);
    StandinResponse meterEventSummaries(const OpenApiSubset::Match &m, const QJsonObject &p);
    StandinResponse openDisputeLocked(const QString &chargeId, qint64 amount);
    StandinResponse decideDisputeLocked(const QString &disputeId, const QString &status);
    /// Applies the customer's balance to an invoice being finalized (Stripe does so).
    QJsonObject applyCustomerBalance(QJsonObject invoice);
    QString newAccountId();
    StandinResponse eventsList(const StandinRequest &r, const OpenApiSubset::Match &m, const QJsonObject &p);

    QJsonObject recomputeInvoice(QJsonObject invoice) const;
    QJsonObject settleInvoice(QJsonObject invoice, bool outOfBand);
    StandinResponse partialPayment(const QString &invoiceId, qint64 amount);
    QString newId(const QString &prefix);
    qint64 now() const;
    void put(const QString &type, const QJsonObject &object);
    void emitEvent(const QString &type, const QJsonObject &object, const QJsonObject &previous = {});
    StandinResponse list(const QString &type, const QString &url, const QJsonObject &p, const std::function<bool(const QJsonObject &)> &filter = {});

    mutable QMutex m_mutex;
    OpenApiSubset m_spec;
    QString m_apiKey;
    int m_rateLimit = 0;
    qint64 m_clockOffset = 0;
    QList<Fault> m_faults;
    QHash<QString, Store> m_stores;
    QHash<QString, IdempotentResult> m_idempotent;
    QHash<QString, int> m_inFlight; ///< keys whose answer is still being delayed
    QList<qint64> m_recentRequests; ///< ms timestamps for the rate limit
    QList<QString> m_requestLog;    ///< "METHOD path" of every request
    qint64 m_lastEventCreated = 0;
    QString m_accountId;
    QHash<QString, qint64> m_meterIdentifiers; ///< identifier → when first used (pruned after 24 h)
    qint64 m_idCounter = 0;
    int m_invoiceNumber = 0;
};

/// Builds nested JSON from form pairs (metadata[k]=v → {"metadata": {"k": "v"}}, expand[]=x → array).
QJsonObject formToJson(const FormPairs &pairs);
/// A Stripe error body.
StandinResponse errorResponse(int status, const QString &type, const QString &code, const QString &message, const QString &param = {});
/// A JSON answer.
StandinResponse jsonResponse(const QJsonObject &object, int status = 200);

} // namespace orb::standin
