// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTextBrowser;

namespace orb {

class Clock;
class CompanyFile;
class SubscriptionTableModel;

/// Subscriptions: the list (search and sort), the selected one's phases, pending changes and
/// next invoices, and the new-subscription, change-plan and cancel dialogs with their previews.
class SubscriptionsScreen final : public QWidget
{
    Q_OBJECT

public:
    SubscriptionsScreen(CompanyFile &file, const Clock &clock, QWidget *parent = nullptr);

    SubscriptionTableModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QString selectedId() const;
    bool selectSubscription(const QString &id);

public slots:
    void newSubscription();
    void changePlan();
    void cancelSubscription();
    void reload();

signals:
    /// Subscriptions (and so their invoices or the customer balance) changed.
    void subscriptionsChanged();

private:
    void updateActions();
    void showDetails();

    CompanyFile &m_file;
    const Clock &m_clock;
    SubscriptionTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_search;
    QLabel *m_count;
    QTableView *m_table;
    QTextBrowser *m_detail;
    QPushButton *m_new;
    QPushButton *m_change;
    QPushButton *m_cancel;
};

} // namespace orb
