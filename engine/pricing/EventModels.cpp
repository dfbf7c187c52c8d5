// SPDX-License-Identifier: GPL-3.0-or-later
// Models that charge a take rate per event: Orb's bps, bulk_bps and tiered_bps, and Lago's
// percentage and graduated_percentage (extensions of Orb's format).
#include "engine/pricing/ModelRegistry.h"
#include "engine/pricing/TierTable.h"

namespace orb::pricing {

namespace {

const QString kCap = QStringLiteral("per_unit_maximum");
const QString kFlat = QStringLiteral("flat_amount");

/// value × bps / 10 000, capped at `cap` when one is set.
Decimal bpsFee(const Decimal &value, const Decimal &bps, const std::optional<Decimal> &cap)
{
    const Decimal fee = value * bps * Decimal::fromCoefficient(1, 4);
    return cap ? Decimal::min(fee, *cap) : fee;
}

std::optional<Decimal> optionalCap(const Tier &tier)
{
    return tier.extras.contains(kCap) ? std::optional<Decimal>(tier.extras.value(kCap)) : std::nullopt;
}

// ----------------------------------------------------------------------------------------- bps

class BpsModel final : public PriceModel
{
public:
    BpsModel(Decimal bps, std::optional<Decimal> cap) : m_bps(bps), m_cap(cap) {}

    QString modelType() const override { return QStringLiteral("bps"); }
    bool needsEventValues() const override { return true; }
    QJsonObject configToJson() const override
    {
        QJsonObject o{{QStringLiteral("bps"), JsonReader::decimalToJsonNumber(m_bps)}};
        if (m_cap)
            o.insert(kCap, m_cap->toString());
        return o;
    }
    ModelResult evaluate(const UsageQuantities &usage, const EvaluationContext &) const override
    {
        Decimal volume(0);
        Decimal amount(0);
        qsizetype capped = 0;
        const QList<Decimal> events = eventsOf(usage);
        for (const Decimal &value : events) {
            const Decimal fee = bpsFee(value, m_bps, m_cap);
            if (m_cap && fee == *m_cap && value * m_bps * Decimal::fromCoefficient(1, 4) > *m_cap)
                ++capped;
            volume += value;
            amount += fee;
        }
        return ModelResult{volume,
                           amount,
                           {line(QStringLiteral("%1 bps").arg(m_bps.toCanonicalString()), volume, std::nullopt, amount,
                                 {{QStringLiteral("bps"), m_bps.toCanonicalString()},
                                  {QStringLiteral("events"), QString::number(events.size())},
                                  {QStringLiteral("capped_events"), QString::number(capped)}})}};
    }

private:
    Decimal m_bps;
    std::optional<Decimal> m_cap;
};

// ------------------------------------------------------------------------------------ bulk_bps

class BulkBpsModel final : public PriceModel
{
public:
    explicit BulkBpsModel(TierTable tiers) : m_tiers(std::move(tiers)) {}

    QString modelType() const override { return QStringLiteral("bulk_bps"); }
    bool needsEventValues() const override { return true; }
    QJsonObject configToJson() const override
    {
        QJsonArray tiers;
        for (const Tier &tier : m_tiers.tiers()) {
            QJsonObject o{{QStringLiteral("bps"), JsonReader::decimalToJsonNumber(tier.amount)},
                          {QStringLiteral("maximum_amount"), tier.upper ? QJsonValue(tier.upper->toString()) : QJsonValue(QJsonValue::Null)}};
            if (tier.extras.contains(kCap))
                o.insert(kCap, tier.extras.value(kCap).toString());
            tiers.append(o);
        }
        return QJsonObject{{QStringLiteral("tiers"), tiers}};
    }
    ModelResult evaluate(const UsageQuantities &usage, const EvaluationContext &) const override
    {
        // The period's total volume picks one tier (maximum_amount inclusive, as bulk's
        // maximum_units); every event is then charged at that tier's rate and cap.
        const QList<Decimal> events = eventsOf(usage);
        Decimal volume(0);
        for (const Decimal &value : events)
            volume += value;
        qsizetype index = m_tiers.size() - 1;
        for (qsizetype i = 0; i < m_tiers.size(); ++i) {
            if (!m_tiers.at(i).upper || volume <= *m_tiers.at(i).upper) {
                index = i;
                break;
            }
        }
        const Tier &tier = m_tiers.at(index);
        Decimal amount(0);
        for (const Decimal &value : events)
            amount += bpsFee(value, tier.amount, optionalCap(tier));
        QJsonObject grouping = m_tiers.bounds(index);
        grouping.insert(QStringLiteral("bps"), tier.amount.toCanonicalString());
        return ModelResult{volume, amount, {line(QStringLiteral("Tier %1").arg(index + 1), volume, std::nullopt, amount, grouping)}};
    }

private:
    TierTable m_tiers;
};

// ---------------------------------------------------------------------------------- tiered_bps

TierKeys tieredBpsKeys()
{
    TierKeys keys;
    keys.lower = QStringLiteral("minimum_amount");
    keys.upper = QStringLiteral("maximum_amount");
    keys.amount = QStringLiteral("bps");
    keys.optionalExtras = {kCap};
    keys.amountAsNumber = true;
    return keys;
}

class TieredBpsModel final : public PriceModel
{
public:
    explicit TieredBpsModel(TierTable tiers) : m_tiers(std::move(tiers)) {}

