// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/pricing/ModelRegistry.h"

#include <QMap>

namespace orb::pricing {

namespace {

const QMap<QString, ModelParser> &parsers()
{
    static const QMap<QString, ModelParser> table = {
        {QStringLiteral("unit"), &parseUnitModel},
        {QStringLiteral("tiered"), &parseTieredModel},
        {QStringLiteral("bulk"), &parseBulkModel},
        {QStringLiteral("package"), &parsePackageModel},
        {QStringLiteral("matrix"), &parseMatrixModel},
        {QStringLiteral("threshold_total_amount"), &parseThresholdTotalAmountModel},
        {QStringLiteral("tiered_package"), &parseTieredPackageModel},
        {QStringLiteral("tiered_with_minimum"), &parseTieredWithMinimumModel},
        {QStringLiteral("tiered_package_with_minimum"), &parseTieredPackageWithMinimumModel},
        {QStringLiteral("unit_with_percent"), &parseUnitWithPercentModel},
        {QStringLiteral("package_with_allocation"), &parsePackageWithAllocationModel},
        {QStringLiteral("matrix_with_allocation"), &parseMatrixWithAllocationModel},
        {QStringLiteral("matrix_with_display_name"), &parseMatrixWithDisplayNameModel},
        {QStringLiteral("grouped_tiered"), &parseGroupedTieredModel},
        {QStringLiteral("grouped_tiered_package"), &parseGroupedTieredPackageModel},
        {QStringLiteral("grouped_allocation"), &parseGroupedAllocationModel},
        {QStringLiteral("grouped_with_prorated_minimum"), &parseGroupedWithProratedMinimumModel},
        {QStringLiteral("grouped_with_min_max_thresholds"), &parseGroupedWithMinMaxThresholdsModel},
        {QStringLiteral("max_group_tiered_package"), &parseMaxGroupTieredPackageModel},
        {QStringLiteral("bulk_with_filters"), &parseBulkWithFiltersModel},
        {QStringLiteral("bps"), &parseBpsModel},
        {QStringLiteral("bulk_bps"), &parseBulkBpsModel},
        {QStringLiteral("tiered_bps"), &parseTieredBpsModel},
        {QStringLiteral("minimum_composite"), &parseMinimumCompositeModel},
        {QStringLiteral("percent"), &parsePercentModel},
        {QStringLiteral("unit_with_proration"), &parseUnitWithProrationModel},
        {QStringLiteral("tiered_with_proration"), &parseTieredWithProrationModel},
        {QStringLiteral("bulk_with_proration"), &parseBulkWithProrationModel},
        {QStringLiteral("grouped_tiered_matrix"), &parseGroupedTieredMatrixModel},
        {QStringLiteral("grouped_with_metered_minimum"), &parseGroupedWithMeteredMinimumModel},
        {QStringLiteral("cumulative_grouped_bulk"), &parseCumulativeGroupedBulkModel},
        {QStringLiteral("cumulative_grouped_allocation"), &parseCumulativeGroupedAllocationModel},
        {QStringLiteral("scalable_matrix_with_unit_pricing"), &parseScalableMatrixWithUnitPricingModel},
        {QStringLiteral("scalable_matrix_with_tiered_pricing"), &parseScalableMatrixWithTieredPricingModel},
        {QStringLiteral("matrix_with_threshold_discounts"), &parseMatrixWithThresholdDiscountsModel},
        {QStringLiteral("event_output"), &parseEventOutputModel},
        {QStringLiteral("metered_allowance"), &parseMeteredAllowanceModel},
        {QStringLiteral("daily_credit_allowance"), &parseDailyCreditAllowanceModel},
        // Lago's charge models, as extensions of Orb's format.
        {QStringLiteral("percentage"), &parsePercentageModel},
        {QStringLiteral("graduated_percentage"), &parseGraduatedPercentageModel},
    };
    return table;
}

} // namespace

ModelParser ModelRegistry::parserFor(const QString &modelType)
{
    return parsers().value(modelType, nullptr);
}

QStringList ModelRegistry::modelTypes()
{
    return parsers().keys();
}

} // namespace orb::pricing
