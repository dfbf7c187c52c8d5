// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTimer;
class QUndoStack;

namespace orb {

class Clock;
class CompanyFile;
class CustomerBillingView;
class CustomerService;
class CustomerTableModel;

/// The customer list with search, sort and archive, an editor dialog (edits are undoable),
/// and a detail pane with the customer's subscriptions, invoices, ledgers and usage.
class CustomersScreen final : public QWidget
{
    Q_OBJECT

public:
    CustomersScreen(CompanyFile &file, const Clock &clock, QWidget *parent = nullptr);
    ~CustomersScreen() override;

    CustomerTableModel *model() const { return m_model; }
    CustomerBillingView *billingView() const { return m_billing; }
    /// Where customer edits are recorded for undo (the window's stack).
    void setUndoStack(QUndoStack *undo) { m_undo = undo; }
    /// Selects a customer by id (tests, links).
    void selectCustomer(const QString &id) { selectId(id); }

public slots:
    void newCustomer();
    void editCustomer();
    void toggleArchive();
    /// Reads the selected customer's billing again (invoices changed elsewhere).
    void refreshDetails();

signals:
    /// A customer was created or changed (the dashboard counts them).
    void customersChanged();
    /// Show this customer's invoices on the Invoices screen.
    void invoicesRequested(const QString &customerId);

private:
    void updateActions();
    void showDetails();
    void selectId(const QString &id);
    QString selectedId() const;

    /// Assigns and unassigns tax rates so that the customer has `after` instead of `before`
    /// (BillingSetupService, each an audited action); throws ServiceError.
    void applyTaxRates(const QString &customerId, const QStringList &before, const QStringList &after);
    /// The ids of the tax rates assigned to the customer.
    QStringList taxRatesOf(const QString &customerId) const;

    CompanyFile &m_file;
    const Clock &m_clock;
    std::unique_ptr<CustomerService> m_service;
    CustomerTableModel *m_model;
    QLineEdit *m_search;
    QCheckBox *m_showArchived;
    QPushButton *m_new;
    QPushButton *m_edit;
    QPushButton *m_archive;
    QTableView *m_table;
    QLabel *m_details;
    CustomerBillingView *m_billing;
    QUndoStack *m_undo = nullptr;
    QTimer *m_searchDelay;
};

} // namespace orb
