// SPDX-License-Identifier: GPL-3.0-or-later
// orbctl's customers in and out: `customers import FILE` (CSV, columns mapped by name or with
// --map, duplicates by external id reported and never doubled, refused rows listed) and
// `customers export -o FILE`.
#include "app/cli/CustomerCsvCommands.h"

#include "app/cli/CliContext.h"
#include "app/cli/CliError.h"
#include "app/cli/CommandLine.h"
#include "models/exports/CustomerCsv.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QSaveFile>

namespace orb::cli {

namespace {

QJsonObject rowJson(const CustomerImportRow &r)
{
    QJsonArray errors;
    for (const FieldError &e : r.errors)
        errors.append(QJsonObject{{QStringLiteral("field"), e.path}, {QStringLiteral("message"), e.message}});
    return {{QStringLiteral("line"), r.line},
            {QStringLiteral("external_customer_id"), r.customer.externalCustomerId},
            {QStringLiteral("name"), r.customer.name},
            {QStringLiteral("errors"), errors}};
}

} // namespace

int customersImport(CliContext &ctx, const QStringList &args)
{
    CommandLine cl(QStringLiteral("customers import"), {QStringLiteral("FILE")});
    cl.addOption(QStringLiteral("map"), QStringLiteral("FIELD=COLUMN"),
                 QStringLiteral("Read a field from a column of another name (repeatable), e.g. --map name=Company."));
    cl.addFlag(QStringLiteral("dry-run"), QStringLiteral("Report what the import would do; change nothing."));
    cl.parse(args);
    if (cl.helpRequested()) {
        ctx.out() << cl.helpText() << "\nFields: " << CustomerCsv::fields().join(QStringLiteral(", "))
                  << ".\ntax_id is TYPE:COUNTRY:VALUE, metadata KEY=VALUE; KEY=VALUE. Columns named like a field are read as it.\n"
                     "Exit 2 when rows were refused; duplicates (an external id already known) are reported and skipped.\n";
        return Success;
    }
    const QString path = cl.positional(0);
    if (path.isEmpty())
        throw CliError(InvalidInput, QStringLiteral("customers import: give the CSV file"));
    const CsvTable table = CustomerCsv::read(path);
    QHash<QString, int> mapping = CustomerCsv::guessMapping(table.header);
    for (const QString &m : cl.values(QStringLiteral("map"))) {
        const qsizetype eq = m.indexOf(QLatin1Char('='));
        const QString field = m.left(eq).trimmed();
        const QString column = m.mid(eq + 1).trimmed();
        if (eq <= 0 || !CustomerCsv::fields().contains(field))
            throw CliError(InvalidInput,
                           QStringLiteral("--map %1: not FIELD=COLUMN with a customer field (%2)").arg(m, CustomerCsv::fields().join(QStringLiteral(", "))));
        const int index = int(table.header.indexOf(column));
        if (index < 0)
            throw CliError(InvalidInput,
                           QStringLiteral("--map %1: %2 has no column \"%3\" (it has %4)").arg(m, path, column, table.header.join(QStringLiteral(", "))));
        mapping.insert(field, index);
    }
    CustomerImportResult result;
    if (cl.isSet(QStringLiteral("dry-run"))) {
        for (const CustomerImportRow &r : CustomerCsv::preview(ctx.company(), table, mapping)) {
            if (r.status == CustomerImportRow::Status::New)
                ++result.created;
            else if (r.status == CustomerImportRow::Status::Duplicate)
                result.duplicates.append(r);
            else
                result.refused.append(r);
        }
    } else {
        result = CustomerCsv::import(ctx.company(), ctx.clock(), table, mapping);
    }
    if (ctx.json()) {
        QJsonArray duplicates, refused;
        for (const CustomerImportRow &r : result.duplicates)
            duplicates.append(rowJson(r));
        for (const CustomerImportRow &r : result.refused)
            refused.append(rowJson(r));
        ctx.printJson({{QStringLiteral("file"), QFileInfo(path).absoluteFilePath()},
                       {QStringLiteral("dry_run"), cl.isSet(QStringLiteral("dry-run"))},
                       {QStringLiteral("created"), result.created},
                       {QStringLiteral("duplicates"), duplicates},
                       {QStringLiteral("refused"), refused}});
    } else {
        ctx.out() << (cl.isSet(QStringLiteral("dry-run")) ? "Would create " : "Created ") << result.created << " customers; " << result.duplicates.size()
                  << " duplicates skipped; " << result.refused.size() << " rows refused\n";
        for (const CustomerImportRow &r : result.duplicates)
            ctx.err() << path << " line " << r.line << ": duplicate: " << joinErrors(r.errors) << "\n";
        for (const CustomerImportRow &r : result.refused)
            ctx.err() << path << " line " << r.line << ": refused: " << joinErrors(r.errors).replace(QLatin1Char('\n'), QStringLiteral("; ")) << "\n";
    }
    return result.refused.isEmpty() ? Success : InvalidInput;
}

int customersExport(CliContext &ctx, const QStringList &args)
{
    CommandLine cl(QStringLiteral("customers export"));
    cl.addOption(QStringLiteral("output"), QStringLiteral("FILE"), QStringLiteral("The CSV file to write."));
    cl.addOption(QStringLiteral("o"), QStringLiteral("FILE"), QStringLiteral("Same as --output."));
    cl.parse(args);
    if (cl.helpRequested()) {
        ctx.out() << cl.helpText() << "\nEvery customer, archived ones too, in the columns customers import reads.\n";
        return Success;
    }
    const QString output = cl.isSet(QStringLiteral("o")) ? cl.value(QStringLiteral("o")) : cl.value(QStringLiteral("output"));
    if (output.isEmpty())
        throw CliError(InvalidInput, QStringLiteral("customers export: -o FILE is required"));
    const QByteArray bytes = CustomerCsv::exportAll(ctx.company());
    QSaveFile file(output);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        throw CliError(Failure, QStringLiteral("%1: cannot write (%2)").arg(QDir::toNativeSeparators(output), file.errorString()));
    const int count = int(bytes.count('\n')) - 1;
    if (ctx.json())
        ctx.printJson({{QStringLiteral("file"), QFileInfo(output).absoluteFilePath()}, {QStringLiteral("customers"), count}});
    else
        ctx.out() << "Wrote " << count << " customers to " << QDir::toNativeSeparators(output) << "\n";
    return Success;
}

} // namespace orb::cli
