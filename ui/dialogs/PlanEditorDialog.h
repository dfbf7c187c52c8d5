// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/FieldError.h"
#include "engine/metrics/MetricDefinition.h"
#include "models/catalog/Plan.h"

#include <QDialog>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

#include <optional>

class QComboBox;
class QKeyEvent;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;

namespace orb {

class AdjustmentsEditor;
class Clock;
class CompanyFile;
class PriceEditor;

/**
 * Creates a plan, or edits one (starting from its current version), in Orb's plan shape:
 * the plan's fields and its list of prices, each with its PriceEditor and live preview. Saving
 * goes through CatalogService (createPlan / editPlan), which checks everything; when it refuses,
 * the reasons are shown in the dialog in plain words, nothing is saved and the dialog stays open.
 * Editing prices makes a new plan version; subscriptions stay on the version they are on.
 * Adjustments (discounts, minimum, maximum) are edited in their table. A refusal is shown next
 * to the field it concerns and goes once the field is corrected. Enter moves to the next field;
 * only the Save button saves.
 */
class PlanEditorDialog final : public QDialog
{
    Q_OBJECT

public:
    /// A new plan when `planId` is empty, else that plan's current version to edit (throws
    /// ServiceError NotFound when there is no such plan).
    PlanEditorDialog(CompanyFile &file, const Clock &clock, const QString &planId = QString(), QWidget *parent = nullptr);

    /// The plan as typed, in Orb's shape; *error when a price's JSON settings do not parse.
    QJsonObject planJson(QString *error = nullptr) const;
    /// Saves through the catalog service; false (and the reasons shown) when refused.
    bool save();
    /// After a save: the version stored (or the unchanged current one).
    std::optional<PlanVersion> savedVersion() const { return m_saved; }
    /// The reasons shown after a refused save; empty when none.
    QString errorText() const;

    /// Appends a price (a new monthly unit price when none is given) and shows its editor.
    PriceEditor *addPrice(const QJsonObject &price = {});
    /// Removes the price shown; a plan keeps at least one.
    void removePrice();
    /// Creates an item through the catalog service and offers it to every price (chosen in `editor`).
    bool createItem(PriceEditor *editor, const QString &name);
    /// Opens the new-metric dialog; the metric created is chosen in `editor`.
    void createMetric(PriceEditor *editor);

protected:
    void keyPressEvent(QKeyEvent *event) override;

public slots:
    void accept() override;

private:
    void load(const QString &planId);
    void showErrors(const QString &message, const FieldErrors &errors);
    QString plainPath(const QString &path, int *priceIndex) const;
    void updatePriceTitle(PriceEditor *editor);
    QList<PriceEditor *> priceEditors() const;
    void clearPlanErrors();

    CompanyFile &m_file;
    const Clock &m_clock;
    QString m_planId;
    QStringList m_items;
    QStringList m_newItems;               ///< created with the plan when it is saved; nothing is stored before
    QList<MetricDefinition> m_newMetrics; ///< likewise, the metrics defined with "New metric…"
    QStringList m_metrics;
    QLineEdit *m_name;
    QLineEdit *m_externalId;
    QComboBox *m_currency;
    QPlainTextEdit *m_description;
    QSpinBox *m_netTerms;
    QSpinBox *m_trial;
    QLineEdit *m_memo;
    AdjustmentsEditor *m_adjustments;
    QHash<QString, QLabel *> m_planErrors; ///< by the plan's JSON key: the message under the field
    QListWidget *m_priceList;
    QStackedWidget *m_priceStack;
    QPushButton *m_removePrice;
    QLabel *m_versionNote;
    QLabel *m_errors;
    QPlainTextEdit *m_metadata; ///< key=value, one a line
    std::optional<PlanVersion> m_saved;
};

} // namespace orb
