// SPDX-License-Identifier: GPL-3.0-or-later
// orbctl's document commands as a user runs them: invoices pdf (one and a batch), credit-notes
// pdf, statements pdf and aging (table, CSV, PDF, JSON), with their errors and exit codes.
#include "tests/support/CompanyFixture.h"
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using orb::test::ProcessResult;

class TestOrbctlDocuments : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void invoicePdf();
    void batch();
    void statementAndAging();
    void errors();

private:
    ProcessResult orbctl(const QStringList &args) const
    {
        return orb::test::run(QStringLiteral(ORBCTL_PATH),
                              QStringList{QStringLiteral("--db"), m_db, QStringLiteral("--now"), QStringLiteral("2026-03-01T12:00:00Z")} + args);
    }
    QString pdfText(const QString &pdf) const
    {
        return QString::fromUtf8(orb::test::run(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")}).out);
    }
    QTemporaryDir m_dir;
    QString m_db;
    QStringList m_numbers;
};

void TestOrbctlDocuments::initTestCase()
{
    m_db = m_dir.filePath(QStringLiteral("docs.orb"));
    QCOMPARE(orbctl({QStringLiteral("demo")}).exitCode, 0);
    m_db = orb::test::onTestEngine(m_db);
    QVERIFY(!m_db.isEmpty());
    // A customer of its own, so that whatever else the demo company holds stays out of the way.
    QCOMPARE(orbctl({QStringLiteral("customers"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("Zed Documents Ltd"),
                     QStringLiteral("--external-id"), QStringLiteral("zed"), QStringLiteral("--currency"), QStringLiteral("USD"), QStringLiteral("--timezone"),
                     QStringLiteral("UTC")})
                 .exitCode,
             0);
    for (const char *line : {"Workshop|2|450.50", "Travel|1|99.99"}) {
        const ProcessResult r = orbctl({QStringLiteral("invoices"), QStringLiteral("create"), QStringLiteral("--customer"), QStringLiteral("zed"),
                                        QStringLiteral("--line"), QString::fromLatin1(line), QStringLiteral("--date"), QStringLiteral("2026-01-05"),
                                        QStringLiteral("--net-terms"), QStringLiteral("10"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QString id = QJsonDocument::fromJson(r.out).object().value(QStringLiteral("id")).toString();
        QVERIFY(!id.isEmpty());
        const ProcessResult issued = orbctl({QStringLiteral("--json"), QStringLiteral("invoices"), QStringLiteral("issue"), id});
        QCOMPARE(issued.exitCode, 0);
        m_numbers << QJsonDocument::fromJson(issued.out).object().value(QStringLiteral("invoice_number")).toString();
        QVERIFY(!m_numbers.last().isEmpty());
    }
}

void TestOrbctlDocuments::invoicePdf()
{
    const QString pdf = m_dir.filePath(QStringLiteral("one.pdf"));
    const ProcessResult r = orbctl({QStringLiteral("invoices"), QStringLiteral("pdf"), m_numbers.first(), QStringLiteral("-o"), pdf});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(r.out.contains(("Wrote invoice " + m_numbers.first()).toUtf8()));
    const QString t = pdfText(pdf);
    QVERIFY(t.contains(m_numbers.first()));
    for (const char *e : {"Zed Documents Ltd", "Workshop", "$450.50", "$901.00", "1/15/2026", "Net 10"})
        QVERIFY2(t.contains(QString::fromUtf8(e)), e);
}

void TestOrbctlDocuments::batch()
{
    const QString dir = m_dir.filePath(QStringLiteral("out"));
    const ProcessResult r = orbctl({QStringLiteral("invoices"), QStringLiteral("pdf"), QStringLiteral("--status"), QStringLiteral("issued"),
                                    QStringLiteral("--customer"), QStringLiteral("zed"), QStringLiteral("--dir"), dir});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(QDir(dir).entryList({QStringLiteral("*.pdf")}, QDir::Files, QDir::Name), (QStringList{m_numbers.at(0) + ".pdf", m_numbers.at(1) + ".pdf"}));
    QVERIFY(pdfText(QDir(dir).filePath(m_numbers.at(1) + ".pdf")).contains(QLatin1String("Travel")));
}

void TestOrbctlDocuments::statementAndAging()
{
    const QString st = m_dir.filePath(QStringLiteral("st.pdf"));
    ProcessResult r = orbctl({QStringLiteral("statements"), QStringLiteral("pdf"), QStringLiteral("zed"), QStringLiteral("--from"),
                              QStringLiteral("2026-01-01"), QStringLiteral("--to"), QStringLiteral("2026-02-28"), QStringLiteral("-o"), st});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QString t = pdfText(st);
    QVERIFY2(QRegularExpression(QStringLiteral("Closing balance\\s+\\$1,000\\.99")).match(t).hasMatch(), qPrintable(t));

    // Both due 2026-01-15: 45 days past due on 2026-03-01.
    const QString csv = m_dir.filePath(QStringLiteral("aging.csv"));
    const QString pdf = m_dir.filePath(QStringLiteral("aging.pdf"));
    r = orbctl({QStringLiteral("aging"), QStringLiteral("--csv"), csv, QStringLiteral("--pdf"), pdf});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(r.out.contains("Receivables aging as of 2026-03-01"));
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.readAll().contains(",Zed Documents Ltd,USD,0.00,0.00,1000.99,0.00,0.00,1000.99,2"));
    QVERIFY(pdfText(pdf).contains(QLatin1String("$1,000.99")));
    r = orbctl({QStringLiteral("--json"), QStringLiteral("aging"), QStringLiteral("--as-of"), QStringLiteral("2026-01-20")});
    QCOMPARE(r.exitCode, 0);
    bool found = false;
    for (const QJsonValue &v : QJsonDocument::fromJson(r.out).object().value(QStringLiteral("data")).toArray()) {
        if (v.toObject().value(QStringLiteral("customer_name")).toString() == QLatin1String("Zed Documents Ltd")) {
            QCOMPARE(v.toObject().value(QStringLiteral("days_1_30")).toString(), QStringLiteral("1000.99"));
            found = true;
        }
    }
    QVERIFY(found);
}

void TestOrbctlDocuments::errors()
{
    QCOMPARE(orbctl({QStringLiteral("invoices"), QStringLiteral("pdf"), QStringLiteral("NOPE"), QStringLiteral("-o"), m_dir.filePath(QStringLiteral("x.pdf"))})
                 .exitCode,
             3);
    QCOMPARE(orbctl({QStringLiteral("invoices"), QStringLiteral("pdf"), m_numbers.first()}).exitCode, 2);
    QCOMPARE(
        orbctl({QStringLiteral("invoices"), QStringLiteral("pdf"), QStringLiteral("--status"), QStringLiteral("bogus"), QStringLiteral("--dir"), m_dir.path()})
            .exitCode,
        2);
    QCOMPARE(orbctl({QStringLiteral("statements"), QStringLiteral("pdf"), QStringLiteral("nobody"), QStringLiteral("--from"), QStringLiteral("2026-01-01"),
                     QStringLiteral("--to"), QStringLiteral("2026-02-01"), QStringLiteral("-o"), m_dir.filePath(QStringLiteral("n.pdf"))})
                 .exitCode,
             3);
    const ProcessResult bad = orbctl({QStringLiteral("aging"), QStringLiteral("--as-of"), QStringLiteral("2026-02-30")});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY(bad.err.contains("--as-of"));
    QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("x.pdf"))));
}

QTEST_GUILESS_MAIN(TestOrbctlDocuments)
#include "tst_orbctl_documents.moc"
