// SPDX-License-Identifier: GPL-3.0-or-later
#include "OpenApiSubset.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

#include <stdexcept>

namespace orb::standin {

QStringList splitFormKey(const QString &key)
{
    const qsizetype open = key.indexOf(QLatin1Char('['));
    if (open < 0)
        return {key};
    if (open == 0)
        return {};
    QStringList parts{key.left(open)};
    qsizetype i = open;
    while (i < key.size()) {
        if (key.at(i) != QLatin1Char('['))
            return {};
        const qsizetype close = key.indexOf(QLatin1Char(']'), i);
        if (close < 0)
            return {};
        parts.append(key.mid(i + 1, close - i - 1));
        i = close + 1;
    }
    return parts;
}

OpenApiSubset::OpenApiSubset(const QString &specPath)
{
    QFile f(specPath);
    if (!f.open(QIODevice::ReadOnly))
        throw std::runtime_error(QStringLiteral("%1: cannot read the OpenAPI subset: %2").arg(specPath, f.errorString()).toStdString());
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &err);
    if (!doc.isObject())
        throw std::runtime_error(QStringLiteral("%1: not JSON: %2").arg(specPath, err.errorString()).toStdString());
    const QJsonObject root = doc.object();
    m_version = root.value(QLatin1String("info")).toObject().value(QLatin1String("version")).toString();
    m_schemas = root.value(QLatin1String("components")).toObject().value(QLatin1String("schemas")).toObject();
    const QJsonObject paths = root.value(QLatin1String("paths")).toObject();
    for (auto p = paths.begin(); p != paths.end(); ++p) {
        const QJsonObject ops = p.value().toObject();
        for (auto o = ops.begin(); o != ops.end(); ++o) {
            const QString method = o.key().toUpper();
            if (method != QLatin1String("GET") && method != QLatin1String("POST") && method != QLatin1String("DELETE"))
                continue;
            const QJsonObject op = o.value().toObject();
            Endpoint e;
            e.method = method;
            e.pathTemplate = p.key();
            e.segments = p.key().split(QLatin1Char('/'), Qt::SkipEmptyParts);
            const QJsonObject body = resolve(op.value(QLatin1String("requestBody"))
                                                 .toObject()
                                                 .value(QLatin1String("content"))
                                                 .toObject()
                                                 .value(QLatin1String("application/x-www-form-urlencoded"))
                                                 .toObject()
                                                 .value(QLatin1String("schema"))
                                                 .toObject());
            e.properties = body.value(QLatin1String("properties")).toObject();
            for (const QJsonValue &r : body.value(QLatin1String("required")).toArray())
                e.required.append(r.toString());
            for (const QJsonValue &pv : op.value(QLatin1String("parameters")).toArray()) {
                const QJsonObject param = pv.toObject();
                if (param.value(QLatin1String("in")).toString() != QLatin1String("query"))
                    continue;
                const QString name = param.value(QLatin1String("name")).toString();
                e.properties.insert(name, param.value(QLatin1String("schema")));
                if (param.value(QLatin1String("required")).toBool())
                    e.required.append(name);
            }
            m_endpoints.append(e);
        }
    }
    if (m_endpoints.isEmpty())
        throw std::runtime_error(QStringLiteral("%1: the OpenAPI subset has no paths").arg(specPath).toStdString());
}

QJsonObject OpenApiSubset::resolve(const QJsonObject &schema) const
{
    const QString ref = schema.value(QLatin1String("$ref")).toString();
    if (ref.isEmpty())
        return schema;
    static const QString prefix = QStringLiteral("#/components/schemas/");
    return m_schemas.value(ref.mid(prefix.size())).toObject();
}

std::optional<OpenApiSubset::Match> OpenApiSubset::match(const QString &method, const QString &path) const
{
    const QStringList segments = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    // Literal segments win over parameters (/v1/billing/meters/x/deactivate vs {id}).
    std::optional<Match> best;
    int bestLiterals = -1;
    for (int i = 0; i < m_endpoints.size(); ++i) {
        const Endpoint &e = m_endpoints.at(i);
        if (e.method != method || e.segments.size() != segments.size())
            continue;
        Match m;
        int literals = 0;
        bool ok = true;
        for (int s = 0; s < segments.size() && ok; ++s) {
            const QString &t = e.segments.at(s);
            if (t.startsWith(QLatin1Char('{')))
                m.pathParams.append(segments.at(s));
            else if (t == segments.at(s))
                ++literals;
            else
                ok = false;
        }
        if (ok && literals > bestLiterals) {
            m.endpoint = i;
            m.pathTemplate = e.pathTemplate;
            best = m;
            bestLiterals = literals;
        }
    }
    return best;
}

bool OpenApiSubset::knowsPath(const QString &path) const
{
    for (const QString &m : {QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("DELETE")})
        if (match(m, path))
            return true;
    return false;
}

