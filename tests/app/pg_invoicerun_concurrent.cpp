// SPDX-License-Identifier: GPL-3.0-or-later
// Invoice runs at once on one company server. Three `orbctl invoices run` processes started
// together on the demo company must leave exactly what one run leaves on the company file with
// the same data: each subscription's period drafted once, the same totals. Then runs and clerks
// issuing drafts at the same moment: invoice numbers gap-free and unique, issued invoices never
// touched by a run, the same invoices as the same work done one after another on the file, and
// the audit trail one chain that verifies.
#include "tests/support/PgTestDatabase.h"
#include "tests/support/TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <memory>
#include <vector>

using orb::test::ProcessResult;

namespace {

const QString Now = QStringLiteral("2026-12-07T16:00:00Z");

QStringList orbctlArgs(const QString &db, const QStringList &args)
{
    return QStringList{QStringLiteral("--db"), db, QStringLiteral("--now"), Now} + args;
}

ProcessResult orbctl(const QString &db, const QStringList &args)
{
    return orb::test::run(QStringLiteral(ORBCTL_PATH), orbctlArgs(db, args));
}

struct Outcome {
    int exitCode = -1;
    QByteArray err;
};

/// Starts one shell per script at once, each running its orbctl commands one after another
/// (stopping at the first that fails); returns each one's exit code and error output.
QList<Outcome> together(const QString &db, const QList<QList<QStringList>> &scripts)
{
    std::vector<std::unique_ptr<QProcess>> procs;
    for (const QList<QStringList> &script : scripts) {
        QStringList lines;
        for (const QStringList &args : script) {
            QStringList quoted;
            for (const QString &a : QStringList{QStringLiteral(ORBCTL_PATH)} + orbctlArgs(db, args))
                quoted << QLatin1Char('\'') + QString(a).replace(QLatin1Char('\''), QStringLiteral("'\\''")) + QLatin1Char('\'');
            lines << quoted.join(QLatin1Char(' ')) + QStringLiteral(" >/dev/null || exit $?");
        }
        auto p = std::make_unique<QProcess>();
        p->start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), lines.join(QLatin1Char('\n'))});
        procs.push_back(std::move(p));
    }
    QList<Outcome> out;
    for (auto &p : procs) {
        p->waitForFinished(600000);
        out.append({p->exitStatus() == QProcess::NormalExit ? p->exitCode() : -1, p->readAllStandardError()});
    }
    return out;
}

QJsonArray invoiceList(const QString &db)
{
    const ProcessResult r =
        orbctl(db, {QStringLiteral("--json"), QStringLiteral("invoices"), QStringLiteral("list"), QStringLiteral("--limit"), QStringLiteral("5000")});
    return QJsonDocument::fromJson(r.out).object().value(QStringLiteral("data")).toArray();
}

QSet<QString> idsOf(const QJsonArray &invoices)
{
    QSet<QString> ids;
    for (const QJsonValue &v : invoices)
        ids.insert(v.toObject().value(QStringLiteral("id")).toString());
    return ids;
}

/// The value with every string that is one of `ids` replaced by a placeholder, and without the
/// fields named in `drop` (those the order of concurrent work decides, such as numbers).
QJsonValue normalised(const QJsonValue &v, const QSet<QString> &ids, const QStringList &drop)
{
    if (v.isObject()) {
        QJsonObject o = v.toObject();
        for (const QString &k : drop)
            o.remove(k);
        for (auto it = o.begin(); it != o.end(); ++it)
            it.value() = normalised(it.value(), ids, drop);
        return o;
    }
    if (v.isArray()) {
        QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i)
            a[i] = normalised(a.at(i), ids, drop);
        return a;
    }
    if (v.isString() && ids.contains(v.toString()))
        return QStringLiteral("<invoice>");
    return v;
}

/// Each invoice of a list as sorted compact JSON (new invoices' ids replaced), with its id.
QList<QPair<QByteArray, QString>> canonical(const QJsonArray &invoices, const QSet<QString> &newIds, const QStringList &drop = {})
{
    QList<QPair<QByteArray, QString>> out;
    for (const QJsonValue &v : invoices)
        out.append({QJsonDocument(normalised(v, newIds, drop).toObject()).toJson(QJsonDocument::Compact), v.toObject().value(QStringLiteral("id")).toString()});
    std::sort(out.begin(), out.end());
    return out;
}

