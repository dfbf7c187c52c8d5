#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTimer;

namespace orb {

class Clock;
class CompanyFile;
class CustomerService;
class CustomerTableModel;

/// The customer list with search, sort and archive, an editor dialog, and a detail pane.
class CustomersScreen final : public QWidget
{
    Q_OBJECT

public:
    CustomersScreen(CompanyFile &file, const Clock &clock, QWidget *parent = nullptr);
    ~CustomersScreen() override;

    CustomerTableModel *model() const { return m_model; }

public slots:
    void newCustomer();
    void editCustomer();
    void toggleArchive();

signals:
    /// A customer was created or changed (the dashboard counts them).
    void customersChanged();

private:
    void updateActions();
    void showDetails();
    void selectId(const QString &id);
    QString selectedId() const;

    CompanyFile &m_file;
    std::unique_ptr<CustomerService> m_service;
    CustomerTableModel *m_model;
    QLineEdit *m_search;
    QCheckBox *m_showArchived;
    QPushButton *m_new;
    QPushButton *m_edit;
    QPushButton *m_archive;
    QTableView *m_table;
    QLabel *m_details;
    QTimer *m_searchDelay;
};

} // namespace orb
