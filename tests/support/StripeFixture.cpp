// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/StripeFixture.h"

#include "StandinServer.h"

#include "engine/metrics/EventParser.h"
#include "models/CompanyFile.h"
#include "models/UnitOfWork.h"
#include "models/billing/InvoiceService.h"
#include "models/billing/StripePaymentRecorder.h"
#include "models/sync/Outbox.h"
#include "models/usage/EventImporter.h"
#include "sync/StripeClient.h"
#include "sync/StripeSync.h"

#include <QtTest>

namespace orb::test {

StripeRig::StripeRig() = default;

StripeRig::~StripeRig()
{
    stop();
}

bool StripeRig::start(const QString &key, int attempts)
{
    host = std::make_unique<standin::StandinHost>(standin::defaultSpecPath());
    if (!host->start())
        return false;
    host->standin().setApiKey(key);
    client = std::make_unique<StripeClient>(host->baseUrl(), key, &sleeper, RetryPolicy{attempts, 500, 8000});
    return true;
}

void StripeRig::attach(CompanyFile &file, const Clock &clock)
{
    recorder = std::make_unique<StripePaymentRecorder>(clock);
    sync = std::make_unique<StripeSync>(file.db(), *client, clock);
    sync->setPaymentSink(recorder.get());
}

void StripeRig::stop()
{
    sync.reset();
    recorder.reset();
    client.reset();
    host.reset();
}

Invoice twoLineDraft(CompanyFile &file, const Clock &clock, const QString &customerId)
{
    return InvoiceService(file, clock)
        .createOneOff(customerId,
                      {OneOffLine{QStringLiteral("Setup"), Decimal(1), Decimal::parse("100.00"), {}},
                       OneOffLine{QStringLiteral("Seats"), Decimal(3), Decimal::parse("33.33"), {}}},
                      std::nullopt, {}, 14);
}

Event usageEvent(const QString &key, const QDateTime &ts, const QString &name, const QString &propertiesJson)
{
    const QString json = QStringLiteral(R"({"event_name":"%1","timestamp":"%2","idempotency_key":"%3","external_customer_id":"acme","properties":%4})")
                             .arg(name, ts.toUTC().toString(Qt::ISODateWithMs), key, propertiesJson);
    JsonParseError error;
    const auto e = EventParser::parse(json.toUtf8(), &error);
    if (!e)
        qFatal("bad test event: %s", qPrintable(error.toString()));
    return *e;
}

void ingestForSync(CompanyFile &file, const Clock &clock, const QList<Event> &events)
{
    const qint64 before = Outbox::lastUsageSeq(file.db());
    for (const IngestResult &r : EventImporter(file, clock).ingest(events))
        QVERIFY2(r.outcome == IngestOutcome::Accepted, qPrintable(r.reason));
    UnitOfWork uow(file.db());
    Outbox::enqueueUsageSince(file.db(), before);
    uow.commit();
}

} // namespace orb::test
