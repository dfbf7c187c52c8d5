// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shared helpers of the pricing tests: compact price JSON, usage specs and sub-line summaries,
// so each data row reads as one worked example.

#include "engine/pricing/Price.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <QTest>

namespace orb::pricing::test {

/// Parses a JSON object literal; an invalid literal is a bug in the test itself.
inline QJsonObject object(const QString &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        qFatal("bad JSON in test: %s", qPrintable(json));
    return doc.object();
}

/// A valid usage price of `modelType` with the given config, plus `extra` top-level fields.
inline QJsonObject priceJson(const QString &modelType, const QString &config, const QString &extra = QString())
{
    QJsonObject o{{QStringLiteral("name"), QStringLiteral("Test price")},
                  {QStringLiteral("item_id"), QStringLiteral("item_1")},
                  {QStringLiteral("billable_metric_id"), QStringLiteral("metric_1")},
                  {QStringLiteral("cadence"), QStringLiteral("monthly")},
                  {QStringLiteral("model_type"), modelType},
                  {modelType + QStringLiteral("_config"), object(config)}};
    if (!extra.isEmpty()) {
        const QJsonObject more = object(extra);
        for (auto it = more.begin(); it != more.end(); ++it)
            o.insert(it.key(), it.value());
    }
    return o;
}

/**
 * Usage from a compact spec:
 *   "42"                       a bare total
 *   "events:200,100,100,50"    event values (the total is their sum)
 *   "groups:region,tier|west,a=10|east,b=5"   groups by keys (the total is their sum)
 */
inline UsageQuantities usage(const QString &spec)
{
    UsageQuantities u;
    if (spec.startsWith(QStringLiteral("events:"))) {
        u.hasEventValues = true;
        u.total = Decimal(0);
        const QString list = spec.mid(7);
        if (!list.isEmpty()) {
            for (const QString &v : list.split(QLatin1Char(','))) {
                u.eventValues.append(Decimal::parse(v));
                u.total += Decimal::parse(v);
            }
        }
        return u;
    }
    if (spec.startsWith(QStringLiteral("groups:"))) {
        const QStringList parts = spec.mid(7).split(QLatin1Char('|'));
        u.groupKeys = parts.first().split(QLatin1Char(','));
        u.total = Decimal(0);
        for (qsizetype i = 1; i < parts.size(); ++i) {
            const qsizetype eq = parts.at(i).lastIndexOf(QLatin1Char('='));
            const Decimal q = Decimal::parse(parts.at(i).mid(eq + 1));
            u.groups.append(UsageGroup{parts.at(i).left(eq).split(QLatin1Char(',')), q});
            u.total += q;
        }
        return u;
    }
    return UsageQuantities::ofQuantity(Decimal::parse(spec));
}

/// "name|quantity|unit|amount" per sub-line, joined by "; " (unit "-" when none).
inline QString lines(const PriceEvaluation &e)
{
    QStringList out;
    for (const SubLineItem &l : e.subLineItems)
        out.append(l.name + QLatin1Char('|') + l.quantity.toCanonicalString() + QLatin1Char('|')
                   + (l.unitAmount ? l.unitAmount->toCanonicalString() : QStringLiteral("-")) + QLatin1Char('|') + l.amount.toCanonicalString());
    return out.join(QStringLiteral("; "));
}

/// All errors as "path: message" lines.
inline QString errorText(const FieldErrors &errors)
{
    return joinErrors(errors);
}

/// The columns every model table uses.
inline void addEvaluationColumns()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("config");
    QTest::addColumn<QString>("usage");
    QTest::addColumn<QString>("subtotal");
    QTest::addColumn<QString>("amount");
    QTest::addColumn<QString>("lines");
}

} // namespace orb::pricing::test

/// The body shared by every model table: parse, evaluate, compare subtotal, amount and lines.
#define ORB_CHECK_EVALUATION()                                                                                                                                 \
    do {                                                                                                                                                       \
        QFETCH(QString, model);                                                                                                                                \
        QFETCH(QString, config);                                                                                                                               \
        QFETCH(QString, usage);                                                                                                                                \
        QFETCH(QString, subtotal);                                                                                                                             \
        QFETCH(QString, amount);                                                                                                                               \
        QFETCH(QString, lines);                                                                                                                                \
        orb::FieldErrors errors;                                                                                                                               \
        const auto price = orb::pricing::Price::fromJson(orb::pricing::test::priceJson(model, config), &errors);                                               \
        QVERIFY2(price.has_value(), qPrintable(orb::joinErrors(errors)));                                                                                      \
        const orb::pricing::PriceEvaluation e = price->evaluate(orb::pricing::test::usage(usage));                                                             \
        QCOMPARE(e.subtotal.toCanonicalString(), subtotal);                                                                                                    \
        QCOMPARE(e.amount.toString(), amount);                                                                                                                 \
        QCOMPARE(orb::pricing::test::lines(e), lines);                                                                                                         \
    } while (false)
