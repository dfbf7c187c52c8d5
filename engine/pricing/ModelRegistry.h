// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/pricing/JsonReader.h"
#include "engine/pricing/PriceModel.h"

#include <QJsonObject>
#include <QStringList>

#include <memory>

namespace orb::pricing {

/// Parses a `<model_type>_config` object found at `path`; nullptr (with errors recorded) if invalid.
using ModelParser = std::shared_ptr<const PriceModel> (*)(JsonReader &reader, const QJsonObject &config, const QString &path);

/// The table from model_type to its config parser.
class ModelRegistry final
{
public:
    /// The parser of a model type, or nullptr for an unknown one.
    static ModelParser parserFor(const QString &modelType);
    /// Every supported model type, sorted.
    static QStringList modelTypes();
};

// One parser per model type, defined in the family files.
// BasicModels.cpp
std::shared_ptr<const PriceModel> parseUnitModel(JsonReader &, const QJsonObject &, const QString &);
std::shared_ptr<const PriceModel> parseTieredModel(JsonReader &, const QJsonObject &, const QString &);
std::shared_ptr<const PriceModel> parseBulkModel(JsonReader &, const QJsonObject &, const QString &);
std::shared_ptr<const PriceModel> parsePackageModel(JsonReader &, const QJsonObject &, const QString &);
std::shared_ptr<const PriceModel> parseThresholdTotalAmountModel(JsonReader &, const QJsonObject &, const QString &);
std::shared_ptr<const PriceModel> parseUnitWithPercentModel(JsonReader &, const QJsonObject &, const QString &);
std::shared_ptr<const PriceModel> parsePackageWithAllocationModel(JsonReader &, const QJsonObject &, const QString &);
// TieredFamilyModels.cpp
std::shared_ptr<const PriceModel> parseTieredPackageModel(JsonReader &, const QJsonObject &, const QString &);
std::shared_ptr<const PriceModel> parseTieredWithMinimumModel(JsonReader &, const QJsonObject &, const QString &);
std::shared_ptr<const PriceModel> parseTieredPackageWithMinimumModel(JsonReader &, const QJsonObject &, const QString &);
// MatrixModels.cpp
std::shared_ptr<const PriceModel> parseMatrixModel(JsonReader &, const QJsonObject &, const QString &);
std::shared_ptr<const PriceModel> parseMatrixWithAllocationModel(JsonReader &, const QJsonObject &, const QString &);
std::shared_ptr<const PriceModel> parseMatrixWithDisplayNameModel(JsonReader &, const QJsonObject &, const QString &);
std::shared_ptr<const PriceModel> parseBulkWithFiltersModel(JsonReader &, const QJsonObject &, const QString &);
// GroupedModels.cpp
std::shared_ptr<const PriceModel> parseGroupedTieredModel(JsonReader &, const QJsonObject &, const QString &);
std::shared_ptr<const PriceModel> parseGroupedTieredPackageModel(JsonReader &, const QJsonObject &, const QString &);
std::shared_ptr<const PriceModel> parseGroupedAllocationModel(JsonReader &, const QJsonObject &, const QString &);
std::shared_ptr<const PriceModel> parseGroupedWithProratedMinimumModel(JsonReader &, const QJsonObject &, const QString &);
std::shared_ptr<const PriceModel> parseGroupedWithMinMaxThresholdsModel(JsonReader &, const QJsonObject &, const QString &);
std::shared_ptr<const PriceModel> parseMaxGroupTieredPackageModel(JsonReader &, const QJsonObject &, const QString &);
// EventModels.cpp
std::shared_ptr<const PriceModel> parseBpsModel(JsonReader &, const QJsonObject &, const QString &);
std::shared_ptr<const PriceModel> parseBulkBpsModel(JsonReader &, const QJsonObject &, const QString &);
std::shared_ptr<const PriceModel> parseTieredBpsModel(JsonReader &, const QJsonObject &, const QString &);
std::shared_ptr<const PriceModel> parsePercentageModel(JsonReader &, const QJsonObject &, const QString &);
std::shared_ptr<const PriceModel> parseGraduatedPercentageModel(JsonReader &, const QJsonObject &, const QString &);
// ProrationModels.cpp
std::shared_ptr<const PriceModel> parseUnitWithProrationModel(JsonReader &, const QJsonObject &, const QString &);
std::shared_ptr<const PriceModel> parseTieredWithProrationModel(JsonReader &, const QJsonObject &, const QString &);
std::shared_ptr<const PriceModel> parseBulkWithProrationModel(JsonReader &, const QJsonObject &, const QString &);
// CumulativeModels.cpp
std::shared_ptr<const PriceModel> parseGroupedTieredMatrixModel(JsonReader &, const QJsonObject &, const QString &);
std::shared_ptr<const PriceModel> parseGroupedWithMeteredMinimumModel(JsonReader &, const QJsonObject &, const QString &);
std::shared_ptr<const PriceModel> parseCumulativeGroupedBulkModel(JsonReader &, const QJsonObject &, const QString &);
std::shared_ptr<const PriceModel> parseCumulativeGroupedAllocationModel(JsonReader &, const QJsonObject &, const QString &);
// ScalableMatrixModels.cpp
std::shared_ptr<const PriceModel> parseScalableMatrixWithUnitPricingModel(JsonReader &, const QJsonObject &, const QString &);
std::shared_ptr<const PriceModel> parseScalableMatrixWithTieredPricingModel(JsonReader &, const QJsonObject &, const QString &);
std::shared_ptr<const PriceModel> parseMatrixWithThresholdDiscountsModel(JsonReader &, const QJsonObject &, const QString &);
// AllowanceModels.cpp
std::shared_ptr<const PriceModel> parseEventOutputModel(JsonReader &, const QJsonObject &, const QString &);
std::shared_ptr<const PriceModel> parseMeteredAllowanceModel(JsonReader &, const QJsonObject &, const QString &);
std::shared_ptr<const PriceModel> parseDailyCreditAllowanceModel(JsonReader &, const QJsonObject &, const QString &);
// CompositeModels.cpp
std::shared_ptr<const PriceModel> parseMinimumCompositeModel(JsonReader &, const QJsonObject &, const QString &);
std::shared_ptr<const PriceModel> parsePercentModel(JsonReader &, const QJsonObject &, const QString &);

} // namespace orb::pricing
