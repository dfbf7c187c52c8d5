// SPDX-License-Identifier: GPL-3.0-or-later
// Invoice, credit note, statement and aging PDFs from a real company file, read back with
// poppler's pdftotext / pdfinfo / pdffonts / pdftoppm.
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/DemoCompany.h"
#include "tests/documents/DemoOnEngine.h"
#include "models/StorageError.h"
#include "models/billing/InvoiceService.h"
#include "tests/support/TestSupport.h"
#include "ui/documents/DocumentExporter.h"

#include <QDir>
#include <QGuiApplication>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace orb;

class TestDocuments : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void invoiceHoldsEverything();
    void longInvoiceRepeatsHeaderOnEveryPage();
    void localeFormatsAmountsAndDates();
    void creditNoteAndStatement();
    void agingPdf();
    void batchWritesEveryInvoiceAndCancels();
    void unreadableLogoIsAClearError();

private:
    QString text(const QString &pdf, bool layout = true);
    int pages(const QString &pdf);
    std::unique_ptr<CompanyFile> fresh(const QString &name);

    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 3, 1), QTime(12, 0), QTimeZone::utc())};
};

void TestDocuments::initTestCase()
{
    QVERIFY(m_dir.isValid());
    if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
        QFAIL("pdftotext (poppler-utils) is required: scripts/install-deps.sh installs it");
}

std::unique_ptr<CompanyFile> TestDocuments::fresh(const QString &name)
{
    auto file = test::demoCompany(m_dir.filePath(name), m_clock, false);
    file->setSetting(QStringLiteral("documents.payment_instructions"), QStringLiteral("Wire to IBAN DE89 3704 0044 0532 0130 00 quoting {invoice_number}."),
                     m_clock);
    file->setSetting(QStringLiteral("documents.footer"), QStringLiteral("Registered in Delaware, file 7654321"), m_clock);
    file->setSetting(QStringLiteral("documents.logo"),
                     test::sourceDir() + QStringLiteral("/installer/linux/icons/hicolor/64x64/apps/io.github.orb.Billing.png"), m_clock);
    return file;
}

QString TestDocuments::text(const QString &pdf, bool layout)
{
    QStringList args;
    if (layout)
        args << QStringLiteral("-layout");
    args << pdf << QStringLiteral("-");
    const test::ProcessResult r = test::run(QStringLiteral("pdftotext"), args);
    [&] { QCOMPARE(r.exitCode, 0); }();
    return QString::fromUtf8(r.out);
}

int TestDocuments::pages(const QString &pdf)
{
    const test::ProcessResult r = test::run(QStringLiteral("pdfinfo"), {pdf});
    const auto m = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(QString::fromUtf8(r.out));
    return m.hasMatch() ? m.captured(1).toInt() : -1;
}

void TestDocuments::invoiceHoldsEverything()
{
    auto file = fresh(QStringLiteral("one.orb"));
    InvoiceService service(*file, m_clock);
    Invoice inv = service.createOneOff(QStringLiteral("acme"),
                                       {{QStringLiteral("Onboarding workshop"), Decimal(2), Decimal::parse("617.25"), {}},
                                        {QStringLiteral("Data migration"), Decimal(1), Decimal::parse("1500"), {}}},
                                       QDate(2026, 3, 1), QStringLiteral("Thank you for choosing us."), 15);
    inv = service.issue(inv.id);
    service.pay(inv.id, Decimal::parse("1000"), QDate(2026, 3, 5));
    DocumentExporter exporter(*file);
    const NamedDocument doc = exporter.invoice(inv.invoiceNumber);
    QCOMPARE(doc.fileName, inv.invoiceNumber + QStringLiteral(".pdf"));
    const QString pdf = m_dir.filePath(doc.fileName);
    DocumentExporter::writePdf(doc.document, pdf);
    const QString t = text(pdf);
    for (const QString &expected : QStringList{file->settings().name,
                                               QStringLiteral("Tax ID EIN 84-2345678"),
                                               QStringLiteral("Acme Robotics Inc."),
                                               QStringLiteral("1200 Harbor Blvd"),
                                               QStringLiteral("Tax ID 94-1234567"),
                                               inv.invoiceNumber,
                                               QStringLiteral("3/1/2026"),
                                               QStringLiteral("3/16/2026"),
                                               QStringLiteral("Net 15"),
                                               QStringLiteral("Onboarding workshop"),
                                               QStringLiteral("$617.25"),
                                               QStringLiteral("$1,234.50"),
                                               QStringLiteral("$1,500.00"),
                                               QStringLiteral("$2,734.50"),
                                               QStringLiteral("-$1,000.00"),
                                               QStringLiteral("$1,734.50"),
                                               QStringLiteral("quoting ") + inv.invoiceNumber,
                                               QStringLiteral("Thank you for choosing us."),
                                               QStringLiteral("Registered in Delaware"),
                                               QStringLiteral("Page 1 of 1")})
        QVERIFY2(t.contains(expected), qPrintable(expected + QStringLiteral(" missing from:\n") + t));
    // Amount due is the last strong total and holds what remains.
    QVERIFY(QRegularExpression(QStringLiteral("Amount due \\(USD\\)\\s+\\$1,734\\.50")).match(t).hasMatch());
    const test::ProcessResult fonts = test::run(QStringLiteral("pdffonts"), {pdf});
    const QStringList fontLines = QString::fromUtf8(fonts.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts).mid(2);
    QVERIFY(!fontLines.isEmpty());
    for (const QString &l : fontLines)
        QVERIFY2(l.contains(QLatin1String(" yes ")), qPrintable(QStringLiteral("font not embedded: ") + l));
    QCOMPARE(pages(pdf), 1);
}

