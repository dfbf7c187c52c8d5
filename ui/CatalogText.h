// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace orb {

/**
 * The words a clerk reads for the catalog's codes: price models, cadences, adjustment types,
 * and the catalog's and engine's refusals, in the interface language. The codes stay what the
 * company file, the CLI and Orb's API use; only the window shows these.
 */
class CatalogText final
{
    Q_DECLARE_TR_FUNCTIONS(orb::CatalogText)

public:
    /// "tiered_package" → "Tiered package" ("Gestaffelte Pakete").
    static QString modelName(const QString &modelType);
    /// "annual" → "Annually"; a custom billing cycle → "Every 3 months".
    static QString cadenceName(const QJsonObject &price);
    static QString cadenceName(const QString &cadence);
    /// A metric's aggregation code ("unique_count") in words ("Distinct values").
    static QString aggregationName(const QString &aggregation);
    /// "amount_discount" → "Amount discount".
    static QString adjustmentName(const QString &adjustmentType);
    /// A config key whose value is money in the price's currency (unit_amount, package_amount),
    /// as opposed to a quantity, a bound of units, a factor or a rate in percent.
    static bool isMoneyKey(const QString &key);
    /// A config value as a clerk reads it: money with the currency, other decimals in the
    /// locale's form, text as is; null reads "no limit".
    static QString valueText(const QString &key, const QJsonValue &value, const QString &currency);
    /**
     * A refusal of the engine or the catalog ("is required", "must not be negative",
     * "only the last tier may be unbounded (null)") in the interface language; one not known
     * is returned as it is.
     */
    static QString message(const QString &engineMessage);
};

} // namespace orb
