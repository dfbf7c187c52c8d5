// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace orb::standin {

/// A form or query parameter as sent: the full key ("metadata[orb_id]") and its value.
using FormPairs = QList<QPair<QString, QString>>;

/// Why a request does not fit the contract, shaped as Stripe's `error` object.
struct ValidationError {
    int status = 400;
    QString type = QStringLiteral("invalid_request_error");
    QString code;
    QString param;
    QString message;
};

/**
 * The request side of the OpenAPI subset (`openapi-subset.json`), loaded at start and reduced
 * to one compact entry per endpoint: its method, path template, the schema of its form body
 * and its query parameters. `validate` checks every parameter of a request against it the way
 * Stripe does: an unknown key (at any nesting depth) is `parameter_unknown`, a missing
 * required one `parameter_missing`, a value of the wrong kind `parameter_invalid_*`.
 */
class OpenApiSubset final
{
public:
    /// Loads the spec; throws std::runtime_error naming the file when it cannot be read.
    explicit OpenApiSubset(const QString &specPath);

    /// The endpoint's path template ("/v1/customers/{customer}") and its path parameters, or
    /// nothing when no endpoint of the subset matches the method and path.
    struct Match {
        int endpoint = -1;
        QString pathTemplate;
        QStringList pathParams;
    };
    std::optional<Match> match(const QString &method, const QString &path) const;
    /// True when some method serves the path (so a wrong method is 405 rather than 404).
    bool knowsPath(const QString &path) const;
    std::optional<ValidationError> validate(const Match &match, const FormPairs &params) const;

    /// The number of endpoints in the table, for the executable's banner.
    int endpointCount() const { return int(m_endpoints.size()); }
    /// The spec's info.version (the Stripe-Version it describes).
    const QString &version() const { return m_version; }

private:
    struct Endpoint {
        QString method;
        QStringList segments; ///< "{x}" marks a path parameter
        QString pathTemplate;
        QJsonObject properties; ///< top-level parameter name → schema (body or query)
        QStringList required;
    };
    std::optional<ValidationError> checkValue(const QJsonObject &schema, const QStringList &rest, const QString &fullKey, const QString &value,
                                              int depth) const;
    QJsonObject resolve(const QJsonObject &schema) const;

    QList<Endpoint> m_endpoints;
    QJsonObject m_schemas;
    QString m_version;
};

/// Splits "a[b][]" into {"a", "b", ""}; empty on a malformed key.
QStringList splitFormKey(const QString &key);

} // namespace orb::standin
