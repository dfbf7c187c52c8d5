// SPDX-License-Identifier: GPL-3.0-or-later
// orbctl users add | list | set-role | remove: the people of a company on a server and their
// roles (admin, billing, viewer). A company file has one local user with every role.
#include "app/cli/CliContext.h"
#include "app/cli/CliError.h"
#include "app/cli/CommandLine.h"
#include "app/cli/CommandRegistry.h"
#include "app/cli/Paging.h"
#include "app/cli/TablePrinter.h"
#include "models/CompanyFile.h"
#include "models/storage/UserService.h"

#include <QJsonArray>
#include <QJsonObject>

#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace orb::cli {

namespace {

int help(CliContext &ctx, const CommandLine &cl)
{
    ctx.out() << cl.helpText();
    return Success;
}

Role roleArgument(const QString &text, const QString &where)
{
    const auto role = Roles::parse(text);
    if (!role || *role == Role::Ingest)
        throw CliError(InvalidInput, QStringLiteral("%1: \"%2\" is not a role (admin, billing or viewer)").arg(where, text));
    return *role;
}

// The new login's password: the first line of standard input, unechoed and asked twice on a
// terminal. Never an argument, which would show in process lists and shell history.
QByteArray readPassword(CliContext &ctx)
{
    const bool tty = isatty(fileno(stdin));
    termios saved{};
    const auto readLine = [&](const char *text) {
        if (tty) {
            std::fprintf(stderr, "%s", text);
            std::fflush(stderr);
            tcgetattr(fileno(stdin), &saved);
            termios quiet = saved;
            quiet.c_lflag &= ~tcflag_t(ECHO);
            tcsetattr(fileno(stdin), TCSANOW, &quiet);
        }
        const QString line = ctx.in().readLine();
        if (tty) {
            tcsetattr(fileno(stdin), TCSANOW, &saved);
            std::fprintf(stderr, "\n");
        }
        return line.toUtf8();
    };
    const QByteArray first = readLine("Password for the new login: ");
    if (first.isEmpty())
        throw CliError(InvalidInput, QStringLiteral("--password-stdin: no password on standard input; nothing was changed"));
    if (tty && readLine("Password again: ") != first)
        throw CliError(InvalidInput, QStringLiteral("the two passwords differ; nothing was changed"));
    return first;
}

QJsonObject userJson(const CompanyUser &u)
{
    return QJsonObject{{QStringLiteral("name"), u.name}, {QStringLiteral("role"), Roles::name(u.role)}, {QStringLiteral("can_login"), u.canLogin}};
}

int usersAdd(CliContext &ctx, const QString &, const QStringList &args)
{
    CommandLine cl(QStringLiteral("users add"), {QStringLiteral("NAME")});
    cl.addOption(QStringLiteral("role"), QStringLiteral("admin|billing|viewer"), QStringLiteral("The user's role on this company (required)."));
    cl.addFlag(QStringLiteral("password-stdin"), QStringLiteral("Give a new login a password: read from standard input (asked twice, unechoed, on a terminal). "
                                                                "Without it a new login has no password (for peer or certificate authentication)."));
    cl.addFlag(QStringLiteral("password-prompt"), QStringLiteral("The same as --password-stdin."));
    cl.parse(args);
    if (cl.helpRequested())
        return help(ctx, cl);
    if (!cl.isSet(QStringLiteral("role")))
        throw CliError(InvalidInput, QStringLiteral("users add: --role is required (admin, billing or viewer)"));
    const Role role = roleArgument(cl.value(QStringLiteral("role")), QStringLiteral("--role"));
    UserService users(ctx.company(), ctx.clock());
    if (!users.hasUsers())
        throw CliError(Conflict, UserService::oneLocalUserMessage());
    const QByteArray password = cl.isSet(QStringLiteral("password-stdin")) || cl.isSet(QStringLiteral("password-prompt")) ? readPassword(ctx) : QByteArray();
    const QString name = cl.positional(0);
    const bool created = users.add(name, role, password);
    if (ctx.json()) {
        QJsonObject o = userJson(CompanyUser{name, role, true});
        o.insert(QStringLiteral("login_created"), created);
        ctx.printJson(o);
        return Success;
    }
    ctx.out() << "Added " << name << " as " << Roles::name(role) << ".\n";
    if (!created)
        ctx.out() << name << " already had a login on this server; its password is unchanged.\n";
    return Success;
}

int usersList(CliContext &ctx, const QString &, const QStringList &args)
{
    CommandLine cl(QStringLiteral("users list"));
    Paging page(cl);
    cl.parse(args);
    if (cl.helpRequested())
        return help(ctx, cl);
    page.read(cl);
    UserService service(ctx.company(), ctx.clock());
    const QList<CompanyUser> users = page.slice(service.list(), [](const CompanyUser &u) { return u.name; });
    if (ctx.json()) {
        QJsonArray data;
        for (const CompanyUser &u : users)
            data.append(userJson(u));
        page.printJson(ctx, data);
        return Success;
    }
    TablePrinter t({QStringLiteral("NAME"), QStringLiteral("ROLE"), QStringLiteral("LOGIN")});
    for (const CompanyUser &u : users)
        t.addRow({u.name, Roles::name(u.role), u.canLogin ? QStringLiteral("yes") : QStringLiteral("no")});
    t.print(ctx.out());
    if (!service.hasUsers())
        ctx.out() << "A company file has one local user with every role; users and roles are for a company on a server.\n";
    else
        ctx.out() << users.size() << (users.size() == 1 ? " user" : " users") << "; you are " << Roles::name(service.currentRole()) << '\n';
    return Success;
}

int usersSetRole(CliContext &ctx, const QString &, const QStringList &args)
{
    CommandLine cl(QStringLiteral("users set-role"), {QStringLiteral("NAME"), QStringLiteral("ROLE")});
    cl.parse(args);
    if (cl.helpRequested())
        return help(ctx, cl);
    const Role role = roleArgument(cl.positional(1), QStringLiteral("ROLE"));
    UserService(ctx.company(), ctx.clock()).setRole(cl.positional(0), role);
    if (ctx.json()) {
        ctx.printJson(userJson(CompanyUser{cl.positional(0), role, true}));
        return Success;
    }
    ctx.out() << cl.positional(0) << " is now " << Roles::name(role) << " (from their next connection).\n";
    return Success;
}

int usersRemove(CliContext &ctx, const QString &, const QStringList &args)
{
    CommandLine cl(QStringLiteral("users remove"), {QStringLiteral("NAME")});
    cl.parse(args);
    if (cl.helpRequested())
        return help(ctx, cl);
    UserService(ctx.company(), ctx.clock()).remove(cl.positional(0));
    if (ctx.json()) {
        ctx.printJson(QJsonObject{{QStringLiteral("name"), cl.positional(0)}, {QStringLiteral("removed"), true}});
        return Success;
    }
    ctx.out() << cl.positional(0) << " is no longer a user of this company (the server login itself stays).\n";
    return Success;
}

const CommandRegistry::Registrar usersNoun(
    "users", "add | list | set-role | remove   the people of a company on a server and their roles", 14,
    {{QStringLiteral("add"), QStringLiteral("NAME"),
      QStringLiteral("Make a database login a user of this company with --role admin, billing or viewer (admins only; "
                     "a new login gets its password from standard input with --password-stdin)."),
      &usersAdd},
     {QStringLiteral("list"), {}, QStringLiteral("List the company's users and their roles (a company file: its one local user)."), &usersList},
     {QStringLiteral("set-role"), QStringLiteral("NAME ROLE"), QStringLiteral("Change a user's role: admin, billing or viewer (admins only)."), &usersSetRole},
     {QStringLiteral("remove"), QStringLiteral("NAME"), QStringLiteral("Take a user's access to this company away; the server login stays (admins only)."),
      &usersRemove}});

} // namespace

} // namespace orb::cli
