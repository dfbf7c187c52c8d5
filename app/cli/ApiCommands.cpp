// SPDX-License-Identifier: GPL-3.0-or-later
// orbctl nouns of Orb's REST API: serve, api-keys create | list | revoke.
#include "app/api/ApiServer.h"
#include "app/cli/CliContext.h"
#include "app/cli/CliError.h"
#include "app/cli/CommandLine.h"
#include "app/cli/CommandRegistry.h"
#include "app/cli/Paging.h"
#include "app/cli/TablePrinter.h"
#include "models/CompanyFile.h"
#include "models/Timestamps.h"
#include "models/api/ApiKeyService.h"
#include "models/api/WebhookService.h"
#include "models/storage/ChangeListener.h"
#include "sync/WebhookSecretStore.h"
#include "sync/WebhookWorker.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSocketNotifier>
#include <QTimer>

#include <csignal>
#include <memory>
#include <utility>
#include <unistd.h>

namespace orb::cli {

namespace {

int help(CliContext &ctx, const CommandLine &cl)
{
    ctx.out() << cl.helpText();
    return Success;
}

// SIGINT and SIGTERM end `orbctl serve` through the event loop (a self-pipe), so the request
// being handled finishes and the company file is closed cleanly.
int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char c = 1;
    [[maybe_unused]] const ssize_t n = ::write(g_signalPipe[1], &c, 1);
}

int serve(CliContext &ctx, const QString &verb, const QStringList &verbArgs)
{
    // `serve` takes no verb: what came as one is its first option.
    QStringList args = verbArgs;
    if (!verb.isEmpty())
        args.prepend(verb);
    CommandLine cl(QStringLiteral("serve"));
    cl.addOption(QStringLiteral("listen"), QStringLiteral("HOST:PORT"),
                 QStringLiteral("Address to listen on (default 127.0.0.1:8710; port 0 picks a free one)."));
    cl.parse(args);
    if (cl.helpRequested())
        return help(ctx, cl);
    const QString listen = cl.isSet(QStringLiteral("listen")) ? cl.value(QStringLiteral("listen")) : QStringLiteral("127.0.0.1:8710");
    QHostAddress address;
    quint16 port = 0;
    QString error;
    if (!api::parseListenAddress(listen, &address, &port, &error))
        throw CliError(InvalidInput, QStringLiteral("--listen: %1").arg(error));
    CompanyFile &company = ctx.company();
    api::ApiServer server(company, ctx.clock());
    // Webhooks go out while the server runs.
    WebhookWorker webhooks(company);
    webhooks.start();
    if (!webhooks.secretWarning().isEmpty())
        ctx.err() << "warning: " << webhooks.secretWarning() << '\n';
    const quint16 bound = server.listenOn(address, port);
    if (bound == 0)
        throw CliError(Failure, QStringLiteral("serve: cannot listen on %1 (the port is in use or not allowed)").arg(listen));
    if (::pipe(g_signalPipe) != 0)
        throw CliError(Failure, QStringLiteral("serve: cannot set up signal handling"));
    QSocketNotifier notifier(g_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, QCoreApplication::instance(), [] { QCoreApplication::quit(); });
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol ? QLatin1Char('[') + address.toString() + QLatin1Char(']') : address.toString();
    ctx.out() << "listening on http://" << host << ':' << bound << '\n';
    ctx.out().flush();
    // A server company: listening on the connection makes libpq read its socket when the
    // server closes it, so the loss is known with no request sent; while it lasts every request
    // is answered 503 (ApiHandler), and once the server answers again the connection is opened
    // anew, never in the middle of a request's transaction (as the window's API server does).
    std::unique_ptr<ChangeListener> listener;
    QTimer watch;
    bool announced = false; // the outage was reported (once, not at every try)
    if (company.isServer()) {
        listener = std::make_unique<ChangeListener>(company.db());
        watch.setInterval(1000);
        QObject::connect(&watch, &QTimer::timeout, &watch, [&] {
            if (!company.connectionLost() || company.db().inTransaction())
                return;
            listener.reset(); // it listened on the connection that is gone
            try {
                company.reconnect();
            } catch (const std::exception &e) {
                if (!std::exchange(announced, true)) {
                    ctx.err() << "serve: the company server is not reachable; every request is answered 503 until it is back: " << QString::fromUtf8(e.what())
                              << '\n';
                    ctx.err().flush();
                }
                return;
            }
            listener = std::make_unique<ChangeListener>(company.db());
            if (std::exchange(announced, false)) {
                ctx.err() << "serve: the company server is back; answering again\n";
                ctx.err().flush();
            }
        });
        watch.start();
    }
    QCoreApplication::exec();
    watch.stop();
    listener.reset();
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    ::close(g_signalPipe[0]);
    ::close(g_signalPipe[1]);
    return Success;
}

int keysCreate(CliContext &ctx, const QString &, const QStringList &args)
{
    CommandLine cl(QStringLiteral("api-keys create"));
    cl.addOption(QStringLiteral("name"), QStringLiteral("N"), QStringLiteral("Who or what uses the key (required)."));
    cl.addOption(QStringLiteral("role"), QStringLiteral("admin|billing|ingest"),
                 QStringLiteral("What the key may do: ingest only sends events and pings; billing and admin reach every endpoint (default billing)."));
    cl.parse(args);
    if (cl.helpRequested())
        return help(ctx, cl);
    if (!cl.isSet(QStringLiteral("name")))
        throw CliError(InvalidInput, QStringLiteral("api-keys create: --name is required"));
    const QString role = cl.isSet(QStringLiteral("role")) ? cl.value(QStringLiteral("role")) : QStringLiteral("billing");
    const NewApiKey k = ApiKeyService(ctx.company(), ctx.clock()).create(cl.value(QStringLiteral("name")), role);
    if (ctx.json()) {
        QJsonObject o = k.key.toJson();
        o.insert(QStringLiteral("key"), k.secret);
        ctx.printJson(o);
        return Success;
    }
    ctx.out() << "API key " << k.key.id << " (" << k.key.name << ", role " << k.key.role << ")\n"
              << k.secret << '\n'
              << "Keep the key now: Orb stores only its hash and cannot show it again.\n";
    return Success;
}

int keysList(CliContext &ctx, const QString &, const QStringList &args)
{
    CommandLine cl(QStringLiteral("api-keys list"));
    Paging page(cl);
    cl.parse(args);
    if (cl.helpRequested())
        return help(ctx, cl);
    page.read(cl);
    const QList<ApiKey> keys = page.slice(ApiKeyService(ctx.company(), ctx.clock()).list(), [](const ApiKey &x) { return x.id; });
    if (ctx.json()) {
        QJsonArray data;
        for (const ApiKey &k : keys)
            data.append(k.toJson());
        page.printJson(ctx, data);
        return Success;
    }
    TablePrinter t({QStringLiteral("ID"), QStringLiteral("NAME"), QStringLiteral("ROLE"), QStringLiteral("PREFIX"), QStringLiteral("CREATED"),
                    QStringLiteral("LAST USED"), QStringLiteral("STATUS")});
    for (const ApiKey &k : keys)
        t.addRow({k.id, k.name, k.role, k.prefix + QStringLiteral("…"), toApiTimestamp(k.createdAt),
                  k.lastUsedAt.isValid() ? toApiTimestamp(k.lastUsedAt) : QStringLiteral("never"),
                  k.isRevoked() ? QStringLiteral("revoked ") + toApiTimestamp(k.revokedAt) : QStringLiteral("active")});
    t.print(ctx.out());
    ctx.out() << keys.size() << (keys.size() == 1 ? " key" : " keys") << '\n';
    return Success;
}

int keysRevoke(CliContext &ctx, const QString &, const QStringList &args)
{
    CommandLine cl(QStringLiteral("api-keys revoke"), {QStringLiteral("ID")});
    cl.parse(args);
    if (cl.helpRequested())
        return help(ctx, cl);
    const ApiKey k = ApiKeyService(ctx.company(), ctx.clock()).revoke(cl.positional(0));
    if (ctx.json()) {
        ctx.printJson(k.toJson());
        return Success;
    }
    ctx.out() << "Revoked API key " << k.id << " (" << k.name << "); a server that is running refuses it from its next request.\n";
    return Success;
}

int webhooksCreate(CliContext &ctx, const QString &, const QStringList &args)
{
    CommandLine cl(QStringLiteral("webhooks create"));
    cl.addOption(QStringLiteral("url"), QStringLiteral("URL"), QStringLiteral("Where to POST events: https://, or http:// to this machine only (required)."));
    cl.addOption(QStringLiteral("events"), QStringLiteral("TYPE,..."),
                 QStringLiteral("Only these event types (default: all): ") + WebhookService::eventTypes().join(QStringLiteral(", ")) + QLatin1Char('.'));
    cl.parse(args);
    if (cl.helpRequested())
        return help(ctx, cl);
    if (!cl.isSet(QStringLiteral("url")))
        throw CliError(InvalidInput, QStringLiteral("webhooks create: --url is required"));
    QStringList events;
    for (const QString &value : cl.values(QStringLiteral("events")))
        for (const QString &e : value.split(QLatin1Char(','), Qt::SkipEmptyParts))
            events << e.trimmed();
    const WebhookSecretStore secrets(ctx.company().path());
    const NewWebhookEndpoint w = WebhookService(ctx.company(), ctx.clock()).create(cl.value(QStringLiteral("url")), events, secrets.keeper());
    if (ctx.json()) {
        QJsonObject o = w.endpoint.toJson();
        o.insert(QStringLiteral("secret"), w.secret);
        ctx.printJson(o);
        return Success;
    }
    ctx.out() << "Webhook endpoint " << w.endpoint.id << " for " << w.endpoint.url << '\n'
              << "Signing secret: " << w.secret << '\n'
              << "Deliveries go out while `orbctl serve` runs; verify X-Orb-Signature with this secret.\n";
    return Success;
}

int webhooksList(CliContext &ctx, const QString &, const QStringList &args)
{
    CommandLine cl(QStringLiteral("webhooks list"));
    Paging page(cl);
    cl.parse(args);
    if (cl.helpRequested())
        return help(ctx, cl);
    page.read(cl);
    const QList<WebhookEndpoint> list = page.slice(WebhookService(ctx.company(), ctx.clock()).list(), [](const WebhookEndpoint &x) { return x.id; });
    if (ctx.json()) {
        QJsonArray data;
        for (const WebhookEndpoint &w : list)
            data.append(w.toJson());
        page.printJson(ctx, data);
        return Success;
    }
    TablePrinter t({QStringLiteral("ID"), QStringLiteral("URL"), QStringLiteral("EVENTS"), QStringLiteral("STATUS"), QStringLiteral("PENDING"),
                    QStringLiteral("DELIVERED"), QStringLiteral("FAILED")});
    for (const WebhookEndpoint &w : list)
        t.addRow({w.id, w.url, w.events.isEmpty() ? QStringLiteral("all") : w.events.join(QLatin1Char(',')),
                  w.isDisabled() ? QStringLiteral("disabled") : QStringLiteral("enabled"), QString::number(w.pending), QString::number(w.delivered),
                  QString::number(w.failed)});
    t.print(ctx.out());
    ctx.out() << list.size() << (list.size() == 1 ? " endpoint" : " endpoints") << '\n';
    return Success;
}

int webhooksChange(CliContext &ctx, const QString &verb, const QStringList &args)
{
    CommandLine cl(QStringLiteral("webhooks ") + verb, {QStringLiteral("ID")});
    cl.parse(args);
    if (cl.helpRequested())
        return help(ctx, cl);
    WebhookService service(ctx.company(), ctx.clock());
    const QString id = cl.positional(0);
    if (verb == QLatin1String("disable")) {
        const WebhookEndpoint w = service.disable(id);
        if (ctx.json())
            ctx.printJson(w.toJson());
        else
            ctx.out() << "Disabled webhook endpoint " << w.id << " (" << w.url << "); its pending deliveries wait until it is enabled or deleted.\n";
        return Success;
    }
    if (verb == QLatin1String("enable")) {
        const WebhookEndpoint w = service.enable(id);
        if (ctx.json())
            ctx.printJson(w.toJson());
        else
            ctx.out() << "Enabled webhook endpoint " << w.id << " (" << w.url << "); its pending deliveries go out while the API is served.\n";
        return Success;
    }
    service.remove(id);
    // The endpoint is gone; a secret left in the keychain would be harmless but untidy.
    WebhookSecretStore(ctx.company().path()).remove(id);
    if (ctx.json())
        ctx.printJson(QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("deleted"), true}});
    else
        ctx.out() << "Deleted webhook endpoint " << id << " with its deliveries.\n";
    return Success;
}

