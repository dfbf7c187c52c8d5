// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/exports/EInvoiceWriter.h"

#include "models/StorageError.h"

#include <QXmlStreamWriter>

namespace orb {

namespace {

const QString kCbc = QStringLiteral("urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2");
const QString kCac = QStringLiteral("urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2");
const QString kRsm = QStringLiteral("urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100");
const QString kRam = QStringLiteral("urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100");
const QString kUdt = QStringLiteral("urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100");
const QString kQdt = QStringLiteral("urn:un:unece:uncefact:data:standard:QualifiedDataType:100");

void require(const EInvoice &e)
{
    const FieldErrors errors = e.check();
    if (!errors.isEmpty())
        throw ServiceError::invalid(QStringLiteral("%1 %2 breaks EN 16931 business rules; nothing was written")
                                        .arg(e.type == EInvoice::Type::Invoice ? QStringLiteral("invoice") : QStringLiteral("credit note"), e.number),
                                    errors);
}

QString isoDate(QDate d)
{
    return d.toString(Qt::ISODate);
}
QString cefactDate(QDate d)
{
    return d.toString(QStringLiteral("yyyyMMdd"));
}

// ------------------------------------------------------------------------------------- UBL

class Ubl final
{
public:
    explicit Ubl(const EInvoice &e) : m_e(e), m_w(&m_out)
    {
        m_w.setAutoFormatting(true);
        m_w.setAutoFormattingIndent(2);
    }

    QByteArray run()
    {
        const bool invoice = m_e.type == EInvoice::Type::Invoice;
        const QString root = invoice ? QStringLiteral("Invoice") : QStringLiteral("CreditNote");
        m_w.writeStartDocument();
        m_w.writeDefaultNamespace(QStringLiteral("urn:oasis:names:specification:ubl:schema:xsd:%1-2").arg(root));
        m_w.writeNamespace(kCac, QStringLiteral("cac"));
        m_w.writeNamespace(kCbc, QStringLiteral("cbc"));
        m_w.writeStartElement(QStringLiteral("urn:oasis:names:specification:ubl:schema:xsd:%1-2").arg(root), root);
        cbc("CustomizationID", QStringLiteral("urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"));
        cbc("ProfileID", QStringLiteral("urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"));
        cbc("ID", m_e.number);
        cbc("IssueDate", isoDate(m_e.issueDate));
        if (invoice && m_e.dueDate.isValid())
            cbc("DueDate", isoDate(m_e.dueDate));
        cbc(invoice ? "InvoiceTypeCode" : "CreditNoteTypeCode", invoice ? QStringLiteral("380") : QStringLiteral("381"));
        if (!m_e.note.isEmpty())
            cbc("Note", m_e.note);
        cbc("DocumentCurrencyCode", m_e.currency);
        cbc("BuyerReference", m_e.buyerReference);
        period(m_e.periodStart, m_e.periodEnd);
        if (!m_e.precedingNumber.isEmpty()) {
            m_w.writeStartElement(kCac, QStringLiteral("BillingReference"));
            m_w.writeStartElement(kCac, QStringLiteral("InvoiceDocumentReference"));
            cbc("ID", m_e.precedingNumber);
            if (m_e.precedingDate.isValid())
                cbc("IssueDate", isoDate(m_e.precedingDate));
            m_w.writeEndElement();
            m_w.writeEndElement();
        }
        party("AccountingSupplierParty", m_e.seller);
        party("AccountingCustomerParty", m_e.buyer);
        if (!m_e.paymentTerms.isEmpty()) {
            m_w.writeStartElement(kCac, QStringLiteral("PaymentTerms"));
            cbc("Note", m_e.paymentTerms);
            m_w.writeEndElement();
        }
        m_w.writeStartElement(kCac, QStringLiteral("TaxTotal"));
        money("TaxAmount", m_e.taxTotal);
        for (const EInvoiceTax &t : m_e.taxes) {
            m_w.writeStartElement(kCac, QStringLiteral("TaxSubtotal"));
            money("TaxableAmount", t.taxable);
            money("TaxAmount", t.amount);
            m_w.writeStartElement(kCac, QStringLiteral("TaxCategory"));
            cbc("ID", t.category);
            if (t.category != QLatin1String("O"))
                cbc("Percent", t.percent.toCanonicalString());
            if (!t.exemptionReason.isEmpty())
                cbc("TaxExemptionReason", t.exemptionReason);
            taxScheme();
            m_w.writeEndElement();
            m_w.writeEndElement();
        }
        m_w.writeEndElement();
        m_w.writeStartElement(kCac, QStringLiteral("LegalMonetaryTotal"));
        money("LineExtensionAmount", m_e.lineTotal);
        money("TaxExclusiveAmount", m_e.taxExclusive);
        money("TaxInclusiveAmount", m_e.taxInclusive);
        if (!m_e.prepaid.isZero())
            money("PrepaidAmount", m_e.prepaid);
        money("PayableAmount", m_e.payable);
        m_w.writeEndElement();
        for (const EInvoiceLine &l : m_e.lines)
            line(l, invoice);
        m_w.writeEndElement();
        m_w.writeEndDocument();
        return m_out;
    }

private:
    void cbc(const char *name, const QString &value) { m_w.writeTextElement(kCbc, QLatin1String(name), value); }

