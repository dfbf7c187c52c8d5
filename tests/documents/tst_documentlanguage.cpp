// SPDX-License-Identifier: GPL-3.0-or-later
// Documents in the customer's language: labels from the documents' catalogue, amounts in the
// locale's currency format (0, 2 and 3 minor digits), unit prices of fixed fees, and text that
// wraps instead of running off the page. Read back from the PDFs with poppler's pdftotext.
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/CustomerService.h"
#include "models/DemoCompany.h"
#include "models/StorageError.h"
#include "models/billing/InvoiceService.h"
#include "tests/support/TestSupport.h"
#include "ui/documents/DocumentExporter.h"
#include "ui/documents/DocumentLanguage.h"

#include <QGuiApplication>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace orb;

class TestDocumentLanguage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void catalogueShipsGerman();
    void invoiceInLanguageAndCurrency_data();
    void invoiceInLanguageAndCurrency();
    void fixedFeeShowsQuantityAndUnitPrice_data();
    void fixedFeeShowsQuantityAndUnitPrice();
    void statementReminderAndAgingInGerman();
    void longTextWrapsInsideThePage();
    void unknownDocumentLanguageIsRefused();

private:
    QString text(const QString &pdf, const QStringList &extra = {QStringLiteral("-layout")});
    std::unique_ptr<CompanyFile> fresh(const QString &name, bool billing = false);

    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 3, 1), QTime(12, 0), QTimeZone::utc())};
};

void TestDocumentLanguage::initTestCase()
{
    QVERIFY(m_dir.isValid());
    if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
        QFAIL("pdftotext (poppler-utils) is required: scripts/install-deps.sh installs it");
}

std::unique_ptr<CompanyFile> TestDocumentLanguage::fresh(const QString &name, bool billing)
{
    return DemoCompany::create(m_dir.filePath(name), m_clock, billing);
}

QString TestDocumentLanguage::text(const QString &pdf, const QStringList &extra)
{
    const test::ProcessResult r = test::run(QStringLiteral("pdftotext"), extra + QStringList{pdf, QStringLiteral("-")});
    [&] { QCOMPARE(r.exitCode, 0); }();
    // The no-break space between an amount and its symbol reads as a plain space here.
    return QString::fromUtf8(r.out).replace(QChar(0x00A0), QLatin1Char(' '));
}

void TestDocumentLanguage::catalogueShipsGerman()
{
    QCOMPARE(DocumentLanguage::available(), (QStringList{QStringLiteral("en"), QStringLiteral("de")}));
    const DocumentLanguage de(QLocale(QStringLiteral("de_DE")));
    QCOMPARE(de.translate("orb::InvoiceDocument", "Unit price"), QStringLiteral("Einzelpreis"));
    QCOMPARE(de.translate("orb::DocumentRenderer", "Page %1 of %2"), QStringLiteral("Seite %1 von %2"));
    const DocumentLanguage en(QLocale(QStringLiteral("en_US")));
    QCOMPARE(en.translate("orb::InvoiceDocument", "Unit price"), QStringLiteral("Unit price"));
    const DocumentLanguage swiss(QLocale(QStringLiteral("de_CH")));
    QCOMPARE(swiss.translate("orb::InvoiceDocument", "Invoice"), QStringLiteral("Rechnung"));
}

