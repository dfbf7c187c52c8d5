// SPDX-License-Identifier: GPL-3.0-or-later
// orbctl's documents: invoices pdf (a verb of `invoices`), credit-note PDFs, statements pdf and
// the receivables aging report (on screen, CSV, PDF).
#include "app/cli/DocumentCommands.h"
#include "app/cli/EmailCommands.h"

#include "app/cli/BillingArgs.h"
#include "app/cli/CliContext.h"
#include "app/cli/CommandRegistry.h"
#include "app/cli/TablePrinter.h"
#include "engine/billing/BillingSchedule.h"
#include "models/CompanyFile.h"
#include "models/CustomerRepository.h"
#include "models/reports/ReportSource.h"
#include "ui/documents/DocumentExporter.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QSaveFile>
#include <QTimeZone>

#include <cstdio>
#include <cstring>
#include <unistd.h>

namespace orb::cli {

bool commandNeedsGui(int argc, char **argv)
{
    QStringList words;
    for (int i = 1; i < argc; ++i) {
        const char *a = argv[i];
        if (std::strcmp(a, "--db") == 0 || std::strcmp(a, "--now") == 0) {
            ++i; // skip the global option's value
            continue;
        }
        if (a[0] != '-')
            words << QString::fromLocal8Bit(a);
        if (words.size() == 2)
            break;
    }
    const QString noun = words.value(0), verb = words.value(1);
    // Sending a document attaches its PDF, so the send verbs paint too.
    return ((verb == QLatin1String("pdf") || verb == QLatin1String("send"))
            && (noun == QLatin1String("invoices") || noun == QLatin1String("statements") || noun == QLatin1String("credit-notes")))
           || noun == QLatin1String("aging") || noun == QLatin1String("reminders");
}

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

void reportWritten(CliContext &ctx, const QString &path, const QString &what)
{
    if (ctx.json())
        ctx.printJson({{QStringLiteral("file"), QFileInfo(path).absoluteFilePath()}, {QStringLiteral("document"), what}});
    else
        ctx.out() << "Wrote " << what << " to " << QDir::toNativeSeparators(path) << "\n";
}

QString outputOption(const CommandLine &cl)
{
    const QString out = cl.value(QStringLiteral("output"));
    if (out.isEmpty())
        throw CliError(InvalidInput, QStringLiteral("-o/--output FILE is required (the PDF to write)"));
    return out;
}

} // namespace

