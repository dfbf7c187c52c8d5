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

/// SHA-256 of a file's bytes (empty when it cannot be read): "the file is unchanged" checks.
QByteArray fileHash(const QString &path);

/// Whether keychain tests can run: a D-Bus session bus is there (the project's test command
/// starts one with gnome-keyring unlocked, see DEBIAN12.md).
enum class Keyring {
    Available,
    Missing,  ///< no session bus: the keychain tests skip
    Required, ///< no session bus although ORB_REQUIRE_KEYRING is set: the keychain tests fail
};
Keyring keyringSession();

/// In a test function: skips it without a keyring, fails it when one is required but missing.
#define ORB_REQUIRE_KEYRING_OR_SKIP()                                                                                                                          \
    do {                                                                                                                                                       \
        switch (orb::test::keyringSession()) {                                                                                                                 \
        case orb::test::Keyring::Available: break;                                                                                                             \
        case orb::test::Keyring::Missing: QSKIP("no D-Bus session with a keyring (run the tests through scripts/test.sh)");                                    \
        case orb::test::Keyring::Required: QFAIL("ORB_REQUIRE_KEYRING is set but there is no D-Bus session bus");                                              \
        }                                                                                                                                                      \
    } while (false)

/// Result of running a program to completion.
struct ProcessResult {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

/// Runs a program with arguments and optional standard input; waits up to timeoutMs.
ProcessResult run(const QString &program, const QStringList &args, const QByteArray &stdinData = {}, const QStringList &extraEnv = {}, int timeoutMs = 120000);

} // namespace orb::test
