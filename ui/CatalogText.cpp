// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/CatalogText.h"

#include "engine/Decimal.h"
#include "ui/LocaleFormat.h"
#include "ui/widgets/PriceConfigEditor.h"

#include <QHash>
#include <QList>
#include <QRegularExpression>

#include <utility>

namespace orb {

QString CatalogText::modelName(const QString &type)
{
    // Written out (not derived from the code) so that each has its translation.
    static const QHash<QString, const char *> names = {
        {QStringLiteral("unit"), QT_TR_NOOP("Unit")},
        {QStringLiteral("tiered"), QT_TR_NOOP("Tiered")},
        {QStringLiteral("bulk"), QT_TR_NOOP("Bulk")},
        {QStringLiteral("package"), QT_TR_NOOP("Package")},
        {QStringLiteral("matrix"), QT_TR_NOOP("Matrix")},
        {QStringLiteral("threshold_total_amount"), QT_TR_NOOP("Threshold total amount")},
        {QStringLiteral("tiered_package"), QT_TR_NOOP("Tiered package")},
        {QStringLiteral("tiered_with_minimum"), QT_TR_NOOP("Tiered with minimum")},
        {QStringLiteral("tiered_package_with_minimum"), QT_TR_NOOP("Tiered package with minimum")},
        {QStringLiteral("unit_with_percent"), QT_TR_NOOP("Unit with percent")},
        {QStringLiteral("package_with_allocation"), QT_TR_NOOP("Package with allocation")},
        {QStringLiteral("matrix_with_allocation"), QT_TR_NOOP("Matrix with allocation")},
        {QStringLiteral("matrix_with_display_name"), QT_TR_NOOP("Matrix with display name")},
        {QStringLiteral("grouped_tiered"), QT_TR_NOOP("Grouped tiered")},
        {QStringLiteral("grouped_tiered_package"), QT_TR_NOOP("Grouped tiered package")},
        {QStringLiteral("grouped_allocation"), QT_TR_NOOP("Grouped allocation")},
        {QStringLiteral("grouped_with_prorated_minimum"), QT_TR_NOOP("Grouped with prorated minimum")},
        {QStringLiteral("grouped_with_min_max_thresholds"), QT_TR_NOOP("Grouped with minimum and maximum")},
        {QStringLiteral("max_group_tiered_package"), QT_TR_NOOP("Tiered package by largest group")},
        {QStringLiteral("bulk_with_filters"), QT_TR_NOOP("Bulk with filters")},
        {QStringLiteral("bps"), QT_TR_NOOP("Basis points (BPS)")},
        {QStringLiteral("bulk_bps"), QT_TR_NOOP("Bulk BPS")},
        {QStringLiteral("tiered_bps"), QT_TR_NOOP("Tiered BPS")},
        {QStringLiteral("minimum_composite"), QT_TR_NOOP("Minimum composite")},
        {QStringLiteral("percent"), QT_TR_NOOP("Percent of other prices")},
        {QStringLiteral("unit_with_proration"), QT_TR_NOOP("Unit with proration")},
        {QStringLiteral("tiered_with_proration"), QT_TR_NOOP("Tiered with proration")},
        {QStringLiteral("bulk_with_proration"), QT_TR_NOOP("Bulk with proration")},
        {QStringLiteral("grouped_tiered_matrix"), QT_TR_NOOP("Grouped tiered matrix")},
        {QStringLiteral("grouped_with_metered_minimum"), QT_TR_NOOP("Grouped with metered minimum")},
        {QStringLiteral("cumulative_grouped_bulk"), QT_TR_NOOP("Cumulative grouped bulk")},
        {QStringLiteral("cumulative_grouped_allocation"), QT_TR_NOOP("Cumulative grouped allocation")},
        {QStringLiteral("scalable_matrix_with_unit_pricing"), QT_TR_NOOP("Scalable matrix with unit pricing")},
        {QStringLiteral("scalable_matrix_with_tiered_pricing"), QT_TR_NOOP("Scalable matrix with tiered pricing")},
        {QStringLiteral("matrix_with_threshold_discounts"), QT_TR_NOOP("Matrix with threshold discounts")},
        {QStringLiteral("event_output"), QT_TR_NOOP("Event output")},
        {QStringLiteral("metered_allowance"), QT_TR_NOOP("Metered allowance")},
        {QStringLiteral("daily_credit_allowance"), QT_TR_NOOP("Daily credit allowance")},
        {QStringLiteral("percentage"), QT_TR_NOOP("Percentage of volume")},
        {QStringLiteral("graduated_percentage"), QT_TR_NOOP("Graduated percentage")},
    };
    if (const char *name = names.value(type))
        return tr(name);
    // A model this window does not know yet: its code in words.
    QString t = QString(type).replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!t.isEmpty())
        t[0] = t[0].toUpper();
    return t;
}

