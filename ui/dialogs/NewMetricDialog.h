// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/metrics/MetricDefinition.h"

#include <QDialog>
#include <QStringList>

class QComboBox;
class QLabel;
class QLineEdit;

namespace orb {

class Clock;
class CompanyFile;

/**
 * Defines a billable metric from the price form: its name, the event it counts, how it
 * aggregates and the property it reads. Nothing is stored here: the definition is checked as
 * CatalogService would check it (CatalogService::checkNewMetric) and handed to the plan editor,
 * which creates it with the plan (createPlan/editPlan newMetrics), so a plan cancelled leaves
 * no metric behind. A refusal is shown next to its field and the dialog stays open.
 */
class NewMetricDialog final : public QDialog
{
    Q_OBJECT

public:
    /// `pending`: metrics already defined in the same plan editor, not stored yet.
    NewMetricDialog(CompanyFile &file, const Clock &clock, const QStringList &pending = {}, QWidget *parent = nullptr);

    /// After an accept: the new metric's name.
    QString createdName() const { return m_created; }
    /// After an accept: the metric as defined, to be created with the plan.
    const MetricDefinition &definition() const { return m_definition; }
    /// Checks the metric; false (and the reasons shown) when it could not be created.
    bool create();

public slots:
    void accept() override;

private:
    CompanyFile &m_file;
    const Clock &m_clock;
    QLineEdit *m_name;
    QLineEdit *m_event;
    QComboBox *m_aggregation;
    QLineEdit *m_property;
    QLabel *m_nameError;
    QLabel *m_eventError;
    QLabel *m_propertyError;
    QLabel *m_otherError;
    QStringList m_pending;
    QString m_created;
    MetricDefinition m_definition;
};

} // namespace orb
