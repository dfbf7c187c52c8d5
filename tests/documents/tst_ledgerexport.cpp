// SPDX-License-Identifier: GPL-3.0-or-later
// Ledger export: the demo company's journal written as GnuCash CSV and QuickBooks IIF, parsed
// back, every transaction balanced, the receivable movement equal to the invoices, payments,
// credit notes and voids of the period, the same bytes twice, periods marked exported.
#include "engine/Clock.h"
#include "models/AuditLog.h"
#include "models/CompanyFile.h"
#include "models/DemoCompany.h"
#include "tests/documents/DemoOnEngine.h"
#include "models/StorageError.h"
#include "models/billing/InvoiceRepository.h"
#include "models/exports/LedgerExportLog.h"
#include "models/exports/LedgerJournal.h"
#include "models/exports/LedgerWriter.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace orb;

namespace {

/// RFC 4180 rows of a CSV text.
QList<QStringList> parseCsv(const QString &text)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                field += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            row << field;
            field.clear();
        } else if (c == QLatin1Char('\n')) {
            row << field;
            rows << row;
            row.clear();
            field.clear();
        } else {
            field += c;
        }
    }
    return rows;
}

} // namespace

class TestLedgerExport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void gnucashCsvBalancesAndMatchesTheBooks_data();
    void gnucashCsvBalancesAndMatchesTheBooks();
    void iifBlocksBalance();
    void samePeriodSameBytes();
    void accountsComeFromSettings();
    void markedPeriodsAreRecordedAndAudited();
    void badPeriodIsRefused();

private:
    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 3, 1), QTime(12, 0), QTimeZone::utc())};
    std::unique_ptr<CompanyFile> m_demo;
};

void TestLedgerExport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_demo = test::demoCompany(m_dir.filePath(QStringLiteral("demo.orb")), m_clock, true);
}

void TestLedgerExport::gnucashCsvBalancesAndMatchesTheBooks_data()
{
    QTest::addColumn<QDate>("from");
    QTest::addColumn<QDate>("to");
    QTest::newRow("December") << QDate(2025, 12, 1) << QDate(2025, 12, 31);
    QTest::newRow("February (a void and a credit note)") << QDate(2026, 2, 1) << QDate(2026, 2, 28);
    QTest::newRow("everything") << QDate(2020, 1, 1) << QDate(2026, 12, 31);
}

void TestLedgerExport::gnucashCsvBalancesAndMatchesTheBooks()
{
    QFETCH(QDate, from);
    QFETCH(QDate, to);
    const QByteArray csv = LedgerWriter::gnucashCsv(LedgerJournal::build(*m_demo, from, to));
    const QList<QStringList> rows = parseCsv(QString::fromUtf8(csv));
    QVERIFY(rows.size() > 1);
    const QStringList header = rows.first();
    QCOMPARE(header.size(), 18);
    const int idCol = int(header.indexOf(QStringLiteral("Transaction ID")));
    const int accountCol = int(header.indexOf(QStringLiteral("Full Account Name")));
    const int valueCol = int(header.indexOf(QStringLiteral("Value Num.")));
    const int currencyCol = int(header.indexOf(QStringLiteral("Commodity/Currency")));
    const int dateCol = int(header.indexOf(QStringLiteral("Date")));
    QVERIFY(idCol >= 0 && accountCol >= 0 && valueCol >= 0 && currencyCol >= 0);
    QMap<QString, Decimal> perTransaction;
    QMap<QString, Decimal> receivable; // per currency
    for (int i = 1; i < rows.size(); ++i) {
        const QStringList &r = rows.at(i);
        QCOMPARE(r.size(), 18);
        const QDate d = QDate::fromString(r.at(dateCol), Qt::ISODate);
        QVERIFY2(d >= from && d <= to, qPrintable(r.join(QLatin1Char(','))));
        const auto v = Decimal::tryParse(r.at(valueCol));
        QVERIFY2(v, qPrintable(r.at(valueCol)));
        perTransaction[r.at(idCol)] += *v;
        if (r.at(accountCol) == QLatin1String("Assets:Accounts Receivable"))
            receivable[r.at(currencyCol).mid(10)] += *v;
    }
    for (auto it = perTransaction.constBegin(); it != perTransaction.constEnd(); ++it)
        QVERIFY2(it.value().isZero(), qPrintable(it.key() + QStringLiteral(" is off by ") + it.value().toString()));

    // The receivable's movement, from the stored records: amounts due of the period's invoices,
    // less payments and credit notes (but a refund's part paid back), less voided invoices' amounts due.
    InvoiceRepository repo(m_demo->db());
    QMap<QString, Decimal> expected;
    const QTimeZone zone(m_demo->settings().timezone.toUtf8());
    auto local = [&](const QDateTime &t) { return t.isValid() ? t.toTimeZone(zone).date() : QDate(); };
    auto in = [&](QDate d) { return d.isValid() && d >= from && d <= to; };
    for (const Invoice &inv : repo.list({})) {
        if (inv.status == InvoiceStatus::Draft)
            continue;
        if (in(inv.invoiceDate))
            expected[inv.currency] += inv.amountDue;
        if (in(local(inv.voidedAt)))
            expected[inv.currency] -= inv.amountDue;
        for (const Payment &p : repo.payments(inv.id))
            if (in(p.paidOn))
                expected[inv.currency] -= p.amount;
        for (const CreditNote &n : repo.creditNotes(inv.id))
            if (in(local(n.createdAt)))
                expected[inv.currency] -= n.total - n.paidBack; // what was paid back left the bank, not the receivable
    }
    for (auto it = expected.begin(); it != expected.end();)
        it = it.value().isZero() ? expected.erase(it) : std::next(it);
    for (auto it = receivable.begin(); it != receivable.end();)
        it = it.value().isZero() ? receivable.erase(it) : std::next(it);
    QCOMPARE(receivable.keys(), expected.keys());
    for (auto it = expected.constBegin(); it != expected.constEnd(); ++it)
        QCOMPARE(receivable.value(it.key()).toString(), it.value().toString());
}

