// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

class QUndoStack;

namespace orb {

class Clock;
class CompanyFile;
class MetricTableModel;
class PlanTableModel;
class PricePreview;
class PriceSummary;
class PriceTableModel;

/**
 * The catalog: plans with their versions, adjustments and prices, each price with a live
 * preview of what it charges; the billable metrics; import and export of a catalog file.
 */
class PlansScreen final : public QWidget
{
    Q_OBJECT

public:
    PlansScreen(CompanyFile &file, const Clock &clock, QWidget *parent = nullptr);

    /// Saved plan edits become undoable steps on this stack.
    void setUndoStack(QUndoStack *undo) { m_undo = undo; }

    /// Imports a catalog file; returns the summary or the errors shown to the user.
    QString importFile(const QString &path, bool *ok = nullptr);

public slots:
    void importCatalog();
    void exportCatalog();
    void reload();
    /// The plan editor for a new plan; the saved plan is then selected.
    void newPlan();
    /// The plan editor over the selected plan's current version.
    void editPlan();
    /// Archives the selected plan, after asking.
    void archivePlan();

signals:
    void catalogChanged();

private:
    void showPlan();
    void showPrice();
    QString selectedPlanId() const;
    void selectPlan(const QString &planId);
    void updatePlanButtons();

    CompanyFile &m_file;
    const Clock &m_clock;
    PlanTableModel *m_plans;
    PriceTableModel *m_prices;
    MetricTableModel *m_metrics;
    QTableView *m_planTable;
    QTableView *m_priceTable;
    QComboBox *m_version;
    QLabel *m_planSummary;
    PriceSummary *m_summary;
    PricePreview *m_preview;
    QPushButton *m_editPlan;
    QPushButton *m_archivePlan;
    QUndoStack *m_undo = nullptr;
    QHash<QString, QString> m_itemNames;   ///< of the version shown, by id
    QHash<QString, QString> m_metricNames; ///< of the version shown, by id
    QString m_currencyCode;
};

} // namespace orb
