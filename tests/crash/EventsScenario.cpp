// SPDX-License-Identifier: GPL-3.0-or-later
// events-import: `orbctl events import` of a large file with frequent checkpoints.
#include "CrashSupport.h"

#include <QDir>
#include <QFile>

namespace crash {

namespace {

// Events spread over a day, three customers, a property on each; the keys are not in file
// order, so batches sort and interleave in the key index.
void prepareEvents(Workspace &ws)
{
    ws.templateDb = QDir(ws.dir).filePath(QStringLiteral("template.orb"));
    orbctlOk(ws, ws.templateDb, {QStringLiteral("init"), QStringLiteral("--name"), QStringLiteral("Crash Co")});
    // The events span a day before "now"; all of them are live, none needs a backfill.
    orbctlOk(ws, ws.templateDb, {QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("grace_period_hours"), QStringLiteral("48")});
    ws.input = QDir(ws.dir).filePath(QStringLiteral("events.jsonl"));
    QFile f(ws.input);
    if (!f.open(QIODevice::WriteOnly))
        fail(QStringLiteral("cannot write %1").arg(ws.input));
    for (int i = 0; i < ws.events; ++i) {
        const int secs = (i * 7) % 86000;
        const QByteArray ts = QStringLiteral("2026-03-10T%1:%2:%3Z")
                                  .arg(secs / 3600, 2, 10, QLatin1Char('0'))
                                  .arg(secs / 60 % 60, 2, 10, QLatin1Char('0'))
                                  .arg(secs % 60, 2, 10, QLatin1Char('0'))
                                  .toUtf8();
        f.write("{\"event_name\":\"api_call\",\"timestamp\":\"" + ts + "\",\"idempotency_key\":\"k-" + QByteArray::number((i * 7919) % ws.events) + '-'
                + QByteArray::number(i) + "\",\"external_customer_id\":\"cust-" + QByteArray::number(i % 3)
                + "\",\"properties\":{\"bytes\":" + QByteArray::number(i % 997) + ",\"region\":\"" + (i % 2 ? "eu" : "us") + "\"}}\n");
    }
    ws.finished = QStringLiteral("all %1 events, none doubled").arg(ws.events);
}

QByteArray eventsDigest(Workspace &ws, QString *problem)
{
    qint64 rows = 0;
    const QByteArray d = queryText(ws.db,
                                   "SELECT idempotency_key, event_name, ts, external_customer_id, properties, status FROM usage_events "
                                   "ORDER BY idempotency_key",
                                   &rows, problem);
    if (problem->isEmpty() && rows != ws.events)
        *problem = QStringLiteral("%1 events stored, %2 expected").arg(rows).arg(ws.events);
    return d;
}

} // namespace

Scenario eventsImportScenario()
{
    Scenario s;
    s.name = "events-import";
    s.prepare = &prepareEvents;
    s.command = [](const Workspace &ws, int) {
        return QStringList{QStringLiteral("--db"),
                           ws.db,
                           QStringLiteral("--now"),
                           QStringLiteral("2026-03-11T00:30:00Z"),
                           QStringLiteral("events"),
                           QStringLiteral("import"),
                           ws.input,
                           QStringLiteral("--checkpoint"),
                           QStringLiteral("500")};
    };
    s.digest = &eventsDigest;
    return s;
}

} // namespace crash
