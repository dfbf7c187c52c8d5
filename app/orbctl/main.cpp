#include "app/cli/Cli.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
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
