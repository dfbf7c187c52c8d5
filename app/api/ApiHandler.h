// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/api/ApiTypes.h"
#include "models/api/ApiIngestWriter.h"

#include <QElapsedTimer>
#include <QHash>

#include <optional>

namespace orb::api {

/**
 * Orb's REST API v1 over the company file, without the transport: authenticates the key,
 * finds the route, checks the key's role, honours Idempotency-Key on POST and PUT, runs the
 * route's handler (which calls the same services as the window and orbctl) and turns every
 * refusal into Orb's error object with the matching status. The server hands it requests;
 * tests call it directly.
 */
class ApiHandler final
{
public:
    /// Bodies larger than this are refused with 413 (Orb's limit for a request is about 1 MB;
    /// 500 events with properties fit in well under it).
    static constexpr qint64 kDefaultMaxBody = 2 * 1024 * 1024;

    ApiHandler(CompanyFile &company, const Clock &clock, qint64 maxBodyBytes = kDefaultMaxBody);

    ApiResponse handle(const ApiRequest &request);
    qint64 maxBodyBytes() const { return m_maxBody; }

    /// `POST /v1/ingest`: the requests the server groups.
    static bool isIngest(const ApiRequest &request);
    /**
     * Ingestion requests that arrived together, answered as handle() would answer each in
     * turn, but committed in one transaction (per backfill): many clients sending an event
     * each share one commit instead of waiting for one each. Each answer is sent only after
     * that commit, so an accepted event is never lost.
     */
    QList<ApiResponse> handleIngestBatch(const QList<ApiRequest> &requests);

    /**
     * Records when the keys noted since the last call were used (ApiKeyService::recordUse):
     * a key is noted at most once a minute (by the handler's clock), and the server calls
     * this after the answers are written, so no request waits for it or shares its
     * transaction. A failure (the file busy, a lost server) is logged and the keys are noted
     * again by their next request.
     */
    void recordKeyUse();
    bool hasKeyUseToRecord() const { return !m_keyUse.isEmpty(); }
    static constexpr qint64 kKeyUseEverySecs = 60;

private:
    /// Authenticated, routed, allowed: or already answered (an Idempotency-Key replay).
    struct Prepared {
        bool answered = false;
        ApiResponse response;
        const Route *route = nullptr;
        QStringList params;
        ApiKey key;
        QString idempotencyKey;
        QByteArray hash;
    };
    Prepared prepare(const ApiRequest &request);
    ApiResponse handleOne(const ApiRequest &request);
    /// A server error answer while the company server's connection is lost: a 503 that says so.
    ApiResponse serverAway(const ApiResponse &response) const;
    /// The active key of a presented secret, from the cache while its last check is younger
    /// than kKeyRecheckMs, else from the company file.
    std::optional<ApiKey> authenticate(const QString &secret);
    void finish(const ApiRequest &request, const Prepared &prepared);
    CompanyFile &m_company;
    const Clock &m_clock;
    qint64 m_maxBody;
    QList<Route> m_routes;
    ApiIngestWriter m_ingestWriter;
    /**
     * Keys found valid, by their secret's hash, with when that was checked (monotonic ms). A
     * key is looked up in the company file again once its check is older than this, so a key
     * revoked by anyone (orbctl, the window, another server) stops working within a second,
     * while a client sending many requests pays for one look-up a second instead of one each.
     */
    static constexpr qint64 kKeyRecheckMs = 1000;
    struct CachedKey {
        ApiKey key;
        qint64 checkedAtMs = 0;
    };
    QHash<QByteArray, CachedKey> m_keys;
    void noteKeyUse(const ApiKey &key);
    QHash<QString, QDateTime> m_keyUse;      ///< key id → when, to be recorded
    QHash<QString, QDateTime> m_keyUseNoted; ///< key id → when last noted
    QElapsedTimer m_monotonic;
};

} // namespace orb::api
