// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/Database.h"
#include "models/RowIdLoader.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace orb;

/// The background id-list reader of the big table models, over a real SQLite file: results
/// arrive queued, only the latest request's, a superseded statement is stopped, failures are
/// reported, and a loader can go away in the middle of a long statement.
class TestRowIdLoader : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void loadsInTheBackground();
    void latestRequestWins();
    void putsIdsHighestFirst();
    void bindsAsQtsDriverDoes();
    void reportsFailures();
    void goesAwayWhileBusy();

private:
    QTemporaryDir m_dir;
    QString m_path;
    Database m_db;
};

namespace {

// A statement that takes seconds: it counts to fifty million and sorts the lot.
RowIdLoader::Query slowQuery()
{
    RowIdLoader::Query q;
    q.what = QStringLiteral("the numbers");
    q.sql = QStringLiteral("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 50000000) SELECT x FROM n ORDER BY x DESC");
    return q;
}

RowIdLoader::Query rowsAbove(qint64 bound)
{
    RowIdLoader::Query q;
    q.what = QStringLiteral("the rows");
    q.sql = QStringLiteral("SELECT rowid FROM t WHERE v > ? ORDER BY rowid");
    q.binds = {bound};
    return q;
}

} // namespace

void TestRowIdLoader::initTestCase()
{
    m_path = m_dir.filePath(QStringLiteral("ids.sqlite"));
    m_db.open(m_path, Database::Mode::ReadWrite);
    m_db.exec(QStringLiteral("PRAGMA journal_mode = WAL"));
    m_db.exec(QStringLiteral("CREATE TABLE t (v INTEGER NOT NULL, label TEXT)"));
    m_db.begin();
    for (int i = 1; i <= 100; ++i)
        m_db.exec(QStringLiteral("INSERT INTO t (v, label) VALUES (?, ?)"), {i * 10, QStringLiteral("row %1").arg(i)});
    m_db.commit();
}

void TestRowIdLoader::loadsInTheBackground()
{
    RowIdLoader loader(m_path);
    QSignalSpy loaded(&loader, &RowIdLoader::loaded);
    QSignalSpy loading(&loader, &RowIdLoader::loadingChanged);
    QVERIFY(!loader.isLoading());
    loader.load(rowsAbove(955));
    QVERIFY(loader.isLoading());
    QCOMPARE(loader.generation(), quint64(1));
    QCOMPARE(loaded.size(), 0); // queued: nothing arrives before the event loop runs
    QTRY_COMPARE(loaded.size(), 1);
    QVERIFY(!loader.isLoading());
    QCOMPARE(loaded.first().first().value<QList<qint64>>(), (QList<qint64>{96, 97, 98, 99, 100}));
    QCOMPARE(loading.size(), 2);
    QCOMPARE(loading.at(0).first().toBool(), true);
    QCOMPARE(loading.at(1).first().toBool(), false);
    // A write on another connection is seen by the next load (the file is WAL).
    m_db.exec(QStringLiteral("INSERT INTO t (v) VALUES (5000)"));
    loader.load(rowsAbove(955));
    QTRY_COMPARE(loaded.size(), 2);
    QCOMPARE(loaded.last().first().value<QList<qint64>>(), (QList<qint64>{96, 97, 98, 99, 100, 101}));
    m_db.exec(QStringLiteral("DELETE FROM t WHERE rowid = 101"));
}

void TestRowIdLoader::latestRequestWins()
{
    RowIdLoader loader(m_path);
    QSignalSpy loaded(&loader, &RowIdLoader::loaded);
    QSignalSpy failed(&loader, &RowIdLoader::failed);
    loader.load(slowQuery());
    QTest::qWait(100); // the slow statement is running now
    loader.load(rowsAbove(985));
    loader.load(rowsAbove(975)); // supersedes the one before before it starts
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 30000);
    QCOMPARE(loaded.first().first().value<QList<qint64>>(), (QList<qint64>{98, 99, 100}));
    QCOMPARE(loader.generation(), quint64(3));
    QVERIFY(!loader.isLoading());
    QTest::qWait(200);
    QCOMPARE(loaded.size(), 1); // nothing of the earlier requests arrives later
    QCOMPARE(failed.size(), 0);
}

