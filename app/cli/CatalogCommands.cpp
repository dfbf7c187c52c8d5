// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CliContext.h"
#include "app/cli/CliError.h"
#include "app/cli/CommandLine.h"
#include "app/cli/CommandRegistry.h"
#include "app/cli/Paging.h"
#include "app/cli/TablePrinter.h"
#include "engine/metrics/Aggregator.h"
#include "engine/metrics/EventParser.h"
#include "engine/metrics/JsonReader.h"
#include "engine/pricing/Price.h"
#include "models/CompanyFile.h"
#include "models/StorageError.h"
#include "models/Timestamps.h"
#include "models/catalog/CatalogParser.h"
#include "models/catalog/CatalogService.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <algorithm>

namespace orb::cli {

namespace {

int help(CliContext &ctx, const CommandLine &cl)
{
    ctx.out() << cl.helpText();
    return Success;
}

QByteArray readFile(const QString &path, const QString &option)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw CliError(
            InvalidInput,
            QStringLiteral("%1%2: cannot read the file: %3").arg(option.isEmpty() ? QString() : option + QStringLiteral(" "), path, file.errorString()));
    return file.readAll();
}

/// Errors of a file's contents name the file before each JSON path.
[[noreturn]] void refuse(const QString &path, const QString &what, const FieldErrors &errors)
{
    QStringList lines{QStringLiteral("%1: %2").arg(path, what)};
    for (const FieldError &e : errors)
        lines << QStringLiteral("%1: %2").arg(path, e.toString());
    throw CliError(InvalidInput, lines.join(QLatin1Char('\n')));
}

QString statusOf(const QDateTime &archivedAt)
{
    return archivedAt.isValid() ? QStringLiteral("archived") : QStringLiteral("active");
}

// ---- catalog ----

int catalogCommand(CliContext &ctx, const QString &verb, const QStringList &args)
{
    if (verb == QLatin1String("import")) {
        CommandLine cl(QStringLiteral("catalog import"), {QStringLiteral("FILE")});
        cl.parse(args);
        if (cl.helpRequested())
            return help(ctx, cl);
        const QString path = cl.positional(0);
        const QByteArray data = readFile(path, {});
        CatalogService service(ctx.company(), ctx.clock());
        CatalogImportSummary summary;
        try {
            summary = service.importCatalog(data);
        } catch (const ServiceError &e) {
            if (e.kind() != ServiceError::Kind::InvalidInput)
                throw;
            refuse(path, e.message(), e.errors());
        }
        if (ctx.json()) {
            ctx.printJson(summary.toJson());
            return Success;
        }
        ctx.out() << "Imported " << path << '\n';
        TablePrinter t({QStringLiteral("KIND"), QStringLiteral("CREATED"), QStringLiteral("UPDATED"), QStringLiteral("UNCHANGED")});
        auto row = [&](const QString &kind, const ImportCounts &c) {
            t.addRow({kind, QString::number(c.created), QString::number(c.updated), QString::number(c.unchanged)});
        };
        row(QStringLiteral("items"), summary.items);
        row(QStringLiteral("billable metrics"), summary.metrics);
        row(QStringLiteral("plans"), summary.plans);
        t.alignRight(1);
        t.alignRight(2);
        t.alignRight(3);
        t.print(ctx.out());
        return Success;
    }
    if (verb == QLatin1String("export")) {
        CommandLine cl(QStringLiteral("catalog export"));
        cl.addOption(QStringLiteral("o"), QStringLiteral("FILE"), QStringLiteral("Write the catalog file to FILE instead of standard output."));
        cl.parse(args);
        if (cl.helpRequested())
            return help(ctx, cl);
        CatalogService service(ctx.company(), ctx.clock());
        const QJsonObject catalog = service.exportCatalog();
        const QByteArray text = QJsonDocument(catalog).toJson(QJsonDocument::Indented);
        if (!cl.isSet(QStringLiteral("o"))) {
            ctx.out() << QString::fromUtf8(text);
            return Success;
        }
        const QString path = cl.value(QStringLiteral("o"));
        QSaveFile file(path); // all or nothing: a failed export never leaves half a file
        if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit())
            throw CliError(Failure, QStringLiteral("-o %1: cannot write the file: %2").arg(path, file.errorString()));
        const auto count = [&](const char *key) { return catalog.value(QLatin1String(key)).toArray().size(); };
        if (ctx.json())
            ctx.printJson({{QStringLiteral("file"), path},
                           {QStringLiteral("items"), count("items")},
                           {QStringLiteral("billable_metrics"), count("billable_metrics")},
                           {QStringLiteral("plans"), count("plans")}});
        else
            ctx.out() << "Exported " << count("items") << " items, " << count("billable_metrics") << " billable metrics and " << count("plans") << " plans to "
                      << path << '\n';
        return Success;
    }
    throw CliError(InvalidInput, QStringLiteral("catalog: unknown verb \"%1\" (import, export)").arg(verb));
}

