// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>
#include <QDate>

namespace orb {

class Database;

/**
 * Subscriptions for a table: customer, plan, status, dates, alignment, trial and coupon. A
 * company has at most thousands of them, so the rows are read at once; the screen sorts and
 * filters through a QSortFilterProxyModel (RawValueRole sorts dates and counts).
 */
class SubscriptionTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Customer, Plan, Status, Start, End, Alignment, Trial, Coupon, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, StatusRole, CustomerIdRole, RawValueRole };

    explicit SubscriptionTableModel(const Database &db, QObject *parent = nullptr);

    /// The day statuses are judged on (upcoming, active, ended).
    void setToday(QDate today);
    /// Only this customer's subscriptions (id); empty for all.
    void setCustomer(const QString &customerId);
    void reload();
    int rowOf(const QString &id) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        QString id;
        QString customerId;
        QString customer;
        QString plan;
        QDate start;
        QDate end;
        QString alignment;
        int trialDays = 0;
        QString coupon;
    };
    QString status(const Row &r) const;

    const Database &m_db;
    QDate m_today;
    QString m_customerId;
    QList<Row> m_rows;
};

} // namespace orb
