#include "app/cli/CliContext.h"
#include "app/cli/CliError.h"
#include "app/cli/CommandLine.h"
#include "app/cli/CommandRegistry.h"
#include "app/cli/TablePrinter.h"
#include "models/AuditLog.h"
#include "models/CompanyFile.h"
#include "models/CustomerRepository.h"
#include "models/Timestamps.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace orb::cli {

namespace {

void printEntries(CliContext &ctx, const QList<AuditEntry> &entries)
{
    if (ctx.json()) {
        QJsonArray data;
        for (const AuditEntry &e : entries)
            data.append(e.toJson());
        ctx.printJsonList(data);
        return;
    }
    TablePrinter t({QStringLiteral("SEQ"), QStringLiteral("AT"), QStringLiteral("USER"), QStringLiteral("ACTION"), QStringLiteral("OBJECT"),
                    QStringLiteral("CHANGE")});
    for (const AuditEntry &e : entries) {
        QString change;
        if (e.before && e.after) {
            QStringList diffs;
            QStringList keys = e.after->keys();
            for (const QString &k : e.before->keys())
                if (!keys.contains(k))
                    keys << k;
            for (const QString &k : keys) {
                if (e.before->value(k) != e.after->value(k)) {
                    const auto text = [](const QJsonValue &v) {
                        return v.isString() ? v.toString() : QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
                    };
                    diffs << QStringLiteral("%1: %2 → %3").arg(k, text(e.before->value(k)), text(e.after->value(k)));
                }
            }
            change = diffs.join(QStringLiteral("; "));
        } else {
            change = e.after ? QStringLiteral("created") : QStringLiteral("removed");
        }
        t.addRow({QString::number(e.seq), toApiTimestamp(e.at), e.osUser, e.action, e.objectType + QLatin1Char(':') + e.objectId, change});
    }
    t.print(ctx.out());
}

int auditCommand(CliContext &ctx, const QString &verb, const QStringList &args)
{
    if (verb == QLatin1String("verify")) {
        CommandLine cl(QStringLiteral("audit verify"));
        cl.parse(args);
        const AuditVerification v = AuditLog(ctx.company().db()).verify();
        if (ctx.json()) {
            ctx.printJson({{QStringLiteral("ok"), v.ok},
                           {QStringLiteral("entries"), QString::number(v.entries)},
                           {QStringLiteral("broken_at"), v.ok ? QJsonValue(QJsonValue::Null) : QJsonValue(QString::number(v.brokenAt))},
                           {QStringLiteral("problem"), v.ok ? QJsonValue(QJsonValue::Null) : QJsonValue(v.problem)},
                           {QStringLiteral("head_hash"), v.headHash}});
        } else if (v.ok) {
            ctx.out() << "The audit trail is intact: " << v.entries << " entries.\n";
            if (v.entries)
                ctx.out() << "Head hash: " << v.headHash << " (keep it to detect a cut trail later)\n";
        }
        if (!v.ok) {
            ctx.err() << "orbctl: the audit trail is broken at entry " << v.brokenAt << ": " << v.problem << '\n';
            return Conflict;
        }
        return Success;
    }
    if (verb == QLatin1String("show")) {
        CommandLine cl(QStringLiteral("audit show"), {QStringLiteral("OBJECT")});
        cl.parse(args);
        if (cl.helpRequested()) {
            ctx.out() << "OBJECT is TYPE:ID (customer:ID, setting:KEY, company:1) or a customer's id or external id.\n";
            return Success;
        }
        const QString ref = cl.positional(0);
        QString type;
        QString id;
        if (ref.contains(QLatin1Char(':'))) {
            type = ref.section(QLatin1Char(':'), 0, 0);
            id = ref.section(QLatin1Char(':'), 1);
        } else {
            const auto c = CustomerRepository(ctx.company().db()).resolve(ref);
            if (!c)
                throw CliError(NotFound, QStringLiteral("audit show: \"%1\" is no customer; name another object as TYPE:ID").arg(ref));
            type = QStringLiteral("customer");
            id = c->id;
        }
        const QList<AuditEntry> entries = AuditLog(ctx.company().db()).forObject(type, id);
        if (entries.isEmpty() && !ctx.json())
            throw CliError(NotFound, QStringLiteral("audit show: no audit entries for %1:%2").arg(type, id));
        printEntries(ctx, entries);
        return Success;
    }
    if (verb == QLatin1String("list")) {
        CommandLine cl(QStringLiteral("audit list"));
        cl.addOption(QStringLiteral("limit"), QStringLiteral("N"), QStringLiteral("The newest N entries (default 50)."));
        cl.parse(args);
        bool ok = true;
        const int limit = cl.isSet(QStringLiteral("limit")) ? cl.value(QStringLiteral("limit")).toInt(&ok) : 50;
        if (!ok || limit < 1)
            throw CliError(InvalidInput, QStringLiteral("--limit: \"%1\" must be a whole number of 1 or more").arg(cl.value(QStringLiteral("limit"))));
        printEntries(ctx, AuditLog(ctx.company().db()).recent(limit));
        return Success;
    }
    throw CliError(InvalidInput, QStringLiteral("audit: unknown verb \"%1\" (verify, show, list)").arg(verb));
}

const CommandRegistry::Registrar auditNoun("audit", &auditCommand, "verify | show OBJECT | list   the hash-chained audit trail", 90);

} // namespace

} // namespace orb::cli