void TestDocumentLanguage::invoiceInLanguageAndCurrency_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<QStringList>("absent");
    const QStringList en{QStringLiteral("Invoice date"), QStringLiteral("UNIT PRICE"), QStringLiteral("Subtotal"), QStringLiteral("Page 1 of 1"),
                         QStringLiteral("BILL TO")};
    const QStringList de{QStringLiteral("Rechnungsdatum"), QStringLiteral("EINZELPREIS"),        QStringLiteral("Zwischensumme"),
                         QStringLiteral("Seite 1 von 1"),  QStringLiteral("RECHNUNGSEMPFÄNGER"), QStringLiteral("01.03.2026")};
    const QStringList notDe{QStringLiteral("Invoice date"), QStringLiteral("Subtotal"), QStringLiteral("Page 1")};
    const QStringList notEn{QStringLiteral("Rechnung"), QStringLiteral("Seite")};
    // 3 × unit: the line amount, and the unit price on the line.
    QTest::newRow("en EUR") << "en"
                            << "EUR"
                            << "179" << (en + QStringList{QStringLiteral("€179.00"), QStringLiteral("€537.00")})
                            << (notEn + QStringList{QStringLiteral("EUR179"), QStringLiteral("EUR 179")});
    QTest::newRow("de EUR") << "de"
                            << "EUR"
                            << "179" << (de + QStringList{QStringLiteral("179,00 €"), QStringLiteral("537,00 €"), QStringLiteral("Fälliger Betrag (EUR)")})
                            << notDe;
    QTest::newRow("en CHF") << "en"
                            << "CHF"
                            << "179" << (en + QStringList{QStringLiteral("CHF 179.00"), QStringLiteral("CHF 537.00")})
                            << (notEn + QStringList{QStringLiteral("CHF179")});
    QTest::newRow("de CHF") << "de"
                            << "CHF"
                            << "179" << (de + QStringList{QStringLiteral("179,00 CHF"), QStringLiteral("537,00 CHF")}) << notDe;
    QTest::newRow("en JPY, no minor unit") << "en"
                                           << "JPY"
                                           << "17900" << (en + QStringList{QStringLiteral("¥17,900"), QStringLiteral("¥53,700")})
                                           << (notEn + QStringList{QStringLiteral("17,900.00"), QStringLiteral("JPY17")});
    QTest::newRow("de JPY") << "de"
                            << "JPY"
                            << "17900" << (de + QStringList{QStringLiteral("17.900 ¥"), QStringLiteral("53.700 ¥")})
                            << (notDe + QStringList{QStringLiteral("17.900,00")});
    QTest::newRow("en KWD, three minor digits") << "en"
                                                << "KWD"
                                                << "179.125" << (en + QStringList{QStringLiteral("KWD 179.125"), QStringLiteral("KWD 537.375")})
                                                << (notEn + QStringList{QStringLiteral("KWD179")});
    QTest::newRow("de KWD") << "de"
                            << "KWD"
                            << "179.125" << (de + QStringList{QStringLiteral("179,125 KWD"), QStringLiteral("537,375 KWD")}) << notDe;
}

void TestDocumentLanguage::invoiceInLanguageAndCurrency()
{
    QFETCH(QString, language);
    QFETCH(QString, currency);
    QFETCH(QString, unit);
    QFETCH(QStringList, expected);
    QFETCH(QStringList, absent);
    auto file = fresh(QStringLiteral("lang-%1-%2.orb").arg(language, currency));
    Customer draft;
    draft.name = QStringLiteral("Kunde %1").arg(currency);
    draft.externalCustomerId = QStringLiteral("k-") + currency.toLower();
    draft.currency = currency;
    draft.documentLanguage = language;
    const Customer c = CustomerService(*file, m_clock).create(draft);
    InvoiceService service(*file, m_clock);
    const Invoice inv =
        service.issue(service.createOneOff(c.id, {{QStringLiteral("Platform fee"), Decimal(3), Decimal::parse(unit), {}}}, QDate(2026, 3, 1), {}, 14).id);
    const QString pdf = m_dir.filePath(QStringLiteral("%1-%2.pdf").arg(language, currency));
    DocumentExporter::writePdf(DocumentExporter(*file).invoice(inv.id).document, pdf);
    const QString t = text(pdf);
    for (const QString &e : expected)
        QVERIFY2(t.contains(e), qPrintable(e + QStringLiteral(" missing from:\n") + t));
    for (const QString &a : absent)
        QVERIFY2(!t.contains(a), qPrintable(a + QStringLiteral(" should not be in:\n") + t));
}

void TestDocumentLanguage::fixedFeeShowsQuantityAndUnitPrice_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("unitPrice");
    QTest::addColumn<QString>("header");
    QTest::newRow("en") << "en"
                        << "€179.00"
                        << "UNIT PRICE";
    QTest::newRow("de") << "de"
                        << "179,00 €"
                        << "EINZELPREIS";
}

