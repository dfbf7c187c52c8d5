// SPDX-License-Identifier: GPL-3.0-or-later
// fromIsoUtc reads the instants Orb stores without Qt's general ISO parser; for every text it
// must give exactly what that parser gave (the same instant, the same time spec, invalid
// where it was invalid).
#include "engine/IsoDate.h"
#include "models/Timestamps.h"

#include <QTest>

using namespace orb;

class TstTimestamps : public QObject
{
    Q_OBJECT

private slots:
    void sameAsQt_data()
    {
        QTest::addColumn<QString>("text");
        const char *texts[] = {"2026-01-01T00:00:00.000Z", "2026-12-07T19:45:01.123Z", "2024-02-29T23:59:59.999Z",
                               "2026-03-29T02:30:00.000Z", "2026-01-01T00:00:00Z",     "0001-01-01T00:00:00.000Z",
                               "9999-12-31T23:59:59.999Z", "2026-02-29T00:00:00.000Z", "2026-13-01T00:00:00.000Z",
                               "2026-00-10T00:00:00.000Z", "2026-01-32T00:00:00.000Z", "2026-01-01T24:00:00.000Z",
                               "2026-01-01T23:60:00.000Z", "2026-01-01T23:59:60.000Z", "2026-01-01T10:00:00.000+02:00",
                               "2026-01-01T10:00:00.5Z",   "2026-01-01T10:00:00.000",  "2026-01-01 10:00:00.000Z",
                               "2026-1-01T10:00:00.000Z",  "x026-01-01T10:00:00.000Z", "2026-01-01T1a:00:00.000Z",
                               "2026-01-01T10:00:00,000Z", "0000-01-01T00:00:00.000Z", "2026-01-01",
                               "٢٠٢٦-01-01T00:00:00.000Z", "2026-01-01T10:00:00.000z", "garbage"};
        for (const char *t : texts)
            QTest::newRow(t) << QString::fromUtf8(t);
    }
    void sameAsQt()
    {
        QFETCH(QString, text);
        const QDateTime qt = QDateTime::fromString(text, Qt::ISODateWithMs);
        const QDateTime expected = qt.isValid() ? qt.toUTC() : QDateTime();
        const QDateTime got = fromIsoUtc(text);
        QCOMPARE(got.isValid(), expected.isValid());
        if (expected.isValid()) {
            QCOMPARE(got, expected);
            QCOMPARE(got.timeSpec(), expected.timeSpec());
            QCOMPARE(got.toMSecsSinceEpoch(), expected.toMSecsSinceEpoch());
            QCOMPARE(isoUtcText(got), isoUtcText(expected));
        }
    }
};

QTEST_GUILESS_MAIN(TstTimestamps)
#include "tst_timestamps.moc"