    void money(const char *name, const Decimal &value)
    {
        m_w.writeStartElement(kCbc, QLatin1String(name));
        m_w.writeAttribute(QStringLiteral("currencyID"), m_e.currency);
        m_w.writeCharacters(m_e.amount(value));
        m_w.writeEndElement();
    }

    void taxScheme()
    {
        m_w.writeStartElement(kCac, QStringLiteral("TaxScheme"));
        cbc("ID", QStringLiteral("VAT"));
        m_w.writeEndElement();
    }

    void period(QDate start, QDate end)
    {
        if (!start.isValid())
            return;
        m_w.writeStartElement(kCac, QStringLiteral("InvoicePeriod"));
        cbc("StartDate", isoDate(start));
        cbc("EndDate", isoDate(end));
        m_w.writeEndElement();
    }

    void party(const char *role, const EInvoiceParty &p)
    {
        m_w.writeStartElement(kCac, QLatin1String(role));
        m_w.writeStartElement(kCac, QStringLiteral("Party"));
        if (!p.email.isEmpty()) {
            m_w.writeStartElement(kCbc, QStringLiteral("EndpointID"));
            m_w.writeAttribute(QStringLiteral("schemeID"), QStringLiteral("EM"));
            m_w.writeCharacters(p.email);
            m_w.writeEndElement();
        }
        m_w.writeStartElement(kCac, QStringLiteral("PartyName"));
        cbc("Name", p.name);
        m_w.writeEndElement();
        m_w.writeStartElement(kCac, QStringLiteral("PostalAddress"));
        if (!p.street.isEmpty())
            cbc("StreetName", p.street);
        if (!p.additionalStreet.isEmpty())
            cbc("AdditionalStreetName", p.additionalStreet);
        if (!p.city.isEmpty())
            cbc("CityName", p.city);
        if (!p.postalCode.isEmpty())
            cbc("PostalZone", p.postalCode);
        if (!p.subdivision.isEmpty())
            cbc("CountrySubentity", p.subdivision);
        m_w.writeStartElement(kCac, QStringLiteral("Country"));
        cbc("IdentificationCode", p.country);
        m_w.writeEndElement();
        m_w.writeEndElement();
        if (!p.vatId.isEmpty()) {
            m_w.writeStartElement(kCac, QStringLiteral("PartyTaxScheme"));
            cbc("CompanyID", p.vatId);
            taxScheme();
            m_w.writeEndElement();
        }
        if (!p.taxRegistrationId.isEmpty()) {
            // BT-32: a tax number that is not a VAT id goes under another scheme than VAT.
            m_w.writeStartElement(kCac, QStringLiteral("PartyTaxScheme"));
            cbc("CompanyID", p.taxRegistrationId);
            m_w.writeStartElement(kCac, QStringLiteral("TaxScheme"));
            cbc("ID", QStringLiteral("FC"));
            m_w.writeEndElement();
            m_w.writeEndElement();
        }
        m_w.writeStartElement(kCac, QStringLiteral("PartyLegalEntity"));
        cbc("RegistrationName", p.name);
        m_w.writeEndElement();
        if (!p.email.isEmpty()) {
            m_w.writeStartElement(kCac, QStringLiteral("Contact"));
            cbc("ElectronicMail", p.email);
            m_w.writeEndElement();
        }
        m_w.writeEndElement();
        m_w.writeEndElement();
    }