// The words below are the ones the price editor, the price summary, the metric dialog and the
// invoice already show, in those contexts, so each has its one translation.
namespace {

QString translated(const char *context, const char *text, int n = -1)
{
    return QCoreApplication::translate(context, text, nullptr, n);
}

} // namespace

QString CatalogText::cadenceName(const QString &cadence)
{
    static const QHash<QString, const char *> names = {
        {QStringLiteral("monthly"), QT_TRANSLATE_NOOP("orb::PriceSummary", "Monthly")},
        {QStringLiteral("quarterly"), QT_TRANSLATE_NOOP("orb::PriceSummary", "Quarterly")},
        {QStringLiteral("semi_annual"), QT_TRANSLATE_NOOP("orb::PriceSummary", "Every six months")},
        {QStringLiteral("annual"), QT_TRANSLATE_NOOP("orb::PriceSummary", "Annually")},
        {QStringLiteral("one_time"), QT_TRANSLATE_NOOP("orb::PriceSummary", "Once")},
    };
    if (const char *name = names.value(cadence))
        return translated("orb::PriceSummary", name);
    if (cadence == QLatin1String("custom"))
        return translated("orb::PriceEditor", QT_TRANSLATE_NOOP("orb::PriceEditor", "Custom billing cycle"));
    return cadence;
}

QString CatalogText::cadenceName(const QJsonObject &price)
{
    const QString cadence = price.value(QStringLiteral("cadence")).toString();
    const QJsonObject cycle = price.value(QStringLiteral("billing_cycle_configuration")).toObject();
    if (cadence == QLatin1String("custom") || (cadence.isEmpty() && !cycle.isEmpty())) {
        const int n = cycle.value(QStringLiteral("duration")).toInt();
        return cycle.value(QStringLiteral("duration_unit")).toString() == QLatin1String("day")
                   ? translated("orb::PriceSummary", QT_TRANSLATE_N_NOOP("orb::PriceSummary", "Every %Ln day(s)"), n)
                   : translated("orb::PriceSummary", QT_TRANSLATE_N_NOOP("orb::PriceSummary", "Every %Ln month(s)"), n);
    }
    return cadenceName(cadence);
}

QString CatalogText::aggregationName(const QString &a)
{
    static const QHash<QString, const char *> names = {
        {QStringLiteral("count"), QT_TRANSLATE_NOOP("orb::NewMetricDialog", "Count the events")},
        {QStringLiteral("sum"), QT_TRANSLATE_NOOP("orb::NewMetricDialog", "Sum of a property")},
        {QStringLiteral("max"), QT_TRANSLATE_NOOP("orb::NewMetricDialog", "Largest value of a property")},
        {QStringLiteral("min"), QT_TRANSLATE_NOOP("orb::NewMetricDialog", "Smallest value of a property")},
        {QStringLiteral("average"), QT_TRANSLATE_NOOP("orb::NewMetricDialog", "Average of a property")},
        {QStringLiteral("unique_count"), QT_TRANSLATE_NOOP("orb::NewMetricDialog", "Number of distinct values of a property")},
        {QStringLiteral("latest"), QT_TRANSLATE_NOOP("orb::NewMetricDialog", "Latest value of a property")},
        {QStringLiteral("weighted_sum"), QT_TRANSLATE_NOOP("orb::NewMetricDialog", "Time-weighted sum of a property")},
    };
    if (const char *name = names.value(a))
        return translated("orb::NewMetricDialog", name);
    return a;
}

