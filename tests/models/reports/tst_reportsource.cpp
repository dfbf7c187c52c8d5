// SPDX-License-Identifier: GPL-3.0-or-later
// The receivables reports read from a company file (ReportSource) give what the report rules
// give over the full invoice, payment and credit note records: aging of unpaid, partly paid,
// paid later, voided, credited and refunded invoices in three currencies as of many dates
// (in a company zone where a void or a credit note late in the UTC day falls on the day
// before), revenue by month and by plan, and amounts stored in forms other than the usual one.
#include "engine/Clock.h"
#include "engine/billing/BillingSchedule.h"
#include "models/CompanyFile.h"
#include "models/CustomerRepository.h"
#include "models/CustomerService.h"
#include "models/UnitOfWork.h"
#include "models/billing/InvoiceRepository.h"
#include "models/billing/InvoiceRunService.h"
#include "models/billing/InvoiceService.h"
#include "models/billing/SubscriptionRepository.h"
#include "models/billing/SubscriptionService.h"
#include "models/catalog/CatalogService.h"
#include "models/reports/ReportSource.h"
#include "models/reports/RevenueReport.h"
#include "tests/support/CompanyFixture.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace orb;

namespace {

const QTimeZone kZone("America/New_York");

QDateTime at(int month, int day, int hour = 12)
{
    return QDateTime(QDate(2026, month, day), QTime(hour, 0), QTimeZone::utc());
}

} // namespace

class TestReportSource : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void agingMatchesRecords_data();
    void agingMatchesRecords();
    void agingFigures();
    void agingOfOneCustomer();
    void revenueMatchesRecords_data();
    void revenueMatchesRecords();
    void unusualStoredAmounts();

private:
    /// The reports as the rules compute them from every full record of the company file.
    AgingReport agingFromRecords(QDate asOf, const QString &customerId = {}) const;
    QDate local(const QDateTime &instant) const { return instant.isValid() ? billing::BillingSchedule::localDate(instant, kZone) : QDate(); }
    QString oneOff(const QString &customer, QDate date, const char *amount, int netTerms = 30);

    QTemporaryDir m_dir;
    FixedClock m_clock{at(1, 1)};
    std::unique_ptr<CompanyFile> m_file;
    QString m_acme, m_beta, m_cafe, m_kaisha;
};

QString TestReportSource::oneOff(const QString &customer, QDate date, const char *amount, int netTerms)
{
    InvoiceService service(*m_file, m_clock);
    const Invoice draft = service.createOneOff(customer, {{QStringLiteral("Work"), Decimal(1), Decimal::parse(amount), {}}}, date, QString(), netTerms);
    return service.issue(draft.id, date).id;
}

