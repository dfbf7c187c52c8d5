// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CliContext.h"
#include "app/cli/CliError.h"
#include "app/cli/CommandLine.h"
#include "app/cli/CommandRegistry.h"
#include "models/CompanyFile.h"
#include "models/StorageError.h"
#include "models/backup/Backup.h"
#include "models/backup/BackupCrypto.h"
#include "models/backup/BackupScheduler.h"
#include "models/storage/CompanyLocation.h"
#include "sync/BackupPassphraseStore.h"

#include <QDir>
#include <QJsonArray>

#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace orb::cli {

namespace {

// Reads a passphrase from standard input: the first line, as typed. On a terminal it is not
// echoed, and a new one is asked twice so that a typo cannot lock the backup away.
QByteArray readPassphrase(CliContext &ctx, const char *prompt, bool confirm)
{
    const bool tty = isatty(fileno(stdin));
    termios saved{};
    const auto readLine = [&](const char *text) {
        if (tty) {
            std::fprintf(stderr, "%s", text);
            std::fflush(stderr);
            tcgetattr(fileno(stdin), &saved);
            termios quiet = saved;
            quiet.c_lflag &= ~tcflag_t(ECHO);
            tcsetattr(fileno(stdin), TCSANOW, &quiet);
        }
        const QString line = ctx.in().readLine();
        if (tty) {
            tcsetattr(fileno(stdin), TCSANOW, &saved);
            std::fprintf(stderr, "\n");
        }
        return line.toUtf8();
    };
    const QByteArray first = readLine(prompt);
    if (first.isEmpty())
        throw CliError(InvalidInput, QStringLiteral("no passphrase on standard input (it is read from there, never from the command line)"));
    if (confirm && tty && readLine("Passphrase again: ") != first)
        throw CliError(InvalidInput, QStringLiteral("the two passphrases differ; nothing was written"));
    return first;
}

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
    CommandLine parsed(QStringLiteral("backup"), {QStringLiteral("[FILE]")});
    parsed.addFlag(QStringLiteral("encrypt"), QStringLiteral("Encrypt the backup with a passphrase read from standard input."));
    parsed.parse(all);
    const bool hasFile = parsed.positionalCount() > 0;
    if (parsed.helpRequested()) {
        ctx.out() << "Usage: orbctl backup [FILE] [--encrypt]\n"
                     "Backs up the company file while it may be in use (SQLite's online backup), to FILE\n"
                     "(never overwritten), or without FILE into the folder set by `orbctl settings set\n"
                     "backup.folder DIR`, deleting all but the newest backup.keep backups there.\n"
                     "--encrypt: encrypt and authenticate the backup (libsodium secretstream, the key derived\n"
                     "with Argon2id from a passphrase of at least 10 characters read from standard input, the\n"
                     "first line; asked twice, unechoed, on a terminal). `orbctl restore` asks for it again.\n";
        return Success;
    }
    CompanyFile &file = ctx.company();
    // Into the backup folder with a passphrase kept in the keychain (`orbctl backup-key set`):
    // encrypted as the window's scheduled backups are, without asking.
    const bool keychainKey =
        !hasFile && !parsed.isSet(QStringLiteral("encrypt")) && file.setting(QStringLiteral("backup.encrypt")) == QLatin1String("keychain");
    const bool encrypt = parsed.isSet(QStringLiteral("encrypt")) || keychainKey;
    QByteArray passphrase;
    if (keychainKey) {
        QString error;
        const auto stored = BackupPassphraseStore(file.path()).load(&error);
        if (!stored)
            throw CliError(Failure, QStringLiteral("backup: the backup passphrase could not be read from the keychain (%1); no backup was written")
                                        .arg(error.isEmpty() ? QStringLiteral("it is not there; set it with `orbctl backup-key set`") : error));
        passphrase = *stored;
    } else if (encrypt) {
        passphrase = readPassphrase(ctx, "Backup passphrase: ", true);
    }
    const auto write = [&](const QString &to) { return encrypt ? Backup::createEncrypted(file.db(), to, passphrase) : Backup::create(file.db(), to); };
    QString dest;
    QStringList pruned;
    BackupInfo info;
    if (hasFile) {
        dest = parsed.positional(0);
        info = write(dest);
    } else {
        const BackupSchedule s = BackupSchedule::of(file);
        if (s.folder.isEmpty())
            throw CliError(InvalidInput, QStringLiteral("backup: name a FILE, or set a backup folder first (orbctl settings set backup.folder DIR)"));
        dest = QDir(s.folder).absoluteFilePath(Backup::timestampedName(file.path(), ctx.clock().now(), encrypt));
        info = write(dest);
        pruned = Backup::prune(s.folder, file.path(), s.keep);
    }
    if (ctx.json()) {
        ctx.printJson({{QStringLiteral("path"), info.path},
                       {QStringLiteral("bytes"), QString::number(info.bytes)},
                       {QStringLiteral("pages"), info.pages},
                       {QStringLiteral("encrypted"), encrypt},
                       {QStringLiteral("pruned"), QJsonArray::fromStringList(pruned)}});
    } else {
        ctx.out() << "Backed up " << file.path() << " to " << info.path << " (" << info.bytes << " bytes, checked" << (encrypt ? ", encrypted" : "") << ").\n";
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
        ctx.out() << "Usage: orbctl [--db COMPANY] restore FILE [--force]\n"
                     "Checks the backup FILE (headers, a full integrity check, and that its schema is exactly\n"
                     "Orb's), then puts a copy of it in place of the company file. The company file it replaces\n"
                     "is kept aside as COMPANY.before-restore-TIME. A company file in use is refused unless\n"
                     "--force. An encrypted backup's passphrase is read from standard input (unechoed on a\n"
                     "terminal); a wrong passphrase or a changed byte is refused (exit code 2), nothing changes.\n";
        return Success;
    }
    // A restore puts a company file in place of another; a server's database is not replaced
    // from here (its other users work in it). Treated as a path, the URL would name a folder.
    if (CompanyLocation::looksLikeServer(ctx.dbPath()))
        throw CliError(InvalidInput, QStringLiteral("restore replaces a company file, and --db names a company server, which it leaves alone: restore "
                                                    "the backup into a file (orbctl --db FILE restore BACKUP), then move that file to a new database "
                                                    "with `orbctl --db FILE company move-to-server URL`; nothing was restored"));
    const QString backupFile = cl.positional(0);
    const QByteArray passphrase = BackupCrypto::isEncrypted(backupFile) ? readPassphrase(ctx, "Backup passphrase: ", false) : QByteArray();
    RestoreResult r;
    try {
        // Never ctx.company(): the file being replaced must not be opened (or migrated) here.
        r = Backup::restore(backupFile, ctx.dbPath(), cl.isSet(QStringLiteral("force")), ctx.clock().now(), passphrase);
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

int backupKeyCommand(CliContext &ctx, const QString &verb, const QStringList &args)
{
    const bool helpVerb = verb == QLatin1String("--help") || verb == QLatin1String("-h");
    CommandLine cl(QStringLiteral("backup-key ") + verb);
    if (!helpVerb)
        cl.parse(args);
    if (helpVerb || cl.helpRequested() || verb.isEmpty()) {
        ctx.out() << "Usage: orbctl backup-key set | remove | status\n"
                     "set: reads a backup passphrase (10 characters or more) from standard input and keeps it in the\n"
                     "OS keychain for this company file; from then on the window's scheduled backups and\n"
                     "`orbctl backup` without FILE are encrypted with it (.orbenc). Restore them anywhere with\n"
                     "the same passphrase. remove: forget it (later backups are plain again).\n";
        return verb.isEmpty() ? InvalidInput : Success;
    }
    CompanyFile &file = ctx.company();
    const BackupPassphraseStore store(file.path());
    if (verb == QLatin1String("set")) {
        const QByteArray passphrase = readPassphrase(ctx, "Backup passphrase: ", true);
        if (passphrase.size() < BackupCrypto::MinPassphraseLength)
            throw CliError(InvalidInput, QStringLiteral("the backup passphrase must be at least %1 characters long").arg(BackupCrypto::MinPassphraseLength));
        const QString error = store.store(passphrase);
        if (!error.isEmpty())
            throw CliError(Failure, QStringLiteral("the keychain refused the backup passphrase: %1").arg(error));
        file.setSetting(QStringLiteral("backup.encrypt"), QStringLiteral("keychain"), ctx.clock());
        ctx.out() << "The backup passphrase is in the keychain; scheduled backups of " << file.path() << " are encrypted from now on.\n";
        return Success;
    }
    if (verb == QLatin1String("remove")) {
        const QString error = store.remove();
        if (!error.isEmpty())
            throw CliError(Failure, QStringLiteral("the keychain refused: %1").arg(error));
        file.setSetting(QStringLiteral("backup.encrypt"), QStringLiteral("off"), ctx.clock());
        ctx.out() << "The backup passphrase was removed; scheduled backups are no longer encrypted.\n";
        return Success;
    }
    if (verb == QLatin1String("status")) {
        const bool on = file.setting(QStringLiteral("backup.encrypt")) == QLatin1String("keychain");
        if (ctx.json())
            ctx.printJson({{QStringLiteral("encrypted"), on}});
        else
            ctx.out() << (on ? "Scheduled backups are encrypted with the passphrase in the keychain.\n" : "Scheduled backups are not encrypted.\n");
        return Success;
    }
    throw CliError(InvalidInput, QStringLiteral("backup-key: unknown verb \"%1\" (set, remove, status)").arg(verb));
}

const CommandRegistry::Registrar
    backupKeyNoun("backup-key", &backupKeyCommand, "set | remove | status   a backup passphrase in the keychain for encrypted scheduled backups", 97,
                  {{QStringLiteral("set"),
                    {},
                    QStringLiteral("Read a backup passphrase (10 characters or more) from standard input and keep it in the OS keychain for this company "
                                   "file, so that scheduled backups and `orbctl backup` without FILE are encrypted with it.")},
                   {QStringLiteral("remove"), {}, QStringLiteral("Forget the backup passphrase; later scheduled backups are plain again.")},
                   {QStringLiteral("status"), {}, QStringLiteral("Say whether scheduled backups are encrypted with a passphrase from the keychain.")}});
const CommandRegistry::Registrar
    backupNoun("backup", &backupCommand, "[FILE] [--encrypt]   an online backup of the company file (checked, owner-only, optionally encrypted)", 95,
               {{{},
                 QStringLiteral("[FILE]"),
                 QStringLiteral("Back up the company file while it may be in use (SQLite's online backup) to FILE (never overwritten), or without FILE into "
                                "the folder set by `orbctl settings set backup.folder DIR`, deleting all but the newest backup.keep backups there; "
                                "--encrypt encrypts it with a passphrase read from standard input.")}});
const CommandRegistry::Registrar
    restoreNoun("restore", &restoreCommand, "FILE [--force]   restore a checked backup, keeping the old file aside", 96,
                {{{},
                  QStringLiteral("FILE"),
                  QStringLiteral("Check the backup FILE (headers, a full integrity check and Orb's exact schema; an encrypted one with the passphrase read "
                                 "from standard input), then put a copy of it in place of the company file, which is kept aside as "
                                 "COMPANY.before-restore-TIME; a company file in use is refused unless --force.")}});

} // namespace

} // namespace orb::cli