    QString modelType() const override { return QStringLiteral("tiered_bps"); }
    bool needsEventValues() const override { return true; }
    QJsonObject configToJson() const override { return QJsonObject{{QStringLiteral("tiers"), m_tiers.rangesToJson(tieredBpsKeys())}}; }
    ModelResult evaluate(const UsageQuantities &usage, const EvaluationContext &) const override
    {
        // Graduated by running total: the part of an event that lies in a tier pays that tier's
        // rate. Choice: a tier's per_unit_maximum caps each event's fee within that tier.
        QList<Decimal> volumes(m_tiers.size(), Decimal(0));
        QList<Decimal> amounts(m_tiers.size(), Decimal(0));
        Decimal running(0);
        for (const Decimal &value : eventsOf(usage)) {
            const Decimal next = running + value;
            for (qsizetype i = 0; i < m_tiers.size(); ++i) {
                const Decimal part = m_tiers.overlap(i, running, next);
                if (part.isZero())
                    continue;
                volumes[i] += part;
                amounts[i] += bpsFee(part, m_tiers.at(i).amount, optionalCap(m_tiers.at(i)));
            }
            running = next;
        }
        ModelResult result{running, Decimal(0), {}};
        for (qsizetype i = 0; i < m_tiers.size(); ++i) {
            if (i > 0 && volumes.at(i).isZero())
                continue;
            QJsonObject grouping = m_tiers.bounds(i);
            grouping.insert(QStringLiteral("bps"), m_tiers.at(i).amount.toCanonicalString());
            result.subtotal += amounts.at(i);
            result.subLineItems.append(line(QStringLiteral("Tier %1").arg(i + 1), volumes.at(i), std::nullopt, amounts.at(i), grouping));
        }
        return result;
    }

private:
    TierTable m_tiers;
};

// ------------------------------------------------------------------------- percentage (Lago)

struct PercentageConfig {
    Decimal rate;
    std::optional<Decimal> fixedAmount;
    std::optional<qint64> freeEvents;
    std::optional<Decimal> freeAmount;
    std::optional<Decimal> minPerTransaction;
    std::optional<Decimal> maxPerTransaction;
};

class PercentageModel final : public PriceModel
{
public:
    explicit PercentageModel(PercentageConfig config) : m_c(std::move(config)) {}

    QString modelType() const override { return QStringLiteral("percentage"); }
    bool needsEventValues() const override { return true; }
    QJsonObject configToJson() const override
    {
        QJsonObject o{{QStringLiteral("rate"), m_c.rate.toString()}};
        if (m_c.fixedAmount)
            o.insert(QStringLiteral("fixed_amount"), m_c.fixedAmount->toString());
        if (m_c.freeEvents)
            o.insert(QStringLiteral("free_units_per_events"), double(*m_c.freeEvents));
        if (m_c.freeAmount)
            o.insert(QStringLiteral("free_units_per_total_aggregation"), m_c.freeAmount->toString());
        if (m_c.minPerTransaction)
            o.insert(QStringLiteral("per_transaction_min_amount"), m_c.minPerTransaction->toString());
        if (m_c.maxPerTransaction)
            o.insert(QStringLiteral("per_transaction_max_amount"), m_c.maxPerTransaction->toString());
        return o;
    }

