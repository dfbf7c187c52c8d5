// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/usage/DemoUsage.h"

#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/UnitOfWork.h"
#include "models/usage/UsageEventStore.h"
#include "models/usage/UsageKeyHash.h"

#include <QRandomGenerator>

namespace orb {

namespace {

struct DemoProfile {
    const char *externalId;
    int apiCallsPerDay; // size of the customer
    int largeShare;     // percent of completions on the large model
};

constexpr DemoProfile kProfiles[] = {
    {"acme", 40, 30}, {"brightline", 25, 10}, {"copperleaf", 12, 50}, {"daybreak", 8, 5},  {"ember-oak", 30, 20}, {"fjordline", 15, 40},
    {"gingko", 5, 0}, {"harbor", 20, 25},     {"iris", 10, 60},       {"juniper", 18, 15}, {"kestrel", 6, 35},    {"lumen", 22, 45},
};

constexpr const char *kEndpoints[] = {"/v1/search", "/v1/ingest", "/v1/reports", "/v1/export"};
constexpr const char *kRegions[] = {"us-east", "us-west", "eu-central"};

} // namespace

void addDemoUsage(CompanyFile &file, const Clock &clock)
{
    QRandomGenerator rng(20260301);
    const QDateTime now = clock.now().toUTC();
    const QDate first = now.date().addMonths(-3);
    Database &db = file.db();
    UnitOfWork uow(db);
    UsageEventStore store(db);
    qint64 n = 0;
    auto add = [&](const char *customer, const char *name, qint64 ts, const QByteArray &properties) {
        UsageEventRow row;
        row.idempotencyKey = "demo-" + QByteArray::number(++n);
        row.keyHash = 0;
        row.keyHash = usageKeyHash(row.idempotencyKey);
        row.eventName = name;
        row.tsMs = ts;
        row.externalCustomerId = customer;
        row.properties = properties;
        store.insert(row, UsageEventStatus::Active, {}, now.toMSecsSinceEpoch());
    };
    for (QDate day = first; day < now.date(); day = day.addDays(1)) {
        const qint64 dayStart = QDateTime(day, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
        const bool weekend = day.dayOfWeek() >= 6;
        for (const DemoProfile &p : kProfiles) {
            const int calls = (weekend ? p.apiCallsPerDay / 3 : p.apiCallsPerDay) + int(rng.bounded(5));
            for (int i = 0; i < calls; ++i) {
                const qint64 ts = dayStart + qint64(rng.bounded(86400)) * 1000;
                const QByteArray props = QByteArray("{\"endpoint\":\"") + kEndpoints[rng.bounded(4)] + "\",\"region\":\"" + kRegions[rng.bounded(3)] + "\"}";
                add(p.externalId, "api_request", ts, props);
            }
            for (int i = 0; i < calls / 2; ++i) {
                const qint64 ts = dayStart + qint64(rng.bounded(86400)) * 1000;
                const bool large = int(rng.bounded(100)) < p.largeShare;
                const int tokens = large ? 800 + int(rng.bounded(3200)) : 100 + int(rng.bounded(900));
                add(p.externalId, "completion", ts,
                    QByteArray("{\"model\":\"") + (large ? "large" : "small") + "\",\"tokens\":" + QByteArray::number(tokens) + '}');
            }
            // One storage reading a day, growing slowly; two decimals, exact.
            const int centiGb = p.apiCallsPerDay * 150 + int(first.daysTo(day)) * p.apiCallsPerDay + int(rng.bounded(100));
            // Active users: a handful each weekday, named u1..uN (the enterprise plan bills seats).
            if (!weekend)
                for (int u = 1; u <= 3 + p.apiCallsPerDay / 10; ++u)
                    if (rng.bounded(4) != 0)
                        add(p.externalId, "seat_active", dayStart + 9 * 3600 * 1000 + u * 60000, "{\"user_id\":\"u" + QByteArray::number(u) + "\"}");
            add(p.externalId, "storage_snapshot", dayStart + 23 * 3600 * 1000,
                "{\"gb\":" + QByteArray::number(centiGb / 100) + '.' + QByteArray::number(centiGb % 100).rightJustified(2, '0') + '}');
        }
    }
    store.flushKeys();
    uow.commit();
}

} // namespace orb
