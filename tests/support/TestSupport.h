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

/// Writes `content` to the file at `path` (replacing it) and returns the path; a file a test
/// cannot write stops the test run, since every later check would be meaningless.
QString writeFile(const QString &path, const QByteArray &content);

/// Result of running a program to completion.
struct ProcessResult {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

/// Runs a program with arguments and optional standard input; waits up to timeoutMs.
ProcessResult run(const QString &program, const QStringList &args, const QByteArray &stdinData = {}, const QStringList &extraEnv = {}, int timeoutMs = 120000);

} // namespace orb::test