void TestDocuments::longInvoiceRepeatsHeaderOnEveryPage()
{
    auto file = fresh(QStringLiteral("long.orb"));
    InvoiceService service(*file, m_clock);
    QList<OneOffLine> lines;
    Decimal sum(0);
    for (int i = 1; i <= 90; ++i) {
        const Decimal amount = Decimal(i) + Decimal::parse("0.25");
        lines.append({QStringLiteral("Consulting block %1").arg(i, 3, 10, QLatin1Char('0')), Decimal(1), amount, {}});
        sum += amount;
    }
    Invoice inv = service.issue(service.createOneOff(QStringLiteral("acme"), lines, QDate(2026, 3, 1), {}, 30).id);
    const QString pdf = m_dir.filePath(QStringLiteral("long.pdf"));
    DocumentExporter::writePdf(DocumentExporter(*file).invoice(inv.id).document, pdf);
    const int n = pages(pdf);
    QVERIFY2(n >= 3, qPrintable(QString::number(n)));
    for (int p = 1; p <= n; ++p) {
        const test::ProcessResult r = test::run(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), QStringLiteral("-f"), QString::number(p),
                                                                              QStringLiteral("-l"), QString::number(p), pdf, QStringLiteral("-")});
        const QString page = QString::fromUtf8(r.out);
        if (page.contains(QLatin1String("Consulting block")))
            QVERIFY2(page.contains(QLatin1String("DESCRIPTION")) && page.contains(QLatin1String("AMOUNT")),
                     qPrintable(QStringLiteral("no table header on page %1").arg(p)));
        else
            QCOMPARE(p, n); // only the last page may hold no rows (the totals moved there)
        QVERIFY(page.contains(QStringLiteral("Page %1 of %2").arg(p).arg(n)));
        if (p > 1)
            QVERIFY(page.contains(QStringLiteral("Invoice %1 (continued)").arg(inv.invoiceNumber)));
    }
    const QString all = text(pdf);
    for (int i = 1; i <= 90; ++i)
        QVERIFY(all.contains(QStringLiteral("Consulting block %1").arg(i, 3, 10, QLatin1Char('0'))));
    QCOMPARE(sum.toString(), QStringLiteral("4117.50"));
    QVERIFY(all.contains(QLatin1String("$4,117.50")));
    // Every page renders; the PNGs stay in the build folder to look at.
    const QString prefix = QDir::current().filePath(QStringLiteral("long-invoice"));
    const test::ProcessResult r = test::run(QStringLiteral("pdftoppm"), {QStringLiteral("-r"), QStringLiteral("60"), QStringLiteral("-png"), pdf, prefix});
    QCOMPARE(r.exitCode, 0);
    for (int p = 1; p <= n; ++p) {
        const QImage img(QStringLiteral("%1-%2.png").arg(prefix).arg(p));
        QVERIFY2(!img.isNull(), qPrintable(QStringLiteral("page %1 did not render").arg(p)));
    }
}

void TestDocuments::localeFormatsAmountsAndDates()
{
    auto file = fresh(QStringLiteral("de.orb"));
    CompanySettings s = file->settings();
    s.documentLocale = QStringLiteral("de_DE");
    file->updateSettings(s, m_clock);
    InvoiceService service(*file, m_clock);
    Invoice inv = service.issue(
        service.createOneOff(QStringLiteral("acme"), {{QStringLiteral("Setup"), Decimal(1), Decimal::parse("1234.5"), {}}}, QDate(2026, 3, 1), {}, 30).id);
    const QString pdf = m_dir.filePath(QStringLiteral("de.pdf"));
    DocumentExporter::writePdf(DocumentExporter(*file).invoice(inv.id).document, pdf);
    const QString t = text(pdf);
    QVERIFY2(t.contains(QStringLiteral("1.234,50")), qPrintable(t));
    QVERIFY2(t.contains(QStringLiteral("01.03.2026")), qPrintable(t));
    QVERIFY2(t.contains(QStringLiteral("31.03.2026")), qPrintable(t));
    QVERIFY(!t.contains(QStringLiteral("1,234.50")));
}

