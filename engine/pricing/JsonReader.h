// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Decimal.h"
#include "engine/FieldError.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace orb::pricing {

/// Whether a field must be present (and not null).
enum class Presence { Optional, Required };

/// The sign rule a decimal field must keep.
enum class Sign { Any, NonNegative, Positive };

/**
 * Reads typed fields out of JSON objects and records every broken rule as a FieldError with its
 * JSON path, so a parser keeps going after the first problem and the user sees all of them at once.
 *
 * Decimals are accepted as strings ("0.50", Orb's form) or as JSON numbers. A number is converted
 * through its shortest round-trip text (0.1 -> "0.1", 1e15 -> "1000000000000000"), never through
 * arithmetic on the double, so what the user typed is what gets billed.
 */
class JsonReader final
{
public:
    explicit JsonReader(FieldErrors *errors) : m_errors(errors) {}

    static QString join(const QString &path, const QString &key) { return path + QLatin1Char('.') + key; }
    static QString index(const QString &path, qsizetype i);

    void fail(const QString &path, const QString &message);
    qsizetype errorCount() const { return m_errors->size(); }

    /// Present and not null.
    static bool has(const QJsonObject &o, const QString &key);

    std::optional<QString> string(const QJsonObject &o, const QString &key, const QString &path, Presence presence);
    std::optional<Decimal> decimal(const QJsonObject &o, const QString &key, const QString &path, Presence presence, Sign sign = Sign::NonNegative);
    std::optional<bool> boolean(const QJsonObject &o, const QString &key, const QString &path, Presence presence);
    std::optional<qint64> integer(const QJsonObject &o, const QString &key, const QString &path, Presence presence, qint64 minimum);
    std::optional<QJsonObject> object(const QJsonObject &o, const QString &key, const QString &path, Presence presence);
    /// An array; when `nonEmpty`, an empty one is an error too.
    std::optional<QJsonArray> array(const QJsonObject &o, const QString &key, const QString &path, Presence presence, bool nonEmpty);
    /// An array element that must be an object.
    std::optional<QJsonObject> elementObject(const QJsonValue &v, const QString &elementPath);

    /// A decimal from a JSON string or number; nothing (and the rule broken in *error) otherwise.
    static std::optional<Decimal> decimalFromJson(const QJsonValue &v, QString *error);
    /// The shortest text that reads back as `v`, in plain notation (no exponent).
    static QString numberText(double v);
    /// A JSON number when the double reads back exactly as the decimal, else the decimal string:
    /// used for the fields Orb types as float (first_unit, bps, ...), never for money.
    static QJsonValue decimalToJsonNumber(const Decimal &d);

private:
    bool checkSign(const Decimal &d, const QString &path, Sign sign);

    FieldErrors *m_errors;
};

} // namespace orb::pricing
