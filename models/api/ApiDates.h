// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDate>
#include <QJsonObject>
#include <QString>
#include <QTimeZone>

#include <initializer_list>

namespace orb {

class Database;

/**
 * Days in Orb's API. Orb's objects carry no plain dates: an invoice's invoice_date and
 * due_date, its line items' start_date and end_date, a subscription's start_date and end_date,
 * a credit block's effective_date and expiry_date, the upcoming invoice's target_date are all
 * ISO 8601 date-times (Orb's SDKs type them `datetime`). Orb keeps them as the start of the
 * day in the customer's time zone; Orb here keeps the day itself, so the API sends that day's
 * start in the customer's zone (the company's when the customer has none), in UTC, in the
 * format of every other instant of the API (toApiTimestamp). One helper for every object, so
 * that no field is left a plain date.
 */
namespace ApiDates {

/// The start of `day` in `zone`, as the API writes instants ("2026-03-01T08:00:00Z" for a
/// customer in Los Angeles); empty for an invalid day.
QString dayStart(const QDate &day, const QTimeZone &zone);
/// The time zone of the customer (the company's when the customer has none or is unknown).
QTimeZone customerZone(const Database &db, const QString &customerId);
/// Each of `fields` of `o` holding a day (YYYY-MM-DD) becomes dayStart(); null stays null,
/// and a value already an instant stays as it is.
void daysToInstants(QJsonObject &o, std::initializer_list<const char *> fields, const QTimeZone &zone);
/// An invoice object (Invoice::toJson()): its own days and those of its line items.
void invoiceDays(QJsonObject &invoice, const QTimeZone &zone);
/// A subscription object (SubscriptionService::toJson()): its days, its phases' and its
/// pending changes'.
void subscriptionDays(QJsonObject &subscription, const QTimeZone &zone);
/// A credit block (CreditBlockRecord::toJson()).
void creditBlockDays(QJsonObject &block, const QTimeZone &zone);

} // namespace ApiDates

} // namespace orb
