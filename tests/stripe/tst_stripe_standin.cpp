// SPDX-License-Identifier: GPL-3.0-or-later
// The stand-in answers as Stripe does: validation from the OpenAPI subset, idempotent replay,
// lists, events and injected faults, over real loopback HTTP.
#include "StandinServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTcpSocket>
#include <QTest>

using namespace orb::standin;

namespace {

struct Reply {
    int status = 0;
    QJsonObject json;
    QByteArray headers;
    bool dropped = false;
};

/// One blocking HTTP/1.1 request on its own connection.
Reply send(quint16 port, const QByteArray &method, const QByteArray &target, const QByteArray &body = {}, const QByteArray &key = "sk_test_standin0001",
           const QByteArray &idempotencyKey = {})
{
    QTcpSocket s;
    s.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!s.waitForConnected(5000))
        return {};
    QByteArray req = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    if (!key.isEmpty())
        req += "Authorization: Bearer " + key + "\r\n";
    if (!idempotencyKey.isEmpty())
        req += "Idempotency-Key: " + idempotencyKey + "\r\n";
    req += "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    s.write(req);
    QByteArray in;
    while (s.waitForReadyRead(5000))
        in += s.readAll();
    in += s.readAll();
    Reply r;
    const qsizetype end = in.indexOf("\r\n\r\n");
    // Nothing, or an answer broken off before its body was complete: dropped.
    const qsizetype length = in.left(end).toLower().indexOf("content-length: ");
    if (in.isEmpty() || end < 0 || (length >= 0 && in.size() - end - 4 < in.mid(length + 16, in.indexOf("\r\n", length) - length - 16).toLongLong())) {
        r.dropped = true;
        return r;
    }
    r.headers = in.left(end);
    r.status = in.mid(9, 3).toInt();
    r.json = QJsonDocument::fromJson(in.mid(end + 4)).object();
    return r;
}

QString errorCode(const Reply &r)
{
    return r.json.value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString();
}

} // namespace

class TestStripeStandin : public QObject
{
    Q_OBJECT
private slots:
    void init()
    {
        m_host = std::make_unique<StandinHost>(defaultSpecPath());
        QVERIFY(m_host->start());
    }
    void cleanup() { m_host.reset(); }

