// SPDX-License-Identifier: GPL-3.0-or-later
// Composite models, priced on the subtotals of other prices: minimum_composite and percent.
#include "engine/pricing/ModelRegistry.h"

namespace orb::pricing {

namespace {

class CompositeModel : public PriceModel
{
public:
    bool isComposite() const override { return true; }
    // Evaluated on usage alone, a composite sees no component: its charge for a zero base.
    ModelResult evaluate(const UsageQuantities &, const EvaluationContext &context) const override { return evaluateComposite(Decimal(0), context); }
};

// --------------------------------------------------------------------------- minimum_composite

class MinimumCompositeModel final : public CompositeModel
{
public:
    MinimumCompositeModel(Decimal minimum, std::optional<bool> prorated) : m_minimum(minimum), m_prorated(prorated) {}

    QString modelType() const override { return QStringLiteral("minimum_composite"); }
    QJsonObject configToJson() const override
    {
        QJsonObject o{{QStringLiteral("minimum_amount"), m_minimum.toString()}};
        if (m_prorated)
            o.insert(QStringLiteral("prorated"), *m_prorated);
        return o;
    }
    ModelResult evaluateComposite(const Decimal &base, const EvaluationContext &context) const override
    {
        // Choice: the line charges the shortfall of the components' subtotal below the minimum
        // (a true-up), so components plus this line total at least the minimum.
        const Decimal minimum = m_prorated.value_or(false) ? m_minimum * context.prorationFactor : m_minimum;
        const Decimal shortfall = Decimal::max(Decimal(0), minimum - base);
        return ModelResult{
            base,
            shortfall,
            {line(QStringLiteral("Minimum true-up"), base, std::nullopt, shortfall, {{QStringLiteral("minimum_amount"), minimum.toCanonicalString()}})}};
    }

private:
    Decimal m_minimum;
    std::optional<bool> m_prorated;
};

// ------------------------------------------------------------------------------------- percent

class PercentCompositeModel final : public CompositeModel
{
public:
    PercentCompositeModel(Decimal percent, std::optional<Decimal> minimum, std::optional<Decimal> maximum, std::optional<bool> prorated)
        : m_percent(percent), m_minimum(minimum), m_maximum(maximum), m_prorated(prorated)
    {
    }

    QString modelType() const override { return QStringLiteral("percent"); }
    QJsonObject configToJson() const override
    {
        QJsonObject o{{QStringLiteral("percent"), JsonReader::decimalToJsonNumber(m_percent)}};
        if (m_minimum)
            o.insert(QStringLiteral("minimum_amount"), m_minimum->toString());
        if (m_maximum)
            o.insert(QStringLiteral("maximum_amount"), m_maximum->toString());
        if (m_prorated)
            o.insert(QStringLiteral("prorated"), *m_prorated);
        return o;
    }
    ModelResult evaluateComposite(const Decimal &base, const EvaluationContext &context) const override
    {
        // percent is a fraction (0.1 = 10 %). The fee is bounded below by the minimum (prorated
        // when asked) or 0, and above by the maximum, which is never prorated.
        Decimal fee = base * m_percent;
        Decimal low(0);
        if (m_minimum)
            low = m_prorated.value_or(false) ? *m_minimum * context.prorationFactor : *m_minimum;
        fee = Decimal::max(fee, low);
        if (m_maximum)
            fee = Decimal::min(fee, *m_maximum);
        return ModelResult{base,
                           fee,
                           {line(QStringLiteral("%1% of %2").arg((m_percent * Decimal(100)).toCanonicalString(), base.toCanonicalString()), base, m_percent,
                                 fee, {{QStringLiteral("percent"), m_percent.toCanonicalString()}})}};
    }

private:
    Decimal m_percent;
    std::optional<Decimal> m_minimum;
    std::optional<Decimal> m_maximum;
    std::optional<bool> m_prorated;
};

} // namespace

std::shared_ptr<const PriceModel> parseMinimumCompositeModel(JsonReader &reader, const QJsonObject &config, const QString &path)
{
    const qsizetype before = reader.errorCount();
    const auto minimum = reader.decimal(config, QStringLiteral("minimum_amount"), path, Presence::Required);
    const auto prorated = reader.boolean(config, QStringLiteral("prorated"), path, Presence::Optional);
    if (reader.errorCount() > before)
        return nullptr;
    return std::make_shared<MinimumCompositeModel>(*minimum, prorated);
}

std::shared_ptr<const PriceModel> parsePercentModel(JsonReader &reader, const QJsonObject &config, const QString &path)
{
    const qsizetype before = reader.errorCount();
    const auto percent = reader.decimal(config, QStringLiteral("percent"), path, Presence::Required, Sign::Positive);
    if (percent && *percent > Decimal(1))
        reader.fail(JsonReader::join(path, QStringLiteral("percent")), QStringLiteral("must be a fraction greater than 0 and at most 1"));
    const auto minimum = reader.decimal(config, QStringLiteral("minimum_amount"), path, Presence::Optional);
    const auto maximum = reader.decimal(config, QStringLiteral("maximum_amount"), path, Presence::Optional);
    const auto prorated = reader.boolean(config, QStringLiteral("prorated"), path, Presence::Optional);
    if (minimum && maximum && *maximum < *minimum)
        reader.fail(JsonReader::join(path, QStringLiteral("maximum_amount")),
                    QStringLiteral("must not be less than minimum_amount %1").arg(minimum->toCanonicalString()));
    if (reader.errorCount() > before)
        return nullptr;
    return std::make_shared<PercentCompositeModel>(*percent, minimum, maximum, prorated);
}

} // namespace orb::pricing
