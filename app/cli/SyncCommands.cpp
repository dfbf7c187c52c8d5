// SPDX-License-Identifier: GPL-3.0-or-later
// orbctl sync: run the Stripe sync, show its state, set the key (from standard input only),
// retry or skip failed items, read the sync log.
#include "app/cli/CliContext.h"
#include "app/cli/CliError.h"
#include "app/cli/CommandLine.h"
#include "app/cli/CommandRegistry.h"
#include "app/cli/Paging.h"
#include "app/cli/TablePrinter.h"
#include "models/CompanyFile.h"
#include "models/Timestamps.h"
#include "models/billing/StripePaymentRecorder.h"
#include "models/sync/Outbox.h"
#include "models/sync/StripeSettings.h"
#include "models/sync/SyncLog.h"
#include "models/sync/SyncState.h"
#include "models/sync/WorkLease.h"
#include "engine/Clock.h"
#include "sync/CredentialStore.h"
#include "sync/StripeKeyStore.h"
#include "sync/StripeSync.h"

#include <QJsonArray>
#include <QThread>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace orb::cli {

namespace {

std::atomic_bool g_stop{false};

void onSignal(int)
{
    g_stop = true;
}

int help(CliContext &ctx, const CommandLine &cl)
{
    ctx.out() << cl.helpText();
    return Success;
}

QString apiBase(CliContext &ctx)
{
    return StripeSettings(ctx.company().db()).apiBase();
}

/// The API base a key may be sent to; exit 2 before any request for anything but Stripe or
/// this machine (a shared or restored company file must not name where the key goes).
QString safeApiBase(CliContext &ctx)
{
    const QString base = apiBase(ctx);
    if (const QString rule = StripeSettings::checkApiBase(base); !rule.isEmpty())
        throw CliError(InvalidInput, QStringLiteral("setting stripe.api_base \"%1\" %2; the key was not sent").arg(base, rule));
    return base;
}

QString requireKey(CliContext &ctx)
{
    QString source, error;
    const auto key = StripeKeyStore(ctx.company().path()).load(&source, &error);
    if (!key)
        throw CliError(InvalidInput, error.isEmpty() ? QStringLiteral("no Stripe key: run `orbctl sync set-key` (the key is read from standard input) "
                                                                      "or set ORB_STRIPE_API_KEY")
                                                     : QStringLiteral("the Stripe key could not be read from the keychain: %1").arg(error));
    return *key;
}

QJsonObject itemJson(const OutboxItem &i)
{
    return {{QStringLiteral("id"), QString::number(i.id)},
            {QStringLiteral("object_type"), i.objectType},
            {QStringLiteral("object_id"), i.objectId},
            {QStringLiteral("action"), i.action},
            {QStringLiteral("state"), i.state},
            {QStringLiteral("attempts"), i.attempts},
            {QStringLiteral("created_at"), toApiTimestamp(i.createdAt)},
            {QStringLiteral("last_attempt_at"), i.lastAttemptAt.isValid() ? QJsonValue(toApiTimestamp(i.lastAttemptAt)) : QJsonValue()},
            {QStringLiteral("last_error"), i.lastError.isEmpty() ? QJsonValue() : QJsonValue(i.lastError)}};
}

int runCommand(CliContext &ctx, const QStringList &args)
{
    CommandLine cl(QStringLiteral("sync run"));
    cl.addFlag(QStringLiteral("once"), QStringLiteral("One pass, then exit (default: keep syncing until interrupted)."));
    cl.addOption(QStringLiteral("interval"), QStringLiteral("SECONDS"), QStringLiteral("Seconds between passes (default 60)."));
    cl.parse(args);
    if (cl.helpRequested())
        return help(ctx, cl);
    int interval = 60;
    if (cl.isSet(QStringLiteral("interval"))) {
        bool ok = false;
        interval = cl.value(QStringLiteral("interval")).toInt(&ok);
        if (!ok || interval < 1)
            throw CliError(InvalidInput, QStringLiteral("--interval: must be a positive number of seconds"));
    }
    CompanyFile &file = ctx.company();
    if (file.isReadOnly())
        throw CliError(Conflict, QStringLiteral("%1 is read-only; sync needs to write to it").arg(file.path()));
    const QString base = safeApiBase(ctx);
    const QString key = requireKey(ctx);
    StripeClient client(base, key);
    StripeSync sync(file.db(), client, ctx.clock());
    // Held from the first pass until the command ends (released then, or expiring on its own
    // after a kill), so a second `sync run` or window waits and takes over after this one.
    SystemClock leaseClock;
    WorkLease lease(file.db(), WorkLease::stripeSync(), leaseClock);
    sync.setLease(&lease);
    StripePaymentRecorder recorder(ctx.clock());
    sync.setPaymentSink(&recorder);
    const bool tty = isatty(fileno(stderr));
    if (tty)
        sync.setProgress([&](const QString &what, int done, int total) {
            std::fprintf(stderr, "\r%s %d/%d   ", qPrintable(what), done, total);
            std::fflush(stderr);
        });
    client.setRetryObserver(
        [&](int attempt, int delay, const StripeError &e) { ctx.err() << "retry " << attempt << " in " << delay << " ms: " << e.describe() << Qt::endl; });
    sync.setCancelFlag(&g_stop);
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    const QString mode = stripeKeyMode(key);
    ctx.err() << "Stripe (" << (mode.isEmpty() ? QStringLiteral("unknown mode") : mode + QStringLiteral(" mode")) << ") at " << client.baseUrl() << Qt::endl;
    SyncRunSummary last;
    for (;;) {
        last = sync.runOnce();
        if (tty)
            std::fprintf(stderr, "\n");
        if (ctx.json())
            ctx.printJson({{QStringLiteral("pushed"), last.pushed},
                           {QStringLiteral("failed"), last.failed},
                           {QStringLiteral("pending"), last.pending},
                           {QStringLiteral("events_seen"), last.eventsSeen},
                           {QStringLiteral("requests"), last.requests},
                           {QStringLiteral("offline"), last.offline},
                           {QStringLiteral("held_elsewhere"), last.heldElsewhere.isEmpty() ? QJsonValue() : QJsonValue(last.heldElsewhere)},
                           {QStringLiteral("stop_reason"), last.stopReason.isEmpty() ? QJsonValue() : QJsonValue(last.stopReason)}});
        else
            ctx.out() << toApiTimestamp(last.finishedAt) << "  " << last.describe() << Qt::endl;
        if (cl.isSet(QStringLiteral("once")) || g_stop)
            break;
        for (int i = 0; i < interval * 10 && !g_stop; ++i)
            QThread::msleep(100);
        if (g_stop)
            break;
    }
    if (!last.heldElsewhere.isEmpty())
        throw CliError(Conflict, QStringLiteral("nothing pushed: %1").arg(last.heldElsewhere));
    if (last.accountMismatch)
        throw CliError(Conflict, QStringLiteral("sync stopped: %1").arg(last.stopReason));
    if (last.offline)
        throw CliError(Failure, QStringLiteral("sync stopped: %1 (everything not sent stays queued)").arg(last.stopReason));
    return Success;
}

int statusCommand(CliContext &ctx, const QStringList &args)
{
    CommandLine cl(QStringLiteral("sync status"));
    cl.addOption(QStringLiteral("state"), QStringLiteral("STATE"), QStringLiteral("List the items in this state (pending, done, failed, skipped)."));
    cl.parse(args);
    if (cl.helpRequested())
        return help(ctx, cl);
    Database &db = ctx.company().db();
    Outbox outbox(db);
    const OutboxCounts c = outbox.counts();
    SyncState state(db);
    QString source, error;
    const auto key = StripeKeyStore(ctx.company().path()).load(&source, &error);
    const QString keyState =
        key ? QStringLiteral("%1 key in the %2").arg(stripeKeyMode(*key).isEmpty() ? QStringLiteral("unrecognised") : stripeKeyMode(*key), source)
            : (error.isEmpty() ? QStringLiteral("none") : QStringLiteral("keychain error: ") + error);
    const QString listState = cl.isSet(QStringLiteral("state")) ? cl.value(QStringLiteral("state")) : QStringLiteral("failed");
    const QList<OutboxItem> items = outbox.list(listState, 100);
    const auto bound = StripeSync::boundAccount(db);
    const QString mismatch = state.get(SyncState::AccountMismatch);
    const auto leaseHolder = WorkLease(db, WorkLease::stripeSync(), ctx.clock()).current();
    const QString running = leaseHolder ? WorkLease::describe(QStringLiteral("Stripe sync"), *leaseHolder) : QString();
    if (ctx.json()) {
        QJsonArray list;
        for (const OutboxItem &i : items)
            list.append(itemJson(i));
        ctx.printJson({{QStringLiteral("api_base"), apiBase(ctx)},
                       {QStringLiteral("key"), keyState},
                       {QStringLiteral("pending"), c.pending},
                       {QStringLiteral("done"), c.done},
                       {QStringLiteral("failed"), c.failed},
                       {QStringLiteral("skipped"), c.skipped},
                       {QStringLiteral("last_run_at"), state.get(SyncState::LastRunAt)},
                       {QStringLiteral("last_run_result"), state.get(SyncState::LastRunResult)},
                       {QStringLiteral("event_cursor"), state.get(SyncState::EventCursor)},
                       {QStringLiteral("account"), bound ? QJsonValue(bound->id) : QJsonValue()},
                       {QStringLiteral("account_livemode"), bound ? QJsonValue(bound->livemode) : QJsonValue()},
                       {QStringLiteral("account_mismatch"), mismatch.isEmpty() ? QJsonValue() : QJsonValue(mismatch)},
                       {QStringLiteral("running"), running.isEmpty() ? QJsonValue() : QJsonValue(running)},
                       {QStringLiteral("items"), list}});
        return Success;
    }
    ctx.out() << "Stripe:    " << apiBase(ctx) << " (" << keyState << ")\n";
    ctx.out() << "Queue:     " << c.pending << " pending, " << c.failed << " failed, " << c.done << " done, " << c.skipped << " skipped\n";
    const QString lastRun = state.get(SyncState::LastRunAt);
    ctx.out() << "Last run:  " << (lastRun.isEmpty() ? QStringLiteral("never") : lastRun + QStringLiteral("  ") + state.get(SyncState::LastRunResult)) << "\n";
    ctx.out() << "Cursor:    " << state.get(SyncState::EventCursor, QStringLiteral("(none)")) << "\n";
    ctx.out() << "Account:   " << (bound ? bound->describe() : QStringLiteral("(not bound yet)")) << "\n";
    if (!running.isEmpty())
        ctx.out() << "Running:   " << running << "\n";
    if (!mismatch.isEmpty())
        ctx.out() << "Stopped:   the key belongs to " << mismatch << "; restore the old key, or `sync set-key --new-account`\n";
    if (const QString rule = StripeSettings::checkApiBase(apiBase(ctx)); !rule.isEmpty())
        ctx.out() << "Refused:   stripe.api_base " << rule << "\n";
    if (!items.isEmpty()) {
        ctx.out() << "\n" << listState.at(0).toUpper() << listState.mid(1) << " items:\n";
        TablePrinter t({QStringLiteral("ID"), QStringLiteral("OBJECT"), QStringLiteral("ACTION"), QStringLiteral("ATTEMPTS"), QStringLiteral("ERROR")});
        for (const OutboxItem &i : items)
            t.addRow({QString::number(i.id), i.objectType + QLatin1Char(' ') + i.objectId, i.action, QString::number(i.attempts), i.lastError});
        t.print(ctx.out());
    }
    return Success;
}

int setKeyCommand(CliContext &ctx, const QStringList &args)
{
    // Refuse before parsing, so that a key typed as an argument is never echoed in an error.
    for (const QString &a : args)
        if (a != QLatin1String("--no-check") && a != QLatin1String("--new-account") && a != QLatin1String("--help") && a != QLatin1String("-h"))
            throw CliError(InvalidInput, QStringLiteral("sync set-key takes the key on standard input only "
                                                        "(a key on the command line would be seen by other programs and kept in shell history)"));
    CommandLine cl(QStringLiteral("sync set-key"));
    cl.addFlag(QStringLiteral("no-check"), QStringLiteral("Store the key without checking it against Stripe (its account is checked by the next run)."));
    cl.addFlag(QStringLiteral("new-account"),
               QStringLiteral("The key is of another Stripe account (or mode) than the one this company file syncs with: start a fresh "
                              "mapping for it (Orb's customers and open invoices are sent to the new account anew)."));
    cl.parse(args);
    if (cl.helpRequested())
        return help(ctx, cl);
    const QString key = ctx.in().readLine().trimmed();
    if (const QString problem = StripeKeyStore::checkShape(key); !problem.isEmpty())
        throw CliError(InvalidInput, QStringLiteral("standard input: %1").arg(problem));
    std::optional<StripeAccount> account;
    if (!cl.isSet(QStringLiteral("no-check"))) {
        StripeClient client(safeApiBase(ctx), key);
        StripeError e;
        account = StripeSync::accountOf(client, &e);
        if (!account)
            throw CliError(e.kind == StripeError::Kind::Authentication ? InvalidInput : Failure,
                           QStringLiteral("the key was not stored: %1").arg(e.describe()));
        const auto bound = StripeSync::boundAccount(ctx.company().db());
        if (bound && (bound->id != account->id || bound->livemode != account->livemode) && !cl.isSet(QStringLiteral("new-account")))
            throw CliError(Conflict, QStringLiteral("the key was not stored: it belongs to Stripe account %1, but this company file syncs with %2. "
                                                    "Use the key of %2, or add --new-account to start a fresh mapping for %1")
                                         .arg(account->describe(), bound->describe()));
    }
    if (const QString error = StripeKeyStore(ctx.company().path()).store(key); !error.isEmpty())
        throw CliError(Failure, QStringLiteral("the key could not be stored in the keychain: %1").arg(error));
    if (account)
        StripeSync::bindAccount(ctx.company().db(), ctx.clock(), *account, cl.isSet(QStringLiteral("new-account")));
    ctx.out() << "Stored a " << stripeKeyMode(key) << "-mode Stripe key in the keychain"
              << (account ? QStringLiteral(" (checked against Stripe: account %1)").arg(account->id) : QStringLiteral(" (not checked)")) << Qt::endl;
    return Success;
}

int itemCommand(CliContext &ctx, const QString &verb, const QStringList &args)
{
    CommandLine cl(QStringLiteral("sync ") + verb, {QStringLiteral("ITEM")});
    cl.parse(args);
    if (cl.helpRequested())
        return help(ctx, cl);
    bool ok = false;
    const qint64 id = cl.positional(0).toLongLong(&ok);
    if (!ok)
        throw CliError(InvalidInput, QStringLiteral("ITEM: \"%1\" is not a sync item number").arg(cl.positional(0)));
    Outbox outbox(ctx.company().db());
    const OutboxItem item = verb == QLatin1String("retry") ? outbox.retry(id) : outbox.skip(id);
    if (ctx.json())
        ctx.printJson(itemJson(item));
    else
        ctx.out() << "Item " << id << " (" << item.objectType << ' ' << item.objectId << ") is " << item.state << Qt::endl;
    return Success;
}

int logCommand(CliContext &ctx, const QStringList &args)
{
    CommandLine cl(QStringLiteral("sync log"));
    cl.addOption(QStringLiteral("level"), QStringLiteral("LEVEL"), QStringLiteral("info, warning or error (default: all)."));
    // Newest first, 50 a page unless --limit says otherwise.
    Paging page(cl, 50);
    cl.parse(args);
    if (cl.helpRequested())
        return help(ctx, cl);
    page.read(cl);
    const QList<SyncLogEntry> entries = page.trim(SyncLog(ctx.company().db()).list(cl.value(QStringLiteral("level")), page.limit() + 1, page.afterNumber()),
                                                  [](const SyncLogEntry &e) { return QString::number(e.id); });
    if (ctx.json()) {
        QJsonArray data;
        for (const SyncLogEntry &e : entries)
            data.append(QJsonObject{{QStringLiteral("at"), toApiTimestamp(e.at)},
                                    {QStringLiteral("level"), e.level},
                                    {QStringLiteral("kind"), e.kind},
                                    {QStringLiteral("stripe_event_id"), e.stripeEventId.isEmpty() ? QJsonValue() : QJsonValue(e.stripeEventId)},
                                    {QStringLiteral("message"), e.message}});
        page.printJson(ctx, data);
        return Success;
    }
    TablePrinter t({QStringLiteral("AT"), QStringLiteral("LEVEL"), QStringLiteral("KIND"), QStringLiteral("MESSAGE")});
    for (const SyncLogEntry &e : entries)
        t.addRow({toApiTimestamp(e.at), e.level, e.kind, e.message});
    t.print(ctx.out());
    page.printMore(ctx.out());
    return Success;
}

int syncCommand(CliContext &ctx, const QString &verb, const QStringList &args)
{
    if (verb == QLatin1String("run"))
        return runCommand(ctx, args);
    if (verb == QLatin1String("status"))
        return statusCommand(ctx, args);
    if (verb == QLatin1String("set-key"))
        return setKeyCommand(ctx, args);
    if (verb == QLatin1String("retry") || verb == QLatin1String("skip"))
        return itemCommand(ctx, verb, args);
    if (verb == QLatin1String("log"))
        return logCommand(ctx, args);
    throw CliError(InvalidInput, QStringLiteral("sync: unknown verb \"%1\" (run, status, set-key, retry, skip, log)").arg(verb));
}

const CommandRegistry::Registrar
    syncNoun("sync", &syncCommand, "run [--once] | status | set-key [--new-account] (key on stdin) | retry ID | skip ID | log", 90,
             {{QStringLiteral("run"), {}, QStringLiteral("Push what is queued to Stripe and pull its events, once or every interval.")},
              {QStringLiteral("status"), {}, QStringLiteral("Show the queue, the last run, the event cursor and where the Stripe key comes from.")},
              {QStringLiteral("set-key"),
               {},
               QStringLiteral("Store the Stripe key, read from standard input, in the keychain (checked against the Stripe account it belongs to).")},
              {QStringLiteral("retry"), QStringLiteral("ITEM"), QStringLiteral("Queue a failed or skipped sync item again, with new idempotency keys.")},
              {QStringLiteral("skip"), QStringLiteral("ITEM"), QStringLiteral("Leave a failed or pending sync item out for good.")},
              {QStringLiteral("log"), {}, QStringLiteral("Show the newest lines of the sync log.")}});

} // namespace

} // namespace orb::cli
