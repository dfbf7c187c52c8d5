// SPDX-License-Identifier: GPL-3.0-or-later
// EN 16931 e-invoices: every issued invoice and credit note of the demo company written as UBL
// 2.1 (Peppol BIS Billing 3.0) and UN/CEFACT CII, validated against the official XSD schemas
// (tests/data/einvoice) with libxml2, totals compared with the PDF, business rules refused.
#include "engine/Clock.h"
#include "engine/Currency.h"
#include "models/CompanyFile.h"
#include "models/CustomerService.h"
#include "models/DemoCompany.h"
#include "tests/documents/DemoOnEngine.h"
#include "models/StorageError.h"
#include "models/billing/BillingSetupService.h"
#include "models/billing/InvoiceRepository.h"
#include "models/billing/InvoiceService.h"
#include "models/exports/EInvoiceSource.h"
#include "models/exports/EInvoiceWriter.h"
#include "tests/support/TestSupport.h"
#include "ui/documents/DocumentExporter.h"

#include <QTemporaryDir>
#include <QtTest>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

using namespace orb;

namespace {

/// A compiled XSD and its validation of XML bytes; the errors libxml2 reports, empty when valid.
class Schema final
{
public:
    explicit Schema(const QString &path)
    {
        xmlSchemaParserCtxtPtr parser = xmlSchemaNewParserCtxt(path.toLocal8Bit().constData());
        m_schema = xmlSchemaParse(parser);
        xmlSchemaFreeParserCtxt(parser);
    }
    ~Schema() { xmlSchemaFree(m_schema); }
    Schema(const Schema &) = delete;
    Schema &operator=(const Schema &) = delete;
    bool isValid() const { return m_schema != nullptr; }

    QStringList validate(const QByteArray &xml) const
    {
        QStringList errors;
        xmlDocPtr doc = xmlReadMemory(xml.constData(), int(xml.size()), "einvoice.xml", nullptr, XML_PARSE_NONET);
        if (!doc)
            return {QStringLiteral("not well-formed XML")};
        xmlSchemaValidCtxtPtr ctxt = xmlSchemaNewValidCtxt(m_schema);
        xmlSchemaSetValidStructuredErrors(
            ctxt,
            [](void *user, xmlErrorPtr e) {
                static_cast<QStringList *>(user)->append(QStringLiteral("line %1: %2").arg(e->line).arg(QString::fromUtf8(e->message).trimmed()));
            },
            &errors);
        if (xmlSchemaValidateDoc(ctxt, doc) != 0 && errors.isEmpty())
            errors << QStringLiteral("invalid");
        xmlSchemaFreeValidCtxt(ctxt);
        xmlFreeDoc(doc);
        return errors;
    }

private:
    xmlSchemaPtr m_schema = nullptr;
};

/// The text of the first node an XPath selects, with the UBL and CII prefixes bound.
QString xpath(const QByteArray &xml, const char *expression)
{
    xmlDocPtr doc = xmlReadMemory(xml.constData(), int(xml.size()), "einvoice.xml", nullptr, XML_PARSE_NONET);
    if (!doc)
        return {};
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    const std::pair<const char *, const char *> ns[] = {{"cbc", "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"},
                                                        {"cac", "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"},
                                                        {"inv", "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"},
                                                        {"cn", "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"},
                                                        {"rsm", "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"},
                                                        {"ram", "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"}};
    for (const auto &[prefix, uri] : ns)
        xmlXPathRegisterNs(ctx, reinterpret_cast<const xmlChar *>(prefix), reinterpret_cast<const xmlChar *>(uri));
    QString out;
    xmlXPathObjectPtr r = xmlXPathEvalExpression(reinterpret_cast<const xmlChar *>(expression), ctx);
    if (r && r->nodesetval && r->nodesetval->nodeNr > 0) {
        xmlChar *s = xmlNodeGetContent(r->nodesetval->nodeTab[0]);
        out = QString::fromUtf8(reinterpret_cast<const char *>(s));
        xmlFree(s);
    }
    xmlXPathFreeObject(r);
    xmlXPathFreeContext(ctx);
    xmlFreeDoc(doc);
    return out;
}

/// Brightline's latest issued or paid invoice: in euros, printed in English by the demo company.
/// (Invoice numbers of the demo company depend on the order its random ids sort in.)
QString euroInvoice(CompanyFile &file)
{
    return file.db()
        .scalar(QStringLiteral("SELECT i.invoice_number FROM invoices i JOIN customers c ON c.id = i.customer_id "
                               "WHERE c.external_customer_id = 'brightline' AND i.status IN ('issued', 'paid') "
                               "ORDER BY i.invoice_number DESC LIMIT 1"))
        .toString();
}

} // namespace

