// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/pricing/JsonReader.h"

#include <QLocale>

#include <cmath>

namespace orb::pricing {

QString JsonReader::index(const QString &path, qsizetype i)
{
    return path + QLatin1Char('[') + QString::number(i) + QLatin1Char(']');
}

void JsonReader::fail(const QString &path, const QString &message)
{
    m_errors->append(FieldError{path, message});
}

bool JsonReader::has(const QJsonObject &o, const QString &key)
{
    const QJsonValue v = o.value(key);
    return !v.isUndefined() && !v.isNull();
}

std::optional<QString> JsonReader::string(const QJsonObject &o, const QString &key, const QString &path, Presence presence)
{
    const QString p = join(path, key);
    if (!has(o, key)) {
        if (presence == Presence::Required)
            fail(p, QStringLiteral("is required"));
        return std::nullopt;
    }
    const QJsonValue v = o.value(key);
    if (!v.isString()) {
        fail(p, QStringLiteral("must be a string"));
        return std::nullopt;
    }
    if (presence == Presence::Required && v.toString().trimmed().isEmpty()) {
        fail(p, QStringLiteral("must not be empty"));
        return std::nullopt;
    }
    return v.toString();
}

bool JsonReader::checkSign(const Decimal &d, const QString &path, Sign sign)
{
    if (sign == Sign::NonNegative && d.isNegative()) {
        fail(path, QStringLiteral("must not be negative"));
        return false;
    }
    if (sign == Sign::Positive && !d.isPositive()) {
        fail(path, QStringLiteral("must be greater than zero"));
        return false;
    }
    return true;
}

std::optional<Decimal> JsonReader::decimal(const QJsonObject &o, const QString &key, const QString &path, Presence presence, Sign sign)
{
    const QString p = join(path, key);
    if (!has(o, key)) {
        if (presence == Presence::Required)
            fail(p, QStringLiteral("is required"));
        return std::nullopt;
    }
    QString error;
    const std::optional<Decimal> d = decimalFromJson(o.value(key), &error);
    if (!d) {
        fail(p, error);
        return std::nullopt;
    }
    if (!checkSign(*d, p, sign))
        return std::nullopt;
    return d;
}

std::optional<bool> JsonReader::boolean(const QJsonObject &o, const QString &key, const QString &path, Presence presence)
{
    const QString p = join(path, key);
    if (!has(o, key)) {
        if (presence == Presence::Required)
            fail(p, QStringLiteral("is required"));
        return std::nullopt;
    }
    const QJsonValue v = o.value(key);
    if (!v.isBool()) {
        fail(p, QStringLiteral("must be true or false"));
        return std::nullopt;
    }
    return v.toBool();
}

std::optional<qint64> JsonReader::integer(const QJsonObject &o, const QString &key, const QString &path, Presence presence, qint64 minimum)
{
    const QString p = join(path, key);
    if (!has(o, key)) {
        if (presence == Presence::Required)
            fail(p, QStringLiteral("is required"));
        return std::nullopt;
    }
    QString error;
    const std::optional<Decimal> d = decimalFromJson(o.value(key), &error);
    if (!d || !d->isInteger() || d->abs() > Decimal(1000000000000000LL)) {
        fail(p, QStringLiteral("must be an integer"));
        return std::nullopt;
    }
    const qint64 value = d->toInt64();
    if (value < minimum) {
        fail(p, QStringLiteral("must be at least %1").arg(minimum));
        return std::nullopt;
    }
    return value;
}

std::optional<QJsonObject> JsonReader::object(const QJsonObject &o, const QString &key, const QString &path, Presence presence)
{
    const QString p = join(path, key);
    if (!has(o, key)) {
        if (presence == Presence::Required)
            fail(p, QStringLiteral("is required"));
        return std::nullopt;
    }
    const QJsonValue v = o.value(key);
    if (!v.isObject()) {
        fail(p, QStringLiteral("must be an object"));
        return std::nullopt;
    }
    return v.toObject();
}

std::optional<QJsonArray> JsonReader::array(const QJsonObject &o, const QString &key, const QString &path, Presence presence, bool nonEmpty)
{
    const QString p = join(path, key);
    if (!has(o, key)) {
        if (presence == Presence::Required)
            fail(p, QStringLiteral("is required"));
        return std::nullopt;
    }
    const QJsonValue v = o.value(key);
    if (!v.isArray()) {
        fail(p, QStringLiteral("must be an array"));
        return std::nullopt;
    }
    if (nonEmpty && v.toArray().isEmpty()) {
        fail(p, QStringLiteral("must not be empty"));
        return std::nullopt;
    }
    return v.toArray();
}

std::optional<QJsonObject> JsonReader::elementObject(const QJsonValue &v, const QString &elementPath)
{
    if (!v.isObject()) {
        fail(elementPath, QStringLiteral("must be an object"));
        return std::nullopt;
    }
    return v.toObject();
}

std::optional<Decimal> JsonReader::decimalFromJson(const QJsonValue &v, QString *error)
{
    QString text;
    if (v.isString()) {
        text = v.toString();
    } else if (v.isDouble()) {
        const double d = v.toDouble();
        if (!std::isfinite(d)) {
            *error = QStringLiteral("must be a finite number");
            return std::nullopt;
        }
        text = numberText(d);
    } else {
        *error = QStringLiteral("must be a decimal string or number");
        return std::nullopt;
    }
    QString reason;
    const std::optional<Decimal> parsed = Decimal::tryParse(text, &reason);
    if (!parsed) {
        *error = QStringLiteral("'%1' is not a decimal number").arg(text);
        return std::nullopt;
    }
    return parsed;
}

QString JsonReader::numberText(double v)
{
    const QString s = QString::number(v, 'g', QLocale::FloatingPointShortest);
    const qsizetype e = s.indexOf(QLatin1Char('e'));
    if (e < 0)
        return s;
    // Expand the exponent by moving the point in the digit string: exact, no arithmetic.
    QString exponentText = s.mid(e + 1);
    if (exponentText.startsWith(QLatin1Char('+')))
        exponentText.remove(0, 1);
    const int exponent = exponentText.toInt();
    QString mantissa = s.left(e);
    const bool negative = mantissa.startsWith(QLatin1Char('-'));
    if (negative)
        mantissa.remove(0, 1);
    const qsizetype point = mantissa.indexOf(QLatin1Char('.'));
    const qsizetype integerDigits = point < 0 ? mantissa.size() : point;
    QString digits = mantissa;
    digits.remove(QLatin1Char('.'));
    const qsizetype newPoint = integerDigits + exponent;
    QString out;
    if (newPoint <= 0)
        out = QStringLiteral("0.") + QString(-newPoint, QLatin1Char('0')) + digits;
    else if (newPoint >= digits.size())
        out = digits + QString(newPoint - digits.size(), QLatin1Char('0'));
    else
        out = digits.left(newPoint) + QLatin1Char('.') + digits.mid(newPoint);
    return negative ? QLatin1Char('-') + out : out;
}

QJsonValue JsonReader::decimalToJsonNumber(const Decimal &d)
{
    const QString canonical = d.toCanonicalString();
    bool ok = false;
    const double asDouble = canonical.toDouble(&ok);
    if (ok && numberText(asDouble) == canonical)
        return QJsonValue(asDouble);
    return QJsonValue(canonical);
}

} // namespace orb::pricing
