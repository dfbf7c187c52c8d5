// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/pricing/TierTable.h"

namespace orb::pricing {

qsizetype TierTable::tierIndexFor(const Decimal &quantity) const
{
    qsizetype found = 0;
    for (qsizetype i = 0; i < m_tiers.size(); ++i) {
        if (quantity > m_tiers.at(i).lower)
            found = i;
    }
    return found;
}

QList<TierPortion> TierTable::graduate(const Decimal &quantity) const
{
    QList<TierPortion> portions;
    for (qsizetype i = 0; i < m_tiers.size(); ++i) {
        if (i > 0 && !(quantity > m_tiers.at(i).lower))
            break;
        portions.append(TierPortion{i, overlap(i, Decimal(0), quantity)});
    }
    return portions;
}

Decimal TierTable::overlap(qsizetype i, const Decimal &from, const Decimal &to) const
{
    const Tier &tier = m_tiers.at(i);
    const Decimal start = Decimal::max(from, tier.lower);
    const Decimal end = tier.upper ? Decimal::min(to, *tier.upper) : to;
    return end > start ? end - start : Decimal(0);
}

Decimal TierTable::priceInPackages(const Decimal &quantity, const Decimal &packageSize, QList<SubLineItem> *lines, const QString &namePrefix,
                                   const QJsonObject &extraGrouping) const
{
    const Decimal packaged = quantity.isPositive() ? quantity.divide(packageSize, 0, Rounding::Ceiling) * packageSize : Decimal(0);
    Decimal sum(0);
    for (const TierPortion &portion : graduate(packaged)) {
        const Tier &tier = m_tiers.at(portion.index);
        // Bounds are multiples of the package size, so a tier holds whole packages.
        const Decimal packages = portion.units.divide(packageSize, 0, Rounding::Ceiling);
        const Decimal amount = packages * tier.amount;
        QJsonObject grouping = bounds(portion.index);
        grouping.insert(QStringLiteral("package_size"), packageSize.toCanonicalString());
        for (auto it = extraGrouping.constBegin(); it != extraGrouping.constEnd(); ++it)
            grouping.insert(it.key(), it.value());
        sum += amount;
        lines->append(SubLineItem{namePrefix + QStringLiteral("Tier %1").arg(portion.index + 1), packages, tier.amount, amount, grouping});
    }
    return sum;
}

QJsonObject TierTable::bounds(qsizetype i) const
{
    const Tier &tier = m_tiers.at(i);
    QJsonObject o;
    o.insert(QStringLiteral("first_unit"), tier.lower.toCanonicalString());
    o.insert(QStringLiteral("last_unit"), tier.upper ? QJsonValue(tier.upper->toCanonicalString()) : QJsonValue(QJsonValue::Null));
    return o;
}

std::optional<Tier> TierTable::parseTier(JsonReader &reader, const QJsonValue &value, const QString &tierPath, const TierKeys &keys, bool withUpper)
{
    const std::optional<QJsonObject> o = reader.elementObject(value, tierPath);
    if (!o)
        return std::nullopt;
    const qsizetype before = reader.errorCount();
    Tier tier;
    tier.lower = reader.decimal(*o, keys.lower, tierPath, Presence::Required).value_or(Decimal(0));
    if (withUpper)
        tier.upper = reader.decimal(*o, keys.upper, tierPath, Presence::Optional);
    tier.amount = reader.decimal(*o, keys.amount, tierPath, Presence::Required).value_or(Decimal(0));
    for (const QString &key : keys.requiredExtras) {
        if (const auto d = reader.decimal(*o, key, tierPath, Presence::Required))
            tier.extras.insert(key, *d);
    }
    for (const QString &key : keys.optionalExtras) {
        if (const auto d = reader.decimal(*o, key, tierPath, Presence::Optional))
            tier.extras.insert(key, *d);
    }
    if (reader.errorCount() > before)
        return std::nullopt;
    return tier;
}

std::optional<TierTable> TierTable::parseRanges(JsonReader &reader, const QJsonArray &tiers, const QString &path, const TierKeys &keys)
{
    const qsizetype before = reader.errorCount();
    QList<std::optional<Tier>> parsed;
    for (qsizetype i = 0; i < tiers.size(); ++i)
        parsed.append(parseTier(reader, tiers.at(i), JsonReader::index(path, i), keys, true));

    for (qsizetype i = 0; i < parsed.size(); ++i) {
        if (!parsed.at(i))
            continue;
        const Tier &tier = *parsed.at(i);
        const QString tierPath = JsonReader::index(path, i);
        if (i == 0 && !tier.lower.isZero())
            reader.fail(JsonReader::join(tierPath, keys.lower), QStringLiteral("the first tier must start at 0"));
        if (tier.upper && *tier.upper <= tier.lower)
            reader.fail(JsonReader::join(tierPath, keys.upper), QStringLiteral("must be greater than %1 %2").arg(keys.lower, tier.lower.toCanonicalString()));
        if (i + 1 == parsed.size() && tier.upper)
            reader.fail(JsonReader::join(tierPath, keys.upper), QStringLiteral("the last tier must be unbounded (null)"));
        if (i == 0 || !parsed.at(i - 1))
            continue;
        const Tier &previous = *parsed.at(i - 1);
        if (!previous.upper) {
            reader.fail(JsonReader::join(JsonReader::index(path, i - 1), keys.upper), QStringLiteral("only the last tier may be unbounded (null)"));
        } else if (tier.lower < *previous.upper) {
            reader.fail(JsonReader::join(tierPath, keys.lower),
                        QStringLiteral("overlaps the previous tier, which ends at %1").arg(previous.upper->toCanonicalString()));
        } else if (tier.lower > *previous.upper) {
            reader.fail(JsonReader::join(tierPath, keys.lower),
                        QStringLiteral("leaves a gap after the previous tier, which ends at %1").arg(previous.upper->toCanonicalString()));
        }
    }
    if (reader.errorCount() > before)
        return std::nullopt;
    QList<Tier> out;
    for (const auto &tier : parsed)
        out.append(*tier);
    return TierTable(out);
}

std::optional<TierTable> TierTable::parseLowerBounds(JsonReader &reader, const QJsonArray &tiers, const QString &path, const TierKeys &keys,
                                                     const std::optional<Decimal> &multipleOf)
{
    const qsizetype before = reader.errorCount();
    QList<std::optional<Tier>> parsed;
    for (qsizetype i = 0; i < tiers.size(); ++i)
        parsed.append(parseTier(reader, tiers.at(i), JsonReader::index(path, i), keys, false));

    for (qsizetype i = 0; i < parsed.size(); ++i) {
        if (!parsed.at(i))
            continue;
        const Tier &tier = *parsed.at(i);
        const QString boundPath = JsonReader::join(JsonReader::index(path, i), keys.lower);
        if (i == 0 && !tier.lower.isZero())
            reader.fail(boundPath, QStringLiteral("the first tier must start at 0"));
        if (i > 0 && parsed.at(i - 1) && tier.lower <= parsed.at(i - 1)->lower)
            reader.fail(boundPath, QStringLiteral("must be greater than the previous tier's bound %1").arg(parsed.at(i - 1)->lower.toCanonicalString()));
        if (multipleOf && multipleOf->isPositive() && tier.lower.divide(*multipleOf, 0, Rounding::Down) * *multipleOf != tier.lower)
            reader.fail(boundPath, QStringLiteral("must be a multiple of package_size %1").arg(multipleOf->toCanonicalString()));
    }
    if (reader.errorCount() > before)
        return std::nullopt;
    QList<Tier> out;
    for (qsizetype i = 0; i < parsed.size(); ++i) {
        Tier tier = *parsed.at(i);
        // A lower-bound tier runs up to (and including) the next tier's bound.
        if (i + 1 < parsed.size())
            tier.upper = parsed.at(i + 1)->lower;
        out.append(tier);
    }
    return TierTable(out);
}

void TierTable::writeAmountAndExtras(QJsonObject &o, const Tier &tier, const TierKeys &keys)
{
    o.insert(keys.amount, keys.amountAsNumber ? JsonReader::decimalToJsonNumber(tier.amount) : QJsonValue(tier.amount.toString()));
    for (auto it = tier.extras.constBegin(); it != tier.extras.constEnd(); ++it)
        o.insert(it.key(), it.value().toString());
}

QJsonArray TierTable::rangesToJson(const TierKeys &keys) const
{
    QJsonArray out;
    for (const Tier &tier : m_tiers) {
        QJsonObject o;
        const auto bound = [&keys](const Decimal &d) { return keys.boundsAsNumbers ? JsonReader::decimalToJsonNumber(d) : QJsonValue(d.toString()); };
        o.insert(keys.lower, bound(tier.lower));
        o.insert(keys.upper, tier.upper ? bound(*tier.upper) : QJsonValue(QJsonValue::Null));
        writeAmountAndExtras(o, tier, keys);
        out.append(o);
    }
    return out;
}

QJsonArray TierTable::lowerBoundsToJson(const TierKeys &keys) const
{
    QJsonArray out;
    for (const Tier &tier : m_tiers) {
        QJsonObject o;
        o.insert(keys.lower, tier.lower.toString());
        writeAmountAndExtras(o, tier, keys);
        out.append(o);
    }
    return out;
}

} // namespace orb::pricing
