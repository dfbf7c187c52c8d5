// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CliContext.h"
#include "app/cli/CliError.h"
#include "app/cli/CommandLine.h"
#include "app/cli/CommandRegistry.h"
#include "models/CompanyFile.h"
#include "models/StorageError.h"
#include "models/backup/Backup.h"
#include "models/backup/BackupScheduler.h"

#include <QDir>
#include <QJsonArray>

namespace orb::cli {

namespace {

// The noun's first word is FILE (or an option), not a verb: `orbctl backup FILE`.
QStringList withVerb(const QString &verb, const QStringList &args)
{
    QStringList all = args;
    if (!verb.isEmpty())
        all.prepend(verb);
    return all;
}

int backupCommand(CliContext &ctx, const QString &verb, const QStringList &args)
{
    const QStringList all = withVerb(verb, args);
    // FILE is optional: without it the backup goes into the folder of the scheduled backups.
    const bool hasFile = !all.isEmpty() && !all.first().startsWith(QLatin1Char('-'));
    CommandLine parsed(QStringLiteral("backup"), hasFile ? QStringList{QStringLiteral("FILE")} : QStringList());
    parsed.parse(all);
    if (parsed.helpRequested()) {
        ctx.out() << "usage: orbctl backup [FILE]\n"
                     "Backs up the company file while it may be in use (SQLite's online backup), to FILE\n"
                     "(never overwritten), or without FILE into the folder set by `orbctl settings set\n"
                     "backup.folder DIR`, deleting all but the newest backup.keep backups there.\n";
        return Success;
    }
    CompanyFile &file = ctx.company();
    QString dest;
    QStringList pruned;
    BackupInfo info;
    if (hasFile) {
        dest = parsed.positional(0);
        info = Backup::create(file.db(), dest);
    } else {
        const BackupSchedule s = BackupSchedule::of(file);
        if (s.folder.isEmpty())
            throw CliError(InvalidInput, QStringLiteral("backup: name a FILE, or set a backup folder first (orbctl settings set backup.folder DIR)"));
        dest = QDir(s.folder).absoluteFilePath(Backup::timestampedName(file.path(), ctx.clock().now()));
        info = Backup::create(file.db(), dest);
        pruned = Backup::prune(s.folder, file.path(), s.keep);
    }
    if (ctx.json()) {
        ctx.printJson({{QStringLiteral("path"), info.path},
                       {QStringLiteral("bytes"), QString::number(info.bytes)},
                       {QStringLiteral("pages"), info.pages},
                       {QStringLiteral("pruned"), QJsonArray::fromStringList(pruned)}});
    } else {
        ctx.out() << "Backed up " << file.path() << " to " << info.path << " (" << info.bytes << " bytes, checked).\n";
        for (const QString &p : pruned)
            ctx.out() << "Deleted the old backup " << p << ".\n";
    }
    return Success;
}

int restoreCommand(CliContext &ctx, const QString &verb, const QStringList &args)
{
    const QStringList all = withVerb(verb, args);
    CommandLine cl(QStringLiteral("restore"), {QStringLiteral("FILE")});
    cl.addFlag(QStringLiteral("force"), QStringLiteral("Restore even over a company file another program has open."));
    cl.parse(all);
    if (cl.helpRequested()) {
        ctx.out() << "usage: orbctl [--db COMPANY] restore FILE [--force]\n"
                     "Checks the backup FILE (headers and a full integrity check), then puts a copy of it in\n"
                     "place of the company file. The company file it replaces is kept aside as\n"
                     "COMPANY.before-restore-TIME. A company file in use is refused unless --force.\n";
        return Success;
    }
    RestoreResult r;
    try {
        // Never ctx.company(): the file being replaced must not be opened (or migrated) here.
        r = Backup::restore(cl.positional(0), ctx.dbPath(), cl.isSet(QStringLiteral("force")), ctx.clock().now());
    } catch (const CompanyFileError &e) {
        throw CliError(InvalidInput, e.message());
    }
    if (ctx.json()) {
        ctx.printJson({{QStringLiteral("restored"), r.restoredPath},
                       {QStringLiteral("kept_aside"), r.keptAsidePath.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(r.keptAsidePath)},
                       {QStringLiteral("backup_schema_version"), r.schemaVersion}});
    } else {
        ctx.out() << "Restored " << cl.positional(0) << " to " << r.restoredPath << " (checked).\n";
        if (!r.keptAsidePath.isEmpty())
            ctx.out() << "The file it replaced is kept as " << r.keptAsidePath << ".\n";
    }
    return Success;
}

const CommandRegistry::Registrar backupNoun("backup", &backupCommand, "[FILE]   an online backup of the company file (checked, owner-only)", 95);
const CommandRegistry::Registrar restoreNoun("restore", &restoreCommand, "FILE [--force]   restore a checked backup, keeping the old file aside", 96);

} // namespace

} // namespace orb::cli
