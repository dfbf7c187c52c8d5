// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/api/ApiHandler.h"

#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/storage/Roles.h"
#include "models/StorageError.h"
#include "models/api/ApiIdempotencyStore.h"
#include "models/api/ApiIngestWriter.h"
#include "app/api/ApiIngest.h"

#include <QCryptographicHash>
#include <QJsonDocument>

namespace orb::api {

namespace {

/// The route's {placeholders} filled from the path, or nothing when it does not match.
std::optional<QStringList> match(const QString &pattern, const QString &path)
{
    const QStringList want = pattern.split(QLatin1Char('/'));
    QStringList have = path.split(QLatin1Char('/'));
    if (have.size() > 1 && have.last().isEmpty())
        have.removeLast(); // a trailing slash
    if (want.size() != have.size())
        return std::nullopt;
    QStringList params;
    for (qsizetype i = 0; i < want.size(); ++i) {
        if (want[i].startsWith(QLatin1Char('{'))) {
            if (have[i].isEmpty())
                return std::nullopt;
            params.append(have[i]);
        } else if (want[i] != have[i]) {
            return std::nullopt;
        }
    }
    return params;
}

ApiResponse fromServiceError(const ServiceError &e)
{
    switch (e.kind()) {
    case ServiceError::Kind::InvalidInput: {
        QJsonArray errors;
        for (const auto &fe : e.errors())
            errors.append(QJsonObject{{QStringLiteral("field"), fe.path}, {QStringLiteral("message"), fe.message}});
        if (errors.isEmpty())
            return ApiError(400, QStringLiteral("400-constraint-violation"), QStringLiteral("Constraint violation"), e.message()).response();
        return ApiError::validation(e.details(), errors).response();
    }
    case ServiceError::Kind::NotFound: return ApiError::notFound(e.message()).response();
    case ServiceError::Kind::Conflict:
        if (Roles::isRefusal(e))
            return ApiError(403, QStringLiteral("403-forbidden"), QStringLiteral("Forbidden"), e.message()).response();
        return ApiError::conflict(e.message()).response();
    case ServiceError::Kind::Storage: break;
    }
    return ApiError(500, QStringLiteral("500-internal-server-error"), QStringLiteral("Internal server error"), e.message()).response();
}

QByteArray requestHash(const ApiRequest &r)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(r.method);
    h.addData("\n");
    h.addData(r.path.toUtf8());
    h.addData("\n");
    h.addData(r.query.toString(QUrl::FullyEncoded).toUtf8());
    h.addData("\n");
    h.addData(r.body);
    return h.result();
}

} // namespace

ApiHandler::ApiHandler(CompanyFile &company, const Clock &clock, qint64 maxBodyBytes)
    : m_company(company), m_clock(clock), m_maxBody(maxBodyBytes), m_ingestWriter(company, clock)
{
    m_routes << customerRoutes() << usageRoutes() << billingRoutes();
    m_monotonic.start();
}

void ApiHandler::noteKeyUse(const ApiKey &key)
{
    const QDateTime now = m_clock.now();
    const auto it = m_keyUseNoted.constFind(key.id);
    if (it != m_keyUseNoted.constEnd() && it->secsTo(now) < kKeyUseEverySecs && it->secsTo(now) >= 0)
        return;
    m_keyUseNoted.insert(key.id, now);
    m_keyUse.insert(key.id, now);
}

void ApiHandler::recordKeyUse()
{
    if (m_keyUse.isEmpty())
        return;
    const QHash<QString, QDateTime> uses = std::exchange(m_keyUse, {});
    try {
        // Not an event: the ingestion store keeps its filter of stored keys.
        m_ingestWriter.writeUnrelated([&] { ApiKeyService(m_company, m_clock).recordUse(uses); });
    } catch (const std::exception &e) {
        qWarning("the API keys' last use was not recorded: %s", e.what());
        for (auto it = uses.constBegin(); it != uses.constEnd(); ++it)
            m_keyUseNoted.remove(it.key());
    }
}

std::optional<ApiKey> ApiHandler::authenticate(const QString &secret)
{
    const QByteArray hash = ApiKeyService::hashSecret(secret);
    const qint64 now = m_monotonic.elapsed();
    if (const auto it = m_keys.constFind(hash); it != m_keys.constEnd() && now - it->checkedAtMs < kKeyRecheckMs)
        return it->key;
    auto key = ApiKeyService(m_company, m_clock).authenticate(secret);
    if (!key) {
        m_keys.remove(hash);
        return std::nullopt;
    }
    if (m_keys.size() >= 1024)
        m_keys.clear(); // only keys that exist are kept, so this is a bound, never reached in practice
    m_keys.insert(hash, CachedKey{*key, now});
    return key;
}

namespace {

/// Orb answers every POST with an Idempotency-Key with the key in a header of the same name,
/// acknowledging it (replayed or not).
ApiResponse acknowledged(const ApiRequest &request, ApiResponse response)
{
    const QByteArray key = request.header("idempotency-key");
    if (!key.isEmpty() && (request.method == "POST" || request.method == "PUT"))
        response.headers.append(qMakePair(QByteArray("Idempotency-Key"), key));
    return response;
}

} // namespace

