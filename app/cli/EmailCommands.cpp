// SPDX-License-Identifier: GPL-3.0-or-later
// orbctl's e-mail: `invoices send`, `statements send`, `reminders send`, and the `email` noun
// (set-password from standard input, outbox, send, release). Documents are queued in the
// company's outbox in one transaction each, then sent through email.smtp_url.
#include "app/cli/EmailCommands.h"

#include "app/cli/BillingArgs.h"
#include "app/cli/CliContext.h"
#include "app/cli/CliError.h"
#include "app/cli/CommandLine.h"
#include "app/cli/CommandRegistry.h"
#include "app/cli/Paging.h"
#include "app/cli/TablePrinter.h"
#include "engine/billing/BillingSchedule.h"
#include "models/CompanyFile.h"
#include "models/CustomerRepository.h"
#include "models/Timestamps.h"
#include "models/exports/EmailOutbox.h"
#include "sync/CredentialStore.h"
#include "sync/SmtpSender.h"
#include "ui/documents/DocumentMailer.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTimeZone>

#include <unistd.h>

namespace orb::cli {

namespace {

QDate today(CliContext &ctx)
{
    return billing::BillingSchedule::localDate(ctx.clock().now(), QTimeZone(ctx.company().settings().timezone.toUtf8()));
}

void addSendOptions(CommandLine &cl)
{
    cl.addFlag(QStringLiteral("queue-only"), QStringLiteral("Put the messages in the outbox without sending them (orbctl email send sends them)."));
}

QJsonObject messageJson(const OutboxMessage &m)
{
    return {{QStringLiteral("id"), m.id},
            {QStringLiteral("document_kind"), m.documentKind},
            {QStringLiteral("document"), m.documentRef},
            {QStringLiteral("recipients"), m.recipients},
            {QStringLiteral("subject"), m.subject},
            {QStringLiteral("message_id"), m.messageId},
            {QStringLiteral("status"), m.status},
            {QStringLiteral("attempts"), m.attempts},
            {QStringLiteral("last_error"), m.lastError.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(m.lastError)},
            {QStringLiteral("queued_at"), toIsoUtc(m.queuedAt)},
            {QStringLiteral("sent_at"), m.sentAt.isValid() ? QJsonValue(toIsoUtc(m.sentAt)) : QJsonValue(QJsonValue::Null)}};
}

/// Sends the given queued messages (all queued ones when `ids` is empty) and reports; exit 1
/// when any failed (it stays queued for `orbctl email send`).
int sendAndReport(CliContext &ctx, const QList<OutboxMessage> &queued, bool queueOnly, bool all = false)
{
    SmtpSendReport report;
    if (!queueOnly) {
        QStringList ids;
        for (const OutboxMessage &m : queued)
            ids << m.id;
        if (all || !ids.isEmpty()) {
            const bool tty = isatty(STDERR_FILENO);
            SmtpSender sender(ctx.company(), ctx.clock(), SmtpSender::settingsFor(ctx.company()), ctx.company().setting(QStringLiteral("email.from")));
            report = sender.run(ids, [&](int done, int total) {
                if (tty && total > 0)
                    ctx.err() << "\rsending " << done << "/" << total << Qt::flush;
            });
            if (tty)
                ctx.err() << "\n";
        }
    }
    if (ctx.json()) {
        QJsonArray messages;
        for (const OutboxMessage &m : queued)
            messages.append(messageJson(m));
        ctx.printJson({{QStringLiteral("queued"), messages},
                       {QStringLiteral("sent"), report.sent},
                       {QStringLiteral("failed"), report.failed},
                       {QStringLiteral("errors"), QJsonArray::fromStringList(report.errors)}});
    } else {
        if (queueOnly || queued.isEmpty() != all)
            ctx.out() << "Queued " << queued.size() << " messages\n";
        if (!queueOnly)
            ctx.out() << "Sent " << report.sent << " messages" << (report.failed ? QStringLiteral(", %1 failed (still queued)").arg(report.failed) : QString())
                      << "\n";
        for (const QString &e : report.errors)
            ctx.err() << "error: " << e << "\n";
    }
    return report.failed ? Failure : Success;
}

int remindersCommand(CliContext &ctx, const QString &verb, const QStringList &args)
{
    if (verb == QLatin1String("send")) {
        CommandLine cl(QStringLiteral("reminders send"));
        cl.addOption(QStringLiteral("as-of"), QStringLiteral("D"), QStringLiteral("The day invoices are overdue on (default: today)."));
        cl.addOption(QStringLiteral("customer"), QStringLiteral("C"), QStringLiteral("Only this customer (id or external id)."));
        addSendOptions(cl);
        cl.parse(args);
        if (cl.helpRequested()) {
            ctx.out() << cl.helpText()
                      << "\nOne reminder letter (PDF) per customer and currency with overdue invoices, with the fee of\n"
                         "reminders.fee, e-mailed in the customer's language.\n";
            return Success;
        }
        const QDate asOf = dateOption(cl, QStringLiteral("as-of")).value_or(today(ctx));
        const QList<OutboxMessage> queued = DocumentMailer(ctx.company(), ctx.clock()).queueReminders(asOf, cl.value(QStringLiteral("customer")));
        return sendAndReport(ctx, queued, cl.isSet(QStringLiteral("queue-only")));
    }
    throw CliError(InvalidInput, QStringLiteral("reminders: unknown verb \"%1\" (send)").arg(verb));
}

int emailCommand(CliContext &ctx, const QString &verb, const QStringList &args)
{
    if (verb == QLatin1String("set-password")) {
        // Refuse before parsing, so that a password typed as an argument is never echoed.
        for (const QString &a : args)
            if (a != QLatin1String("--help") && a != QLatin1String("-h"))
                throw CliError(InvalidInput, QStringLiteral("email set-password takes the password on standard input only "
                                                            "(a password on the command line would be seen by other programs and kept in shell history)"));
        CommandLine cl(QStringLiteral("email set-password"));
        cl.parse(args);
        if (cl.helpRequested()) {
            ctx.out() << cl.helpText() << "\nReads the SMTP password (one line) from standard input into the OS keychain.\n";
            return Success;
        }
        const QString password = ctx.in().readLine();
        if (password.isEmpty())
            throw CliError(InvalidInput, QStringLiteral("standard input: no password (one line, not empty)"));
        const QString error = CredentialStore(CredentialStore::serviceForCompanyFile(ctx.company().path())).write(SmtpSender::keychainAccount(), password);
        if (!error.isEmpty())
            throw CliError(Failure, QStringLiteral("the keychain refused the password: %1").arg(error));
        ctx.out() << "Stored the SMTP password in the keychain\n";
        return Success;
    }
    if (verb == QLatin1String("outbox")) {
        CommandLine cl(QStringLiteral("email outbox"));
        Paging page(cl);
        cl.parse(args);
        if (cl.helpRequested()) {
            ctx.out() << cl.helpText();
            return Success;
        }
        page.read(cl);
        const QList<OutboxMessage> all = page.slice(EmailOutbox(ctx.company()).all(), [](const OutboxMessage &m) { return m.id; });
        if (ctx.json()) {
            QJsonArray data;
            for (const OutboxMessage &m : all)
                data.append(messageJson(m));
            page.printJson(ctx, data);
            return Success;
        }
        TablePrinter t({QStringLiteral("ID"), QStringLiteral("STATUS"), QStringLiteral("DOCUMENT"), QStringLiteral("TO"), QStringLiteral("QUEUED"),
                        QStringLiteral("SENT"), QStringLiteral("ERROR")});
        for (const OutboxMessage &m : all)
            t.addRow({m.id, m.status, m.documentRef, m.recipients, toIsoUtc(m.queuedAt), m.sentAt.isValid() ? toIsoUtc(m.sentAt) : QString(), m.lastError});
        t.print(ctx.out());
        page.printMore(ctx.out());
        return Success;
    }
    if (verb == QLatin1String("send")) {
        CommandLine cl(QStringLiteral("email send"));
        cl.parse(args);
        if (cl.helpRequested()) {
            ctx.out() << cl.helpText() << "\nSends every queued message of the outbox.\n";
            return Success;
        }
        return sendAndReport(ctx, {}, false, true);
    }
    if (verb == QLatin1String("release")) {
        CommandLine cl(QStringLiteral("email release"), {QStringLiteral("ID")});
        cl.parse(args);
        if (cl.helpRequested()) {
            ctx.out() << cl.helpText()
                      << "\nQueues again a message left 'sending' by an interruption, or 'failed'. Check first that it did\n"
                         "not reach the customer: it may have.\n";
            return Success;
        }
        EmailOutbox(ctx.company()).release(requiredPositional(cl, 0, QStringLiteral("the message id")), ctx.clock());
        ctx.out() << "Queued " << cl.positional(0) << " again\n";
        return Success;
    }
    throw CliError(InvalidInput, QStringLiteral("email: unknown verb \"%1\" (set-password, outbox, send, release)").arg(verb));
}

const CommandRegistry::Registrar
    remindersNoun("reminders", &remindersCommand, "send [--as-of D]", 78,
                  {{QStringLiteral("send"), {}, QStringLiteral("E-mail a reminder letter with its open items to every customer with overdue invoices.")}});
const CommandRegistry::Registrar
    emailNoun("email", &emailCommand, "set-password (stdin) | outbox | send | release ID", 79,
              {{QStringLiteral("set-password"), {}, QStringLiteral("Read the SMTP password from standard input and keep it in the OS keychain.")},
               {QStringLiteral("outbox"), {}, QStringLiteral("List the e-mail messages queued, sending, sent or failed.")},
               {QStringLiteral("send"), {}, QStringLiteral("Send the queued e-mail messages now.")},
               {QStringLiteral("release"), QStringLiteral("ID"),
                QStringLiteral("Allow a message left \"sending\" by an interrupted run to be sent again (after checking it did not arrive).")}});

} // namespace

int invoicesSend(CliContext &ctx, const QStringList &args)
{
    // The invoice is optional (--status selects many): take it out first.
    QStringList options;
    QString id;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a.startsWith(QLatin1Char('-'))) {
            options << a;
            if ((a == QLatin1String("--status") || a == QLatin1String("--customer")) && i + 1 < args.size())
                options << args.at(++i);
        } else if (id.isEmpty()) {
            id = a;
        } else {
            throw CliError(InvalidInput, QStringLiteral("invoices send: unexpected argument \"%1\"").arg(a));
        }
    }
    CommandLine cl(QStringLiteral("invoices send [ID] [--status S] [--customer C]"));
    cl.addOption(QStringLiteral("status"), QStringLiteral("S"), QStringLiteral("Send every invoice in this status (issued, paid, void)."));
    cl.addOption(QStringLiteral("customer"), QStringLiteral("C"), QStringLiteral("With --status: only this customer's invoices."));
    addSendOptions(cl);
    cl.parse(options);
    if (cl.helpRequested()) {
        ctx.out() << cl.helpText()
                  << "\nE-mails the invoice PDF (as orbctl invoices pdf writes it) to the customer's billing address, in its\n"
                     "document language, through email.smtp_url. Each message is recorded on the invoice.\n";
        return Success;
    }
    DocumentMailer mailer(ctx.company(), ctx.clock());
    QList<OutboxMessage> queued;
    if (!id.isEmpty()) {
        if (cl.isSet(QStringLiteral("status")) || cl.isSet(QStringLiteral("customer")))
            throw CliError(InvalidInput, QStringLiteral("invoices send %1: --status and --customer select many; give either an invoice or them").arg(id));
        queued << mailer.queueInvoice(id);
    } else {
        InvoiceFilter filter;
        filter.status = fromText<InvoiceStatus>(cl.value(QStringLiteral("status")));
        // A draft has no number and no document to send yet.
        if (!filter.status || *filter.status == InvoiceStatus::Draft)
            throw CliError(InvalidInput, QStringLiteral("invoices send: give an invoice, or --status issued|paid|void"));
        if (cl.isSet(QStringLiteral("customer"))) {
            const auto c = CustomerRepository(ctx.company().db()).resolve(cl.value(QStringLiteral("customer")));
            if (!c)
                throw CliError(NotFound, QStringLiteral("--customer: customer \"%1\" not found").arg(cl.value(QStringLiteral("customer"))));
            filter.customerId = c->id;
        }
        queued = mailer.queueInvoices(filter);
    }
    return sendAndReport(ctx, queued, cl.isSet(QStringLiteral("queue-only")));
}

int statementsSend(CliContext &ctx, const QStringList &args)
{
    CommandLine cl(QStringLiteral("statements send"), {QStringLiteral("CUSTOMER")});
    cl.addOption(QStringLiteral("from"), QStringLiteral("D"), QStringLiteral("First day (default: the first of last month)."));
    cl.addOption(QStringLiteral("to"), QStringLiteral("D"), QStringLiteral("Last day (default: today)."));
    addSendOptions(cl);
    cl.parse(args);
    if (cl.helpRequested()) {
        ctx.out() << cl.helpText();
        return Success;
    }
    const QString customer = requiredPositional(cl, 0, QStringLiteral("the customer (id or external id)"));
    const QDate to = dateOption(cl, QStringLiteral("to")).value_or(today(ctx));
    const QDate from = dateOption(cl, QStringLiteral("from")).value_or(QDate(to.year(), to.month(), 1).addMonths(-1));
    const QList<OutboxMessage> queued{DocumentMailer(ctx.company(), ctx.clock()).queueStatement(customer, from, to)};
    return sendAndReport(ctx, queued, cl.isSet(QStringLiteral("queue-only")));
}

} // namespace orb::cli