std::optional<ValidationError> OpenApiSubset::validate(const Match &match, const FormPairs &params) const
{
    const Endpoint &e = m_endpoints.at(match.endpoint);
    QSet<QString> present;
    for (const auto &[key, value] : params) {
        const QStringList parts = splitFormKey(key);
        if (parts.isEmpty())
            return ValidationError{400, QStringLiteral("invalid_request_error"), QStringLiteral("parameter_unknown"), key,
                                   QStringLiteral("Invalid parameter name: %1").arg(key)};
        if (!e.properties.contains(parts.first()))
            return ValidationError{400, QStringLiteral("invalid_request_error"), QStringLiteral("parameter_unknown"), key,
                                   QStringLiteral("Received unknown parameter: %1").arg(key)};
        present.insert(parts.first());
        if (auto err = checkValue(resolve(e.properties.value(parts.first()).toObject()), parts.mid(1), key, value, 0))
            return err;
    }
    for (const QString &r : e.required)
        if (!present.contains(r))
            return ValidationError{400, QStringLiteral("invalid_request_error"), QStringLiteral("parameter_missing"), r,
                                   QStringLiteral("Missing required param: %1.").arg(r)};
    return std::nullopt;
}

std::optional<ValidationError> OpenApiSubset::checkValue(const QJsonObject &schemaIn, const QStringList &rest, const QString &fullKey, const QString &value,
                                                         int depth) const
{
    const QJsonObject schema = resolve(schemaIn);
    if (depth > 12)
        return std::nullopt;
    const QJsonArray anyOf = schema.value(QLatin1String("anyOf")).toArray();
    if (!anyOf.isEmpty()) {
        std::optional<ValidationError> first;
        for (const QJsonValue &alt : anyOf) {
            auto err = checkValue(alt.toObject(), rest, fullKey, value, depth + 1);
            if (!err)
                return std::nullopt;
            if (!first || (first->code == QLatin1String("parameter_unknown") && err->code != QLatin1String("parameter_unknown")))
                first = err;
        }
        return first;
    }
    const QString type = schema.value(QLatin1String("type")).toString();
    if (!rest.isEmpty()) {
        const QString next = rest.first();
        if (type == QLatin1String("object")) {
            const QJsonObject props = schema.value(QLatin1String("properties")).toObject();
            if (props.contains(next))
                return checkValue(props.value(next).toObject(), rest.mid(1), fullKey, value, depth + 1);
            const QJsonValue extra = schema.value(QLatin1String("additionalProperties"));
            if (extra.isObject() && !next.isEmpty())
                return checkValue(extra.toObject(), rest.mid(1), fullKey, value, depth + 1);
            if (extra.isBool() && extra.toBool() && !next.isEmpty())
                return std::nullopt;
        } else if (type == QLatin1String("array")) {
            static const QRegularExpression index(QStringLiteral("^[0-9]{0,4}$"));
            if (index.match(next).hasMatch())
                return checkValue(schema.value(QLatin1String("items")).toObject(), rest.mid(1), fullKey, value, depth + 1);
        }
        return ValidationError{400, QStringLiteral("invalid_request_error"), QStringLiteral("parameter_unknown"), fullKey,
                               QStringLiteral("Received unknown parameter: %1").arg(fullKey)};
    }
    // A leaf value.
    if (type == QLatin1String("object") || type == QLatin1String("array")) {
        // Stripe accepts an empty value to unset a whole hash; anything else must be nested.
        if (value.isEmpty())
            return std::nullopt;
        return ValidationError{400, QStringLiteral("invalid_request_error"), QStringLiteral("parameter_invalid_string"), fullKey,
                               QStringLiteral("Invalid %1: %2 must be a hash or array, not a string").arg(type, fullKey)};
    }
    if (type == QLatin1String("integer")) {
        static const QRegularExpression integer(QStringLiteral("^-?[0-9]{1,18}$"));
        if (!integer.match(value).hasMatch())
            return ValidationError{400, QStringLiteral("invalid_request_error"), QStringLiteral("parameter_invalid_integer"), fullKey,
                                   QStringLiteral("Invalid integer: %1").arg(value)};
    } else if (type == QLatin1String("boolean")) {
        if (value != QLatin1String("true") && value != QLatin1String("false"))
            return ValidationError{400, QStringLiteral("invalid_request_error"), QStringLiteral("parameter_invalid_boolean"), fullKey,
                                   QStringLiteral("Invalid boolean: %1").arg(value)};
    } else if (type == QLatin1String("string")) {
        const QJsonArray values = schema.value(QLatin1String("enum")).toArray();
        if (!values.isEmpty() && !values.contains(QJsonValue(value))) {
            QStringList allowed;
            for (const QJsonValue &v : values)
                allowed.append(v.toString());
            return ValidationError{400, QStringLiteral("invalid_request_error"), QStringLiteral("parameter_invalid_string"), fullKey,
                                   QStringLiteral("Invalid %1: must be one of %2").arg(fullKey, allowed.join(QStringLiteral(", ")))};
        }
        const int maxLength = schema.value(QLatin1String("maxLength")).toInt(0);
        if (maxLength > 0 && value.size() > maxLength)
            return ValidationError{400, QStringLiteral("invalid_request_error"), QStringLiteral("parameter_invalid_string"), fullKey,
                                   QStringLiteral("Invalid %1: must be at most %2 characters").arg(fullKey).arg(maxLength)};
    }
    return std::nullopt;
}

} // namespace orb::standin
