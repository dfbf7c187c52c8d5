// SPDX-License-Identifier: GPL-3.0-or-later
// orbctl nouns of the usage capability: events, backfills, usage.
#include "app/cli/CliContext.h"
#include "app/cli/CliError.h"
#include "app/cli/CommandLine.h"
#include "app/cli/CommandRegistry.h"
#include "app/cli/Paging.h"
#include "app/cli/TablePrinter.h"
#include "models/CompanyFile.h"
#include "models/CustomerRepository.h"
#include "models/Timestamps.h"
#include "models/usage/BackfillService.h"
#include "models/usage/EventImporter.h"
#include "models/usage/UsageEventService.h"
#include "models/usage/UsageQueryService.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>
#include <unistd.h>

namespace orb::cli {

namespace {

int help(CliContext &ctx, const CommandLine &cl)
{
    ctx.out() << cl.helpText();
    return Success;
}

QDateTime timestampOption(const CommandLine &cl, const QString &name, const QTimeZone &zone)
{
    const QString text = cl.value(name);
    const QDateTime t = UsageQueryService::parseBound(text, zone);
    if (!t.isValid())
        throw CliError(InvalidInput, QStringLiteral("--%1: \"%2\" is neither an ISO 8601 timestamp with a zone nor a date (2026-03-01)").arg(name, text));
    return t;
}

QTimeZone zoneOf(CliContext &ctx, const QString &customer)
{
    if (!customer.isEmpty())
        if (const auto c = CustomerRepository(ctx.company().db()).resolve(customer))
            return QTimeZone(c->timezone.toUtf8());
    return QTimeZone(ctx.company().settings().timezone.toUtf8());
}

/// A page of a search, or (page null) one event for people.
void printEvents(CliContext &ctx, const QList<StoredEvent> &events, const Paging *page = nullptr)
{
    if (ctx.json()) {
        QJsonArray data;
        for (const StoredEvent &e : events)
            data.append(e.toJson());
        if (page)
            page->printJson(ctx, data);
        else
            ctx.printJsonList(data, false, {});
        return;
    }
    TablePrinter t({QStringLiteral("KEY"), QStringLiteral("EVENT"), QStringLiteral("TIMESTAMP"), QStringLiteral("CUSTOMER"), QStringLiteral("STATUS"),
                    QStringLiteral("PROPERTIES")});
    for (const StoredEvent &e : events)
        t.addRow({QString::fromUtf8(e.row.idempotencyKey), QString::fromUtf8(e.row.eventName),
                  toApiTimestamp(QDateTime::fromMSecsSinceEpoch(e.row.tsMs, Qt::UTC)),
                  QString::fromUtf8(e.row.customerId.isEmpty() ? e.row.externalCustomerId : e.row.customerId), StoredEvent::statusName(e.status),
                  QString::fromUtf8(e.row.properties)});
    t.print(ctx.out());
    ctx.out() << events.size() << (events.size() == 1 ? " event\n" : " events\n");
    if (page)
        page->printMore(ctx.out());
}

void printEvent(CliContext &ctx, const StoredEvent &e)
{
    if (ctx.json())
        ctx.printJson(e.toJson());
    else
        printEvents(ctx, {e});
}

int importCommand(CliContext &ctx, const QStringList &args)
{
    CommandLine cl(QStringLiteral("events import"), {QStringLiteral("FILE")});
    cl.addOption(QStringLiteral("format"), QStringLiteral("jsonl|csv"), QStringLiteral("The file's format (default: from its name; .csv is CSV)."));
    cl.addOption(QStringLiteral("rejects"), QStringLiteral("FILE"), QStringLiteral("Write every rejected row (line and reason) to FILE as JSON Lines."));
    cl.addOption(QStringLiteral("backfill"), QStringLiteral("ID"), QStringLiteral("Import into this pending backfill."));
    cl.addOption(QStringLiteral("map"), QStringLiteral("COLUMN=PROPERTY"), QStringLiteral("CSV: read COLUMN as the property PROPERTY (repeatable)."));
    cl.addOption(QStringLiteral("field"), QStringLiteral("FIELD=COLUMN"),
                 QStringLiteral("CSV: read the event field FIELD (event_name, timestamp, idempotency_key, customer_id, "
                                "external_customer_id) from COLUMN (repeatable)."));
    cl.addOption(QStringLiteral("ignore"), QStringLiteral("COLUMN"), QStringLiteral("CSV: do not import COLUMN (repeatable)."));
    cl.addOption(QStringLiteral("checkpoint"), QStringLiteral("ROWS"), QStringLiteral("Rows per committed checkpoint (default 250000)."));
    cl.parse(args);
    if (cl.helpRequested())
        return help(ctx, cl);
    const QString path = cl.positional(0);
    ImportOptions options;
    if (cl.isSet(QStringLiteral("format"))) {
        const auto f = ImportReader::formatFromName(cl.value(QStringLiteral("format")));
        if (!f)
            throw CliError(InvalidInput, QStringLiteral("--format: \"%1\" must be jsonl or csv").arg(cl.value(QStringLiteral("format"))));
        options.format = *f;
    } else {
        options.format = ImportReader::guessFormat(path);
    }
    options.backfillId = cl.value(QStringLiteral("backfill"));
    for (const QString &m : cl.values(QStringLiteral("map"))) {
        const qsizetype eq = m.indexOf(QLatin1Char('='));
        if (eq <= 0 || eq == m.size() - 1)
            throw CliError(InvalidInput, QStringLiteral("--map: \"%1\" must be COLUMN=PROPERTY").arg(m));
        options.propertyColumns.insert(m.left(eq), m.mid(eq + 1));
    }
    for (const QString &m : cl.values(QStringLiteral("field"))) {
        const qsizetype eq = m.indexOf(QLatin1Char('='));
        if (eq <= 0 || eq == m.size() - 1)
            throw CliError(InvalidInput, QStringLiteral("--field: \"%1\" must be FIELD=COLUMN").arg(m));
        if (options.fieldColumns.contains(m.left(eq)))
            throw CliError(InvalidInput, QStringLiteral("--field: %1 is given twice").arg(m.left(eq)));
        options.fieldColumns.insert(m.left(eq), m.mid(eq + 1));
    }
    for (const QString &c : cl.values(QStringLiteral("ignore")))
        options.ignoredColumns.insert(c);
    if (options.format != ImportReader::Format::Csv
        && !(options.propertyColumns.isEmpty() && options.fieldColumns.isEmpty() && options.ignoredColumns.isEmpty()))
        throw CliError(InvalidInput, QStringLiteral("--map, --field and --ignore apply to CSV files only (add --format csv)"));
    if (cl.isSet(QStringLiteral("checkpoint"))) {
        bool ok = false;
        options.checkpointRows = cl.value(QStringLiteral("checkpoint")).toLongLong(&ok);
        if (!ok || options.checkpointRows < 1)
            throw CliError(InvalidInput, QStringLiteral("--checkpoint: must be a positive number of rows"));
    }
    if (!QFile::exists(path))
        throw CliError(InvalidInput, QStringLiteral("%1: no such file").arg(path));
    // A progress bar only for a person watching: stderr is a terminal.
    const bool tty = isatty(fileno(stderr));
    QElapsedTimer shown;
    shown.start();
    if (tty) {
        options.progress = [&](qint64 done, qint64 total) {
            if (shown.elapsed() < 200 && done < total)
                return;
            shown.restart();
            const int pct = total > 0 ? int(done * 100 / total) : 100;
            const int filled = pct * 30 / 100;
            std::fprintf(stderr, "\r[%s%s] %3d%%", QByteArray(filled, '#').constData(), QByteArray(30 - filled, ' ').constData(), pct);
            std::fflush(stderr);
        };
    }
    EventImporter importer(ctx.company(), ctx.clock());
    const ImportSummary s = importer.importFile(path, options);
    if (tty)
        std::fprintf(stderr, "\n");
    const QList<ImportReject> rejects = s.rejected > 0 ? importer.rejects(s.importId) : QList<ImportReject>();
    if (cl.isSet(QStringLiteral("rejects"))) {
        QString error;
        if (!EventImporter::writeRejects(rejects, cl.value(QStringLiteral("rejects")), &error))
            throw CliError(Failure, QStringLiteral("--rejects: %1").arg(error));
    }
    if (ctx.json()) {
        QJsonArray rj;
        for (qsizetype i = 0; i < rejects.size() && i < 100; ++i)
            rj.append(QJsonObject{{QStringLiteral("line"), rejects[i].line}, {QStringLiteral("reason"), rejects[i].reason}});
        ctx.printJson({{QStringLiteral("import_id"), s.importId},
                       {QStringLiteral("accepted"), s.accepted},
                       {QStringLiteral("duplicates"), s.duplicates},
                       {QStringLiteral("rejected"), s.rejected},
                       {QStringLiteral("resumed_at_line"), s.resumedAtLine},
                       {QStringLiteral("rejects"), rj}});
    } else {
        for (qsizetype i = 0; i < rejects.size() && i < 20; ++i)
            ctx.err() << path << ": line " << rejects[i].line << ": " << rejects[i].reason << '\n';
        if (rejects.size() > 20)
            ctx.err() << "… and " << rejects.size() - 20 << " more rejected rows (see --rejects)\n";
        if (s.resumedAtLine > 0)
            ctx.out() << "Resumed an interrupted import at line " << s.resumedAtLine << ".\n";
        ctx.out() << "accepted " << s.accepted << ", duplicates " << s.duplicates << ", rejected " << s.rejected << '\n';
    }
    return s.rejected > 0 ? InvalidInput : Success;
}

int eventsCommand(CliContext &ctx, const QString &verb, const QStringList &args)
{
    if (verb == QLatin1String("import"))
        return importCommand(ctx, args);
    if (verb == QLatin1String("amend") || verb == QLatin1String("deprecate") || verb == QLatin1String("show")) {
        CommandLine cl(QStringLiteral("events ") + verb, {QStringLiteral("KEY")});
        if (verb == QLatin1String("amend"))
            cl.addOption(QStringLiteral("properties"), QStringLiteral("JSON"), QStringLiteral("The event's new properties (a flat JSON object)."));
        cl.parse(args);
        if (cl.helpRequested())
            return help(ctx, cl);
        UsageEventService service(ctx.company(), ctx.clock());
        if (verb == QLatin1String("amend")) {
            if (!cl.isSet(QStringLiteral("properties")))
                throw CliError(InvalidInput, QStringLiteral("events amend: --properties is required"));
            printEvent(ctx, service.amend(cl.positional(0), cl.value(QStringLiteral("properties")).toUtf8()));
        } else if (verb == QLatin1String("deprecate")) {
            printEvent(ctx, service.deprecate(cl.positional(0)));
        } else {
            printEvent(ctx, service.current(cl.positional(0)));
        }
        return Success;
    }
    if (verb == QLatin1String("search")) {
        CommandLine cl(QStringLiteral("events search"));
        cl.addOption(QStringLiteral("customer"), QStringLiteral("C"), QStringLiteral("Customer id or external id."));
        cl.addOption(QStringLiteral("event-name"), QStringLiteral("N"), QStringLiteral("Only events of this name."));
        cl.addOption(QStringLiteral("from"), QStringLiteral("T"), QStringLiteral("From this instant or date (inclusive)."));
        cl.addOption(QStringLiteral("to"), QStringLiteral("T"), QStringLiteral("Up to this instant or date (exclusive)."));
        cl.addFlag(QStringLiteral("all-versions"), QStringLiteral("Include superseded, replaced and discarded versions."));
        Paging page(cl, 100);
        cl.parse(args);
        if (cl.helpRequested())
            return help(ctx, cl);
        page.read(cl);
        EventSearch s;
        s.customer = cl.value(QStringLiteral("customer"));
        s.eventName = cl.value(QStringLiteral("event-name"));
        const QTimeZone zone = zoneOf(ctx, s.customer);
        if (cl.isSet(QStringLiteral("from")))
            s.from = timestampOption(cl, QStringLiteral("from"), zone);
        if (cl.isSet(QStringLiteral("to")))
            s.to = timestampOption(cl, QStringLiteral("to"), zone);
        s.limit = page.limit() + 1;
        // The cursor is the last event's time and seq: "TS_MS:SEQ".
        if (!page.after().isEmpty()) {
            const QStringList key = page.after().split(QLatin1Char(':'));
            bool okTs = false, okSeq = false;
            s.afterTsMs = key.value(0).toLongLong(&okTs);
            s.afterSeq = key.value(1).toLongLong(&okSeq);
            if (key.size() != 2 || !okTs || !okSeq || s.afterSeq <= 0)
                throw CliError(InvalidInput, QStringLiteral("events search: --cursor is not a next_cursor of this list"));
        }
        s.includeAllVersions = cl.isSet(QStringLiteral("all-versions"));
        const auto key = [](const StoredEvent &e) { return QStringLiteral("%1:%2").arg(e.row.tsMs).arg(e.seq); };
        printEvents(ctx, page.trim(UsageEventService(ctx.company(), ctx.clock()).search(s), key), &page);
        return Success;
    }
    throw CliError(InvalidInput, QStringLiteral("events: unknown verb \"%1\" (import, amend, deprecate, search, show)").arg(verb));
}

void printBackfills(CliContext &ctx, const QList<Backfill> &list, bool single, const Paging *page = nullptr)
{
    if (ctx.json()) {
        if (single) {
            ctx.printJson(list.first().toJson());
            return;
        }
        QJsonArray data;
        for (const Backfill &b : list)
            data.append(b.toJson());
        if (page)
            page->printJson(ctx, data);
        else
            ctx.printJsonList(data, false, {});
        return;
    }
    TablePrinter t({QStringLiteral("ID"), QStringLiteral("STATUS"), QStringLiteral("FROM"), QStringLiteral("TO"), QStringLiteral("CUSTOMER"),
                    QStringLiteral("REPLACE"), QStringLiteral("EVENTS")});
    for (const Backfill &b : list)
        t.addRow({b.id, b.status, toApiTimestamp(b.timeframeStart), toApiTimestamp(b.timeframeEnd),
                  b.customerId.isEmpty() ? QStringLiteral("(all)") : b.customerId, b.replaceExistingEvents ? QStringLiteral("yes") : QStringLiteral("no"),
                  QString::number(b.eventsIngested)});
    t.print(ctx.out());
    if (page)
        page->printMore(ctx.out());
}

int backfillsCommand(CliContext &ctx, const QString &verb, const QStringList &args)
{
    if (verb == QLatin1String("create")) {
        CommandLine cl(QStringLiteral("backfills create"));
        cl.addOption(QStringLiteral("from"), QStringLiteral("T"), QStringLiteral("Timeframe start (instant or date)."));
        cl.addOption(QStringLiteral("to"), QStringLiteral("T"), QStringLiteral("Timeframe end, exclusive (instant or date)."));
        cl.addOption(QStringLiteral("customer"), QStringLiteral("C"), QStringLiteral("Only this customer (id or external id)."));
        cl.addFlag(QStringLiteral("replace"), QStringLiteral("replace_existing_events: the timeframe's events stop counting when it closes."));
        cl.parse(args);
        if (cl.helpRequested())
            return help(ctx, cl);
        if (!cl.isSet(QStringLiteral("from")) || !cl.isSet(QStringLiteral("to")))
            throw CliError(InvalidInput, QStringLiteral("backfills create: --from and --to are required"));
        const QString customer = cl.value(QStringLiteral("customer"));
        const QTimeZone zone = zoneOf(ctx, customer);
        BackfillService service(ctx.company(), ctx.clock());
        printBackfills(ctx,
                       {service.create(timestampOption(cl, QStringLiteral("from"), zone), timestampOption(cl, QStringLiteral("to"), zone), customer,
                                       cl.isSet(QStringLiteral("replace")))},
                       true);
        return Success;
    }
    if (verb == QLatin1String("close") || verb == QLatin1String("revert") || verb == QLatin1String("show")) {
        CommandLine cl(QStringLiteral("backfills ") + verb, {QStringLiteral("ID")});
        cl.parse(args);
        if (cl.helpRequested())
            return help(ctx, cl);
        BackfillService service(ctx.company(), ctx.clock());
        const QString id = cl.positional(0);
        printBackfills(ctx,
                       {verb == QLatin1String("close")    ? service.close(id)
                        : verb == QLatin1String("revert") ? service.revert(id)
                                                          : service.get(id)},
                       true);
        return Success;
    }
    if (verb == QLatin1String("list")) {
        CommandLine cl(QStringLiteral("backfills list"));
        Paging page(cl);
        cl.parse(args);
        if (cl.helpRequested())
            return help(ctx, cl);
        page.read(cl);
        printBackfills(ctx, page.slice(BackfillService(ctx.company(), ctx.clock()).list(), [](const Backfill &b) { return b.id; }), false, &page);
        return Success;
    }
    throw CliError(InvalidInput, QStringLiteral("backfills: unknown verb \"%1\" (create, close, revert, list, show)").arg(verb));
}

int usageCommand(CliContext &ctx, const QString &verb, const QStringList &args)
{
    // `usage` has no verb: what looks like one is its first option.
    QStringList all = args;
    if (!verb.isEmpty())
        all.prepend(verb);
    CommandLine cl(QStringLiteral("usage"));
    cl.addOption(QStringLiteral("customer"), QStringLiteral("C"), QStringLiteral("Customer id or external id."));
    cl.addOption(QStringLiteral("metric"), QStringLiteral("M"), QStringLiteral("Billable metric id or name."));
    cl.addOption(QStringLiteral("from"), QStringLiteral("T"), QStringLiteral("Start (instant, or a date: its start in the customer's zone)."));
    cl.addOption(QStringLiteral("to"), QStringLiteral("T"), QStringLiteral("End, exclusive."));
    cl.addOption(QStringLiteral("granularity"), QStringLiteral("day|week|month"), QStringLiteral("Split at the customer's local midnights."));
    cl.addOption(QStringLiteral("group-by"), QStringLiteral("P"), QStringLiteral("Split by this property (default: the metric's group_by)."));
    cl.parse(all);
    if (cl.helpRequested())
        return help(ctx, cl);
    for (const char *required : {"customer", "metric", "from", "to"})
        if (!cl.isSet(QLatin1String(required)))
            throw CliError(InvalidInput, QStringLiteral("usage: --%1 is required").arg(QLatin1String(required)));
    UsageRequest r;
    r.customer = cl.value(QStringLiteral("customer"));
    r.metric = cl.value(QStringLiteral("metric"));
    const auto customer = CustomerRepository(ctx.company().db()).resolve(r.customer);
    if (!customer)
        throw CliError(NotFound, QStringLiteral("--customer: no customer \"%1\"").arg(r.customer));
    const QTimeZone zone(customer->timezone.toUtf8());
    r.start = timestampOption(cl, QStringLiteral("from"), zone);
    r.end = timestampOption(cl, QStringLiteral("to"), zone);
    if (cl.isSet(QStringLiteral("granularity"))) {
        r.granularity = TimeBuckets::sizeFromName(cl.value(QStringLiteral("granularity")));
        if (!r.granularity)
            throw CliError(InvalidInput, QStringLiteral("--granularity: \"%1\" must be day, week or month").arg(cl.value(QStringLiteral("granularity"))));
    }
    r.groupBy = cl.value(QStringLiteral("group-by"));
    const UsageReport report = UsageQueryService(ctx.company()).usage(r);
    if (ctx.json()) {
        ctx.printJson(report.toJson());
        return Success;
    }
    const bool grouped = !report.buckets.isEmpty() && !report.buckets.first().usage.groupKeys.isEmpty();
    QStringList headers{QStringLiteral("FROM"), QStringLiteral("TO")};
    if (grouped)
        headers << report.buckets.first().usage.groupKeys.join(QLatin1Char('/')).toUpper();
    headers << QStringLiteral("QUANTITY");
    TablePrinter t(headers);
    t.alignRight(int(headers.size() - 1));
    for (const BucketUsage &b : report.buckets) {
        const QString from = toApiTimestamp(b.bucket.start), to = toApiTimestamp(b.bucket.end);
        if (!grouped) {
            t.addRow({from, to, b.usage.total.toString()});
            continue;
        }
        t.addRow({from, to, QStringLiteral("(total)"), b.usage.total.toString()});
        for (const UsageGroup &g : b.usage.groups)
            t.addRow({from, to, g.values.join(QLatin1Char('/')), g.quantity.toString()});
    }
    ctx.out() << report.metric.name() << " for " << report.customer.name << " (" << report.customer.timezone << ")\n";
    t.print(ctx.out());
    return Success;
}

const CommandRegistry::Registrar
    eventsNoun("events", &eventsCommand, "import | amend | deprecate | search | show", 60,
               {{QStringLiteral("import"), QStringLiteral("FILE"),
                 QStringLiteral("Import usage events from a JSON Lines or CSV file, deduplicated, resumable after a crash.")},
                {QStringLiteral("amend"), QStringLiteral("KEY"), QStringLiteral("Replace a stored event's properties (the old version is kept, superseded).")},
                {QStringLiteral("deprecate"), QStringLiteral("KEY"), QStringLiteral("Take an event out of every aggregate (kept, marked deprecated).")},
                {QStringLiteral("search"), {}, QStringLiteral("Search stored events by customer, event name and time.")},
                {QStringLiteral("show"), QStringLiteral("KEY"), QStringLiteral("Show the current version of one stored event.")}});
const CommandRegistry::Registrar backfillsNoun(
    "backfills", &backfillsCommand, "create | close | revert | list | show", 61,
    {{QStringLiteral("create"), {}, QStringLiteral("Open a backfill: a window in which late events are accepted (and may replace the stored ones).")},
     {QStringLiteral("close"), QStringLiteral("ID"),
      QStringLiteral("Close a backfill: its events count (and replace the timeframe's others when it was made to).")},
     {QStringLiteral("revert"), QStringLiteral("ID"), QStringLiteral("Revert a backfill: its events stop counting and replaced events count again.")},
     {QStringLiteral("list"), {}, QStringLiteral("List the backfills.")},
     {QStringLiteral("show"), QStringLiteral("ID"), QStringLiteral("Show one backfill.")}});
const CommandRegistry::Registrar
    usageNoun("usage", &usageCommand, "--customer C --metric M --from T --to T [--granularity] [--group-by]", 62,
              {{{}, {}, QStringLiteral("Aggregate a customer's usage of a metric over a period, by day, week or month, optionally grouped.")}});

} // namespace

} // namespace orb::cli
