// SPDX-License-Identifier: GPL-3.0-or-later
// The interface in another language: Orb's German translation is compiled in, installed for
// the chosen language, and reaches the window's menus and screens; a language Orb does not
// ship falls back to English.
#include "engine/Clock.h"
#include "tests/ui/GuiCompany.h"
#include "ui/MainWindow.h"
#include "ui/Translations.h"

#include <QApplication>
#include <QListWidget>
#include <QMenuBar>
#include <QTemporaryDir>
#include <QTranslator>
#include <QtTest>

using namespace orb;

class TestTranslations : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("config")).toUtf8());
        qunsetenv("DBUS_SESSION_BUS_ADDRESS");
    }

    void germanIsShipped() { QVERIFY(Translations::available().contains(QStringLiteral("de"))); }

    void unknownLanguageFallsBackToEnglish()
    {
        QCOMPARE(Translations::install(*qApp, QStringLiteral("fi")), QStringLiteral("en"));
        MainWindow w(m_clock);
        QCOMPARE(w.menuBar()->actions().first()->text(), QStringLiteral("&File"));
        // English counts read as English: one invoice, many invoices, grouped as English groups.
        QCOMPARE(QCoreApplication::translate("orb::InvoicesScreen", "%Ln invoice(s)", nullptr, 1), QStringLiteral("1 invoice"));
        QCOMPARE(QCoreApplication::translate("orb::InvoicesScreen", "%Ln invoice(s)", nullptr, 1000000), QStringLiteral("1,000,000 invoices"));
        QCOMPARE(QCoreApplication::translate("orb::PriceSummary", "Every %Ln day(s)", nullptr, 1), QStringLiteral("Every day"));
    }

    void germanReachesTheWindow()
    {
        QCOMPARE(Translations::install(*qApp, QStringLiteral("de_AT")), QStringLiteral("de"));
        MainWindow w(m_clock);
        QCOMPARE(w.menuBar()->actions().first()->text(), QStringLiteral("&Datei"));
        QString error;
        QVERIFY2(test::openDemo(w, m_dir.filePath(QStringLiteral("demo.orb")), m_clock, &error), qPrintable(error));
        auto *nav = w.findChild<QListWidget *>();
        QVERIFY(nav);
        QStringList screens;
        for (int i = 0; i < nav->count(); ++i)
            screens << nav->item(i)->text();
        QVERIFY2(screens.contains(QStringLiteral("Kunden")) && screens.contains(QStringLiteral("Rechnungen")), qPrintable(screens.join(u',')));
        // Counts use German plural forms.
        QCOMPARE(QCoreApplication::translate("orb::SubscriptionsScreen", "%Ln subscription(s)", nullptr, 1), QStringLiteral("1 Abonnement"));
        QCOMPARE(QCoreApplication::translate("orb::SubscriptionsScreen", "%Ln subscription(s)", nullptr, 3), QStringLiteral("3 Abonnements"));
        // Grouped as the locale groups (de_AT: 1 000 000 with no-break spaces; de_DE: 1.000.000).
        const QString million = QLocale(QStringLiteral("de_AT")).toString(1000000);
        QVERIFY(million != QStringLiteral("1000000"));
        QCOMPARE(QCoreApplication::translate("orb::InvoicesScreen", "%Ln invoice(s)", nullptr, 1000000), million + QStringLiteral(" Rechnungen"));
    }

private:
    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 5, 4), QTime(10, 0), Qt::UTC)};
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
