<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>orb::AgingDocument</name>
    <message>
        <source>Current</source>
        <translation>Nicht fällig</translation>
    </message>
    <message>
        <source>1–30 days</source>
        <translation>1–30 Tage</translation>
    </message>
    <message>
        <source>31–60 days</source>
        <translation>31–60 Tage</translation>
    </message>
    <message>
        <source>61–90 days</source>
        <translation>61–90 Tage</translation>
    </message>
    <message>
        <source>Over 90 days</source>
        <translation>Über 90 Tage</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Gesamt</translation>
    </message>
    <message>
        <source>Receivables aging</source>
        <translation>Altersstruktur der Forderungen</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>Stichtag</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Kunden</translation>
    </message>
    <message>
        <source>Open invoices</source>
        <translation>Offene Rechnungen</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Cur.</source>
        <translation>Whg.</translation>
    </message>
    <message>
        <source>Total %1</source>
        <translation>Gesamt %1</translation>
    </message>
    <message>
        <source>Nothing is owed as of this date.</source>
        <translation>Zu diesem Stichtag ist nichts offen.</translation>
    </message>
    <message>
        <source>How to read this report</source>
        <translation>So lesen Sie diesen Bericht</translation>
    </message>
    <message>
        <source>Amounts are what was unpaid of each issued invoice at the end of the report date, by days past its due date. Amounts in different currencies are never added together.</source>
        <translation>Beträge sind der am Ende des Stichtags unbezahlte Teil jeder ausgestellten Rechnung, nach Tagen seit Fälligkeit. Beträge in verschiedenen Währungen werden nie addiert.</translation>
    </message>
    <message>
        <source>%1 · Receivables aging as of %2</source>
        <translation>%1 · Altersstruktur der Forderungen zum %2</translation>
    </message>
</context>
<context>
    <name>orb::DocumentIdentity</name>
    <message>
        <source>Tax ID %1</source>
        <translation>Steuernummer %1</translation>
    </message>
    <message>
        <source>VAT ID %1</source>
        <translation>USt-IdNr. %1</translation>
    </message>
</context>
<context>
    <name>orb::DocumentRenderer</name>
    <message>
        <source>Page %1 of %2</source>
        <translation>Seite %1 von %2</translation>
    </message>
    <message>
        <source>%1 (continued)</source>
        <translation>%1 (Fortsetzung)</translation>
    </message>
</context>
<context>
    <name>orb::EmailTemplates</name>
    <message>
        <source>Invoice {invoice_number} from {company_name}</source>
        <translation>Rechnung {invoice_number} von {company_name}</translation>
    </message>
    <message>
        <source>Dear {customer_name},

please find attached invoice {invoice_number} of {invoice_date} for {amount_due}, due on {due_date}.

Kind regards,
{company_name}</source>
        <translation>Sehr geehrte Damen und Herren,

anbei erhalten Sie die Rechnung {invoice_number} vom {invoice_date} über {amount_due}, fällig am {due_date}.

Mit freundlichen Grüßen
{company_name}</translation>
    </message>
    <message>
        <source>Statement of your account with {company_name}</source>
        <translation>Kontoauszug Ihres Kontos bei {company_name}</translation>
    </message>
    <message>
        <source>Dear {customer_name},

please find attached the statement of your account for {period}. The balance due is {balance_due}.

Kind regards,
{company_name}</source>
        <translation>Sehr geehrte Damen und Herren,

anbei erhalten Sie den Kontoauszug Ihres Kontos für {period}. Der offene Saldo beträgt {balance_due}.

Mit freundlichen Grüßen
{company_name}</translation>
    </message>
    <message>
        <source>Payment reminder from {company_name}</source>
        <translation>Zahlungserinnerung von {company_name}</translation>
    </message>
    <message>
        <source>Dear {customer_name},

according to our records {overdue_count} invoices are overdue, {amount_to_pay} in all. The attached reminder lists them. If you have paid already, please disregard this message.

Kind regards,
{company_name}</source>
        <translation>Sehr geehrte Damen und Herren,

nach unseren Unterlagen sind {overdue_count} Rechnungen überfällig, insgesamt {amount_to_pay}. Die beigefügte Zahlungserinnerung listet sie auf. Sollten Sie bereits bezahlt haben, betrachten Sie diese Nachricht bitte als gegenstandslos.

Mit freundlichen Grüßen
{company_name}</translation>
    </message>
