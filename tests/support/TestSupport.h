// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace orb::test {

/// The folder of checked-in test data (tests/data).
QString dataDir();
/// The source tree's top folder.
QString sourceDir();

/// Result of running a program to completion.
struct ProcessResult {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

/// Runs a program with arguments and optional standard input; waits up to timeoutMs.
ProcessResult run(const QString &program, const QStringList &args, const QByteArray &stdinData = {},
                  const QStringList &extraEnv = {}, int timeoutMs = 120000);

} // namespace orb::test