    void line(const EInvoiceLine &l, bool invoice)
    {
        m_w.writeStartElement(kCac, invoice ? QStringLiteral("InvoiceLine") : QStringLiteral("CreditNoteLine"));
        cbc("ID", l.id);
        m_w.writeStartElement(kCbc, invoice ? QStringLiteral("InvoicedQuantity") : QStringLiteral("CreditedQuantity"));
        m_w.writeAttribute(QStringLiteral("unitCode"), l.unitCode);
        m_w.writeCharacters(l.quantity.normalized().toString());
        m_w.writeEndElement();
        money("LineExtensionAmount", l.netAmount);
        period(l.periodStart, l.periodEnd);
        for (const EInvoiceAllowance &a : l.allowances) {
            m_w.writeStartElement(kCac, QStringLiteral("AllowanceCharge"));
            cbc("ChargeIndicator", a.charge ? QStringLiteral("true") : QStringLiteral("false"));
            cbc("AllowanceChargeReason", a.reason);
            money("Amount", a.amount);
            m_w.writeEndElement();
        }
        m_w.writeStartElement(kCac, QStringLiteral("Item"));
        cbc("Name", l.name);
        m_w.writeStartElement(kCac, QStringLiteral("ClassifiedTaxCategory"));
        cbc("ID", l.taxCategory);
        if (l.taxCategory != QLatin1String("O"))
            cbc("Percent", l.taxPercent.toCanonicalString());
        taxScheme();
        m_w.writeEndElement();
        m_w.writeEndElement();
        m_w.writeStartElement(kCac, QStringLiteral("Price"));
        m_w.writeStartElement(kCbc, QStringLiteral("PriceAmount"));
        m_w.writeAttribute(QStringLiteral("currencyID"), m_e.currency);
        m_w.writeCharacters(l.price.normalized().toString());
        m_w.writeEndElement();
        if (!l.baseQuantity.isZero()) {
            m_w.writeStartElement(kCbc, QStringLiteral("BaseQuantity"));
            m_w.writeAttribute(QStringLiteral("unitCode"), l.unitCode);
            m_w.writeCharacters(l.baseQuantity.normalized().toString());
            m_w.writeEndElement();
        }
        m_w.writeEndElement();
        m_w.writeEndElement();
    }

    const EInvoice &m_e;
    QByteArray m_out;
    QXmlStreamWriter m_w;
};

// ------------------------------------------------------------------------------------- CII

class Cii final
{
public:
    explicit Cii(const EInvoice &e) : m_e(e), m_w(&m_out)
    {
        m_w.setAutoFormatting(true);
        m_w.setAutoFormattingIndent(2);
    }

