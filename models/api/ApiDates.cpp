// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/api/ApiDates.h"

#include "models/Database.h"
#include "models/Timestamps.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QVariant>

#include <functional>

namespace orb::ApiDates {

QString dayStart(const QDate &day, const QTimeZone &zone)
{
    if (!day.isValid())
        return {};
    // startOfDay: the first instant of the day also where midnight falls in a DST gap.
    return toApiTimestamp(day.startOfDay(zone.isValid() ? zone : QTimeZone::utc()));
}

QTimeZone customerZone(const Database &db, const QString &customerId)
{
    QSqlQuery q = db.exec(QStringLiteral("SELECT c.timezone, (SELECT timezone FROM company WHERE id = 1) FROM customers AS c WHERE c.id = ?"), {customerId});
    QString name;
    if (q.next())
        name = q.value(0).toString().isEmpty() ? q.value(1).toString() : q.value(0).toString();
    else
        name = db.scalar(QStringLiteral("SELECT timezone FROM company WHERE id = 1")).toString();
    const QTimeZone zone(name.toUtf8());
    return zone.isValid() ? zone : QTimeZone::utc();
}

void daysToInstants(QJsonObject &o, std::initializer_list<const char *> fields, const QTimeZone &zone)
{
    for (const char *f : fields) {
        const QString name = QLatin1String(f);
        const QJsonValue v = o.value(name);
        if (!v.isString())
            continue;
        const QString text = v.toString();
        if (text.size() != 10)
            continue; // already an instant
        const QDate day = QDate::fromString(text, Qt::ISODate);
        if (day.isValid())
            o.insert(name, dayStart(day, zone));
    }
}

namespace {

void eachObject(QJsonObject &o, const char *arrayField, const std::function<void(QJsonObject &)> &fn)
{
    const QString name = QLatin1String(arrayField);
    if (!o.value(name).isArray())
        return;
    QJsonArray items = o.value(name).toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        QJsonObject item = items.at(i).toObject();
        fn(item);
        items.replace(i, item);
    }
    o.insert(name, items);
}

} // namespace

void invoiceDays(QJsonObject &invoice, const QTimeZone &zone)
{
    daysToInstants(invoice, {"invoice_date", "due_date", "period_start", "period_end", "target_date"}, zone);
    eachObject(invoice, "line_items", [&](QJsonObject &line) { daysToInstants(line, {"start_date", "end_date"}, zone); });
}

void subscriptionDays(QJsonObject &subscription, const QTimeZone &zone)
{
    daysToInstants(subscription, {"start_date", "end_date", "current_billing_period_start_date", "current_billing_period_end_date", "trial_end_date"}, zone);
    eachObject(subscription, "phases", [&](QJsonObject &p) { daysToInstants(p, {"start_date", "end_date"}, zone); });
    eachObject(subscription, "pending_changes", [&](QJsonObject &c) { daysToInstants(c, {"effective_date"}, zone); });
}

void creditBlockDays(QJsonObject &block, const QTimeZone &zone)
{
    daysToInstants(block, {"effective_date", "expiry_date"}, zone);
}

} // namespace orb::ApiDates
