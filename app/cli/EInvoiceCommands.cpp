// SPDX-License-Identifier: GPL-3.0-or-later
// orbctl's e-invoices: `invoices export ID --format ubl|cii -o FILE` writes an issued invoice or
// a credit note as EN 16931 XML (Peppol BIS Billing 3.0 UBL, or UN/CEFACT CII).
#include "app/cli/EInvoiceCommands.h"

#include "app/cli/BillingArgs.h"
#include "app/cli/CliContext.h"
#include "app/cli/CliError.h"
#include "app/cli/CommandLine.h"
#include "models/exports/EInvoiceSource.h"
#include "models/exports/EInvoiceWriter.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonObject>
#include <QSaveFile>

namespace orb::cli {

int invoicesExport(CliContext &ctx, const QStringList &args)
{
    CommandLine cl(QStringLiteral("invoices export"), {QStringLiteral("ID")});
    cl.addOption(QStringLiteral("format"), QStringLiteral("F"),
                 QStringLiteral("ubl (UBL 2.1, Peppol BIS Billing 3.0) or cii (UN/CEFACT CII, XRechnung / Factur-X XML)."));
    cl.addOption(QStringLiteral("output"), QStringLiteral("FILE"), QStringLiteral("The XML file to write."));
    cl.addOption(QStringLiteral("o"), QStringLiteral("FILE"), QStringLiteral("Same as --output."));
    cl.parse(args);
    if (cl.helpRequested()) {
        ctx.out() << cl.helpText()
                  << "\nID is an issued or paid invoice (id or number) or a credit note (id or number). The totals are the PDF's;\n"
                     "the EN 16931 business rules are checked before anything is written.\n";
        return Success;
    }
    const QString id = requiredPositional(cl, 0, QStringLiteral("the invoice or credit note"));
    const auto format = EInvoiceWriter::formatFromName(cl.value(QStringLiteral("format")));
    if (!format)
        throw CliError(InvalidInput, QStringLiteral("--format: \"%1\" is not ubl or cii").arg(cl.value(QStringLiteral("format"))));
    const QString output = cl.isSet(QStringLiteral("o")) ? cl.value(QStringLiteral("o")) : cl.value(QStringLiteral("output"));
    if (output.isEmpty())
        throw CliError(InvalidInput, QStringLiteral("invoices export %1: -o FILE is required (the XML to write)").arg(id));
    const EInvoice invoice = EInvoiceSource::load(ctx.company(), id);
    const QByteArray xml = EInvoiceWriter::write(invoice, *format);
    QSaveFile file(output);
    if (!file.open(QIODevice::WriteOnly) || file.write(xml) != xml.size() || !file.commit())
        throw CliError(Failure, QStringLiteral("%1: cannot write (%2)").arg(QDir::toNativeSeparators(output), file.errorString()));
    const QString kind = invoice.type == EInvoice::Type::Invoice ? QStringLiteral("invoice") : QStringLiteral("credit note");
    if (ctx.json()) {
        ctx.printJson({{QStringLiteral("file"), QFileInfo(output).absoluteFilePath()},
                       {QStringLiteral("document"), QString(kind + QLatin1Char(' ') + invoice.number)},
                       {QStringLiteral("format"), cl.value(QStringLiteral("format"))},
                       {QStringLiteral("currency"), invoice.currency},
                       {QStringLiteral("total"), invoice.amount(invoice.taxInclusive)},
                       {QStringLiteral("amount_due"), invoice.amount(invoice.payable)}});
    } else {
        ctx.out() << "Wrote " << kind << " " << invoice.number << " as " << cl.value(QStringLiteral("format")).toUpper() << " to "
                  << QDir::toNativeSeparators(output) << " (total " << invoice.amount(invoice.taxInclusive) << " " << invoice.currency << ", due "
                  << invoice.amount(invoice.payable) << ")\n";
    }
    return Success;
}

} // namespace orb::cli
