// SPDX-License-Identifier: GPL-3.0-or-later
// invoice-run: `orbctl invoices run` over hundreds of subscriptions and several periods, and
// invoice-issue: `orbctl invoices issue --all-due` over every draft that run left.
#include "BillingTemplate.h"

#include <QRegularExpression>

namespace crash {

namespace {

const QString RunNow = QStringLiteral("2026-04-02T12:00:00Z");

BillingTemplate runShape(const Workspace &ws)
{
    BillingTemplate t;
    t.customers = 150 * ws.scale;
    t.eventsPerCustomer = 12;
    t.eventsFrom = QDate(2026, 1, 1);
    t.eventsTo = QDate(2026, 3, 31);
    return t;
}

QStringList runCommand(const QString &db)
{
    return {QStringLiteral("--db"), db, QStringLiteral("--now"), RunNow, QStringLiteral("invoices"), QStringLiteral("run"), QStringLiteral("--as-of"), RunNow};
}

void add(QByteArray &digest, const QString &db, const char *sql, QString *problem, qint64 *rows = nullptr)
{
    qint64 n = 0;
    digest += queryText(db, sql, &n, problem);
    if (rows)
        *rows = n;
}

/// Rules that hold after any finished run or issue, whatever the reference says.
void checkInvoiceRules(const QString &db, QString *problem)
{
    if (!problem->isEmpty())
        return;
    const QStringList doubled =
        queryRows(db, "SELECT identity, COUNT(*) FROM invoices WHERE identity IS NOT NULL GROUP BY identity HAVING COUNT(*) > 1", problem);
    if (!doubled.isEmpty()) {
        *problem = QStringLiteral("invoices doubled: %1").arg(doubled.mid(0, 5).join(QStringLiteral(", ")));
        return;
    }
    const QStringList orphans = queryRows(db, "SELECT id FROM invoices i WHERE NOT EXISTS (SELECT 1 FROM invoice_lines l WHERE l.invoice_id = i.id)", problem);
    if (!orphans.isEmpty())
        *problem = QStringLiteral("%1 invoices without lines (half an invoice stored)").arg(orphans.size());
}

// The invoices by identity with their totals, documents and lines; the audit trail's shape.
QByteArray invoicesDigest(const QString &db, QString *problem, qint64 *invoices)
{
    QByteArray digest;
    add(digest, db,
        "SELECT identity, kind, cadence, period_start, period_end, status, invoice_number, invoice_date, due_date, currency, net_terms, subtotal, "
        "adjustments_total, coupons_total, tax_total, total, balance_applied, credits_applied, amount_due, amount_paid, document "
        "FROM invoices ORDER BY identity",
        problem, invoices);
    add(digest, db,
        "SELECT i.identity, l.position, l.price_id, l.item_id, l.name, l.quantity, l.subtotal, l.adjusted_subtotal, l.amount, l.tax_total, l.total, "
        "l.start_date, l.end_date FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id ORDER BY i.identity, l.position",
        problem);
    // Entries per action and object type: a step done twice would show as a second entry.
    add(digest, db, "SELECT action, object_type, COUNT(*) FROM audit_log GROUP BY action, object_type ORDER BY action, object_type", problem);
    checkInvoiceRules(db, problem);
    return digest;
}

void prepareRun(Workspace &ws)
{
    writeBillingTemplate(ws, runShape(ws));
    ws.finished = QStringLiteral("the same invoices, lines and totals by identity as an uninterrupted run, none doubled");
}

QByteArray runDigest(Workspace &ws, QString *problem)
{
    qint64 invoices = 0;
    const QByteArray d = invoicesDigest(ws.db, problem, &invoices);
    if (problem->isEmpty() && invoices < 500)
        *problem = QStringLiteral("only %1 invoices: too few to interrupt at many points").arg(invoices);
    // The run that finished says so; interrupted ones stay open (a run can be seen to have stopped).
    if (problem->isEmpty() && queryRows(ws.db, "SELECT COUNT(*) FROM invoice_runs WHERE finished_at IS NOT NULL", problem).value(0) == QLatin1String("0"))
        *problem = QStringLiteral("no invoice run is recorded as finished");
    ws.seen[QStringLiteral("invoice runs left unfinished by a kill")] +=
        queryRows(ws.db, "SELECT COUNT(*) FROM invoice_runs WHERE finished_at IS NULL", problem).value(0).toLongLong();
    ws.seen[QStringLiteral("runs that found part of the work committed (drafts unchanged)")] +=
        queryRows(ws.db, "SELECT COUNT(*) FROM invoice_runs WHERE finished_at IS NOT NULL AND unchanged > 0", problem).value(0).toLongLong();
    if (problem->isEmpty())
        ws.finished = QStringLiteral("the same %1 invoices, lines and totals by identity as an uninterrupted run, none doubled").arg(invoices);
    return d;
}

void prepareIssue(Workspace &ws)
{
    writeBillingTemplate(ws, runShape(ws));
    orbctlOk(ws, ws.templateDb, runCommand(ws.templateDb).mid(2));
}

QByteArray issueDigest(Workspace &ws, QString *problem)
{
    qint64 invoices = 0;
    QByteArray d = invoicesDigest(ws.db, problem, &invoices);
    if (!problem->isEmpty())
        return d;
    // Gap-free numbering: 1..N, each once, and the series stands at N.
    const QStringList numbers = queryRows(ws.db, "SELECT invoice_number FROM invoices WHERE invoice_number IS NOT NULL ORDER BY invoice_number", problem);
    const QString counter = queryRows(ws.db, "SELECT last_counter FROM number_series WHERE series = 'invoice'", problem).value(0);
    static const QRegularExpression digits(QStringLiteral("(\\d+)$"));
    for (int i = 0; i < numbers.size(); ++i)
        if (digits.match(numbers.at(i)).captured(1).toLongLong() != i + 1) {
            *problem = QStringLiteral("invoice numbers are not gap-free: the %1th is %2").arg(i + 1).arg(numbers.at(i));
            return d;
        }
    if (numbers.size() < 500 || counter.toLongLong() != numbers.size()) {
        *problem = QStringLiteral("%1 invoices numbered, the series stands at %2").arg(numbers.size()).arg(counter);
        return d;
    }
    // Each issued invoice: one audit entry, one promise to Stripe.
    const QStringList twice = queryRows(ws.db,
                                        "SELECT i.invoice_number, (SELECT COUNT(*) FROM audit_log a WHERE a.action = 'invoice.issue' AND a.object_id = i.id), "
                                        "(SELECT COUNT(*) FROM sync_outbox o WHERE o.object_type = 'invoice' AND o.object_id = i.id) "
                                        "FROM invoices i WHERE i.invoice_number IS NOT NULL",
                                        problem);
    for (const QString &row : twice)
        if (!row.endsWith(QLatin1String("|1|1"))) {
            *problem = QStringLiteral("invoice %1 has %2 issue audit entries and outbox items (one of each expected)")
                           .arg(row.section(QLatin1Char('|'), 0, 0), row.section(QLatin1Char('|'), 1));
            return d;
        }
    if (runToEnd(ws.orbctl, {QStringLiteral("--db"), ws.db, QStringLiteral("audit"), QStringLiteral("verify")}, nullptr, ws.environment) != 0)
        *problem = QStringLiteral("orbctl audit verify: the audit trail's hash chain is broken");
    ws.finished =
        QStringLiteral("%1 invoices numbered 1 to %1 without a gap, one audit entry and one outbox item each, audit chain verified").arg(numbers.size());
    return d;
}

} // namespace

Scenario invoiceRunScenario()
{
    Scenario s;
    s.name = "invoice-run";
    s.prepare = &prepareRun;
    s.command = [](const Workspace &ws, int) { return runCommand(ws.db); };
    s.digest = &runDigest;
    return s;
}

Scenario invoiceIssueScenario()
{
    Scenario s;
    s.name = "invoice-issue";
    s.prepare = &prepareIssue;
    s.command = [](const Workspace &ws, int) {
        return QStringList{QStringLiteral("--db"),      ws.db,
                           QStringLiteral("--now"),     RunNow,
                           QStringLiteral("invoices"),  QStringLiteral("issue"),
                           QStringLiteral("--all-due"), QStringLiteral("2026-04-02")};
    };
    s.digest = &issueDigest;
    return s;
}

// The same issuing on a company server: the client killed mid-transaction leaves nothing
// half-issued on the server (its transaction dies with the connection), and the re-run
// numbers everything once, without a gap.
Scenario serverInvoiceIssueScenario()
{
    Scenario s = invoiceIssueScenario();
    s.name = "server-invoice-issue";
    s.server = true;
    return s;
}

namespace {

constexpr int Payments = 8;

void preparePayments(Workspace &ws)
{
    prepareIssue(ws);
    orbctlOk(ws, ws.templateDb,
             {QStringLiteral("--now"), RunNow, QStringLiteral("invoices"), QStringLiteral("issue"), QStringLiteral("--all-due"), QStringLiteral("2026-04-02")});
    QString problem;
    const QStringList ids = queryRows(ws.templateDb, "SELECT id FROM invoices WHERE status = 'issued' ORDER BY invoice_number LIMIT 4", &problem);
    if (!problem.isEmpty() || ids.size() < 4)
        fail(QStringLiteral("payments: the template has too few issued invoices (%1)").arg(problem));
    ws.input = ids.join(QLatin1Char(','));
    ws.finished = QStringLiteral("%1 payments, each recorded once, the same balances as an uninterrupted run").arg(Payments);
}

QByteArray paymentsDigest(Workspace &ws, QString *problem)
{
    QByteArray digest;
    add(digest, ws.db, "SELECT invoice_id, amount, currency, paid_on, method, reference FROM payments ORDER BY reference", problem);
    add(digest, ws.db, "SELECT id, status, amount_due, amount_paid FROM invoices ORDER BY id", problem);
    add(digest, ws.db, "SELECT action, object_type, COUNT(*) FROM audit_log GROUP BY action, object_type ORDER BY action, object_type", problem);
    if (problem->isEmpty() && queryRows(ws.db, "SELECT COUNT(*) FROM payments", problem).value(0).toInt() != Payments)
        *problem = QStringLiteral("%1 payments recorded, not %2").arg(queryRows(ws.db, "SELECT COUNT(*) FROM payments", problem).value(0)).arg(Payments);
    return digest;
}

} // namespace

// Payments recorded one after another on a company server (two on each of four invoices), each
// client killed at random moments: every payment counts exactly once (its reference makes the
// re-run a no-op when the killed run had committed), the balances match an uninterrupted run.
Scenario serverPaymentsScenario()
{
    Scenario s;
    s.name = "server-payments";
    s.server = true;
    s.steps = Payments;
    s.prepare = &preparePayments;
    s.command = [](const Workspace &ws, int step) {
        const QString invoice = ws.input.split(QLatin1Char(',')).value(step % 4);
        return QStringList{QStringLiteral("--db"),
                           ws.db,
                           QStringLiteral("--now"),
                           RunNow,
                           QStringLiteral("invoices"),
                           QStringLiteral("pay"),
                           invoice,
                           QStringLiteral("--amount"),
                           QStringLiteral("1.25"),
                           QStringLiteral("--reference"),
                           QStringLiteral("crash-pay-%1").arg(step),
                           QStringLiteral("--date"),
                           QStringLiteral("2026-04-02")};
    };
    s.digest = &paymentsDigest;
    return s;
}

} // namespace crash