QString CatalogText::adjustmentName(const QString &type)
{
    static const QHash<QString, const char *> names = {
        {QStringLiteral("percentage_discount"), QT_TRANSLATE_NOOP("orb::InvoiceDocument", "Percentage discount")},
        {QStringLiteral("amount_discount"), QT_TRANSLATE_NOOP("orb::InvoiceDocument", "Amount discount")},
        {QStringLiteral("usage_discount"), QT_TRANSLATE_NOOP("orb::InvoiceDocument", "Usage discount")},
        {QStringLiteral("minimum"), QT_TRANSLATE_NOOP("orb::InvoiceDocument", "Minimum")},
        {QStringLiteral("maximum"), QT_TRANSLATE_NOOP("orb::InvoiceDocument", "Maximum")},
    };
    if (const char *name = names.value(type))
        return translated("orb::InvoiceDocument", name);
    return QString(type).replace(QLatin1Char('_'), QLatin1Char(' '));
}

bool CatalogText::isMoneyKey(const QString &key)
{
    // Bounds of units or volume, package sizes, allocations, factors and rates in percent or
    // basis points are plain numbers; amounts, unit prices and per-unit rates are money.
    static const QStringList plain = {QStringLiteral("maximum_units"),
                                      QStringLiteral("first_unit"),
                                      QStringLiteral("last_unit"),
                                      QStringLiteral("tier_lower_bound"),
                                      QStringLiteral("threshold"),
                                      QStringLiteral("package_size"),
                                      QStringLiteral("allocation"),
                                      QStringLiteral("group_allocation"),
                                      QStringLiteral("cumulative_allocation"),
                                      QStringLiteral("scaling_factor"),
                                      QStringLiteral("bps"),
                                      QStringLiteral("percent"),
                                      QStringLiteral("rate"),
                                      QStringLiteral("daily_allowance"),
                                      QStringLiteral("free_units_per_events"),
                                      QStringLiteral("free_units_per_total_aggregation"),
                                      QStringLiteral("below_threshold_discount_percentage"),
                                      QStringLiteral("above_threshold_discount_percentage"),
                                      QStringLiteral("fixed_price_quantity"),
                                      QStringLiteral("conversion_rate"),
                                      QStringLiteral("default_unit_amount_credits")};
    if (plain.contains(key))
        return false;
    return key.endsWith(QLatin1String("amount")) || key.endsWith(QLatin1String("_rate")) || key == QLatin1String("per_unit")
           || key == QLatin1String("unit_price") || key == QLatin1String("minimum") || key == QLatin1String("maximum") || key.endsWith(QLatin1String("_charge"))
           || key == QLatin1String("per_unit_maximum") || key == QLatin1String("package_amount");
}

QString CatalogText::valueText(const QString &key, const QJsonValue &v, const QString &currency)
{
    if (v.isNull() || v.isUndefined())
        return translated("orb::PriceSummary", QT_TRANSLATE_NOOP("orb::PriceSummary", "no limit"));
    if (v.isBool())
        return v.toBool() ? translated("orb::PriceSummary", QT_TRANSLATE_NOOP("orb::PriceSummary", "yes"))
                          : translated("orb::PriceSummary", QT_TRANSLATE_NOOP("orb::PriceSummary", "no"));
    // A number in the JSON is read as the decimal it was written from, never through a double.
    const std::optional<Decimal> d = Decimal::tryParse(PriceConfigEditor::decimalText(v));
    if (!d)
        return v.toString();
    return isMoneyKey(key) && !currency.isEmpty() ? LocaleFormat::unitPrice(*d, currency) : LocaleFormat::decimal(*d);
}

