// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/CompanyFixture.h"
#include "engine/Clock.h"
#include "models/BackgroundJob.h"
#include "models/CompanyFile.h"
#include "models/Database.h"
#include "models/StorageError.h"

#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <memory>
#include <optional>
#include <stdexcept>

using namespace orb;

/// The one helper for long jobs off the window's thread, over a real company file: the job runs
/// on its named thread with its own connection (closed before the result comes back), progress
/// arrives from that thread, cancelling is seen by the job, every kind of exception becomes an
/// error message, one job at a time, and the helper can go away while a job runs.
class TestBackgroundJob : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void runsOnItsOwnThreadWithItsOwnConnection();
    void reportsProgressAndCancels();
    void turnsExceptionsIntoErrors_data();
    void turnsExceptionsIntoErrors();
    void oneJobAtATime();
    void goesAwayWhileRunning();
    void deletedFromItsOwnResult();

private:
    QTemporaryDir m_dir;
    QString m_path;
    FixedClock m_clock{QDateTime(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC)};
    std::unique_ptr<CompanyFile> m_file;
};

void TestBackgroundJob::init()
{
    m_path = m_dir.filePath(QStringLiteral("%1.orb").arg(QTest::currentTestFunction()));
    QFile::remove(m_path);
    CompanySettings s;
    s.name = QStringLiteral("Jobs Ltd");
    s.defaultCurrency = QStringLiteral("EUR");
    s.timezone = QStringLiteral("Europe/Berlin");
    m_file = orb::test::createCompany(m_path, s, m_clock);
}

void TestBackgroundJob::cleanup()
{
    m_file.reset();
}

void TestBackgroundJob::runsOnItsOwnThreadWithItsOwnConnection()
{
    BackgroundJob job(QStringLiteral("orb-test-job"));
    QSignalSpy running(&job, &BackgroundJob::runningChanged);
    QThread *const mine = QThread::currentThread();
    std::optional<QString> name;
    QString threadName;
    int connectionsDuring = 0;
    bool deliveredHere = false;
    bool runningWhenDone = true;
    QVERIFY(job.start(
        orb::test::companyLocation(m_path),
        [](BackgroundJob::Context &c) {
            const QString stored = c.company().settings().name;
            const qint64 rows = c.readOnlyDatabase().scalar(QStringLiteral("SELECT count(*) FROM settings")).toLongLong();
            return std::make_tuple(stored, QThread::currentThread()->objectName(), Database::openConnections(c.companyPath()), rows);
        },
        [&](const std::tuple<QString, QString, int, qint64> &r) {
            name = std::get<0>(r);
            threadName = std::get<1>(r);
            connectionsDuring = std::get<2>(r);
            deliveredHere = QThread::currentThread() == mine;
            runningWhenDone = job.isRunning();
        }));
    QVERIFY(job.isRunning());
    QCOMPARE(running.size(), 1);
    QTRY_VERIFY(!job.isRunning());
    QCOMPARE(name, std::optional<QString>(QStringLiteral("Jobs Ltd")));
    QCOMPARE(threadName, QStringLiteral("orb-test-job"));
    QVERIFY(deliveredHere);
    QVERIFY(!runningWhenDone);
    // The window's connection plus the job's two; the job's are closed before the result.
    // (The count is kept for company files; a server counts its own sessions.)
    if (!m_file->isServer()) {
        QCOMPARE(connectionsDuring, 3);
        QCOMPARE(Database::openConnections(m_path), 1);
    }
    QCOMPARE(running.size(), 2);
    QCOMPARE(running.last().first().toBool(), false);
}

void TestBackgroundJob::reportsProgressAndCancels()
{
    BackgroundJob job(QStringLiteral("orb-test-job"));
    QThread *const mine = QThread::currentThread();
    QSemaphore reported;
    bool progressOffThread = false;
    // Direct: the handler runs on the job's thread, inside the report, like a test hook.
    connect(
        &job, &BackgroundJob::progress, &job,
        [&](qint64 done, qint64, const QString &) {
            progressOffThread = QThread::currentThread() != mine;
            if (done == 3)
                reported.release();
        },
        Qt::DirectConnection);
    QSignalSpy progress(&job, &BackgroundJob::progress);
    std::optional<int> steps;
    QVERIFY(job.start(
        QString(),
        [](BackgroundJob::Context &c) {
            int i = 0;
            while (!c.isCancelled() && i < 100000) {
                ++i;
                c.progress(i, 100000, QStringLiteral("step %1").arg(i));
                QThread::msleep(1);
            }
            return i;
        },
        [&](int n) { steps = n; }));
    QVERIFY(reported.tryAcquire(1, 30000));
    job.cancel();
    QVERIFY(job.isCancelRequested());
    QTRY_VERIFY(steps.has_value());
    QVERIFY(*steps >= 3 && *steps < 100000);
    QVERIFY(progressOffThread);
    QCOMPARE(progress.last().at(2).toString(), QStringLiteral("step %1").arg(*steps));
    // The next job starts with its own flag, not cancelled.
    bool cancelledAtStart = true;
    QVERIFY(job.start(
        QString(), [](BackgroundJob::Context &c) { return c.isCancelled(); }, [&](bool c) { cancelledAtStart = c; }));
    QTRY_VERIFY(!job.isRunning());
    QVERIFY(!cancelledAtStart);
}

