// SPDX-License-Identifier: GPL-3.0-or-later
// orbctl nouns of invoicing: invoices run | list | show | upcoming | issue | void | mark-paid |
// pay | create | delete, and credit-notes create | list | show.
#include "app/cli/BillingArgs.h"
#include "app/cli/CliContext.h"
#include "app/cli/CommandRegistry.h"
#include "app/cli/DocumentCommands.h"
#include "app/cli/EInvoiceCommands.h"
#include "app/cli/EmailCommands.h"
#include "app/cli/Paging.h"
#include "app/cli/TablePrinter.h"
#include "engine/Clock.h"
#include "engine/billing/BillingSchedule.h"
#include "models/CompanyFile.h"
#include "models/CustomerRepository.h"
#include "models/Timestamps.h"
#include "models/billing/InvoiceRunService.h"
#include "models/billing/InvoiceService.h"
#include "models/sync/StripeInvoiceState.h"
#include "models/usage/UsageQueryService.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTimeZone>

#include <algorithm>
#include <cstdio>
#include <unistd.h>

#include <optional>

namespace orb::cli {

namespace {

int help(CliContext &ctx, const CommandLine &cl)
{
    ctx.out() << cl.helpText();
    return Success;
}

QDate today(CliContext &ctx)
{
    return billing::BillingSchedule::localDate(ctx.clock().now(), QTimeZone(ctx.company().settings().timezone.toUtf8()));
}

QString nameOf(const Invoice &i)
{
    return i.invoiceNumber.isEmpty() ? QStringLiteral("draft ") + i.id : i.invoiceNumber;
}

/// A page of a list, or (page null) every invoice an action made.
void printInvoices(CliContext &ctx, const QList<Invoice> &invoices, const Paging *page = nullptr)
{
    if (ctx.json()) {
        QJsonArray data;
        for (const Invoice &i : invoices)
            data.append(i.toJson());
        if (page)
            page->printJson(ctx, data);
        else
            ctx.printJsonList(data, false, {});
        return;
    }
    QHash<QString, QString> names;
    CustomerRepository customers(ctx.company().db());
    TablePrinter t({QStringLiteral("ID"), QStringLiteral("NUMBER"), QStringLiteral("STATUS"), QStringLiteral("CUSTOMER"), QStringLiteral("DATE"),
                    QStringLiteral("DUE"), QStringLiteral("PERIOD"), QStringLiteral("TOTAL"), QStringLiteral("AMOUNT DUE"), QStringLiteral("REMAINING")});
    for (int c : {7, 8, 9})
        t.alignRight(c);
    for (const Invoice &i : invoices) {
        if (!names.contains(i.customerId)) {
            const auto c = customers.findById(i.customerId);
            names.insert(i.customerId, c ? c->name : i.customerId);
        }
        const QString period = i.periodStart.isValid() ? dateText(i.periodStart) + QStringLiteral("…") + dateText(i.periodEnd) : QString();
        t.addRow({i.id, i.invoiceNumber, toText(i.status), names.value(i.customerId), dateText(i.invoiceDate), dateText(i.dueDate), period,
                  moneyText(i.total, i.currency) + QLatin1Char(' ') + i.currency, moneyText(i.amountDue, i.currency),
                  i.status == InvoiceStatus::Void ? QString() : moneyText(i.amountRemaining(), i.currency)});
    }
    t.print(ctx.out());
    ctx.out() << invoices.size() << (invoices.size() == 1 ? " invoice\n" : " invoices\n");
    if (page)
        page->printMore(ctx.out());
}

void printInvoice(CliContext &ctx, InvoiceService &service, const Invoice &i)
{
    QJsonObject o = service.describe(i);
    const auto stripe = StripeInvoiceState::of(ctx.company().db(), i.id);
    if (stripe)
        o.insert(QStringLiteral("stripe"), stripe->toJson());
    // A payment the customer disputes is money Orb counts as received but the bank holds.
    o.insert(QStringLiteral("disputed"), stripe && stripe->disputeOpen());
    if (ctx.json()) {
        ctx.printJson(o);
        return;
    }
    const QString c = i.currency;
    ctx.out() << "Invoice " << nameOf(i) << " (" << toText(i.status) << ")  " << i.id << "\n"
              << "  customer:     " << o.value(QStringLiteral("customer")).toObject().value(QStringLiteral("name")).toString() << "\n";
    if (i.periodStart.isValid())
        ctx.out() << "  period:       " << dateText(i.periodStart) << " to " << dateText(i.periodEnd) << " (" << toText(i.kind) << ")\n";
    ctx.out() << "  invoice date: " << dateText(i.invoiceDate) << "\n";
    if (i.dueDate.isValid())
        ctx.out() << "  due date:     " << dateText(i.dueDate) << " (net " << i.netTerms << ")\n";
    if (stripe)
        ctx.out() << "  stripe:       " << stripe->state << (stripe->stripeId.isEmpty() ? QString() : QStringLiteral(" ") + stripe->stripeId)
                  << (stripe->message.isEmpty() ? QString() : QStringLiteral(" (") + stripe->message + QLatin1Char(')')) << "\n";
    if (stripe && !stripe->disputeId.isEmpty())
        ctx.out() << "  disputed:     " << stripe->disputeStatus << ", "
                  << stripe->toJson().value(QStringLiteral("dispute")).toObject().value(QStringLiteral("amount")).toString() << " " << stripe->disputeCurrency
                  << (stripe->fundsWithdrawn() ? " withdrawn" : "") << " (" << stripe->disputeId << ")\n";
    TablePrinter t({QStringLiteral("#"), QStringLiteral("LINE"), QStringLiteral("QUANTITY"), QStringLiteral("SUBTOTAL"), QStringLiteral("ADJUSTED"),
                    QStringLiteral("AMOUNT"), QStringLiteral("TAX"), QStringLiteral("TOTAL")});
    for (int col : {2, 3, 4, 5, 6, 7})
        t.alignRight(col);
    const QJsonArray lines = o.value(QStringLiteral("line_items")).toArray();
    for (int n = 0; n < lines.size(); ++n) {
        const QJsonObject l = lines.at(n).toObject();
        t.addRow({QString::number(n), l.value(QStringLiteral("name")).toString(), l.value(QStringLiteral("quantity")).toString(),
                  l.value(QStringLiteral("subtotal")).toString(), l.value(QStringLiteral("adjusted_subtotal")).toString(),
                  l.value(QStringLiteral("amount")).toString(), l.value(QStringLiteral("tax_total")).toString(), l.value(QStringLiteral("total")).toString()});
        for (const QJsonValue &sv : l.value(QStringLiteral("sub_line_items")).toArray()) {
            const QJsonObject s = sv.toObject();
            t.addRow({QString(), QStringLiteral("  ") + s.value(QStringLiteral("name")).toString(), s.value(QStringLiteral("quantity")).toString(),
                      s.value(QStringLiteral("amount")).toString(), QString(), QString(), QString(), QString()});
        }
    }
    t.print(ctx.out());
    auto row = [&](const char *label, const Decimal &amount) {
        ctx.out() << QStringLiteral("  %1 %2 %3\n").arg(QLatin1String(label), -16).arg(moneyText(amount, c), 14).arg(c);
    };
    row("subtotal", i.subtotal);
    if (!i.adjustmentsTotal.isZero())
        row("adjustments", i.adjustmentsTotal);
    if (!i.couponsTotal.isZero())
        row("coupons", -i.couponsTotal);
    for (const QJsonValue &tv : o.value(QStringLiteral("tax_amounts")).toArray()) {
        const QJsonObject tax = tv.toObject();
        ctx.out() << QStringLiteral("  %1 %2 %3\n")
                         .arg(tax.value(QStringLiteral("tax_rate_description")).toString() + QStringLiteral(" (")
                                  + tax.value(QStringLiteral("tax_rate_percentage")).toString() + QStringLiteral("%)"),
                              -16)
                         .arg(tax.value(QStringLiteral("amount")).toString(), 14)
                         .arg(c);
    }
    row("total", i.total);
    if (!i.balanceApplied.isZero())
        row("balance applied", -i.balanceApplied);
    if (!i.creditsApplied.isZero())
        row("credits applied", -i.creditsApplied);
    row("amount due", i.amountDue);
    if (!i.amountPaid.isZero())
        row("paid", i.amountPaid);
    if (!i.credited.isZero())
        row("credited", i.credited);
    if (i.status != InvoiceStatus::Void)
        row("remaining", i.amountRemaining());
    if (!i.memo.isEmpty())
        ctx.out() << "  memo: " << i.memo << "\n";
}

int invoicesRun(CliContext &ctx, const QString &, const QStringList &args)
{
    CommandLine cl(QStringLiteral("invoices run"));
    cl.addOption(QStringLiteral("as-of"), QStringLiteral("T"), QStringLiteral("Create every invoice due by this instant or date (default: now)."));
    cl.addFlag(QStringLiteral("dry-run"), QStringLiteral("Show what would be created; store nothing."));
    cl.addFlag(QStringLiteral("recompose-all"),
               QStringLiteral("Compose every due draft again, also those whose inputs have not changed since they were composed."));
    cl.addOption(QStringLiteral("subscription"), QStringLiteral("ID"), QStringLiteral("Only this subscription."));
    cl.parse(args);
    if (cl.helpRequested())
        return help(ctx, cl);
    InvoiceRunOptions options;
    options.asOf = ctx.clock().now();
    if (cl.isSet(QStringLiteral("as-of"))) {
        options.asOf = UsageQueryService::parseBound(cl.value(QStringLiteral("as-of")), QTimeZone(ctx.company().settings().timezone.toUtf8()));
        if (!options.asOf.isValid())
            throw CliError(InvalidInput,
                           QStringLiteral("--as-of: \"%1\" is neither an ISO 8601 timestamp with a zone nor a date").arg(cl.value(QStringLiteral("as-of"))));
    }
    options.dryRun = cl.isSet(QStringLiteral("dry-run"));
    options.recomposeAll = cl.isSet(QStringLiteral("recompose-all"));
    options.subscriptionId = cl.value(QStringLiteral("subscription"));
    const bool terminal = isatty(fileno(stderr)) && !ctx.json();
    QElapsedTimer shown;
    shown.start();
    options.progress = [&](qint64 done, qint64 total) {
        if (terminal && (done == total || shown.elapsed() >= 100)) {
            shown.restart();
            std::fprintf(stderr, "\rcomposing invoices %lld / %lld", static_cast<long long>(done), static_cast<long long>(total));
        }
        return true;
    };
    QElapsedTimer timer;
    timer.start();
    const InvoiceRunSummary s = InvoiceRunService(ctx.company(), ctx.clock()).run(options);
    if (terminal)
        std::fprintf(stderr, "\n");
    // Subscriptions that could not be billed: everything else was billed, the list says
    // which and why, and the exit code (4) tells a script to look.
    const auto reportFailures = [&]() {
        if (s.failed.isEmpty())
            return Success;
        ctx.err() << s.failed.size() << (s.failed.size() == 1 ? " subscription" : " subscriptions") << " could not be billed:\n";
        for (const InvoiceRunFailure &f : s.failed)
            ctx.err() << "  subscription " << f.subscriptionId << " (customer " << (f.customerName.isEmpty() ? f.customerId : f.customerName)
                      << "): " << f.reasons.join(QStringLiteral("; ")) << "\n";
        ctx.err().flush();
        return Conflict;
    };
    if (ctx.json()) {
        QJsonObject o = s.toJson();
        o.insert(QStringLiteral("dry_run"), options.dryRun);
        ctx.printJson(o);
        return reportFailures();
    }
    ctx.out() << (options.dryRun ? "Dry run as of " : "Invoice run as of ") << toApiTimestamp(s.asOf) << ": " << s.created
              << (options.dryRun ? " would be created, " : " created, ") << s.recomposed << " drafts recomposed (" << s.refreshed << " refreshed), "
              << s.upToDate << " up to date, " << s.unchanged << " unchanged, " << s.alreadyIssued << " already issued; " << s.eventsScanned << " events in "
              << s.aggregationPasses << " aggregation passes, " << timer.elapsed() << " ms";
    if (!s.failed.isEmpty())
        ctx.out() << "; " << s.failed.size() << " subscriptions failed";
    ctx.out() << "\n";
    if (options.dryRun)
        printInvoices(ctx, s.invoices);
    ctx.out().flush();
    return reportFailures();
}

int invoicesList(CliContext &ctx, const QString &, const QStringList &args)
{
    CommandLine cl(QStringLiteral("invoices list"));
    cl.addOption(QStringLiteral("status"), QStringLiteral("draft|issued|paid|void"), QStringLiteral("Only these."));
    cl.addOption(QStringLiteral("customer"), QStringLiteral("C"), QStringLiteral("Only this customer's."));
    cl.addOption(QStringLiteral("subscription"), QStringLiteral("ID"), QStringLiteral("Only this subscription's."));
    cl.addFlag(QStringLiteral("overdue"), QStringLiteral("Only issued invoices past their due date."));
    cl.addOption(QStringLiteral("from"), QStringLiteral("YYYY-MM-DD"), QStringLiteral("Invoice date on or after."));
    cl.addOption(QStringLiteral("to"), QStringLiteral("YYYY-MM-DD"), QStringLiteral("Invoice date before."));
    Paging page(cl);
    cl.parse(args);
    if (cl.helpRequested())
        return help(ctx, cl);
    page.read(cl);
    InvoiceService service(ctx.company(), ctx.clock());
    InvoiceFilter f;
    const QString status = cl.value(QStringLiteral("status"));
    f.status = fromText<InvoiceStatus>(status);
    if (!status.isEmpty() && !f.status)
        throw CliError(InvalidInput, QStringLiteral("--status: \"%1\" must be draft, issued, paid or void").arg(status));
    if (cl.isSet(QStringLiteral("customer"))) {
        const auto c = CustomerRepository(ctx.company().db()).resolve(cl.value(QStringLiteral("customer")));
        if (!c)
            throw CliError(NotFound, QStringLiteral("--customer: no customer \"%1\"").arg(cl.value(QStringLiteral("customer"))));
        f.customerId = c->id;
    }
    f.subscriptionId = cl.value(QStringLiteral("subscription"));
    f.overdueOn = cl.isSet(QStringLiteral("overdue"));
    f.today = today(ctx);
    f.periodFrom = dateOption(cl, QStringLiteral("from")).value_or(QDate());
    f.periodTo = dateOption(cl, QStringLiteral("to")).value_or(QDate());
    // One row more than the page tells whether another page follows.
    f.limit = page.limit() > 0 ? page.limit() + 1 : 0;
    f.afterId = page.after();
    if (!f.afterId.isEmpty() && !InvoiceRepository(ctx.company().db()).find(f.afterId))
        throw CliError(InvalidInput, QStringLiteral("invoices list: the invoice --cursor continues after was deleted; start again without --cursor"));
    printInvoices(ctx, page.trim(service.list(f), [](const Invoice &i) { return i.id; }), &page);
    return Success;
}

int invoicesShow(CliContext &ctx, const QString &, const QStringList &args)
{
    CommandLine cl(QStringLiteral("invoices show"), {QStringLiteral("ID")});
    cl.parse(args);
    if (cl.helpRequested())
        return help(ctx, cl);
    InvoiceService service(ctx.company(), ctx.clock());
    printInvoice(ctx, service, service.get(requiredPositional(cl, 0, QStringLiteral("the invoice id or number"))));
    return Success;
}

int invoicesUpcoming(CliContext &ctx, const QString &, const QStringList &args)
{
    CommandLine cl(QStringLiteral("invoices upcoming"), {QStringLiteral("SUBSCRIPTION_ID")});
    Paging page(cl);
    cl.parse(args);
    if (cl.helpRequested())
        return help(ctx, cl);
    page.read(cl);
    InvoiceService service(ctx.company(), ctx.clock());
    const QList<Invoice> all = InvoiceRunService(ctx.company(), ctx.clock()).upcoming(requiredPositional(cl, 0, QStringLiteral("the subscription id")));
    // Previews are stored nowhere and have no id: they page by position, in period order.
    const QList<Invoice> list = all.mid(std::min(page.offset(), all.size()), page.limit() > 0 ? page.limit() : -1);
    page.setTotal(list.size(), all.size());
    if (ctx.json()) {
        QJsonArray data;
        for (const Invoice &i : list)
            data.append(i.toJson());
        page.printJson(ctx, data);
    } else {
        for (const Invoice &i : list) {
            printInvoice(ctx, service, i);
            ctx.out() << "\n";
        }
        if (all.isEmpty())
            ctx.out() << "Nothing more to invoice for this subscription.\n";
        page.printMore(ctx.out());
    }
    return Success;
}

int invoicesIssue(CliContext &ctx, const QString &, const QStringList &args)
{
    // `--all-due DATE` issues every draft dated up to then instead of one by id.
    const bool all = args.contains(QStringLiteral("--all-due"))
                     || std::any_of(args.begin(), args.end(), [](const QString &a) { return a.startsWith(QLatin1String("--all-due=")); });
    CommandLine cl(QStringLiteral("invoices issue"), all ? QStringList() : QStringList{QStringLiteral("ID")});
    cl.addOption(QStringLiteral("invoice-date"), QStringLiteral("YYYY-MM-DD"), QStringLiteral("Replace the draft's invoice date."));
    cl.addOption(QStringLiteral("all-due"), QStringLiteral("YYYY-MM-DD"), QStringLiteral("Instead of one: every draft dated on or before."));
    cl.parse(args);
    if (cl.helpRequested())
        return help(ctx, cl);
    InvoiceService service(ctx.company(), ctx.clock());
    if (cl.isSet(QStringLiteral("all-due"))) {
        printInvoices(ctx, service.issueAll(*dateOption(cl, QStringLiteral("all-due"), true)));
        return Success;
    }
    printInvoice(ctx, service, service.issue(requiredPositional(cl, 0, QStringLiteral("the invoice id")), dateOption(cl, QStringLiteral("invoice-date"))));
    return Success;
}

int invoicesVoid(CliContext &ctx, const QString &, const QStringList &args)
{
    CommandLine cl(QStringLiteral("invoices void"), {QStringLiteral("ID")});
    cl.addOption(QStringLiteral("reason"), QStringLiteral("TEXT"), QStringLiteral("Why (kept with the invoice and in the audit trail)."));
    cl.parse(args);
    if (cl.helpRequested())
        return help(ctx, cl);
    InvoiceService service(ctx.company(), ctx.clock());
    printInvoice(ctx, service, service.voidInvoice(requiredPositional(cl, 0, QStringLiteral("the invoice id or number")), cl.value(QStringLiteral("reason"))));
    return Success;
}

int invoicesMarkPaid(CliContext &ctx, const QString &verb, const QStringList &args)
{
    const bool full = verb == QLatin1String("mark-paid");
    CommandLine cl(QStringLiteral("invoices ") + verb, {QStringLiteral("ID")});
    if (!full) {
        cl.addOption(QStringLiteral("amount"), QStringLiteral("X"), QStringLiteral("The amount received (more than due goes to the balance)."));
        cl.addOption(QStringLiteral("reference"), QStringLiteral("R"), QStringLiteral("Bank or processor reference, recorded once."));
        cl.addOption(QStringLiteral("method"), QStringLiteral("M"), QStringLiteral("How it was paid (default manual)."));
    }
    cl.addOption(QStringLiteral("date"), QStringLiteral("YYYY-MM-DD"), QStringLiteral("When it was paid (default today)."));
    cl.addOption(QStringLiteral("memo"), QStringLiteral("TEXT"), QStringLiteral("A note."));
    cl.parse(args);
    if (cl.helpRequested())
        return help(ctx, cl);
    InvoiceService service(ctx.company(), ctx.clock());
    const QString id = requiredPositional(cl, 0, QStringLiteral("the invoice id or number"));
    const QDate on = dateOption(cl, QStringLiteral("date")).value_or(today(ctx));
    const Payment p = full ? service.markPaid(id, on, cl.value(QStringLiteral("memo")))
                           : service.pay(id, *decimalOption(cl, QStringLiteral("amount"), true), on,
                                         cl.isSet(QStringLiteral("method")) ? cl.value(QStringLiteral("method")) : QStringLiteral("manual"),
                                         cl.value(QStringLiteral("reference")), cl.value(QStringLiteral("memo")));
    if (const QString warning = StripeInvoiceState::manualPaymentWarning(ctx.company().db(), p.invoiceId); !warning.isEmpty())
        ctx.err() << "warning: " << warning << Qt::endl;
    if (ctx.json()) {
        QJsonObject o = p.toJson();
        o.insert(QStringLiteral("invoice"), service.get(p.invoiceId).toJson());
        ctx.printJson(o);
    } else {
        const Invoice i = service.get(p.invoiceId);
        ctx.out() << "Recorded " << moneyText(p.amount, p.currency) << " " << p.currency << " on " << nameOf(i) << ": now " << toText(i.status) << ", "
                  << moneyText(i.amountRemaining(), i.currency) << " remaining\n";
    }
    return Success;
}

int invoicesCreate(CliContext &ctx, const QString &, const QStringList &args)
{
    CommandLine cl(QStringLiteral("invoices create"));
    cl.addOption(QStringLiteral("customer"), QStringLiteral("C"), QStringLiteral("Customer id or external id."));
    cl.addOption(QStringLiteral("line"), QStringLiteral("NAME|QTY|UNIT[|ITEM]"), QStringLiteral("A line; repeatable."));
    cl.addOption(QStringLiteral("date"), QStringLiteral("YYYY-MM-DD"), QStringLiteral("Invoice date (default today)."));
    cl.addOption(QStringLiteral("memo"), QStringLiteral("TEXT"), QStringLiteral("Memo."));
    cl.addOption(QStringLiteral("net-terms"), QStringLiteral("DAYS"), QStringLiteral("Days until due."));
    cl.parse(args);
    if (cl.helpRequested())
        return help(ctx, cl);
    InvoiceService service(ctx.company(), ctx.clock());
    QList<OneOffLine> lines;
    for (const QString &spec : cl.values(QStringLiteral("line"))) {
        const QStringList parts = spec.split(QLatin1Char('|'));
        const auto qty = parts.size() >= 3 ? Decimal::tryParse(parts[1].trimmed()) : std::nullopt;
        const auto unit = parts.size() >= 3 ? Decimal::tryParse(parts[2].trimmed()) : std::nullopt;
        if (!qty || !unit || parts.size() > 4)
            throw CliError(InvalidInput, QStringLiteral("--line: \"%1\" must be NAME|QUANTITY|UNIT_AMOUNT[|ITEM]").arg(spec));
        lines.append({parts[0], *qty, *unit, parts.value(3).trimmed()});
    }
    printInvoice(ctx, service,
                 service.createOneOff(requiredOption(cl, QStringLiteral("customer")), lines, dateOption(cl, QStringLiteral("date")),
                                      cl.value(QStringLiteral("memo")), intOption(cl, QStringLiteral("net-terms"))));
    return Success;
}

int invoicesDelete(CliContext &ctx, const QString &, const QStringList &args)
{
    CommandLine cl(QStringLiteral("invoices delete"), {QStringLiteral("ID")});
    cl.parse(args);
    if (cl.helpRequested())
        return help(ctx, cl);
    InvoiceService service(ctx.company(), ctx.clock());
    const QString id = requiredPositional(cl, 0, QStringLiteral("the draft's id"));
    service.deleteDraft(id);
    if (ctx.json())
        ctx.printJson({{QStringLiteral("id"), id}, {QStringLiteral("deleted"), true}});
    else
        ctx.out() << "Deleted draft " << id << "\n";
    return Success;
}

void printNote(CliContext &ctx, const CreditNote &n)
{
    if (ctx.json()) {
        ctx.printJson(n.toJson());
        return;
    }
    ctx.out() << "Credit note " << n.number << " (" << n.kind << ") for invoice " << n.invoiceId << ": " << moneyText(n.total, n.currency) << " " << n.currency
              << " (tax " << moneyText(n.taxTotal, n.currency) << ") — " << n.reason << "\n";
}

int creditNotesCommand(CliContext &ctx, const QString &verb, const QStringList &args)
{
    // Made when first used, after the verb parsed its arguments: `--help` needs no company file.
    std::optional<InvoiceService> made;
    auto service = [&]() -> InvoiceService & {
        if (!made)
            made.emplace(ctx.company(), ctx.clock());
        return *made;
    };
    if (verb == QLatin1String("create")) {
        CommandLine cl(QStringLiteral("credit-notes create"));
        cl.addOption(QStringLiteral("invoice"), QStringLiteral("ID"), QStringLiteral("The issued invoice (id or number)."));
        cl.addOption(QStringLiteral("line"), QStringLiteral("POSITION=AMOUNT"),
                     QStringLiteral("Credit this much of a line (tax included); repeatable. "
                                    "Without: everything left on every line."));
        cl.addOption(QStringLiteral("reason"), QStringLiteral("TEXT"), QStringLiteral("Why."));
        cl.addOption(QStringLiteral("type"), QStringLiteral("refund|adjustment"),
                     QStringLiteral("Money paid back, or credit to the balance (default adjustment)."));
        cl.addOption(QStringLiteral("memo"), QStringLiteral("TEXT"), QStringLiteral("A note printed on it."));
        cl.parse(args);
        if (cl.helpRequested())
            return help(ctx, cl);
        QList<CreditNoteRequestLine> lines;
        for (const QString &spec : cl.values(QStringLiteral("line"))) {
            const qsizetype eq = spec.indexOf(QLatin1Char('='));
            bool ok = false;
            const int position = spec.left(eq).toInt(&ok);
            const auto amount = eq > 0 ? Decimal::tryParse(spec.mid(eq + 1)) : std::nullopt;
            if (!ok || !amount)
                throw CliError(InvalidInput, QStringLiteral("--line: \"%1\" must be POSITION=AMOUNT (positions as in invoices show)").arg(spec));
            lines.append({position, *amount});
        }
        printNote(ctx, service().createCreditNote(requiredOption(cl, QStringLiteral("invoice")), lines, requiredOption(cl, QStringLiteral("reason")),
                                                  cl.isSet(QStringLiteral("type")) ? cl.value(QStringLiteral("type")) : QStringLiteral("adjustment"),
                                                  cl.value(QStringLiteral("memo"))));
        return Success;
    }
    if (verb == QLatin1String("list")) {
        CommandLine cl(QStringLiteral("credit-notes list"));
        cl.addOption(QStringLiteral("invoice"), QStringLiteral("ID"), QStringLiteral("Only this invoice's."));
        Paging page(cl);
        cl.parse(args);
        if (cl.helpRequested())
            return help(ctx, cl);
        page.read(cl);
        const QList<CreditNote> notes = page.slice(service().creditNotes(cl.value(QStringLiteral("invoice"))), [](const CreditNote &n) { return n.id; });
        if (ctx.json()) {
            QJsonArray data;
            for (const CreditNote &n : notes)
                data.append(n.toJson());
            page.printJson(ctx, data);
            return Success;
        }
        TablePrinter t({QStringLiteral("NUMBER"), QStringLiteral("INVOICE"), QStringLiteral("TYPE"), QStringLiteral("TOTAL"), QStringLiteral("REASON")});
        t.alignRight(3);
        for (const CreditNote &n : notes)
            t.addRow({n.number, n.invoiceId, n.kind, moneyText(n.total, n.currency) + QLatin1Char(' ') + n.currency, n.reason});
        t.print(ctx.out());
        ctx.out() << notes.size() << (notes.size() == 1 ? " credit note\n" : " credit notes\n");
        page.printMore(ctx.out());
        return Success;
    }
    if (verb == QLatin1String("show")) {
        CommandLine cl(QStringLiteral("credit-notes show"), {QStringLiteral("ID")});
        cl.parse(args);
        if (cl.helpRequested())
            return help(ctx, cl);
        printNote(ctx, service().creditNote(requiredPositional(cl, 0, QStringLiteral("the credit note id or number"))));
        return Success;
    }
    if (verb == QLatin1String("pdf"))
        return creditNotesPdf(ctx, args);
    throw CliError(InvalidInput, QStringLiteral("credit-notes: unknown verb \"%1\" (create, list, show, pdf)").arg(verb));
}

const CommandRegistry::Registrar invoicesNoun(
    "invoices", "run | list | show | upcoming | issue | void | mark-paid | pay | create | delete | pdf | export | send", 71,
    {{QStringLiteral("run"), {}, QStringLiteral("Create the draft invoices every subscription is due by a date (an invoice run)."), &invoicesRun},
     {QStringLiteral("list"), {}, QStringLiteral("List invoices, oldest first, filtered by status, customer, subscription or date."), &invoicesList},
     {QStringLiteral("show"), QStringLiteral("ID"), QStringLiteral("Show one invoice with its lines, taxes, payments and credit notes."), &invoicesShow},
     {QStringLiteral("upcoming"), QStringLiteral("SUBSCRIPTION_ID"), QStringLiteral("Preview the invoices a subscription will get next, storing nothing."),
      &invoicesUpcoming},
     {QStringLiteral("issue"), QStringLiteral("ID"), QStringLiteral("Issue a draft: give it its number and due date, and make it immutable."), &invoicesIssue},
     {QStringLiteral("void"), QStringLiteral("ID"), QStringLiteral("Void an issued invoice, giving back the balance and credits it used."), &invoicesVoid},
     {QStringLiteral("mark-paid"), QStringLiteral("ID"), QStringLiteral("Record a payment of everything the invoice still asks for."), &invoicesMarkPaid},
     {QStringLiteral("pay"), QStringLiteral("ID"), QStringLiteral("Record a payment of an amount against an invoice."), &invoicesMarkPaid},
     {QStringLiteral("create"), {}, QStringLiteral("Create a one-off draft invoice from lines given on the command line."), &invoicesCreate},
     {QStringLiteral("delete"), QStringLiteral("ID"), QStringLiteral("Delete a draft invoice (a run composes a subscription's draft again)."), &invoicesDelete},
     {QStringLiteral("pdf"), QStringLiteral("[ID]"), QStringLiteral("Write an invoice, or every invoice of a filter, as PDF."),
      [](CliContext &ctx, const QString &, const QStringList &args) { return invoicesPdf(ctx, args); }},
     {QStringLiteral("export"), QStringLiteral("ID"), QStringLiteral("Write an issued invoice or a credit note as an EN 16931 e-invoice (UBL or CII)."),
      [](CliContext &ctx, const QString &, const QStringList &args) { return invoicesExport(ctx, args); }},
     {QStringLiteral("send"), QStringLiteral("[ID]"), QStringLiteral("E-mail an invoice, or every invoice of a status, with its PDF attached."),
      [](CliContext &ctx, const QString &, const QStringList &args) { return invoicesSend(ctx, args); }}});
const CommandRegistry::Registrar
    creditNotesNoun("credit-notes", &creditNotesCommand, "create | list | show | pdf", 72,
                    {{QStringLiteral("create"), {}, QStringLiteral("Credit an issued or paid invoice, wholly or line by line, as a refund or an adjustment.")},
                     {QStringLiteral("list"), {}, QStringLiteral("List credit notes, of one invoice or all.")},
                     {QStringLiteral("show"), QStringLiteral("ID"), QStringLiteral("Show one credit note.")},
                     {QStringLiteral("pdf"), QStringLiteral("NOTE"), QStringLiteral("Write a credit note as PDF.")}});

} // namespace

} // namespace orb::cli