void TestLedgerExport::iifBlocksBalance()
{
    const QList<JournalEntry> entries = LedgerJournal::build(*m_demo, QDate(2025, 12, 1), QDate(2026, 3, 31));
    const QString iif = QString::fromUtf8(LedgerWriter::iif(entries));
    const QStringList lines = iif.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(lines.first().split(QLatin1Char('\t')).first(), QStringLiteral("!TRNS"));
    int blocks = 0;
    Decimal sum(0);
    bool open = false;
    QSet<QString> types;
    for (const QString &line : lines.mid(3)) {
        const QStringList f = line.split(QLatin1Char('\t'));
        if (f.first() == QLatin1String("TRNS")) {
            QVERIFY(!open);
            open = true;
            sum = Decimal(0);
            types << f.at(2);
            QVERIFY(QDate::fromString(f.at(3), QStringLiteral("MM/dd/yyyy")).isValid());
        }
        if (f.first() == QLatin1String("TRNS") || f.first() == QLatin1String("SPL")) {
            QCOMPARE(f.size(), 9);
            sum += Decimal::parse(f.at(6));
        } else {
            QCOMPARE(f.first(), QStringLiteral("ENDTRNS"));
            QVERIFY(open);
            QVERIFY2(sum.isZero(), qPrintable(QStringLiteral("a transaction is off by ") + sum.toString()));
            open = false;
            ++blocks;
        }
    }
    QVERIFY(!open);
    QCOMPARE(blocks, entries.size());
    for (const char *t : {"INVOICE", "PAYMENT", "CREDIT MEMO", "GENERAL JOURNAL"})
        QVERIFY2(types.contains(QLatin1String(t)), t);
}

void TestLedgerExport::samePeriodSameBytes()
{
    for (const auto format : {LedgerWriter::Format::GnuCashCsv, LedgerWriter::Format::Iif}) {
        const QByteArray a = LedgerWriter::write(LedgerJournal::build(*m_demo, QDate(2026, 1, 1), QDate(2026, 2, 28)), format);
        const QByteArray b = LedgerWriter::write(LedgerJournal::build(*m_demo, QDate(2026, 1, 1), QDate(2026, 2, 28)), format);
        QCOMPARE(a, b);
    }
}

void TestLedgerExport::accountsComeFromSettings()
{
    auto file = test::demoCompany(m_dir.filePath(QStringLiteral("accounts.orb")), m_clock, true);
    file->setSetting(QStringLiteral("ledger.item_accounts"), QStringLiteral("Platform Fee=Income:Subscriptions; Tokens=Income:Usage:Tokens"), m_clock);
    file->setSetting(QStringLiteral("ledger.tax_accounts"), QStringLiteral("DE VAT=Liabilities:VAT:DE 19%"), m_clock);
    file->setSetting(QStringLiteral("ledger.bank_account"), QStringLiteral("Assets:Current Assets:Checking"), m_clock);
    const QString csv = QString::fromUtf8(LedgerWriter::gnucashCsv(LedgerJournal::build(*file, QDate(2026, 1, 1), QDate(2026, 1, 31))));
    for (const char *account : {"Income:Subscriptions", "Income:Usage:Tokens", "Liabilities:VAT:DE 19%", "Assets:Current Assets:Checking"})
        QVERIFY2(csv.contains(QLatin1String(account)), account);
    QVERIFY(!csv.contains(QLatin1String("Assets:Bank,")));
    file->setSetting(QStringLiteral("ledger.item_accounts"), QStringLiteral("Platform Fee"), m_clock);
    try {
        LedgerJournal::build(*file, QDate(2026, 1, 1), QDate(2026, 1, 31));
        QFAIL("a malformed account map was used");
    } catch (const ServiceError &e) {
        QCOMPARE(e.kind(), ServiceError::Kind::InvalidInput);
        QVERIFY(e.message().contains(QLatin1String("ledger.item_accounts")));
    }
}

void TestLedgerExport::markedPeriodsAreRecordedAndAudited()
{
    auto file = test::demoCompany(m_dir.filePath(QStringLiteral("mark.orb")), m_clock, false);
    LedgerExportLog log(*file);
    QVERIFY(log.overlapping(QDate(2026, 1, 1), QDate(2026, 1, 31)).isEmpty());
    log.mark(QStringLiteral("iif"), QDate(2026, 1, 1), QDate(2026, 1, 31), 12, QStringLiteral("ab12"), m_clock);
    QCOMPARE(log.list().size(), 1);
    QCOMPARE(log.overlapping(QDate(2026, 1, 15), QDate(2026, 2, 15)).size(), 1);
    QCOMPARE(log.overlapping(QDate(2026, 1, 31), QDate(2026, 1, 31)).size(), 1);
    QVERIFY(log.overlapping(QDate(2026, 2, 1), QDate(2026, 2, 28)).isEmpty());
    QCOMPARE(file->db().scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'ledger.export'")).toInt(), 1);
}

void TestLedgerExport::badPeriodIsRefused()
{
    try {
        LedgerJournal::build(*m_demo, QDate(2026, 2, 1), QDate(2026, 1, 1));
        QFAIL("a period backwards was exported");
    } catch (const ServiceError &e) {
        QCOMPARE(e.kind(), ServiceError::Kind::InvalidInput);
        QVERIFY(e.message().contains(QLatin1String("after")));
    }
}

QTEST_GUILESS_MAIN(TestLedgerExport)
#include "tst_ledgerexport.moc"
