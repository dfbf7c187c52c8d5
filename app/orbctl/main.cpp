// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/Cli.h"
#include "app/cli/DocumentCommands.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QTextStream>

#include <cstdio>
#include <memory>

int main(int argc, char *argv[])
{
    // Painting documents needs Qt Gui's fonts; orbctl never shows a window, hence offscreen.
    std::unique_ptr<QCoreApplication> app;
    if (orb::cli::commandNeedsGui(argc, argv)) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        app = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication::setOrganizationName(QStringLiteral("Orb"));
    QCoreApplication::setApplicationName(QStringLiteral("orb"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ORB_VERSION_STRING));
    QTextStream out(stdout);
    QTextStream err(stderr);
    QTextStream in(stdin);
    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    const int code = orb::cli::run(args, out, err, in);
    out.flush();
    err.flush();
    return code;
}
