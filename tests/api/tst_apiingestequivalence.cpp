// SPDX-License-Identifier: GPL-3.0-or-later
// The REST API's ingestion and the file import must store the same events and refuse the same
// ones for the same reasons (Orb's dedup, grace, conflict and backfill rules): the same events
// go through both, each into its own copy of one company file, and the outcomes and stored
// rows are compared. Also: the API's kept key filter must never take a stored key for a new
// one, whoever stored it (another connection, or the API's own connection).
#include "app/api/ApiHandler.h"
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/CustomerService.h"
#include "models/api/ApiKeyService.h"
#include "models/usage/BackfillService.h"
#include "models/usage/EventImporter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace orb;
using namespace orb::api;

namespace {

QByteArray ev(const QString &key, const QString &ts, const QString &customerField, const QString &customer, const QString &hours)
{
    return QStringLiteral(R"({"event_name":"job","timestamp":"%1","idempotency_key":"%2","%3":"%4","properties":{"hours":%5}})")
        .arg(ts, key, customerField, customer, hours)
        .toUtf8();
}

} // namespace

class TestApiIngestEquivalence : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void apiAndFileImportAgree_data();
    void apiAndFileImportAgree();
    void keptKeyFilterSeesEveryWriter();

private:
    /// Stored events, in ingestion order, as comparable text.
    static QStringList stored(CompanyFile &file);
    /// Outcome per event through the API (requests of `perRequest`): "accepted", "duplicate"
    /// or "rejected: reason".
    QStringList throughApi(CompanyFile &file, const QList<QByteArray> &events, int perRequest, const QString &backfillId, bool grouped);
    QStringList throughImport(CompanyFile &file, const QList<QByteArray> &events, const QString &backfillId);

    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 3, 20), QTime(12, 0), Qt::UTC)};
    QString m_base;
    QString m_acmeId;
    QString m_backfillId;
    int m_n = 0;
};

void TestApiIngestEquivalence::init()
{
    CompanySettings s;
    s.name = QStringLiteral("Test Co");
    s.timezone = QStringLiteral("UTC");
    m_base = m_dir.filePath(QStringLiteral("base%1.orb").arg(++m_n));
    auto file = CompanyFile::create(m_base, s, m_clock);
    Customer acme;
    acme.name = QStringLiteral("Acme");
    acme.externalCustomerId = QStringLiteral("acme");
    m_acmeId = CustomerService(*file, m_clock).create(acme).id;
    Customer other;
    other.name = QStringLiteral("Other");
    other.externalCustomerId = QStringLiteral("other");
    CustomerService(*file, m_clock).create(other);
    m_backfillId = BackfillService(*file, m_clock)
                       .create(QDateTime(QDate(2026, 3, 1), QTime(0, 0), Qt::UTC), QDateTime(QDate(2026, 3, 10), QTime(0, 0), Qt::UTC), m_acmeId, false)
                       .id;
}

QStringList TestApiIngestEquivalence::stored(CompanyFile &file)
{
    QStringList out;
    QSqlQuery q = file.db().exec(QStringLiteral("SELECT idempotency_key, event_name, ts, coalesce(customer_id, '-'), coalesce(external_customer_id, '-'), "
                                                "properties, status, coalesce(backfill_id, '-'), ingested_at FROM usage_events ORDER BY seq"));
    while (q.next()) {
        QStringList row;
        for (int i = 0; i < 9; ++i)
            row << q.value(i).toString();
        out << row.join(QLatin1Char('|'));
    }
    return out;
}