</context>
<context>
    <name>orb::InvoiceDocument</name>
    <message>
        <source>Tier %1</source>
        <translation>Stufe %1</translation>
    </message>
    <message>
        <source>Free units</source>
        <translation>Freie Einheiten</translation>
    </message>
    <message>
        <source>Fixed fees</source>
        <translation>Festgebühren</translation>
    </message>
    <message>
        <source>Usage discount</source>
        <translation>Nutzungsrabatt</translation>
    </message>
    <message>
        <source>Amount discount</source>
        <translation>Betragsrabatt</translation>
    </message>
    <message>
        <source>Percentage discount</source>
        <translation>Prozentrabatt</translation>
    </message>
    <message>
        <source>Minimum</source>
        <translation>Mindestbetrag</translation>
    </message>
    <message>
        <source>Maximum</source>
        <translation>Höchstbetrag</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Rechnung</translation>
    </message>
    <message>
        <source>(draft)</source>
        <translation>(Entwurf)</translation>
    </message>
    <message>
        <source>DRAFT</source>
        <translation>ENTWURF</translation>
    </message>
    <message>
        <source>VOID</source>
        <translation>STORNIERT</translation>
    </message>
    <message>
        <source>PAID</source>
        <translation>BEZAHLT</translation>
    </message>
    <message>
        <source>Bill to</source>
        <translation>Rechnungsempfänger</translation>
    </message>
    <message>
        <source>Invoice number</source>
        <translation>Rechnungsnummer</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>Invoice date</source>
        <translation>Rechnungsdatum</translation>
    </message>
    <message>
        <source>Service period</source>
        <translation>Leistungszeitraum</translation>
    </message>
    <message>
        <source>Terms</source>
        <translation>Zahlungsziel</translation>
    </message>
    <message>
        <source>Net %1</source>
        <translation>%1 Tage netto</translation>
    </message>
    <message>
        <source>Due on receipt</source>
        <translation>Zahlbar sofort</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Fällig am</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Einzelpreis</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>No charges.</source>
        <translation>Keine Positionen.</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>Gutschein</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>Zwischensumme</translation>
    </message>
    <message>
        <source>Adjustments</source>
        <translation>Anpassungen</translation>
    </message>
    <message>
        <source>Coupons</source>
        <translation>Gutscheine</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Gesamt</translation>
    </message>
    <message>
        <source>Balance applied</source>
        <translation>Guthaben verrechnet</translation>
    </message>
    <message>
        <source>Prepaid credits applied</source>
        <translation>Vorausbezahltes Guthaben verrechnet</translation>
    </message>
    <message>
        <source>Amount paid</source>
        <translation>Bezahlt</translation>
    </message>
    <message>
        <source>Credited</source>
        <translation>Gutgeschrieben</translation>
    </message>
    <message>
        <source>Amount due (%1)</source>
        <translation>Fälliger Betrag (%1)</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>Storniert</translation>
    </message>
    <message>
        <source>This invoice was voided and is not payable.</source>
        <translation>Diese Rechnung wurde storniert und ist nicht zu bezahlen.</translation>
    </message>
    <message>
        <source>Payment instructions</source>
        <translation>Zahlungshinweise</translation>
    </message>
    <message>
        <source>Memo</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>%1 · Invoice %2</source>
        <translation>%1 · Rechnung %2</translation>
    </message>
    <message>
        <source>Credit note</source>
        <translation>Gutschrift</translation>
    </message>
    <message>
        <source>Credit to</source>
        <translation>Gutschrift an</translation>
    </message>
    <message>
        <source>Credit note number</source>
        <translation>Gutschriftsnummer</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Erstattung</translation>
    </message>
    <message>
        <source>Adjustment</source>
        <translation>Korrektur</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>Steuer</translation>
    </message>
    <message>
        <source>Line %1</source>
        <translation>Position %1</translation>
    </message>
    <message>
        <source>Total credited (%1)</source>
        <translation>Gutgeschrieben gesamt (%1)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>%1 · Credit note %2</source>
        <translation>%1 · Gutschrift %2</translation>
    </message>
