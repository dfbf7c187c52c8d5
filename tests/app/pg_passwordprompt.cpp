// SPDX-License-Identifier: GPL-3.0-or-later
// The password of a company server asked for on a terminal, as a person meets it: with no
// PGPASSWORD, keychain entry or ~/.pgpass, `orbctl company move-to-server URL` and `orbctl --db
// URL ...` ask "Password for ..." on the terminal (without echo) and go on with what is typed; a
// wrong one is refused naming the password and moves nothing; without a terminal the refusal
// says how to give one. orbctl runs on a pseudo-terminal of the test's own, against a cluster of
// the test's own that asks for passwords (scram-sha-256).
#include "tests/support/PgPrivateCluster.h"
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

using orb::test::ProcessResult;

namespace {

struct TerminalRun {
    int exitCode = -1;
    QByteArray screen; ///< everything the program wrote to its terminal
    bool prompted = false;
};

/**
 * Runs orbctl with `args` on a new pseudo-terminal with `env` as its whole environment. When
 * "Password for" appears and the terminal's echo is off (the program is ready to read it
 * unseen), types `typed` and Enter. Gives up after 60 s.
 */
TerminalRun onTerminal(const QStringList &args, const QStringList &env, const QByteArray &typed)
{
    TerminalRun result;
    QList<QByteArray> argStore{QByteArrayLiteral(ORBCTL_PATH)};
    for (const QString &a : args)
        argStore << a.toLocal8Bit();
    QList<QByteArray> envStore;
    for (const QString &e : env)
        envStore << e.toLocal8Bit();
    std::vector<char *> argv, envp;
    for (QByteArray &a : argStore)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    for (QByteArray &e : envStore)
        envp.push_back(e.data());
    envp.push_back(nullptr);

    int master = -1;
    const pid_t pid = forkpty(&master, nullptr, nullptr, nullptr);
    if (pid < 0)
        return result;
    if (pid == 0) {
        execve(argv[0], argv.data(), envp.data());
        _exit(127);
    }
    QElapsedTimer clock;
    clock.start();
    bool answered = false;
    while (clock.elapsed() < 60000) {
        if (!answered && result.screen.contains("Password for")) {
            termios t{};
            // Linux reports the terminal's settings on the master side too: wait until the
            // program has turned echo off, or what is typed would be flushed with the change.
            if (tcgetattr(master, &t) == 0 && !(t.c_lflag & ECHO)) {
                const QByteArray line = typed + '\n';
                if (write(master, line.constData(), size_t(line.size())) == line.size())
                    answered = result.prompted = true;
            }
        }
        pollfd p{master, POLLIN, 0};
        if (poll(&p, 1, 20) > 0) {
            char buffer[4096];
            const ssize_t n = read(master, buffer, sizeof buffer);
            if (n > 0)
                result.screen.append(buffer, int(n));
            else if (n < 0 && errno != EINTR && errno != EAGAIN) {
                // EIO: the program closed its terminal; it is ending.
                int status = 0;
                waitpid(pid, &status, 0);
                result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
                close(master);
                return result;
            }
        }
        int status = 0;
        if (waitpid(pid, &status, WNOHANG) == pid) {
            // Read what is left on the terminal.
            for (;;) {
                pollfd q{master, POLLIN, 0};
                char buffer[4096];
                if (poll(&q, 1, 50) <= 0)
                    break;
                const ssize_t n = read(master, buffer, sizeof buffer);
                if (n <= 0)
                    break;
                result.screen.append(buffer, int(n));
            }
            result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
            close(master);
            return result;
        }
    }
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    close(master);
    result.screen.append("\n[the test gave up after 60 s]");
    return result;
}

} // namespace

