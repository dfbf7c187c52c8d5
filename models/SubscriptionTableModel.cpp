// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/SubscriptionTableModel.h"

#include "models/Database.h"
#include "models/billing/BillingRecords.h"

#include <QSqlQuery>

namespace orb {

SubscriptionTableModel::SubscriptionTableModel(const Database &db, QObject *parent) : QAbstractTableModel(parent), m_db(db), m_today(QDate::currentDate())
{
    reload();
}

void SubscriptionTableModel::setToday(QDate today)
{
    m_today = today;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, Status), index(int(m_rows.size()) - 1, Status));
}

void SubscriptionTableModel::setCustomer(const QString &customerId)
{
    m_customerId = customerId;
    reload();
}

void SubscriptionTableModel::reload()
{
    beginResetModel();
    m_rows.clear();
    QVariantList binds;
    if (!m_customerId.isEmpty())
        binds << m_customerId;
    QSqlQuery q =
        m_db.exec(QStringLiteral("SELECT s.id, s.customer_id, COALESCE(c.name, s.customer_id), COALESCE(p.name, s.plan_id), s.start_date, "
                                 "s.end_date, s.alignment, s.trial_days, COALESCE(k.code, '') FROM subscriptions s "
                                 "LEFT JOIN customers c ON c.id = s.customer_id LEFT JOIN plans p ON p.id = s.plan_id "
                                 "LEFT JOIN coupons k ON k.id = s.coupon_id ")
                      + (m_customerId.isEmpty() ? QString() : QStringLiteral("WHERE s.customer_id = ? ")) + QStringLiteral("ORDER BY s.created_at DESC, s.id"),
                  binds);
    while (q.next()) {
        Row r;
        r.id = q.value(0).toString();
        r.customerId = q.value(1).toString();
        r.customer = q.value(2).toString();
        r.plan = q.value(3).toString();
        r.start = parseDate(q.value(4).toString());
        r.end = q.value(5).isNull() ? QDate() : parseDate(q.value(5).toString());
        r.alignment = q.value(6).toString();
        r.trialDays = q.value(7).toInt();
        r.coupon = q.value(8).toString();
        m_rows.append(r);
    }
    endResetModel();
}

int SubscriptionTableModel::rowOf(const QString &id) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].id == id)
            return i;
    return -1;
}

QString SubscriptionTableModel::status(const Row &r) const
{
    if (r.start > m_today)
        return QStringLiteral("upcoming");
    if (r.end.isValid() && r.end <= m_today)
        return QStringLiteral("ended");
    return QStringLiteral("active");
}

int SubscriptionTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SubscriptionTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SubscriptionTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &r = m_rows[index.row()];
    switch (role) {
    case IdRole: return r.id;
    case CustomerIdRole: return r.customerId;
    case StatusRole: return status(r);
    case Qt::DisplayRole:
    case RawValueRole: break;
    default: return {};
    }
    const bool raw = role == RawValueRole;
    switch (index.column()) {
    case Customer: return r.customer;
    case Plan: return r.plan;
    case Status: {
        const QString s = status(r);
        if (raw)
            return s;
        return s == QLatin1String("upcoming") ? tr("Upcoming") : s == QLatin1String("ended") ? tr("Ended") : tr("Active");
    }
    case Start: return raw ? QVariant(r.start) : QVariant(displayDate(r.start));
    case End: return raw ? QVariant(r.end) : QVariant(r.end.isValid() ? displayDate(r.end) : tr("open-ended"));
    case Alignment:
        if (raw)
            return r.alignment;
        return r.alignment == QLatin1String("first_of_month") ? tr("1st of month") : tr("Start date");
    case Trial: return raw ? QVariant(r.trialDays) : QVariant(r.trialDays > 0 ? tr("%Ln day(s)", nullptr, r.trialDays) : QString());
    case Coupon: return r.coupon;
    default: return {};
    }
}

QVariant SubscriptionTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Customer: return tr("Customer");
    case Plan: return tr("Plan");
    case Status: return tr("Status");
    case Start: return tr("Start");
    case End: return tr("End");
    case Alignment: return tr("Billing anchor");
    case Trial: return tr("Trial");
    case Coupon: return tr("Coupon");
    default: return {};
    }
}

} // namespace orb