</context>
<context>
    <name>orb::ReminderDocument</name>
    <message>
        <source>Payment reminder</source>
        <translation>Zahlungserinnerung</translation>
    </message>
    <message>
        <source>To</source>
        <translation>An</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <source>Overdue invoices</source>
        <translation>Überfällige Rechnungen</translation>
    </message>
    <message>
        <source>Amount to pay</source>
        <translation>Zu zahlen</translation>
    </message>
    <message>
        <source>Dear customer,</source>
        <translation>Sehr geehrte Damen und Herren,</translation>
    </message>
    <message>
        <source>according to our records the invoices below were due and are still unpaid. If you have already paid them, please disregard this letter; otherwise please pay the amount below without delay.</source>
        <translation>nach unseren Unterlagen sind die folgenden Rechnungen fällig und noch nicht bezahlt. Sollten Sie sie bereits bezahlt haben, betrachten Sie dieses Schreiben bitte als gegenstandslos; andernfalls bitten wir Sie, den unten genannten Betrag umgehend zu überweisen.</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Rechnung</translation>
    </message>
    <message>
        <source>Invoice date</source>
        <translation>Rechnungsdatum</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Fällig am</translation>
    </message>
    <message>
        <source>Days overdue</source>
        <translation>Tage überfällig</translation>
    </message>
    <message>
        <source>Open amount</source>
        <translation>Offener Betrag</translation>
    </message>
    <message>
        <source>No invoice is overdue.</source>
        <translation>Keine Rechnung ist überfällig.</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Überfällig</translation>
    </message>
    <message>
        <source>Reminder fee</source>
        <translation>Mahngebühr</translation>
    </message>
    <message>
        <source>Amount to pay (%1)</source>
        <translation>Zu zahlen (%1)</translation>
    </message>
    <message>
        <source>the invoice numbers</source>
        <translation>die Rechnungsnummern</translation>
    </message>
    <message>
        <source>Payment instructions</source>
        <translation>Zahlungshinweise</translation>
    </message>
    <message>
        <source>%1 · Payment reminder for %2, %3</source>
        <translation>%1 · Zahlungserinnerung an %2, %3</translation>
    </message>
</context>
<context>
    <name>orb::StatementDocument</name>
    <message>
        <source>Invoice</source>
        <translation>Rechnung</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Zahlung</translation>
    </message>
    <message>
        <source>Credit note</source>
        <translation>Gutschrift</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>Storniert</translation>
    </message>
    <message>
        <source>Statement</source>
        <translation>Kontoauszug</translation>
    </message>
    <message>
        <source>Statement for</source>
        <translation>Kontoauszug für</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <source>Opening balance</source>
        <translation>Anfangssaldo</translation>
    </message>
    <message>
        <source>Closing balance</source>
        <translation>Schlusssaldo</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Charges</source>
        <translation>Belastungen</translation>
    </message>
    <message>
        <source>Credits</source>
        <translation>Gutschriften</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>Saldo</translation>
    </message>
    <message>
        <source>Service %1</source>
        <translation>Leistung %1</translation>
    </message>
    <message>
        <source>Open invoices (%1)</source>
        <translation>Offene Rechnungen (%1)</translation>
    </message>
    <message>
        <source>Balance due (%1)</source>
        <translation>Offener Saldo (%1)</translation>
    </message>
    <message>
        <source>the invoice numbers</source>
        <translation>die Rechnungsnummern</translation>
    </message>
    <message>
        <source>Payment instructions</source>
        <translation>Zahlungshinweise</translation>
    </message>
    <message>
        <source>%1 · Statement for %2, %3</source>
        <translation>%1 · Kontoauszug für %2, %3</translation>
    </message>
    <message>
        <source>One-off invoice</source>
        <translation>Einmalrechnung</translation>
    </message>
    <message>
        <source>Payment for %1 (%2)</source>
        <translation>Zahlung für %1 (%2)</translation>
    </message>
    <message>
        <source>Credit note on %1: %2</source>
        <translation>Gutschrift zu %1: %2</translation>
    </message>
    <message>
        <source>Invoice %1 voided</source>
        <translation>Rechnung %1 storniert</translation>
    </message>
    <message>
        <source>bank transfer</source>
        <translation>Überweisung</translation>
    </message>
    <message>
        <source>card</source>
        <translation>Karte</translation>
    </message>
    <message>
        <source>cash</source>
        <translation>bar</translation>
    </message>
    <message>
        <source>check</source>
        <translation>Scheck</translation>
    </message>
    <message>
        <source>Invoice %1: the payment of %2 is disputed; your bank holds it until the dispute is decided</source>
        <translation>Rechnung %1: Die Zahlung über %2 ist angefochten; Ihre Bank hält sie zurück, bis über die Anfechtung entschieden ist</translation>
    </message>
    <message>
        <source>Invoice %1: your bank asked about the payment of %2</source>
        <translation>Rechnung %1: Ihre Bank hat zur Zahlung über %2 nachgefragt</translation>
    </message>
    <message>
        <source>Disputed payments</source>
        <translation>Angefochtene Zahlungen</translation>
    </message>
    <message>
        <source>Refund paid on %1</source>
        <translation>Erstattung zu %1 ausgezahlt</translation>
    </message>
    <message>
        <source>Refund paid</source>
        <translation>Erstattung ausgezahlt</translation>
    </message>
</context>
</TS>