QStringList TestApiIngestEquivalence::throughApi(CompanyFile &file, const QList<QByteArray> &events, int perRequest, const QString &backfillId, bool grouped)
{
    const QString secret = ApiKeyService(file, m_clock).create(QStringLiteral("k"), QStringLiteral("ingest")).secret;
    ApiHandler handler(file, m_clock);
    QList<ApiRequest> requests;
    QList<qsizetype> firsts;
    for (qsizetype at = 0; at < events.size(); at += perRequest) {
        QByteArray body = R"({"events":[)";
        for (qsizetype i = at; i < std::min(events.size(), at + perRequest); ++i)
            body += (i > at ? "," : "") + events[i];
        body += "]}";
        ApiRequest r;
        r.method = "POST";
        r.path = QStringLiteral("/v1/ingest");
        r.query.addQueryItem(QStringLiteral("debug"), QStringLiteral("true"));
        if (!backfillId.isEmpty())
            r.query.addQueryItem(QStringLiteral("backfill_id"), backfillId);
        r.headers.insert("authorization", "Bearer " + secret.toUtf8());
        r.body = body;
        requests << r;
        firsts << at;
    }
    QList<ApiResponse> answers;
    if (grouped) {
        answers = handler.handleIngestBatch(requests);
    } else {
        for (const ApiRequest &r : std::as_const(requests))
            answers << handler.handle(r);
    }
    QStringList out(events.size());
    static const QRegularExpression position(QStringLiteral("^events\\[(\\d+)\\]: (.*)$"), QRegularExpression::DotMatchesEverythingOption);
    for (qsizetype n = 0; n < answers.size(); ++n) {
        const QJsonObject o = QJsonDocument::fromJson(answers[n].body).object();
        if (answers[n].status != 200 && answers[n].status != 400)
            qFatal("unexpected answer %d: %s", answers[n].status, answers[n].body.constData());
        // A key in both lists was accepted at its first place in the request and is a
        // duplicate at the later ones.
        QHash<QString, int> ingested, duplicate;
        for (const QJsonValue &k : o.value(QStringLiteral("debug")).toObject().value(QStringLiteral("ingested")).toArray())
            ++ingested[k.toString()];
        for (const QJsonValue &k : o.value(QStringLiteral("debug")).toObject().value(QStringLiteral("duplicate")).toArray())
            ++duplicate[k.toString()];
        const qsizetype end = n + 1 < firsts.size() ? firsts[n + 1] : events.size();
        for (const QJsonValue &f : o.value(QStringLiteral("validation_failed")).toArray()) {
            const auto m = position.match(f.toObject().value(QStringLiteral("validation_errors")).toArray().first().toString());
            out[firsts[n] + m.captured(1).toInt()] = QStringLiteral("rejected: ") + m.captured(2);
        }
        for (qsizetype i = firsts[n]; i < end; ++i) {
            if (!out[i].isEmpty())
                continue;
            const QString key = QJsonDocument::fromJson(events[i]).object().value(QStringLiteral("idempotency_key")).toString();
            if (ingested.value(key) > 0) {
                --ingested[key];
                out[i] = QStringLiteral("accepted");
            } else if (duplicate.value(key) > 0) {
                --duplicate[key];
                out[i] = QStringLiteral("duplicate");
            } else {
                out[i] = QStringLiteral("?");
            }
        }
    }
    return out;
}

QStringList TestApiIngestEquivalence::throughImport(CompanyFile &file, const QList<QByteArray> &events, const QString &backfillId)
{
    const QString path = m_dir.filePath(QStringLiteral("events%1.jsonl").arg(++m_n));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    for (const QByteArray &e : events)
        f.write(e + '\n');
    f.close();
    ImportOptions options;
    options.backfillId = backfillId;
    EventImporter importer(file, m_clock);
    const ImportSummary summary = importer.importFile(path, options);
    QStringList out(events.size());
    for (const ImportReject &r : importer.rejects(summary.importId))
        out[r.line - 1] = QStringLiteral("rejected: ") + r.reason;
    // Accepted and duplicate are told apart by what is stored: the first row with the key
    // that was stored by this import is the accepted one.
    QHash<QString, int> firstAccepted;
    qint64 accepted = 0;
    for (qsizetype i = 0; i < events.size(); ++i) {
        if (!out[i].isEmpty())
            continue;
        const QString key = QJsonDocument::fromJson(events[i]).object().value(QStringLiteral("idempotency_key")).toString();
        out[i] = firstAccepted.contains(key) ? QStringLiteral("duplicate") : QStringLiteral("accepted");
        if (!firstAccepted.contains(key))
            firstAccepted.insert(key, int(i));
    }
    for (const QString &s : out)
        accepted += s == QLatin1String("accepted") ? 1 : 0;
    // The counts the import reports agree with that reading.
    if (summary.accepted + summary.duplicates + summary.rejected != events.size())
        qFatal("import counts do not add up");
    out << QStringLiteral("import accepted %1 (by keys %2)").arg(summary.accepted).arg(accepted);
    return out;
}

void TestApiIngestEquivalence::apiAndFileImportAgree_data()
{
    QTest::addColumn<bool>("backfill");
    QTest::addColumn<int>("perRequest");
    QTest::addColumn<bool>("grouped");
    QTest::newRow("live, 500 a request") << false << 500 << false;
    QTest::newRow("live, 7 a request") << false << 7 << false;
    QTest::newRow("live, grouped requests") << false << 60 << true;
    QTest::newRow("backfill, 250 a request") << true << 250 << false;
}

