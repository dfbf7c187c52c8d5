// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/billing/BillingRecords.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QStandardItemModel;
class QTableView;
class QUndoStack;

namespace orb {

class Clock;
class CompanyFile;
class RefusalLabels;

/**
 * Tax rates: the list (archived ones on request), a form to create one or change the
 * selected one, archive and unarchive, and the customers and items the selected rate applies
 * to, with assign and remove. Every change goes through BillingSetupService (one transaction,
 * one audit entry) and onto the undo stack, whose undo is the service's own opposite action:
 * creating ↔ deleting the never-assigned rate, archive ↔ unarchive, assign ↔ unassign, an
 * edit ↔ the edit back.
 */
class TaxRatesScreen final : public QWidget
{
    Q_OBJECT

public:
    TaxRatesScreen(CompanyFile &file, const Clock &clock, QUndoStack *undo, QWidget *parent = nullptr);

    QString selectedId() const;
    /// Selects a rate by id (showing archived ones when it is archived); false when there is none.
    bool selectRate(const QString &id);

    // The actions, as the buttons run them; each returns the refusal in plain words, empty on success.
    QString saveForm();
    QString percentageTyped() const;
    QString toggleArchive();
    /// Assigns the selected rate to the customer typed (id or external id).
    QString assignCustomer();
    /// Assigns the selected rate to the item chosen.
    QString assignItem();
    /// Takes the selected rate off the assignment selected in its list.
    QString removeAssignment();

public slots:
    void reload();
    /// Clears the form for a new rate.
    void newRate();

signals:
    /// Tax rates or their assignments changed (customer details and invoices use them).
    void taxRatesChanged();

private:
    void showSelected();
    void updateActions();
    void changed(const QString &selectId, const QString &error);
    QString assign(const QString &customer, const QString &item, const QString &label);
    std::optional<TaxRateRecord> selectedRate() const;

    CompanyFile &m_file;
    const Clock &m_clock;
    QUndoStack *m_undo;
    QList<TaxRateRecord> m_rates;
    QStandardItemModel *m_model;
    QTableView *m_table;
    QCheckBox *m_showArchived;
    QLabel *m_formTitle;
    QLineEdit *m_name;
    QLineEdit *m_percentage;
    QLabel *m_error;
    RefusalLabels *m_refusals;
    QPushButton *m_new;
    QPushButton *m_save;
    QPushButton *m_archive;
    QListWidget *m_assignments;
    QLineEdit *m_customer;
    QPushButton *m_assignCustomer;
    QComboBox *m_item;
    QPushButton *m_assignItem;
    QPushButton *m_remove;
};

} // namespace orb
