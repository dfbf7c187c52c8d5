// SPDX-License-Identifier: GPL-3.0-or-later
// Every orbctl verb documents itself: `orbctl NOUN VERB --help` works without a company file
// and prints its usage line, its sentence and its options from the command table, and the man
// page names it.
#include "app/cli/CommandRegistry.h"
#include "tests/support/TestSupport.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using orb::cli::CommandRegistry;
using orb::cli::NounEntry;
using orb::cli::VerbEntry;

class TestOrbctlHelp : public QObject
{
    Q_OBJECT

private slots:
    void everyVerbHasHelp_data();
    void everyVerbHasHelp();
    void everyNounListsItsVerbs();
    void topLevelHelp();
    void manPageNamesEveryVerb();
    void cliDocNamesEveryVerb();
    void unknownVerbListsTheTable();

private:
    QTemporaryDir m_dir;
};

void TestOrbctlHelp::everyVerbHasHelp_data()
{
    QTest::addColumn<QString>("noun");
    QTest::addColumn<QString>("verb");
    QTest::addColumn<QString>("arguments");
    QTest::addColumn<QString>("summary");
    const QList<NounEntry> nouns = CommandRegistry::all();
    QVERIFY(nouns.size() >= 25);
    for (const NounEntry &n : nouns) {
        QVERIFY2(!n.verbs.isEmpty(), qPrintable(n.noun + QStringLiteral(": no verbs in the command table")));
        for (const VerbEntry &v : n.verbs)
            QTest::newRow(qPrintable(n.noun + QLatin1Char(' ') + v.verb)) << n.noun << v.verb << v.arguments << v.summary;
    }
}

void TestOrbctlHelp::everyVerbHasHelp()
{
    QFETCH(QString, noun);
    QFETCH(QString, verb);
    QFETCH(QString, arguments);
    QFETCH(QString, summary);
    QVERIFY2(summary.size() > 10 && summary.endsWith(QLatin1Char('.')), qPrintable(QStringLiteral("one sentence, not \"%1\"").arg(summary)));
    // No company file: help must not need one.
    const QString missing = m_dir.filePath(QStringLiteral("absent/none.orb"));
    QStringList args{QStringLiteral("--db"), missing, noun};
    if (!verb.isEmpty())
        args << verb;
    args << QStringLiteral("--help");
    const orb::test::ProcessResult r = orb::test::run(QStringLiteral(ORBCTL_PATH), args);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QString out = QString::fromUtf8(r.out);
    const QString command = verb.isEmpty() ? noun : noun + QLatin1Char(' ') + verb;
    const QString usage = QStringLiteral("Usage: orbctl %1 [options]%2").arg(command, arguments.isEmpty() ? QString() : QLatin1Char(' ') + arguments);
    QCOMPARE(out.section(QLatin1Char('\n'), 0, 0), usage);
    QVERIFY(!out.contains(QStringLiteral(ORBCTL_PATH)));
    QVERIFY2(out.contains(summary), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("Options:\n")) && out.contains(QStringLiteral("--help")), qPrintable(out));
    QVERIFY(!QFileInfo::exists(missing));
}

void TestOrbctlHelp::everyNounListsItsVerbs()
{
    // `orbctl NOUN --help`: every verb with its sentence, no company file opened or created.
    const QString missing = m_dir.filePath(QStringLiteral("absent/nouns.orb"));
    for (const NounEntry &n : CommandRegistry::all()) {
        if (n.verbs.size() == 1 && n.verbs.first().verb.isEmpty())
            continue; // takes no verb: its --help is the verb's own (everyVerbHasHelp)
        const orb::test::ProcessResult r = orb::test::run(QStringLiteral(ORBCTL_PATH), {QStringLiteral("--db"), missing, n.noun, QStringLiteral("--help")});
        QVERIFY2(r.exitCode == 0, qPrintable(n.noun + QStringLiteral(": ") + QString::fromUtf8(r.err)));
        const QString out = QString::fromUtf8(r.out);
        QCOMPARE(out.section(QLatin1Char('\n'), 0, 0), QStringLiteral("Usage: orbctl %1 VERB [options] [ARGS]").arg(n.noun));
        for (const VerbEntry &v : n.verbs)
            QVERIFY2(
                out.contains(QRegularExpression(QStringLiteral("\\n  %1 .*%2").arg(QRegularExpression::escape(v.verb), QRegularExpression::escape(v.summary)))),
                qPrintable(n.noun + QLatin1Char(' ') + v.verb + QStringLiteral(" missing from:\n") + out));
        // No verb at all: the same list, as invalid input.
        const orb::test::ProcessResult bare = orb::test::run(QStringLiteral(ORBCTL_PATH), {QStringLiteral("--db"), missing, n.noun});
        QCOMPARE(bare.exitCode, 2);
        QCOMPARE(bare.out, r.out);
    }
    QVERIFY(!QFileInfo::exists(missing));
    QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("absent"))));
}