void TestDocumentLanguage::fixedFeeShowsQuantityAndUnitPrice()
{
    QFETCH(QString, language);
    QFETCH(QString, unitPrice);
    QFETCH(QString, header);
    // Brightline is on the euro plan: a fixed platform fee of 179.00 a month, billed in advance.
    auto file = fresh(QStringLiteral("fixed-%1.orb").arg(language), true);
    CustomerPatch patch;
    patch.documentLanguage = language;
    CustomerService(*file, m_clock).update(QStringLiteral("brightline"), patch);
    InvoiceFilter filter;
    filter.customerId = CustomerService(*file, m_clock).get(QStringLiteral("brightline")).id;
    const QList<NamedDocument> docs = DocumentExporter(*file).invoices(filter);
    QVERIFY(!docs.isEmpty());
    bool seen = false;
    for (const NamedDocument &d : docs) {
        const QString pdf = m_dir.filePath(language + QLatin1Char('-') + d.fileName);
        DocumentExporter::writePdf(d.document, pdf);
        const QString t = text(pdf);
        QVERIFY2(t.contains(header), qPrintable(t));
        // The fee's row: name, period, quantity 1, the unit price, the amount.
        const QRegularExpression row(QStringLiteral("Growth platform fee.*\\s1\\s+") + QRegularExpression::escape(unitPrice) + QStringLiteral("\\s+")
                                     + QRegularExpression::escape(unitPrice));
        if (row.match(t).hasMatch())
            seen = true;
    }
    QVERIFY2(seen, "no invoice shows the platform fee with its quantity and unit price");
}

void TestDocumentLanguage::statementReminderAndAgingInGerman()
{
    auto file = fresh(QStringLiteral("statement-de.orb"), true);
    file->setSetting(QStringLiteral("reminders.fee"), QStringLiteral("EUR=5.00; USD=4"), m_clock);
    CustomerPatch patch;
    patch.documentLanguage = QStringLiteral("de");
    CustomerService customers(*file, m_clock);
    const Customer c = customers.update(QStringLiteral("brightline"), patch);
    DocumentExporter exporter(*file);
    const QString statement = m_dir.filePath(QStringLiteral("statement-de.pdf"));
    DocumentExporter::writePdf(exporter.statement(QStringLiteral("brightline"), QDate(2025, 12, 1), QDate(2026, 2, 28)).document, statement);
    const QString s = text(statement);
    for (const char *e : {"Kontoauszug", "Anfangssaldo", "Schlusssaldo", "Offener Saldo (EUR)", "Nicht fällig", "Seite 1 von"})
        QVERIFY2(s.contains(QString::fromUtf8(e)), qPrintable(QString::fromUtf8(e) + QStringLiteral(" missing from:\n") + s));

    // An unpaid invoice (1200 and 19 % VAT), overdue by March 20th: the reminder lists it, with the fee.
    InvoiceService invoices(*file, m_clock);
    const Invoice inv =
        invoices.issue(invoices.createOneOff(c.id, {{QStringLiteral("Workshop"), Decimal(1), Decimal::parse("1200"), {}}}, QDate(2026, 3, 1), {}, 7).id);
    const QList<NamedDocument> reminders = exporter.reminders(QStringLiteral("brightline"), QDate(2026, 3, 20));
    QCOMPARE(reminders.size(), 1);
    const QString reminder = m_dir.filePath(reminders.first().fileName);
    DocumentExporter::writePdf(reminders.first().document, reminder);
    const QString r = text(reminder);
    for (const QString &e : {QStringLiteral("Zahlungserinnerung"), inv.invoiceNumber, QStringLiteral("1.428,00 €"), QStringLiteral("Mahngebühr"),
                             QStringLiteral("5,00 €"), QStringLiteral("ÜBERFÄLLIG"), QStringLiteral("Sehr geehrte Damen und Herren")})
        QVERIFY2(r.contains(e), qPrintable(e + QStringLiteral(" missing from:\n") + r));
    QVERIFY(!r.contains(QLatin1String("Payment reminder")));

    // The aging report is the company's (English for the demo company), with its buckets.
    CompanySettings cs = file->settings();
    cs.documentLocale = QStringLiteral("de_DE");
    file->updateSettings(cs, m_clock);
    const QString aging = m_dir.filePath(QStringLiteral("aging-de.pdf"));
    DocumentExporter::writePdf(DocumentExporter(*file).aging(QDate(2026, 3, 20)).document, aging);
    const QString a = text(aging);
    for (const char *e : {"Altersstruktur der Forderungen", "1–30 TAGE", "ÜBER 90 TAGE", "Stichtag", "20.03.2026"})
        QVERIFY2(a.contains(QString::fromUtf8(e)), qPrintable(QString::fromUtf8(e) + QStringLiteral(" missing from:\n") + a));
}