void TestReportSource::initTestCase()
{
    // One company for every test (they only read it; unusualStoredAmounts, which changes it,
    // runs last).
    CompanySettings s;
    s.name = QStringLiteral("Reports Co");
    s.timezone = QString::fromLatin1(kZone.id());
    m_file = orb::test::createCompany(m_dir.filePath(QStringLiteral("reports.orb")), s, m_clock);
    CustomerService customers(*m_file, m_clock);
    auto customer = [&](const char *name, const char *currency) {
        Customer c;
        c.name = QString::fromUtf8(name);
        c.externalCustomerId = QString::fromUtf8(name).toLower();
        c.currency = QString::fromLatin1(currency);
        return customers.create(c).id;
    };
    m_acme = customer("Acme", "USD");
    m_beta = customer("Beta", "USD");
    m_cafe = customer("Café Zürich", "EUR");
    m_kaisha = customer("Kaisha", "JPY");

    CatalogService catalog(*m_file, m_clock);
    catalog.createItem(QStringLiteral("Platform"));
    catalog.createPlan(QJsonDocument::fromJson(R"({"external_plan_id": "flat", "name": "Flat", "currency": "USD", "net_terms": 15, "prices": [
        {"name": "Platform", "item_name": "Platform", "cadence": "monthly", "billing_mode": "in_advance",
         "model_type": "unit", "unit_config": {"unit_amount": "310.00"}}]})")
                           .object());

    InvoiceService service(*m_file, m_clock);
    // Acme (USD): unpaid; paid in two parts, the second after some as-of dates; paid, then
    // part of it refunded (paid back); a draft; one dated in March.
    oneOff(m_acme, QDate(2026, 1, 5), "100.00");
    const QString twoParts = oneOff(m_acme, QDate(2026, 1, 10), "250.00");
    m_clock.set(at(1, 20));
    service.pay(twoParts, Decimal::parse("100.00"), QDate(2026, 1, 20));
    m_clock.set(at(2, 25));
    service.pay(twoParts, Decimal::parse("150.00"), QDate(2026, 2, 25));
    m_clock.set(at(2, 1));
    const QString refunded = oneOff(m_acme, QDate(2026, 2, 1), "120.00");
    m_clock.set(at(2, 3));
    service.pay(refunded, Decimal::parse("120.00"), QDate(2026, 2, 3));
    m_clock.set(at(2, 12));
    service.createCreditNote(refunded, {{0, Decimal::parse("50.00")}}, QStringLiteral("Goodwill"), QStringLiteral("refund"));
    m_clock.set(at(3, 10));
    oneOff(m_acme, QDate(2026, 3, 10), "75.25");

    // Beta (USD): long overdue; paid at once; voided at 02:00 UTC on 1 February (31 January in
    // New York); credited in part on 5 February at 03:00 UTC (4 February in New York), and an
    // unpaid credited one credited by a refund note (nothing paid, so it reduces what is owed).
    m_clock.set(at(1, 1));
    oneOff(m_beta, QDate(2025, 10, 1), "70.00");
    const QString paid = oneOff(m_beta, QDate(2026, 1, 15), "80.00");
    m_clock.set(at(1, 20));
    service.pay(paid, Decimal::parse("80.00"), QDate(2026, 1, 20));
    const QString voided = oneOff(m_beta, QDate(2026, 1, 20), "60.00");
    m_clock.set(at(2, 1, 2));
    service.voidInvoice(voided, QStringLiteral("Wrong customer"));
    m_clock.set(at(1, 25));
    const QString credited = oneOff(m_beta, QDate(2026, 1, 25), "40.00");
    m_clock.set(at(2, 5, 3));
    service.createCreditNote(credited, {{0, Decimal::parse("15.00")}}, QStringLiteral("Discount"), QStringLiteral("adjustment"));
    m_clock.set(at(1, 26));
    const QString refundOpen = oneOff(m_beta, QDate(2026, 1, 26), "30.00");
    m_clock.set(at(2, 8));
    service.createCreditNote(refundOpen, {{0, Decimal::parse("12.50")}}, QStringLiteral("Goodwill"), QStringLiteral("refund"));

    // Café Zürich (EUR), net 15: paid in part; unpaid.
    m_clock.set(at(1, 8));
    const QString eur = oneOff(m_cafe, QDate(2026, 1, 8), "99.99", 15);
    m_clock.set(at(1, 30));
    service.pay(eur, Decimal::parse("33.33"), QDate(2026, 1, 30));
    m_clock.set(at(2, 14));
    oneOff(m_cafe, QDate(2026, 2, 14), "10.01", 15);

    // Kaisha (JPY, no minor digits): unpaid; paid.
    m_clock.set(at(1, 3));
    oneOff(m_kaisha, QDate(2026, 1, 3), "12000");
    m_clock.set(at(2, 2));
    const QString yen = oneOff(m_kaisha, QDate(2026, 2, 2), "5000");
    m_clock.set(at(2, 10));
    service.pay(yen, Decimal::parse("5000"), QDate(2026, 2, 10));

    // Beta on the Flat plan from 1 January: two monthly invoices, January's paid.
    SubscriptionDraft d;
    d.customer = m_beta;
    d.plan = QStringLiteral("flat");
    d.startDate = QDate(2026, 1, 1);
    d.alignment = QStringLiteral("first_of_month");
    m_clock.set(at(1, 1));
    SubscriptionService(*m_file, m_clock).create(d);
    InvoiceRunOptions o;
    o.asOf = at(2, 1);
    m_clock.set(at(2, 1));
    InvoiceRunService(*m_file, m_clock).run(o);
    const QList<Invoice> issued = service.issueAll(QDate(2026, 2, 1));
    QVERIFY(issued.size() >= 2);
    m_clock.set(at(1, 20));
    service.markPaid(issued.first().id, QDate(2026, 1, 20));
    // A draft is never open nor revenue.
    service.createOneOff(m_acme, {{QStringLiteral("Draft"), Decimal(1), Decimal::parse("999.00"), {}}}, QDate(2026, 1, 7), QString(), 30);
    m_clock.set(at(3, 31));
}

