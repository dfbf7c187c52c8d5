// SPDX-License-Identifier: GPL-3.0-or-later
// The window's invoice and event tables on a company server beside the same company in its
// file: a big company file (bench_invoicetable --write-only writes one) is moved to an empty
// server database, and the invoice table model is opened, sorted (every column both ways) and
// filtered, then the event table model opened and filtered, on both engines in turn, each figure the median of a few rounds. Each line gives the wall time
// until the rows were in the model and the first screenful was read, how long the calling (window) thread was blocked and its longest stall, and the CPU time
// this process spent meanwhile (both threads); on the server also the CPU time of the server process that served the reader. The machine may be shared: wall
// time includes waiting for a core, CPU time does not. Prints figures; asserts nothing.
//
//   bench_servertable --file FILE.orb --server postgresql://user@/db?host=SOCKET [--rounds N]
//   (the database must be empty; the password comes from PGPASSWORD or ~/.pgpass)
#include "models/CompanyFile.h"
#include "models/EventTableModel.h"
#include "models/InvoiceTableModel.h"
#include "models/storage/MoveToServer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QSqlQuery>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>
#include <memory>
#include <unistd.h>
#include <vector>

using namespace orb;

namespace {

double processCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1000.0 + double(ts.tv_nsec) / 1e6;
}

/// utime + stime of a process in ms (/proc/PID/stat), or -1 when it cannot be read (a server
/// on another machine).
double otherCpuMs(qint64 pid)
{
    if (pid <= 0)
        return -1;
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray stat = f.readAll();
    // The fields after the command name (which may hold spaces) in parentheses.
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    return double(fields[11].toLongLong() + fields[12].toLongLong()) * 1000.0 / double(sysconf(_SC_CLK_TCK));
}

struct Figures {
    double wallMs = 0, blockedMs = 0, stallMs = 0, cpuMs = 0, serverCpuMs = -1;
    int rows = 0;
};

/// Runs `change` (which starts a load and returns the model) and waits for the rows, as the
/// window does, measuring as bench_invoicetable does; `serverPid` is the reader's backend.
template <typename Model>
Figures measure(const std::function<Model &()> &change, const std::function<qint64()> &serverPid)
{
    Figures f;
    const qint64 pidBefore = serverPid();
    const double serverBefore = otherCpuMs(pidBefore);
    const double cpuBefore = processCpuMs();
    QElapsedTimer t;
    t.start();
    Model &model = change();
    f.blockedMs = double(t.nsecsElapsed()) / 1e6;
    QEventLoop loop;
    QElapsedTimer tick;
    qint64 longestGap = 0;
    QTimer timer;
    timer.setInterval(2);
    QObject::connect(&timer, &QTimer::timeout, &loop, [&] { longestGap = std::max(longestGap, tick.restart()); });
    QObject::connect(&model, &Model::loadingChanged, &loop, [&](bool loading) {
        if (!loading)
            loop.quit();
    });
    tick.start();
    timer.start();
    if (model.isLoading())
        loop.exec();
    timer.stop();
    f.stallMs = double(std::max(longestGap, tick.elapsed()));
    // The first screenful, as the view asks for it.
    for (int r = 0; r < std::min(40, model.rowCount()); ++r)
        for (int c = 0; c < model.columnCount(); ++c)
            model.index(r, c).data();
    f.wallMs = double(t.nsecsElapsed()) / 1e6;
    f.cpuMs = processCpuMs() - cpuBefore;
    f.rows = model.rowCount();
    if (!model.lastError().isEmpty())
        std::printf("    failed: %s\n", qPrintable(model.lastError()));
    const qint64 pidAfter = serverPid();
    if (pidAfter > 0 && pidAfter == pidBefore)
        f.serverCpuMs = otherCpuMs(pidAfter) - serverBefore;
    return f;
}

Figures median(std::vector<Figures> runs)
{
    std::sort(runs.begin(), runs.end(), [](const Figures &a, const Figures &b) { return a.wallMs < b.wallMs; });
    return runs[runs.size() / 2];
}