void TestOrbctlHelp::topLevelHelp()
{
    const QString missing = m_dir.filePath(QStringLiteral("absent/top.orb"));
    const orb::test::ProcessResult r = orb::test::run(QStringLiteral(ORBCTL_PATH), {QStringLiteral("--db"), missing, QStringLiteral("--help")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.startsWith("Usage: orbctl "));
    for (const NounEntry &n : CommandRegistry::all())
        QVERIFY2(r.out.contains(QByteArray("\n  " + n.noun.toUtf8() + ' ')), qPrintable(n.noun));
    // The program's path never stands in for its name.
    QVERIFY(!r.out.contains(QByteArray(ORBCTL_PATH)));
    QVERIFY(!QFileInfo::exists(missing));
}

void TestOrbctlHelp::manPageNamesEveryVerb()
{
    QFile man(qEnvironmentVariable("ORB_SOURCE_DIR") + QStringLiteral("/installer/linux/man/orbctl.1"));
    QVERIFY2(man.open(QIODevice::ReadOnly), qPrintable(man.fileName()));
    // Plain text: hyphens unescaped, font changes dropped.
    QString text = QString::fromUtf8(man.readAll());
    text.replace(QStringLiteral("\\-"), QStringLiteral("-"));
    text.remove(QRegularExpression(QStringLiteral("\\\\f[BIRP]")));
    QStringList missing;
    for (const NounEntry &n : CommandRegistry::all())
        for (const VerbEntry &v : n.verbs) {
            const QString command = v.verb.isEmpty() ? n.noun : n.noun + QLatin1Char(' ') + v.verb;
            if (!text.contains(QRegularExpression(QStringLiteral("(^|\\s)%1(\\s|$)").arg(QRegularExpression::escape(command)))))
                missing << command;
        }
    QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("not in orbctl.1: ") + missing.join(QStringLiteral(", "))));
}

void TestOrbctlHelp::cliDocNamesEveryVerb()
{
    // docs/CLI.md's table of every command: each verb as `noun verb ...` in code.
    QFile doc(qEnvironmentVariable("ORB_SOURCE_DIR") + QStringLiteral("/docs/CLI.md"));
    QVERIFY2(doc.open(QIODevice::ReadOnly), qPrintable(doc.fileName()));
    const QString text = QString::fromUtf8(doc.readAll());
    QStringList missing;
    for (const NounEntry &n : CommandRegistry::all())
        for (const VerbEntry &v : n.verbs) {
            const QString command = v.verb.isEmpty() ? n.noun : n.noun + QLatin1Char(' ') + v.verb;
            if (!text.contains(QRegularExpression(QStringLiteral("`%1[ `]").arg(QRegularExpression::escape(command)))))
                missing << command;
        }
    QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("not in docs/CLI.md: ") + missing.join(QStringLiteral(", "))));
}

void TestOrbctlHelp::unknownVerbListsTheTable()
{
    const orb::test::ProcessResult r = orb::test::run(QStringLiteral(ORBCTL_PATH), {QStringLiteral("--db"), m_dir.filePath(QStringLiteral("x.orb")),
                                                                                    QStringLiteral("invoices"), QStringLiteral("frobnicate")});
    QCOMPARE(r.exitCode, 2);
    QCOMPARE(r.err.trimmed(), QByteArray("orbctl: invoices: unknown verb \"frobnicate\" (run, list, show, upcoming, issue, void, mark-paid, pay, create, "
                                         "delete, pdf, export, send)"));
}

QTEST_GUILESS_MAIN(TestOrbctlHelp)
#include "tst_orbctl_help.moc"