AgingReport TestReportSource::agingFromRecords(QDate asOf, const QString &customerId) const
{
    const InvoiceRepository repo(m_file->db());
    const QHash<QString, QString> names = CustomerRepository(m_file->db()).namesById();
    QList<AgingItem> items;
    for (const Invoice &i : repo.invoicesWhere(QStringLiteral("1 = 1"), {})) {
        if (!customerId.isEmpty() && i.customerId != customerId)
            continue;
        QList<QPair<QDate, Decimal>> credits;
        for (const CreditNote &n : repo.creditNoteHeadersWhere(QStringLiteral("invoice_id = ?"), {i.id}))
            credits.append({local(n.createdAt), n.total - n.paidBack});
        const Decimal open = ReportSource::outstandingAsOf(i, repo.payments(i.id), credits, local(i.voidedAt), asOf);
        if (open.isPositive())
            items.append({i.customerId, names.value(i.customerId), i.id, i.invoiceNumber, i.currency, i.invoiceDate, i.dueDate, open});
    }
    return AgingReport::build(items, asOf);
}

void TestReportSource::agingMatchesRecords_data()
{
    QTest::addColumn<QDate>("asOf");
    for (const QDate d :
         {QDate(2025, 12, 31), QDate(2026, 1, 4), QDate(2026, 1, 20), QDate(2026, 1, 30), QDate(2026, 1, 31), QDate(2026, 2, 1), QDate(2026, 2, 4),
          QDate(2026, 2, 5), QDate(2026, 2, 11), QDate(2026, 2, 12), QDate(2026, 2, 24), QDate(2026, 2, 25), QDate(2026, 3, 15), QDate(2026, 6, 30)})
        QTest::newRow(qPrintable(d.toString(Qt::ISODate))) << d;
}

void TestReportSource::agingMatchesRecords()
{
    QFETCH(QDate, asOf);
    const ReportSource source(*m_file);
    const AgingReport expected = agingFromRecords(asOf);
    const AgingReport got = source.aging(asOf);
    QCOMPARE(got.toCsv(), expected.toCsv());
    QCOMPARE(QJsonDocument(got.toJson()).toJson(), QJsonDocument(expected.toJson()).toJson());
    QCOMPARE(got.openInvoices(), qint64(expected.items().size()));
    QVERIFY(got.items().isEmpty()); // counted, not kept

    // The open invoices themselves, in the invoice list's order, with exact amounts.
    auto itemTexts = [](const QList<AgingItem> &items) {
        QStringList out;
        for (const AgingItem &i : items)
            out << QStringLiteral("%1 %2 %3 %4 %5 %6")
                       .arg(i.invoiceNumber, i.customerName, i.currency, dateText(i.dueDate), i.outstanding.toString(), i.invoiceId);
        return out;
    };
    QCOMPARE(itemTexts(source.agingItems(asOf)), itemTexts(expected.items()));
}

void TestReportSource::agingFigures()
{
    // As of 2026-02-11, by hand: Acme owes 100.00 (due 02-04, 7 days: 1-30) and 150.00 of the
    // 250.00 (due 02-09, 2 days); the refunded invoice is paid and its refund was paid back.
    // Beta: 70.00 (due 2025-10-31, 103 days: over 90), the void one is gone (31 January in New
    // York), 25.00 of the credited one (due 02-24, current), 17.50 of the refund-credited one
    // (due 02-25), the Flat plan's February invoice (310.00, due 02-16, current). Café: 66.66
    // (due 01-23, 19 days). Kaisha: 12000 (due 02-02, 9 days).
    const AgingReport r = ReportSource(*m_file).aging(QDate(2026, 2, 11));
    QStringList rows;
    for (const AgingRow &row : r.rows()) {
        QStringList cells{row.customerName, row.currency};
        for (const Decimal &b : row.buckets)
            cells << moneyText(b, row.currency);
        cells << moneyText(row.total, row.currency) << QString::number(row.invoices);
        rows << cells.join(QLatin1Char(' '));
    }
    QCOMPARE(rows, (QStringList{QStringLiteral("Acme USD 0.00 250.00 0.00 0.00 0.00 250.00 2"), QStringLiteral("Beta USD 352.50 0.00 0.00 0.00 70.00 422.50 4"),
                                QStringLiteral("Café Zürich EUR 0.00 66.66 0.00 0.00 0.00 66.66 1"), QStringLiteral("Kaisha JPY 0 12000 0 0 0 12000 1")}));
    QStringList totals;
    for (const AgingRow &t : r.totals())
        totals << t.currency + QLatin1Char(' ') + moneyText(t.total, t.currency);
    QCOMPARE(totals, (QStringList{QStringLiteral("EUR 66.66"), QStringLiteral("JPY 12000"), QStringLiteral("USD 672.50")}));
    QCOMPARE(r.openInvoices(), qint64(8));
}

