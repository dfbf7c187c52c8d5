// SPDX-License-Identifier: GPL-3.0-or-later
// Invoice runs on a company server against the same runs on the company file: the demo company
// is moved to a fresh database on the throwaway cluster, the same usage file is imported into
// both, and then both run `invoices run` (every draft composed again, then the next periods)
// with the same fixed clock. Every invoice (`invoices list --json`, `invoices show --json`) and
// every subscription's upcoming invoice must be byte for byte the same, except the random ids
// that new invoices get, which are matched up first.
#include "tests/support/PgTestDatabase.h"
#include "tests/support/TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

using orb::test::ProcessResult;

namespace {

const QString Now = QStringLiteral("2026-12-07T16:00:00Z");

ProcessResult orbctl(const QString &db, const QStringList &args)
{
    return orb::test::run(QStringLiteral(ORBCTL_PATH), QStringList{QStringLiteral("--db"), db, QStringLiteral("--now"), Now} + args);
}

QJsonArray listData(const ProcessResult &r)
{
    return QJsonDocument::fromJson(r.out).object().value(QStringLiteral("data")).toArray();
}

/// The value with every string that is one of `ids` replaced by a placeholder.
QJsonValue withoutIds(const QJsonValue &v, const QSet<QString> &ids)
{
    if (v.isObject()) {
        QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            it.value() = withoutIds(it.value(), ids);
        return o;
    }
    if (v.isArray()) {
        QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i)
            a[i] = withoutIds(a.at(i), ids);
        return a;
    }
    if (v.isString() && ids.contains(v.toString()))
        return QStringLiteral("<invoice>");
    return v;
}

/// Each invoice of a list, with the ids of new invoices replaced, as sorted compact JSON; and
/// its id under the same text (to pair up the two engines' invoices for `invoices show`).
QList<QPair<QByteArray, QString>> canonical(const QJsonArray &invoices, const QSet<QString> &newIds)
{
    QList<QPair<QByteArray, QString>> out;
    for (const QJsonValue &v : invoices)
        out.append({QJsonDocument(withoutIds(v, newIds).toObject()).toJson(QJsonDocument::Compact), v.toObject().value(QStringLiteral("id")).toString()});
    std::sort(out.begin(), out.end());
    return out;
}

QSet<QString> idsOf(const QJsonArray &invoices)
{
    QSet<QString> ids;
    for (const QJsonValue &v : invoices)
        ids.insert(v.toObject().value(QStringLiteral("id")).toString());
    return ids;
}

} // namespace

class TestInvoiceRunServer : public QObject
{
    Q_OBJECT

private slots:
    void sameInvoicesAsFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(QStringLiteral("demo.orb"));
        const QString url = orb::test::pgTestDatabase(QStringLiteral("invoicerun"));
        QCOMPARE(orbctl(file, {QStringLiteral("demo")}).exitCode, 0);
        const ProcessResult move = orbctl(file, {QStringLiteral("company"), QStringLiteral("move-to-server"), url});
        QVERIFY2(move.exitCode == 0, move.err.constData());
        const QSet<QString> movedIds = idsOf(listData(orbctl(file, {QStringLiteral("--json"), QStringLiteral("invoices"), QStringLiteral("list")})));
        QVERIFY(movedIds.size() > 20);

        // New usage on both, late in the current period: the drafts' usage changes.
        QByteArray usage;
        const QStringList customers{QStringLiteral("acme"), QStringLiteral("brightline"), QStringLiteral("nobody-yet")};
        for (int i = 0; i < 600; ++i)
            usage +=
                QStringLiteral(
                    R"({"event_name":"api_request","timestamp":"2026-12-07T%1:%2:00Z","idempotency_key":"srv-%3","external_customer_id":"%4","properties":{"endpoint":"/v1/x%5","region":"eu-central"}})")
                    .arg(6 + i / 60, 2, 10, QLatin1Char('0'))
                    .arg(i % 60, 2, 10, QLatin1Char('0'))
                    .arg(i % 550) // some keys twice: duplicates
                    .arg(customers.at(i % 3))
                    .arg(i % 7)
                    .toUtf8()
                + '\n';
        const QString events = orb::test::writeFile(dir.filePath(QStringLiteral("usage.jsonl")), usage);
        const ProcessResult importFile = orbctl(file, {QStringLiteral("--json"), QStringLiteral("events"), QStringLiteral("import"), events});
        const ProcessResult importServer = orbctl(url, {QStringLiteral("--json"), QStringLiteral("events"), QStringLiteral("import"), events});
        // Some keys come twice with another body: conflicts, exit code 2 on both.
        QCOMPARE(importServer.exitCode, importFile.exitCode);
        QJsonObject importedFile = QJsonDocument::fromJson(importFile.out).object();
        QJsonObject importedServer = QJsonDocument::fromJson(importServer.out).object();
        QVERIFY(importedFile.value(QStringLiteral("accepted")).toInteger() > 300);
        importedFile.remove(QStringLiteral("import_id"));
        importedServer.remove(QStringLiteral("import_id"));
        QCOMPARE(importedServer, importedFile);

