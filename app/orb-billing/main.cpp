// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/orb-billing/WindowApiServer.h"
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "ui/AppSettings.h"
#include "ui/MainWindow.h"
#include "ui/ScreenshotTour.h"
#include "ui/Translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QMessageBox>
#include <QTimer>

#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Orb"));
    QApplication::setApplicationName(QStringLiteral("orb"));
    QApplication::setApplicationDisplayName(QStringLiteral("Orb"));
    QApplication::setApplicationVersion(QStringLiteral(ORB_VERSION_STRING));
    QApplication::setDesktopFileName(QStringLiteral("io.github.orb.Billing"));

    const QString language = qEnvironmentVariable("ORB_LANGUAGE", orb::AppSettings().language());
    orb::Translations::install(app, language);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Orb: usage-based billing on the desktop."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("The company file to open."));
    const QCommandLineOption demo(QStringLiteral("demo"), QStringLiteral("Create the demo company in FILE if it does not exist, and open it."));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("Save a picture of the window (SCREEN:PATH, e.g. Customers:/tmp/c.png) and quit."),
                                        QStringLiteral("screen:path"));
    const QCommandLineOption screenshots(QStringLiteral("screenshots"),
                                         QStringLiteral("Save a picture of every screen and dialog into DIR (screen-name.png, dialog-name.png) and quit."),
                                         QStringLiteral("dir"));
    parser.addOption(demo);
    parser.addOption(screenshot);
    parser.addOption(screenshots);
    parser.process(app);

    // Settings › API serves Orb's REST API from this process when switched on.
    orb::WindowApiServer::install();
    orb::SystemClock clock;
    orb::MainWindow window(clock);
    const QString file = parser.positionalArguments().value(0);
    if (!file.isEmpty()) {
        QString error;
        const bool ok = parser.isSet(demo) ? window.openDemo(file, &error) : window.openCompany(file, &error);
        if (!ok) {
            std::fprintf(stderr, "orb-billing: %s\n", qPrintable(error));
            QMessageBox::warning(&window, QObject::tr("Could not open the company file"), error);
        }
    }
    window.show();
    if (parser.isSet(screenshot)) {
        const QString spec = parser.value(screenshot);
        const qsizetype colon = spec.indexOf(QLatin1Char(':'));
        const QString screen = spec.left(colon);
        const QString path = spec.mid(colon + 1);
        if (!window.showScreen(screen))
            std::fprintf(stderr, "orb-billing: --screenshot: no screen \"%s\"\n", qPrintable(screen));
        QTimer::singleShot(300, &window, [&window, path] {
            window.grab().save(path);
            QApplication::quit();
        });
    }
    if (parser.isSet(screenshots)) {
        const QString dir = parser.value(screenshots);
        QTimer::singleShot(300, &window, [&window, &clock, dir] {
            QStringList saved = window.saveScreenshots(dir);
            if (window.company())
                saved += orb::ScreenshotTour::saveDialogs(*window.company(), clock, &window, dir);
            for (const QString &f : saved)
                std::printf("%s\n", qPrintable(f));
            QApplication::exit(saved.isEmpty() ? 1 : 0);
        });
    }
    return app.exec();
}
