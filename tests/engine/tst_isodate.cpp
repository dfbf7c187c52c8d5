// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/IsoDate.h"

#include <QTest>
#include <QTimeZone>

using namespace orb;

/// The fast date and instant texts give exactly what Qt's formatting gives, which the company
/// file has always stored.
class TstIsoDate : public QObject
{
    Q_OBJECT

private slots:
    void dates_data()
    {
        QTest::addColumn<QDate>("date");
        QTest::newRow("ordinary") << QDate(2026, 12, 7);
        QTest::newRow("first of year") << QDate(2026, 1, 1);
        QTest::newRow("leap day") << QDate(2024, 2, 29);
        QTest::newRow("year 1") << QDate(1, 1, 1);
        QTest::newRow("three-digit year") << QDate(999, 9, 9);
        QTest::newRow("year 9999") << QDate(9999, 12, 31);
        QTest::newRow("year 10000") << QDate(10000, 1, 1);
        QTest::newRow("before year 1") << QDate(-1, 6, 15);
        QTest::newRow("invalid") << QDate();
    }
    void dates()
    {
        QFETCH(QDate, date);
        QCOMPARE(isoDateText(date), date.toString(Qt::ISODate));
    }

    void instants_data()
    {
        QTest::addColumn<QDateTime>("instant");
        QTest::newRow("midnight UTC") << QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
        QTest::newRow("milliseconds") << QDateTime(QDate(2026, 3, 29), QTime(23, 59, 59, 7), Qt::UTC);
        QTest::newRow("end of day") << QDateTime(QDate(2026, 12, 31), QTime(23, 59, 59, 999), Qt::UTC);
        QTest::newRow("in a zone") << QDateTime(QDate(2026, 3, 29), QTime(1, 30, 5, 250), QTimeZone("Europe/Berlin"));
        QTest::newRow("offset crossing a day") << QDateTime(QDate(2026, 1, 1), QTime(0, 30), QTimeZone("America/New_York"));
        QTest::newRow("year 1") << QDateTime(QDate(1, 1, 1), QTime(12, 0), Qt::UTC);
        QTest::newRow("year 10000") << QDateTime(QDate(10000, 1, 1), QTime(12, 0), Qt::UTC);
        QTest::newRow("invalid") << QDateTime();
    }
    void instants()
    {
        QFETCH(QDateTime, instant);
        const QString qt = instant.isValid() ? instant.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ")) : QString();
        QCOMPARE(isoUtcText(instant), qt);
    }
};

QTEST_GUILESS_MAIN(TstIsoDate)
#include "tst_isodate.moc"