class TestEInvoice : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void everyDocumentValidatesAgainstTheSchemas();
    void totalsAreThePdfs();
    void sameInvoiceSameBytes();
    void zeroMinorDigitsAndUnitPrices();
    void refusals_data();
    void refusals();
    void brokenRulesAreListed();

private:
    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 3, 1), QTime(12, 0), QTimeZone::utc())};
    std::unique_ptr<CompanyFile> m_demo;
    std::unique_ptr<Schema> m_ublInvoice, m_ublCreditNote, m_cii;
};

void TestEInvoice::initTestCase()
{
    QVERIFY(m_dir.isValid());
    xmlInitParser();
    const QString data = test::dataDir() + QStringLiteral("/einvoice");
    m_ublInvoice = std::make_unique<Schema>(data + QStringLiteral("/ubl-2.1/xsd/maindoc/UBL-Invoice-2.1.xsd"));
    m_ublCreditNote = std::make_unique<Schema>(data + QStringLiteral("/ubl-2.1/xsd/maindoc/UBL-CreditNote-2.1.xsd"));
    m_cii = std::make_unique<Schema>(data + QStringLiteral("/cii/CrossIndustryInvoice_100pD16B.xsd"));
    QVERIFY(m_ublInvoice->isValid() && m_ublCreditNote->isValid() && m_cii->isValid());
    m_demo = test::demoCompany(m_dir.filePath(QStringLiteral("demo.orb")), m_clock, true);
}

void TestEInvoice::cleanupTestCase()
{
    m_ublInvoice.reset();
    m_ublCreditNote.reset();
    m_cii.reset();
    xmlCleanupParser();
}

void TestEInvoice::everyDocumentValidatesAgainstTheSchemas()
{
    InvoiceRepository repo(m_demo->db());
    QStringList references;
    for (const Invoice &i : repo.list({}))
        if (i.status == InvoiceStatus::Issued || i.status == InvoiceStatus::Paid)
            references << i.invoiceNumber;
    for (const CreditNote &n : repo.creditNotes({}))
        references << n.number;
    QVERIFY(references.size() > 20);
    int creditNotes = 0;
    for (const QString &ref : references) {
        const EInvoice e = EInvoiceSource::load(*m_demo, ref);
        QVERIFY2(e.check().isEmpty(), qPrintable(ref + QStringLiteral(": ") + joinErrors(e.check())));
        const bool invoice = e.type == EInvoice::Type::Invoice;
        creditNotes += invoice ? 0 : 1;
        const QByteArray ubl = EInvoiceWriter::ubl(e);
        const QStringList ublErrors = (invoice ? m_ublInvoice : m_ublCreditNote)->validate(ubl);
        QVERIFY2(ublErrors.isEmpty(),
                 qPrintable(ref + QStringLiteral(" UBL: ") + ublErrors.join(QStringLiteral("; ")) + QLatin1Char('\n') + QString::fromUtf8(ubl)));
        const QByteArray cii = EInvoiceWriter::cii(e);
        const QStringList ciiErrors = m_cii->validate(cii);
        QVERIFY2(ciiErrors.isEmpty(),
                 qPrintable(ref + QStringLiteral(" CII: ") + ciiErrors.join(QStringLiteral("; ")) + QLatin1Char('\n') + QString::fromUtf8(cii)));
    }
    QVERIFY(creditNotes >= 1);
}

