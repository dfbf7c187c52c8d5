// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Usage.h"
#include "engine/pricing/PriceModel.h"

#include <QWidget>

#include <optional>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTableWidget;
class QTimer;

namespace orb {

/**
 * A price (Orb's JSON) and what it charges, live: type a quantity, usage per group for matrix
 * and grouped models, or each event's value for per-transaction models, and see the subtotal,
 * the amount rounded to the currency and the sub-line items. Uses the same engine code as
 * `orbctl price evaluate` and the invoice run.
 */
class PricePreview final : public QWidget
{
    Q_OBJECT

public:
    explicit PricePreview(QWidget *parent = nullptr);

    void setPriceJson(const QString &json);
    QString priceJson() const;
    void setReadOnly(bool readOnly);
    /// Shows or hides the price's JSON beside the result (an "Advanced" view; the quantity and result stay).
    void setJsonVisible(bool visible);
    /// Parses the usage typed in; nothing when it is malformed (*error says where).
    std::optional<UsageQuantities> usage(const QStringList &groupKeys, bool eventValues, QString *error) const;
    /// For the proration models: the quantities in force typed in ("10 x 10", one a line) and
    /// the period's days; an empty list prices the quantity for the whole period.
    std::optional<pricing::EvaluationContext> prorationContext(QString *error) const;

public slots:
    /// Evaluates now (the editors call it after a short pause).
    void evaluate();

private:
    void showError(const QString &text);
    void showProration(bool visible);

    QPlainTextEdit *m_json;
    QLineEdit *m_quantity;
    QLabel *m_groupsLabel;
    QPlainTextEdit *m_groups;
    QLabel *m_eventsLabel;
    QPlainTextEdit *m_events;
    QLabel *m_scheduleLabel;
    QPlainTextEdit *m_schedule;
    QLineEdit *m_periodDays;
    QLabel *m_summary;
    QLabel *m_errors;
    QTableWidget *m_subLines;
    QTimer *m_delay;
};

} // namespace orb