    QByteArray run()
    {
        m_w.writeStartDocument();
        m_w.writeNamespace(kRsm, QStringLiteral("rsm"));
        m_w.writeNamespace(kRam, QStringLiteral("ram"));
        m_w.writeNamespace(kQdt, QStringLiteral("qdt"));
        m_w.writeNamespace(kUdt, QStringLiteral("udt"));
        m_w.writeStartElement(kRsm, QStringLiteral("CrossIndustryInvoice"));
        m_w.writeStartElement(kRsm, QStringLiteral("ExchangedDocumentContext"));
        m_w.writeStartElement(kRam, QStringLiteral("GuidelineSpecifiedDocumentContextParameter"));
        ram("ID", QStringLiteral("urn:cen.eu:en16931:2017"));
        m_w.writeEndElement();
        m_w.writeEndElement();

        m_w.writeStartElement(kRsm, QStringLiteral("ExchangedDocument"));
        ram("ID", m_e.number);
        ram("TypeCode", m_e.type == EInvoice::Type::Invoice ? QStringLiteral("380") : QStringLiteral("381"));
        dateTime("IssueDateTime", m_e.issueDate);
        if (!m_e.note.isEmpty()) {
            m_w.writeStartElement(kRam, QStringLiteral("IncludedNote"));
            ram("Content", m_e.note);
            m_w.writeEndElement();
        }
        m_w.writeEndElement();

        m_w.writeStartElement(kRsm, QStringLiteral("SupplyChainTradeTransaction"));
        for (const EInvoiceLine &l : m_e.lines)
            line(l);
        m_w.writeStartElement(kRam, QStringLiteral("ApplicableHeaderTradeAgreement"));
        ram("BuyerReference", m_e.buyerReference);
        party("SellerTradeParty", m_e.seller);
        party("BuyerTradeParty", m_e.buyer);
        m_w.writeEndElement();
        m_w.writeEmptyElement(kRam, QStringLiteral("ApplicableHeaderTradeDelivery"));
        m_w.writeStartElement(kRam, QStringLiteral("ApplicableHeaderTradeSettlement"));
        ram("InvoiceCurrencyCode", m_e.currency);
        for (const EInvoiceTax &t : m_e.taxes) {
            m_w.writeStartElement(kRam, QStringLiteral("ApplicableTradeTax"));
            money("CalculatedAmount", t.amount);
            ram("TypeCode", QStringLiteral("VAT"));
            if (!t.exemptionReason.isEmpty())
                ram("ExemptionReason", t.exemptionReason);
            money("BasisAmount", t.taxable);
            ram("CategoryCode", t.category);
            if (t.category != QLatin1String("O"))
                ram("RateApplicablePercent", t.percent.toCanonicalString());
            m_w.writeEndElement();
        }
        period(m_e.periodStart, m_e.periodEnd);
        if (!m_e.paymentTerms.isEmpty() || m_e.dueDate.isValid()) {
            m_w.writeStartElement(kRam, QStringLiteral("SpecifiedTradePaymentTerms"));
            if (!m_e.paymentTerms.isEmpty())
                ram("Description", m_e.paymentTerms);
            if (m_e.dueDate.isValid())
                dateTime("DueDateDateTime", m_e.dueDate);
            m_w.writeEndElement();
        }
        m_w.writeStartElement(kRam, QStringLiteral("SpecifiedTradeSettlementHeaderMonetarySummation"));
        money("LineTotalAmount", m_e.lineTotal);
        money("TaxBasisTotalAmount", m_e.taxExclusive);
        m_w.writeStartElement(kRam, QStringLiteral("TaxTotalAmount"));
        m_w.writeAttribute(QStringLiteral("currencyID"), m_e.currency);
        m_w.writeCharacters(m_e.amount(m_e.taxTotal));
        m_w.writeEndElement();
        money("GrandTotalAmount", m_e.taxInclusive);
        if (!m_e.prepaid.isZero())
            money("TotalPrepaidAmount", m_e.prepaid);
        money("DuePayableAmount", m_e.payable);
        m_w.writeEndElement();
        if (!m_e.precedingNumber.isEmpty()) {
            m_w.writeStartElement(kRam, QStringLiteral("InvoiceReferencedDocument"));
            ram("IssuerAssignedID", m_e.precedingNumber);
            if (m_e.precedingDate.isValid()) {
                m_w.writeStartElement(kRam, QStringLiteral("FormattedIssueDateTime"));
                m_w.writeStartElement(kQdt, QStringLiteral("DateTimeString"));
                m_w.writeAttribute(QStringLiteral("format"), QStringLiteral("102"));
                m_w.writeCharacters(cefactDate(m_e.precedingDate));
                m_w.writeEndElement();
                m_w.writeEndElement();
            }
            m_w.writeEndElement();
        }
        m_w.writeEndElement(); // settlement
        m_w.writeEndElement(); // transaction
        m_w.writeEndElement();
        m_w.writeEndDocument();
        return m_out;
    }

private:
    void ram(const char *name, const QString &value) { m_w.writeTextElement(kRam, QLatin1String(name), value); }

