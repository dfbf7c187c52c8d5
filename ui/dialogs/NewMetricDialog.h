// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;

namespace orb {

class Clock;
class CompanyFile;

/**
 * Defines a billable metric from the price form: its name, the event it counts, how it
 * aggregates and the property it reads. Creating goes through CatalogService::createMetric;
 * a refusal is shown next to its field and the dialog stays open.
 */
class NewMetricDialog final : public QDialog
{
    Q_OBJECT

public:
    NewMetricDialog(CompanyFile &file, const Clock &clock, QWidget *parent = nullptr);

    /// After a create: the new metric's name.
    QString createdName() const { return m_created; }
    /// Creates the metric; false (and the reasons shown) when refused.
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
    QString m_created;
};

} // namespace orb
