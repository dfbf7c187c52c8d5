// SPDX-License-Identifier: GPL-3.0-or-later
#include "StripeStandin.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QMutexLocker>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <algorithm>

namespace orb::standin {

namespace {

constexpr qint64 IdempotencyLifetimeSeconds = 24 * 3600;
constexpr qint64 EventRetentionSeconds = 30 * 24 * 3600;

QString fingerprint(const StandinRequest &r)
{
    FormPairs sorted = r.body;
    std::sort(sorted.begin(), sorted.end());
    QString f = r.method + QLatin1Char(' ') + r.path;
    for (const auto &[k, v] : sorted)
        f += QLatin1Char('&') + k + QLatin1Char('=') + v;
    return f;
}

bool authorized(const StandinRequest &r, const QString &expected)
{
    const QString auth = r.headers.value(QStringLiteral("authorization"));
    QString key;
    if (auth.startsWith(QLatin1String("Bearer ")))
        key = auth.mid(7).trimmed();
    else if (auth.startsWith(QLatin1String("Basic "))) {
        const QString decoded = QString::fromUtf8(QByteArray::fromBase64(auth.mid(6).trimmed().toLatin1()));
        key = decoded.section(QLatin1Char(':'), 0, 0);
    }
    if (key.isEmpty())
        return false;
    if (!expected.isEmpty())
        return key == expected;
    static const QRegularExpression testKey(QStringLiteral("^(sk|rk)_test_[A-Za-z0-9_]{8,}$"));
    return testKey.match(key).hasMatch();
}

} // namespace

std::optional<Fault::Kind> Fault::kindFromName(const QString &name)
{
    if (name == QLatin1String("500"))
        return Kind::Status500;
    if (name == QLatin1String("503"))
        return Kind::Status503;
    if (name == QLatin1String("429"))
        return Kind::Status429;
    if (name == QLatin1String("drop_after_commit"))
        return Kind::DropAfterCommit;
    if (name == QLatin1String("latency"))
        return Kind::Latency;
    if (name == QLatin1String("card_declined"))
        return Kind::CardDecline;
    return std::nullopt;
}

QJsonObject formToJson(const FormPairs &pairs)
{
    // Nested keys become nested objects; "[]" and numeric parts become arrays (kept in order).
    QVariantMap root;
    std::function<void(QVariant &, const QStringList &, const QString &)> insert = [&](QVariant &node, const QStringList &parts, const QString &value) {
        if (parts.isEmpty()) {
            node = value;
            return;
        }
        const QString &head = parts.first();
        static const QRegularExpression index(QStringLiteral("^[0-9]*$"));
        if (index.match(head).hasMatch() && (node.typeId() == QMetaType::QVariantList || !node.isValid())) {
            QVariantList list = node.toList();
            int at = head.isEmpty() ? int(list.size()) : head.toInt();
            while (list.size() <= at)
                list.append(QVariant());
            insert(list[at], parts.mid(1), value);
            node = list;
            return;
        }
        QVariantMap map = node.toMap();
        QVariant child = map.value(head);
        insert(child, parts.mid(1), value);
        map.insert(head, child);
        node = map;
    };
    for (const auto &[key, value] : pairs) {
        const QStringList parts = splitFormKey(key);
        if (parts.isEmpty())
            continue;
        QVariant child = root.value(parts.first());
        insert(child, parts.mid(1), value);
        root.insert(parts.first(), child);
    }
    return QJsonObject::fromVariantMap(root);
}

StandinResponse errorResponse(int status, const QString &type, const QString &code, const QString &message, const QString &param)
{
    QJsonObject error{{QStringLiteral("type"), type}, {QStringLiteral("message"), message}};
    if (!code.isEmpty())
        error.insert(QStringLiteral("code"), code);
    if (!param.isEmpty())
        error.insert(QStringLiteral("param"), param);
    StandinResponse r;
    r.status = status;
    r.body = QJsonDocument(QJsonObject{{QStringLiteral("error"), error}}).toJson(QJsonDocument::Compact);
    return r;
}

StandinResponse jsonResponse(const QJsonObject &object, int status)
{
    StandinResponse r;
    r.status = status;
    r.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return r;
}

StripeStandin::StripeStandin(const QString &specPath) : m_spec(specPath), m_accountId(newAccountId()) {}

QString StripeStandin::newAccountId()
{
    // A new account per reset: a test can switch a company file to "another" account.
    return QStringLiteral("acct_") + QString::number(QDateTime::currentMSecsSinceEpoch(), 36).toUpper()
           + QString::number(QRandomGenerator::global()->bounded(1u << 30), 36).toUpper();
}

QString StripeStandin::accountId() const
{
    QMutexLocker lock(&m_mutex);
    return m_accountId;
}

void StripeStandin::setApiKey(const QString &key)
{
    QMutexLocker lock(&m_mutex);
    m_apiKey = key;
}

void StripeStandin::setRateLimit(int perSecond)
{
    QMutexLocker lock(&m_mutex);
    m_rateLimit = perSecond;
}

void StripeStandin::setClockOffset(qint64 seconds)
{
    QMutexLocker lock(&m_mutex);
    m_clockOffset = seconds;
}

void StripeStandin::addFault(const Fault &fault)
{
    QMutexLocker lock(&m_mutex);
    m_faults.append(fault);
}

void StripeStandin::clearFaults()
{
    QMutexLocker lock(&m_mutex);
    m_faults.clear();
}

void StripeStandin::reset()
{
    QMutexLocker lock(&m_mutex);
    m_faults.clear();
    m_stores.clear();
    m_idempotent.clear();
    m_inFlight.clear();
    m_recentRequests.clear();
    m_requestLog.clear();
    m_lastEventCreated = 0;
    m_invoiceNumber = 0;
    m_meterIdentifiers.clear();
    m_accountId = newAccountId();
}

void StripeStandin::releaseInFlight(const QString &idempotencyKey)
{
    QMutexLocker lock(&m_mutex);
    if (--m_inFlight[idempotencyKey] <= 0)
        m_inFlight.remove(idempotencyKey);
}

qint64 StripeStandin::now() const
{
    return QDateTime::currentSecsSinceEpoch() + m_clockOffset;
}

QString StripeStandin::newId(const QString &prefix)
{
    // Ids sort by creation and look like Stripe's (prefix, then 24 characters).
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    QString tail = QStringLiteral("%1").arg(++m_idCounter, 10, 10, QLatin1Char('0'));
    for (int i = 0; i < 14; ++i)
        tail += QLatin1Char(alphabet[QRandomGenerator::global()->bounded(62)]);
    return prefix + QLatin1Char('_') + tail;
}

void StripeStandin::put(const QString &type, const QJsonObject &object)
{
    Store &s = m_stores[type];
    const QString id = object.value(QLatin1String("id")).toString();
    if (!s.byId.contains(id))
        s.order.append(id);
    s.byId.insert(id, object);
}

void StripeStandin::emitEvent(const QString &type, const QJsonObject &object, const QJsonObject &previous)
{
    // Non-decreasing `created`; ids are increasing, so the cursor orders ties.
    m_lastEventCreated = std::max(m_lastEventCreated, now());
    QJsonObject data{{QStringLiteral("object"), object}};
    if (!previous.isEmpty())
        data.insert(QStringLiteral("previous_attributes"), previous);
    put(QStringLiteral("event"), QJsonObject{{QStringLiteral("id"), newId(QStringLiteral("evt"))},
                                             {QStringLiteral("object"), QStringLiteral("event")},
                                             {QStringLiteral("api_version"), m_spec.version()},
                                             {QStringLiteral("created"), m_lastEventCreated},
                                             {QStringLiteral("data"), data},
                                             {QStringLiteral("livemode"), false},
                                             {QStringLiteral("pending_webhooks"), 0},
                                             {QStringLiteral("type"), type}});
}

int StripeStandin::count(const QString &objectType) const
{
    QMutexLocker lock(&m_mutex);
    return int(m_stores.value(objectType).order.size());
}

QList<QJsonObject> StripeStandin::objects(const QString &objectType) const
{
    QMutexLocker lock(&m_mutex);
    QList<QJsonObject> list;
    const Store s = m_stores.value(objectType);
    for (const QString &id : s.order)
        list.append(s.byId.value(id));
    return list;
}

int StripeStandin::requestCount(const QString &pathPrefix) const
{
    QMutexLocker lock(&m_mutex);
    return int(
        std::count_if(m_requestLog.begin(), m_requestLog.end(), [&](const QString &r) { return r.section(QLatin1Char(' '), 1).startsWith(pathPrefix); }));
}

QJsonObject StripeStandin::stateJson() const
{
    QJsonObject counts;
    for (auto it = m_stores.begin(); it != m_stores.end(); ++it)
        counts.insert(it.key(), int(it.value().order.size()));
    return QJsonObject{{QStringLiteral("object"), QStringLiteral("standin_state")},
                       {QStringLiteral("counts"), counts},
                       {QStringLiteral("requests"), int(m_requestLog.size())},
                       {QStringLiteral("faults_pending"), int(m_faults.size())},
                       {QStringLiteral("clock_offset"), m_clockOffset}};
}

std::optional<Fault> StripeStandin::takeFault(const StandinRequest &request)
{
    for (int i = 0; i < m_faults.size(); ++i) {
        Fault &f = m_faults[i];
        if (!f.method.isEmpty() && f.method != request.method)
            continue;
        if (!f.pathPrefix.isEmpty() && !request.path.startsWith(f.pathPrefix))
            continue;
        // A card can only be declined where a card is charged.
        if (f.kind == Fault::Kind::CardDecline && !request.path.endsWith(QLatin1String("/pay"))
            && !request.path.startsWith(QLatin1String("/v1/payment_intents")))
            continue;
        const Fault taken = f;
        if (--f.count <= 0)
            m_faults.removeAt(i);
        return taken;
    }
    return std::nullopt;
}

StandinResponse StripeStandin::sideChannel(const StandinRequest &request)
{
    const QJsonObject body = QJsonDocument::fromJson(request.rawBody).object();
    if (request.path == QLatin1String("/__standin/state") && request.method == QLatin1String("GET"))
        return jsonResponse(stateJson());
    if (request.path == QLatin1String("/__standin/reset") && request.method == QLatin1String("POST")) {
        m_faults.clear();
        m_stores.clear();
        m_idempotent.clear();
        m_lastEventCreated = 0;
        m_meterIdentifiers.clear();
        m_accountId = newAccountId();
        return jsonResponse(stateJson());
    }
    if (request.path == QLatin1String("/__standin/faults") && request.method == QLatin1String("DELETE")) {
        m_faults.clear();
        return jsonResponse(stateJson());
    }
    if (request.path == QLatin1String("/__standin/faults") && request.method == QLatin1String("POST")) {
        const auto kind = Fault::kindFromName(body.value(QLatin1String("kind")).toString());
        if (!kind)
            return errorResponse(400, QStringLiteral("invalid_request_error"), QStringLiteral("parameter_invalid_string"),
                                 QStringLiteral("kind must be one of 500, 503, 429, drop_after_commit, latency, card_declined"), QStringLiteral("kind"));
        Fault f;
        f.kind = *kind;
        f.count = body.value(QLatin1String("count")).toInt(1);
        f.pathPrefix = body.value(QLatin1String("path")).toString();
        f.method = body.value(QLatin1String("method")).toString().toUpper();
        f.latencyMs = body.value(QLatin1String("latency_ms")).toInt(0);
        m_faults.append(f);
        return jsonResponse(stateJson());
    }
    if (request.path == QLatin1String("/__standin/clock") && request.method == QLatin1String("POST")) {
        m_clockOffset = body.value(QLatin1String("offset_seconds")).toInteger();
        return jsonResponse(stateJson());
    }
    if (request.path == QLatin1String("/__standin/rate_limit") && request.method == QLatin1String("POST")) {
        m_rateLimit = body.value(QLatin1String("per_second")).toInt();
        return jsonResponse(stateJson());
    }
    static const QRegularExpression dispute(QStringLiteral("^/__standin/charges/([^/]+)/dispute$"));
    if (const auto m = dispute.match(request.path); m.hasMatch() && request.method == QLatin1String("POST"))
        return openDisputeLocked(m.captured(1), body.value(QLatin1String("amount")).toInteger());
    static const QRegularExpression decide(QStringLiteral("^/__standin/disputes/([^/]+)/close$"));
    if (const auto m = decide.match(request.path); m.hasMatch() && request.method == QLatin1String("POST"))
        return decideDisputeLocked(m.captured(1), body.value(QLatin1String("status")).toString());
    static const QRegularExpression partial(QStringLiteral("^/__standin/invoices/([^/]+)/partial_payment$"));
    if (const auto m = partial.match(request.path); m.hasMatch() && request.method == QLatin1String("POST"))
        return partialPayment(m.captured(1), body.value(QLatin1String("amount")).toInteger());
    return errorResponse(404, QStringLiteral("invalid_request_error"), {},
                         QStringLiteral("Unrecognized stand-in control: %1 %2").arg(request.method, request.path));
}

StandinResponse StripeStandin::payPart(const QString &invoiceId, qint64 amount)
{
    QMutexLocker lock(&m_mutex);
    return partialPayment(invoiceId, amount);
}

StandinResponse StripeStandin::handle(const StandinRequest &request)
{
    QMutexLocker lock(&m_mutex);
    m_requestLog.append(request.method + QLatin1Char(' ') + request.path);
    if (request.path.startsWith(QLatin1String("/__standin/")))
        return sideChannel(request);

    if (!authorized(request, m_apiKey))
        return errorResponse(401, QStringLiteral("invalid_request_error"), {},
                             QStringLiteral("Invalid API Key provided. You did not provide a valid API key (use Authorization: Bearer sk_test_...)."));

    if (m_rateLimit > 0) {
        const qint64 ms = QDateTime::currentMSecsSinceEpoch();
        while (!m_recentRequests.isEmpty() && m_recentRequests.first() <= ms - 1000)
            m_recentRequests.removeFirst();
        if (m_recentRequests.size() >= m_rateLimit)
            return errorResponse(429, QStringLiteral("invalid_request_error"), QStringLiteral("rate_limit"),
                                 QStringLiteral("Too many requests hit the API too quickly."));
        m_recentRequests.append(ms);
    }

    const auto match = m_spec.match(request.method, request.path);
    if (!match)
        return errorResponse(404, QStringLiteral("invalid_request_error"), {},
                             QStringLiteral("Unrecognized request URL (%1: %2).").arg(request.method, request.path));
    const FormPairs &params = request.method == QLatin1String("POST") ? request.body : request.query;
    if (request.method != QLatin1String("POST") && !request.body.isEmpty())
        return errorResponse(400, QStringLiteral("invalid_request_error"), QStringLiteral("parameter_unknown"),
                             QStringLiteral("A %1 request takes its parameters in the query string, not the body.").arg(request.method));
    if (auto error = m_spec.validate(*match, params))
        return errorResponse(error->status, error->type, error->code, error->message, error->param);

    const QString key = request.method == QLatin1String("POST") ? request.headers.value(QStringLiteral("idempotency-key")) : QString();
    const QString print = fingerprint(request);
    if (!key.isEmpty()) {
        if (m_inFlight.value(key) > 0)
            return errorResponse(409, QStringLiteral("idempotency_error"), QStringLiteral("idempotency_key_in_use"),
                                 QStringLiteral("There is currently another in-progress request using this Idempotent Key. Try again later."));
        const auto stored = m_idempotent.constFind(key);
        if (stored != m_idempotent.constEnd() && stored->storedAt + IdempotencyLifetimeSeconds > now()) {
            if (stored->fingerprint != print)
                return errorResponse(400, QStringLiteral("idempotency_error"), {},
                                     QStringLiteral("Keys for idempotent requests can only be used with the same parameters they were first used with. "
                                                    "Try using a key other than '%1' if you meant to execute a different request.")
                                         .arg(key));
            StandinResponse replay;
            replay.status = stored->status;
            replay.body = stored->body;
            replay.headers.append({QByteArrayLiteral("Idempotent-Replayed"), QByteArrayLiteral("true")});
            return replay;
        }
    }

    const auto fault = takeFault(request);
    if (fault) {
        StandinResponse r;
        switch (fault->kind) {
        case Fault::Kind::Status500: return errorResponse(500, QStringLiteral("api_error"), {}, QStringLiteral("An unknown error occurred (injected)."));
        case Fault::Kind::Status503:
            r = errorResponse(503, QStringLiteral("api_error"), {}, QStringLiteral("The service is temporarily unavailable (injected)."));
            r.headers.append({QByteArrayLiteral("Stripe-Should-Retry"), QByteArrayLiteral("true")});
            return r;
        case Fault::Kind::Status429:
            return errorResponse(429, QStringLiteral("invalid_request_error"), QStringLiteral("rate_limit"),
                                 QStringLiteral("Too many requests hit the API too quickly (injected)."));
        default: break;
        }
    }
    const bool decline = fault && fault->kind == Fault::Kind::CardDecline;
    StandinResponse response = dispatch(request, *match, formToJson(params), decline);
    if (!key.isEmpty() && response.status != 401 && response.status != 429)
        m_idempotent.insert(key, IdempotentResult{print, response.status, response.body, now()});
    if (fault && fault->kind == Fault::Kind::DropAfterCommit)
        response.drop = true;
    if (fault && fault->kind == Fault::Kind::Latency) {
        response.delayMs = fault->latencyMs;
        if (!key.isEmpty())
            ++m_inFlight[key]; // released by the server once the delayed answer is sent
    }
    return response;
}

StandinResponse StripeStandin::dispatch(const StandinRequest &request, const OpenApiSubset::Match &match, const QJsonObject &params, bool decline)
{
    const QString &t = match.pathTemplate;
    if (t == QLatin1String("/v1/account"))
        return accountObject();
    if (t == QLatin1String("/v1/customers/search"))
        return search(QStringLiteral("customer"), t, params);
    if (t == QLatin1String("/v1/invoices/search"))
        return search(QStringLiteral("invoice"), t, params);
    if (t == QLatin1String("/v1/charges/search"))
        return search(QStringLiteral("charge"), t, params);
    if (t.startsWith(QLatin1String("/v1/credit_notes")))
        return creditNotes(request, match, params);
    if (t.startsWith(QLatin1String("/v1/refunds")))
        return refunds(request, match, params);
    if (t.startsWith(QLatin1String("/v1/disputes")))
        return disputes(request, match, params);
    if (t == QLatin1String("/v1/charges"))
        return charges(request, match, params);
    if (t.endsWith(QLatin1String("/event_summaries")))
        return meterEventSummaries(match, params);
    if (t.startsWith(QLatin1String("/v1/customers")))
        return customers(request, match, params);
    if (t.startsWith(QLatin1String("/v1/invoiceitems")))
        return invoiceItems(request, match, params);
    if (t.startsWith(QLatin1String("/v1/invoices")))
        return invoices(request, match, params, decline);
    if (t.startsWith(QLatin1String("/v1/payment_intents")))
        return paymentIntents(request, match, params, decline);
    if (t.startsWith(QLatin1String("/v1/charges/"))) {
        const QJsonObject c = m_stores.value(QStringLiteral("charge")).byId.value(match.pathParams.value(0));
        if (c.isEmpty())
            return errorResponse(404, QStringLiteral("invalid_request_error"), QStringLiteral("resource_missing"),
                                 QStringLiteral("No such charge: '%1'").arg(match.pathParams.value(0)), QStringLiteral("charge"));
        return jsonResponse(c);
    }
    if (t == QLatin1String("/v1/billing/meter_events"))
        return meterEvents(params);
    if (t.startsWith(QLatin1String("/v1/billing/meters")))
        return meters(request, match, params);
    if (t.startsWith(QLatin1String("/v1/events")))
        return eventsList(request, match, params);
    return errorResponse(404, QStringLiteral("invalid_request_error"), {},
                         QStringLiteral("Unrecognized request URL (%1: %2).").arg(request.method, request.path));
}

StandinResponse StripeStandin::list(const QString &type, const QString &url, const QJsonObject &p, const std::function<bool(const QJsonObject &)> &filter)
{
    bool ok = true;
    const int limit = p.contains(QLatin1String("limit")) ? p.value(QLatin1String("limit")).toString().toInt(&ok) : 10;
    if (!ok || limit < 1 || limit > 100)
        return errorResponse(400, QStringLiteral("invalid_request_error"), QStringLiteral("parameter_invalid_integer"),
                             QStringLiteral("Invalid limit: must be between 1 and 100"), QStringLiteral("limit"));
    const Store &s = m_stores[type];
    QList<QJsonObject> items; // newest first
    for (auto it = s.order.crbegin(); it != s.order.crend(); ++it) {
        const QJsonObject o = s.byId.value(*it);
        if (!filter || filter(o))
            items.append(o);
    }
    const QString after = p.value(QLatin1String("starting_after")).toString();
    const QString before = p.value(QLatin1String("ending_before")).toString();
    qsizetype from = 0;
    qsizetype to = items.size();
    auto indexOf = [&](const QString &id) {
        for (qsizetype i = 0; i < items.size(); ++i)
            if (items.at(i).value(QLatin1String("id")).toString() == id)
                return i;
        return qsizetype(-1);
    };
    bool hasMore = false;
    if (!after.isEmpty()) {
        const qsizetype i = indexOf(after);
        if (i < 0)
            return errorResponse(400, QStringLiteral("invalid_request_error"), QStringLiteral("resource_missing"),
                                 QStringLiteral("No such object: '%1'").arg(after), QStringLiteral("starting_after"));
        from = i + 1;
        to = std::min(items.size(), from + limit);
        hasMore = to < items.size();
    } else if (!before.isEmpty()) {
        const qsizetype i = indexOf(before);
        if (i < 0)
            return errorResponse(400, QStringLiteral("invalid_request_error"), QStringLiteral("resource_missing"),
                                 QStringLiteral("No such object: '%1'").arg(before), QStringLiteral("ending_before"));
        to = i;
        from = std::max<qsizetype>(0, i - limit);
        hasMore = from > 0;
    } else {
        to = std::min(items.size(), qsizetype(limit));
        hasMore = to < items.size();
    }
    QJsonArray data;
    for (qsizetype i = from; i < to; ++i)
        data.append(items.at(i));
    return jsonResponse(QJsonObject{{QStringLiteral("object"), QStringLiteral("list")},
                                    {QStringLiteral("data"), data},
                                    {QStringLiteral("has_more"), hasMore},
                                    {QStringLiteral("url"), url}});
}

StandinResponse StripeStandin::eventsList(const StandinRequest &, const OpenApiSubset::Match &m, const QJsonObject &p)
{
    if (!m.pathParams.isEmpty()) {
        const QJsonObject e = m_stores.value(QStringLiteral("event")).byId.value(m.pathParams.first());
        if (e.isEmpty() || e.value(QLatin1String("created")).toInteger() < now() - EventRetentionSeconds)
            return errorResponse(404, QStringLiteral("invalid_request_error"), QStringLiteral("resource_missing"),
                                 QStringLiteral("No such event: '%1'").arg(m.pathParams.first()), QStringLiteral("id"));
        return jsonResponse(e);
    }
    QStringList types;
    if (p.contains(QLatin1String("type")))
        types.append(p.value(QLatin1String("type")).toString());
    for (const QJsonValue &t : p.value(QLatin1String("types")).toArray())
        types.append(t.toString());
    if (p.value(QLatin1String("types")).toArray().size() > 20)
        return errorResponse(400, QStringLiteral("invalid_request_error"), QStringLiteral("parameter_invalid_array"),
                             QStringLiteral("types: at most 20 event types"), QStringLiteral("types"));
    const QJsonValue created = p.value(QLatin1String("created"));
    const qint64 oldest = now() - EventRetentionSeconds;
    return list(QStringLiteral("event"), QStringLiteral("/v1/events"), p, [&](const QJsonObject &e) {
        const qint64 c = e.value(QLatin1String("created")).toInteger();
        if (c < oldest)
            return false;
        if (created.isString() && c != created.toString().toLongLong())
            return false;
        if (created.isObject()) {
            const QJsonObject r = created.toObject();
            if (r.contains(QLatin1String("gt")) && !(c > r.value(QLatin1String("gt")).toString().toLongLong()))
                return false;
            if (r.contains(QLatin1String("gte")) && !(c >= r.value(QLatin1String("gte")).toString().toLongLong()))
                return false;
            if (r.contains(QLatin1String("lt")) && !(c < r.value(QLatin1String("lt")).toString().toLongLong()))
                return false;
            if (r.contains(QLatin1String("lte")) && !(c <= r.value(QLatin1String("lte")).toString().toLongLong()))
                return false;
        }
        if (types.isEmpty())
            return true;
        const QString type = e.value(QLatin1String("type")).toString();
        for (const QString &t : types) {
            if (t.endsWith(QLatin1Char('*')) ? type.startsWith(t.chopped(1)) : type == t)
                return true;
        }
        return false;
    });
}

} // namespace orb::standin