ApiResponse ApiHandler::serverAway(const ApiResponse &response) const
{
    // A server company whose server went away (stopped, restarted, unreachable): what failed
    // was rolled back with the connection, so the client is told to send it again, not that
    // the server broke. 503 with Retry-After (Orb's clients retry 5xx answers by themselves);
    // the error type is Orb's one server-side type. Not kept for an Idempotency-Key replay.
    if (response.status < 500 || !m_company.connectionLost())
        return response;
    ApiResponse away = ApiError(503, QStringLiteral("500-internal-server-error"), QStringLiteral("Company server not reachable"),
                                QStringLiteral("the company server %1 cannot be reached (it was stopped, restarted or the network is down); nothing "
                                               "of this request was stored. Send it again once the server is back (with the same "
                                               "Idempotency-Key, a repeat is never stored twice)")
                                    .arg(m_company.path()))
                           .response();
    away.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("2")));
    return away;
}

ApiResponse ApiHandler::handle(const ApiRequest &request)
{
    // A lost connection is not used at all: nothing is half-tried on it.
    if (m_company.connectionLost())
        return acknowledged(request, serverAway(ApiResponse{500, {}, {}}));
    return acknowledged(request, serverAway(handleOne(request)));
}

ApiResponse ApiHandler::handleOne(const ApiRequest &request)
{
    Prepared p;
    try {
        p = prepare(request);
        if (p.answered)
            return p.response;
        ApiContext ctx{m_company, m_clock, request, p.params, p.key, m_ingestWriter};
        try {
            // The services check the key's role like anyone's: never more than the connection's.
            const ActingRole acting(m_company.db(), Roles::parse(p.key.role).value_or(Role::Viewer));
            p.response = p.route->handler(ctx);
        } catch (const ApiError &e) {
            p.response = e.response();
        } catch (const ServiceError &e) {
            p.response = fromServiceError(e);
        }
        finish(request, p);
        return p.response;
    } catch (const ApiError &e) {
        return e.response();
    } catch (const ServiceError &e) {
        return fromServiceError(e);
    } catch (const std::exception &e) {
        return ApiError(500, QStringLiteral("500-internal-server-error"), QStringLiteral("Internal server error"), QString::fromUtf8(e.what())).response();
    }
}

bool ApiHandler::isIngest(const ApiRequest &request)
{
    return request.method == "POST" && (request.path == QLatin1String("/v1/ingest") || request.path == QLatin1String("/v1/ingest/"));
}

QList<ApiResponse> ApiHandler::handleIngestBatch(const QList<ApiRequest> &requests)
{
    QList<ApiResponse> responses(requests.size());
    if (m_company.connectionLost()) {
        for (qsizetype i = 0; i < requests.size(); ++i)
            responses[i] = acknowledged(requests[i], serverAway(ApiResponse{500, {}, {}}));
        return responses;
    }
    QList<Prepared> prepared(requests.size());
    QList<std::optional<IngestPlan>> plans(requests.size());
    for (qsizetype i = 0; i < requests.size(); ++i) {
        try {
            prepared[i] = prepare(requests[i]);
            if (prepared[i].answered) {
                responses[i] = prepared[i].response;
                continue;
            }
            ApiContext ctx{m_company, m_clock, requests[i], prepared[i].params, prepared[i].key, m_ingestWriter};
            plans[i] = planIngest(ctx);
        } catch (const ApiError &e) {
            responses[i] = e.response();
            if (prepared[i].route) {
                prepared[i].response = responses[i];
                finish(requests[i], prepared[i]);
            }
        } catch (const ServiceError &e) {
            responses[i] = fromServiceError(e);
        }
    }
    // One transaction for the requests into the same backfill (or none): the events of each,
    // in request order, as if the requests had come one after the other.
    QStringList backfills;
    for (const auto &plan : std::as_const(plans))
        if (plan && !backfills.contains(plan->backfillId))
            backfills << plan->backfillId;
    for (const QString &backfill : std::as_const(backfills)) {
        QList<UsageEventRow> rows;
        QList<qsizetype> members;
        for (qsizetype i = 0; i < plans.size(); ++i)
            if (plans[i] && plans[i]->backfillId == backfill) {
                members << i;
                rows += plans[i]->rows;
            }
        QList<IngestResult> results;
        std::optional<ApiResponse> failure;
        try {
            if (!rows.isEmpty()) {
                // Every key may ingest; the key's role still bounds what the services write.
                Role least = Role::Admin;
                for (const qsizetype i : std::as_const(members))
                    least = std::min(least, Roles::parse(prepared[i].key.role).value_or(Role::Viewer));
                const ActingRole acting(m_company.db(), least);
                results = m_ingestWriter.ingest(rows, backfill);
            }
        } catch (const ServiceError &e) {
            failure = fromServiceError(e);
        } catch (const std::exception &e) {
            failure =
                ApiError(500, QStringLiteral("500-internal-server-error"), QStringLiteral("Internal server error"), QString::fromUtf8(e.what())).response();
        }
        qsizetype offset = 0;
        for (const qsizetype i : std::as_const(members)) {
            const qsizetype n = plans[i]->rows.size();
            prepared[i].response = failure ? *failure : answerIngest(*plans[i], results.mid(offset, n));
            offset += n;
            try {
                finish(requests[i], prepared[i]);
            } catch (const ServiceError &) {
                // The answer stands; only its replay for an Idempotency-Key retry is lost.
            }
            responses[i] = prepared[i].response;
        }
    }
    for (qsizetype i = 0; i < responses.size(); ++i)
        responses[i] = acknowledged(requests[i], serverAway(responses[i]));
    return responses;
}

