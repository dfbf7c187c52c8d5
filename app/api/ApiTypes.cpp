// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/api/ApiTypes.h"

#include "engine/Customer.h"
#include "models/Timestamps.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace orb::api {

ApiResponse ApiResponse::json(const QJsonObject &object, int status)
{
    return ApiResponse{status, QJsonDocument(object).toJson(QJsonDocument::Compact), {}};
}

ApiError::ApiError(int status, const QString &slug, const QString &title, const QString &detail, const QJsonArray &validationErrors)
    : std::runtime_error(detail.toStdString()), m_status(status), m_slug(slug), m_title(title), m_detail(detail), m_validationErrors(validationErrors)
{
}

ApiError ApiError::badRequest(const QString &detail)
{
    return ApiError(400, QStringLiteral("400-constraint-violation"), QStringLiteral("Constraint violation"), detail);
}

ApiError ApiError::validation(const QString &detail, const QJsonArray &errors)
{
    return ApiError(400, QStringLiteral("400-request-validation-errors"), QStringLiteral("Request validation error"), detail, errors);
}

ApiError ApiError::notFound(const QString &detail)
{
    return ApiError(404, QStringLiteral("404-resource-not-found"), QStringLiteral("Resource not found"), detail);
}

ApiError ApiError::conflict(const QString &detail)
{
    return ApiError(409, QStringLiteral("409-resource-conflict"), QStringLiteral("Resource conflict"), detail);
}

ApiResponse ApiError::response() const
{
    QJsonObject o{{QStringLiteral("type"), QString(QStringLiteral("https://docs.withorb.com/reference/error-responses#") + m_slug)},
                  {QStringLiteral("status"), m_status},
                  {QStringLiteral("title"), m_title},
                  {QStringLiteral("detail"), m_detail}};
    if (m_slug == QLatin1String("400-request-validation-errors"))
        o.insert(QStringLiteral("validation_errors"), m_validationErrors);
    return ApiResponse::json(o, m_status);
}

std::optional<DayBound> dayBound(const ApiContext &ctx, const QString &name, const QTimeZone &zone, bool instantAllowed)
{
    const QString t = ctx.query(name);
    if (t.isEmpty())
        return std::nullopt;
    if (const QDate d = QDate::fromString(t, Qt::ISODate); d.isValid() && t.size() == 10)
        return DayBound{d, true};
    const QDateTime instant = instantAllowed ? parseTimestampWithZone(t) : QDateTime();
    if (!instant.isValid())
        throw ApiError::validation(instantAllowed ? QStringLiteral("%1: \"%2\" is not a date (YYYY-MM-DD) or an ISO 8601 timestamp with a zone").arg(name, t)
                                                  : QStringLiteral("%1: \"%2\" is not a date (YYYY-MM-DD)").arg(name, t),
                                   {QJsonObject{{QStringLiteral("field"), name}, {QStringLiteral("message"), QStringLiteral("date required")}}});
    const QDateTime local = instant.toTimeZone(zone);
    return DayBound{local.date(), local.time() == QTime(0, 0)};
}

QJsonObject customerObject(const Customer &customer)
{
    QJsonObject o = customer.toJson();
    // Orb's type has a string: a customer made in the window without an e-mail address has "".
    if (o.value(QStringLiteral("email")).isNull())
        o.insert(QStringLiteral("email"), QString());
    o.insert(QStringLiteral("portal_url"), QJsonValue::Null);
    o.insert(QStringLiteral("hierarchy"), QJsonObject{{QStringLiteral("children"), QJsonArray()}, {QStringLiteral("parent"), QJsonValue::Null}});
    o.insert(QStringLiteral("exempt_from_automated_tax"), QJsonValue::Null);
    o.insert(QStringLiteral("auto_issuance"), QJsonValue::Null);
    return o;
}

QJsonObject ApiContext::bodyObject() const
{
    if (request.body.trimmed().isEmpty())
        return {};
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError)
        throw ApiError::badRequest(QStringLiteral("the body is not valid JSON: %1 at byte offset %2").arg(error.errorString()).arg(error.offset));
    if (!doc.isObject())
        throw ApiError::badRequest(QStringLiteral("the body must be a JSON object"));
    return doc.object();
}

// Keys compared decoded: clients send `status[]` as `status%5B%5D`, which QUrlQuery keeps encoded.
QString ApiContext::query(const QString &name) const
{
    const QStringList values = queryValues(name);
    return values.isEmpty() ? QString() : values.first();
}

QStringList ApiContext::queryValues(const QString &name) const
{
    QStringList out;
    for (const auto &item : request.query.queryItems(QUrl::FullyDecoded))
        if (item.first == name)
            out.append(item.second);
    return out;
}

QStringList ApiContext::queryList(const QString &name) const
{
    return queryValues(name + QStringLiteral("[]")) + queryValues(name);
}

int ApiContext::limit() const
{
    const QString text = query(QStringLiteral("limit"));
    if (text.isEmpty())
        return 20;
    bool ok = false;
    const int n = text.toInt(&ok);
    if (!ok || n < 1 || n > 100)
        throw ApiError::validation(
            QStringLiteral("limit: \"%1\" must be a whole number from 1 to 100").arg(text),
            {QJsonObject{{QStringLiteral("field"), QStringLiteral("limit")}, {QStringLiteral("message"), QStringLiteral("from 1 to 100")}}});
    return n;
}

int ApiContext::offset() const
{
    const QString text = query(QStringLiteral("cursor"));
    if (text.isEmpty())
        return 0;
    bool ok = false;
    const QByteArray decoded = QByteArray::fromBase64(text.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    const int n = decoded.toInt(&ok);
    if (!ok || n < 0)
        throw ApiError::validation(
            QStringLiteral("cursor: \"%1\" is not a next_cursor from a previous page").arg(text),
            {QJsonObject{{QStringLiteral("field"), QStringLiteral("cursor")}, {QStringLiteral("message"), QStringLiteral("unknown cursor")}}});
    return n;
}

QString cursorFor(int offset)
{
    return QString::fromLatin1(QByteArray::number(offset).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QJsonObject pageOf(const QJsonArray &data, int offset, qsizetype total)
{
    const bool hasMore = offset + data.size() < total;
    return QJsonObject{
        {QStringLiteral("data"), data},
        {QStringLiteral("pagination_metadata"),
         QJsonObject{{QStringLiteral("has_more"), hasMore},
                     {QStringLiteral("next_cursor"), hasMore ? QJsonValue(cursorFor(offset + int(data.size()))) : QJsonValue(QJsonValue::Null)}}}};
}

QJsonObject page(const ApiContext &ctx, const QJsonArray &all)
{
    const int limit = ctx.limit();
    const int offset = ctx.offset();
    QJsonArray data;
    for (qsizetype i = offset; i < all.size() && data.size() < limit; ++i)
        data.append(all.at(i));
    return pageOf(data, offset, all.size());
}

} // namespace orb::api