void TestRowIdLoader::putsIdsHighestFirst()
{
    RowIdLoader loader(m_path);
    QSignalSpy loaded(&loader, &RowIdLoader::loaded);
    RowIdLoader::Query q = rowsAbove(500);
    q.highestFirst = true; // dense ids: the presence map
    loader.load(q);
    QTRY_COMPARE(loaded.size(), 1);
    QList<qint64> want;
    for (qint64 id = 100; id > 50; --id)
        want << id;
    QCOMPARE(loaded.last().first().value<QList<qint64>>(), want);
    // Sparse ids, out of order and repeated: a sort.
    q.sql = QStringLiteral("SELECT column1 FROM (VALUES (7), (90000000000), (3), (7), (12))");
    q.binds.clear();
    loader.load(q);
    QTRY_COMPARE(loaded.size(), 2);
    QCOMPARE(loaded.last().first().value<QList<qint64>>(), (QList<qint64>{90000000000, 12, 7, 3}));
    // Dense ids repeated: one each.
    q.sql = QStringLiteral("SELECT column1 FROM (VALUES (2), (1), (2), (3))");
    loader.load(q);
    QTRY_COMPARE(loaded.size(), 3);
    QCOMPARE(loaded.last().first().value<QList<qint64>>(), (QList<qint64>{3, 2, 1}));
}

// A bind is what Qt's SQLite driver would make of the same value: a null variant or a null
// string is NULL (not an empty text), an empty string is text, bytes are a blob, a bool 1 or 0.
void TestRowIdLoader::bindsAsQtsDriverDoes()
{
    RowIdLoader loader(m_path);
    QSignalSpy loaded(&loader, &RowIdLoader::loaded);
    RowIdLoader::Query q;
    q.sql = QStringLiteral("SELECT 1 WHERE ?1 IS NULL AND ?2 IS NULL AND typeof(?3) = 'text' AND ?3 = '' AND typeof(?4) = 'blob' "
                           "AND ?4 = x'00ff' AND ?5 = 1 AND ?6 = 0 AND typeof(?7) = 'integer'");
    q.binds = {QVariant(),     QVariant(QString()), QVariant(QStringLiteral("")), QVariant(QByteArray("\x00\xff", 2)),
               QVariant(true), QVariant(false),     QVariant(qint64(42))};
    loader.load(q);
    QTRY_COMPARE(loaded.size(), 1);
    QCOMPARE(loaded.last().first().value<QList<qint64>>(), (QList<qint64>{1}));
}

void TestRowIdLoader::reportsFailures()
{
    RowIdLoader loader(m_path);
    QSignalSpy loaded(&loader, &RowIdLoader::loaded);
    QSignalSpy failed(&loader, &RowIdLoader::failed);
    RowIdLoader::Query q;
    q.what = QStringLiteral("the widgets");
    q.sql = QStringLiteral("SELECT rowid FROM widgets");
    loader.load(q);
    QTRY_COMPARE(failed.size(), 1);
    QVERIFY(!loader.isLoading());
    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains(QLatin1String("the widgets")) && message.contains(QLatin1String("no such table")), qPrintable(message));
    QCOMPARE(loaded.size(), 0);
    // The read-only connection refuses writes: the loader cannot change the file.
    q.sql = QStringLiteral("DELETE FROM t RETURNING rowid");
    loader.load(q);
    QTRY_COMPARE(failed.size(), 2);
    QCOMPARE(m_db.scalar(QStringLiteral("SELECT COUNT(*) FROM t")).toInt(), 100);
    // A file that is not there.
    RowIdLoader missing(m_dir.filePath(QStringLiteral("missing/nothing.sqlite")));
    QSignalSpy missingFailed(&missing, &RowIdLoader::failed);
    missing.load(rowsAbove(0));
    QTRY_COMPARE(missingFailed.size(), 1);
    QVERIFY(missingFailed.first().first().toString().contains(QLatin1String("the rows")));
    // And a good request afterwards works.
    loader.load(rowsAbove(995));
    QTRY_COMPARE(loaded.size(), 1);
    QCOMPARE(loaded.first().first().value<QList<qint64>>(), (QList<qint64>{100}));
}

void TestRowIdLoader::goesAwayWhileBusy()
{
    // Destroying a loader stops its statement instead of waiting seconds for it; the test's
    // time limit catches a loader that waits for the statement to finish.
    for (int i = 0; i < 3; ++i) {
        auto loader = std::make_unique<RowIdLoader>(m_path);
        QSignalSpy loaded(loader.get(), &RowIdLoader::loaded);
        loader->load(slowQuery());
        QTest::qWait(50);
        loader.reset();
    }
    QVERIFY(true);
}

QTEST_GUILESS_MAIN(TestRowIdLoader)
#include "tst_rowidloader.moc"
