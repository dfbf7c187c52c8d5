// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/CompanyFixture.h"
#include "tests/support/TestSupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using orb::test::ProcessResult;

/// `orbctl events import` with a CSV whose header names the fields otherwise: --field, --ignore.
class TestOrbctlImportMap : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void fieldsFromOtherColumns();
    void badMapsSayWhatToDo();

private:
    ProcessResult orbctl(const QStringList &args) const;
    QString write(const QString &name, const QByteArray &content) const;
    QString m_db;
    QTemporaryDir m_dir;
};

ProcessResult TestOrbctlImportMap::orbctl(const QStringList &args) const
{
    return orb::test::run(QStringLiteral(ORBCTL_PATH),
                          QStringList{QStringLiteral("--db"), m_db, QStringLiteral("--now"), QStringLiteral("2026-03-10T12:00:00Z")} + args);
}

QString TestOrbctlImportMap::write(const QString &name, const QByteArray &content) const
{
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    f.write(content);
    return path;
}

void TestOrbctlImportMap::init()
{
    static int n = 0;
    m_db = m_dir.filePath(QStringLiteral("map%1.orb").arg(++n));
    QCOMPARE(orbctl({QStringLiteral("init"), QStringLiteral("--name"), QStringLiteral("Map Co"), QStringLiteral("--currency"), QStringLiteral("EUR"),
                     QStringLiteral("--timezone"), QStringLiteral("UTC")})
                 .exitCode,
             0);
    m_db = orb::test::onTestEngine(m_db);
    QCOMPARE(orbctl({QStringLiteral("customers"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("Acme"), QStringLiteral("--external-id"),
                     QStringLiteral("acme")})
                 .exitCode,
             0);
}

void TestOrbctlImportMap::fieldsFromOtherColumns()
{
    const QString csv = write(QStringLiteral("export.csv"), "Time,Event,Request id,Account,Tokens,Comment\n"
                                                            "2026-03-10T10:00:00Z,completion,r1,acme,12,first\n"
                                                            "2026-03-10T10:01:00Z,completion,r2,acme,30,\n"
                                                            "soon,completion,r3,acme,1,bad time\n");
    const QString rejects = m_dir.filePath(QStringLiteral("rejects.jsonl"));
    const ProcessResult r =
        orbctl({QStringLiteral("--json"), QStringLiteral("events"), QStringLiteral("import"), csv, QStringLiteral("--field"), QStringLiteral("timestamp=Time"),
                QStringLiteral("--field"), QStringLiteral("event_name=Event"), QStringLiteral("--field"), QStringLiteral("idempotency_key=Request id"),
                QStringLiteral("--field"), QStringLiteral("external_customer_id=Account"), QStringLiteral("--map"), QStringLiteral("Tokens=tokens"),
                QStringLiteral("--ignore"), QStringLiteral("Comment"), QStringLiteral("--rejects"), rejects});
    QCOMPARE(r.exitCode, 2); // one row rejected
    const QJsonObject s = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(s.value(QStringLiteral("accepted")).toInt(), 2);
    QCOMPARE(s.value(QStringLiteral("rejected")).toInt(), 1);
    QFile rf(rejects);
    QVERIFY(rf.open(QIODevice::ReadOnly));
    QCOMPARE(rf.readAll(), QByteArray("{\"line\":4,\"reason\":\"timestamp: \\\"soon\\\" is not an ISO 8601 timestamp with a zone\"}\n"));
    const ProcessResult shown = orbctl({QStringLiteral("--json"), QStringLiteral("events"), QStringLiteral("show"), QStringLiteral("r1")});
    QCOMPARE(shown.exitCode, 0);
    const QJsonObject e = QJsonDocument::fromJson(shown.out).object();
    QCOMPARE(e.value(QStringLiteral("event_name")).toString(), QStringLiteral("completion"));
    QCOMPARE(e.value(QStringLiteral("properties")).toObject(), (QJsonObject{{QStringLiteral("tokens"), 12}}));
}

void TestOrbctlImportMap::badMapsSayWhatToDo()
{
    const QString csv = write(QStringLiteral("export.csv"), "Time,Event,Id,Account\n2026-03-10T10:00:00Z,completion,r1,acme\n");
    const ProcessResult missing =
        orbctl({QStringLiteral("events"), QStringLiteral("import"), csv, QStringLiteral("--field"), QStringLiteral("timestamp=When")});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.err.contains("the column \"When\" mapped to timestamp is not in the header"), missing.err.constData());
    QVERIFY2(missing.err.contains("unknown column \"Event\""), missing.err.constData());
    const ProcessResult malformed = orbctl({QStringLiteral("events"), QStringLiteral("import"), csv, QStringLiteral("--field"), QStringLiteral("timestamp")});
    QCOMPARE(malformed.exitCode, 2);
    QVERIFY2(malformed.err.contains("--field: \"timestamp\" must be FIELD=COLUMN"), malformed.err.constData());
    const QString jsonl = write(QStringLiteral("e.jsonl"), "");
    const ProcessResult notCsv = orbctl({QStringLiteral("events"), QStringLiteral("import"), jsonl, QStringLiteral("--ignore"), QStringLiteral("x")});
    QCOMPARE(notCsv.exitCode, 2);
    QVERIFY2(notCsv.err.contains("apply to CSV files only"), notCsv.err.constData());
    const ProcessResult none = orbctl({QStringLiteral("--json"), QStringLiteral("events"), QStringLiteral("search")});
    QCOMPARE(QJsonDocument::fromJson(none.out).object().value(QStringLiteral("data")).toArray().size(), 0);
}

QTEST_GUILESS_MAIN(TestOrbctlImportMap)
#include "tst_orbctl_importmap.moc"
