// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/FieldError.h"

#include <QHash>
#include <QJsonObject>
#include <QStringList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QVBoxLayout;

namespace orb {

class PriceConfigEditor;
class PricePreview;

/**
 * One price of a plan: its common fields (name, item, billable metric, cadence, billing in
 * advance or arrears, external price id, minimum and maximum, fixed quantity, custom cycle,
 * conversion rate, invoice grouping), its model with a form for every model (the JSON of the
 * settings behind "Advanced"), the filters of a composite price, and the live preview of what
 * it charges, fed with the price as it is being typed. Amounts stay the decimal text typed; the
 * engine's parser checks them, and its refusals are shown next to the field they concern.
 */
class PriceEditor final : public QWidget
{
    Q_OBJECT

public:
    /// `items` and `metrics` are the names the company file knows; `currency` is the plan's.
    PriceEditor(const QStringList &items, const QStringList &metrics, const QString &currency, QWidget *parent = nullptr);

    /// Shows a price in Orb's JSON (a stored price as CatalogService::describe gives it, or a new one).
    void setPrice(const QJsonObject &price);
    /// The price to save, in Orb's create shape; its currency is the plan's. When part of it
    /// cannot be written as JSON (the JSON settings editor), *error says why.
    QJsonObject price(QString *error = nullptr) const;
    /// The plan's currency, for the preview.
    void setCurrency(const QString &code);
    QString name() const;
    /// The item the price is billed under, as typed or chosen.
    QString itemName() const;
    /// The billable metric chosen (its name), empty for a fixed fee.
    QString metricName() const;
    QString externalId() const;
    void setExternalId(const QString &id);
    PricePreview *preview() const { return m_preview; }

    /// An item or metric created meanwhile: offered in the list (and chosen when `choose`).
    void addItemName(const QString &name, bool choose);
    void addMetricName(const QString &name, bool choose);

    /// Shows refusals next to their fields; paths are relative to the price ("tiered_config.tiers[1].first_unit",
    /// "name"). From then on the price is checked as it is typed, so a message goes once fixed.
    void showErrors(const FieldErrors &errors);
    /// The refusals shown now (in words), one a line; empty when none.
    QStringList errorsShown() const { return m_shown; }

signals:
    /// Anything typed.
    void changed();
    /// "Create item" was pressed with this name typed in the item box.
    void createItemRequested(const QString &name);
    /// "New metric…" was pressed.
    void createMetricRequested();

private:
    void showModel(const QString &type, const QJsonObject &config);
    void modelChosen();
    void advancedToggled(bool on);
    void updatePreview();
    void updateItemButton();
    void validate();
    void addFilterRow(const QString &field, const QString &op, const QString &values);
    QLabel *addField(QFormLayout *form, const QString &label, QWidget *field, const QString &key);

    QString m_currency;
    QLineEdit *m_name;
    QComboBox *m_item;
    QPushButton *m_createItem;
    QComboBox *m_metric;
    QComboBox *m_cadence;
    QSpinBox *m_cycleDuration;
    QComboBox *m_cycleUnit;
    QComboBox *m_billing;
    QLineEdit *m_externalId;
    QLineEdit *m_minimum;
    QLineEdit *m_maximum;
    QLineEdit *m_fixedQuantity;
    QLineEdit *m_conversionRate;
    QLineEdit *m_groupingKey;
    QComboBox *m_model;
    QCheckBox *m_advanced;
    QGroupBox *m_filtersBox;
    QTableWidget *m_filters;
    QLabel *m_filtersError;
    QVBoxLayout *m_configArea;
    PriceConfigEditor *m_config = nullptr;
    QString m_configType;
    QHash<QString, QJsonObject> m_typed; ///< what was typed per model, should the user switch back
    PricePreview *m_preview;
    QJsonObject m_kept;                     ///< the loaded price's fields without a control (discount, metadata, …)
    QString m_itemId;                       ///< the loaded item's id, used while its name is unknown
    QHash<QString, QLabel *> m_fieldErrors; ///< by the price's JSON key: the message under the field
    QLabel *m_otherErrors;
    QStringList m_shown;
    bool m_checking = false; ///< after a refusal: the price is checked as it is typed
};

} // namespace orb
