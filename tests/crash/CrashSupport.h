// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the crash-safety harness's scenarios share: the workspace of one scenario, the row that
// describes a scenario, and the small tools every row uses (running orbctl to the end, hashing
// a query's rows, SQLite's integrity check).

#include <QByteArray>
#include <QMap>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <functional>

namespace crash {

/// One scenario's files and settings.
struct Workspace {
    QString orbctl;
    QString dir;
    QString templateDb; ///< the prepared company file every round starts from
    QString db;         ///< the company file of the current round
    QString input;
    int events = 0;
    int scale = 1;                   ///< --scale: multiplies the size of the billing scenarios
    QProcessEnvironment environment; ///< of every orbctl the harness starts
    QString finished;                ///< what every round ended with, for the summary line
    QMap<QString, qint64> seen;      ///< what the kills caused, summed over the rounds (not compared)
};

/**
 * One row of the harness's table. Each round copies the template, then runs the steps in turn;
 * each step's command is killed at random moments and started again until it finishes. After
 * the last step the digest must equal an uninterrupted round's.
 */
struct Scenario {
    const char *name;
    /// Once per scenario: the template company file and any input.
    std::function<void(Workspace &)> prepare;
    /// The command of a step.
    std::function<QStringList(const Workspace &, int step)> command;
    /// What the round must leave behind, as lines of text compared with an uninterrupted
    /// round's; sets *problem when a rule is broken outright.
    std::function<QByteArray(Workspace &, QString *problem)> digest;
    int steps = 1;
    /// Optional: before each step of each round (outside state such as the Stripe stand-in).
    std::function<void(Workspace &, int step)> beforeStep;
    /// The round's company lives on the PostgreSQL test cluster (ORB_TEST_PG_SOCKET): each
    /// round moves the template file into a fresh database there and ws.db is its location.
    bool server = false;
    /// Optional: a count of requests the outside world has seen. Half the kills then land
    /// just as the k-th request of the run (k at random) arrives, rather than at a random time:
    /// the moment a change is made outside and its answer has not yet reached Orb.
    std::function<qint64()> requests;
};

[[noreturn]] void fail(const QString &message);

/// Runs a program to its end; returns its exit code (stderr is echoed when it is not 0).
int runToEnd(const QString &program, const QStringList &args, QByteArray *out = nullptr,
             const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());
/// Runs `orbctl --db <the round's file> ARGS` and fails the harness unless it exits with 0.
QByteArray orbctlOk(const Workspace &ws, const QString &db, const QStringList &args);

/// One query's rows as text, one line per row, columns separated by '|': a digest's part,
/// compared line by line with the uninterrupted run's so that a difference can be shown.
QByteArray queryText(const QString &db, const char *sql, qint64 *rows, QString *problem);
/// The rows of a query as text (columns joined by '|'), for checks and messages.
QStringList queryRows(const QString &db, const char *sql, QString *problem);
/// PRAGMA integrity_check: empty when the file is intact, else what SQLite reported. For a
/// server company: `orbctl audit verify` (the server keeps its own pages whole).
QString integrity(const Workspace &ws, const QString &db);

/// Whether db is a company server's location rather than a file.
bool isServer(const QString &db);
/// A fresh database NAME on the test cluster with the template moved into it; its location.
QString serverRound(const Workspace &ws, const QString &name);
/// Drops a round's database.
void dropServerRound(const QString &location);

Scenario eventsImportScenario();
Scenario invoiceRunScenario();
Scenario invoiceIssueScenario();
Scenario syncScenario();
Scenario syncDayGapsScenario();
Scenario syncMonthGapScenario();
Scenario syncMoneyDayGapsScenario();
Scenario syncMoneyMonthGapScenario();
Scenario serverInvoiceIssueScenario();
Scenario serverPaymentsScenario();

} // namespace crash