        for (const QStringList &run :
             {QStringList{QStringLiteral("invoices"), QStringLiteral("run"), QStringLiteral("--recompose-all")},
              QStringList{QStringLiteral("invoices"), QStringLiteral("run"), QStringLiteral("--as-of"), QStringLiteral("2027-02-15")}}) {
            const ProcessResult onFile = orbctl(file, run);
            const ProcessResult onServer = orbctl(url, run);
            QVERIFY2(onFile.exitCode == 0, onFile.err.constData());
            QVERIFY2(onServer.exitCode == 0, onServer.err.constData());
            // The summary without its timing.
            QCOMPARE(onServer.out.left(onServer.out.lastIndexOf(',')), onFile.out.left(onFile.out.lastIndexOf(',')));
        }

        const QJsonArray fileList = listData(
            orbctl(file, {QStringLiteral("--json"), QStringLiteral("invoices"), QStringLiteral("list"), QStringLiteral("--limit"), QStringLiteral("1000")}));
        const QJsonArray serverList = listData(
            orbctl(url, {QStringLiteral("--json"), QStringLiteral("invoices"), QStringLiteral("list"), QStringLiteral("--limit"), QStringLiteral("1000")}));
        QVERIFY(fileList.size() > movedIds.size()); // the run created invoices
        QCOMPARE(serverList.size(), fileList.size());
        const QSet<QString> newIds = (idsOf(fileList) | idsOf(serverList)) - movedIds;
        const auto a = canonical(fileList, newIds);
        const auto b = canonical(serverList, newIds);
        int usageLines = 0;
        for (qsizetype i = 0; i < a.size(); ++i) {
            QCOMPARE(QString::fromUtf8(b[i].first), QString::fromUtf8(a[i].first));
            // And each invoice in full, lines and all.
            const QByteArray showFile = orbctl(file, {QStringLiteral("--json"), QStringLiteral("invoices"), QStringLiteral("show"), a[i].second}).out;
            const QByteArray showServer = orbctl(url, {QStringLiteral("--json"), QStringLiteral("invoices"), QStringLiteral("show"), b[i].second}).out;
            QVERIFY(showFile.size() > 100);
            const QJsonValue f = withoutIds(QJsonDocument::fromJson(showFile).object(), newIds);
            const QJsonValue s = withoutIds(QJsonDocument::fromJson(showServer).object(), newIds);
            QCOMPARE(QJsonDocument(s.toObject()).toJson(), QJsonDocument(f.toObject()).toJson());
            usageLines += int(showFile.count("\"usage\"") + showFile.count("quantity"));
        }
        QVERIFY(usageLines > 0);

        // Every subscription's upcoming invoice (one customer's events through the directory).
        const QJsonArray subs = listData(orbctl(file, {QStringLiteral("--json"), QStringLiteral("subscriptions"), QStringLiteral("list")}));
        QVERIFY(subs.size() >= 5);
        for (const QJsonValue &sub : subs) {
            const QStringList args{QStringLiteral("--json"), QStringLiteral("invoices"), QStringLiteral("upcoming"),
                                   sub.toObject().value(QStringLiteral("id")).toString()};
            const ProcessResult onFile = orbctl(file, args);
            const ProcessResult onServer = orbctl(url, args);
            QCOMPARE(onServer.exitCode, onFile.exitCode);
            QCOMPARE(onServer.out, onFile.out);
        }
    }
};

QTEST_GUILESS_MAIN(TestInvoiceRunServer)
#include "pg_invoicerun_server.moc"
