// SPDX-License-Identifier: GPL-3.0-or-later
// The Stripe client against the stand-in over real loopback HTTP: encoding, headers, retries
// with backoff for each fault, no retry for the errors a retry cannot fix.
#include "StandinServer.h"
#include "sync/StripeClient.h"

#include <QTcpServer>
#include <QtTest>

using namespace orb;
using namespace orb::standin;

namespace {

/// Records the waits instead of sleeping, so the retry tests take milliseconds.
class RecordingSleeper final : public Sleeper
{
public:
    void sleepMs(int ms) override { waits.append(ms); }
    QList<int> waits;
};

const QString Key = QStringLiteral("sk_test_clienttest0001");

} // namespace

class TestStripeClient : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_host = std::make_unique<StandinHost>(defaultSpecPath());
        QVERIFY(m_host->start());
        m_host->standin().setApiKey(Key);
        m_sleeper.waits.clear();
    }
    void cleanup() { m_host.reset(); }

    void formEncodingNestedKeys()
    {
        FormParams p;
        p.add(QStringLiteral("name"), QStringLiteral("Zoë & Co = 100%"))
            .addNested(QStringLiteral("metadata"), QStringLiteral("orb_id"), QStringLiteral("c1"))
            .addNested(QStringLiteral("address"), QStringLiteral("line1"), QStringLiteral("1 Rue d'Été"))
            .add(QStringLiteral("preferred_locales[]"), QStringLiteral("fr"));
        QCOMPARE(p.encode(), QByteArray("name=Zo%C3%AB%20%26%20Co%20%3D%20100%25&metadata%5Borb_id%5D=c1&address%5Bline1%5D=1%20Rue%20d%27%C3%89t%C3%A9"
                                        "&preferred_locales%5B%5D=fr"));
        StripeClient client(m_host->baseUrl(), Key, &m_sleeper);
        const StripeResult r = client.post(QStringLiteral("/v1/customers"), p, QStringLiteral("enc-1"));
        QVERIFY2(r.ok(), qPrintable(r.error.describe()));
        QCOMPARE(r.response.json.value(QLatin1String("name")).toString(), QStringLiteral("Zoë & Co = 100%"));
        QCOMPARE(r.response.json.value(QLatin1String("metadata")).toObject().value(QLatin1String("orb_id")).toString(), QStringLiteral("c1"));
        QCOMPARE(r.response.json.value(QLatin1String("address")).toObject().value(QLatin1String("line1")).toString(), QStringLiteral("1 Rue d'Été"));
        QCOMPARE(r.response.attempts, 1);
    }

    void retriesEachTransientFault_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("count");
        QTest::newRow("500") << int(Fault::Kind::Status500) << 2;
        QTest::newRow("503 with Stripe-Should-Retry") << int(Fault::Kind::Status503) << 3;
        QTest::newRow("429") << int(Fault::Kind::Status429) << 2;
        QTest::newRow("dropped after the change") << int(Fault::Kind::DropAfterCommit) << 1;
    }
    void retriesEachTransientFault()
    {
        QFETCH(int, kind);
        QFETCH(int, count);
        Fault f;
        f.kind = Fault::Kind(kind);
        f.count = count;
        f.pathPrefix = QStringLiteral("/v1/customers");
        m_host->standin().addFault(f);
        StripeClient client(m_host->baseUrl(), Key, &m_sleeper);
        FormParams p;
        p.add(QStringLiteral("name"), QStringLiteral("Retry Ltd"));
        const StripeResult r = client.post(QStringLiteral("/v1/customers"), p, QStringLiteral("retry-1"));
        QVERIFY2(r.ok(), qPrintable(r.error.describe()));
        QCOMPARE(r.response.attempts, count + 1);
        QCOMPARE(m_sleeper.waits.size(), count);
        // Exactly one customer, however many times the request went out.
        QCOMPARE(m_host->standin().count(QStringLiteral("customer")), 1);
        QCOMPARE(m_host->standin().requestCount(QStringLiteral("/v1/customers")), count + 1);
        if (Fault::Kind(kind) == Fault::Kind::DropAfterCommit)
            QVERIFY(r.response.replayed);
    }

    void latencyAndConcurrentKey()
    {
        // A slow answer holds its key; a second request with the key meanwhile gets 409 and is retried.
        Fault f;
        f.kind = Fault::Kind::Latency;
        f.latencyMs = 300;
        m_host->standin().addFault(f);
        StripeClient slow(m_host->baseUrl(), Key, &m_sleeper);
        FormParams p;
        p.add(QStringLiteral("name"), QStringLiteral("Slow"));
        std::atomic_bool done{false};
        StripeResult first;
        QThread *t = QThread::create([&] {
            first = slow.post(QStringLiteral("/v1/customers"), p, QStringLiteral("slow-1"));
            done = true;
        });
        t->start();
        QTRY_VERIFY(m_host->standin().requestCount(QStringLiteral("/v1/customers")) == 1);
        ThreadSleeper realSleeper; // the 409 retry must really wait for the slow answer
        StripeClient second(m_host->baseUrl(), Key, &realSleeper, RetryPolicy{6, 100, 400});
        const StripeResult r = second.post(QStringLiteral("/v1/customers"), p, QStringLiteral("slow-1"));
        t->wait();
        delete t;
        QVERIFY(first.ok());
        QVERIFY2(r.ok(), qPrintable(r.error.describe()));
        QVERIFY(r.response.attempts >= 2);
        QCOMPARE(r.response.json.value(QLatin1String("id")), first.response.json.value(QLatin1String("id")));
        QCOMPARE(m_host->standin().count(QStringLiteral("customer")), 1);
    }

    void givesUpAfterMaxAttempts()
    {
        Fault f;
        f.kind = Fault::Kind::Status500;
        f.count = 100;
        m_host->standin().addFault(f);
        StripeClient client(m_host->baseUrl(), Key, &m_sleeper, RetryPolicy{4, 500, 8000});
        const StripeResult r = client.get(QStringLiteral("/v1/customers"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error.kind, StripeError::Kind::Api);
        QCOMPARE(r.error.attempts, 4);
        QVERIFY(r.error.retryable);
        QCOMPARE(m_sleeper.waits.size(), 3);
        QVERIFY(r.error.describe().contains(QStringLiteral("after 4 attempt(s)")));
    }

    void neverRetriesWhatARetryCannotFix_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("code");
        QTest::newRow("unknown parameter") << QStringLiteral("/v1/customers") << QByteArray("nmae") << int(StripeError::Kind::InvalidRequest)
                                           << QStringLiteral("parameter_unknown");
        QTest::newRow("no such object") << QStringLiteral("/v1/customers/cus_missing") << QByteArray("name") << int(StripeError::Kind::InvalidRequest)
                                        << QStringLiteral("resource_missing");
    }
    void neverRetriesWhatARetryCannotFix()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(int, kind);
        QFETCH(QString, code);
        StripeClient client(m_host->baseUrl(), Key, &m_sleeper);
        FormParams p;
        p.add(QString::fromLatin1(body), QStringLiteral("x"));
        const StripeResult r = client.post(path, p, QStringLiteral("k-") + code);
        QVERIFY(!r.ok());
        QCOMPARE(int(r.error.kind), kind);
        QCOMPARE(r.error.code, code);
        QCOMPARE(r.error.attempts, 1);
        QVERIFY(m_sleeper.waits.isEmpty());
        QVERIFY(r.error.describe().contains(code));
    }

    void cardDeclineIsNotRetried()
    {
        StripeClient client(m_host->baseUrl(), Key, &m_sleeper);
        const QString cus = client.post(QStringLiteral("/v1/customers"), FormParams().add(QStringLiteral("name"), QStringLiteral("A")), QStringLiteral("c"))
                                .response.json.value(QLatin1String("id"))
                                .toString();
        m_host->standin().addFault(Fault{Fault::Kind::CardDecline, 1, {}, {}, 0});
        FormParams p;
        p.add(QStringLiteral("amount"), QStringLiteral("1000"))
            .add(QStringLiteral("currency"), QStringLiteral("eur"))
            .add(QStringLiteral("customer"), cus)
            .add(QStringLiteral("confirm"), QStringLiteral("true"));
        const StripeResult r = client.post(QStringLiteral("/v1/payment_intents"), p, QStringLiteral("pi-1"));
        QCOMPARE(r.error.kind, StripeError::Kind::Card);
        QCOMPARE(r.error.code, QStringLiteral("card_declined"));
        QCOMPARE(r.error.attempts, 1);
        // The same key replays the decline: a new attempt needs a new key.
        QCOMPARE(client.post(QStringLiteral("/v1/payment_intents"), p, QStringLiteral("pi-1")).error.code, QStringLiteral("card_declined"));
        QVERIFY(client.post(QStringLiteral("/v1/payment_intents"), p, QStringLiteral("pi-2")).ok());
    }

    void wrongKeyIsAnAuthenticationError()
    {
        StripeClient client(m_host->baseUrl(), QStringLiteral("sk_test_wrongwrongwrong"), &m_sleeper);
        const StripeResult r = client.get(QStringLiteral("/v1/customers"));
        QCOMPARE(r.error.kind, StripeError::Kind::Authentication);
        QCOMPARE(r.error.attempts, 1);
        QVERIFY(!r.error.describe().contains(QStringLiteral("wrongwrong"))); // the key never appears in a message
    }

    void networkErrorIsRetriedThenReported()
    {
        // A port nobody listens on.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        StripeClient client(QStringLiteral("http://127.0.0.1:%1").arg(port), Key, &m_sleeper, RetryPolicy{3, 500, 8000});
        const StripeResult r = client.get(QStringLiteral("/v1/customers"));
        QCOMPARE(r.error.kind, StripeError::Kind::Network);
        QCOMPARE(r.error.attempts, 3);
        QVERIFY(r.error.describe().startsWith(QStringLiteral("Stripe could not be reached after 3 attempt(s)")));
    }

    void backoffDoublesWithJitter()
    {
        const RetryPolicy p{6, 500, 4000};
        for (quint32 random : {0u, 123456u, 0xffffffffu}) {
            const int d1 = p.delayMs(1, random), d2 = p.delayMs(2, random), d4 = p.delayMs(4, random), d6 = p.delayMs(6, random);
            QVERIFY(d1 >= 250 && d1 <= 500);
            QVERIFY(d2 >= 500 && d2 <= 1000);
            QVERIFY(d4 >= 2000 && d4 <= 4000);
            QVERIFY(d6 >= 2000 && d6 <= 4000); // capped
        }
        QVERIFY(p.delayMs(3, 1) != p.delayMs(3, 777)); // jitter spreads clients apart
    }

private:
    std::unique_ptr<StandinHost> m_host;
    RecordingSleeper m_sleeper;
};

QTEST_GUILESS_MAIN(TestStripeClient)
#include "tst_stripeclient.moc"
