// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/BackgroundReader.h"
#include "models/Database.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <memory>
#include <optional>
#include <utility>

using namespace orb;

/// The one helper for reads off the window's thread, over a real SQLite file: the read runs
/// on the reader's named thread with its own connection, results come back on the owner's
/// thread, only the latest request's result is delivered (a running one is interrupted),
/// failures are reported, and the reader can go away in the middle of a long statement.
class TestBackgroundReader : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void readsOnItsOwnNamedThread();
    void latestRequestWins();
    void reportsFailures();
    void goesAwayWhileBusy();

private:
    QTemporaryDir m_dir;
    QString m_path;
    Database m_db;
};

namespace {

// Takes seconds unless interrupted: counts to fifty million.
const char *kSlow = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 50000000) SELECT count(*) FROM n";

qint64 count(const Database &db, const QString &sql)
{
    return db.scalar(sql).toLongLong();
}

} // namespace

void TestBackgroundReader::initTestCase()
{
    m_path = m_dir.filePath(QStringLiteral("reads.sqlite"));
    m_db.open(m_path, Database::Mode::ReadWrite);
    m_db.exec(QStringLiteral("PRAGMA journal_mode = WAL"));
    m_db.exec(QStringLiteral("CREATE TABLE t (v INTEGER NOT NULL)"));
    m_db.begin();
    for (int i = 1; i <= 100; ++i)
        m_db.exec(QStringLiteral("INSERT INTO t (v) VALUES (?)"), {i});
    m_db.commit();
}

void TestBackgroundReader::readsOnItsOwnNamedThread()
{
    BackgroundReader reader(m_path, QStringLiteral("orb-test-reads"));
    QSignalSpy busy(&reader, &BackgroundReader::busyChanged);
    QString threadName;
    bool deliveredHere = false;
    std::optional<qint64> sum;
    QThread *const mine = QThread::currentThread();
    reader.read([](const Database &db) { return std::make_pair(count(db, QStringLiteral("SELECT sum(v) FROM t")), QThread::currentThread()->objectName()); },
                [&](const std::pair<qint64, QString> &r) {
                    sum = r.first;
                    threadName = r.second;
                    deliveredHere = QThread::currentThread() == mine;
                });
    QVERIFY(reader.isBusy());
    QCOMPARE(busy.size(), 1);
    QVERIFY(!sum); // nothing is delivered before the event loop runs
    QTRY_VERIFY(!reader.isBusy());
    QCOMPARE(sum, std::optional<qint64>(5050));
    QCOMPARE(threadName, QStringLiteral("orb-test-reads"));
    QVERIFY(deliveredHere); // read there, handed back here
    QCOMPARE(busy.size(), 2);
    QCOMPARE(busy.last().first().toBool(), false);
}

void TestBackgroundReader::latestRequestWins()
{
    BackgroundReader reader(m_path, QStringLiteral("orb-test-latest"));
    QStringList delivered;
    QStringList failed;
    auto onFailure = [&](const QString &e) { failed << e; };
    reader.read([](const Database &db) { return count(db, QString::fromLatin1(kSlow)); }, [&](qint64) { delivered << QStringLiteral("slow"); }, onFailure);
    reader.read([](const Database &db) { return count(db, QStringLiteral("SELECT count(*) FROM t")); }, [&](qint64 n) { delivered << QString::number(n); },
                onFailure);
    reader.read([](const Database &db) { return count(db, QStringLiteral("SELECT max(v) FROM t")); }, [&](qint64 n) { delivered << QString::number(n); },
                onFailure);
    QTRY_VERIFY(!reader.isBusy());
    // Only the last: the slow one was interrupted (or never started), the middle one dropped.
    QCOMPARE(delivered, QStringList{QStringLiteral("100")});
    QVERIFY2(failed.isEmpty(), qPrintable(failed.join(QLatin1Char('\n'))));
}

void TestBackgroundReader::reportsFailures()
{
    BackgroundReader reader(m_path, QStringLiteral("orb-test-failures"));
    QString error;
    bool done = false;
    reader.read([](const Database &db) { return count(db, QStringLiteral("SELECT v FROM missing_table")); }, [&](qint64) { done = true; },
                [&](const QString &e) { error = e; });
    QTRY_VERIFY(!reader.isBusy());
    QVERIFY(!done);
    QVERIFY2(error.contains(QStringLiteral("missing_table")), qPrintable(error));
    // The connection survives a failed statement: the next read works.
    std::optional<qint64> n;
    reader.read([](const Database &db) { return count(db, QStringLiteral("SELECT count(*) FROM t")); }, [&](qint64 v) { n = v; });
    QTRY_COMPARE(n, std::optional<qint64>(100));

    BackgroundReader missing(m_dir.filePath(QStringLiteral("missing/none.sqlite")), QStringLiteral("orb-test-missing"));
    QString missingError;
    missing.read([](const Database &db) { return count(db, QStringLiteral("SELECT 1")); }, [](qint64) {}, [&](const QString &e) { missingError = e; });
    QTRY_VERIFY(!missing.isBusy());
    QVERIFY(!missingError.isEmpty());
}

void TestBackgroundReader::goesAwayWhileBusy()
{
    bool delivered = false;
    {
        auto reader = std::make_unique<BackgroundReader>(m_path, QStringLiteral("orb-test-gone"));
        reader->read([](const Database &db) { return count(db, QString::fromLatin1(kSlow)); }, [&](qint64) { delivered = true; });
        QThread::msleep(50); // let the statement start
        // Leaving the scope: the destructor interrupts the statement and joins the thread.
    }
    QCoreApplication::processEvents();
    QVERIFY(!delivered);
}

QTEST_GUILESS_MAIN(TestBackgroundReader)
#include "tst_backgroundreader.moc"
