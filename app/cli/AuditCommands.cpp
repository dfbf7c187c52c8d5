// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CliContext.h"
#include "app/cli/CliError.h"
#include "app/cli/CommandLine.h"
#include "app/cli/CommandRegistry.h"
#include "app/cli/Paging.h"
#include "app/cli/TablePrinter.h"
#include "models/AuditLog.h"
#include "models/CompanyFile.h"
#include "models/CustomerRepository.h"
#include "models/RowSeals.h"
#include "models/Timestamps.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace orb::cli {

namespace {

void printEntries(CliContext &ctx, const QList<AuditEntry> &entries, const Paging &page)
{
    if (ctx.json()) {
        QJsonArray data;
        for (const AuditEntry &e : entries)
            data.append(e.toJson());
        page.printJson(ctx, data);
        return;
    }
    TablePrinter t(
        {QStringLiteral("SEQ"), QStringLiteral("AT"), QStringLiteral("USER"), QStringLiteral("ACTION"), QStringLiteral("OBJECT"), QStringLiteral("CHANGE")});
    for (const AuditEntry &e : entries) {
        const QString change = AuditLog::changeSummary(e);
        t.addRow({QString::number(e.seq), toApiTimestamp(e.at), e.osUser, e.action, e.objectType + QLatin1Char(':') + e.objectId, change});
    }
    t.print(ctx.out());
    page.printMore(ctx.out());
}

int auditCommand(CliContext &ctx, const QString &verb, const QStringList &args)
{
    if (verb == QLatin1String("verify")) {
        CommandLine cl(QStringLiteral("audit verify"));
        cl.parse(args);
        if (cl.helpRequested()) {
            ctx.out() << "Usage: orbctl audit verify\n"
                         "Checks the audit trail's hash chain, then every row of the company's own tables against\n"
                         "the seal Orb wrote with it, and names each row changed, added or deleted outside Orb\n"
                         "(usage events, the audit trail itself and the sync log are not sealed). Exit code 4 when\n"
                         "anything does not check out.\n";
            return Success;
        }
        const Database &db = ctx.company().db();
        const AuditVerification v = AuditLog(db).verify();
        // Row seals are the company file's guard against edits around Orb; a server company is
        // guarded by the server's permissions instead, and keeps no seals (docs/TEAM.md).
        SealReport seals;
        if (db.isServer())
            seals.sealed = false;
        else
            seals = RowSeals::verify(db);
        if (ctx.json()) {
            QJsonArray outside;
            for (const SealFinding &f : seals.findings)
                outside.append(QJsonObject{{QStringLiteral("table"), f.table},
                                           {QStringLiteral("row"), QString::number(f.row)},
                                           {QStringLiteral("id"), f.key},
                                           {QStringLiteral("change"), f.changeName()},
                                           {QStringLiteral("description"), f.describe()}});
            ctx.printJson({{QStringLiteral("ok"), v.ok && seals.ok()},
                           {QStringLiteral("entries"), QString::number(v.entries)},
                           {QStringLiteral("broken_at"), v.ok ? QJsonValue(QJsonValue::Null) : QJsonValue(QString::number(v.brokenAt))},
                           {QStringLiteral("problem"), v.ok ? QJsonValue(QJsonValue::Null) : QJsonValue(v.problem)},
                           {QStringLiteral("head_hash"), v.headHash},
                           {QStringLiteral("sealed_rows"), QString::number(seals.rows)},
                           {QStringLiteral("sealed_tables"), QString::number(seals.tables)},
                           {QStringLiteral("changed_outside_orb"), QString::number(seals.problems)},
                           {QStringLiteral("outside_changes"), outside}});
        } else {
            if (v.ok) {
                ctx.out() << "The audit trail is intact: " << v.entries << " entries.\n";
                if (v.entries)
                    ctx.out() << "Head hash: " << v.headHash << " (keep it to detect a cut trail later)\n";
            }
            if (db.isServer())
                ctx.out() << "Row seals are not kept on a company server (the server's permissions guard its rows); rows were not compared.\n";
            else if (!seals.sealed)
                ctx.out() << "This file has no row seals yet (it opens read-only, so it was not upgraded); rows were not compared.\n";
            else if (seals.ok())
                ctx.out() << "Every row matches what Orb wrote: " << seals.rows << " rows in " << seals.tables << " tables.\n";
        }
        if (!v.ok)
            ctx.err() << "orbctl: the audit trail is broken at entry " << v.brokenAt << ": " << v.problem << '\n';
        if (!seals.ok()) {
            ctx.err() << "orbctl: " << seals.problems << (seals.problems == 1 ? " row was" : " rows were") << " changed, added or deleted outside Orb:\n";
            for (const SealFinding &f : seals.findings)
                ctx.err() << "  " << f.describe() << '\n';
            if (seals.problems > seals.findings.size())
                ctx.err() << "  … and " << (seals.problems - seals.findings.size()) << " more\n";
        }
        return v.ok && seals.ok() ? Success : Conflict;
    }
    if (verb == QLatin1String("show")) {
        CommandLine cl(QStringLiteral("audit show"), {QStringLiteral("OBJECT")});
        Paging page(cl);
        cl.parse(args);
        if (cl.helpRequested()) {
            ctx.out() << "OBJECT is TYPE:ID (customer:ID, setting:KEY, company:1) or a customer's id or external id, an invoice's id or number, a "
                         "subscription's id.\n";
            return Success;
        }
        const QString ref = cl.positional(0);
        QString type;
        QString id;
        if (!AuditLog(ctx.company().db()).resolveObject(ref, &type, &id))
            throw CliError(NotFound, QStringLiteral("audit show: \"%1\" is no customer, invoice or subscription; name another object as TYPE:ID").arg(ref));
        page.read(cl);
        const QList<AuditEntry> all = AuditLog(ctx.company().db()).forObject(type, id);
        if (all.isEmpty() && !ctx.json())
            throw CliError(NotFound, QStringLiteral("audit show: no audit entries for %1:%2").arg(type, id));
        printEntries(ctx, page.slice(all, [](const AuditEntry &e) { return QString::number(e.seq); }), page);
        return Success;
    }
    if (verb == QLatin1String("list")) {
        CommandLine cl(QStringLiteral("audit list"));
        // Newest first, 50 a page unless --limit says otherwise.
        Paging page(cl, 50);
        cl.parse(args);
        page.read(cl);
        const auto key = [](const AuditEntry &e) { return QString::number(e.seq); };
        printEntries(ctx, page.trim(AuditLog(ctx.company().db()).recent(page.limit() + 1, page.afterNumber()), key), page);
        return Success;
    }
    throw CliError(InvalidInput, QStringLiteral("audit: unknown verb \"%1\" (verify, show, list)").arg(verb));
}

const CommandRegistry::Registrar
    auditNoun("audit", &auditCommand, "verify | show OBJECT | list   the hash-chained audit trail", 90,
              {{QStringLiteral("verify"), {}, QStringLiteral("Recompute the hash chain of the audit trail and report the first entry that was edited.")},
               {QStringLiteral("show"), QStringLiteral("OBJECT"),
                QStringLiteral("Show every audit entry about one object: OBJECT is TYPE:ID (customer:ID, setting:KEY, company:1) or a customer's id or "
                               "external id, an invoice's id or number, a subscription's id.")},
               {QStringLiteral("list"), {}, QStringLiteral("List the newest audit entries.")}});

} // namespace

} // namespace orb::cli
