// SPDX-License-Identifier: GPL-3.0-or-later
// stripe-standin: the Stripe stand-in as a program, for demos and manual testing.
#include "StandinServer.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("A local stand-in for the part of Stripe's API Orb uses."));
    parser.addHelpOption();
    parser.addOption(
        {QStringLiteral("port"), QStringLiteral("Port on 127.0.0.1 (default 12111; 0 picks one)."), QStringLiteral("PORT"), QStringLiteral("12111")});
    parser.addOption(
        {QStringLiteral("spec"), QStringLiteral("The OpenAPI subset to validate against."), QStringLiteral("FILE"), orb::standin::defaultSpecPath()});
    parser.addOption({QStringLiteral("rate-limit"), QStringLiteral("Requests per second before 429 (default 25, as Stripe's test mode; 0: none)."),
                      QStringLiteral("N"), QStringLiteral("25")});
    parser.process(app);
    try {
        orb::standin::StripeStandin standin(parser.value(QStringLiteral("spec")));
        // The expected key comes from the environment, never the command line.
        standin.setApiKey(qEnvironmentVariable("ORB_STANDIN_KEY"));
        standin.setRateLimit(parser.value(QStringLiteral("rate-limit")).toInt());
        orb::standin::StandinServer server(standin);
        const quint16 port = server.listen(quint16(parser.value(QStringLiteral("port")).toUInt()));
        if (port == 0) {
            std::fprintf(stderr, "stripe-standin: cannot listen on port %s\n", qPrintable(parser.value(QStringLiteral("port"))));
            return 1;
        }
        std::printf("stripe-standin: listening on http://127.0.0.1:%u (%s endpoints, Stripe-Version %s)\n", unsigned(port),
                    qPrintable(QString::number(standin.endpointCount())), "2023-08-16");
        std::fflush(stdout);
        return app.exec();
    } catch (const std::exception &e) {
        std::fprintf(stderr, "stripe-standin: %s\n", e.what());
        return 1;
    }
}