// ---- plans ----

QString priceSummary(const QJsonObject &price)
{
    const QString type = price.value(QStringLiteral("model_type")).toString();
    const QJsonObject config = price.value(type + QStringLiteral("_config")).toObject();
    if (type == QLatin1String("unit"))
        return config.value(QStringLiteral("unit_amount")).toString() + QStringLiteral(" each");
    if (type == QLatin1String("package"))
        return QStringLiteral("%1 per %2")
            .arg(config.value(QStringLiteral("package_amount")).toString(), config.value(QStringLiteral("package_size")).toVariant().toString());
    if (config.contains(QStringLiteral("tiers")))
        return QStringLiteral("%1 tiers").arg(config.value(QStringLiteral("tiers")).toArray().size());
    if (config.contains(QStringLiteral("matrix_values")))
        return QStringLiteral("%1 cells, default %2")
            .arg(config.value(QStringLiteral("matrix_values")).toArray().size())
            .arg(config.value(QStringLiteral("default_unit_amount")).toString());
    return QStringLiteral("see --json");
}

int plansCommand(CliContext &ctx, const QString &verb, const QStringList &args)
{
    if (verb == QLatin1String("list")) {
        CommandLine cl(QStringLiteral("plans list"));
        Paging page(cl);
        cl.parse(args);
        if (cl.helpRequested())
            return help(ctx, cl);
        page.read(cl);
        CatalogService service(ctx.company(), ctx.clock());
        const QList<Plan> plans = page.slice(service.plans().list(), [](const Plan &p) { return p.id; });
        if (ctx.json()) {
            QJsonArray data;
            for (const Plan &p : plans)
                data.append(service.describe(p, service.planVersion(p)));
            page.printJson(ctx, data);
            return Success;
        }
        TablePrinter t({QStringLiteral("ID"), QStringLiteral("EXTERNAL ID"), QStringLiteral("NAME"), QStringLiteral("CURRENCY"), QStringLiteral("VERSION"),
                        QStringLiteral("PRICES"), QStringLiteral("STATUS")});
        for (const Plan &p : plans)
            t.addRow({p.id, p.externalPlanId, p.name, p.currency, QString::number(p.currentVersion), QString::number(service.planVersion(p).prices.size()),
                      statusOf(p.archivedAt)});
        t.alignRight(4);
        t.alignRight(5);
        t.print(ctx.out());
        ctx.out() << plans.size() << (plans.size() == 1 ? " plan" : " plans") << '\n';
        page.printMore(ctx.out());
        return Success;
    }
    if (verb == QLatin1String("show")) {
        CommandLine cl(QStringLiteral("plans show"), {QStringLiteral("PLAN")});
        cl.addOption(QStringLiteral("version"), QStringLiteral("N"), QStringLiteral("Show version N instead of the current one."));
        cl.parse(args);
        if (cl.helpRequested())
            return help(ctx, cl);
        std::optional<int> number;
        if (cl.isSet(QStringLiteral("version"))) {
            bool ok = false;
            number = cl.value(QStringLiteral("version")).toInt(&ok);
            if (!ok || *number < 1)
                throw CliError(InvalidInput, QStringLiteral("--version: \"%1\" must be a whole number from 1").arg(cl.value(QStringLiteral("version"))));
        }
        CatalogService service(ctx.company(), ctx.clock());
        const Plan plan = service.plan(cl.positional(0));
        const PlanVersion version = service.planVersion(plan, number);
        const QJsonObject o = service.describe(plan, version);
        if (ctx.json()) {
            ctx.printJson(o);
            return Success;
        }
        printFields(ctx.out(),
                    {{QStringLiteral("Id"), plan.id},
                     {QStringLiteral("Name"), plan.name},
                     {QStringLiteral("External id"), plan.externalPlanId},
                     {QStringLiteral("Description"), plan.description},
                     {QStringLiteral("Currency"), plan.currency},
                     {QStringLiteral("Version"), QStringLiteral("%1 of %2 (%3)")
                                                     .arg(version.version)
                                                     .arg(plan.currentVersion)
                                                     .arg(version.version == plan.currentVersion ? QStringLiteral("current") : QStringLiteral("older"))},
                     {QStringLiteral("Net terms"), plan.netTerms ? QStringLiteral("%1 days").arg(*plan.netTerms) : QStringLiteral("company default")},
                     {QStringLiteral("Trial"), plan.trialPeriod ? QStringLiteral("%1 days").arg(*plan.trialPeriod) : QStringLiteral("none")},
                     {QStringLiteral("Invoice memo"), plan.defaultInvoiceMemo},
                     {QStringLiteral("Status"), statusOf(plan.archivedAt)}});
        ctx.out() << '\n';
        TablePrinter t({QStringLiteral("PRICE"), QStringLiteral("MODEL"), QStringLiteral("CADENCE"), QStringLiteral("BILLED"), QStringLiteral("ITEM"),
                        QStringLiteral("METRIC"), QStringLiteral("PRICING")});
        for (const QJsonValue &v : o.value(QStringLiteral("prices")).toArray()) {
            const QJsonObject p = v.toObject();
            t.addRow({p.value(QStringLiteral("name")).toString(), p.value(QStringLiteral("model_type")).toString(),
                      p.value(QStringLiteral("cadence")).toString(), p.value(QStringLiteral("billing_mode")).toString(),
                      p.value(QStringLiteral("item_name")).toString(), p.value(QStringLiteral("billable_metric_name")).toString(), priceSummary(p)});
        }
        t.print(ctx.out());
        const QJsonArray adjustments = o.value(QStringLiteral("adjustments")).toArray();
        QHash<QString, QString> priceNames; // adjustments name prices by id; people read names
        for (const QJsonValue &v : o.value(QStringLiteral("prices")).toArray())
            priceNames.insert(v.toObject().value(QStringLiteral("id")).toString(), v.toObject().value(QStringLiteral("name")).toString());
        if (!adjustments.isEmpty()) {
            ctx.out() << '\n';
            TablePrinter a({QStringLiteral("ADJUSTMENT"), QStringLiteral("VALUE"), QStringLiteral("APPLIES TO")});
            for (const QJsonValue &v : adjustments) {
                const QJsonObject adj = v.toObject();
                const QString type = adj.value(QStringLiteral("adjustment_type")).toString();
                const QString field = type == QLatin1String("minimum") || type == QLatin1String("maximum") ? type + QStringLiteral("_amount") : type;
                QStringList applies;
                for (const QJsonValue &id : adj.value(QStringLiteral("applies_to_price_ids")).toArray())
                    applies << priceNames.value(id.toString(), id.toString());
                a.addRow(
                    {type, adj.value(field).toVariant().toString(), applies.isEmpty() ? QStringLiteral("all prices") : applies.join(QStringLiteral(", "))});
            }
            a.print(ctx.out());
        }
        return Success;
    }
    throw CliError(InvalidInput, QStringLiteral("plans: unknown verb \"%1\" (list, show)").arg(verb));
}