void TestEInvoice::totalsAreThePdfs()
{
    // Every invoice: the XML's totals are the stored ones the PDF prints.
    InvoiceRepository repo(m_demo->db());
    for (const Invoice &i : repo.list({})) {
        if (i.status != InvoiceStatus::Issued && i.status != InvoiceStatus::Paid)
            continue;
        const EInvoice e = EInvoiceSource::load(*m_demo, i.invoiceNumber);
        const QByteArray ubl = EInvoiceWriter::ubl(e);
        const QByteArray cii = EInvoiceWriter::cii(e);
        const int places = Currency::require(i.currency).minorUnits();
        const QString total = i.total.rounded(places).toString();
        const QString due = i.amountRemaining().rounded(places).toString();
        const QString tax = i.taxTotal.rounded(places).toString();
        QCOMPARE(xpath(ubl, "/inv:Invoice/cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount"), total);
        QCOMPARE(xpath(ubl, "/inv:Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount"), due);
        QCOMPARE(xpath(ubl, "/inv:Invoice/cac:TaxTotal/cbc:TaxAmount"), tax);
        QCOMPARE(xpath(cii, "//ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:GrandTotalAmount"), total);
        QCOMPARE(xpath(cii, "//ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:DuePayableAmount"), due);
        QCOMPARE(xpath(cii, "//ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:TaxTotalAmount"), tax);
        QCOMPARE(xpath(ubl, "/inv:Invoice/cbc:ID"), i.invoiceNumber);
    }
    // One of them read back from its PDF: the same amounts, as the PDF writes them.
    const QString number = euroInvoice(*m_demo);
    QVERIFY(!number.isEmpty());
    const NamedDocument doc = DocumentExporter(*m_demo).invoice(number);
    const QString pdf = m_dir.filePath(number + QStringLiteral(".pdf"));
    DocumentExporter::writePdf(doc.document, pdf);
    const test::ProcessResult r = test::run(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
    const QString text = QString::fromUtf8(r.out);
    const QByteArray ubl = EInvoiceWriter::ubl(EInvoiceSource::load(*m_demo, number));
    for (const char *path : {"/inv:Invoice/cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount", "/inv:Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount",
                             "/inv:Invoice/cac:TaxTotal/cbc:TaxAmount", "/inv:Invoice/cac:LegalMonetaryTotal/cbc:LineExtensionAmount"}) {
        const QString shown = QStringLiteral("€") + xpath(ubl, path);
        QVERIFY2(text.contains(shown), qPrintable(shown + QStringLiteral(" not in the PDF:\n") + text));
    }
}

void TestEInvoice::sameInvoiceSameBytes()
{
    const QByteArray a = EInvoiceWriter::ubl(EInvoiceSource::load(*m_demo, euroInvoice(*m_demo)));
    const QByteArray b = EInvoiceWriter::ubl(EInvoiceSource::load(*m_demo, euroInvoice(*m_demo)));
    QCOMPARE(a, b);
    QCOMPARE(EInvoiceWriter::cii(EInvoiceSource::load(*m_demo, euroInvoice(*m_demo))),
             EInvoiceWriter::cii(EInvoiceSource::load(*m_demo, euroInvoice(*m_demo))));
}

void TestEInvoice::zeroMinorDigitsAndUnitPrices()
{
    auto file = test::demoCompany(m_dir.filePath(QStringLiteral("jpy.orb")), m_clock, false);
    Customer draft;
    draft.name = QStringLiteral("Kabushiki Kaisha");
    draft.currency = QStringLiteral("JPY");
    draft.billingAddress.country = QStringLiteral("JP");
    const Customer c = CustomerService(*file, m_clock).create(draft);
    InvoiceService service(*file, m_clock);
    // 1,234,567 tokens at 0.00003: 37.03701, which is no whole yen: priced per the whole quantity.
    const Invoice inv = service.issue(service
                                          .createOneOff(c.id,
                                                        {{QStringLiteral("Seats"), Decimal(3), Decimal(17900), {}},
                                                         {QStringLiteral("Tokens"), Decimal(1234567), Decimal::parse("0.00003"), {}}},
                                                        QDate(2026, 3, 1), {}, 30)
                                          .id);
    const EInvoice e = EInvoiceSource::load(*file, inv.invoiceNumber);
    QVERIFY2(e.check().isEmpty(), qPrintable(joinErrors(e.check())));
    const QByteArray ubl = EInvoiceWriter::ubl(e);
    QVERIFY2(m_ublInvoice->validate(ubl).isEmpty(), qPrintable(m_ublInvoice->validate(ubl).join(QLatin1Char('\n'))));
    QVERIFY(m_cii->validate(EInvoiceWriter::cii(e)).isEmpty());
    QCOMPARE(xpath(ubl, "/inv:Invoice/cac:InvoiceLine[1]/cbc:LineExtensionAmount"), QStringLiteral("53700"));
    QCOMPARE(xpath(ubl, "/inv:Invoice/cac:InvoiceLine[1]/cac:Price/cbc:PriceAmount"), QStringLiteral("17900"));
    QCOMPARE(xpath(ubl, "/inv:Invoice/cac:InvoiceLine[2]/cbc:InvoicedQuantity"), QStringLiteral("1234567"));
    QCOMPARE(xpath(ubl, "/inv:Invoice/cac:InvoiceLine[2]/cbc:LineExtensionAmount"), QStringLiteral("37"));
    QCOMPARE(xpath(ubl, "/inv:Invoice/cac:InvoiceLine[2]/cac:Price/cbc:BaseQuantity"), QStringLiteral("1234567"));
    QCOMPARE(xpath(ubl, "/inv:Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount"), inv.amountRemaining().rounded(0).toString());
}

void TestEInvoice::refusals_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("message");
    QTest::newRow("draft") << "draft"
                           << "is a draft";
    QTest::newRow("void") << "void"
                          << "is void";
    QTest::newRow("three minor digits") << "kwd"
                                        << "at most two decimals";
    QTest::newRow("two tax rates on a line") << "taxes"
                                             << "one VAT rate per line";
    QTest::newRow("no buyer country") << "country"
                                      << "BR-11";
}

