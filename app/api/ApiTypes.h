// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/api/ApiKeyService.h"

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QDate>
#include <QTimeZone>
#include <QUrlQuery>

#include <optional>

#include <stdexcept>

namespace orb {
struct Customer;
class ApiIngestWriter;
class Clock;
class CompanyFile;
} // namespace orb

namespace orb::api {

/// One HTTP request as the API sees it, independent of the server library (tests build it).
struct ApiRequest {
    QByteArray method; ///< GET, POST, PUT, ...
    QString path;      ///< decoded, e.g. /v1/customers/abc
    QUrlQuery query;
    QHash<QByteArray, QByteArray> headers; ///< names in lower case
    QByteArray body;

    QByteArray header(const QByteArray &lowerCaseName) const { return headers.value(lowerCaseName); }
};

struct ApiResponse {
    int status = 200;
    QByteArray body; ///< JSON
    QList<QPair<QByteArray, QByteArray>> headers;

    static ApiResponse json(const QJsonObject &object, int status = 200);
};

/// An answer in Orb's error shape: {type, status, title, detail[, validation_errors]}.
class ApiError : public std::runtime_error
{
public:
    /// `slug` is the part of Orb's type URI after '#', e.g. "400-constraint-violation".
    ApiError(int status, const QString &slug, const QString &title, const QString &detail, const QJsonArray &validationErrors = {});

    static ApiError badRequest(const QString &detail);
    static ApiError validation(const QString &detail, const QJsonArray &errors = {});
    static ApiError notFound(const QString &detail);
    static ApiError conflict(const QString &detail);

    ApiResponse response() const;
    int status() const { return m_status; }
    const QString &detail() const { return m_detail; }

private:
    int m_status;
    QString m_slug;
    QString m_title;
    QString m_detail;
    QJsonArray m_validationErrors;
};

/// What a route's handler gets: the request, the path's parameters, the key that called.
struct ApiContext {
    CompanyFile &company;
    const Clock &clock;
    const ApiRequest &request;
    QStringList params; ///< the {placeholders} of the route's path, in order
    ApiKey key;
    ApiIngestWriter &ingestWriter; ///< the server's event writer (kept statements and key filter)

    /// The body as a JSON object ({} for an empty body); 400 for anything else.
    QJsonObject bodyObject() const;
    /// A query parameter (the first when repeated).
    QString query(const QString &name) const;
    /// Every value of a query parameter, in order.
    QStringList queryValues(const QString &name) const;
    /// An array filter, Orb's form `name[]=a&name[]=b` (also `name=a`).
    QStringList queryList(const QString &name) const;
    /// `limit` (1 to 100, default 20) and `cursor` (an offset from a previous page).
    int limit() const;
    int offset() const;
};

/// Orb's list shape over a whole list: {data: [...], pagination_metadata: {has_more, next_cursor}}.
QJsonObject page(const ApiContext &ctx, const QJsonArray &all);
/// The same for a page already cut: `total` rows exist in all.
QJsonObject pageOf(const QJsonArray &data, int offset, qsizetype total);
QString cursorFor(int offset);

/// A query parameter that is a date (YYYY-MM-DD) or an ISO 8601 instant with a zone: the day
/// it falls on in `zone`, and whether it is that day's start (a plain date is). Orb's day
/// filters compare with the start of a stored day, so `gt`/`lte` take the day and `gte`/`lt`
/// the next day when the instant is past the start. 400 for anything else.
struct DayBound {
    QDate day;
    bool atStart = true;
};
std::optional<DayBound> dayBound(const ApiContext &ctx, const QString &name, const QTimeZone &zone, bool instantAllowed = true);

/// Orb's Customer object: the stored customer (Customer::toJson) with the fields of Orb's
/// type that hold for every customer here (no portal, no hierarchy, no automated tax).
QJsonObject customerObject(const Customer &customer);

using RouteHandler = ApiResponse (*)(ApiContext &ctx);

/// Who may call a route.
enum class Access {
    Ingest,  ///< every role (ping, ingest)
    Billing, ///< admin and billing keys
};

struct Route {
    QByteArray method;
    QString pattern; ///< /v1/customers/{id}
    Access access;
    RouteHandler handler;
};

/// Each area's routes (ApiCustomerRoutes.cpp, ApiUsageRoutes.cpp, ApiBillingRoutes.cpp).
QList<Route> customerRoutes();
QList<Route> usageRoutes();
QList<Route> billingRoutes();

} // namespace orb::api