    /// Amounts in CII carry no currency, except the VAT total (BT-110).
    void money(const char *name, const Decimal &value) { ram(name, m_e.amount(value)); }

    void dateTime(const char *name, QDate d)
    {
        m_w.writeStartElement(kRam, QLatin1String(name));
        m_w.writeStartElement(kUdt, QStringLiteral("DateTimeString"));
        m_w.writeAttribute(QStringLiteral("format"), QStringLiteral("102"));
        m_w.writeCharacters(cefactDate(d));
        m_w.writeEndElement();
        m_w.writeEndElement();
    }

    void period(QDate start, QDate end)
    {
        if (!start.isValid())
            return;
        m_w.writeStartElement(kRam, QStringLiteral("BillingSpecifiedPeriod"));
        dateTime("StartDateTime", start);
        dateTime("EndDateTime", end);
        m_w.writeEndElement();
    }

    void party(const char *role, const EInvoiceParty &p)
    {
        m_w.writeStartElement(kRam, QLatin1String(role));
        ram("Name", p.name);
        if (!p.email.isEmpty()) {
            m_w.writeStartElement(kRam, QStringLiteral("DefinedTradeContact"));
            m_w.writeStartElement(kRam, QStringLiteral("EmailURIUniversalCommunication"));
            ram("URIID", p.email);
            m_w.writeEndElement();
            m_w.writeEndElement();
        }
        m_w.writeStartElement(kRam, QStringLiteral("PostalTradeAddress"));
        if (!p.postalCode.isEmpty())
            ram("PostcodeCode", p.postalCode);
        if (!p.street.isEmpty())
            ram("LineOne", p.street);
        if (!p.additionalStreet.isEmpty())
            ram("LineTwo", p.additionalStreet);
        if (!p.city.isEmpty())
            ram("CityName", p.city);
        ram("CountryID", p.country);
        if (!p.subdivision.isEmpty())
            ram("CountrySubDivisionName", p.subdivision);
        m_w.writeEndElement();
        if (!p.email.isEmpty()) {
            m_w.writeStartElement(kRam, QStringLiteral("URIUniversalCommunication"));
            m_w.writeStartElement(kRam, QStringLiteral("URIID"));
            m_w.writeAttribute(QStringLiteral("schemeID"), QStringLiteral("EM"));
            m_w.writeCharacters(p.email);
            m_w.writeEndElement();
            m_w.writeEndElement();
        }
        for (const auto &[id, scheme] : {qMakePair(p.vatId, QStringLiteral("VA")), qMakePair(p.taxRegistrationId, QStringLiteral("FC"))}) {
            if (id.isEmpty())
                continue;
            m_w.writeStartElement(kRam, QStringLiteral("SpecifiedTaxRegistration"));
            m_w.writeStartElement(kRam, QStringLiteral("ID"));
            m_w.writeAttribute(QStringLiteral("schemeID"), scheme);
            m_w.writeCharacters(id);
            m_w.writeEndElement();
            m_w.writeEndElement();
        }
        m_w.writeEndElement();
    }

