// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace orb {

class Clock;
class CompanyFile;
class EventTableModel;
class ImportWizard;

/// The event browser: filter usage events by customer, event name and time; amend or
/// deprecate one; import a file (ImportWizard).
class OptionalDateEdit;

class UsageScreen final : public QWidget
{
    Q_OBJECT

public:
    UsageScreen(CompanyFile &file, const Clock &clock, QWidget *parent = nullptr);

    EventTableModel *model() const { return m_model; }
    /// Deprecates the selected event; returns the error, empty on success.
    QString deprecateSelected();
    /// Replaces the selected event's properties; returns the error, empty on success.
    QString amendSelected(const QString &propertiesJson);

public slots:
    void applyFilter();
    /// Opens the import wizard (window-modal), with `path` preselected when given; the list
    /// reloads after each import. An open wizard is brought forward instead.
    ImportWizard *openImportWizard(const QString &path = {});

private:
    QString selectedKey() const;
    void askAmend();
    void askDeprecate();

    CompanyFile &m_file;
    const Clock &m_clock;
    EventTableModel *m_model;
    QLineEdit *m_customer;
    QLineEdit *m_eventName;
    OptionalDateEdit *m_from;
    OptionalDateEdit *m_to;
    QLabel *m_count;
    QTableView *m_table;
    QPushButton *m_amend;
    QPushButton *m_deprecate;
};

} // namespace orb