    ModelResult evaluate(const UsageQuantities &usage, const EvaluationContext &) const override
    {
        // Events are taken in time order. While the free allowance lasts (fewer than
        // free_units_per_events events so far AND less than free_units_per_total_aggregation
        // summed, for whichever limits are set) an event is free; the allowance ends when either
        // limit is reached first. An event that crosses the amount limit pays the rate on its
        // excess only, plus its fixed fee. Each paying event's charge (rate part + fixed fee) is
        // clamped to the per-transaction minimum and maximum.
        const QList<Decimal> events = eventsOf(usage);
        const bool countLimit = m_c.freeEvents.value_or(0) > 0;
        const bool amountLimit = m_c.freeAmount.value_or(Decimal(0)).isPositive();
        const bool hasAllowance = countLimit || amountLimit;
        qint64 freeEventsLeft = m_c.freeEvents.value_or(0);
        Decimal freeAmountLeft = m_c.freeAmount.value_or(Decimal(0));
        bool allowanceOpen = hasAllowance;

        Decimal volume(0), freeUnits(0), chargedUnits(0), rateAmount(0), fixedTotal(0), adjustment(0);
        qsizetype freeEventCount = 0, paidEvents = 0;
        const Decimal fixed = m_c.fixedAmount.value_or(Decimal(0));
        for (const Decimal &value : events) {
            volume += value;
            Decimal charged = value;
            if (allowanceOpen) {
                const Decimal free = amountLimit ? Decimal::min(value, freeAmountLeft) : value;
                charged = value - free;
                freeUnits += free;
                if (amountLimit)
                    freeAmountLeft -= free;
                if (countLimit)
                    --freeEventsLeft;
                if ((countLimit && freeEventsLeft <= 0) || (amountLimit && !freeAmountLeft.isPositive()))
                    allowanceOpen = false;
                if (!charged.isPositive()) {
                    ++freeEventCount;
                    continue;
                }
            }
            ++paidEvents;
            const Decimal ratePart = percentOf(charged, m_c.rate);
            const Decimal raw = ratePart + fixed;
            Decimal clamped = raw;
            if (m_c.minPerTransaction && clamped < *m_c.minPerTransaction)
                clamped = *m_c.minPerTransaction;
            if (m_c.maxPerTransaction && clamped > *m_c.maxPerTransaction)
                clamped = *m_c.maxPerTransaction;
            chargedUnits += charged;
            rateAmount += ratePart;
            fixedTotal += fixed;
            adjustment += clamped - raw;
        }

        ModelResult result{volume, rateAmount + fixedTotal + adjustment, {}};
        if (hasAllowance)
            result.subLineItems.append(
                line(QStringLiteral("Free units"), freeUnits, Decimal(0), Decimal(0), {{QStringLiteral("free_events"), QString::number(freeEventCount)}}));
        result.subLineItems.append(line(QStringLiteral("Rate %1%").arg(m_c.rate.toCanonicalString()), chargedUnits, std::nullopt, rateAmount,
                                        {{QStringLiteral("rate"), m_c.rate.toCanonicalString()}}));
        if (m_c.fixedAmount)
            result.subLineItems.append(line(QStringLiteral("Fixed fees"), Decimal(qint64(paidEvents)), fixed, fixedTotal, {}));
        if (m_c.minPerTransaction || m_c.maxPerTransaction)
            result.subLineItems.append(line(QStringLiteral("Per-transaction minimum/maximum"), Decimal(qint64(paidEvents)), std::nullopt, adjustment, {}));
        return result;
    }

private:
    PercentageConfig m_c;
};

// --------------------------------------------------------------- graduated_percentage (Lago)

TierKeys graduatedPercentageKeys()
{
    TierKeys keys;
    keys.lower = QStringLiteral("first_unit");
    keys.upper = QStringLiteral("last_unit");
    keys.amount = QStringLiteral("rate");
    keys.optionalExtras = {kFlat};
    keys.boundsAsNumbers = true;
    return keys;
}

class GraduatedPercentageModel final : public PriceModel
{
public:
    explicit GraduatedPercentageModel(TierTable tiers) : m_tiers(std::move(tiers)) {}

