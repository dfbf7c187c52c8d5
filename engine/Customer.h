// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/FieldError.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMap>
#include <QString>

#include <optional>

namespace orb {

/// The longest payment terms, in days, of a customer, a subscription, a one-off invoice or
/// the company default (default_net_terms): one bound for all of them.
inline constexpr int MaxNetTermsDays = 365;

/// A postal address as Orb's API shapes it.
struct Address {
    QString line1;
    QString line2;
    QString city;
    QString state;
    QString postalCode;
    QString country; ///< ISO 3166-1 alpha-2

    bool isEmpty() const;
    /// {"line1", "line2", "city", "state", "postal_code", "country"}; null fields for empty ones.
    QJsonObject toJson() const;
    static Address fromJson(const QJsonObject &json);
    /// Lines for a document or a label, empty lines left out.
    QStringList lines() const;
    bool operator==(const Address &o) const;
};

/// A customer's tax identification, as Orb's API shapes it ({"country", "type", "value"}).
struct TaxId {
    QString country;
    QString type; ///< e.g. "eu_vat", "us_ein", "gb_vat"
    QString value;

    bool isEmpty() const { return value.isEmpty(); }
    bool operator==(const TaxId &o) const { return country == o.country && type == o.type && value == o.value; }
};

/// A customer of the company, with the fields of Orb's customer object.
struct Customer {
    QString id;
    QString externalCustomerId;
    QString name;
    QString email;
    QString currency; ///< empty until set (can be set once)
    QString timezone; ///< IANA zone, fixed after creation
    Address billingAddress;
    Address shippingAddress;
    TaxId taxId;
    std::optional<int> netTerms; ///< days; the company default when unset
    /// The locale its documents are written in ("de", "de_CH", "en_GB"); the company's when empty.
    QString documentLanguage;
    QMap<QString, QString> metadata;
    QString balance = QStringLiteral("0");
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime archivedAt;

    bool isArchived() const { return archivedAt.isValid(); }
    /// The balance at the currency's minor unit ("0.00"; "0" for JPY).
    QString displayBalance() const;
    /// Orb's API shape (snake_case, string ids, null for unset fields).
    QJsonObject toJson() const;
};

/// The languages documents are printed in ("en", "de"): a customer's document language is one
/// of them, with or without a territory.
const QStringList &documentLanguages();

/// The tax id types Orb accepts (Stripe's list), e.g. "eu_vat".
const QStringList &taxIdTypes();

/// Checks the rules every customer must satisfy (required name, e-mail form, currency code,
/// time zone, country codes, net terms, metadata). Uniqueness is the repository's concern.
FieldErrors validateCustomer(const Customer &customer);

} // namespace orb
