// SPDX-License-Identifier: GPL-3.0-or-later
// Several people at once on one company server: eight `orbctl` processes started together
// against the throwaway cluster create customers, draft and issue invoices and record payments
// at the same moment. Every action is one transaction behind the writer lock, so the numbers
// come out gap-free and unique, every payment counts once, and the audit trail stays one chain
// that verifies, each entry naming the database user that wrote it.
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/sync/WorkLease.h"
#include "tests/support/PgTestDatabase.h"
#include "tests/support/TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>
#include <vector>

using orb::test::ProcessResult;

namespace {

constexpr int Clerks = 8;

ProcessResult orbctl(const QString &db, const QStringList &args)
{
    return orb::test::run(QStringLiteral(ORBCTL_PATH), QStringList{QStringLiteral("--db"), db} + args);
}

QJsonObject json(const ProcessResult &r)
{
    return QJsonDocument::fromJson(r.out).object();
}

/// Starts one shell per clerk at once, each running its orbctl commands one after another;
/// returns each clerk's exit code and error output once all are done.
QList<QPair<int, QByteArray>> together(const QString &db, const std::function<QList<QStringList>(int clerk)> &script)
{
    std::vector<std::unique_ptr<QProcess>> procs;
    for (int c = 0; c < Clerks; ++c) {
        QStringList lines;
        for (const QStringList &args : script(c)) {
            QStringList quoted;
            for (const QString &a : QStringList{QStringLiteral(ORBCTL_PATH), QStringLiteral("--db"), db} + args)
                quoted << QLatin1Char('\'') + QString(a).replace(QLatin1Char('\''), QStringLiteral("'\\''")) + QLatin1Char('\'');
            lines << quoted.join(QLatin1Char(' ')) + QStringLiteral(" >/dev/null || exit $?");
        }
        auto p = std::make_unique<QProcess>();
        p->start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), lines.join(QLatin1Char('\n'))});
        procs.push_back(std::move(p));
    }
    QList<QPair<int, QByteArray>> results;
    for (auto &p : procs) {
        p->waitForFinished(300000);
        results.append({p->exitStatus() == QProcess::NormalExit ? p->exitCode() : -1, p->readAllStandardError()});
    }
    return results;
}

/// The external id of each customer by its Orb id (invoices name their customer by id).
QHash<QString, QString> externalIds(const QString &db)
{
    const ProcessResult r = orbctl(db, {QStringLiteral("--json"), QStringLiteral("customers"), QStringLiteral("list")});
    QHash<QString, QString> out;
    for (const QJsonValue &v : json(r).value(QStringLiteral("data")).toArray())
        out.insert(v.toObject().value(QStringLiteral("id")).toString(), v.toObject().value(QStringLiteral("external_customer_id")).toString());
    return out;
}

QList<QJsonObject> invoices(const QString &db)
{
    const ProcessResult r =
        orbctl(db, {QStringLiteral("--json"), QStringLiteral("invoices"), QStringLiteral("list"), QStringLiteral("--limit"), QStringLiteral("1000")});
    QList<QJsonObject> out;
    for (const QJsonValue &v : json(r).value(QStringLiteral("data")).toArray())
        out << v.toObject();
    return out;
}

} // namespace

