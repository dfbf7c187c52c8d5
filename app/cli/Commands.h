#pragma once

#include <QStringList>

namespace orb::cli {

class CliContext;

// One function per noun; each parses its verb's options and returns the exit code.
int companyInit(CliContext &ctx, const QStringList &args);
int companyDemo(CliContext &ctx, const QStringList &args);
int companyCommand(CliContext &ctx, const QString &verb, const QStringList &args);
int settingsCommand(CliContext &ctx, const QString &verb, const QStringList &args);
int customersCommand(CliContext &ctx, const QString &verb, const QStringList &args);

} // namespace orb::cli
