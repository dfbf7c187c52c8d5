// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/FieldError.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace orb {

struct TaxId;

/// One of the customer tax id types Orb and Stripe accept, with the form its value takes.
struct TaxIdType {
    QString code;          ///< "eu_vat"
    const char *name;      ///< "EU VAT number": English, translated in context "TaxIdType"
    QStringList countries; ///< the countries that issue it (every EU member state for eu_vat)
};

/**
 * The tax id types (Orb's customer tax id list, from Stripe's) and the form of each one's value,
 * after Stripe's documented examples and, for EU VAT numbers, the member states' formats as the
 * EU's VIES checks them (the value carries the state's prefix: DE123456789, EL123456789 for
 * Greece, XI for Northern Ireland). Values are compared without spaces, dots, dashes and
 * slashes, in capitals, so "DE 123 456 789" and "12-3456789" are read as written on paper.
 * Check digits are not verified: the form alone catches a number typed short or into the
 * wrong type.
 */
class TaxIdFormats final
{
public:
    static const QList<TaxIdType> &types();
    /// The type of a code, or nullptr.
    static const TaxIdType *find(const QString &code);
    /// The value as the formats read it: without separators, in capitals.
    static QString compact(const QString &value);
    /// The form a value of this type takes in this country ("DE followed by 9 digits, such as
    /// DE123456789"); empty when the type or country is unknown.
    static QString describe(const QString &code, const QString &country);
    /// An example value of this type in this country ("DE123456789"); empty when unknown.
    static QString example(const QString &code, const QString &country);
    /// The type's name in the interface language ("EU VAT number"), or the code when unknown.
    static QString displayName(const QString &code);
    /// Empty when the tax id fits its type and country, else what is wrong (tax_id.type,
    /// tax_id.country, tax_id.value), in the service's words.
    static FieldErrors check(const TaxId &id);
};

} // namespace orb