void TestBackgroundJob::turnsExceptionsIntoErrors_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("expected");
    QTest::newRow("service error with field errors") << 0 << QStringLiteral("bad input\nname: must not be empty");
    QTest::newRow("company file error") << 1 << QStringLiteral("there is no company file at");
    QTest::newRow("std::exception") << 2 << QStringLiteral("out of range here");
    QTest::newRow("storage error") << 3
                                   << (orb::test::serverEngine() ? QStringLiteral("relation \"missing_table\" does not exist")
                                                                 : QStringLiteral("no such table: missing_table"));
}

void TestBackgroundJob::turnsExceptionsIntoErrors()
{
    QFETCH(int, kind);
    QFETCH(QString, expected);
    BackgroundJob job(QStringLiteral("orb-test-job"));
    const QString missing = m_dir.filePath(QStringLiteral("missing.orb"));
    bool done = false;
    std::optional<QString> error;
    QVERIFY(job.start(
        kind == 1 ? missing : orb::test::companyLocation(m_path),
        [kind](BackgroundJob::Context &c) {
            if (kind == 0)
                throw ServiceError::invalid(QStringLiteral("bad input"), {{QStringLiteral("name"), QStringLiteral("must not be empty")}});
            if (kind == 1)
                c.company();
            if (kind == 2)
                throw std::out_of_range("out of range here");
            if (kind == 3)
                c.readOnlyDatabase().scalar(QStringLiteral("SELECT count(*) FROM missing_table"));
        },
        [&] { done = true; }, [&](const QString &message) { error = message; }));
    QTRY_VERIFY(error.has_value());
    QVERIFY(!done);
    QVERIFY2(error->contains(expected), qPrintable(*error));
    QVERIFY(!job.isRunning());
    if (!m_file->isServer())
        QCOMPARE(Database::openConnections(m_path), 1);
    QVERIFY(!QFile::exists(missing)); // a job never creates a file it was not given
}

void TestBackgroundJob::oneJobAtATime()
{
    BackgroundJob job(QStringLiteral("orb-test-job"));
    QSemaphore go;
    int finished = 0;
    QVERIFY(job.start(
        QString(), [&go](BackgroundJob::Context &) { go.acquire(); }, [&] { ++finished; }));
    QVERIFY(!job.start(
        QString(), [](BackgroundJob::Context &) {}, [&] { finished += 10; }));
    go.release();
    QTRY_COMPARE(finished, 1);
    // A job started from the result of the one before runs too.
    QVERIFY(job.start(
        QString(), [](BackgroundJob::Context &) {},
        [&] {
            ++finished;
            QVERIFY(job.start(
                QString(), [](BackgroundJob::Context &) {}, [&] { ++finished; }));
        }));
    QTRY_COMPARE(finished, 3);
    QTRY_VERIFY(!job.isRunning());
}

void TestBackgroundJob::goesAwayWhileRunning()
{
    // Destroying the job cancels and joins; the result still queued is dropped, not delivered
    // to a dead object. The test's time limit catches a job that waits for the loop to end.
    bool delivered = false;
    for (int i = 0; i < 3; ++i) {
        auto job = std::make_unique<BackgroundJob>(QStringLiteral("orb-test-job"));
        QVERIFY(job->start(
            orb::test::companyLocation(m_path),
            [](BackgroundJob::Context &c) {
                c.company();
                while (!c.isCancelled())
                    QThread::msleep(1);
            },
            [&] { delivered = true; }));
        QTest::qWait(20);
        job.reset();
        if (!m_file->isServer())
            QCOMPARE(Database::openConnections(m_path), 1);
    }
    QTest::qWait(20);
    QVERIFY(!delivered);
}

void TestBackgroundJob::deletedFromItsOwnResult()
{
    // A window closing the file whose check just reported deletes the job inside the hand-over.
    auto job = std::make_unique<BackgroundJob>(QStringLiteral("orb-test-job"));
    bool delivered = false;
    QVERIFY(job->start(
        orb::test::companyLocation(m_path), [](BackgroundJob::Context &c) { return c.company().settings().name; },
        [&](const QString &) {
            delivered = true;
            job.reset();
        }));
    QTRY_VERIFY(delivered);
    QVERIFY(!job);
}

QTEST_GUILESS_MAIN(TestBackgroundJob)
#include "tst_backgroundjob.moc"
