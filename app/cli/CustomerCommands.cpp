// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CliContext.h"
#include "app/cli/CliError.h"
#include "app/cli/CommandLine.h"
#include "app/cli/CommandRegistry.h"
#include "app/cli/CustomerCsvCommands.h"
#include "app/cli/Paging.h"
#include "app/cli/TablePrinter.h"
#include "models/CompanyFile.h"
#include "models/CustomerService.h"
#include "models/Timestamps.h"

#include <QJsonArray>

#include <algorithm>
#include <limits>

namespace orb::cli {

namespace {

void addCustomerOptions(CommandLine &cl)
{
    cl.addOption(QStringLiteral("name"), QStringLiteral("N"), QStringLiteral("The customer's name."));
    cl.addOption(QStringLiteral("external-id"), QStringLiteral("X"), QStringLiteral("Your id for the customer (external_customer_id, unique)."));
    cl.addOption(QStringLiteral("email"), QStringLiteral("E"), QStringLiteral("Billing e-mail address."));
    cl.addOption(QStringLiteral("currency"), QStringLiteral("C"), QStringLiteral("Currency (ISO 4217); can be set once."));
    cl.addOption(QStringLiteral("timezone"), QStringLiteral("TZ"), QStringLiteral("IANA time zone; fixed after creation (default: the company's)."));
    cl.addOption(QStringLiteral("net-terms"), QStringLiteral("DAYS"), QStringLiteral("Days until invoices are due."));
    cl.addOption(QStringLiteral("language"), QStringLiteral("L"),
                 QStringLiteral("Language of the customer's documents (en, de, or with a territory: de_CH); empty: the company's."));
    for (const char *kind : {"billing", "shipping"}) {
        const QString k = QLatin1String(kind);
        cl.addOption(k + QStringLiteral("-line1"), QStringLiteral("TEXT"), k + QStringLiteral(" address line 1."));
        cl.addOption(k + QStringLiteral("-line2"), QStringLiteral("TEXT"), k + QStringLiteral(" address line 2."));
        cl.addOption(k + QStringLiteral("-city"), QStringLiteral("TEXT"), k + QStringLiteral(" address city."));
        cl.addOption(k + QStringLiteral("-state"), QStringLiteral("TEXT"), k + QStringLiteral(" address state."));
        cl.addOption(k + QStringLiteral("-postal-code"), QStringLiteral("TEXT"), k + QStringLiteral(" address postal code."));
        cl.addOption(k + QStringLiteral("-country"), QStringLiteral("CC"), k + QStringLiteral(" address country (ISO 3166 alpha-2)."));
    }
    cl.addOption(QStringLiteral("tax-id"), QStringLiteral("TYPE:COUNTRY:VALUE"), QStringLiteral("Tax id, e.g. eu_vat:DE:DE123456789."));
    cl.addOption(QStringLiteral("metadata"), QStringLiteral("KEY=VALUE"), QStringLiteral("Metadata (repeatable; an empty value removes the key)."));
}

std::optional<Address> addressFrom(const CommandLine &cl, const QString &kind, const Address &base)
{
    bool any = false;
    Address a = base;
    auto set = [&](const QString &suffix, QString &field) {
        const QString name = kind + suffix;
        if (cl.isSet(name)) {
            field = cl.value(name);
            any = true;
        }
    };
    set(QStringLiteral("-line1"), a.line1);
    set(QStringLiteral("-line2"), a.line2);
    set(QStringLiteral("-city"), a.city);
    set(QStringLiteral("-state"), a.state);
    set(QStringLiteral("-postal-code"), a.postalCode);
    set(QStringLiteral("-country"), a.country);
    if (!any)
        return std::nullopt;
    return a;
}

TaxId parseTaxId(const QString &text)
{
    if (text.isEmpty())
        return {};
    const QStringList parts = text.split(QLatin1Char(':'));
    if (parts.size() != 3)
        throw CliError(InvalidInput, QStringLiteral("--tax-id: \"%1\" must be TYPE:COUNTRY:VALUE, e.g. eu_vat:DE:DE123456789").arg(text));
    return {parts[1], parts[0], parts[2]};
}

std::optional<int> parseNetTerms(const QString &text)
{
    if (text.isEmpty())
        return std::nullopt;
    bool ok = false;
    const int n = text.toInt(&ok);
    if (!ok)
        throw CliError(InvalidInput, QStringLiteral("--net-terms: \"%1\" is not a whole number of days").arg(text));
    return n;
}

QMap<QString, QString> parseMetadata(const QStringList &pairs)
{
    QMap<QString, QString> m;
    for (const QString &p : pairs) {
        const qsizetype eq = p.indexOf(QLatin1Char('='));
        if (eq <= 0)
            throw CliError(InvalidInput, QStringLiteral("--metadata: \"%1\" must be KEY=VALUE").arg(p));
        m.insert(p.left(eq), p.mid(eq + 1));
    }
    return m;
}

void printCustomer(CliContext &ctx, const Customer &c)
{
    if (ctx.json()) {
        ctx.printJson(c.toJson());
        return;
    }
    QStringList meta;
    for (auto it = c.metadata.constBegin(); it != c.metadata.constEnd(); ++it)
        meta << it.key() + QLatin1Char('=') + it.value();
    printFields(ctx.out(),
                {{QStringLiteral("Id"), c.id},
                 {QStringLiteral("Name"), c.name},
                 {QStringLiteral("External id"), c.externalCustomerId},
                 {QStringLiteral("E-mail"), c.email},
                 {QStringLiteral("Currency"), c.currency.isEmpty() ? QStringLiteral("(not set)") : c.currency},
                 {QStringLiteral("Time zone"), c.timezone},
                 {QStringLiteral("Billing address"), c.billingAddress.lines().join(QStringLiteral(", "))},
                 {QStringLiteral("Shipping address"), c.shippingAddress.lines().join(QStringLiteral(", "))},
                 {QStringLiteral("Tax id"), c.taxId.isEmpty() ? QString() : c.taxId.type + QLatin1Char(' ') + c.taxId.value},
                 {QStringLiteral("Net terms"), c.netTerms ? QStringLiteral("%1 days").arg(*c.netTerms) : QStringLiteral("company default")},
                 {QStringLiteral("Document language"), c.documentLanguage.isEmpty() ? QStringLiteral("company default") : c.documentLanguage},
                 {QStringLiteral("Metadata"), meta.join(QStringLiteral(", "))},
                 {QStringLiteral("Created"), toApiTimestamp(c.createdAt)},
                 {QStringLiteral("Status"), c.isArchived() ? QStringLiteral("archived ") + toApiTimestamp(c.archivedAt) : QStringLiteral("active")}});
}

int help(CliContext &ctx, const CommandLine &cl)
{
    ctx.out() << cl.helpText();
    return Success;
}

} // namespace

int customersCreate(CliContext &ctx, const QString &, const QStringList &args)
{
    CommandLine cl(QStringLiteral("customers create"));
    addCustomerOptions(cl);
    cl.parse(args);
    if (cl.helpRequested())
        return help(ctx, cl);
    if (!cl.isSet(QStringLiteral("name")))
        throw CliError(InvalidInput, QStringLiteral("customers create: --name is required"));
    Customer c;
    c.name = cl.value(QStringLiteral("name"));
    c.externalCustomerId = cl.value(QStringLiteral("external-id"));
    c.email = cl.value(QStringLiteral("email"));
    c.currency = cl.value(QStringLiteral("currency"));
    c.timezone = cl.value(QStringLiteral("timezone"));
    c.netTerms = parseNetTerms(cl.value(QStringLiteral("net-terms")));
    c.documentLanguage = cl.value(QStringLiteral("language")).trimmed();
    c.billingAddress = addressFrom(cl, QStringLiteral("billing"), {}).value_or(Address{});
    c.shippingAddress = addressFrom(cl, QStringLiteral("shipping"), {}).value_or(Address{});
    c.taxId = parseTaxId(cl.value(QStringLiteral("tax-id")));
    c.metadata = parseMetadata(cl.values(QStringLiteral("metadata")));
    for (auto it = c.metadata.begin(); it != c.metadata.end();)
        it = it.value().isEmpty() ? c.metadata.erase(it) : std::next(it);
    CustomerService service(ctx.company(), ctx.clock());
    printCustomer(ctx, service.create(c));
    return Success;
}

int customersList(CliContext &ctx, const QString &, const QStringList &args)
{
    CommandLine cl(QStringLiteral("customers list"));
    cl.addOption(QStringLiteral("search"), QStringLiteral("TEXT"), QStringLiteral("Only customers whose name, external id or e-mail contains TEXT."));
    cl.addFlag(QStringLiteral("include-archived"), QStringLiteral("Include archived customers."));
    Paging page(cl);
    cl.parse(args);
    if (cl.helpRequested())
        return help(ctx, cl);
    page.read(cl);
    CustomerQuery q;
    q.search = cl.value(QStringLiteral("search"));
    q.includeArchived = cl.isSet(QStringLiteral("include-archived"));
    // By name, which a rename changes: this list pages by position.
    q.offset = int(std::min<qsizetype>(page.offset(), std::numeric_limits<int>::max()));
    // No limit: the rest of the list (the repository applies an offset only with a limit).
    q.limit = page.limit() > 0 ? page.limit() : (q.offset > 0 ? std::numeric_limits<int>::max() : -1);
    CustomerService service(ctx.company(), ctx.clock());
    const QList<Customer> customers = service.repository().list(q);
    page.setTotal(customers.size(), page.limit() > 0 ? service.repository().count(q) : q.offset + customers.size());
    if (ctx.json()) {
        QJsonArray data;
        for (const Customer &c : customers)
            data.append(c.toJson());
        page.printJson(ctx, data);
        return Success;
    }
    TablePrinter t({QStringLiteral("ID"), QStringLiteral("NAME"), QStringLiteral("EXTERNAL ID"), QStringLiteral("E-MAIL"), QStringLiteral("CURRENCY"),
                    QStringLiteral("TIME ZONE"), QStringLiteral("STATUS")});
    for (const Customer &c : customers)
        t.addRow({c.id, c.name, c.externalCustomerId, c.email, c.currency, c.timezone, c.isArchived() ? QStringLiteral("archived") : QStringLiteral("active")});
    t.print(ctx.out());
    ctx.out() << customers.size() << (customers.size() == 1 ? " customer" : " customers") << '\n';
    page.printMore(ctx.out());
    return Success;
}

int customersShow(CliContext &ctx, const QString &, const QStringList &args)
{
    CommandLine cl(QStringLiteral("customers show"), {QStringLiteral("CUSTOMER")});
    cl.parse(args);
    if (cl.helpRequested())
        return help(ctx, cl);
    CustomerService service(ctx.company(), ctx.clock());
    printCustomer(ctx, service.get(cl.positional(0)));
    return Success;
}

int customersUpdate(CliContext &ctx, const QString &, const QStringList &args)
{
    CommandLine cl(QStringLiteral("customers update"), {QStringLiteral("CUSTOMER")});
    addCustomerOptions(cl);
    cl.parse(args);
    if (cl.helpRequested())
        return help(ctx, cl);
    CustomerService service(ctx.company(), ctx.clock());
    const Customer current = service.get(cl.positional(0));
    CustomerPatch p;
    auto opt = [&](const char *name) -> std::optional<QString> {
        return cl.isSet(QLatin1String(name)) ? std::optional<QString>(cl.value(QLatin1String(name))) : std::nullopt;
    };
    p.name = opt("name");
    p.email = opt("email");
    p.externalCustomerId = opt("external-id");
    p.currency = opt("currency");
    p.timezone = opt("timezone");
    if (cl.isSet(QStringLiteral("net-terms")))
        p.netTerms = parseNetTerms(cl.value(QStringLiteral("net-terms")));
    p.documentLanguage = opt("language");
    p.billingAddress = addressFrom(cl, QStringLiteral("billing"), current.billingAddress);
    p.shippingAddress = addressFrom(cl, QStringLiteral("shipping"), current.shippingAddress);
    if (cl.isSet(QStringLiteral("tax-id")))
        p.taxId = parseTaxId(cl.value(QStringLiteral("tax-id")));
    if (cl.isSet(QStringLiteral("metadata")))
        p.metadata = parseMetadata(cl.values(QStringLiteral("metadata")));
    if (p.isEmpty())
        throw CliError(InvalidInput, QStringLiteral("customers update: nothing to change (give at least one option, see --help)"));
    printCustomer(ctx, service.update(cl.positional(0), p));
    return Success;
}

int customersArchive(CliContext &ctx, const QString &verb, const QStringList &args)
{
    CommandLine cl(QStringLiteral("customers ") + verb, {QStringLiteral("CUSTOMER")});
    cl.parse(args);
    if (cl.helpRequested())
        return help(ctx, cl);
    CustomerService service(ctx.company(), ctx.clock());
    if (verb == QLatin1String("delete")) {
        const Customer c = service.get(cl.positional(0));
        service.remove(c.id);
        if (ctx.json())
            ctx.printJson({{QStringLiteral("id"), c.id}, {QStringLiteral("deleted"), true}});
        else
            ctx.out() << "Deleted customer " << c.name << " (" << c.id << ")\n";
        return Success;
    }
    printCustomer(ctx, verb == QLatin1String("archive") ? service.archive(cl.positional(0)) : service.unarchive(cl.positional(0)));
    return Success;
}

namespace {
const CommandRegistry::Registrar customersNoun(
    "customers", "create | list | show | update | archive | unarchive | delete | import | export", 20,
    {{QStringLiteral("create"), {}, QStringLiteral("Create a customer."), &customersCreate},
     {QStringLiteral("list"), {}, QStringLiteral("List customers, searched, sorted and paged."), &customersList},
     {QStringLiteral("show"), QStringLiteral("CUSTOMER"), QStringLiteral("Show one customer (by id or external id)."), &customersShow},
     {QStringLiteral("update"), QStringLiteral("CUSTOMER"), QStringLiteral("Change a customer's fields; options not given stay as they are."),
      &customersUpdate},
     {QStringLiteral("archive"), QStringLiteral("CUSTOMER"), QStringLiteral("Archive a customer: hidden from lists, kept for its invoices."),
      &customersArchive},
     {QStringLiteral("unarchive"), QStringLiteral("CUSTOMER"), QStringLiteral("Bring an archived customer back."), &customersArchive},
     {QStringLiteral("delete"), QStringLiteral("CUSTOMER"), QStringLiteral("Delete a customer; refused for one that invoices refer to."), &customersArchive},
     {QStringLiteral("import"), QStringLiteral("FILE"),
      QStringLiteral("Create customers from a CSV file; duplicates by external id are reported, never doubled."),
      [](CliContext &ctx, const QString &, const QStringList &args) { return customersImport(ctx, args); }},
     {QStringLiteral("export"),
      {},
      QStringLiteral("Write every customer to a CSV file that customers import reads back."),
      [](CliContext &ctx, const QString &, const QStringList &args) { return customersExport(ctx, args); }}});
} // namespace

} // namespace orb::cli