void TestDocuments::creditNoteAndStatement()
{
    auto file = fresh(QStringLiteral("statement.orb"));
    InvoiceService service(*file, m_clock);
    m_clock.set(QDateTime(QDate(2026, 1, 10), QTime(12, 0), QTimeZone::utc()));
    Invoice a = service.issue(
        service.createOneOff(QStringLiteral("acme"), {{QStringLiteral("January work"), Decimal(1), Decimal(300), {}}}, QDate(2026, 1, 10), {}, 30).id);
    m_clock.set(QDateTime(QDate(2026, 2, 3), QTime(12, 0), QTimeZone::utc()));
    Invoice b = service.issue(
        service.createOneOff(QStringLiteral("acme"), {{QStringLiteral("February work"), Decimal(1), Decimal(500), {}}}, QDate(2026, 2, 3), {}, 30).id);
    service.pay(a.id, Decimal(300), QDate(2026, 2, 9));
    m_clock.set(QDateTime(QDate(2026, 2, 20), QTime(12, 0), QTimeZone::utc()));
    const CreditNote note = service.createCreditNote(b.id, {{0, Decimal(120)}}, QStringLiteral("Service outage credit"), QStringLiteral("adjustment"));
    m_clock.set(QDateTime(QDate(2026, 3, 1), QTime(12, 0), QTimeZone::utc()));
    DocumentExporter exporter(*file);

    const QString notePdf = m_dir.filePath(QStringLiteral("note.pdf"));
    DocumentExporter::writePdf(exporter.creditNote(note.number).document, notePdf);
    const QString nt = text(notePdf);
    for (const QString &e : QStringList{QStringLiteral("Credit note"), note.number, b.invoiceNumber, QStringLiteral("February work"), QStringLiteral("$120.00"),
                                        QStringLiteral("Service outage credit"), QStringLiteral("2/20/2026")})
        QVERIFY2(nt.contains(e), qPrintable(e + QStringLiteral(" missing:\n") + nt));

    // Opening balance: January's invoice (300) before Feb 1; then February's invoice, the payment
    // and the credit note: 300 + 500 - 300 - 120 = 380, all of it February's invoice, current.
    const QString stPdf = m_dir.filePath(QStringLiteral("statement.pdf"));
    DocumentExporter::writePdf(exporter.statement(QStringLiteral("acme"), QDate(2026, 2, 1), QDate(2026, 2, 28)).document, stPdf);
    const QString st = text(stPdf);
    QVERIFY2(QRegularExpression(QStringLiteral("Opening balance\\s+\\$300\\.00")).match(st).hasMatch(), qPrintable(st));
    QVERIFY2(QRegularExpression(QStringLiteral("Closing balance\\s+\\$380\\.00")).match(st).hasMatch(), qPrintable(st));
    for (const QString &e : QStringList{b.invoiceNumber, note.number, QStringLiteral("-"), QStringLiteral("Payment for ") + a.invoiceNumber,
                                        QStringLiteral("$500.00"), QStringLiteral("$120.00")})
        QVERIFY2(st.contains(e), qPrintable(e + QStringLiteral(" missing:\n") + st));
    QVERIFY(!st.contains(QLatin1String("January work")));
    QVERIFY(QRegularExpression(QStringLiteral("Balance due \\(USD\\)\\s+\\$380\\.00")).match(st).hasMatch());

    try {
        exporter.statement(QStringLiteral("nobody"), QDate(2026, 2, 1), QDate(2026, 2, 28));
        QFAIL("an unknown customer was accepted");
    } catch (const ServiceError &e) {
        QCOMPARE(e.kind(), ServiceError::Kind::NotFound);
        QVERIFY(e.message().contains(QLatin1String("nobody")));
    }
    try {
        exporter.statement(QStringLiteral("acme"), QDate(2026, 3, 1), QDate(2026, 2, 1));
        QFAIL("a reversed period was accepted");
    } catch (const ServiceError &e) {
        QCOMPARE(e.kind(), ServiceError::Kind::InvalidInput);
    }
}

