// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Decimal.h"
#include "engine/pricing/JsonReader.h"
#include "engine/pricing/SubLineItem.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QStringList>

#include <optional>

namespace orb::pricing {

/// One tier: (lower, upper] — the lower bound exclusive, the upper inclusive, no upper = unbounded.
struct Tier {
    Decimal lower;
    std::optional<Decimal> upper;
    /// Per unit, per package, a rate or basis points, depending on the model.
    Decimal amount;
    /// Optional per-tier numbers: flat_amount, minimum_amount, per_unit_maximum.
    QMap<QString, Decimal> extras;
};

/// A tier's share of a quantity under graduated pricing.
struct TierPortion {
    qsizetype index = 0;
    Decimal units;
};

/// The JSON names of a tier list's fields, which differ from model to model.
struct TierKeys {
    QString lower;                ///< "first_unit", "tier_lower_bound", "minimum_amount"
    QString upper;                ///< "last_unit", "maximum_amount"; empty for lower-bound lists
    QString amount;               ///< "unit_amount", "per_unit", "rate", "bps"
    QStringList requiredExtras;   ///< e.g. "minimum_amount"
    QStringList optionalExtras;   ///< e.g. "flat_amount", "per_unit_maximum"
    bool boundsAsNumbers = false; ///< Orb types first_unit/last_unit as float
    bool amountAsNumber = false;  ///< Orb types bps as float
};

/**
 * An ordered, gap-free list of tiers shared by every tiered model, with the graduated split and
 * the validation of the two tier shapes Orb uses: explicit ranges (first_unit/last_unit) and
 * lower bounds only (tier_lower_bound, each tier running up to the next one's bound).
 */
class TierTable final
{
public:
    TierTable() = default;
    explicit TierTable(QList<Tier> tiers) : m_tiers(std::move(tiers)) {}

    const QList<Tier> &tiers() const { return m_tiers; }
    const Tier &at(qsizetype i) const { return m_tiers.at(i); }
    qsizetype size() const { return m_tiers.size(); }

    /// The tier a quantity falls in: the last one whose (exclusive) lower bound is below it;
    /// the first tier for a quantity at or below the first bound.
    qsizetype tierIndexFor(const Decimal &quantity) const;
    /// Graduated split of a quantity: the first tier always (so its flat fee can apply at zero),
    /// then every tier the quantity has entered (quantity > lower bound).
    QList<TierPortion> graduate(const Decimal &quantity) const;
    /// The units of the interval (from, to] that lie in tier i.
    Decimal overlap(qsizetype i, const Decimal &from, const Decimal &to) const;
    Decimal extra(qsizetype i, const QString &key) const { return m_tiers.at(i).extras.value(key, Decimal(0)); }
    bool hasExtra(qsizetype i, const QString &key) const { return m_tiers.at(i).extras.contains(key); }
    /// Graduated pricing of `quantity` rounded up to whole packages of `packageSize`, each tier
    /// charging its amount per package it holds (tiered_package and its grouped variants).
    /// Appends one sub-line per tier entered, named `namePrefix` + "Tier n", and returns the sum.
    Decimal priceInPackages(const Decimal &quantity, const Decimal &packageSize, QList<SubLineItem> *lines, const QString &namePrefix,
                            const QJsonObject &extraGrouping) const;
    /// {"first_unit": lower, "last_unit": upper or null} for a sub-line item's grouping.
    QJsonObject bounds(qsizetype i) const;

    /// Parses a ranges list: the first tier starts at 0, each next tier starts where the previous
    /// one ends (no overlap, no gap) and only the last is unbounded (null upper).
    static std::optional<TierTable> parseRanges(JsonReader &reader, const QJsonArray &tiers, const QString &path, const TierKeys &keys);
    /// Parses a lower-bounds list: the first bound is 0, bounds strictly increase and, when
    /// `multipleOf` is given, are multiples of it (package sizes).
    static std::optional<TierTable> parseLowerBounds(JsonReader &reader, const QJsonArray &tiers, const QString &path, const TierKeys &keys,
                                                     const std::optional<Decimal> &multipleOf = std::nullopt);

    QJsonArray rangesToJson(const TierKeys &keys) const;
    QJsonArray lowerBoundsToJson(const TierKeys &keys) const;

private:
    static std::optional<Tier> parseTier(JsonReader &reader, const QJsonValue &value, const QString &tierPath, const TierKeys &keys, bool withUpper);
    static void writeAmountAndExtras(QJsonObject &o, const Tier &tier, const TierKeys &keys);

    QList<Tier> m_tiers;
};

} // namespace orb::pricing
