// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/billing/BillingRecords.h"
#include "sync/Sleeper.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <memory>

namespace orb {
class Clock;
class CompanyFile;
class StripeClient;
class StripePaymentRecorder;
class StripeSync;
struct Event;
namespace standin {
class StandinHost;
}
} // namespace orb

namespace orb::test {

/// Retries without waiting: the tests inject faults, not delays.
class NoSleep final : public Sleeper
{
public:
    void sleepMs(int) override {}
};

/**
 * The Stripe side of a sync test: the project's Stripe stand-in on loopback accepting one key,
 * a client for it that retries without sleeping, and (after attach()) the sync of a company
 * file with its payment recorder. One per test function (start() in init(), stop() in cleanup()).
 */
class StripeRig final
{
public:
    StripeRig();
    ~StripeRig();
    StripeRig(const StripeRig &) = delete;
    StripeRig &operator=(const StripeRig &) = delete;

    /// Starts the stand-in accepting `key` and a client of `attempts` requests per call;
    /// false when the stand-in cannot listen.
    bool start(const QString &key, int attempts);
    /// The sync of `file` through the client, recording Stripe's payments in Orb.
    void attach(CompanyFile &file, const Clock &clock);
    /// Stops the sync, the client and the stand-in, in that order.
    void stop();

    std::unique_ptr<standin::StandinHost> host;
    NoSleep sleeper;
    std::unique_ptr<StripeClient> client;
    std::unique_ptr<StripePaymentRecorder> recorder;
    std::unique_ptr<StripeSync> sync;
};

/// A draft one-off invoice for `customerId` with two lines, 1 × 100.00 and 3 × 33.33, due in 14 days.
Invoice twoLineDraft(CompanyFile &file, const Clock &clock, const QString &customerId);

/// A usage event of customer "acme" parsed as the API would take it; `propertiesJson` is a
/// JSON object. A malformed one stops the test run (the test itself is wrong).
Event usageEvent(const QString &key, const QDateTime &ts, const QString &name = QStringLiteral("api_call"),
                 const QString &propertiesJson = QStringLiteral("{}"));

/// Ingests `events` and queues them for Stripe as the usage write path does (docs/SYNC.md);
/// a rejected event fails the calling test.
void ingestForSync(CompanyFile &file, const Clock &clock, const QList<Event> &events);

} // namespace orb::test