void TestDocuments::agingPdf()
{
    auto file = fresh(QStringLiteral("aging.orb"));
    InvoiceService service(*file, m_clock);
    m_clock.set(QDateTime(QDate(2025, 12, 1), QTime(12, 0), QTimeZone::utc()));
    service.issue(service.createOneOff(QStringLiteral("acme"), {{QStringLiteral("Old"), Decimal(1), Decimal(700), {}}}, QDate(2025, 12, 1), {}, 10).id);
    m_clock.set(QDateTime(QDate(2026, 3, 1), QTime(12, 0), QTimeZone::utc()));
    service.issue(service.createOneOff(QStringLiteral("brightline"), {{QStringLiteral("New"), Decimal(1), Decimal(90), {}}}, QDate(2026, 3, 1), {}, 30).id);
    const QString pdf = m_dir.filePath(QStringLiteral("aging.pdf"));
    DocumentExporter::writePdf(DocumentExporter(*file).aging(QDate(2026, 3, 1)).document, pdf);
    const QString t = text(pdf);
    // Acme's invoice was due 2025-12-11: 80 days past due on 2026-03-01.
    QVERIFY2(QRegularExpression(QStringLiteral("Acme Robotics Inc\\.\\s+USD\\s+–\\s+–\\s+–\\s+\\$700\\.00\\s+–\\s+\\$700\\.00")).match(t).hasMatch(),
             qPrintable(t));
    QVERIFY2(t.contains(QStringLiteral("Brightline Logistics GmbH")) && t.contains(QStringLiteral("Total EUR")), qPrintable(t));
}

void TestDocuments::batchWritesEveryInvoiceAndCancels()
{
    auto file = fresh(QStringLiteral("batch.orb"));
    InvoiceService service(*file, m_clock);
    for (int i = 0; i < 6; ++i)
        service.issue(
            service.createOneOff(QStringLiteral("acme"), {{QStringLiteral("Item %1").arg(i), Decimal(1), Decimal(10 + i), {}}}, QDate(2026, 3, 1), {}, 30).id);
    InvoiceFilter filter;
    filter.status = InvoiceStatus::Issued;
    const QList<NamedDocument> docs = DocumentExporter(*file).invoices(filter);
    QCOMPARE(docs.size(), 6);
    const QString dir = m_dir.filePath(QStringLiteral("batch"));
    int lastDone = -1, lastTotal = -1;
    const BatchResult all = DocumentExporter::writeBatch(docs, dir, [&](int done, int total) {
        lastDone = done;
        lastTotal = total;
        return true;
    });
    QVERIFY(!all.cancelled);
    QCOMPARE(all.files.size(), 6);
    QCOMPARE(lastDone, 6);
    QCOMPARE(lastTotal, 6);
    for (int i = 0; i < 6; ++i) {
        QVERIFY(QFileInfo::exists(all.files.at(i)));
        QVERIFY(text(all.files.at(i)).contains(docs.at(i).document.reference));
    }
    // Cancelling at the first report stops the batch before all are written (one thread).
    QList<NamedDocument> many;
    for (int i = 0; i < 40; ++i)
        many.append({QStringLiteral("c%1.pdf").arg(i), docs.first().document});
    const BatchResult cut = DocumentExporter::writeBatch(
        many, m_dir.filePath(QStringLiteral("cut")), [](int, int) { return false; }, 1);
    QVERIFY(cut.cancelled);
    QVERIFY(cut.files.size() < 40);
    QCOMPARE(QDir(m_dir.filePath(QStringLiteral("cut"))).entryList(QDir::Files).size(), cut.files.size());
    // A folder that cannot be created is a clear error.
    try {
        DocumentExporter::writeBatch(docs, all.files.first() + QStringLiteral("/sub"));
        QFAIL("a folder inside a file was accepted");
    } catch (const ServiceError &e) {
        QVERIFY(e.message().contains(QLatin1String("sub")));
    }
}

void TestDocuments::unreadableLogoIsAClearError()
{
    auto file = fresh(QStringLiteral("logo.orb"));
    const QString bad = m_dir.filePath(QStringLiteral("not-an-image.png"));
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("not an image");
    f.close();
    file->setSetting(QStringLiteral("documents.logo"), bad, m_clock);
    try {
        DocumentExporter exporter(*file);
        QFAIL("an unreadable logo was accepted");
    } catch (const ServiceError &e) {
        QCOMPARE(e.kind(), ServiceError::Kind::InvalidInput);
        QVERIFY(e.message().contains(QLatin1String("documents.logo")));
        QVERIFY(e.message().contains(bad));
    }
}

QTEST_MAIN(TestDocuments)
#include "tst_documents.moc"