    void validation_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("param");
        QTest::newRow("unknown top-level") << QByteArray("POST") << QByteArray("/v1/customers") << QByteArray("nmae=x") << 400
                                           << QStringLiteral("parameter_unknown") << QStringLiteral("nmae");
        QTest::newRow("unknown nested") << QByteArray("POST") << QByteArray("/v1/customers") << QByteArray("address[planet]=Mars") << 400
                                        << QStringLiteral("parameter_unknown") << QStringLiteral("address[planet]");
        QTest::newRow("nested under a string") << QByteArray("POST") << QByteArray("/v1/customers") << QByteArray("name[first]=A") << 400
                                               << QStringLiteral("parameter_unknown") << QStringLiteral("name[first]");
        QTest::newRow("metadata is free") << QByteArray("POST") << QByteArray("/v1/customers") << QByteArray("metadata[orb_id]=cus_1&name=A") << 200
                                          << QString() << QString();
        QTest::newRow("missing required") << QByteArray("POST") << QByteArray("/v1/billing/meter_events") << QByteArray("event_name=x") << 400
                                          << QStringLiteral("parameter_missing") << QStringLiteral("payload");
        QTest::newRow("invoice item needs customer") << QByteArray("POST") << QByteArray("/v1/invoiceitems") << QByteArray("amount=100&currency=usd") << 400
                                                     << QStringLiteral("parameter_missing") << QStringLiteral("customer");
        QTest::newRow("bad integer") << QByteArray("POST") << QByteArray("/v1/invoiceitems") << QByteArray("customer=c&amount=1.5") << 400
                                     << QStringLiteral("parameter_invalid_integer") << QStringLiteral("amount");
        QTest::newRow("bad enum") << QByteArray("POST") << QByteArray("/v1/invoices") << QByteArray("customer=c&collection_method=cash") << 400
                                  << QStringLiteral("parameter_invalid_string") << QStringLiteral("collection_method");
        QTest::newRow("unknown query") << QByteArray("GET") << QByteArray("/v1/events?colour=red") << QByteArray() << 400 << QStringLiteral("parameter_unknown")
                                       << QStringLiteral("colour");
        QTest::newRow("range query") << QByteArray("GET") << QByteArray("/v1/events?created%5Bgt%5D=5&types%5B%5D=invoice.paid") << QByteArray() << 200
                                     << QString() << QString();
        QTest::newRow("unknown URL") << QByteArray("GET") << QByteArray("/v1/planets") << QByteArray() << 404 << QString() << QString();
        QTest::newRow("missing object") << QByteArray("GET") << QByteArray("/v1/customers/cus_nope") << QByteArray() << 404
                                        << QStringLiteral("resource_missing") << QStringLiteral("customer");
    }
    void validation()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, target);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, code);
        QFETCH(QString, param);
        const Reply r = send(m_host->port(), method, target, body);
        QCOMPARE(r.status, status);
        QCOMPARE(errorCode(r), code);
        QCOMPARE(r.json.value(QLatin1String("error")).toObject().value(QLatin1String("param")).toString(), param);
        if (status != 200)
            QCOMPARE(m_host->standin().count(QStringLiteral("customer")), 0);
    }

    void authentication()
    {
        QCOMPARE(send(m_host->port(), "GET", "/v1/customers", {}, {}).status, 401);
        QCOMPARE(send(m_host->port(), "GET", "/v1/customers", {}, "sk_live_notatestkey").status, 401);
        m_host->standin().setApiKey(QStringLiteral("sk_test_exactkey123"));
        QCOMPARE(send(m_host->port(), "GET", "/v1/customers", {}, "sk_test_standin0001").status, 401);
        QCOMPARE(send(m_host->port(), "GET", "/v1/customers", {}, "sk_test_exactkey123").status, 200);
    }

    void idempotentReplay()
    {
        const Reply a = send(m_host->port(), "POST", "/v1/customers", "name=Ada", "sk_test_standin0001", "k1");
        const Reply b = send(m_host->port(), "POST", "/v1/customers", "name=Ada", "sk_test_standin0001", "k1");
        QCOMPARE(a.status, 200);
        QCOMPARE(b.status, 200);
        QCOMPARE(b.json.value(QLatin1String("id")), a.json.value(QLatin1String("id")));
        QVERIFY(b.headers.contains("Idempotent-Replayed: true"));
        QCOMPARE(m_host->standin().count(QStringLiteral("customer")), 1);
        const Reply c = send(m_host->port(), "POST", "/v1/customers", "name=Bob", "sk_test_standin0001", "k1");
        QCOMPARE(c.status, 400);
        QCOMPARE(c.json.value(QLatin1String("error")).toObject().value(QLatin1String("type")).toString(), QStringLiteral("idempotency_error"));
        // A validation failure is not stored: the same key with good parameters then works.
        QCOMPARE(send(m_host->port(), "POST", "/v1/customers", "bogus=1", "sk_test_standin0001", "k2").status, 400);
        QCOMPARE(send(m_host->port(), "POST", "/v1/customers", "name=Cy", "sk_test_standin0001", "k2").status, 200);
        QCOMPARE(m_host->standin().count(QStringLiteral("customer")), 2);
    }

    void faults()
    {
        Fault f;
        f.kind = Fault::Kind::Status503;
        f.count = 2;
        m_host->standin().addFault(f);
        const Reply a = send(m_host->port(), "POST", "/v1/customers", "name=A", "sk_test_standin0001", "f1");
        QCOMPARE(a.status, 503);
        QVERIFY(a.headers.contains("Stripe-Should-Retry: true"));
        QCOMPARE(send(m_host->port(), "POST", "/v1/customers", "name=A", "sk_test_standin0001", "f1").status, 503);
        QCOMPARE(send(m_host->port(), "POST", "/v1/customers", "name=A", "sk_test_standin0001", "f1").status, 200);
        QCOMPARE(m_host->standin().count(QStringLiteral("customer")), 1);

        f.kind = Fault::Kind::DropAfterCommit;
        f.count = 1;
        m_host->standin().addFault(f);
        QVERIFY(send(m_host->port(), "POST", "/v1/customers", "name=B", "sk_test_standin0001", "f2").dropped);
        QCOMPARE(m_host->standin().count(QStringLiteral("customer")), 2); // the change was made
        const Reply replay = send(m_host->port(), "POST", "/v1/customers", "name=B", "sk_test_standin0001", "f2");
        QCOMPARE(replay.status, 200);
        QCOMPARE(m_host->standin().count(QStringLiteral("customer")), 2);

        // Through the side channel, as a demo would.
        const Reply side = send(m_host->port(), "POST", "/__standin/faults", R"({"kind":"429","count":1})", {});
        QCOMPARE(side.status, 200);
        QCOMPARE(send(m_host->port(), "GET", "/v1/customers").status, 429);
        QCOMPARE(send(m_host->port(), "GET", "/v1/customers").status, 200);
    }

    void invoiceLifecycleAndEvents()
    {
        const QString cus = send(m_host->port(), "POST", "/v1/customers", "name=A").json.value(QLatin1String("id")).toString();
        QCOMPARE(send(m_host->port(), "POST", "/v1/invoiceitems", "customer=" + cus.toUtf8() + "&amount=1250&currency=eur").status, 200);
        const Reply inv = send(m_host->port(), "POST", "/v1/invoices",
                               "customer=" + cus.toUtf8() + "&pending_invoice_items_behavior=include&collection_method=send_invoice&days_until_due=30");
        QCOMPARE(inv.status, 200);
        const QByteArray id = inv.json.value(QLatin1String("id")).toString().toUtf8();
        QCOMPARE(inv.json.value(QLatin1String("amount_due")).toInteger(), 1250);
        QCOMPARE(send(m_host->port(), "POST", "/v1/invoices/" + id + "/void").status, 400); // a draft cannot be voided
        const Reply fin = send(m_host->port(), "POST", "/v1/invoices/" + id + "/finalize");
        QCOMPARE(fin.json.value(QLatin1String("status")).toString(), QStringLiteral("open"));
        QVERIFY(!fin.json.value(QLatin1String("number")).toString().isEmpty());
        m_host->standin().addFault(Fault{Fault::Kind::CardDecline, 1, {}, {}, 0});
        const Reply declined = send(m_host->port(), "POST", "/v1/invoices/" + id + "/pay");
        QCOMPARE(declined.status, 402);
        QCOMPARE(errorCode(declined), QStringLiteral("card_declined"));
        const Reply paid = send(m_host->port(), "POST", "/v1/invoices/" + id + "/pay");
        QCOMPARE(paid.json.value(QLatin1String("status")).toString(), QStringLiteral("paid"));
        QCOMPARE(paid.json.value(QLatin1String("amount_paid")).toInteger(), 1250);

        // Events newest first, filtered with a wildcard, paged with cursors.
        const Reply all = send(m_host->port(), "GET", "/v1/events?type=invoice.*&limit=100");
        QStringList types;
        for (const QJsonValue &e : all.json.value(QLatin1String("data")).toArray())
            types.prepend(e.toObject().value(QLatin1String("type")).toString());
        QCOMPARE(types, (QStringList{QStringLiteral("invoice.created"), QStringLiteral("invoice.finalized"), QStringLiteral("invoice.payment_failed"),
                                     QStringLiteral("invoice.payment_succeeded"), QStringLiteral("invoice.paid")}));
        const Reply page1 = send(m_host->port(), "GET", "/v1/events?limit=2");
        QVERIFY(page1.json.value(QLatin1String("has_more")).toBool());
        const QByteArray last = page1.json.value(QLatin1String("data")).toArray().last().toObject().value(QLatin1String("id")).toString().toUtf8();
        const Reply page2 = send(m_host->port(), "GET", "/v1/events?limit=2&starting_after=" + last);
        QCOMPARE(page2.json.value(QLatin1String("data")).toArray().size(), 2);
        const Reply newer = send(m_host->port(), "GET", "/v1/events?limit=100&ending_before=" + last);
        QCOMPARE(newer.json.value(QLatin1String("data")).toArray().size(), 1);
    }

    void eventsAreKeptThirtyDays()
    {
        // On the stand-in's own clock: an event 30 days old is gone from the list, cannot be
        // read, and a cursor naming it answers resource_missing, as Stripe does.
        send(m_host->port(), "POST", "/v1/customers", "name=A");
        send(m_host->port(), "POST", "/v1/customers", "name=B");
        const Reply before = send(m_host->port(), "GET", "/v1/events?limit=100");
        const QJsonArray data = before.json.value(QLatin1String("data")).toArray();
        QCOMPARE(data.size(), 2);
        const QByteArray old = data.last().toObject().value(QLatin1String("id")).toString().toUtf8();
        const qint64 created = data.last().toObject().value(QLatin1String("created")).toInteger();
        m_host->standin().setClockOffset(29 * 86400 + 23 * 3600);
        QCOMPARE(send(m_host->port(), "GET", "/v1/events/" + old).status, 200);
        QCOMPARE(send(m_host->port(), "GET", "/v1/events?limit=100").json.value(QLatin1String("data")).toArray().size(), 2);
        m_host->standin().setClockOffset(30 * 86400 + 60);
        send(m_host->port(), "POST", "/v1/customers", "name=C");
        const Reply after = send(m_host->port(), "GET", "/v1/events?limit=100&created[gte]=" + QByteArray::number(created));
        QCOMPARE(after.status, 200);
        QCOMPARE(after.json.value(QLatin1String("data")).toArray().size(), 1); // only the new one
        const Reply gone = send(m_host->port(), "GET", "/v1/events/" + old);
        QCOMPARE(gone.status, 404);
        QCOMPARE(errorCode(gone), QStringLiteral("resource_missing"));
        const Reply aged = send(m_host->port(), "GET", "/v1/events?limit=10&starting_after=" + old);
        QCOMPARE(aged.status, 400);
        QCOMPARE(errorCode(aged), QStringLiteral("resource_missing"));
        QCOMPARE(errorCode(send(m_host->port(), "GET", "/v1/events?limit=10&ending_before=" + old)), QStringLiteral("resource_missing"));
    }

    void meterEvents()
    {
        const QString cus = send(m_host->port(), "POST", "/v1/customers", "name=A").json.value(QLatin1String("id")).toString();
        QCOMPARE(send(m_host->port(), "POST", "/v1/billing/meter_events", "event_name=api&payload[value]=1&payload[stripe_customer_id]=" + cus.toUtf8()).status,
                 400); // no meter yet
        QCOMPARE(send(m_host->port(), "POST", "/v1/billing/meters", "display_name=API&event_name=api&default_aggregation[formula]=sum").status, 200);
        const QByteArray base = "event_name=api&payload[value]=3&payload[stripe_customer_id]=" + cus.toUtf8();
        QCOMPARE(send(m_host->port(), "POST", "/v1/billing/meter_events", base + "&identifier=e1").status, 200);
        QCOMPARE(errorCode(send(m_host->port(), "POST", "/v1/billing/meter_events", base + "&identifier=e1")), QStringLiteral("duplicate_meter_event"));
        const QByteArray old = QByteArray::number(QDateTime::currentSecsSinceEpoch() - 36 * 86400);
        QCOMPARE(errorCode(send(m_host->port(), "POST", "/v1/billing/meter_events", base + "&identifier=e2&timestamp=" + old)),
                 QStringLiteral("timestamp_too_far_in_past"));
        QCOMPARE(m_host->standin().count(QStringLiteral("billing.meter_event")), 1);
    }

    void runsAsAProgram()
    {
        // The program a README demo starts: it prints where it listens and serves the side channel.
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("ORB_STANDIN_KEY"), QStringLiteral("sk_test_programKey0001"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(STANDIN_PATH), {QStringLiteral("--port"), QStringLiteral("0")});
        QVERIFY(p.waitForStarted());
        QTRY_VERIFY(p.canReadLine());
        const QByteArray banner = p.readLine();
        QVERIFY2(banner.contains("endpoints, Stripe-Version 2023-08-16"), banner.constData());
        const quint16 port = quint16(banner.mid(banner.lastIndexOf(':') + 1).split(' ').first().toUInt());
        QVERIFY(port > 0);
        QCOMPARE(send(port, "GET", "/v1/customers", {}, "sk_test_standin0001").status, 401); // only the key from the environment
        QCOMPARE(send(port, "POST", "/v1/customers", "name=A", "sk_test_programKey0001").status, 200);
        const Reply state = send(port, "GET", "/__standin/state", {}, {});
        QCOMPARE(state.json.value(QLatin1String("counts")).toObject().value(QLatin1String("customer")).toInt(), 1);
        p.terminate();
        QVERIFY(p.waitForFinished());
        QProcess bad;
        bad.start(QStringLiteral(STANDIN_PATH), {QStringLiteral("--spec"), QStringLiteral("/nonexistent.json")});
        QVERIFY(bad.waitForFinished());
        QCOMPARE(bad.exitCode(), 1);
        QVERIFY(bad.readAllStandardError().contains("/nonexistent.json: cannot read the OpenAPI subset"));
    }

    void rateLimit()
    {
        m_host->standin().setRateLimit(3);
        int limited = 0;
        for (int i = 0; i < 6; ++i)
            limited += send(m_host->port(), "GET", "/v1/customers").status == 429;
        QVERIFY(limited >= 1);
    }

private:
    std::unique_ptr<StandinHost> m_host;
};

QTEST_GUILESS_MAIN(TestStripeStandin)
#include "tst_stripe_standin.moc"