    QString modelType() const override { return QStringLiteral("graduated_percentage"); }
    QJsonObject configToJson() const override { return QJsonObject{{QStringLiteral("tiers"), m_tiers.rangesToJson(graduatedPercentageKeys())}}; }
    ModelResult evaluate(const UsageQuantities &usage, const EvaluationContext &) const override
    {
        // As tiered with a percent rate instead of a unit amount; flat fees follow the tiered
        // rule (the first tier's even at zero, later ones once entered).
        ModelResult result{usage.total, Decimal(0), {}};
        for (const TierPortion &portion : m_tiers.graduate(usage.total)) {
            const Tier &tier = m_tiers.at(portion.index);
            const Decimal flat = m_tiers.extra(portion.index, kFlat);
            const Decimal amount = percentOf(portion.units, tier.amount) + flat;
            QJsonObject grouping = m_tiers.bounds(portion.index);
            grouping.insert(QStringLiteral("rate"), tier.amount.toCanonicalString());
            if (m_tiers.hasExtra(portion.index, kFlat))
                grouping.insert(kFlat, flat.toCanonicalString());
            result.subtotal += amount;
            result.subLineItems.append(line(QStringLiteral("Tier %1").arg(portion.index + 1), portion.units, std::nullopt, amount, grouping));
        }
        return result;
    }

private:
    TierTable m_tiers;
};

} // namespace

std::shared_ptr<const PriceModel> parseBpsModel(JsonReader &reader, const QJsonObject &config, const QString &path)
{
    const qsizetype before = reader.errorCount();
    const auto bps = reader.decimal(config, QStringLiteral("bps"), path, Presence::Required);
    const auto cap = reader.decimal(config, kCap, path, Presence::Optional);
    if (reader.errorCount() > before)
        return nullptr;
    return std::make_shared<BpsModel>(*bps, cap);
}

std::shared_ptr<const PriceModel> parseBulkBpsModel(JsonReader &reader, const QJsonObject &config, const QString &path)
{
    const auto tiers = reader.array(config, QStringLiteral("tiers"), path, Presence::Required, true);
    if (!tiers)
        return nullptr;
    const QString tiersPath = JsonReader::join(path, QStringLiteral("tiers"));
    const qsizetype before = reader.errorCount();
    QList<Tier> parsed;
    std::optional<Decimal> previousMax;
    for (qsizetype i = 0; i < tiers->size(); ++i) {
        const QString tierPath = JsonReader::index(tiersPath, i);
        const auto o = reader.elementObject(tiers->at(i), tierPath);
        if (!o)
            continue;
        Tier tier;
        tier.amount = reader.decimal(*o, QStringLiteral("bps"), tierPath, Presence::Required).value_or(Decimal(0));
        tier.upper = reader.decimal(*o, QStringLiteral("maximum_amount"), tierPath, Presence::Optional, Sign::Positive);
        if (const auto cap = reader.decimal(*o, kCap, tierPath, Presence::Optional))
            tier.extras.insert(kCap, *cap);
        const QString maxPath = JsonReader::join(tierPath, QStringLiteral("maximum_amount"));
        if (!JsonReader::has(*o, QStringLiteral("maximum_amount")) && i + 1 < tiers->size())
            reader.fail(maxPath, QStringLiteral("only the last tier may be unbounded (null)"));
        if (tier.upper && previousMax && *tier.upper <= *previousMax)
            reader.fail(maxPath, QStringLiteral("must be greater than the previous tier's maximum_amount %1").arg(previousMax->toCanonicalString()));
        tier.lower = previousMax.value_or(Decimal(0));
        if (tier.upper)
            previousMax = tier.upper;
        parsed.append(tier);
    }
    if (reader.errorCount() > before)
        return nullptr;
    return std::make_shared<BulkBpsModel>(TierTable(parsed));
}

std::shared_ptr<const PriceModel> parseTieredBpsModel(JsonReader &reader, const QJsonObject &config, const QString &path)
{
    const auto tiers = reader.array(config, QStringLiteral("tiers"), path, Presence::Required, true);
    if (!tiers)
        return nullptr;
    const auto table = TierTable::parseRanges(reader, *tiers, JsonReader::join(path, QStringLiteral("tiers")), tieredBpsKeys());
    if (!table)
        return nullptr;
    return std::make_shared<TieredBpsModel>(*table);
}

std::shared_ptr<const PriceModel> parsePercentageModel(JsonReader &reader, const QJsonObject &config, const QString &path)
{
    const qsizetype before = reader.errorCount();
    PercentageConfig c;
    c.rate = reader.decimal(config, QStringLiteral("rate"), path, Presence::Required).value_or(Decimal(0));
    c.fixedAmount = reader.decimal(config, QStringLiteral("fixed_amount"), path, Presence::Optional);
    c.freeEvents = reader.integer(config, QStringLiteral("free_units_per_events"), path, Presence::Optional, 0);
    c.freeAmount = reader.decimal(config, QStringLiteral("free_units_per_total_aggregation"), path, Presence::Optional);
    c.minPerTransaction = reader.decimal(config, QStringLiteral("per_transaction_min_amount"), path, Presence::Optional);
    c.maxPerTransaction = reader.decimal(config, QStringLiteral("per_transaction_max_amount"), path, Presence::Optional);
    if (c.minPerTransaction && c.maxPerTransaction && *c.maxPerTransaction < *c.minPerTransaction)
        reader.fail(JsonReader::join(path, QStringLiteral("per_transaction_max_amount")),
                    QStringLiteral("must not be less than per_transaction_min_amount %1").arg(c.minPerTransaction->toCanonicalString()));
    if (reader.errorCount() > before)
        return nullptr;
    return std::make_shared<PercentageModel>(c);
}

std::shared_ptr<const PriceModel> parseGraduatedPercentageModel(JsonReader &reader, const QJsonObject &config, const QString &path)
{
    const auto tiers = reader.array(config, QStringLiteral("tiers"), path, Presence::Required, true);
    if (!tiers)
        return nullptr;
    const auto table = TierTable::parseRanges(reader, *tiers, JsonReader::join(path, QStringLiteral("tiers")), graduatedPercentageKeys());
    if (!table)
        return nullptr;
    return std::make_shared<GraduatedPercentageModel>(*table);
}

} // namespace orb::pricing
