// SPDX-License-Identifier: GPL-3.0-or-later
// Times writing a batch of invoice PDFs: 1,000 one-off invoices in a demo company file, built
// into documents and written into a folder on one worker per core. Prints the figures.
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/DemoCompany.h"
#include "models/billing/InvoiceService.h"
#include "ui/documents/DocumentExporter.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>

using namespace orb;

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const int count = argc > 1 ? QByteArray(argv[1]).toInt() : 1000;
    QTemporaryDir dir;
    FixedClock clock(QDateTime(QDate(2026, 3, 1), QTime(12, 0), QTimeZone::utc()));
    auto file = DemoCompany::create(dir.filePath(QStringLiteral("bench.orb")), clock);
    InvoiceService service(*file, clock);
    const QStringList customers{QStringLiteral("acme"), QStringLiteral("brightline"), QStringLiteral("copperleaf"), QStringLiteral("daybreak")};
    for (int i = 0; i < count; ++i) {
        QList<OneOffLine> lines;
        for (int l = 0; l < 6; ++l)
            lines.append({QStringLiteral("Service item %1").arg(l + 1), Decimal(1 + l), Decimal(10 + i % 50) + Decimal::parse("0.25"), {}});
        service.issue(service.createOneOff(customers.at(i % customers.size()), lines, QDate(2026, 3, 1), {}, 30).id);
    }
    QElapsedTimer t;
    t.start();
    InvoiceFilter filter;
    filter.status = InvoiceStatus::Issued;
    const QList<NamedDocument> docs = DocumentExporter(*file).invoices(filter);
    const qint64 buildMs = t.elapsed();
    const BatchResult r = DocumentExporter::writeBatch(docs, dir.filePath(QStringLiteral("pdf")));
    const qint64 totalMs = t.elapsed();
    std::printf("invoice PDFs: %lld written in %lld ms (%lld ms loading and building, %.1f ms per invoice, %d threads)\n",
                static_cast<long long>(r.files.size()), static_cast<long long>(totalMs), static_cast<long long>(buildMs),
                r.files.isEmpty() ? 0.0 : double(totalMs) / double(r.files.size()), QThread::idealThreadCount());
    t.restart();
    const BatchResult one = DocumentExporter::writeBatch(docs.mid(0, 200), dir.filePath(QStringLiteral("one")), {}, 1);
    std::printf("one thread: %lld PDFs in %lld ms\n", static_cast<long long>(one.files.size()), static_cast<long long>(t.elapsed()));
    return 0;
}