    void line(const EInvoiceLine &l)
    {
        m_w.writeStartElement(kRam, QStringLiteral("IncludedSupplyChainTradeLineItem"));
        m_w.writeStartElement(kRam, QStringLiteral("AssociatedDocumentLineDocument"));
        ram("LineID", l.id);
        m_w.writeEndElement();
        m_w.writeStartElement(kRam, QStringLiteral("SpecifiedTradeProduct"));
        ram("Name", l.name);
        m_w.writeEndElement();
        m_w.writeStartElement(kRam, QStringLiteral("SpecifiedLineTradeAgreement"));
        m_w.writeStartElement(kRam, QStringLiteral("NetPriceProductTradePrice"));
        ram("ChargeAmount", l.price.normalized().toString());
        if (!l.baseQuantity.isZero()) {
            m_w.writeStartElement(kRam, QStringLiteral("BasisQuantity"));
            m_w.writeAttribute(QStringLiteral("unitCode"), l.unitCode);
            m_w.writeCharacters(l.baseQuantity.normalized().toString());
            m_w.writeEndElement();
        }
        m_w.writeEndElement();
        m_w.writeEndElement();
        m_w.writeStartElement(kRam, QStringLiteral("SpecifiedLineTradeDelivery"));
        m_w.writeStartElement(kRam, QStringLiteral("BilledQuantity"));
        m_w.writeAttribute(QStringLiteral("unitCode"), l.unitCode);
        m_w.writeCharacters(l.quantity.normalized().toString());
        m_w.writeEndElement();
        m_w.writeEndElement();
        m_w.writeStartElement(kRam, QStringLiteral("SpecifiedLineTradeSettlement"));
        m_w.writeStartElement(kRam, QStringLiteral("ApplicableTradeTax"));
        ram("TypeCode", QStringLiteral("VAT"));
        ram("CategoryCode", l.taxCategory);
        if (l.taxCategory != QLatin1String("O"))
            ram("RateApplicablePercent", l.taxPercent.toCanonicalString());
        m_w.writeEndElement();
        period(l.periodStart, l.periodEnd);
        for (const EInvoiceAllowance &a : l.allowances) {
            m_w.writeStartElement(kRam, QStringLiteral("SpecifiedTradeAllowanceCharge"));
            m_w.writeStartElement(kRam, QStringLiteral("ChargeIndicator"));
            m_w.writeTextElement(kUdt, QStringLiteral("Indicator"), a.charge ? QStringLiteral("true") : QStringLiteral("false"));
            m_w.writeEndElement();
            money("ActualAmount", a.amount);
            ram("Reason", a.reason);
            m_w.writeEndElement();
        }
        m_w.writeStartElement(kRam, QStringLiteral("SpecifiedTradeSettlementLineMonetarySummation"));
        money("LineTotalAmount", l.netAmount);
        m_w.writeEndElement();
        m_w.writeEndElement();
        m_w.writeEndElement();
    }

    const EInvoice &m_e;
    QByteArray m_out;
    QXmlStreamWriter m_w;
};

} // namespace

std::optional<EInvoiceWriter::Format> EInvoiceWriter::formatFromName(const QString &name)
{
    if (name == QLatin1String("ubl"))
        return Format::Ubl;
    if (name == QLatin1String("cii"))
        return Format::Cii;
    return std::nullopt;
}

QByteArray EInvoiceWriter::write(const EInvoice &invoice, Format format)
{
    return format == Format::Ubl ? ubl(invoice) : cii(invoice);
}

QByteArray EInvoiceWriter::ubl(const EInvoice &invoice)
{
    require(invoice);
    return Ubl(invoice).run();
}

QByteArray EInvoiceWriter::cii(const EInvoice &invoice)
{
    require(invoice);
    return Cii(invoice).run();
}

} // namespace orb