int invoicesPdf(CliContext &ctx, const QStringList &args)
{
    CommandLine cl(QStringLiteral("invoices pdf [ID] (-o FILE | --dir DIR)"));
    cl.addOption(QStringLiteral("output"), QStringLiteral("FILE"), QStringLiteral("The PDF to write (one invoice)."));
    cl.addOption(QStringLiteral("o"), QStringLiteral("FILE"), QStringLiteral("Same as --output."));
    cl.addOption(QStringLiteral("dir"), QStringLiteral("DIR"), QStringLiteral("Write every selected invoice into this folder, one PDF each."));
    cl.addOption(QStringLiteral("status"), QStringLiteral("S"), QStringLiteral("With --dir: only invoices in this status (draft, issued, paid, void)."));
    cl.addOption(QStringLiteral("customer"), QStringLiteral("C"), QStringLiteral("With --dir: only this customer's invoices."));
    // The invoice is optional (a batch has none), which CommandLine's required positionals
    // cannot say: take it out first. Every option here takes a value.
    QStringList options;
    QString id;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a.startsWith(QLatin1Char('-'))) {
            options << a;
            if (!a.contains(QLatin1Char('=')) && a != QLatin1String("-h") && a != QLatin1String("--help") && i + 1 < args.size())
                options << args.at(++i);
        } else if (id.isEmpty()) {
            id = a;
        } else {
            throw CliError(InvalidInput, QStringLiteral("invoices pdf: unexpected argument \"%1\" (one invoice at a time; use --dir for many)").arg(a));
        }
    }
    cl.parse(options);
    if (cl.helpRequested())
        return help(ctx, cl);
    const QString output = cl.isSet(QStringLiteral("o")) ? cl.value(QStringLiteral("o")) : cl.value(QStringLiteral("output"));
    const QString dir = cl.value(QStringLiteral("dir"));
    DocumentExporter exporter(ctx.company());
    if (!id.isEmpty()) {
        if (output.isEmpty())
            throw CliError(InvalidInput, QStringLiteral("invoices pdf %1: -o FILE is required (the PDF to write)").arg(id));
        if (!dir.isEmpty() || cl.isSet(QStringLiteral("status")) || cl.isSet(QStringLiteral("customer")))
            throw CliError(InvalidInput,
                           QStringLiteral("invoices pdf %1: --dir, --status and --customer select a batch; give either an invoice or them").arg(id));
        const NamedDocument doc = exporter.invoice(id);
        DocumentExporter::writePdf(doc.document, output);
        reportWritten(ctx, output, QStringLiteral("invoice ") + doc.document.reference);
        return Success;
    }
    if (dir.isEmpty())
        throw CliError(InvalidInput, QStringLiteral("invoices pdf: give an invoice and -o FILE, or --dir DIR for a batch"));
    if (!output.isEmpty())
        throw CliError(InvalidInput, QStringLiteral("invoices pdf: -o is for one invoice; a batch writes into --dir"));
    InvoiceFilter filter;
    const QString status = cl.value(QStringLiteral("status"));
    filter.status = fromText<InvoiceStatus>(status);
    if (!status.isEmpty() && !filter.status)
        throw CliError(InvalidInput, QStringLiteral("--status: \"%1\" is not one of %2").arg(status, allTexts<InvoiceStatus>().join(QStringLiteral(", "))));
    if (cl.isSet(QStringLiteral("customer"))) {
        const auto c = CustomerRepository(ctx.company().db()).resolve(cl.value(QStringLiteral("customer")));
        if (!c)
            throw CliError(NotFound, QStringLiteral("--customer: customer \"%1\" not found").arg(cl.value(QStringLiteral("customer"))));
        filter.customerId = c->id;
    }
    QElapsedTimer timer;
    timer.start();
    const QList<NamedDocument> docs = exporter.invoices(filter);
    const bool terminal = isatty(fileno(stderr)) && !ctx.json();
    const BatchResult result = DocumentExporter::writeBatch(docs, dir, [&](int done, int total) {
        if (terminal)
            std::fprintf(stderr, "\rwriting invoice PDFs %d / %d", done, total);
        return true;
    });
    if (terminal)
        std::fprintf(stderr, "\n");
    if (ctx.json()) {
        QJsonArray files;
        for (const QString &f : result.files)
            files.append(f);
        ctx.printJson({{QStringLiteral("files"), files},
                       {QStringLiteral("count"), int(result.files.size())},
                       {QStringLiteral("directory"), QFileInfo(dir).absoluteFilePath()}});
        return Success;
    }
    ctx.out() << "Wrote " << result.files.size() << (result.files.size() == 1 ? " invoice PDF" : " invoice PDFs") << " to " << QDir::toNativeSeparators(dir)
              << " in " << timer.elapsed() << " ms\n";
    return Success;
}

int creditNotesPdf(CliContext &ctx, const QStringList &args)
{
    CommandLine cl(QStringLiteral("credit-notes pdf"), {QStringLiteral("NOTE")});
    cl.addOption(QStringLiteral("output"), QStringLiteral("FILE"), QStringLiteral("The PDF to write."));
    cl.addOption(QStringLiteral("o"), QStringLiteral("FILE"), QStringLiteral("Same as --output."));
    cl.parse(args);
    if (cl.helpRequested())
        return help(ctx, cl);
    const QString note = requiredPositional(cl, 0, QStringLiteral("the credit note (id or number)"));
    const QString output = cl.isSet(QStringLiteral("o")) ? cl.value(QStringLiteral("o")) : outputOption(cl);
    const NamedDocument doc = DocumentExporter(ctx.company()).creditNote(note);
    DocumentExporter::writePdf(doc.document, output);
    reportWritten(ctx, output, QStringLiteral("credit note ") + doc.document.reference);
    return Success;
}