// ---- metrics ----

QJsonObject metricObject(const CatalogService &service, const MetricDefinition &m)
{
    QJsonObject o = QJsonDocument::fromJson(m.toJson()).object();
    o.insert(QStringLiteral("status"), statusOf(service.metricArchivedAt(m.id())));
    return o;
}

int metricsCommand(CliContext &ctx, const QString &verb, const QStringList &args)
{
    if (verb == QLatin1String("list")) {
        CommandLine cl(QStringLiteral("metrics list"));
        Paging page(cl);
        cl.parse(args);
        if (cl.helpRequested())
            return help(ctx, cl);
        page.read(cl);
        CatalogService service(ctx.company(), ctx.clock());
        const QList<MetricDefinition> metrics = page.slice(service.metrics().list(), [](const MetricDefinition &m) { return m.id(); });
        if (ctx.json()) {
            QJsonArray data;
            for (const MetricDefinition &m : metrics)
                data.append(metricObject(service, m));
            page.printJson(ctx, data);
            return Success;
        }
        TablePrinter t({QStringLiteral("ID"), QStringLiteral("NAME"), QStringLiteral("EVENT"), QStringLiteral("AGGREGATION"), QStringLiteral("PROPERTY"),
                        QStringLiteral("GROUP BY"), QStringLiteral("STATUS")});
        for (const MetricDefinition &m : metrics)
            t.addRow({m.id(), m.name(), m.eventName(), MetricDefinition::aggregationName(m.aggregation()), m.property(), m.groupBy(),
                      statusOf(service.metricArchivedAt(m.id()))});
        t.print(ctx.out());
        ctx.out() << metrics.size() << (metrics.size() == 1 ? " billable metric" : " billable metrics") << '\n';
        page.printMore(ctx.out());
        return Success;
    }
    if (verb == QLatin1String("show")) {
        CommandLine cl(QStringLiteral("metrics show"), {QStringLiteral("METRIC")});
        cl.parse(args);
        if (cl.helpRequested())
            return help(ctx, cl);
        CatalogService service(ctx.company(), ctx.clock());
        const MetricDefinition m = service.metric(cl.positional(0));
        if (ctx.json()) {
            ctx.printJson(metricObject(service, m));
            return Success;
        }
        const QJsonObject o = metricObject(service, m);
        printFields(ctx.out(), {{QStringLiteral("Id"), m.id()},
                                {QStringLiteral("Name"), m.name()},
                                {QStringLiteral("Description"), m.description()},
                                {QStringLiteral("Event"), m.eventName()},
                                {QStringLiteral("Aggregation"), MetricDefinition::aggregationName(m.aggregation())},
                                {QStringLiteral("Property"), m.property()},
                                {QStringLiteral("Filters"),
                                 m.filter() ? QString::fromUtf8(QJsonDocument(o.value(QStringLiteral("filters")).toObject()).toJson(QJsonDocument::Compact))
                                            : QStringLiteral("none")},
                                {QStringLiteral("Group by"), m.groupBy()},
                                {QStringLiteral("Status"), o.value(QStringLiteral("status")).toString()}});
        return Success;
    }
    throw CliError(InvalidInput, QStringLiteral("metrics: unknown verb \"%1\" (list, show)").arg(verb));
}