ApiHandler::Prepared ApiHandler::prepare(const ApiRequest &request)
{
    if (request.body.size() > m_maxBody)
        throw ApiError(413, QStringLiteral("413-request-too-large"), QStringLiteral("Request too large"),
                       QStringLiteral("the body has %1 bytes; this server takes at most %2").arg(request.body.size()).arg(m_maxBody));

    // Authentication before routing, as Orb does: an unknown path with a bad key is a 401.
    const QByteArray authorization = request.header("authorization");
    if (authorization.isEmpty())
        throw ApiError(401, QStringLiteral("401-authentication-error"), QStringLiteral("Authentication error"),
                       QStringLiteral("no API key: send the header \"Authorization: Bearer <key>\""));
    if (!authorization.startsWith("Bearer "))
        throw ApiError(401, QStringLiteral("401-authentication-error"), QStringLiteral("Authentication error"),
                       QStringLiteral("the Authorization header must be \"Bearer <key>\""));
    const QString secret = QString::fromUtf8(authorization.mid(7).trimmed());
    const auto key = authenticate(secret);
    if (!key)
        throw ApiError(401, QStringLiteral("401-authentication-error"), QStringLiteral("Authentication error"),
                       QStringLiteral("the API key is unknown or has been revoked"));
    noteKeyUse(*key);

    const Route *route = nullptr;
    QStringList params;
    bool pathKnown = false;
    for (const Route &r : m_routes) {
        const auto p = match(r.pattern, request.path);
        if (!p)
            continue;
        pathKnown = true;
        if (r.method == request.method) {
            route = &r;
            params = *p;
            break;
        }
    }
    if (!route) {
        if (pathKnown)
            throw ApiError(405, QStringLiteral("404-url-not-found"), QStringLiteral("Method not allowed"),
                           QStringLiteral("%1 is not allowed on %2").arg(QString::fromLatin1(request.method), request.path));
        throw ApiError(404, QStringLiteral("404-url-not-found"), QStringLiteral("URL not found"),
                       QStringLiteral("no endpoint %1 %2").arg(QString::fromLatin1(request.method), request.path));
    }
    if (route->access == Access::Billing && key->role == QLatin1String("ingest"))
        throw ApiError(403, QStringLiteral("403-forbidden"), QStringLiteral("Forbidden"),
                       QStringLiteral("API key %1 (%2) has the role ingest: it may only send events (POST /v1/ingest) and ping").arg(key->id, key->name));

    const bool writes = request.method == "POST" || request.method == "PUT";
    // Ingestion is idempotent by each event's own idempotency key (a retry finds duplicates and
    // changes nothing), so its answers are not kept: Orb's SDKs send an Idempotency-Key with
    // every request, and keeping each would add a transaction to each ingestion request.
    const QString idempotencyKey = writes && !isIngest(request) ? QString::fromUtf8(request.header("idempotency-key")) : QString();
    QByteArray hash;
    ApiIdempotencyStore store(m_company);
    if (!idempotencyKey.isEmpty()) {
        if (idempotencyKey.size() > 64) // Orb's limit
            throw ApiError::validation(QStringLiteral("Idempotency-Key: at most 64 characters (a UUID fits), not %1").arg(idempotencyKey.size()),
                                       {QJsonObject{{QStringLiteral("field"), QStringLiteral("Idempotency-Key")},
                                                    {QStringLiteral("message"), QStringLiteral("at most 64 characters")}}});
        hash = requestHash(request);
        if (const auto stored = store.find(key->id, idempotencyKey, m_clock.now())) {
            if (stored->requestHash != hash)
                throw ApiError::conflict(QStringLiteral("Idempotency-Key \"%1\" was used for a different request in the last 48 hours").arg(idempotencyKey));
            Prepared replay;
            replay.answered = true;
            replay.response = ApiResponse{stored->status, stored->body, {}};
            replay.response.headers.append(qMakePair(QByteArray("Idempotent-Replayed"), QByteArray("true")));
            return replay;
        }
    }

    Prepared p;
    p.route = route;
    p.params = params;
    p.key = *key;
    p.idempotencyKey = idempotencyKey;
    p.hash = hash;
    return p;
}

void ApiHandler::finish(const ApiRequest &, const Prepared &p)
{
    // A server error may be gone on a retry; everything else is the request's answer.
    if (!p.idempotencyKey.isEmpty() && p.response.status < 500)
        ApiIdempotencyStore(m_company).store(p.key.id, p.idempotencyKey, StoredApiAnswer{p.hash, p.response.status, p.response.body}, m_clock.now());
}

} // namespace orb::api