namespace {

int statementsCommand(CliContext &ctx, const QString &verb, const QStringList &args)
{
    if (verb == QLatin1String("pdf")) {
        CommandLine cl(QStringLiteral("statements pdf"), {QStringLiteral("CUSTOMER")});
        cl.addOption(QStringLiteral("from"), QStringLiteral("D"), QStringLiteral("First day of the statement (YYYY-MM-DD)."));
        cl.addOption(QStringLiteral("to"), QStringLiteral("D"), QStringLiteral("Last day of the statement (YYYY-MM-DD)."));
        cl.addOption(QStringLiteral("output"), QStringLiteral("FILE"), QStringLiteral("The PDF to write."));
        cl.addOption(QStringLiteral("o"), QStringLiteral("FILE"), QStringLiteral("Same as --output."));
        cl.parse(args);
        if (cl.helpRequested())
            return help(ctx, cl);
        const QString customer = requiredPositional(cl, 0, QStringLiteral("the customer (id or external id)"));
        const QDate from = *dateOption(cl, QStringLiteral("from"), true);
        const QDate to = *dateOption(cl, QStringLiteral("to"), true);
        const QString output = cl.isSet(QStringLiteral("o")) ? cl.value(QStringLiteral("o")) : outputOption(cl);
        const NamedDocument doc = DocumentExporter(ctx.company()).statement(customer, from, to);
        DocumentExporter::writePdf(doc.document, output);
        reportWritten(ctx, output, QStringLiteral("statement for ") + doc.document.recipientName);
        return Success;
    }
    if (verb == QLatin1String("send"))
        return statementsSend(ctx, args);
    throw CliError(InvalidInput, QStringLiteral("statements: unknown verb \"%1\" (pdf, send)").arg(verb));
}

int agingCommand(CliContext &ctx, const QString &verb, const QStringList &rest)
{
    // `aging` has no verb: what came as the verb is its first option.
    QStringList args = rest;
    if (!verb.isEmpty())
        args.prepend(verb);
    CommandLine cl(QStringLiteral("aging"));
    cl.addOption(QStringLiteral("as-of"), QStringLiteral("D"), QStringLiteral("The report date (YYYY-MM-DD; default: today)."));
    cl.addOption(QStringLiteral("csv"), QStringLiteral("FILE"), QStringLiteral("Also write the report as CSV."));
    cl.addOption(QStringLiteral("pdf"), QStringLiteral("FILE"), QStringLiteral("Also write the report as PDF."));
    cl.parse(args);
    if (cl.helpRequested())
        return help(ctx, cl);
    const QDate asOf = dateOption(cl, QStringLiteral("as-of")).value_or(today(ctx));
    const AgingReport report = ReportSource(ctx.company()).aging(asOf);
    if (cl.isSet(QStringLiteral("csv"))) {
        const QString path = cl.value(QStringLiteral("csv"));
        QSaveFile f(path);
        const QByteArray bytes = report.toCsv().toUtf8();
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
            throw CliError(Failure, QStringLiteral("--csv %1: cannot write (%2)").arg(path, f.errorString()));
    }
    if (cl.isSet(QStringLiteral("pdf")))
        DocumentExporter::writePdf(DocumentExporter(ctx.company()).aging(asOf).document, cl.value(QStringLiteral("pdf")));
    if (ctx.json()) {
        ctx.printJson(report.toJson());
        return Success;
    }
    TablePrinter t({QStringLiteral("CUSTOMER"), QStringLiteral("CURRENCY"), QStringLiteral("CURRENT"), QStringLiteral("1-30"), QStringLiteral("31-60"),
                    QStringLiteral("61-90"), QStringLiteral("OVER 90"), QStringLiteral("TOTAL")});
    for (int c = 2; c <= 7; ++c)
        t.alignRight(c);
    auto add = [&](const AgingRow &r, const QString &name) {
        QStringList cells{name, r.currency};
        for (const Decimal &d : r.buckets)
            cells << moneyText(d, r.currency);
        cells << moneyText(r.total, r.currency);
        t.addRow(cells);
    };
    for (const AgingRow &r : report.rows())
        add(r, r.customerName);
    for (const AgingRow &r : report.totals())
        add(r, QStringLiteral("TOTAL"));
    ctx.out() << "Receivables aging as of " << dateText(asOf) << "\n";
    t.print(ctx.out());
    ctx.out() << report.openInvoices() << (report.openInvoices() == 1 ? " open invoice\n" : " open invoices\n");
    return Success;
}

const CommandRegistry::Registrar
    statementsNoun("statements", &statementsCommand, "pdf | send", 74,
                   {{QStringLiteral("pdf"), QStringLiteral("CUSTOMER"), QStringLiteral("Write a customer's statement of a period as PDF.")},
                    {QStringLiteral("send"), QStringLiteral("CUSTOMER"), QStringLiteral("E-mail a customer's statement of a period, its PDF attached.")}});
const CommandRegistry::Registrar agingNoun("aging", &agingCommand, "[--as-of D] [--csv FILE] [--pdf FILE]", 75,
                                           {{{}, {}, QStringLiteral("Print the receivables aging as of a date, or write it as CSV or PDF.")}});

} // namespace

} // namespace orb::cli