void TestApiIngestEquivalence::apiAndFileImportAgree()
{
    QFETCH(bool, backfill);
    QFETCH(int, perRequest);
    QFETCH(bool, grouped);
    QList<QByteArray> events;
    const QString ext = QStringLiteral("external_customer_id");
    const QString id = QStringLiteral("customer_id");
    if (!backfill) {
        for (int i = 0; i < 700; ++i) // more than a key block: runs of the key index
            events << ev(QStringLiteral("bulk-%1").arg(i), QStringLiteral("2026-03-20T10:%1:00Z").arg(i % 60, 2, 10, QLatin1Char('0')), ext,
                         i % 3 ? QStringLiteral("acme") : QStringLiteral("other"), QString::number(i % 7) + QStringLiteral(".5"));
        events << ev(QStringLiteral("a1"), QStringLiteral("2026-03-20T11:00:00Z"), ext, QStringLiteral("acme"), QStringLiteral("1"));
        events << ev(QStringLiteral("late"), QStringLiteral("2026-03-19T10:00:00Z"), ext, QStringLiteral("acme"), QStringLiteral("1"));
        events << ev(QStringLiteral("future"), QStringLiteral("2026-03-20T12:10:00Z"), ext, QStringLiteral("acme"), QStringLiteral("1"));
        events << ev(QStringLiteral("nobody"), QStringLiteral("2026-03-20T11:00:00Z"), id, QStringLiteral("cus_none"), QStringLiteral("1"));
        events << ev(QStringLiteral("by-id"), QStringLiteral("2026-03-20T11:00:00Z"), id, m_acmeId, QStringLiteral("2"));
        events << ev(QStringLiteral("later"), QStringLiteral("2026-03-20T11:00:00Z"), ext, QStringLiteral("not-yet"), QStringLiteral("1"));
        events << ev(QStringLiteral("grace-edge"), QStringLiteral("2026-03-20T00:00:00Z"), ext, QStringLiteral("acme"), QStringLiteral("1"));
        events << ev(QStringLiteral("just-late"), QStringLiteral("2026-03-19T23:59:59.999Z"), ext, QStringLiteral("acme"), QStringLiteral("1"));
        // After all the first ones, so that no request holds a key twice: duplicates and
        // conflicts of events stored by earlier requests, of runs and of the recent keys.
        events << ev(QStringLiteral("a1"), QStringLiteral("2026-03-20T11:00:00Z"), ext, QStringLiteral("acme"), QStringLiteral("1"));
        events << ev(QStringLiteral("bulk-3"), QStringLiteral("2026-03-20T10:03:00Z"), ext, QStringLiteral("acme"), QStringLiteral("3.5"));
        events << ev(QStringLiteral("bulk-4"), QStringLiteral("2026-03-20T10:04:00Z"), ext, QStringLiteral("acme"), QStringLiteral("9"));
        events << ev(QStringLiteral("by-id"), QStringLiteral("2026-03-20T11:00:00Z"), id, m_acmeId, QStringLiteral("3"));
        events << ev(QStringLiteral("late"), QStringLiteral("2026-03-20T11:00:00Z"), ext, QStringLiteral("acme"), QStringLiteral("1"));
    } else {
        for (int i = 0; i < 400; ++i)
            events << ev(QStringLiteral("bf-%1").arg(i), QStringLiteral("2026-03-0%1T10:00:00Z").arg(1 + i % 9), ext, QStringLiteral("acme"),
                         QString::number(i % 5));
        events << ev(QStringLiteral("bf-out"), QStringLiteral("2026-03-12T10:00:00Z"), ext, QStringLiteral("acme"), QStringLiteral("1"));
        events << ev(QStringLiteral("bf-other"), QStringLiteral("2026-03-02T10:00:00Z"), ext, QStringLiteral("other"), QStringLiteral("1"));
        events << ev(QStringLiteral("bf-id"), QStringLiteral("2026-03-02T10:00:00Z"), id, m_acmeId, QStringLiteral("1"));
        events << ev(QStringLiteral("bf-1"), QStringLiteral("2026-03-02T10:00:00Z"), ext, QStringLiteral("acme"), QStringLiteral("1"));
        events << ev(QStringLiteral("bf-2"), QStringLiteral("2026-03-03T10:00:00Z"), ext, QStringLiteral("acme"), QStringLiteral("7"));
    }

    const QString apiPath = m_dir.filePath(QStringLiteral("api%1.orb").arg(++m_n));
    const QString importPath = m_dir.filePath(QStringLiteral("import%1.orb").arg(m_n));
    QVERIFY(QFile::copy(m_base, apiPath));
    QVERIFY(QFile::copy(m_base, importPath));
    auto apiFile = CompanyFile::open(apiPath);
    auto importFile = CompanyFile::open(importPath);
    const QString backfillId = backfill ? m_backfillId : QString();

    const QStringList byApi = throughApi(*apiFile, events, perRequest, backfillId, grouped);
    QStringList byImport = throughImport(*importFile, events, backfillId);
    const QString importCounts = byImport.takeLast();
    for (qsizetype i = 0; i < events.size(); ++i)
        QVERIFY2(byApi[i] == byImport[i],
                 qPrintable(QStringLiteral("event %1 (%2): API \"%3\", file import \"%4\"").arg(i).arg(QString::fromUtf8(events[i]), byApi[i], byImport[i])));
    QVERIFY2(importCounts.section(QLatin1Char(' '), 2, 2) == importCounts.section(QLatin1Char(' '), 5, 5).chopped(1), qPrintable(importCounts));
    // Something of every kind happened, so the comparison compares something.
    QVERIFY(byApi.contains(QStringLiteral("accepted")));
    QVERIFY(byApi.contains(QStringLiteral("duplicate")));
    QVERIFY(std::any_of(byApi.cbegin(), byApi.cend(), [](const QString &s) { return s.contains(QStringLiteral("different body")); }));
    QVERIFY(std::count_if(byApi.cbegin(), byApi.cend(), [](const QString &s) { return s.startsWith(QStringLiteral("rejected")); }) >= 3);

    // The same rows stored, with the same status and backfill.
    QCOMPARE(stored(*apiFile), stored(*importFile));
    // Sent again, every event is what it was the second time: duplicates and the same refusals.
    const QStringList again = throughApi(*apiFile, events, perRequest, backfillId, grouped);
    for (qsizetype i = 0; i < events.size(); ++i)
        if (byApi[i] == QLatin1String("accepted"))
            QCOMPARE(again[i], QStringLiteral("duplicate"));
    QCOMPARE(stored(*apiFile), stored(*importFile));
}