/// The invoice numbers' running parts, sorted.
QList<int> numbers(const QJsonArray &invoices)
{
    static const QRegularExpression digits(QStringLiteral("(\\d+)$"));
    QList<int> out;
    for (const QJsonValue &v : invoices) {
        const QString n = v.toObject().value(QStringLiteral("invoice_number")).toString();
        if (!n.isEmpty())
            out << digits.match(n).captured(1).toInt();
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

class TestInvoiceRunConcurrent : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_file;
    QString m_url;
    QSet<QString> m_movedIds;

    /// The server's invoices must be the file's, invoice by invoice (ids of new invoices
    /// aside, and the fields in `drop`).
    void compareWithFile(const QStringList &drop)
    {
        const QJsonArray fileList = invoiceList(m_file);
        const QJsonArray serverList = invoiceList(m_url);
        QCOMPARE(serverList.size(), fileList.size());
        const QSet<QString> newIds = (idsOf(fileList) | idsOf(serverList)) - m_movedIds;
        const auto a = canonical(fileList, newIds, drop);
        const auto b = canonical(serverList, newIds, drop);
        for (qsizetype i = 0; i < a.size(); ++i)
            QCOMPARE(QString::fromUtf8(b[i].first), QString::fromUtf8(a[i].first));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_file = m_dir.filePath(QStringLiteral("demo.orb"));
        QCOMPARE(orbctl(m_file, {QStringLiteral("demo")}).exitCode, 0);
        m_url = orb::test::pgTestDatabase(QStringLiteral("runs_at_once"));
        const ProcessResult move = orbctl(m_file, {QStringLiteral("company"), QStringLiteral("move-to-server"), m_url});
        QVERIFY2(move.exitCode == 0, move.err.constData());
        m_movedIds = idsOf(invoiceList(m_file));
        QVERIFY(m_movedIds.size() > 20);
    }

    // Three runs at once over two years of periods (several batches each): every
    // period drafted once, exactly what one run drafts on the file.
    void runsAtOnce()
    {
        const QStringList run{QStringLiteral("invoices"), QStringLiteral("run"), QStringLiteral("--as-of"), QStringLiteral("2028-12-15")};
        const QList<Outcome> results = together(m_url, {{run}, {run}, {run}});
        for (const Outcome &r : results)
            QVERIFY2(r.exitCode == 0, r.err.constData());
        const ProcessResult onFile = orbctl(m_file, run);
        QVERIFY2(onFile.exitCode == 0, onFile.err.constData());
        const QJsonArray serverList = invoiceList(m_url);
        QVERIFY2(serverList.size() > m_movedIds.size() + 250, "the runs made fewer invoices than two batches"); // more than one batch
        compareWithFile({});
        // A fourth run finds nothing left to create.
        const ProcessResult again = orbctl(
            m_url, {QStringLiteral("--json"), QStringLiteral("invoices"), QStringLiteral("run"), QStringLiteral("--as-of"), QStringLiteral("2028-12-15")});
        QVERIFY2(again.exitCode == 0, again.err.constData());
        QCOMPARE(QJsonDocument::fromJson(again.out).object().value(QStringLiteral("created")).toInteger(), 0);
    }

    // Two runs that compose every draft again and bill further periods, while three clerks
    // issue drafts, all at once: numbers gap-free and unique, and the same invoices as issuing
    // and running one after another on the file.
    void runsAndIssuingAtOnce()
    {
        // The same drafts on both engines, paired up through their identical content.
        const QJsonArray fileList = invoiceList(m_file);
        const QJsonArray serverList = invoiceList(m_url);
        const QSet<QString> newIds = (idsOf(fileList) | idsOf(serverList)) - m_movedIds;
        const auto a = canonical(fileList, newIds);
        const auto b = canonical(serverList, newIds);
        QCOMPARE(b.size(), a.size());
        QList<QStringList> fileDrafts{{}, {}, {}}, serverDrafts{{}, {}, {}};
        int picked = 0;
        for (qsizetype i = 0; i < a.size() && picked < 36; ++i) {
            if (!a[i].first.contains("\"status\":\"draft\""))
                continue;
            fileDrafts[picked % 3] << a[i].second;
            serverDrafts[picked % 3] << b[i].second;
            ++picked;
        }
        QCOMPARE(picked, 36);
        const QList<int> before = numbers(serverList);

        const QStringList run{QStringLiteral("invoices"), QStringLiteral("run"), QStringLiteral("--recompose-all"), QStringLiteral("--as-of"),
                              QStringLiteral("2029-03-15")};
        QList<QList<QStringList>> scripts{{run}, {run}};
        for (const QStringList &drafts : serverDrafts) {
            QList<QStringList> s;
            for (const QString &id : drafts)
                s << QStringList{QStringLiteral("invoices"), QStringLiteral("issue"), id};
            scripts << s;
        }
        const QList<Outcome> results = together(m_url, scripts);
        for (const Outcome &r : results)
            QVERIFY2(r.exitCode == 0, r.err.constData());

        // The same work one after another on the file.
        for (const QStringList &drafts : fileDrafts)
            for (const QString &id : drafts)
                QCOMPARE(orbctl(m_file, {QStringLiteral("invoices"), QStringLiteral("issue"), id}).exitCode, 0);
        QCOMPARE(orbctl(m_file, run).exitCode, 0);

        // Numbers: the earlier ones and then 36 more, gap-free and unique.
        const QList<int> after = numbers(invoiceList(m_url));
        QCOMPARE(after.size(), before.size() + 36);
        for (qsizetype i = 0; i < after.size(); ++i)
            QCOMPARE(after.at(i), int(i) + 1);
        // Which draft got which number is the order of the moment's work; all else is the file's.
        compareWithFile({QStringLiteral("invoice_number")});
    }

    // The trail of all that: one chain that verifies.
    void auditIsOneChain()
    {
        const ProcessResult verify = orbctl(m_url, {QStringLiteral("--json"), QStringLiteral("audit"), QStringLiteral("verify")});
        QVERIFY2(verify.exitCode == 0, verify.err.constData());
        QCOMPARE(QJsonDocument::fromJson(verify.out).object().value(QStringLiteral("ok")).toBool(), true);
    }
};

QTEST_GUILESS_MAIN(TestInvoiceRunConcurrent)
#include "pg_invoicerun_concurrent.moc"