void TestDocumentLanguage::longTextWrapsInsideThePage()
{
    auto file = fresh(QStringLiteral("long-text.orb"));
    const QString word = QStringLiteral("Reference") + QString(140, QLatin1Char('X')) + QStringLiteral("End");
    const QString url = QStringLiteral("https://pay.example.com/") + QString(160, QLatin1Char('y')) + QStringLiteral("/done");
    file->setSetting(QStringLiteral("documents.footer"),
                     QStringLiteral("Registered office: ") + QString(40, QLatin1Char('z'))
                         + QStringLiteral(" · managing directors and a very long list of registration details ").repeated(3) + QStringLiteral("FooterEnd"),
                     m_clock);
    InvoiceService service(*file, m_clock);
    const Invoice inv = service.issue(
        service.createOneOff(QStringLiteral("acme"), {{word, Decimal(1), Decimal::parse("10"), {}}}, QDate(2026, 3, 1), QStringLiteral("Pay at ") + url, 14)
            .id);
    const QString pdf = m_dir.filePath(QStringLiteral("long-text.pdf"));
    DocumentExporter::writePdf(DocumentExporter(*file).invoice(inv.id).document, pdf);
    // Every character is on the page: joined back without line breaks, the texts are whole.
    QString flat = text(pdf, {});
    flat.remove(QRegularExpression(QStringLiteral("\\s+")));
    QVERIFY2(flat.contains(word), qPrintable(flat));
    QVERIFY2(flat.contains(url), qPrintable(flat));
    QVERIFY2(flat.contains(QLatin1String("FooterEnd")), qPrintable(flat));
    // And every word lies inside the page's printable width.
    const test::ProcessResult bbox = test::run(QStringLiteral("pdftotext"), {QStringLiteral("-bbox"), pdf, QStringLiteral("-")});
    const QString html = QString::fromUtf8(bbox.out);
    const auto page = QRegularExpression(QStringLiteral("<page width=\"([0-9.]+)\"")).match(html);
    QVERIFY(page.hasMatch());
    const double width = page.captured(1).toDouble();
    QRegularExpressionMatchIterator it = QRegularExpression(QStringLiteral("xMax=\"([0-9.]+)\"[^>]*>([^<]*)<")).globalMatch(html);
    int words = 0;
    while (it.hasNext()) {
        const auto m = it.next();
        ++words;
        QVERIFY2(m.captured(1).toDouble() <= width - 30, qPrintable(QStringLiteral("\"%1\" ends at %2 of %3").arg(m.captured(2), m.captured(1)).arg(width)));
    }
    QVERIFY(words > 20);
}

void TestDocumentLanguage::unknownDocumentLanguageIsRefused()
{
    auto file = fresh(QStringLiteral("refuse.orb"));
    CustomerService customers(*file, m_clock);
    for (const char *bad : {"fr", "xx", "de_XX", "German"}) {
        CustomerPatch patch;
        patch.documentLanguage = QString::fromLatin1(bad);
        try {
            customers.update(QStringLiteral("acme"), patch);
            QFAIL(bad);
        } catch (const ServiceError &e) {
            QCOMPARE(e.kind(), ServiceError::Kind::InvalidInput);
            QVERIFY2(e.errors().size() == 1 && e.errors().first().path == QLatin1String("document_language"), qPrintable(e.message()));
        }
    }
    QVERIFY(customers.get(QStringLiteral("acme")).documentLanguage.isEmpty());
    CustomerPatch ok;
    ok.documentLanguage = QStringLiteral("de_CH");
    QCOMPARE(customers.update(QStringLiteral("acme"), ok).documentLanguage, QStringLiteral("de_CH"));
}

QTEST_MAIN(TestDocumentLanguage)
#include "tst_documentlanguage.moc"
