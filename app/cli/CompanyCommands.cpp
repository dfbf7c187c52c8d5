// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CliContext.h"
#include "app/cli/CliError.h"
#include "app/cli/CommandLine.h"
#include "app/cli/CommandRegistry.h"
#include "app/cli/TablePrinter.h"
#include "models/CompanyFile.h"
#include "models/DemoCompany.h"
#include "models/SettingKeys.h"
#include "models/StorageError.h"
#include "models/Timestamps.h"
#include "models/storage/CompanyLocation.h"
#include "models/storage/MoveToServer.h"

#include <QJsonObject>

namespace orb::cli {

namespace {

void addCompanyOptions(CommandLine &cl)
{
    cl.addOption(QStringLiteral("name"), QStringLiteral("N"), QStringLiteral("The company's name."));
    cl.addOption(QStringLiteral("currency"), QStringLiteral("C"), QStringLiteral("Default currency (ISO 4217)."));
    cl.addOption(QStringLiteral("timezone"), QStringLiteral("TZ"), QStringLiteral("IANA time zone."));
    cl.addOption(QStringLiteral("invoice-prefix"), QStringLiteral("P"), QStringLiteral("Invoice number prefix."));
    cl.addOption(QStringLiteral("locale"), QStringLiteral("L"), QStringLiteral("Locale for documents (en_US, de_DE)."));
    cl.addOption(QStringLiteral("email"), QStringLiteral("E"), QStringLiteral("Billing e-mail address."));
    cl.addOption(QStringLiteral("tax-id"), QStringLiteral("T"), QStringLiteral("The company's tax id."));
    cl.addOption(QStringLiteral("address-line1"), QStringLiteral("TEXT"), QStringLiteral("Address line 1."));
    cl.addOption(QStringLiteral("address-line2"), QStringLiteral("TEXT"), QStringLiteral("Address line 2."));
    cl.addOption(QStringLiteral("city"), QStringLiteral("TEXT"), QStringLiteral("City."));
    cl.addOption(QStringLiteral("state"), QStringLiteral("TEXT"), QStringLiteral("State or region."));
    cl.addOption(QStringLiteral("postal-code"), QStringLiteral("TEXT"), QStringLiteral("Postal code."));
    cl.addOption(QStringLiteral("country"), QStringLiteral("CC"), QStringLiteral("ISO 3166 two-letter country code."));
}

void applyCompanyOptions(const CommandLine &cl, CompanySettings &s)
{
    auto set = [&](const char *name, QString &field) {
        if (cl.isSet(QLatin1String(name)))
            field = cl.value(QLatin1String(name));
    };
    set("name", s.name);
    set("currency", s.defaultCurrency);
    set("timezone", s.timezone);
    set("invoice-prefix", s.invoicePrefix);
    set("locale", s.documentLocale);
    set("email", s.email);
    set("tax-id", s.taxId);
    set("address-line1", s.addressLine1);
    set("address-line2", s.addressLine2);
    set("city", s.city);
    set("state", s.state);
    set("postal-code", s.postalCode);
    set("country", s.country);
}

QJsonObject companyJson(const CompanyFile &file)
{
    const CompanySettings s = file.settings();
    return QJsonObject{{QStringLiteral("name"), s.name},
                       {QStringLiteral("email"), s.email},
                       {QStringLiteral("address"), QJsonObject{{QStringLiteral("line1"), s.addressLine1},
                                                               {QStringLiteral("line2"), s.addressLine2},
                                                               {QStringLiteral("city"), s.city},
                                                               {QStringLiteral("state"), s.state},
                                                               {QStringLiteral("postal_code"), s.postalCode},
                                                               {QStringLiteral("country"), s.country}}},
                       {QStringLiteral("tax_id"), s.taxId},
                       {QStringLiteral("currency"), s.defaultCurrency},
                       {QStringLiteral("timezone"), s.timezone},
                       {QStringLiteral("invoice_prefix"), s.invoicePrefix},
                       {QStringLiteral("document_locale"), s.documentLocale},
                       {QStringLiteral("created_at"), toApiTimestamp(s.createdAt)},
                       {QStringLiteral("file"), file.path()},
                       {QStringLiteral("read_only"), file.isReadOnly()},
                       {QStringLiteral("schema_version"), file.schemaVersion()}};
}

void printCompany(CliContext &ctx, CompanyFile &file)
{
    if (ctx.json()) {
        ctx.printJson(companyJson(file));
        return;
    }
    const CompanySettings s = file.settings();
    QStringList address;
    for (const QString &part : QStringList{s.addressLine1, s.addressLine2, s.postalCode + QLatin1Char(' ') + s.city, s.state, s.country})
        if (!part.trimmed().isEmpty())
            address << part.trimmed();
    printFields(ctx.out(), {{QStringLiteral("Company"), s.name},
                            {QStringLiteral("E-mail"), s.email},
                            {QStringLiteral("Address"), address.join(QStringLiteral(", "))},
                            {QStringLiteral("Tax id"), s.taxId},
                            {QStringLiteral("Currency"), s.defaultCurrency},
                            {QStringLiteral("Time zone"), s.timezone},
                            {QStringLiteral("Invoice prefix"), s.invoicePrefix},
                            {QStringLiteral("Document locale"), s.documentLocale},
                            // A server company's location is no file: named for what it is.
                            {file.isServer() ? QStringLiteral("Server") : QStringLiteral("File"),
                             file.path() + (file.isReadOnly() ? QStringLiteral(" (read-only)") : QString())},
                            {QStringLiteral("Schema version"), QString::number(file.schemaVersion())}});
}

int creationError(const CompanyFileError &e)
{
    switch (e.kind()) {
    case CompanyFileError::Kind::AlreadyExists: throw CliError(Conflict, e.message());
    case CompanyFileError::Kind::Invalid: throw CliError(InvalidInput, e.message());
    default: throw CliError(Failure, e.message());
    }
}

// init and demo make a company file; at a server location they would make a file named like
// the URL instead (and leave the server untouched), so they refuse before anything is written.
void refuseServerLocation(const CliContext &ctx, const QString &command)
{
    if (!CompanyLocation::looksLikeServer(ctx.dbPath()))
        return;
    QString where = QStringLiteral("--db");
    try {
        where = CompanyLocation::parse(ctx.dbPath()).display(); // without a password it may hold
    } catch (const ServiceError &) {
    }
    throw CliError(InvalidInput, QStringLiteral("%1 creates a company file, and %2 names a company server: create the company as a file, then "
                                                "move it there with `orbctl --db FILE company move-to-server URL`")
                                     .arg(command, where));
}

} // namespace

int companyInit(CliContext &ctx, const QString &verb, const QStringList &verbArgs)
{
    // `init` takes no verb: what came as one is its first option.
    QStringList args = verbArgs;
    if (!verb.isEmpty())
        args.prepend(verb);
    CommandLine cl(QStringLiteral("init"));
    addCompanyOptions(cl);
    cl.parse(args);
    if (cl.helpRequested()) {
        ctx.out() << cl.helpText();
        return Success;
    }
    refuseServerLocation(ctx, QStringLiteral("init"));
    if (!cl.isSet(QStringLiteral("name")))
        throw CliError(InvalidInput, QStringLiteral("init: --name is required"));
    CompanySettings s;
    applyCompanyOptions(cl, s);
    try {
        ctx.adopt(CompanyFile::create(ctx.dbPath(), s, ctx.clock()));
    } catch (const CompanyFileError &e) {
        return creationError(e);
    }
    if (!ctx.json())
        ctx.out() << "Created company file " << ctx.dbPath() << '\n';
    printCompany(ctx, ctx.company());
    return Success;
}

int companyDemo(CliContext &ctx, const QString &verb, const QStringList &verbArgs)
{
    QStringList args = verbArgs;
    if (!verb.isEmpty())
        args.prepend(verb);
    CommandLine cl(QStringLiteral("demo"));
    cl.parse(args);
    if (cl.helpRequested()) {
        ctx.out() << cl.helpText();
        return Success;
    }
    refuseServerLocation(ctx, QStringLiteral("demo"));
    try {
        ctx.adopt(DemoCompany::create(ctx.dbPath(), ctx.clock()));
    } catch (const CompanyFileError &e) {
        return creationError(e);
    }
    if (!ctx.json())
        ctx.out() << "Created the demo company file " << ctx.dbPath() << '\n';
    printCompany(ctx, ctx.company());
    return Success;
}

int companyCommand(CliContext &ctx, const QString &verb, const QStringList &args)
{
    if (verb == QLatin1String("show")) {
        CommandLine cl(QStringLiteral("company show"));
        cl.parse(args);
        printCompany(ctx, ctx.company());
        return Success;
    }
    if (verb == QLatin1String("update")) {
        CommandLine cl(QStringLiteral("company update"));
        addCompanyOptions(cl);
        cl.parse(args);
        if (cl.helpRequested()) {
            ctx.out() << cl.helpText();
            return Success;
        }
        CompanyFile &file = ctx.company();
        if (file.isReadOnly())
            throw CliError(Conflict, QStringLiteral("%1 is open read-only; nothing was changed").arg(file.path()));
        CompanySettings s = file.settings();
        applyCompanyOptions(cl, s);
        file.updateSettings(s, ctx.clock());
        printCompany(ctx, file);
        return Success;
    }
    if (verb == QLatin1String("move-to-server")) {
        CommandLine cl(QStringLiteral("company move-to-server"), {QStringLiteral("URL")});
        cl.parse(args);
        if (cl.helpRequested()) {
            ctx.out() << cl.helpText();
            return Success;
        }
        CompanyFile &file = ctx.company();
        MoveReport r;
        ctx.connectWithPassword(cl.positional(0), [&] { r = MoveToServer::run(file, cl.positional(0)); });
        if (ctx.json()) {
            ctx.printJson({{QStringLiteral("file"), file.path()},
                           {QStringLiteral("location"), r.location},
                           {QStringLiteral("tables"), r.tables},
                           {QStringLiteral("rows"), QString::number(r.rows)},
                           {QStringLiteral("schema_version"), r.schemaVersion}});
        } else {
            ctx.out() << "Moved " << file.path() << " to " << r.location << ": " << r.tables << " tables, " << r.rows << " rows.\n"
                      << "Open it with: orbctl --db '" << r.location << "' ...  (the file itself is unchanged)\n";
        }
        return Success;
    }
    throw CliError(InvalidInput, QStringLiteral("company: unknown verb \"%1\" (show, update, move-to-server)").arg(verb));
}

int settingsCommand(CliContext &ctx, const QString &verb, const QStringList &args)
{
    if (verb == QLatin1String("list")) {
        CommandLine cl(QStringLiteral("settings list"));
        cl.parse(args);
        CompanyFile &file = ctx.company();
        if (ctx.json()) {
            QJsonObject o;
            for (const SettingKey &k : settingKeys())
                o.insert(k.key, file.setting(k.key, k.defaultValue));
            ctx.printJson(o);
            return Success;
        }
        TablePrinter t({QStringLiteral("KEY"), QStringLiteral("VALUE"), QStringLiteral("DESCRIPTION")});
        for (const SettingKey &k : settingKeys())
            t.addRow({k.key, file.setting(k.key, k.defaultValue), k.description});
        t.print(ctx.out());
        return Success;
    }
    if (verb == QLatin1String("get")) {
        CommandLine cl(QStringLiteral("settings get"), {QStringLiteral("KEY")});
        cl.parse(args);
        const auto key = findSettingKey(cl.positional(0));
        if (!key)
            throw CliError(InvalidInput, QStringLiteral("settings: unknown key \"%1\" (run `orbctl settings list`)").arg(cl.positional(0)));
        const QString value = ctx.company().setting(key->key, key->defaultValue);
        if (ctx.json())
            ctx.printJson({{key->key, value}});
        else
            ctx.out() << value << '\n';
        return Success;
    }
    if (verb == QLatin1String("set")) {
        CommandLine cl(QStringLiteral("settings set"), {QStringLiteral("KEY"), QStringLiteral("VALUE")});
        cl.parse(args);
        const auto key = findSettingKey(cl.positional(0));
        if (!key)
            throw CliError(InvalidInput, QStringLiteral("settings: unknown key \"%1\" (run `orbctl settings list`)").arg(cl.positional(0)));
        const QString value = cl.positional(1);
        const QString problem = key->validate(value);
        if (!problem.isEmpty())
            throw CliError(InvalidInput, QStringLiteral("settings: %1 %2 (got \"%3\")").arg(key->key, problem, value));
        CompanyFile &file = ctx.company();
        if (file.isReadOnly())
            throw CliError(Conflict, QStringLiteral("%1 is open read-only; nothing was changed").arg(file.path()));
        file.setSetting(key->key, value);
        if (ctx.json())
            ctx.printJson({{key->key, value}});
        else
            ctx.out() << key->key << " = " << value << '\n';
        return Success;
    }
    throw CliError(InvalidInput, QStringLiteral("settings: unknown verb \"%1\" (list, get, set)").arg(verb));
}

namespace {
const CommandRegistry::Registrar initNoun("init", &companyInit, "--name N --currency C --timezone TZ [--invoice-prefix P]   create a company file", 10,
                                          {{{}, {}, QStringLiteral("Create a company file.")}});
const CommandRegistry::Registrar demoNoun("demo", &companyDemo, "create the demo company file (refuses to overwrite)", 11,
                                          {{{}, {}, QStringLiteral("Create the demo company file (Northwind Analytics); refuses to overwrite a file.")}});
const CommandRegistry::Registrar
    companyNoun("company", &companyCommand, "show | update [...] | move-to-server URL   the company's settings, and where it lives", 12,
                {{QStringLiteral("show"), {}, QStringLiteral("Show the company's name, address, currency, time zone and numbering.")},
                 {QStringLiteral("update"), {}, QStringLiteral("Change the company's settings; options not given stay as they are.")},
                 {QStringLiteral("move-to-server"), QStringLiteral("URL"),
                  QStringLiteral("Copy the company file, every table and row, to a fresh PostgreSQL database "
                                 "(postgresql://user@host/db; password from PGPASSWORD, the keychain, ~/.pgpass or a prompt).")}});
const CommandRegistry::Registrar
    settingsNoun("settings", &settingsCommand, "list | get KEY | set KEY VALUE", 13,
                 {{QStringLiteral("list"), {}, QStringLiteral("List every setting with its value, default and meaning.")},
                  {QStringLiteral("get"), QStringLiteral("KEY"), QStringLiteral("Print a setting's value (its default when unset).")},
                  {QStringLiteral("set"), QStringLiteral("KEY VALUE"), QStringLiteral("Change a setting, checked against its rule, with an audit entry.")}});
} // namespace

} // namespace orb::cli