void TestApiIngestEquivalence::keptKeyFilterSeesEveryWriter()
{
    auto file = CompanyFile::open(m_base);
    const QString secret = ApiKeyService(*file, m_clock).create(QStringLiteral("k"), QStringLiteral("ingest")).secret;
    ApiHandler handler(*file, m_clock);
    auto send = [&](const QList<QByteArray> &events) {
        ApiRequest r;
        r.method = "POST";
        r.path = QStringLiteral("/v1/ingest");
        r.query.addQueryItem(QStringLiteral("debug"), QStringLiteral("true"));
        r.headers.insert("authorization", "Bearer " + secret.toUtf8());
        r.body = R"({"events":[)" + events.join(',') + "]}";
        const ApiResponse a = handler.handle(r);
        return QJsonDocument::fromJson(a.body).object().value(QStringLiteral("debug")).toObject();
    };
    auto e = [](const QString &key) {
        return ev(key, QStringLiteral("2026-03-20T11:00:00Z"), QStringLiteral("external_customer_id"), QStringLiteral("acme"), QStringLiteral("1"));
    };
    QList<QByteArray> first;
    for (int i = 0; i < 300; ++i)
        first << e(QStringLiteral("k%1").arg(i));
    QCOMPARE(send(first).value(QStringLiteral("ingested")).toArray().size(), 300); // the filter is loaded and kept

    // Stored by another connection (orbctl, another server) between two requests.
    auto other = CompanyFile::open(m_base);
    {
        const QList<QByteArray> mine = {e(QStringLiteral("from-other"))};
        ApiHandler otherHandler(*other, m_clock);
        ApiRequest r;
        r.method = "POST";
        r.path = QStringLiteral("/v1/ingest");
        r.headers.insert("authorization", "Bearer " + secret.toUtf8());
        r.body = R"({"events":[)" + mine.join(',') + "]}";
        QCOMPARE(otherHandler.handle(r).status, 200);
    }
    QJsonObject d = send({e(QStringLiteral("from-other")), e(QStringLiteral("k7")), e(QStringLiteral("new1"))});
    QCOMPARE(d.value(QStringLiteral("duplicate")).toArray(), (QJsonArray{QStringLiteral("from-other"), QStringLiteral("k7")}));
    QCOMPARE(d.value(QStringLiteral("ingested")).toArray(), QJsonArray{QStringLiteral("new1")});

    // Stored on the handler's own connection by something else (the window's import), which
    // SQLite's data_version does not count.
    const QString path = m_dir.filePath(QStringLiteral("own.jsonl"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(e(QStringLiteral("from-own-import")) + '\n');
    f.close();
    QCOMPARE(EventImporter(*file, m_clock).importFile(path, {}).accepted, 1);
    d = send({e(QStringLiteral("from-own-import")), e(QStringLiteral("k8")), e(QStringLiteral("new2"))});
    QCOMPARE(d.value(QStringLiteral("duplicate")).toArray(), (QJsonArray{QStringLiteral("from-own-import"), QStringLiteral("k8")}));
    QCOMPARE(d.value(QStringLiteral("ingested")).toArray(), QJsonArray{QStringLiteral("new2")});
    QCOMPARE(file->db().scalar(QStringLiteral("SELECT count(*) FROM usage_events")).toInt(), 304);
}

QTEST_GUILESS_MAIN(TestApiIngestEquivalence)
#include "tst_apiingestequivalence.moc"
