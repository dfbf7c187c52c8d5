// SPDX-License-Identifier: GPL-3.0-or-later
// orbctl nouns of subscriptions: subscriptions create | list | show | change-plan | cancel |
// unschedule | set-quantity.
#include "app/cli/BillingArgs.h"
#include "app/cli/CliContext.h"
#include "app/cli/CommandRegistry.h"
#include "app/cli/Paging.h"
#include "app/cli/TablePrinter.h"
#include "models/CompanyFile.h"
#include "models/billing/SubscriptionService.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace orb::cli {

namespace {

int help(CliContext &ctx, const CommandLine &cl)
{
    ctx.out() << cl.helpText();
    return Success;
}

void addTimingOptions(CommandLine &cl, bool endOfTerm)
{
    cl.addFlag(QStringLiteral("immediate"), QStringLiteral("Today, in the customer's time zone."));
    if (endOfTerm)
        cl.addFlag(QStringLiteral("end-of-term"), QStringLiteral("At the end of the current billing period."));
    cl.addOption(QStringLiteral("date"), QStringLiteral("YYYY-MM-DD"), QStringLiteral("On this date (cancellations may be backdated)."));
}

std::pair<ChangeTiming, std::optional<QDate>> timingFrom(const CommandLine &cl)
{
    const int chosen = int(cl.isSet(QStringLiteral("immediate"))) + int(cl.isSet(QStringLiteral("end-of-term"))) + int(cl.isSet(QStringLiteral("date")));
    if (chosen != 1)
        throw CliError(InvalidInput, QStringLiteral("say when: exactly one of --immediate, --end-of-term or --date YYYY-MM-DD"));
    if (cl.isSet(QStringLiteral("immediate")))
        return {ChangeTiming::Immediate, std::nullopt};
    if (cl.isSet(QStringLiteral("end-of-term")))
        return {ChangeTiming::EndOfTerm, std::nullopt};
    return {ChangeTiming::OnDate, dateOption(cl, QStringLiteral("date"), true)};
}

void printSubscription(CliContext &ctx, SubscriptionService &service, const Subscription &s)
{
    const QJsonObject o = service.toJson(s);
    if (ctx.json()) {
        ctx.printJson(o);
        return;
    }
    ctx.out() << "Subscription " << s.id << " (" << o.value(QStringLiteral("status")).toString() << ")\n"
              << "  customer:  " << o.value(QStringLiteral("customer_name")).toString() << " (" << s.customerId << ")\n"
              << "  plan:      " << o.value(QStringLiteral("plan")).toObject().value(QStringLiteral("name")).toString() << "\n"
              << "  start:     " << dateText(s.startDate) << "\n"
              << "  end:       " << (s.endDate ? dateText(*s.endDate) : QStringLiteral("—")) << "\n"
              << "  alignment: " << s.alignment << (s.trialDays ? QStringLiteral(", trial %1 days").arg(s.trialDays) : QString()) << "\n";
    TablePrinter t({QStringLiteral("PHASE"), QStringLiteral("PLAN"), QStringLiteral("VERSION"), QStringLiteral("FROM"), QStringLiteral("TO"),
                    QStringLiteral("CAUSE"), QStringLiteral("QUANTITIES")});
    for (const QJsonValue &v : o.value(QStringLiteral("phases")).toArray()) {
        const QJsonObject p = v.toObject();
        QStringList q;
        const QJsonObject quantities = p.value(QStringLiteral("fixed_fee_quantities")).toObject();
        for (auto it = quantities.begin(); it != quantities.end(); ++it)
            q << it.key() + QLatin1Char('=') + it.value().toString();
        t.addRow({QString::number(p.value(QStringLiteral("order")).toInt()), p.value(QStringLiteral("plan_name")).toString(),
                  QString::number(p.value(QStringLiteral("plan_version")).toInt()), p.value(QStringLiteral("start_date")).toString(),
                  p.value(QStringLiteral("end_date")).toString(), p.value(QStringLiteral("cause")).toString(), q.join(QStringLiteral(", "))});
    }
    t.print(ctx.out());
    for (const QJsonValue &v : o.value(QStringLiteral("pending_changes")).toArray())
        ctx.out() << "  scheduled: " << v.toObject().value(QStringLiteral("kind")).toString() << " on "
                  << v.toObject().value(QStringLiteral("effective_date")).toString() << "\n";
}

void printChange(CliContext &ctx, SubscriptionService &service, const SubscriptionChange &c)
{
    if (ctx.json()) {
        QJsonObject o = c.toJson();
        o.insert(QStringLiteral("subscription"), service.toJson(service.get(c.subscriptionId)));
        ctx.printJson(o);
        return;
    }
    ctx.out() << (c.status == SubscriptionChangeStatus::Scheduled ? "Scheduled " : "Applied ") << toText(c.kind) << " on " << dateText(c.effectiveDate)
              << " for subscription " << c.subscriptionId << "\n";
}

int subscriptionsCreate(CliContext &ctx, const QString &, const QStringList &args)
{
    CommandLine cl(QStringLiteral("subscriptions create"));
    cl.addOption(QStringLiteral("customer"), QStringLiteral("C"), QStringLiteral("Customer id or external id."));
    cl.addOption(QStringLiteral("plan"), QStringLiteral("P"), QStringLiteral("Plan id, external plan id or name."));
    cl.addOption(QStringLiteral("version"), QStringLiteral("N"), QStringLiteral("Plan version (default: the current one)."));
    cl.addOption(QStringLiteral("start"), QStringLiteral("YYYY-MM-DD"), QStringLiteral("Start date, in the customer's zone."));
    cl.addOption(QStringLiteral("end"), QStringLiteral("YYYY-MM-DD"), QStringLiteral("End date (exclusive)."));
    cl.addOption(QStringLiteral("alignment"), QStringLiteral("start_date|first_of_month"), QStringLiteral("Where periods renew (default start_date)."));
    cl.addOption(QStringLiteral("trial-days"), QStringLiteral("N"), QStringLiteral("Free trial before billing (default: the plan's)."));
    cl.addOption(QStringLiteral("coupon"), QStringLiteral("CODE"), QStringLiteral("Coupon id or redemption code."));
    cl.addOption(QStringLiteral("net-terms"), QStringLiteral("DAYS"), QStringLiteral("Days until its invoices are due."));
    cl.addOption(QStringLiteral("memo"), QStringLiteral("TEXT"), QStringLiteral("Memo printed on its invoices."));
    cl.addOption(QStringLiteral("quantity"), QStringLiteral("PRICE_ID=Q"), QStringLiteral("Quantity of a fixed fee (seats); repeatable."));
    cl.addOption(QStringLiteral("overrides"), QStringLiteral("FILE"),
                 QStringLiteral("JSON file {\"add\": [price], \"remove\": [price_id], \"replace\": [{\"replaces_price_id\": id, ...price}]}."));
    cl.parse(args);
    if (cl.helpRequested())
        return help(ctx, cl);
    SubscriptionDraft d;
    d.customer = requiredOption(cl, QStringLiteral("customer"));
    d.plan = requiredOption(cl, QStringLiteral("plan"));
    d.planVersion = intOption(cl, QStringLiteral("version"));
    d.startDate = *dateOption(cl, QStringLiteral("start"), true);
    d.endDate = dateOption(cl, QStringLiteral("end"));
    if (cl.isSet(QStringLiteral("alignment")))
        d.alignment = cl.value(QStringLiteral("alignment"));
    d.trialDays = intOption(cl, QStringLiteral("trial-days"));
    d.coupon = cl.value(QStringLiteral("coupon"));
    d.netTerms = intOption(cl, QStringLiteral("net-terms"));
    d.memo = cl.value(QStringLiteral("memo"));
    for (const QString &q : cl.values(QStringLiteral("quantity"))) {
        const qsizetype eq = q.indexOf(QLatin1Char('='));
        const auto value = eq > 0 ? Decimal::tryParse(q.mid(eq + 1)) : std::nullopt;
        if (!value)
            throw CliError(InvalidInput, QStringLiteral("--quantity: \"%1\" must be PRICE_ID=QUANTITY").arg(q));
        d.quantities.insert(q.left(eq), *value);
    }
    if (cl.isSet(QStringLiteral("overrides"))) {
        QFile f(cl.value(QStringLiteral("overrides")));
        if (!f.open(QIODevice::ReadOnly))
            throw CliError(InvalidInput, QStringLiteral("--overrides: cannot read %1: %2").arg(f.fileName(), f.errorString()));
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            throw CliError(InvalidInput,
                           QStringLiteral("--overrides: %1 is not a JSON object (%2 at offset %3)").arg(f.fileName(), error.errorString()).arg(error.offset));
        d.priceOverrides = doc.object();
    }
    SubscriptionService service(ctx.company(), ctx.clock());
    printSubscription(ctx, service, service.create(d));
    return Success;
}

int subscriptionsList(CliContext &ctx, const QString &, const QStringList &args)
{
    CommandLine cl(QStringLiteral("subscriptions list"));
    cl.addOption(QStringLiteral("customer"), QStringLiteral("C"), QStringLiteral("Only this customer's."));
    cl.addOption(QStringLiteral("status"), QStringLiteral("upcoming|active|ended"), QStringLiteral("Only these."));
    Paging page(cl);
    cl.parse(args);
    if (cl.helpRequested())
        return help(ctx, cl);
    page.read(cl);
    SubscriptionService service(ctx.company(), ctx.clock());
    // The status depends on today, so the filter runs here, before the page is cut.
    QList<Subscription> matching;
    for (const Subscription &s : service.list(cl.value(QStringLiteral("customer"))))
        if (!cl.isSet(QStringLiteral("status")) || service.toJson(s).value(QStringLiteral("status")).toString() == cl.value(QStringLiteral("status")))
            matching.append(s);
    QJsonArray data;
    TablePrinter t(
        {QStringLiteral("ID"), QStringLiteral("CUSTOMER"), QStringLiteral("PLAN"), QStringLiteral("STATUS"), QStringLiteral("START"), QStringLiteral("END")});
    int n = 0;
    for (const Subscription &s : page.slice(matching, [](const Subscription &s) { return s.id; })) {
        const QJsonObject o = service.toJson(s);
        data.append(o);
        ++n;
        t.addRow({s.id, o.value(QStringLiteral("customer_name")).toString(),
                  o.value(QStringLiteral("plan")).toObject().value(QStringLiteral("name")).toString(), o.value(QStringLiteral("status")).toString(),
                  dateText(s.startDate), s.endDate ? dateText(*s.endDate) : QString()});
    }
    if (ctx.json()) {
        page.printJson(ctx, data);
    } else {
        t.print(ctx.out());
        ctx.out() << n << (n == 1 ? " subscription\n" : " subscriptions\n");
        page.printMore(ctx.out());
    }
    return Success;
}

int subscriptionsShow(CliContext &ctx, const QString &, const QStringList &args)
{
    CommandLine cl(QStringLiteral("subscriptions show"), {QStringLiteral("ID")});
    cl.parse(args);
    if (cl.helpRequested())
        return help(ctx, cl);
    SubscriptionService service(ctx.company(), ctx.clock());
    printSubscription(ctx, service, service.get(requiredPositional(cl, 0, QStringLiteral("the subscription id"))));
    return Success;
}

int subscriptionsChangePlan(CliContext &ctx, const QString &, const QStringList &args)
{
    CommandLine cl(QStringLiteral("subscriptions change-plan"), {QStringLiteral("ID")});
    cl.addOption(QStringLiteral("plan"), QStringLiteral("P"), QStringLiteral("The new plan."));
    cl.addOption(QStringLiteral("version"), QStringLiteral("N"), QStringLiteral("Its version (default: current)."));
    addTimingOptions(cl, true);
    cl.parse(args);
    if (cl.helpRequested())
        return help(ctx, cl);
    const auto [timing, date] = timingFrom(cl);
    SubscriptionService service(ctx.company(), ctx.clock());
    printChange(ctx, service,
                service.changePlan(requiredPositional(cl, 0, QStringLiteral("the subscription id")), requiredOption(cl, QStringLiteral("plan")),
                                   intOption(cl, QStringLiteral("version")), timing, date));
    return Success;
}

int subscriptionsCancel(CliContext &ctx, const QString &, const QStringList &args)
{
    CommandLine cl(QStringLiteral("subscriptions cancel"), {QStringLiteral("ID")});
    addTimingOptions(cl, true);
    cl.parse(args);
    if (cl.helpRequested())
        return help(ctx, cl);
    const auto [timing, date] = timingFrom(cl);
    SubscriptionService service(ctx.company(), ctx.clock());
    printChange(ctx, service, service.cancel(requiredPositional(cl, 0, QStringLiteral("the subscription id")), timing, date));
    return Success;
}

int subscriptionsSetQuantity(CliContext &ctx, const QString &, const QStringList &args)
{
    CommandLine cl(QStringLiteral("subscriptions set-quantity"), {QStringLiteral("ID")});
    cl.addOption(QStringLiteral("price"), QStringLiteral("PRICE_ID"), QStringLiteral("The fixed fee."));
    cl.addOption(QStringLiteral("quantity"), QStringLiteral("Q"), QStringLiteral("The new quantity."));
    addTimingOptions(cl, true);
    cl.parse(args);
    if (cl.helpRequested())
        return help(ctx, cl);
    const auto [timing, date] = timingFrom(cl);
    SubscriptionService service(ctx.company(), ctx.clock());
    printChange(ctx, service,
                service.setQuantity(requiredPositional(cl, 0, QStringLiteral("the subscription id")), requiredOption(cl, QStringLiteral("price")),
                                    *decimalOption(cl, QStringLiteral("quantity"), true), timing, date));
    return Success;
}

int subscriptionsUnschedule(CliContext &ctx, const QString &, const QStringList &args)
{
    CommandLine cl(QStringLiteral("subscriptions unschedule"), {QStringLiteral("ID")});
    cl.parse(args);
    if (cl.helpRequested())
        return help(ctx, cl);
    SubscriptionService service(ctx.company(), ctx.clock());
    const QList<SubscriptionChange> done = service.unschedule(requiredPositional(cl, 0, QStringLiteral("the subscription id")));
    if (ctx.json()) {
        QJsonArray data;
        for (const SubscriptionChange &c : done)
            data.append(c.toJson());
        // What the verb did, all of it: a result, not a list to page through.
        ctx.printJsonList(data, false, {});
    } else {
        for (const SubscriptionChange &c : done)
            ctx.out() << "Unscheduled " << toText(c.kind) << " of " << dateText(c.effectiveDate) << "\n";
    }
    return Success;
}

const CommandRegistry::Registrar subscriptionsNoun(
    "subscriptions", "create | list | show | change-plan | cancel | unschedule | set-quantity", 70,
    {{QStringLiteral("create"), {}, QStringLiteral("Subscribe a customer to a plan from a start date."), &subscriptionsCreate},
     {QStringLiteral("list"), {}, QStringLiteral("List subscriptions, of one customer or all."), &subscriptionsList},
     {QStringLiteral("show"), QStringLiteral("ID"), QStringLiteral("Show a subscription with its phases and scheduled changes."), &subscriptionsShow},
     {QStringLiteral("change-plan"), QStringLiteral("ID"), QStringLiteral("Move a subscription to another plan, now, at a date or at the end of its term."),
      &subscriptionsChangePlan},
     {QStringLiteral("cancel"), QStringLiteral("ID"), QStringLiteral("Cancel a subscription at the end of its term, at a date, or backdated."),
      &subscriptionsCancel},
     {QStringLiteral("unschedule"), QStringLiteral("ID"), QStringLiteral("Take back a scheduled plan change or cancellation."), &subscriptionsUnschedule},
     {QStringLiteral("set-quantity"), QStringLiteral("ID"), QStringLiteral("Change the quantity (seats) of a fixed fee from a date."),
      &subscriptionsSetQuantity}});

} // namespace

} // namespace orb::cli