// ---- price evaluate ----

pricing::Price readPrice(const QString &path)
{
    const QByteArray data = readFile(path, QStringLiteral("--price"));
    JsonParseError syntax;
    const auto doc = orb::JsonReader::parse(data, &syntax);
    if (!doc)
        refuse(path, QStringLiteral("not valid JSON"),
               {{syntax.path.isEmpty() ? QStringLiteral("$") : QStringLiteral("$.") + syntax.path,
                 syntax.message + QStringLiteral(" (at byte offset %1)").arg(syntax.offset)}});
    if (!doc->isObject())
        refuse(path, QStringLiteral("the price was refused"), {{QStringLiteral("$"), QStringLiteral("a price must be a JSON object")}});
    FieldErrors errors;
    // A price checked on its own needs no catalog: name, item and cadence may be left out.
    auto price = pricing::Price::fromJsonForEvaluation(CatalogParser::toQJson(*doc).toObject(), &errors);
    if (!price)
        refuse(path, QStringLiteral("the price was refused"), errors);
    return *price;
}

QDateTime timeOption(const CommandLine &cl, const QString &name)
{
    const QString text = cl.value(name);
    const auto t = EventParser::parseTimestamp(text);
    if (!t)
        throw CliError(InvalidInput, QStringLiteral("--%1: \"%2\" is not an ISO 8601 timestamp with a zone (such as 2026-03-01T00:00:00Z)").arg(name, text));
    return *t;
}