class TestOrbctlConcurrent : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_url;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString file = m_dir.filePath(QStringLiteral("c.orb"));
        const ProcessResult init = orbctl(file, {QStringLiteral("init"), QStringLiteral("--name"), QStringLiteral("Team Co"), QStringLiteral("--currency"),
                                                 QStringLiteral("EUR"), QStringLiteral("--timezone"), QStringLiteral("Europe/Berlin")});
        QVERIFY2(init.exitCode == 0, init.err.constData());
        m_url = orb::test::pgTestDatabase(QStringLiteral("concurrent"));
        const ProcessResult move = orbctl(file, {QStringLiteral("company"), QStringLiteral("move-to-server"), m_url});
        QVERIFY2(move.exitCode == 0, move.err.constData());
    }

    // Eight customers created at the same moment: all eight, each once.
    void customersAtOnce()
    {
        const auto results = together(m_url, [](int c) {
            return QList<QStringList>{{QStringLiteral("customers"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("Clerk %1 GmbH").arg(c),
                                       QStringLiteral("--external-id"), QStringLiteral("c%1").arg(c), QStringLiteral("--currency"), QStringLiteral("EUR"),
                                       QStringLiteral("--timezone"), QStringLiteral("Europe/Berlin")}};
        });
        for (const auto &r : results)
            QVERIFY2(r.first == 0, r.second.constData());
        const ProcessResult list = orbctl(m_url, {QStringLiteral("--json"), QStringLiteral("customers"), QStringLiteral("list")});
        QSet<QString> ids;
        for (const QJsonValue &v : json(list).value(QStringLiteral("data")).toArray())
            ids << v.toObject().value(QStringLiteral("external_customer_id")).toString();
        QCOMPARE(ids.size(), Clerks);
        // The same external id from two clerks at once: exactly one wins, the other is refused.
        const auto twice = together(m_url, [](int) {
            return QList<QStringList>{{QStringLiteral("customers"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("Same AG"),
                                       QStringLiteral("--external-id"), QStringLiteral("same"), QStringLiteral("--currency"), QStringLiteral("EUR"),
                                       QStringLiteral("--timezone"), QStringLiteral("Europe/Berlin")}};
        });
        int won = 0;
        for (const auto &r : twice) {
            QVERIFY2(r.first == 0 || r.first == 4, r.second.constData());
            won += r.first == 0 ? 1 : 0;
        }
        QCOMPARE(won, 1);
    }

    // Each clerk drafts three invoices and issues them, all at once: 24 numbers, 1 to 24.
    void issuingAtOnce()
    {
        const auto drafts = together(m_url, [](int c) {
            QList<QStringList> s;
            for (int i = 0; i < 3; ++i)
                s << QStringList{QStringLiteral("invoices"),   QStringLiteral("create"),    QStringLiteral("--customer"),
                                 QStringLiteral("c%1").arg(c), QStringLiteral("--line"),    QStringLiteral("Consulting|1|100.00"),
                                 QStringLiteral("--date"),     QStringLiteral("2026-03-02")};
            return s;
        });
        for (const auto &r : drafts)
            QVERIFY2(r.first == 0, r.second.constData());
        QList<QJsonObject> all = invoices(m_url);
        QCOMPARE(all.size(), Clerks * 3);
        QHash<QString, QStringList> draftsOf;
        const QHash<QString, QString> external = externalIds(m_url);
        for (const QJsonObject &i : all)
            draftsOf[external.value(i.value(QStringLiteral("customer_id")).toString())] << i.value(QStringLiteral("id")).toString();

        const auto issued = together(m_url, [&](int c) {
            QList<QStringList> s;
            for (const QString &id : draftsOf.value(QStringLiteral("c%1").arg(c)))
                s << QStringList{QStringLiteral("invoices"), QStringLiteral("issue"), id};
            return s;
        });
        for (const auto &r : issued)
            QVERIFY2(r.first == 0, r.second.constData());
        QList<int> numbers;
        static const QRegularExpression digits(QStringLiteral("(\\d+)$"));
        for (const QJsonObject &i : invoices(m_url)) {
            QCOMPARE(i.value(QStringLiteral("status")).toString(), QStringLiteral("issued"));
            numbers << digits.match(i.value(QStringLiteral("invoice_number")).toString()).captured(1).toInt();
        }
        std::sort(numbers.begin(), numbers.end());
        QList<int> expected;
        for (int n = 1; n <= Clerks * 3; ++n)
            expected << n;
        QCOMPARE(numbers, expected); // gap-free and unique
    }

    // Every clerk records five payments of 2.50 on the same invoice and one on its own: each
    // counts exactly once.
    void paymentsAtOnce()
    {
        QList<QJsonObject> all = invoices(m_url);
        QVERIFY(!all.isEmpty());
        const QString shared = all.first().value(QStringLiteral("id")).toString();
        QHash<QString, QString> ownOf;
        const QHash<QString, QString> external = externalIds(m_url);
        for (const QJsonObject &i : all) {
            const QString ext = external.value(i.value(QStringLiteral("customer_id")).toString());
            if (i.value(QStringLiteral("id")).toString() != shared && !ownOf.contains(ext))
                ownOf.insert(ext, i.value(QStringLiteral("id")).toString());
        }
        const auto paid = together(m_url, [&](int c) {
            QList<QStringList> s;
            for (int k = 0; k < 5; ++k)
                s << QStringList{QStringLiteral("invoices"),
                                 QStringLiteral("pay"),
                                 shared,
                                 QStringLiteral("--amount"),
                                 QStringLiteral("2.50"),
                                 QStringLiteral("--reference"),
                                 QStringLiteral("bank-%1-%2").arg(c).arg(k)};
            s << QStringList{QStringLiteral("invoices"),     QStringLiteral("pay"),   ownOf.value(QStringLiteral("c%1").arg(c)),
                             QStringLiteral("--amount"),     QStringLiteral("30.00"), QStringLiteral("--reference"),
                             QStringLiteral("own-%1").arg(c)};
            return s;
        });
        for (const auto &r : paid)
            QVERIFY2(r.first == 0, r.second.constData());
        QHash<QString, QJsonObject> byId;
        for (const QJsonObject &i : invoices(m_url))
            byId.insert(i.value(QStringLiteral("id")).toString(), i);
        QCOMPARE(byId.value(shared).value(QStringLiteral("amount_paid")).toString(), QStringLiteral("100.00"));
        QCOMPARE(byId.value(shared).value(QStringLiteral("amount_remaining")).toString(), QStringLiteral("0.00"));
        for (auto it = ownOf.cbegin(); it != ownOf.cend(); ++it) {
            QCOMPARE(byId.value(*it).value(QStringLiteral("amount_paid")).toString(), QStringLiteral("30.00"));
            QCOMPARE(byId.value(*it).value(QStringLiteral("amount_remaining")).toString(), QStringLiteral("70.00"));
        }
    }

    // The Stripe lease on the server: one holder across two connections (two programs), the
    // other told where sync runs and by which database user; free again once released.
    void stripeLeaseOnServer()
    {
        const auto file = orb::CompanyFile::open(m_url);
        const auto other = file->openConnection();
        orb::SystemClock clock;
        orb::WorkLease a(file->db(), orb::WorkLease::stripeSync(), clock);
        orb::WorkLease b(*other, orb::WorkLease::stripeSync(), clock);
        QVERIFY(!a.acquire());
        const auto holder = b.acquire();
        QVERIFY(holder);
        QCOMPARE(holder->dbUser, QStringLiteral("orbadmin"));
        QCOMPARE(holder->pid, QCoreApplication::applicationPid());
        QVERIFY(orbctl(m_url, {QStringLiteral("sync"), QStringLiteral("status")}).out.contains("Running:   Stripe sync runs on"));
        a.release();
        QVERIFY(!b.acquire());
        QVERIFY(a.acquire());
    }

    // The trail of all that: one chain, verified, every new entry naming the database user.
    void auditIsOneChain()
    {
        const ProcessResult verify = orbctl(m_url, {QStringLiteral("--json"), QStringLiteral("audit"), QStringLiteral("verify")});
        QVERIFY2(verify.exitCode == 0, verify.err.constData());
        const QJsonObject v = json(verify);
        QCOMPARE(v.value(QStringLiteral("ok")).toBool(), true);
        // 9 customers, 24 drafts, 24 issues, 48 payments at least.
        QVERIFY2(v.value(QStringLiteral("entries")).toString().toLongLong() >= 9 + 24 + 24 + 48, verify.out.constData());
        const ProcessResult list =
            orbctl(m_url, {QStringLiteral("--json"), QStringLiteral("audit"), QStringLiteral("list"), QStringLiteral("--limit"), QStringLiteral("20")});
        QVERIFY2(list.exitCode == 0, list.err.constData());
        const QJsonArray entries = json(list).value(QStringLiteral("data")).toArray();
        QVERIFY(entries.size() > 10);
        for (const QJsonValue &e : entries)
            QCOMPARE(e.toObject().value(QStringLiteral("db_user")).toString(), QStringLiteral("orbadmin"));
    }
};

QTEST_GUILESS_MAIN(TestOrbctlConcurrent)
#include "pg_orbctl_concurrent.moc"