int webhooksLog(CliContext &ctx, const QString &, const QStringList &args)
{
    CommandLine cl(QStringLiteral("webhooks log"), {QStringLiteral("ID")});
    cl.parse(args);
    if (cl.helpRequested())
        return help(ctx, cl);
    const QList<WebhookAttempt> log = WebhookService(ctx.company(), ctx.clock()).log(cl.positional(0));
    if (ctx.json()) {
        QJsonArray data;
        for (const WebhookAttempt &a : log)
            data.append(a.toJson());
        ctx.printJsonList(data, false, QString()); // one endpoint's attempts, whole
        return Success;
    }
    TablePrinter t({QStringLiteral("AT"), QStringLiteral("EVENT"), QStringLiteral("TYPE"), QStringLiteral("ATTEMPT"), QStringLiteral("STATUS"),
                    QStringLiteral("ERROR"), QStringLiteral("STATE")});
    for (const WebhookAttempt &a : log)
        t.addRow({toApiTimestamp(a.at), a.eventId, a.eventType, QString::number(a.attempt), a.status ? QString::number(a.status) : QStringLiteral("-"), a.error,
                  a.state});
    t.print(ctx.out());
    return Success;
}

const CommandRegistry::Registrar serveNoun("serve", &serve, "[--listen HOST:PORT]   serve Orb's REST API v1 for this company", 90,
                                           {{{}, {}, QStringLiteral("Serve Orb's REST API v1 for this company (default 127.0.0.1:8710).")}});
