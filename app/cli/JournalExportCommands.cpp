// SPDX-License-Identifier: GPL-3.0-or-later
// orbctl's ledger: `ledger export --format gnucash-csv|iif --from D --to D -o FILE` writes the
// period's invoices, payments, credit notes and voids as balanced journal entries;
// `ledger exports` lists the periods marked as exported.
#include "app/cli/BillingArgs.h"
#include "app/cli/CliContext.h"
#include "app/cli/CliError.h"
#include "app/cli/CommandLine.h"
#include "app/cli/CommandRegistry.h"
#include "app/cli/Paging.h"
#include "app/cli/TablePrinter.h"
#include "models/exports/LedgerExportLog.h"
#include "models/exports/LedgerJournal.h"
#include "models/exports/LedgerWriter.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QSaveFile>

namespace orb::cli {

namespace {

QJsonObject markJson(const LedgerExportMark &m)
{
    return {{QStringLiteral("id"), m.id},
            {QStringLiteral("format"), m.format},
            {QStringLiteral("from"), m.from.toString(Qt::ISODate)},
            {QStringLiteral("to"), m.to.toString(Qt::ISODate)},
            {QStringLiteral("entries"), m.entries},
            {QStringLiteral("sha256"), m.sha256},
            {QStringLiteral("exported_at"), m.exportedAt.toUTC().toString(Qt::ISODate)}};
}

int ledgerExport(CliContext &ctx, const QStringList &args)
{
    CommandLine cl(QStringLiteral("ledger export"));
    cl.addOption(QStringLiteral("format"), QStringLiteral("F"), QStringLiteral("gnucash-csv (GnuCash's multi-split CSV) or iif (QuickBooks Desktop)."));
    cl.addOption(QStringLiteral("from"), QStringLiteral("D"), QStringLiteral("First day of the period (YYYY-MM-DD, the company's time zone)."));
    cl.addOption(QStringLiteral("to"), QStringLiteral("D"), QStringLiteral("Last day of the period, included."));
    cl.addOption(QStringLiteral("output"), QStringLiteral("FILE"), QStringLiteral("The file to write."));
    cl.addOption(QStringLiteral("o"), QStringLiteral("FILE"), QStringLiteral("Same as --output."));
    cl.addFlag(QStringLiteral("mark-exported"), QStringLiteral("Record the period as exported (audited), with the file's SHA-256."));
    cl.parse(args);
    if (cl.helpRequested()) {
        ctx.out() << cl.helpText()
                  << "\nAccounts come from the settings ledger.receivable_account, ledger.income_account, ledger.item_accounts,\n"
                     "ledger.tax_account, ledger.tax_accounts, ledger.bank_account, ledger.customer_balance_account and\n"
                     "ledger.prepaid_credits_account (orbctl settings list). The same period gives the same bytes.\n";
        return Success;
    }
    const auto format = LedgerWriter::formatFromName(cl.value(QStringLiteral("format")));
    if (!format)
        throw CliError(InvalidInput, QStringLiteral("--format: \"%1\" is not gnucash-csv or iif").arg(cl.value(QStringLiteral("format"))));
    const QDate from = *dateOption(cl, QStringLiteral("from"), true);
    const QDate to = *dateOption(cl, QStringLiteral("to"), true);
    const QString output = cl.isSet(QStringLiteral("o")) ? cl.value(QStringLiteral("o")) : cl.value(QStringLiteral("output"));
    if (output.isEmpty())
        throw CliError(InvalidInput, QStringLiteral("ledger export: -o FILE is required"));
    const QList<JournalEntry> entries = LedgerJournal::build(ctx.company(), from, to);
    const QByteArray bytes = LedgerWriter::write(entries, *format);
    LedgerExportLog log(ctx.company());
    const QList<LedgerExportMark> before = log.overlapping(from, to);
    QSaveFile file(output);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        throw CliError(Failure, QStringLiteral("%1: cannot write (%2)").arg(QDir::toNativeSeparators(output), file.errorString()));
    const QString sha = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    std::optional<LedgerExportMark> marked;
    if (cl.isSet(QStringLiteral("mark-exported")))
        marked = log.mark(LedgerWriter::formatName(*format), from, to, int(entries.size()), sha, ctx.clock());
    if (ctx.json()) {
        QJsonArray earlier;
        for (const LedgerExportMark &m : before)
            earlier.append(markJson(m));
        ctx.printJson({{QStringLiteral("file"), QFileInfo(output).absoluteFilePath()},
                       {QStringLiteral("format"), LedgerWriter::formatName(*format)},
                       {QStringLiteral("entries"), int(entries.size())},
                       {QStringLiteral("sha256"), sha},
                       {QStringLiteral("marked"), marked ? QJsonValue(markJson(*marked)) : QJsonValue(QJsonValue::Null)},
                       {QStringLiteral("previously_exported"), earlier}});
        return Success;
    }
    for (const LedgerExportMark &m : before)
        ctx.err() << "note: " << m.from.toString(Qt::ISODate) << " to " << m.to.toString(Qt::ISODate) << " was already exported (" << m.format << ", "
                  << m.entries << " entries, " << m.exportedAt.toUTC().toString(Qt::ISODate) << ")\n";
    ctx.out() << "Wrote " << entries.size() << " journal entries (" << LedgerWriter::formatName(*format) << ") for " << from.toString(Qt::ISODate) << " to "
              << to.toString(Qt::ISODate) << " to " << QDir::toNativeSeparators(output) << "\n";
    if (marked)
        ctx.out() << "Marked the period as exported (sha256 " << sha << ")\n";
    return Success;
}

int ledgerCommand(CliContext &ctx, const QString &verb, const QStringList &args)
{
    if (verb == QLatin1String("export"))
        return ledgerExport(ctx, args);
    if (verb == QLatin1String("exports")) {
        CommandLine cl(QStringLiteral("ledger exports"));
        Paging page(cl);
        cl.parse(args);
        if (cl.helpRequested()) {
            ctx.out() << cl.helpText();
            return Success;
        }
        page.read(cl);
        const QList<LedgerExportMark> marks = page.slice(LedgerExportLog(ctx.company()).list(), [](const LedgerExportMark &m) { return m.id; });
        if (ctx.json()) {
            QJsonArray data;
            for (const LedgerExportMark &m : marks)
                data.append(markJson(m));
            page.printJson(ctx, data);
            return Success;
        }
        TablePrinter t({QStringLiteral("FROM"), QStringLiteral("TO"), QStringLiteral("FORMAT"), QStringLiteral("ENTRIES"), QStringLiteral("EXPORTED"),
                        QStringLiteral("SHA256")});
        for (const LedgerExportMark &m : marks)
            t.addRow({m.from.toString(Qt::ISODate), m.to.toString(Qt::ISODate), m.format, QString::number(m.entries),
                      m.exportedAt.toUTC().toString(Qt::ISODate), m.sha256.left(16)});
        t.print(ctx.out());
        page.printMore(ctx.out());
        return Success;
    }
    throw CliError(InvalidInput, QStringLiteral("ledger: unknown verb \"%1\" (export, exports)").arg(verb));
}

const CommandRegistry::Registrar ledgerNoun(
    "ledger", &ledgerCommand, "export | exports", 77,
    {{QStringLiteral("export"), {}, QStringLiteral("Write a period's invoices, payments, credit notes and voids as journal entries (GnuCash CSV or IIF).")},
     {QStringLiteral("exports"), {}, QStringLiteral("List the periods marked exported to the ledger.")}});

} // namespace

} // namespace orb::cli