int priceCommand(CliContext &ctx, const QString &verb, const QStringList &args)
{
    if (verb != QLatin1String("evaluate"))
        throw CliError(InvalidInput, QStringLiteral("price: unknown verb \"%1\" (evaluate)").arg(verb));
    CommandLine cl(QStringLiteral("price evaluate"));
    cl.addOption(QStringLiteral("price"), QStringLiteral("PRICE.json"),
                 QStringLiteral("An Orb price object (model_type, its config, optional currency, default USD)."));
    cl.addOption(QStringLiteral("quantity"), QStringLiteral("Q"), QStringLiteral("Evaluate against this quantity."));
    cl.addOption(QStringLiteral("events"), QStringLiteral("EVENTS.jsonl"), QStringLiteral("Evaluate against these events (one JSON object a line)."));
    cl.addOption(QStringLiteral("metric"), QStringLiteral("METRIC.json"), QStringLiteral("The billable metric that aggregates the events."));
    cl.addOption(QStringLiteral("timeframe-start"), QStringLiteral("T"),
                 QStringLiteral("Start of the timeframe, inclusive (default: the first event). A *_with_proration price takes the timeframe as its period."));
    cl.addOption(QStringLiteral("timeframe-end"), QStringLiteral("T"), QStringLiteral("End of the timeframe, exclusive (default: just after the last event)."));
    cl.parse(args);
    if (cl.helpRequested())
        return help(ctx, cl);
    if (!cl.isSet(QStringLiteral("price")))
        throw CliError(InvalidInput, QStringLiteral("price evaluate: --price is required"));
    const bool byQuantity = cl.isSet(QStringLiteral("quantity"));
    const bool byEvents = cl.isSet(QStringLiteral("events"));
    if (byQuantity == byEvents)
        throw CliError(InvalidInput, QStringLiteral("price evaluate: give either --quantity or --events with --metric"));
    if (byEvents != cl.isSet(QStringLiteral("metric")))
        throw CliError(InvalidInput, QStringLiteral("price evaluate: --events and --metric go together"));
    if (byQuantity && (cl.isSet(QStringLiteral("timeframe-start")) || cl.isSet(QStringLiteral("timeframe-end"))))
        throw CliError(InvalidInput, QStringLiteral("price evaluate: --timeframe-start and --timeframe-end go with --events"));

    const pricing::Price price = readPrice(cl.value(QStringLiteral("price")));
    UsageQuantities usage;
    pricing::EvaluationContext context;
    QString window;
    if (byQuantity) {
        QString why;
        const auto q = Decimal::tryParse(cl.value(QStringLiteral("quantity")), &why);
        if (!q || q->isNegative())
            throw CliError(InvalidInput,
                           QStringLiteral("--quantity: \"%1\" must be a decimal number ≥ 0%2")
                               .arg(cl.value(QStringLiteral("quantity")), why.isEmpty() ? QString() : QStringLiteral(" (") + why + QLatin1Char(')')));
        usage = UsageQuantities::ofQuantity(*q);
    } else {
        const QString metricPath = cl.value(QStringLiteral("metric"));
        FieldErrors metricErrors;
        const auto metric = MetricDefinition::fromJson(readFile(metricPath, QStringLiteral("--metric")), &metricErrors);
        if (!metric)
            refuse(metricPath, QStringLiteral("the billable metric was refused"), metricErrors);
        const QString eventsPath = cl.value(QStringLiteral("events"));
        const QByteArray data = readFile(eventsPath, QStringLiteral("--events"));
        QList<Event> events;
        QStringList rejected;
        const QList<QByteArray> lines = data.split('\n');
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            if (line.isEmpty())
                continue;
            JsonParseError error;
            if (auto event = EventParser::parse(line, &error))
                events.append(*event);
            else
                rejected << QStringLiteral("%1:%2: %3").arg(eventsPath).arg(i + 1).arg(error.toString());
        }
        if (!rejected.isEmpty())
            throw CliError(InvalidInput,
                           QStringLiteral("%1: %2 %3 rejected; nothing was evaluated\n%4")
                               .arg(eventsPath)
                               .arg(rejected.size())
                               .arg(rejected.size() == 1 ? QStringLiteral("line was") : QStringLiteral("lines were"), rejected.join(QLatin1Char('\n'))));
        // The default timeframe spans the events: from the first one, to just after the last
        // one (the window is half-open, so the end is exclusive and the last event counts).
        QDateTime first, last;
        for (const Event &e : events) {
            if (!first.isValid() || e.timestamp < first)
                first = e.timestamp;
            if (!last.isValid() || e.timestamp > last)
                last = e.timestamp;
        }
        QDateTime start = cl.isSet(QStringLiteral("timeframe-start")) ? timeOption(cl, QStringLiteral("timeframe-start")) : first;
        QDateTime end = cl.isSet(QStringLiteral("timeframe-end")) ? timeOption(cl, QStringLiteral("timeframe-end")) : last.addMSecs(1);
        if (!start.isValid())
            start = end.isValid() ? end : QDateTime::fromMSecsSinceEpoch(0, Qt::UTC);
        if (!last.isValid() && !cl.isSet(QStringLiteral("timeframe-end")))
            end = start;
        if (end < start && !cl.isSet(QStringLiteral("timeframe-end")))
            end = start; // every event is before the given start: an empty timeframe
        if (end < start)
            throw CliError(InvalidInput, QStringLiteral("--timeframe-end %1 is before the start %2").arg(toApiTimestamp(end), toApiTimestamp(start)));
        Aggregator aggregator(*metric, start, end, price.groupingProperties(), price.needsEventValues());
        for (const Event &e : events)
            aggregator.add(e);
        usage = aggregator.finish();
        if (price.prorates() && end > start) {
            // The timeframe is the period: the quantity in force on each (UTC) day is the metric
            // from the start through that day, as the invoice run computes it.
            context.periodDays = 0;
            for (QDateTime dayEnd = start; dayEnd < end; ++context.periodDays) {
                dayEnd = std::min(dayEnd.addDays(1), end);
                Aggregator day(*metric, start, dayEnd);
                for (const Event &e : events)
                    day.add(e);
                const Decimal q = day.finish().total;
                if (!context.quantitySchedule.isEmpty() && context.quantitySchedule.last().quantity == q)
                    ++context.quantitySchedule.last().days;
                else
                    context.quantitySchedule.append({q, 1});
            }
        }
        window = QStringLiteral("%1 of %2 events matched %3 in [%4, %5)")
                     .arg(aggregator.matchedEvents())
                     .arg(events.size())
                     .arg(metric->name(), toApiTimestamp(start), toApiTimestamp(end));
        if (aggregator.skippedEvents() > 0)
            window += QStringLiteral("; %1 skipped (property missing or not a number)").arg(aggregator.skippedEvents());
    }
    const pricing::PriceEvaluation e = price.isComposite() ? price.evaluateComposite({}) : price.evaluate(usage, context);
    if (ctx.json()) {
        ctx.printJson(e.toJson());
        return Success;
    }
    QList<QPair<QString, QString>> fields{{QStringLiteral("Price"), QStringLiteral("%1 (%2)").arg(price.name(), price.modelType())}};
    if (!window.isEmpty())
        fields.append({QStringLiteral("Usage"), window});
    fields.append({QStringLiteral("Quantity"), e.quantity.toCanonicalString()});
    fields.append({QStringLiteral("Subtotal"), e.subtotal.toCanonicalString() + QLatin1Char(' ') + e.currency.code()});
    fields.append({QStringLiteral("Amount"), e.amount.toString() + QLatin1Char(' ') + e.currency.code()});
    printFields(ctx.out(), fields);
    if (!e.subLineItems.isEmpty()) {
        ctx.out() << '\n';
        TablePrinter t({QStringLiteral("LINE"), QStringLiteral("QUANTITY"), QStringLiteral("UNIT AMOUNT"), QStringLiteral("AMOUNT")});
        for (const pricing::SubLineItem &line : e.subLineItems)
            t.addRow({line.name, line.quantity.toCanonicalString(), line.unitAmount ? line.unitAmount->toCanonicalString() : QString(),
                      line.amount.toCanonicalString()});
        t.alignRight(1);
        t.alignRight(2);
        t.alignRight(3);
        t.print(ctx.out());
    }
    return Success;
}

