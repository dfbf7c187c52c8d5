// SPDX-License-Identifier: GPL-3.0-or-later
// Days in Orb's API (ApiDates): the start of the day in the customer's zone, as an instant.
#include "models/api/ApiDates.h"

#include <QJsonArray>
#include <QTest>

using namespace orb;

class TestApiDates : public QObject
{
    Q_OBJECT

private slots:
    void dayStart_data();
    void dayStart();
    void invoiceFields();
};

void TestApiDates::dayStart_data()
{
    QTest::addColumn<QDate>("day");
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QString>("instant");
    QTest::newRow("UTC") << QDate(2026, 3, 1) << QStringLiteral("UTC") << QStringLiteral("2026-03-01T00:00:00Z");
    QTest::newRow("Los Angeles, standard time") << QDate(2026, 3, 1) << QStringLiteral("America/Los_Angeles") << QStringLiteral("2026-03-01T08:00:00Z");
    QTest::newRow("Los Angeles, daylight time") << QDate(2026, 4, 1) << QStringLiteral("America/Los_Angeles") << QStringLiteral("2026-04-01T07:00:00Z");
    QTest::newRow("Berlin") << QDate(2026, 7, 1) << QStringLiteral("Europe/Berlin") << QStringLiteral("2026-06-30T22:00:00Z");
    QTest::newRow("Kolkata, half hour") << QDate(2026, 1, 1) << QStringLiteral("Asia/Kolkata") << QStringLiteral("2025-12-31T18:30:00Z");
    // Midnight did not exist that day (clocks went from 00:00 to 01:00): the day began at 01:00.
    QTest::newRow("Sao Paulo, midnight in a gap") << QDate(2018, 11, 4) << QStringLiteral("America/Sao_Paulo") << QStringLiteral("2018-11-04T03:00:00Z");
    QTest::newRow("unknown zone: UTC") << QDate(2026, 3, 1) << QStringLiteral("Nowhere/Else") << QStringLiteral("2026-03-01T00:00:00Z");
    QTest::newRow("no day") << QDate() << QStringLiteral("UTC") << QString();
}

void TestApiDates::dayStart()
{
    QFETCH(QDate, day);
    QFETCH(QString, zone);
    QFETCH(QString, instant);
    QCOMPARE(ApiDates::dayStart(day, QTimeZone(zone.toUtf8())), instant);
}

void TestApiDates::invoiceFields()
{
    QJsonObject inv{{QStringLiteral("invoice_date"), QStringLiteral("2026-03-01")},
                    {QStringLiteral("due_date"), QJsonValue(QJsonValue::Null)},
                    {QStringLiteral("created_at"), QStringLiteral("2026-02-28T10:00:00Z")},
                    {QStringLiteral("line_items"), QJsonArray{QJsonObject{{QStringLiteral("start_date"), QStringLiteral("2026-02-01")},
                                                                          {QStringLiteral("end_date"), QStringLiteral("2026-03-01")}}}}};
    ApiDates::invoiceDays(inv, QTimeZone("America/New_York"));
    QCOMPARE(inv.value(QStringLiteral("invoice_date")).toString(), QStringLiteral("2026-03-01T05:00:00Z"));
    QVERIFY(inv.value(QStringLiteral("due_date")).isNull());
    QCOMPARE(inv.value(QStringLiteral("created_at")).toString(), QStringLiteral("2026-02-28T10:00:00Z"));
    const QJsonObject line = inv.value(QStringLiteral("line_items")).toArray().first().toObject();
    QCOMPARE(line.value(QStringLiteral("start_date")).toString(), QStringLiteral("2026-02-01T05:00:00Z"));
    QCOMPARE(line.value(QStringLiteral("end_date")).toString(), QStringLiteral("2026-03-01T05:00:00Z"));
}

QTEST_GUILESS_MAIN(TestApiDates)
#include "tst_apidates.moc"