QString CatalogText::message(const QString &m)
{
    // Exact phrases first, then phrases with a value in them.
    static const QHash<QString, const char *> exact = {
        {QStringLiteral("is required"), QT_TR_NOOP("is required")},
        {QStringLiteral("must not be empty"), QT_TR_NOOP("must not be empty")},
        {QStringLiteral("must be an object"), QT_TR_NOOP("must be an object")},
        {QStringLiteral("must not be negative"), QT_TR_NOOP("must not be negative")},
        {QStringLiteral("must be true or false"), QT_TR_NOOP("must be true or false")},
        {QStringLiteral("must be greater than zero"), QT_TR_NOOP("must be greater than zero")},
        {QStringLiteral("must be an integer"), QT_TR_NOOP("must be a whole number")},
        {QStringLiteral("must be an array"), QT_TR_NOOP("must be a list")},
        {QStringLiteral("must be a string"), QT_TR_NOOP("must be text")},
        {QStringLiteral("must be a finite number"), QT_TR_NOOP("must be a number")},
        {QStringLiteral("must be a decimal string or number"), QT_TR_NOOP("must be a number")},
        {QStringLiteral("only the last tier may be unbounded (null)"), QT_TR_NOOP("only the last tier may be without a limit")},
        {QStringLiteral("the first tier must start at 0"), QT_TR_NOOP("the first tier must start at 0")},
        {QStringLiteral("the last tier must be unbounded (null)"), QT_TR_NOOP("the last tier must be without a limit")},
        {QStringLiteral("the lowest tier_lower_bound must be 0"), QT_TR_NOOP("the lowest bound must be 0")},
        {QStringLiteral("must be a percentage from 0 to 100"), QT_TR_NOOP("must be a percentage from 0 to 100")},
        {QStringLiteral("must be a non-empty string"), QT_TR_NOOP("must not be empty")},
        {QStringLiteral("must be a string or null"), QT_TR_NOOP("must be text or empty")},
        {QStringLiteral("must be a non-empty string or null"), QT_TR_NOOP("must be text or empty")},
        {QStringLiteral("must be a fraction greater than 0 and at most 1"), QT_TR_NOOP("must be a fraction greater than 0 and at most 1")},
        {QStringLiteral("must name at least one property"), QT_TR_NOOP("must name at least one property")},
        {QStringLiteral("must hold one or two entries"), QT_TR_NOOP("must hold one or two entries")},
    };
    const QString trimmed = m.trimmed();
    if (const char *t = exact.value(trimmed))
        return tr(t);
    static const QList<std::pair<QRegularExpression, const char *>> patterns = {
        {QRegularExpression(QStringLiteral("^must be at least (\\S+)$")), QT_TR_NOOP("must be at least %1")},
        {QRegularExpression(QStringLiteral("^must be greater than the previous tier's \\S+ (\\S+)$")), QT_TR_NOOP("must be greater than the tier above (%1)")},
        {QRegularExpression(QStringLiteral("^must be greater than the previous tier's bound (\\S+)$")), QT_TR_NOOP("must be greater than the tier above (%1)")},
        {QRegularExpression(QStringLiteral("^must be a multiple of package_size (\\S+)$")), QT_TR_NOOP("must be a multiple of the package size %1")},
        {QRegularExpression(QStringLiteral("^is required for model_type '([^']*)'$")), QT_TR_NOOP("is required for the model %1")},
        {QRegularExpression(QStringLiteral("^unknown model_type '([^']*)'$")), QT_TR_NOOP("%1 is not a price model")},
        {QRegularExpression(QStringLiteral("^repeats the cell of matrix_values\\[(\\d+)\\]$")), QT_TR_NOOP("repeats cell %1")},
    };
    for (const auto &[re, text] : patterns) {
        const QRegularExpressionMatch match = re.match(trimmed);
        if (!match.hasMatch())
            continue;
        QString arg = match.captured(1);
        if (text == patterns.at(4).second || text == patterns.at(5).second)
            arg = modelName(arg);
        else if (text == patterns.at(6).second)
            arg = QString::number(arg.toInt() + 1);
        else if (const auto d = Decimal::tryParse(arg))
            arg = LocaleFormat::decimal(*d);
        return tr(text).arg(arg);
    }
    return m;
}

} // namespace orb