void print(const char *engine, const char *what, const Figures &f)
{
    std::printf("%-6s %-36s %8d rows | wall %7.1f ms | CPU here %7.1f ms", engine, what, f.rows, f.wallMs, f.cpuMs);
    if (f.serverCpuMs >= 0)
        std::printf(" + server %7.1f ms", f.serverCpuMs);
    std::printf(" | window blocked %5.2f ms, longest stall %3.0f ms\n", f.blockedMs, f.stallMs);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QString filePath, url;
    int rounds = 3;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--file"))
            filePath = args[++i];
        else if (args[i] == QLatin1String("--server"))
            url = args[++i];
        else if (args[i] == QLatin1String("--rounds"))
            rounds = std::max(1, args[++i].toInt());
    }
    if (filePath.isEmpty() || url.isEmpty()) {
        std::fprintf(stderr, "usage: bench_servertable --file FILE.orb --server postgresql://user@host/db [--rounds N]\n");
        return 2;
    }
    try {
        auto file = CompanyFile::open(filePath);
        const bool reuse = args.contains(QStringLiteral("--reuse"));
        if (!reuse) {
            QElapsedTimer t;
            t.start();
            const double cpu = processCpuMs();
            MoveToServer::run(*file, url);
            std::printf("moved %s to the server in %lld ms (CPU here %.0f ms)\n", qPrintable(filePath), t.elapsed(), processCpuMs() - cpu);
        }
        auto server = CompanyFile::open(url);
        {
            // (Also on --reuse: opening may have upgraded the schema, rewriting rows.)
            // What autovacuum does soon after a bulk load: the visibility map lets the list
            // come from an index alone, and the statistics let the planner choose it.
            QElapsedTimer t;
            t.start();
            server->db().execNative(QStringLiteral("VACUUM ANALYZE invoices"));
            server->db().execNative(QStringLiteral("VACUUM ANALYZE customers"));
            server->db().execNative(QStringLiteral("VACUUM ANALYZE usage_events"));
            std::printf("VACUUM ANALYZE of invoices, customers and usage events: %lld ms\n", t.elapsed());
        }
        std::printf("%lld invoices; %d rounds, medians by wall time. The machine is shared: wall time includes waiting for a core.\n",
                    file->db().scalar(QStringLiteral("SELECT count(*) FROM invoices")).toLongLong(), rounds);
        // The server process of the reader's connection: the one connection of Orb to this
        // database that is not this thread's own.
        const auto serverPidOf = [&](CompanyFile &company) -> std::function<qint64()> {
            if (!company.db().isServer())
                return [] { return qint64(0); };
            return [&company] {
                QSqlQuery q = company.db().execNative(QStringLiteral("SELECT COALESCE(max(pid), 0) FROM pg_stat_activity WHERE datname = current_database() "
                                                                     "AND pid <> pg_backend_pid() AND application_name = 'orb'"));
                return q.next() ? q.value(0).toLongLong() : qint64(0);
            };
        };

        struct Step {
            const char *what;
            int column;
            Qt::SortOrder order;
            InvoiceTableFilter filter;
        };
        InvoiceTableFilter issued;
        issued.status = InvoiceStatus::Issued;
        InvoiceTableFilter oneMonth;
        oneMonth.from = QDate(2022, 1, 1);
        oneMonth.to = QDate(2022, 2, 1);
        InvoiceTableFilter overdue;
        overdue.overdue = true;
        overdue.today = QDate(2024, 1, 1);
        std::vector<Step> steps;
        // Every sortable column both ways.
        const std::vector<std::pair<int, const char *>> columns = {
            {InvoiceTableModel::Number, "number"},    {InvoiceTableModel::Customer, "customer"}, {InvoiceTableModel::Status, "status"},
            {InvoiceTableModel::InvoiceDate, "date"}, {InvoiceTableModel::DueDate, "due date"},  {InvoiceTableModel::Period, "period"},
            {InvoiceTableModel::Total, "total"},      {InvoiceTableModel::Remaining, "to pay"},
        };
        std::vector<QByteArray> names;
        names.reserve(columns.size() * 2);
        for (const auto &[column, name] : columns)
            for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
                names.push_back(QByteArray("sort by ") + name + (order == Qt::AscendingOrder ? "" : ", descending"));
                steps.push_back({names.back().constData(), column, order, {}});
            }
        InvoiceTableFilter issuedByCustomer = issued;
        const std::vector<Step> filters = {
            {"filter issued, by customer", InvoiceTableModel::Customer, Qt::AscendingOrder, issuedByCustomer},
            {"filter issued, newest first", -1, Qt::DescendingOrder, issued},
            {"filter one month", -1, Qt::DescendingOrder, oneMonth},
            {"filter overdue", -1, Qt::DescendingOrder, overdue},
        };
        steps.insert(steps.end(), filters.begin(), filters.end());
        const QString busiest = file->db().scalar(QStringLiteral("SELECT external_customer_id FROM customers ORDER BY id LIMIT 1")).toString();
        struct EventStep {
            const char *what;
            EventFilter filter;
        };
        std::vector<EventStep> eventSteps = {{"events: newest first again", {}}};
        {
            EventFilter f;
            f.customer = busiest;
            eventSteps.push_back({"events: one customer", f});
            f = {};
            f.eventName = QStringLiteral("api_request");
            eventSteps.push_back({"events: one event name", f});
            f = {};
            f.from = QDateTime(QDate(2026, 1, 20), QTime(0, 0), Qt::UTC);
            f.to = QDateTime(QDate(2026, 1, 21), QTime(0, 0), Qt::UTC);
            eventSteps.push_back({"events: one day", f});
        }
        const std::vector<std::pair<const char *, CompanyFile *>> engines = {{"file", file.get()}, {"server", server.get()}};
        for (const auto &[name, company] : engines) {
            std::vector<Figures> open, reopen, eventOpen;
            std::vector<std::vector<Figures>> stepRuns(steps.size()), eventRuns(eventSteps.size());
            for (int r = 0; r < rounds; ++r) {
                // Opening: a new model, so a new background connection (on the server: connect,
                // session set-up and role) and the whole id list, newest first.
                {
                    std::unique_ptr<InvoiceTableModel> model;
                    open.push_back(measure<InvoiceTableModel>(
                        [&]() -> InvoiceTableModel & {
                            model = std::make_unique<InvoiceTableModel>(company->db());
                            return *model;
                        },
                        [] { return qint64(0); }));
                    const auto pid = serverPidOf(*company);
                    reopen.push_back(measure<InvoiceTableModel>(
                        [&]() -> InvoiceTableModel & {
                            model->reload();
                            return *model;
                        },
                        pid));
                    for (size_t s = 0; s < steps.size(); ++s)
                        stepRuns[s].push_back(measure<InvoiceTableModel>(
                            [&]() -> InvoiceTableModel & {
                                // A new sort of the current filter, as the header's click.
                                model->setFilter(steps[s].filter);
                                model->sort(steps[s].column, steps[s].order);
                                return *model;
                            },
                            pid));
                }
                std::unique_ptr<EventTableModel> events;
                eventOpen.push_back(measure<EventTableModel>(
                    [&]() -> EventTableModel & {
                        events = std::make_unique<EventTableModel>(company->db());
                        return *events;
                    },
                    [] { return qint64(0); }));
                const auto pid = serverPidOf(*company);
                for (size_t s = 0; s < eventSteps.size(); ++s)
                    eventRuns[s].push_back(measure<EventTableModel>(
                        [&]() -> EventTableModel & {
                            events->setFilter(eventSteps[s].filter);
                            return *events;
                        },
                        pid));
            }
            print(name, "open (newest first)", median(open));
            print(name, "reload on the open connection", median(reopen));
            for (size_t s = 0; s < steps.size(); ++s)
                print(name, steps[s].what, median(stepRuns[s]));
            print(name, "events: open (newest first)", median(eventOpen));
            for (size_t s = 0; s < eventSteps.size(); ++s)
                print(name, eventSteps[s].what, median(eventRuns[s]));
        }
    } catch (const std::exception &e) {
        std::fprintf(stderr, "bench_servertable: %s\n", e.what());
        return 1;
    }
    return 0;
}