class TestPasswordPrompt : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<orb::test::PgPrivateCluster> m_cluster;
    QString m_file;

    /// An environment with no password anywhere: no PGPASSWORD, a home without ~/.pgpass, no
    /// keychain reachable (no session bus).
    QStringList bareEnv() const
    {
        return {QStringLiteral("HOME=") + m_dir.path(),
                QStringLiteral("XDG_DATA_HOME=") + m_dir.filePath(QStringLiteral("data")),
                QStringLiteral("XDG_CONFIG_HOME=") + m_dir.filePath(QStringLiteral("config")),
                QStringLiteral("PATH=/usr/bin:/bin"),
                QStringLiteral("LANG=C.UTF-8"),
                QStringLiteral("QT_QPA_PLATFORM=offscreen"),
                QStringLiteral("TERM=dumb")};
    }
    /// A new empty database on the cluster and its location (user orbadmin, the cluster's
    /// socket folder); the cluster asks every connection for the password.
    QString location(const QString &database) const { return m_cluster->createDatabase(database); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_cluster = std::make_unique<orb::test::PgPrivateCluster>();
        QVERIFY2(m_cluster->isRunning(), "the private PostgreSQL cluster did not start");
        m_file = m_dir.filePath(QStringLiteral("books.orb"));
        const ProcessResult init = orb::test::run(
            QStringLiteral(ORBCTL_PATH), {QStringLiteral("--db"), m_file, QStringLiteral("init"), QStringLiteral("--name"), QStringLiteral("Prompted Books")});
        QVERIFY2(init.exitCode == 0, init.err.constData());
    }

    void moveAsksForThePassword()
    {
        const QString url = location(QStringLiteral("moved"));
        QVERIFY(!url.isEmpty());
        const TerminalRun r = onTerminal({QStringLiteral("--db"), m_file, QStringLiteral("company"), QStringLiteral("move-to-server"), url}, bareEnv(),
                                         m_cluster->password().toUtf8());
        QVERIFY2(r.prompted, r.screen.constData());
        QVERIFY2(r.exitCode == 0, r.screen.constData());
        QVERIFY2(r.screen.contains("Moved "), r.screen.constData());
        // Typed without echo: the password never shows on the terminal.
        QVERIFY2(!r.screen.contains(m_cluster->password().toUtf8()), r.screen.constData());

        // And a command on the moved company asks the same way.
        const TerminalRun show =
            onTerminal({QStringLiteral("--db"), url, QStringLiteral("company"), QStringLiteral("show")}, bareEnv(), m_cluster->password().toUtf8());
        QVERIFY2(show.prompted, show.screen.constData());
        QVERIFY2(show.exitCode == 0, show.screen.constData());
        QVERIFY2(show.screen.contains("Prompted Books"), show.screen.constData());
    }

    void wrongPasswordMovesNothing()
    {
        const QString url = location(QStringLiteral("wrong"));
        QVERIFY(!url.isEmpty());
        const TerminalRun r = onTerminal({QStringLiteral("--db"), m_file, QStringLiteral("company"), QStringLiteral("move-to-server"), url}, bareEnv(),
                                         QByteArrayLiteral("not-the-password"));
        QVERIFY2(r.prompted, r.screen.constData());
        QVERIFY2(r.exitCode != 0, r.screen.constData());
        QVERIFY2(r.screen.contains("refused the password"), r.screen.constData());
        // Nothing moved: the database is still empty, so the right password moves it now.
        const ProcessResult again =
            orb::test::run(QStringLiteral(ORBCTL_PATH), {QStringLiteral("--db"), m_file, QStringLiteral("company"), QStringLiteral("move-to-server"), url}, {},
                           {QStringLiteral("PGPASSWORD=") + m_cluster->password()});
        QVERIFY2(again.exitCode == 0, again.err.constData());
    }

    void withoutTerminalSaysHow()
    {
        const QString url = location(QStringLiteral("noterminal"));
        QVERIFY(!url.isEmpty());
        // No terminal (standard input is not one) and no password anywhere.
        const ProcessResult r =
            orb::test::run(QStringLiteral("/usr/bin/env"), QStringList{QStringLiteral("-i")} + bareEnv()
                                                               + QStringList{QStringLiteral(ORBCTL_PATH), QStringLiteral("--db"), m_file,
                                                                             QStringLiteral("company"), QStringLiteral("move-to-server"), url});
        QVERIFY2(r.exitCode != 0, r.out.constData());
        QVERIFY2(r.err.contains("password") && r.err.contains(".pgpass"), r.err.constData());
        QVERIFY2(!r.err.contains("Password for"), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestPasswordPrompt)
#include "pg_passwordprompt.moc"