void TestReportSource::agingOfOneCustomer()
{
    const ReportSource source(*m_file);
    for (const QDate asOf : {QDate(2026, 1, 31), QDate(2026, 2, 11), QDate(2026, 3, 15)}) {
        const QList<AgingItem> items = source.agingItems(asOf, m_beta);
        QCOMPARE(AgingReport::build(items, asOf).toCsv(), agingFromRecords(asOf, m_beta).toCsv());
        for (const AgingItem &i : items)
            QCOMPARE(i.customerId, m_beta);
    }
}

void TestReportSource::revenueMatchesRecords_data()
{
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QDate>("from");
    QTest::addColumn<QDate>("to");
    for (const char *c : {"USD", "EUR", "JPY", "GBP"}) {
        QTest::addRow("%s, twelve months", c) << QString::fromLatin1(c) << QDate(2025, 4, 1) << QDate(2026, 3, 31);
        QTest::addRow("%s, mid-month to mid-month", c) << QString::fromLatin1(c) << QDate(2026, 1, 12) << QDate(2026, 2, 14);
    }
}

void TestReportSource::revenueMatchesRecords()
{
    QFETCH(QString, currency);
    QFETCH(QDate, from);
    QFETCH(QDate, to);
    const InvoiceRepository repo(m_file->db());
    const QList<Invoice> invoices = repo.invoicesWhere(QStringLiteral("1 = 1"), {});
    const QList<Payment> payments = repo.paymentsWhere(QStringLiteral("1 = 1"), {});
    const QHash<QString, QString> planOfSubscription = SubscriptionRepository(m_file->db()).planNames();
    QHash<QString, QString> planOf;
    for (const Invoice &i : invoices)
        if (!i.subscriptionId.isEmpty())
            planOf.insert(i.id, planOfSubscription.value(i.subscriptionId));
    const ReportSource source(*m_file);
    const ChartData month = source.revenueByMonth(from, to, currency);
    QCOMPARE(month.toCsv(), RevenueReport::byMonth(invoices, payments, from, to, currency).toCsv());
    QCOMPARE(month.title, RevenueReport::byMonth(invoices, payments, from, to, currency).title);
    const ChartData plan = source.revenueByPlan(from, to, currency);
    QCOMPARE(plan.toCsv(), RevenueReport::byPlan(invoices, planOf, from, to, currency).toCsv());
    if (currency == QLatin1String("USD") && from == QDate(2025, 4, 1)) {
        // By hand: one-off invoices issued or paid (the void one and the draft are not revenue)
        // 100 + 250 + 120 + 75.25 + 70 + 80 + 40 + 30, and the Flat plan's two months.
        QCOMPARE(plan.toCsv(), QStringLiteral("category,Invoiced\nOne-off,765.25\nFlat,620.00\n"));
    }
}

void TestReportSource::unusualStoredAmounts()
{
    // Amounts written by hand or by an older program: no decimals, a plus sign, more decimals
    // than the currency has. The reports read them as the repositories do.
    ORB_SQLITE_ONLY("the amounts are written into the file by another program");
    const QString path = m_file->path();
    m_file.reset();
    test::rawSqlChecked(path, {QStringLiteral("UPDATE invoices SET amount_due = '100', total = '+100' WHERE total = '100.00'"),
                               QStringLiteral("UPDATE invoices SET amount_due = '70.0050', total = '70.0050' WHERE total = '70.00'"),
                               QStringLiteral("UPDATE payments SET amount = '33.330' WHERE amount = '33.33'")});
    m_file = CompanyFile::open(path);
    const ReportSource source(*m_file);
    for (const QDate asOf : {QDate(2026, 1, 31), QDate(2026, 2, 11)}) {
        QCOMPARE(source.aging(asOf).toCsv(), agingFromRecords(asOf).toCsv());
        QCOMPARE(QJsonDocument(source.aging(asOf).toJson()).toJson(), QJsonDocument(agingFromRecords(asOf).toJson()).toJson());
    }
    const InvoiceRepository repo(m_file->db());
    const QList<Invoice> invoices = repo.invoicesWhere(QStringLiteral("1 = 1"), {});
    const ChartData month = source.revenueByMonth(QDate(2025, 10, 1), QDate(2026, 3, 1), QStringLiteral("USD"));
    QCOMPARE(month.toCsv(),
             RevenueReport::byMonth(invoices, repo.paymentsWhere(QStringLiteral("1 = 1"), {}), QDate(2025, 10, 1), QDate(2026, 3, 1), QStringLiteral("USD"))
                 .toCsv());
    QVERIFY(month.toCsv().contains(QStringLiteral("70.0050")));
}

QTEST_GUILESS_MAIN(TestReportSource)
#include "tst_reportsource.moc"