const CommandRegistry::Registrar apiKeysNoun("api-keys", "create | list | revoke", 91,
                                             {{QStringLiteral("create"), {}, QStringLiteral("Create an API key and print its secret once."), &keysCreate},
                                              {QStringLiteral("list"), {}, QStringLiteral("List the API keys (never their secrets)."), &keysList},
                                              {QStringLiteral("revoke"), QStringLiteral("ID"), QStringLiteral("Revoke an API key."), &keysRevoke}});
const CommandRegistry::Registrar
    webhooksNoun("webhooks", "create | list | disable | enable | delete | log", 92,
                 {{QStringLiteral("create"), {}, QStringLiteral("Add a webhook endpoint and print its signing secret once."), &webhooksCreate},
                  {QStringLiteral("list"), {}, QStringLiteral("List the webhook endpoints and their deliveries."), &webhooksList},
                  {QStringLiteral("disable"), QStringLiteral("ID"), QStringLiteral("Stop delivering to an endpoint."), &webhooksChange},
                  {QStringLiteral("enable"), QStringLiteral("ID"), QStringLiteral("Deliver to a disabled endpoint again."), &webhooksChange},
                  {QStringLiteral("delete"), QStringLiteral("ID"), QStringLiteral("Delete an endpoint with its deliveries."), &webhooksChange},
                  {QStringLiteral("log"), QStringLiteral("ID"), QStringLiteral("Show an endpoint's delivery attempts, newest first."), &webhooksLog}});

} // namespace

} // namespace orb::cli
