// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/Customer.h"

#include "engine/Currency.h"
#include "engine/Decimal.h"
#include "engine/TaxIdFormats.h"
#include "engine/Validation.h"

#include <QJsonValue>
#include <QLocale>
#include <QRegularExpression>

namespace orb {

namespace {

QJsonValue orNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

QString toUtcText(const QDateTime &dt)
{
    if (!dt.isValid())
        return {};
    const QDateTime utc = dt.toUTC();
    return utc.time().msec() == 0 ? utc.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ")) : utc.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}

void checkAddress(const Address &a, const QString &field, FieldErrors &errors)
{
    if (!a.country.isEmpty() && !validation::isCountryCode(a.country))
        errors.append(
            {field + QStringLiteral(".country"), QStringLiteral("\"%1\" is not an ISO 3166 two-letter country code (such as US or DE)").arg(a.country)});
    const std::pair<QString, QString> parts[] = {{QStringLiteral("line1"), a.line1},
                                                 {QStringLiteral("line2"), a.line2},
                                                 {QStringLiteral("city"), a.city},
                                                 {QStringLiteral("state"), a.state},
                                                 {QStringLiteral("postal_code"), a.postalCode}};
    for (const auto &[name, value] : parts) {
        if (value.size() > 200)
            errors.append({field + QLatin1Char('.') + name, QStringLiteral("must be at most 200 characters")});
    }
}

} // namespace

bool Address::isEmpty() const
{
    return line1.isEmpty() && line2.isEmpty() && city.isEmpty() && state.isEmpty() && postalCode.isEmpty() && country.isEmpty();
}

QJsonObject Address::toJson() const
{
    return QJsonObject{{QStringLiteral("line1"), orNull(line1)},
                       {QStringLiteral("line2"), orNull(line2)},
                       {QStringLiteral("city"), orNull(city)},
                       {QStringLiteral("state"), orNull(state)},
                       {QStringLiteral("postal_code"), orNull(postalCode)},
                       {QStringLiteral("country"), orNull(country)}};
}

Address Address::fromJson(const QJsonObject &json)
{
    Address a;
    a.line1 = json.value(QStringLiteral("line1")).toString();
    a.line2 = json.value(QStringLiteral("line2")).toString();
    a.city = json.value(QStringLiteral("city")).toString();
    a.state = json.value(QStringLiteral("state")).toString();
    a.postalCode = json.value(QStringLiteral("postal_code")).toString();
    a.country = json.value(QStringLiteral("country")).toString();
    return a;
}

QStringList Address::lines() const
{
    QStringList out;
    if (!line1.isEmpty())
        out << line1;
    if (!line2.isEmpty())
        out << line2;
    QString cityLine = postalCode;
    if (!city.isEmpty())
        cityLine += (cityLine.isEmpty() ? QString() : QStringLiteral(" ")) + city;
    if (!state.isEmpty())
        cityLine += (cityLine.isEmpty() ? QString() : QStringLiteral(", ")) + state;
    if (!cityLine.isEmpty())
        out << cityLine;
    if (!country.isEmpty())
        out << country;
    return out;
}

bool Address::operator==(const Address &o) const
{
    return line1 == o.line1 && line2 == o.line2 && city == o.city && state == o.state && postalCode == o.postalCode && country == o.country;
}

QJsonObject Customer::toJson() const
{
    QJsonObject meta;
    for (auto it = metadata.constBegin(); it != metadata.constEnd(); ++it)
        meta.insert(it.key(), it.value());
    QJsonObject json{
        {QStringLiteral("id"), id},
        {QStringLiteral("external_customer_id"), orNull(externalCustomerId)},
        {QStringLiteral("name"), name},
        {QStringLiteral("email"), orNull(email)},
        {QStringLiteral("currency"), orNull(currency)},
        {QStringLiteral("timezone"), timezone},
        {QStringLiteral("billing_address"), billingAddress.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(billingAddress.toJson())},
        {QStringLiteral("shipping_address"), shippingAddress.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(shippingAddress.toJson())},
        {QStringLiteral("tax_id"),
         taxId.isEmpty() ? QJsonValue(QJsonValue::Null)
                         : QJsonValue(QJsonObject{
                             {QStringLiteral("country"), taxId.country}, {QStringLiteral("type"), taxId.type}, {QStringLiteral("value"), taxId.value}})},
        {QStringLiteral("net_terms"), netTerms ? QJsonValue(*netTerms) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("document_language"), orNull(documentLanguage)},
        {QStringLiteral("metadata"), meta},
        {QStringLiteral("balance"), displayBalance()},
        {QStringLiteral("created_at"), toUtcText(createdAt)},
        {QStringLiteral("archived_at"), archivedAt.isValid() ? QJsonValue(toUtcText(archivedAt)) : QJsonValue(QJsonValue::Null)},
    };
    return json;
}

QString Customer::displayBalance() const
{
    const auto parsed = Decimal::tryParse(balance);
    const auto cur = Currency::fromCode(currency);
    if (!parsed)
        return balance;
    const int places = std::max(cur ? cur->minorUnits() : 2, parsed->normalized().scale());
    return parsed->rounded(places).toString();
}

const QStringList &documentLanguages()
{
    static const QStringList languages{QStringLiteral("en"), QStringLiteral("de")};
    return languages;
}

const QStringList &taxIdTypes()
{
    static const QStringList types = [] {
        QStringList out;
        for (const TaxIdType &t : TaxIdFormats::types())
            out << t.code;
        return out;
    }();
    return types;
}

FieldErrors validateCustomer(const Customer &c)
{
    FieldErrors errors;
    if (c.name.trimmed().isEmpty())
        errors.append({QStringLiteral("name"), QStringLiteral("is required")});
    else if (c.name.size() > 255)
        errors.append({QStringLiteral("name"), QStringLiteral("must be at most 255 characters")});
    if (!c.email.isEmpty() && !validation::isEmail(c.email))
        errors.append({QStringLiteral("email"), QStringLiteral("\"%1\" is not an e-mail address").arg(c.email)});
    if (c.externalCustomerId.size() > 255)
        errors.append({QStringLiteral("external_customer_id"), QStringLiteral("must be at most 255 characters")});
    if (!c.externalCustomerId.isEmpty() && c.externalCustomerId.trimmed() != c.externalCustomerId)
        errors.append({QStringLiteral("external_customer_id"), QStringLiteral("must not start or end with spaces")});
    if (!c.currency.isEmpty() && !Currency::fromCode(c.currency))
        errors.append({QStringLiteral("currency"), QStringLiteral("\"%1\" is not an ISO 4217 currency code (such as USD, EUR, JPY)").arg(c.currency)});
    if (!validation::isTimeZone(c.timezone))
        errors.append(
            {QStringLiteral("timezone"), QStringLiteral("\"%1\" is not an IANA time zone (such as Europe/Berlin or America/New_York)").arg(c.timezone)});
    checkAddress(c.billingAddress, QStringLiteral("billing_address"), errors);
    checkAddress(c.shippingAddress, QStringLiteral("shipping_address"), errors);
    if (!c.taxId.isEmpty() || !c.taxId.type.isEmpty() || !c.taxId.country.isEmpty()) {
        if (c.taxId.value.isEmpty())
            errors.append({QStringLiteral("tax_id.value"), QStringLiteral("is required when a tax id is given")});
        else
            errors.append(TaxIdFormats::check(c.taxId)); // its type, the country that issues it, and its form there
    }
    if (c.netTerms && (*c.netTerms < 0 || *c.netTerms > MaxNetTermsDays))
        errors.append({QStringLiteral("net_terms"), QStringLiteral("must be 0 to %1 days").arg(MaxNetTermsDays)});
    if (!c.documentLanguage.isEmpty()) {
        static const QRegularExpression form(QStringLiteral("^([a-z]{2})(_[A-Z]{2})?$"));
        const auto m = form.match(c.documentLanguage);
        const QLocale locale(c.documentLanguage);
        if (!m.hasMatch() || locale.language() == QLocale::C || (m.hasCaptured(2) && QLocale::territoryToCode(locale.territory()) != m.captured(2).mid(1)))
            errors.append({QStringLiteral("document_language"), QStringLiteral("\"%1\" is not a locale (such as de, en_GB or de_CH)").arg(c.documentLanguage)});
        else if (!documentLanguages().contains(m.captured(1)))
            errors.append(
                {QStringLiteral("document_language"),
                 QStringLiteral("documents are printed in %1, not in \"%2\"").arg(documentLanguages().join(QStringLiteral(", ")), c.documentLanguage)});
    }
    for (auto it = c.metadata.constBegin(); it != c.metadata.constEnd(); ++it) {
        if (it.key().isEmpty() || it.key().size() > 40)
            errors.append({QStringLiteral("metadata"), QStringLiteral("keys must be 1 to 40 characters (\"%1\")").arg(it.key())});
        if (it.value().size() > 500)
            errors.append({QStringLiteral("metadata.") + it.key(), QStringLiteral("must be at most 500 characters")});
    }
    return errors;
}

} // namespace orb
