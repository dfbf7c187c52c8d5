// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/FieldError.h"

#include <QJsonObject>
#include <QList>
#include <QWidget>

#include <utility>

class QLabel;

namespace orb {

/**
 * The editor of one price model's `<model_type>_config` object, inside the PriceEditor.
 * Amounts stay the decimal text typed: the engine's parser reads and checks them when the
 * price is previewed or saved, so every rule is enforced (and explained) in one place.
 */
class PriceConfigEditor : public QWidget
{
    Q_OBJECT

public:
    using QWidget::QWidget;

    /// Shows a config; keys the editor has no control for are kept and written back.
    virtual void setConfig(const QJsonObject &config) = 0;
    /// The config as typed. When the input cannot be written as JSON at all, *error says why
    /// (in the user's words) and the config returned is the best part of it.
    virtual QJsonObject config(QString *error) const = 0;

    /// One refusal of the engine inside the config: the path below `<model>_config` ("tiers[1].first_unit",
    /// "unit_amount", "" for the whole config) and the reason.
    using ConfigErrors = QList<std::pair<QString, QString>>;
    /// Shows each refusal next to the field or cell it concerns (replacing the ones shown before);
    /// an empty list clears them.
    virtual void showErrors(const ConfigErrors &errors) = 0;

    /// The text a JSON number or string shows in a cell: exact, never through a double's rounding.
    static QString decimalText(const QJsonValue &value);
    /// A stored decimal as a field shows it for editing, in the locale's form ("0,50").
    static QString editText(const QJsonValue &value);
    /// A number typed in the locale's form in the canonical one the config stores ("0.50");
    /// what is no number stays as typed, for the catalog's checks to name.
    static QString typedDecimal(const QString &typed);
    /// An engine message in words: "must not be less than minimum_amount 5" reads "minimum amount".
    static QString plainMessage(const QString &message);
    /// A JSON path in words: "$.tiered_config.tiers[1].first_unit" reads "Tier 2, first unit".
    /// With a model type, a setting is named by its label in the form ("Group by property").
    static QString plainPath(const QString &path, const QString &modelType = QString());
    /// Refusals in words, one a line: "Tier 2, first unit: overlaps …".
    static QString plainErrors(const FieldErrors &errors, const QString &modelType = QString());
    /// A red label for a refusal, hidden until there is one.
    static QLabel *errorLabel(const QString &objectName, QWidget *parent);

signals:
    /// Anything typed: the preview follows.
    void changed();
};

} // namespace orb