const CommandRegistry::Registrar
    catalogNoun("catalog", &catalogCommand, "import FILE | export [-o FILE]   the catalog as one file", 30,
                {{QStringLiteral("import"), QStringLiteral("FILE"), QStringLiteral("Import a catalog file whole, or refuse it with every error listed.")},
                 {QStringLiteral("export"), {}, QStringLiteral("Write the catalog as one file that imports back to the same catalog.")}});
const CommandRegistry::Registrar plansNoun("plans", &plansCommand, "list | show P [--version N]", 31,
                                           {{QStringLiteral("list"), {}, QStringLiteral("List the plans.")},
                                            {QStringLiteral("show"), QStringLiteral("PLAN"),
                                             QStringLiteral("Show a plan version's prices and adjustments (the current version unless --version).")}});
const CommandRegistry::Registrar
    metricsNoun("metrics", &metricsCommand, "list | show M", 32,
                {{QStringLiteral("list"), {}, QStringLiteral("List the billable metrics.")},
                 {QStringLiteral("show"), QStringLiteral("METRIC"), QStringLiteral("Show a billable metric: its event, aggregation, filters and grouping.")}});
const CommandRegistry::Registrar
    priceNoun("price", &priceCommand, "evaluate --price FILE (--quantity Q | --events FILE --metric FILE [--timeframe-start T --timeframe-end T])", 33,
              {{QStringLiteral("evaluate"),
                {},
                QStringLiteral("Evaluate one price against a quantity or against events aggregated by a metric; needs no company file.")}});

} // namespace

} // namespace orb::cli
