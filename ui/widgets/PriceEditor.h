// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QStringList>
#include <QWidget>

class QComboBox;
class QLineEdit;
class QVBoxLayout;

namespace orb {

class PriceConfigEditor;
class PricePreview;

/**
 * One price of a plan: its common fields (name, item, billable metric, cadence, billing in
 * advance or arrears, external price id), its model with a form for the common models (a JSON
 * editor for the others), and the live preview of what it charges, fed with the price as it
 * is being typed. Amounts stay the decimal text typed; the engine's parser checks them.
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
    PricePreview *preview() const { return m_preview; }

signals:
    /// Anything typed.
    void changed();

private:
    void showModel(const QString &type, const QJsonObject &config);
    void modelChosen();
    void updatePreview();

    QString m_currency;
    QLineEdit *m_name;
    QComboBox *m_item;
    QComboBox *m_metric;
    QComboBox *m_cadence;
    QComboBox *m_billing;
    QLineEdit *m_externalId;
    QComboBox *m_model;
    QVBoxLayout *m_configArea;
    PriceConfigEditor *m_config = nullptr;
    QString m_configType;
    QHash<QString, QJsonObject> m_typed; ///< what was typed per model, should the user switch back
    PricePreview *m_preview;
    QJsonObject m_kept; ///< the loaded price's fields without a control (minimums, discount, metadata, …)
    QString m_itemId;   ///< the loaded item's id, used while its name is unknown
};

} // namespace orb