void TestEInvoice::refusals()
{
    QFETCH(QString, kind);
    QFETCH(QString, message);
    auto file = test::demoCompany(m_dir.filePath(QStringLiteral("refuse-%1.orb").arg(kind)), m_clock, true);
    InvoiceService service(*file, m_clock);
    Customer draft;
    draft.name = QStringLiteral("Buyer ") + kind;
    draft.currency = kind == QLatin1String("kwd") ? QStringLiteral("KWD") : QStringLiteral("USD");
    if (kind != QLatin1String("country"))
        draft.billingAddress.country = QStringLiteral("US");
    const Customer c = CustomerService(*file, m_clock).create(draft);
    if (kind == QLatin1String("taxes")) {
        BillingSetupService setup(*file, m_clock);
        setup.assignTaxRate(QStringLiteral("CA sales tax"), c.id, {});
        setup.assignTaxRate(QStringLiteral("MA sales tax"), c.id, {});
    }
    Invoice inv = service.createOneOff(c.id, {{QStringLiteral("Work"), Decimal(1), Decimal(100), {}}}, QDate(2026, 3, 1), {}, 30);
    if (kind != QLatin1String("draft"))
        inv = service.issue(inv.id);
    if (kind == QLatin1String("void"))
        inv = service.voidInvoice(inv.id, QStringLiteral("wrong customer"));
    const QString ref = inv.invoiceNumber.isEmpty() ? inv.id : inv.invoiceNumber;
    try {
        EInvoiceWriter::ubl(EInvoiceSource::load(*file, ref));
        QFAIL("exported");
    } catch (const ServiceError &e) {
        QCOMPARE(e.kind(), ServiceError::Kind::InvalidInput);
        QVERIFY2(e.details().contains(message), qPrintable(e.details()));
    }
}

void TestEInvoice::brokenRulesAreListed()
{
    EInvoice e = EInvoiceSource::load(*m_demo, euroInvoice(*m_demo));
    QVERIFY(e.check().isEmpty());
    e.lineTotal += Decimal::parse("0.01");
    e.taxes.first().amount += Decimal(2);
    e.payable += Decimal(1);
    e.lines.first().name.clear();
    QStringList rules;
    for (const FieldError &f : e.check())
        rules << f.path;
    for (const char *r : {"BR-CO-10", "BR-CO-13", "BR-CO-14", "BR-CO-17", "BR-CO-16", "BR-25"})
        QVERIFY2(rules.contains(QLatin1String(r)), qPrintable(QLatin1String(r) + QStringLiteral(" not in ") + rules.join(QLatin1Char(' '))));
    try {
        EInvoiceWriter::cii(e);
        QFAIL("written");
    } catch (const ServiceError &err) {
        QCOMPARE(err.kind(), ServiceError::Kind::InvalidInput);
        QVERIFY2(err.details().contains(QLatin1String("BR-CO-10")), qPrintable(err.details()));
    }
}

QTEST_MAIN(TestEInvoice)
#include "tst_einvoice.moc"
