// SPDX-License-Identifier: GPL-3.0-or-later
// orbctl nouns of the ledgers and billing set-up: balance show | adjust, credits add | list,
// coupons create | list | edit | archive | unarchive | delete,
// tax-rates create | list | edit | assign | unassign | archive | unarchive | delete.
#include "app/cli/BillingArgs.h"
#include "app/cli/CliContext.h"
#include "app/cli/CommandRegistry.h"
#include "app/cli/Paging.h"
#include "app/cli/TablePrinter.h"
#include "engine/Clock.h"
#include "engine/billing/BillingSchedule.h"
#include "models/CompanyFile.h"
#include "models/Timestamps.h"
#include "models/billing/BillingSetupService.h"
#include "models/billing/LedgerService.h"

#include <QJsonArray>
#include <QTimeZone>

#include <optional>

namespace orb::cli {

namespace {

int help(CliContext &ctx, const CommandLine &cl)
{
    ctx.out() << cl.helpText();
    return Success;
}

int balanceCommand(CliContext &ctx, const QString &verb, const QStringList &args)
{
    // Made when first used, after the verb parsed its arguments: `--help` needs no company file.
    std::optional<LedgerService> made;
    auto service = [&]() -> LedgerService & {
        if (!made)
            made.emplace(ctx.company(), ctx.clock());
        return *made;
    };
    if (verb == QLatin1String("show")) {
        CommandLine cl(QStringLiteral("balance show"), {QStringLiteral("CUSTOMER")});
        cl.parse(args);
        if (cl.helpRequested())
            return help(ctx, cl);
        const auto v = service().balance(requiredPositional(cl, 0, QStringLiteral("the customer")));
        if (ctx.json()) {
            ctx.printJson(v.toJson());
            return Success;
        }
        TablePrinter t({QStringLiteral("WHEN"), QStringLiteral("ACTION"), QStringLiteral("AMOUNT"), QStringLiteral("BALANCE"), QStringLiteral("DESCRIPTION")});
        t.alignRight(2);
        t.alignRight(3);
        for (const BalanceEntryRecord &e : v.entries)
            t.addRow({toApiTimestamp(e.createdAt), e.cause, moneyText(e.amount, e.currency), moneyText(e.balanceAfter, e.currency), e.description});
        t.print(ctx.out());
        ctx.out() << "Balance: " << moneyText(v.balance, v.currency) << " " << v.currency
                  << (v.balance.isPositive()   ? " (credit the customer holds)\n"
                      : v.balance.isNegative() ? " (owed by the customer)\n"
                                               : "\n");
        return Success;
    }
    if (verb == QLatin1String("adjust")) {
        CommandLine cl(QStringLiteral("balance adjust"), {QStringLiteral("CUSTOMER")});
        cl.addOption(QStringLiteral("amount"), QStringLiteral("X"), QStringLiteral("Positive credits the customer; negative charges."));
        cl.addOption(QStringLiteral("description"), QStringLiteral("TEXT"), QStringLiteral("Why (required)."));
        cl.parse(args);
        if (cl.helpRequested())
            return help(ctx, cl);
        const BalanceEntryRecord e = service().adjustBalance(requiredPositional(cl, 0, QStringLiteral("the customer")),
                                                             *decimalOption(cl, QStringLiteral("amount"), true), cl.value(QStringLiteral("description")));
        if (ctx.json())
            ctx.printJson(e.toJson());
        else
            ctx.out() << "Balance adjusted by " << moneyText(e.amount, e.currency) << ": now " << moneyText(e.balanceAfter, e.currency) << " " << e.currency
                      << "\n";
        return Success;
    }
    throw CliError(InvalidInput, QStringLiteral("balance: unknown verb \"%1\" (show, adjust)").arg(verb));
}

int creditsCommand(CliContext &ctx, const QString &verb, const QStringList &args)
{
    // Made when first used, after the verb parsed its arguments: `--help` needs no company file.
    std::optional<LedgerService> made;
    auto service = [&]() -> LedgerService & {
        if (!made)
            made.emplace(ctx.company(), ctx.clock());
        return *made;
    };
    if (verb == QLatin1String("add")) {
        CommandLine cl(QStringLiteral("credits add"), {QStringLiteral("CUSTOMER")});
        cl.addOption(QStringLiteral("amount"), QStringLiteral("X"), QStringLiteral("Credits (1 credit = 1 unit of the customer's currency)."));
        cl.addOption(QStringLiteral("cost-basis"), QStringLiteral("X"), QStringLiteral("What the customer paid per credit (default 0: free)."));
        cl.addOption(QStringLiteral("effective"), QStringLiteral("YYYY-MM-DD"), QStringLiteral("Usable from (default today)."));
        cl.addOption(QStringLiteral("expires"), QStringLiteral("YYYY-MM-DD"), QStringLiteral("Not usable from this date on."));
        cl.addOption(QStringLiteral("description"), QStringLiteral("TEXT"), QStringLiteral("A note."));
        cl.parse(args);
        if (cl.helpRequested())
            return help(ctx, cl);
        const QDate today = billing::BillingSchedule::localDate(ctx.clock().now(), QTimeZone(ctx.company().settings().timezone.toUtf8()));
        const CreditBlockRecord b = service().addCredits(
            requiredPositional(cl, 0, QStringLiteral("the customer")), *decimalOption(cl, QStringLiteral("amount"), true),
            decimalOption(cl, QStringLiteral("cost-basis")).value_or(Decimal(0)), dateOption(cl, QStringLiteral("effective")).value_or(today),
            dateOption(cl, QStringLiteral("expires")), cl.value(QStringLiteral("description")));
        if (ctx.json())
            ctx.printJson(b.toJson());
        else
            ctx.out() << "Added " << moneyText(b.amount, b.currency) << " credits (block " << b.id << ")\n";
        return Success;
    }
    if (verb == QLatin1String("list")) {
        CommandLine cl(QStringLiteral("credits list"), {QStringLiteral("CUSTOMER")});
        Paging page(cl);
        cl.parse(args);
        if (cl.helpRequested())
            return help(ctx, cl);
        page.read(cl);
        const QList<CreditBlockRecord> blocks =
            page.slice(service().credits(requiredPositional(cl, 0, QStringLiteral("the customer"))), [](const CreditBlockRecord &b) { return b.id; });
        if (ctx.json()) {
            QJsonArray data;
            for (const CreditBlockRecord &b : blocks)
                data.append(b.toJson());
            page.printJson(ctx, data);
            return Success;
        }
        TablePrinter t({QStringLiteral("BLOCK"), QStringLiteral("EFFECTIVE"), QStringLiteral("EXPIRES"), QStringLiteral("COST BASIS"), QStringLiteral("AMOUNT"),
                        QStringLiteral("LEFT")});
        t.alignRight(4);
        t.alignRight(5);
        for (const CreditBlockRecord &b : blocks)
            t.addRow({b.id, dateText(b.effectiveDate), b.expiryDate ? dateText(*b.expiryDate) : QString(), b.costBasis.toCanonicalString(),
                      moneyText(b.amount, b.currency), moneyText(b.remaining, b.currency)});
        t.print(ctx.out());
        page.printMore(ctx.out());
        return Success;
    }
    throw CliError(InvalidInput, QStringLiteral("credits: unknown verb \"%1\" (add, list)").arg(verb));
}

int couponsCommand(CliContext &ctx, const QString &verb, const QStringList &args)
{
    // Made when first used, after the verb parsed its arguments: `--help` needs no company file.
    std::optional<BillingSetupService> made;
    auto service = [&]() -> BillingSetupService & {
        if (!made)
            made.emplace(ctx.company(), ctx.clock());
        return *made;
    };
    if (verb == QLatin1String("create")) {
        CommandLine cl(QStringLiteral("coupons create"));
        cl.addOption(QStringLiteral("code"), QStringLiteral("CODE"), QStringLiteral("Redemption code."));
        cl.addOption(QStringLiteral("percentage"), QStringLiteral("P"), QStringLiteral("Percentage off: 15% or 0.15."));
        cl.addOption(QStringLiteral("amount"), QStringLiteral("X"), QStringLiteral("Amount off each invoice."));
        cl.addOption(QStringLiteral("duration-months"), QStringLiteral("N"), QStringLiteral("For N months from redemption (default: forever)."));
        cl.addOption(QStringLiteral("max-redemptions"), QStringLiteral("N"), QStringLiteral("At most N subscriptions."));
        cl.parse(args);
        if (cl.helpRequested())
            return help(ctx, cl);
        if (cl.isSet(QStringLiteral("percentage")) == cl.isSet(QStringLiteral("amount")))
            throw CliError(InvalidInput, QStringLiteral("coupons create: give exactly one of --percentage or --amount"));
        const bool pct = cl.isSet(QStringLiteral("percentage"));
        const CouponRecord c = service().createCoupon(requiredOption(cl, QStringLiteral("code")), pct ? QStringLiteral("percentage") : QStringLiteral("amount"),
                                                      cl.value(pct ? QStringLiteral("percentage") : QStringLiteral("amount")),
                                                      intOption(cl, QStringLiteral("duration-months")), intOption(cl, QStringLiteral("max-redemptions")));
        if (ctx.json())
            ctx.printJson(c.toJson());
        else
            ctx.out() << "Created coupon " << c.code << " (" << c.id << ")\n";
        return Success;
    }
    if (verb == QLatin1String("list")) {
        CommandLine cl(QStringLiteral("coupons list"));
        Paging page(cl);
        cl.parse(args);
        if (cl.helpRequested())
            return help(ctx, cl);
        page.read(cl);
        const QList<CouponRecord> coupons = page.slice(service().coupons(), [](const CouponRecord &c) { return c.id; });
        if (ctx.json()) {
            QJsonArray data;
            for (const CouponRecord &c : coupons)
                data.append(c.toJson());
            page.printJson(ctx, data);
            return Success;
        }
        TablePrinter t({QStringLiteral("CODE"), QStringLiteral("DISCOUNT"), QStringLiteral("MONTHS"), QStringLiteral("REDEEMED"), QStringLiteral("ID")});
        for (const CouponRecord &c : coupons)
            t.addRow({c.code + (c.archivedAt.isValid() ? QStringLiteral(" (archived)") : QString()),
                      c.discountType == QLatin1String("percentage") ? (c.value * Decimal(100)).normalized().toString() + QLatin1Char('%') : c.value.toString(),
                      c.durationMonths ? QString::number(*c.durationMonths) : QStringLiteral("forever"),
                      QString::number(c.redemptions) + (c.maxRedemptions ? QStringLiteral(" / %1").arg(*c.maxRedemptions) : QString()), c.id});
        t.print(ctx.out());
        page.printMore(ctx.out());
        return Success;
    }
    if (verb == QLatin1String("archive")) {
        CommandLine cl(QStringLiteral("coupons archive"), {QStringLiteral("CODE")});
        cl.parse(args);
        if (cl.helpRequested())
            return help(ctx, cl);
        const CouponRecord c = service().archiveCoupon(requiredPositional(cl, 0, QStringLiteral("the coupon")));
        if (ctx.json())
            ctx.printJson(c.toJson());
        else
            ctx.out() << "Archived coupon " << c.code << "\n";
        return Success;
    }
    if (verb == QLatin1String("edit")) {
        CommandLine cl(QStringLiteral("coupons edit"), {QStringLiteral("CODE")});
        cl.addOption(QStringLiteral("code"), QStringLiteral("CODE"), QStringLiteral("New redemption code."));
        cl.addOption(QStringLiteral("percentage"), QStringLiteral("P"), QStringLiteral("Percentage off: 15% or 0.15."));
        cl.addOption(QStringLiteral("amount"), QStringLiteral("X"), QStringLiteral("Amount off each invoice."));
        cl.addOption(QStringLiteral("duration-months"), QStringLiteral("N"), QStringLiteral("For N months from redemption (0: forever)."));
        cl.addOption(QStringLiteral("max-redemptions"), QStringLiteral("N"), QStringLiteral("At most N subscriptions (0: no limit)."));
        cl.parse(args);
        if (cl.helpRequested())
            return help(ctx, cl);
        if (cl.isSet(QStringLiteral("percentage")) && cl.isSet(QStringLiteral("amount")))
            throw CliError(InvalidInput, QStringLiteral("coupons edit: give at most one of --percentage or --amount"));
        // What is not given stays as it is.
        const CouponRecord now = service().coupon(requiredPositional(cl, 0, QStringLiteral("the coupon")));
        QString type = now.discountType, value = now.value.toCanonicalString();
        for (const QString &t : {QStringLiteral("percentage"), QStringLiteral("amount")})
            if (cl.isSet(t)) {
                type = t;
                value = cl.value(t);
            }
        auto count = [&](const QString &name, std::optional<int> current) {
            const auto n = intOption(cl, name);
            return !n ? current : *n == 0 ? std::nullopt : n;
        };
        const CouponRecord c =
            service().editCoupon(now.id, cl.isSet(QStringLiteral("code")) ? cl.value(QStringLiteral("code")) : now.code, type, value,
                                 count(QStringLiteral("duration-months"), now.durationMonths), count(QStringLiteral("max-redemptions"), now.maxRedemptions));
        if (ctx.json())
            ctx.printJson(c.toJson());
        else
            ctx.out() << "Changed coupon " << c.code << "\n";
        return Success;
    }
    if (verb == QLatin1String("unarchive") || verb == QLatin1String("delete")) {
        CommandLine cl(QStringLiteral("coupons ") + verb, {QStringLiteral("CODE")});
        cl.parse(args);
        if (cl.helpRequested())
            return help(ctx, cl);
        const QString reference = requiredPositional(cl, 0, QStringLiteral("the coupon"));
        if (verb == QLatin1String("delete")) {
            const CouponRecord c = service().coupon(reference);
            service().deleteCoupon(c.id);
            if (ctx.json())
                ctx.printJson(QJsonObject{{QStringLiteral("id"), c.id}, {QStringLiteral("deleted"), true}});
            else
                ctx.out() << "Deleted coupon " << c.code << "\n";
            return Success;
        }
        const CouponRecord c = service().unarchiveCoupon(reference);
        if (ctx.json())
            ctx.printJson(c.toJson());
        else
            ctx.out() << "Unarchived coupon " << c.code << "\n";
        return Success;
    }
    throw CliError(InvalidInput, QStringLiteral("coupons: unknown verb \"%1\" (create, list, edit, archive, unarchive, delete)").arg(verb));
}

int taxRatesCommand(CliContext &ctx, const QString &verb, const QStringList &args)
{
    // Made when first used, after the verb parsed its arguments: `--help` needs no company file.
    std::optional<BillingSetupService> made;
    auto service = [&]() -> BillingSetupService & {
        if (!made)
            made.emplace(ctx.company(), ctx.clock());
        return *made;
    };
    auto print = [&](const TaxRateRecord &r) {
        if (ctx.json())
            ctx.printJson(r.toJson());
        else
            ctx.out() << "Tax rate " << r.name << " " << r.percentage.toString() << "% (" << r.id << "): " << r.customerIds.size() << " customers, "
                      << r.itemIds.size() << " items\n";
    };
    if (verb == QLatin1String("create")) {
        CommandLine cl(QStringLiteral("tax-rates create"));
        cl.addOption(QStringLiteral("name"), QStringLiteral("NAME"), QStringLiteral("Shown on invoices (\"VAT 20%\")."));
        cl.addOption(QStringLiteral("percentage"), QStringLiteral("P"), QStringLiteral("8.25 for 8.25%."));
        cl.parse(args);
        if (cl.helpRequested())
            return help(ctx, cl);
        print(service().createTaxRate(requiredOption(cl, QStringLiteral("name")), requiredOption(cl, QStringLiteral("percentage"))));
        return Success;
    }
    if (verb == QLatin1String("assign")) {
        CommandLine cl(QStringLiteral("tax-rates assign"), {QStringLiteral("RATE")});
        cl.addOption(QStringLiteral("customer"), QStringLiteral("C"), QStringLiteral("Every line of this customer's invoices."));
        cl.addOption(QStringLiteral("item"), QStringLiteral("ITEM"), QStringLiteral("Every line of this item."));
        cl.parse(args);
        if (cl.helpRequested())
            return help(ctx, cl);
        print(service().assignTaxRate(requiredPositional(cl, 0, QStringLiteral("the tax rate")), cl.value(QStringLiteral("customer")),
                                      cl.value(QStringLiteral("item"))));
        return Success;
    }
    if (verb == QLatin1String("list")) {
        CommandLine cl(QStringLiteral("tax-rates list"));
        Paging page(cl);
        cl.parse(args);
        if (cl.helpRequested())
            return help(ctx, cl);
        page.read(cl);
        const QList<TaxRateRecord> rates = page.slice(service().taxRates(), [](const TaxRateRecord &r) { return r.id; });
        if (ctx.json()) {
            QJsonArray data;
            for (const TaxRateRecord &r : rates)
                data.append(r.toJson());
            page.printJson(ctx, data);
            return Success;
        }
        TablePrinter t({QStringLiteral("NAME"), QStringLiteral("PERCENTAGE"), QStringLiteral("CUSTOMERS"), QStringLiteral("ITEMS"), QStringLiteral("ID")});
        for (const TaxRateRecord &r : rates)
            t.addRow({r.name, r.percentage.toString() + QLatin1Char('%'), QString::number(r.customerIds.size()), QString::number(r.itemIds.size()), r.id});
        t.print(ctx.out());
        page.printMore(ctx.out());
        return Success;
    }
    if (verb == QLatin1String("edit")) {
        CommandLine cl(QStringLiteral("tax-rates edit"), {QStringLiteral("RATE")});
        cl.addOption(QStringLiteral("name"), QStringLiteral("NAME"), QStringLiteral("New name, shown on invoices."));
        cl.addOption(QStringLiteral("percentage"), QStringLiteral("P"),
                     QStringLiteral("8.25 for 8.25%: drafts take it at the next run, issued invoices keep theirs."));
        cl.parse(args);
        if (cl.helpRequested())
            return help(ctx, cl);
        const TaxRateRecord now = service().taxRate(requiredPositional(cl, 0, QStringLiteral("the tax rate")));
        print(service().editTaxRate(now.id, cl.isSet(QStringLiteral("name")) ? cl.value(QStringLiteral("name")) : now.name,
                                    cl.isSet(QStringLiteral("percentage")) ? cl.value(QStringLiteral("percentage")) : now.percentage.toCanonicalString()));
        return Success;
    }
    if (verb == QLatin1String("unassign")) {
        CommandLine cl(QStringLiteral("tax-rates unassign"), {QStringLiteral("RATE")});
        cl.addOption(QStringLiteral("customer"), QStringLiteral("C"), QStringLiteral("The customer to take it off."));
        cl.addOption(QStringLiteral("item"), QStringLiteral("ITEM"), QStringLiteral("The item to take it off."));
        cl.parse(args);
        if (cl.helpRequested())
            return help(ctx, cl);
        print(service().unassignTaxRate(requiredPositional(cl, 0, QStringLiteral("the tax rate")), cl.value(QStringLiteral("customer")),
                                        cl.value(QStringLiteral("item"))));
        return Success;
    }
    if (verb == QLatin1String("archive") || verb == QLatin1String("unarchive") || verb == QLatin1String("delete")) {
        CommandLine cl(QStringLiteral("tax-rates ") + verb, {QStringLiteral("RATE")});
        cl.parse(args);
        if (cl.helpRequested())
            return help(ctx, cl);
        const QString reference = requiredPositional(cl, 0, QStringLiteral("the tax rate"));
        if (verb == QLatin1String("delete")) {
            const TaxRateRecord r = service().taxRate(reference);
            service().deleteTaxRate(r.id);
            if (ctx.json())
                ctx.printJson(QJsonObject{{QStringLiteral("id"), r.id}, {QStringLiteral("deleted"), true}});
            else
                ctx.out() << "Deleted tax rate " << r.name << "\n";
            return Success;
        }
        print(verb == QLatin1String("archive") ? service().archiveTaxRate(reference) : service().unarchiveTaxRate(reference));
        return Success;
    }
    throw CliError(InvalidInput, QStringLiteral("tax-rates: unknown verb \"%1\" (create, list, edit, assign, unassign, archive, unarchive, delete)").arg(verb));
}

const CommandRegistry::Registrar
    balanceNoun("balance", &balanceCommand, "show | adjust", 73,
                {{QStringLiteral("show"), QStringLiteral("CUSTOMER"), QStringLiteral("Show a customer's balance and its ledger.")},
                 {QStringLiteral("adjust"), QStringLiteral("CUSTOMER"), QStringLiteral("Add to or take from a customer's balance, with a reason.")}});
const CommandRegistry::Registrar
    creditsNoun("credits", &creditsCommand, "add | list", 74,
                {{QStringLiteral("add"), QStringLiteral("CUSTOMER"), QStringLiteral("Give a customer a block of prepaid credits.")},
                 {QStringLiteral("list"), QStringLiteral("CUSTOMER"), QStringLiteral("List a customer's credit blocks and what is left of each.")}});
const CommandRegistry::Registrar
    couponsNoun("coupons", &couponsCommand, "create | list | edit | archive | unarchive | delete", 75,
                {{QStringLiteral("create"), {}, QStringLiteral("Create a coupon: an amount or percentage off, for a number of periods.")},
                 {QStringLiteral("list"), {}, QStringLiteral("List the coupons and how often each was redeemed.")},
                 {QStringLiteral("edit"), QStringLiteral("CODE"), QStringLiteral("Change a coupon's terms (once redeemed, only its redemptions allowed).")},
                 {QStringLiteral("archive"), QStringLiteral("CODE"), QStringLiteral("Archive a coupon so it can no longer be redeemed.")},
                 {QStringLiteral("unarchive"), QStringLiteral("CODE"), QStringLiteral("Let an archived coupon be redeemed again.")},
                 {QStringLiteral("delete"), QStringLiteral("CODE"), QStringLiteral("Delete a coupon that was never redeemed.")}});
const CommandRegistry::Registrar
    taxRatesNoun("tax-rates", &taxRatesCommand, "create | list | edit | assign | unassign | archive | unarchive | delete", 76,
                 {{QStringLiteral("create"), {}, QStringLiteral("Create a tax rate.")},
                  {QStringLiteral("list"), {}, QStringLiteral("List the tax rates and whom they apply to.")},
                  {QStringLiteral("edit"), QStringLiteral("RATE"), QStringLiteral("Rename a tax rate or change its percentage.")},
                  {QStringLiteral("assign"), QStringLiteral("RATE"), QStringLiteral("Apply a tax rate to customers or items.")},
                  {QStringLiteral("unassign"), QStringLiteral("RATE"), QStringLiteral("Take a tax rate off a customer or an item.")},
                  {QStringLiteral("archive"), QStringLiteral("RATE"), QStringLiteral("Stop applying a tax rate to invoices composed from now on.")},
                  {QStringLiteral("unarchive"), QStringLiteral("RATE"), QStringLiteral("Apply an archived tax rate again.")},
                  {QStringLiteral("delete"), QStringLiteral("RATE"), QStringLiteral("Delete a tax rate that was never assigned.")}});

} // namespace

} // namespace orb::cli
