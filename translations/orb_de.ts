<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de_DE">
<context>
    <name>QObject</name>
    <message>
        <source>Your company</source>
        <translation>Ihr Unternehmen</translation>
    </message>
    <message>
        <source>This appears on invoices and statements. You can change it later in Settings.</source>
        <translation>Diese Angaben erscheinen auf Rechnungen und Kontoauszügen. Sie können sie später in den Einstellungen ändern.</translation>
    </message>
    <message>
        <source>Company na&amp;me:</source>
        <translation>&amp;Firmenname:</translation>
    </message>
    <message>
        <source>Billing &amp;e-mail:</source>
        <translation>&amp;E-Mail für Rechnungen:</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse:</translation>
    </message>
    <message>
        <source>&amp;City:</source>
        <translation>&amp;Ort:</translation>
    </message>
    <message>
        <source>&amp;Postal code:</source>
        <translation>&amp;Postleitzahl:</translation>
    </message>
    <message>
        <source>C&amp;ountry code:</source>
        <translation>&amp;Ländercode:</translation>
    </message>
    <message>
        <source>Check the e-mail</source>
        <translation>E-Mail-Adresse prüfen</translation>
    </message>
    <message>
        <source>"%1" is not an e-mail address.</source>
        <translation>„%1“ ist keine E-Mail-Adresse.</translation>
    </message>
    <message>
        <source>Check the country</source>
        <translation>Land prüfen</translation>
    </message>
    <message>
        <source>"%1" is not a two-letter country code such as US or DE.</source>
        <translation>„%1“ ist kein zweistelliger Ländercode wie US oder DE.</translation>
    </message>
    <message>
        <source>Billing</source>
        <translation>Abrechnung</translation>
    </message>
    <message>
        <source>The currency and time zone new customers start with, and how invoices are numbered.</source>
        <translation>Die Währung und Zeitzone, mit der neue Kunden angelegt werden, und wie Rechnungen nummeriert werden.</translation>
    </message>
    <message>
        <source>&amp;Currency:</source>
        <translation>&amp;Währung:</translation>
    </message>
    <message>
        <source>&amp;Time zone:</source>
        <translation>&amp;Zeitzone:</translation>
    </message>
    <message>
        <source>Invoice &amp;prefix:</source>
        <translation>Rechnungs&amp;präfix:</translation>
    </message>
    <message>
        <source>Document &amp;locale:</source>
        <translation>Dokument&amp;sprache:</translation>
    </message>
    <message>
        <source>Check the time zone</source>
        <translation>Zeitzone prüfen</translation>
    </message>
    <message>
        <source>Choose a time zone from the list, such as Europe/Berlin.</source>
        <translation>Wählen Sie eine Zeitzone aus der Liste, z. B. Europe/Berlin.</translation>
    </message>
    <message>
        <source>Company file</source>
        <translation>Firmendatei</translation>
    </message>
    <message>
        <source>All of the company's books live in this one file. Keep it backed up.</source>
        <translation>Die gesamte Buchhaltung des Unternehmens befindet sich in dieser einen Datei. Sichern Sie sie regelmäßig.</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>Dur&amp;chsuchen…</translation>
    </message>
    <message>
        <source>New company file</source>
        <translation>Neue Firmendatei</translation>
    </message>
    <message>
        <source>Orb company files (*.orb)</source>
        <translation>Orb-Firmendateien (*.orb)</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Datei:</translation>
    </message>
    <message>
        <source>File exists</source>
        <translation>Datei existiert bereits</translation>
    </message>
    <message>
        <source>%1 already exists. Orb does not overwrite files; choose another name.</source>
        <translation>%1 existiert bereits. Orb überschreibt keine Dateien; wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>Print %1</source>
        <translation>%1 drucken</translation>
    </message>
    <message>
        <source>Could not open the company file</source>
        <translation>Die Firmendatei konnte nicht geöffnet werden</translation>
    </message>
</context>
<context>
    <name>StatusText</name>
    <message>
        <source>Draft</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Ausgestellt</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Bezahlt</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>Storniert</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Überfällig</translation>
    </message>
    <message>
        <source>Upcoming</source>
        <translation>Bevorstehend</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Beendet</translation>
    </message>
    <message numerus="yes">
        <source>%Ln day(s)</source>
        <translation>
            <numerusform>%Ln Tag</numerusform>
            <numerusform>%Ln Tage</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln week(s)</source>
        <translation>
            <numerusform>%Ln Woche</numerusform>
            <numerusform>%Ln Wochen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln month(s)</source>
        <translation>
            <numerusform>%Ln Monat</numerusform>
            <numerusform>%Ln Monate</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln year(s)</source>
        <translation>
            <numerusform>%Ln Jahr</numerusform>
            <numerusform>%Ln Jahre</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TaxIdType</name>
    <message>
        <source>Andorran NRT number</source>
        <translation>Andorranische NRT-Nummer</translation>
    </message>
    <message>
        <source>United Arab Emirates TRN</source>
        <translation>TRN der Vereinigten Arabischen Emirate</translation>
    </message>
    <message>
        <source>Argentinian tax id (CUIT)</source>
        <translation>Argentinische Steuernummer (CUIT)</translation>
    </message>
    <message>
        <source>Australian Business Number (ABN)</source>
        <translation>Australische Unternehmensnummer (ABN)</translation>
    </message>
    <message>
        <source>Australian Taxation Office Reference Number</source>
        <translation>Referenznummer des australischen Finanzamts (ARN)</translation>
    </message>
    <message>
        <source>Bulgarian Unified Identification Code</source>
        <translation>Bulgarischer einheitlicher Identifikationscode (UIC)</translation>
    </message>
    <message>
        <source>Bolivian tax id</source>
        <translation>Bolivianische Steuernummer</translation>
    </message>
    <message>
        <source>Brazilian CNPJ number</source>
        <translation>Brasilianische CNPJ-Nummer</translation>
    </message>
    <message>
        <source>Brazilian CPF number</source>
        <translation>Brasilianische CPF-Nummer</translation>
    </message>
    <message>
        <source>Canadian Business Number (BN)</source>
        <translation>Kanadische Unternehmensnummer (BN)</translation>
    </message>
    <message>
        <source>Canadian GST/HST number</source>
        <translation>Kanadische GST/HST-Nummer</translation>
    </message>
    <message>
        <source>Canadian PST number (British Columbia)</source>
        <translation>Kanadische PST-Nummer (British Columbia)</translation>
    </message>
    <message>
        <source>Canadian PST number (Manitoba)</source>
        <translation>Kanadische PST-Nummer (Manitoba)</translation>
    </message>
    <message>
        <source>Canadian PST number (Saskatchewan)</source>
        <translation>Kanadische PST-Nummer (Saskatchewan)</translation>
    </message>
    <message>
        <source>Canadian QST number (Québec)</source>
        <translation>Kanadische QST-Nummer (Québec)</translation>
    </message>
    <message>
        <source>Swiss VAT number</source>
        <translation>Schweizer MWST-Nummer</translation>
    </message>
    <message>
        <source>Chilean TIN (RUT)</source>
        <translation>Chilenische Steuernummer (RUT)</translation>
    </message>
    <message>
        <source>Chinese tax id</source>
        <translation>Chinesische Steuernummer</translation>
    </message>
    <message>
        <source>Colombian NIT number</source>
        <translation>Kolumbianische NIT-Nummer</translation>
    </message>
    <message>
        <source>Costa Rican tax id</source>
        <translation>Costa-ricanische Steuernummer</translation>
    </message>
    <message>
        <source>German tax number (Steuernummer)</source>
        <translation>Deutsche Steuernummer</translation>
    </message>
    <message>
        <source>Dominican RCN number</source>
        <translation>Dominikanische RCN-Nummer</translation>
    </message>
    <message>
        <source>Ecuadorian RUC number</source>
        <translation>Ecuadorianische RUC-Nummer</translation>
    </message>
    <message>
        <source>Egyptian tax identification number</source>
        <translation>Ägyptische Steueridentifikationsnummer</translation>
    </message>
    <message>
        <source>Spanish NIF (CIF) number</source>
        <translation>Spanische NIF-(CIF-)Nummer</translation>
    </message>
    <message>
        <source>EU One Stop Shop VAT number (non-Union scheme)</source>
        <translation>EU-OSS-Umsatzsteuernummer (Nicht-EU-Regelung)</translation>
    </message>
    <message>
        <source>EU VAT number</source>
        <translation>EU-Umsatzsteuer-Identifikationsnummer</translation>
    </message>
    <message>
        <source>UK VAT number</source>
        <translation>Britische Umsatzsteuernummer</translation>
    </message>
    <message>
        <source>Georgian VAT number</source>
        <translation>Georgische Umsatzsteuernummer</translation>
    </message>
    <message>
        <source>Hong Kong BR number</source>
        <translation>Hongkonger BR-Nummer</translation>
    </message>
    <message>
        <source>Croatian personal identification number (OIB)</source>
        <translation>Kroatische persönliche Identifikationsnummer (OIB)</translation>
    </message>
    <message>
        <source>Hungarian tax number (adószám)</source>
        <translation>Ungarische Steuernummer (adószám)</translation>
    </message>
    <message>
        <source>Indonesian NPWP number</source>
        <translation>Indonesische NPWP-Nummer</translation>
    </message>
    <message>
        <source>Israeli VAT number</source>
        <translation>Israelische Umsatzsteuernummer</translation>
    </message>
    <message>
        <source>Indian GST number</source>
        <translation>Indische GST-Nummer</translation>
    </message>
    <message>
        <source>Icelandic VAT number</source>
        <translation>Isländische Umsatzsteuernummer</translation>
    </message>
    <message>
        <source>Japanese corporate number (Hōjin Bangō)</source>
        <translation>Japanische Unternehmensnummer (Hōjin Bangō)</translation>
    </message>
    <message>
        <source>Japanese registration number of a registered foreign business</source>
        <translation>Japanische Registrierungsnummer eines eingetragenen ausländischen Unternehmens</translation>
    </message>
    <message>
        <source>Japanese tax registration number (Tōroku Bangō)</source>
        <translation>Japanische Steuerregistrierungsnummer (Tōroku Bangō)</translation>
    </message>
    <message>
        <source>Kenya Revenue Authority PIN</source>
        <translation>PIN der kenianischen Steuerbehörde</translation>
    </message>
    <message>
        <source>Korean business registration number (BRN)</source>
        <translation>Koreanische Unternehmensregistrierungsnummer (BRN)</translation>
    </message>
    <message>
        <source>Liechtenstein UID number</source>
        <translation>Liechtensteinische UID-Nummer</translation>
    </message>
    <message>
        <source>Liechtenstein VAT number</source>
        <translation>Liechtensteinische MWST-Nummer</translation>
    </message>
    <message>
        <source>Mexican RFC number</source>
        <translation>Mexikanische RFC-Nummer</translation>
    </message>
    <message>
        <source>Malaysian FRP number</source>
        <translation>Malaysische FRP-Nummer</translation>
    </message>
    <message>
        <source>Malaysian ITN</source>
        <translation>Malaysische ITN</translation>
    </message>
    <message>
        <source>Malaysian SST number</source>
        <translation>Malaysische SST-Nummer</translation>
    </message>
    <message>
        <source>Norwegian VAT number</source>
        <translation>Norwegische Umsatzsteuernummer</translation>
    </message>
    <message>
        <source>Norwegian VAT on e-commerce number (VOEC)</source>
        <translation>Norwegische VOEC-Nummer (Umsatzsteuer im Onlinehandel)</translation>
    </message>
    <message>
        <source>New Zealand GST number</source>
        <translation>Neuseeländische GST-Nummer</translation>
    </message>
    <message>
        <source>Peruvian RUC number</source>
        <translation>Peruanische RUC-Nummer</translation>
    </message>
    <message>
        <source>Philippine tax identification number</source>
        <translation>Philippinische Steueridentifikationsnummer</translation>
    </message>
    <message>
        <source>Romanian tax id number</source>
        <translation>Rumänische Steuernummer</translation>
    </message>
    <message>
        <source>Serbian PIB number</source>
        <translation>Serbische PIB-Nummer</translation>
    </message>
    <message>
        <source>Russian INN</source>
        <translation>Russische INN</translation>
    </message>
    <message>
        <source>Russian KPP</source>
        <translation>Russische KPP</translation>
    </message>
    <message>
        <source>Saudi Arabian VAT number</source>
        <translation>Saudi-arabische Umsatzsteuernummer</translation>
    </message>
    <message>
        <source>Singaporean GST number</source>
        <translation>Singapurische GST-Nummer</translation>
    </message>
    <message>
        <source>Singaporean UEN</source>
        <translation>Singapurische UEN</translation>
    </message>
    <message>
        <source>Slovenian tax number (davčna številka)</source>
        <translation>Slowenische Steuernummer (davčna številka)</translation>
    </message>
    <message>
        <source>Salvadoran NIT number</source>
        <translation>Salvadorianische NIT-Nummer</translation>
    </message>
    <message>
        <source>Thai VAT number</source>
        <translation>Thailändische Umsatzsteuernummer</translation>
    </message>
    <message>
        <source>Turkish tax identification number</source>
        <translation>Türkische Steueridentifikationsnummer</translation>
    </message>
    <message>
        <source>Taiwanese VAT number</source>
        <translation>Taiwanische Umsatzsteuernummer</translation>
    </message>
    <message>
        <source>Ukrainian VAT number</source>
        <translation>Ukrainische Umsatzsteuernummer</translation>
    </message>
    <message>
        <source>US Employer Identification Number (EIN)</source>
        <translation>US-Arbeitgeber-Identifikationsnummer (EIN)</translation>
    </message>
    <message>
        <source>Uruguayan RUC number</source>
        <translation>Uruguayische RUC-Nummer</translation>
    </message>
    <message>
        <source>Venezuelan RIF number</source>
        <translation>Venezolanische RIF-Nummer</translation>
    </message>
    <message>
        <source>Vietnamese tax id number</source>
        <translation>Vietnamesische Steuernummer</translation>
    </message>
    <message>
        <source>South African VAT number</source>
        <translation>Südafrikanische Umsatzsteuernummer</translation>
    </message>
</context>
<context>
    <name>orb</name>
    <message>
        <source>This would be refused:</source>
        <translation>Dies würde abgelehnt:</translation>
    </message>
    <message>
        <source>Takes effect on &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation>Wirksam ab &lt;b&gt;%1&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>Nothing is credited to the customer balance.</source>
        <translation>Dem Kundenguthaben wird nichts gutgeschrieben.</translation>
    </message>
    <message>
        <source>%1 draft invoice(s) from that date on are dropped; the next invoice run composes them again.</source>
        <translation>Ab diesem Datum verworfene Rechnungsentwürfe: %1; der nächste Rechnungslauf erstellt sie neu.</translation>
    </message>
    <message>
        <source>Voided: %1</source>
        <translation>Storniert: %1</translation>
    </message>
    <message>
        <source>No further invoices.</source>
        <translation>Keine weiteren Rechnungen.</translation>
    </message>
    <message>
        <source>draft %1</source>
        <translation>Entwurf %1</translation>
    </message>
    <message>
        <source>%1 (%2 – %3, %4 %5)</source>
        <translation>%1 (%2 – %3, %4 %5)</translation>
    </message>
    <message>
        <source>Proration credited to the customer balance: %1</source>
        <translation>Dem Kundenguthaben gutgeschriebene anteilige Verrechnung: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>orb::AdjustmentsEditor</name>
    <message>
        <source>Adjustments of the plan</source>
        <translation>Anpassungen des Tarifs</translation>
    </message>
    <message>
        <source>Adjustment</source>
        <translation>Anpassung</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Applies to</source>
        <translation>Gilt für</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Add adjustment</source>
        <translation>Anpassung hinzufügen</translation>
    </message>
    <message>
        <source>Remove adjustment</source>
        <translation>Anpassung entfernen</translation>
    </message>
    <message>
        <source>Percentage discount</source>
        <translation>Prozentrabatt</translation>
    </message>
    <message>
        <source>Amount discount</source>
        <translation>Betragsrabatt</translation>
    </message>
    <message>
        <source>Usage discount (units)</source>
        <translation>Nutzungsrabatt (Einheiten)</translation>
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
        <source>(unnamed price)</source>
        <translation>(Preis ohne Namen)</translation>
    </message>
    <message>
        <source>All prices</source>
        <translation>Alle Preise</translation>
    </message>
    <message>
        <source>applies to</source>
        <translation>gilt für</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Adjustment %1: %2</source>
        <translation>Anpassung %1: %2</translation>
    </message>
    <message>
        <source>Adjustment %1, %2: %3</source>
        <translation>Anpassung %1, %2: %3</translation>
    </message>
    <message>
        <source>A discount or limit in the plan's currency; a percentage discount as a fraction (%1 = %2); a usage discount in units</source>
        <translation>Ein Rabatt oder eine Grenze in der Währung des Tarifs; ein Prozentrabatt als Bruchteil (%1 = %2); ein Nutzungsrabatt in Einheiten</translation>
    </message>
</context>
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
    <name>orb::AgingTableModel</name>
    <message>
        <source>Total %1</source>
        <translation>Summe %1</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
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
</context>
<context>
    <name>orb::ApiKeysBox</name>
    <message>
        <source>API key "%1"</source>
        <translation>API-Schlüssel „%1“</translation>
    </message>
    <message>
        <source>The new key, with the role %1. A product or script sends it as &lt;tt&gt;Authorization: Bearer KEY&lt;/tt&gt;.</source>
        <translation>Der neue Schlüssel mit der Rolle %1. Ein Produkt oder Skript sendet ihn als &lt;tt&gt;Authorization: Bearer KEY&lt;/tt&gt;.</translation>
    </message>
    <message>
        <source>API keys</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>New &amp;key…</source>
        <translation>Neuer S&amp;chlüssel…</translation>
    </message>
    <message>
        <source>Make an API key for a product or script; its secret is shown once</source>
        <translation>Einen API-Schlüssel für ein Produkt oder Skript erstellen; er wird nur einmal angezeigt</translation>
    </message>
    <message>
        <source>New API key</source>
        <translation>Neuer API-Schlüssel</translation>
    </message>
    <message>
        <source>Re&amp;voke…</source>
        <translation>&amp;Widerrufen…</translation>
    </message>
    <message>
        <source>Revoke the selected key: requests with it are refused from then on</source>
        <translation>Den gewählten Schlüssel widerrufen: Anfragen damit werden ab dann abgewiesen</translation>
    </message>
    <message>
        <source>Revoke API key</source>
        <translation>API-Schlüssel widerrufen</translation>
    </message>
    <message>
        <source>Requests carry a key as &lt;tt&gt;Authorization: Bearer KEY&lt;/tt&gt;. Orb keeps only a hash of each key.</source>
        <translation>Anfragen tragen einen Schlüssel als &lt;tt&gt;Authorization: Bearer KEY&lt;/tt&gt;. Orb speichert von jedem Schlüssel nur einen Hashwert.</translation>
    </message>
    <message>
        <source>revoked %1</source>
        <translation>widerrufen am %1</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>The start of the key, to tell keys apart; the rest is never shown again</source>
        <translation>Der Anfang des Schlüssels, um Schlüssel zu unterscheiden; der Rest wird nie wieder angezeigt</translation>
    </message>
    <message>
        <source>The key was not made: %1</source>
        <translation>Der Schlüssel wurde nicht erstellt: %1</translation>
    </message>
    <message>
        <source>API key "%1" (%2) made.</source>
        <translation>API-Schlüssel „%1“ (%2) erstellt.</translation>
    </message>
    <message>
        <source>Revoke the API key "%1"? Every request with it is refused from then on, also by a server that is running; this cannot be undone (make a new key instead).</source>
        <translation>API-Schlüssel „%1“ widerrufen? Jede Anfrage damit wird ab dann abgewiesen, auch von einem laufenden Server; das lässt sich nicht rückgängig machen (erstellen Sie stattdessen einen neuen Schlüssel).</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <source>The key was not revoked: %1</source>
        <translation>Der Schlüssel wurde nicht widerrufen: %1</translation>
    </message>
    <message>
        <source>API key "%1" revoked.</source>
        <translation>API-Schlüssel „%1“ widerrufen.</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>Zuletzt verwendet</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>When a request last came with this key, to the minute</source>
        <translation>Wann zuletzt eine Anfrage mit diesem Schlüssel kam, auf die Minute genau</translation>
    </message>
</context>
<context>
    <name>orb::ApiSecretDialog</name>
    <message>
        <source>Secret</source>
        <translation>Geheimnis</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Copy the secret to the clipboard</source>
        <translation>Das Geheimnis in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Copy the secret</source>
        <translation>Geheimnis kopieren</translation>
    </message>
    <message>
        <source>&lt;b&gt;This is the only time it is shown.&lt;/b&gt; Orb keeps no readable copy: store it now where it is needed (a password manager, the product's configuration). If it is lost, make a new one.</source>
        <translation>&lt;b&gt;Es wird nur dieses eine Mal angezeigt.&lt;/b&gt; Orb behält keine lesbare Kopie: Legen Sie es jetzt dort ab, wo es gebraucht wird (Passwortmanager, Konfiguration des Produkts). Geht es verloren, erstellen Sie ein neues.</translation>
    </message>
    <message>
        <source>I have stored it</source>
        <translation>Ich habe es gespeichert</translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation>In die Zwischenablage kopiert.</translation>
    </message>
</context>
<context>
    <name>orb::ApiServerThread</name>
    <message>
        <source>The company could not be opened for the API server: %1</source>
        <translation>Die Firma konnte für den API-Server nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>%1 is read-only here, so the API cannot serve it.</source>
        <translation>%1 ist hier schreibgeschützt, daher kann die API sie nicht bereitstellen.</translation>
    </message>
    <message>
        <source>the address could not be used</source>
        <translation>die Adresse konnte nicht verwendet werden</translation>
    </message>
    <message>
        <source>the port is in use by another program</source>
        <translation>der Port wird von einem anderen Programm verwendet</translation>
    </message>
    <message>
        <source>this program may not use that port</source>
        <translation>dieses Programm darf den Port nicht verwenden</translation>
    </message>
    <message>
        <source>Cannot listen on port %1: %2.</source>
        <translation>Auf Port %1 kann nicht gelauscht werden: %2.</translation>
    </message>
    <message>
        <source>The company server is not reachable; the API answers every request with an error (503) until it is back: %1</source>
        <translation>Der Firmenserver ist nicht erreichbar; die API beantwortet jede Anfrage mit einem Fehler (503), bis er wieder da ist: %1</translation>
    </message>
</context>
<context>
    <name>orb::ApiSettingsPage</name>
    <message>
        <source>API server</source>
        <translation>API-Server</translation>
    </message>
    <message>
        <source>Serve Orb's REST API from &amp;this window</source>
        <translation>Orbs REST-API aus diesem &amp;Fenster bereitstellen</translation>
    </message>
    <message>
        <source>While this company is open here, products and scripts can send usage and read the books through Orb's API</source>
        <translation>Solange diese Firma hier geöffnet ist, können Produkte und Skripte über Orbs API Nutzung senden und die Bücher lesen</translation>
    </message>
    <message>
        <source>Serve the API</source>
        <translation>API bereitstellen</translation>
    </message>
    <message>
        <source>Listen address</source>
        <translation>Adresse, auf der gelauscht wird</translation>
    </message>
    <message>
        <source>HOST:PORT on this computer, e.g. 127.0.0.1:8710 (port 0 picks a free one)</source>
        <translation>HOST:PORT auf diesem Computer, z. B. 127.0.0.1:8710 (Port 0 wählt einen freien)</translation>
    </message>
    <message>
        <source>The same API as &lt;tt&gt;orbctl serve&lt;/tt&gt;: Orb's official SDKs and connectors work with it when their base URL is this address followed by &lt;tt&gt;/v1&lt;/tt&gt;. Webhooks are delivered while it serves. &lt;tt&gt;orbctl&lt;/tt&gt; keeps working on this company meanwhile.</source>
        <translation>Dieselbe API wie &lt;tt&gt;orbctl serve&lt;/tt&gt;: Orbs offizielle SDKs und Konnektoren arbeiten damit, wenn ihre Basis-URL diese Adresse gefolgt von &lt;tt&gt;/v1&lt;/tt&gt; ist. Webhooks werden zugestellt, solange sie läuft. &lt;tt&gt;orbctl&lt;/tt&gt; arbeitet währenddessen weiter mit dieser Firma.</translation>
    </message>
    <message>
        <source>Listen &amp;on:</source>
        <translation>Lauschen a&amp;uf:</translation>
    </message>
    <message>
        <source>API settings</source>
        <translation>API-Einstellungen</translation>
    </message>
    <message>
        <source>This program cannot serve the API; run &lt;tt&gt;orbctl serve&lt;/tt&gt; instead.</source>
        <translation>Dieses Programm kann die API nicht bereitstellen; verwenden Sie stattdessen &lt;tt&gt;orbctl serve&lt;/tt&gt;.</translation>
    </message>
    <message>
        <source>This company file is open read-only: the API is not served from here.</source>
        <translation>Diese Firmendatei ist schreibgeschützt geöffnet: Die API wird von hier nicht bereitgestellt.</translation>
    </message>
    <message>
        <source>Not serving.</source>
        <translation>Nicht bereitgestellt.</translation>
    </message>
    <message>
        <source>The listen address "%1" %2.</source>
        <translation>Die Adresse „%1“: %2.</translation>
    </message>
    <message>
        <source>Starting on %1…</source>
        <translation>Startet auf %1…</translation>
    </message>
    <message>
        <source>Listening on %1 (SDK base URL: %1/v1)</source>
        <translation>Lauscht auf %1 (Basis-URL für SDKs: %1/v1)</translation>
    </message>
    <message>
        <source>Not serving: %1</source>
        <translation>Nicht bereitgestellt: %1</translation>
    </message>
    <message>
        <source>The API setting was not saved: %1</source>
        <translation>Die API-Einstellung wurde nicht gespeichert: %1</translation>
    </message>
</context>
<context>
    <name>orb::AuditTrailDialog</name>
    <message>
        <source>Audit trail</source>
        <translation>Änderungsprotokoll</translation>
    </message>
    <message>
        <source>Customer id or external id, invoice id or number, subscription id, or TYPE:ID — empty for the latest</source>
        <translation>Kunden-ID oder externe ID, Rechnungs-ID oder -nummer, Abonnement-ID oder TYP:ID — leer für die neuesten Einträge</translation>
    </message>
    <message>
        <source>Object whose trail to show</source>
        <translation>Objekt, dessen Protokoll angezeigt werden soll</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>Verify the chain</source>
        <translation>Kette prüfen</translation>
    </message>
    <message>
        <source>When (UTC)</source>
        <translation>Zeitpunkt (UTC)</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>The entry's before and after</source>
        <translation>Zustand vor und nach dem Eintrag</translation>
    </message>
    <message numerus="yes">
        <source>The latest %Ln entries of the company file.</source>
        <translation>
            <numerusform>Der %Ln neueste Eintrag der Firmendatei.</numerusform>
            <numerusform>Die %Ln neuesten Einträge der Firmendatei.</numerusform>
        </translation>
    </message>
    <message>
        <source>"%1" names no customer, invoice or subscription. Write another object as TYPE:ID, e.g. setting:grace_period_hours.</source>
        <translation>„%1“ bezeichnet keinen Kunden, keine Rechnung und kein Abonnement. Geben Sie ein anderes Objekt als TYP:ID an, z. B. setting:grace_period_hours.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln entries for %1:%2.</source>
        <translation>
            <numerusform>%Ln Eintrag für %1:%2.</numerusform>
            <numerusform>%Ln Einträge für %1:%2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The chain of %Ln entries is intact. Head hash: %1 (keep it elsewhere to detect a trail cut short).</source>
        <translation>
            <numerusform>Die Kette aus %Ln Eintrag ist intakt. Kopf-Hash: %1 (bewahren Sie ihn an anderer Stelle auf, um ein gekürztes Protokoll zu erkennen).</numerusform>
            <numerusform>Die Kette aus %Ln Einträgen ist intakt. Kopf-Hash: %1 (bewahren Sie ihn an anderer Stelle auf, um ein gekürztes Protokoll zu erkennen).</numerusform>
        </translation>
    </message>
    <message>
        <source>The chain is broken at entry %1: %2.</source>
        <translation>Die Kette ist bei Eintrag %1 unterbrochen: %2.</translation>
    </message>
    <message>
        <source>Audit entries</source>
        <translation>Protokolleinträge</translation>
    </message>
    <message>
        <source>created</source>
        <translation>angelegt</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>geändert</translation>
    </message>
    <message>
        <source>archived</source>
        <translation>archiviert</translation>
    </message>
    <message>
        <source>taken out of the archive</source>
        <translation>aus dem Archiv geholt</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>gelöscht</translation>
    </message>
    <message>
        <source>restored (undo)</source>
        <translation>wiederhergestellt (Rückgängig)</translation>
    </message>
    <message>
        <source>issued</source>
        <translation>ausgestellt</translation>
    </message>
    <message>
        <source>voided</source>
        <translation>storniert</translation>
    </message>
    <message>
        <source>payment recorded</source>
        <translation>Zahlung erfasst</translation>
    </message>
    <message>
        <source>credited</source>
        <translation>gutgeschrieben</translation>
    </message>
    <message>
        <source>draft deleted</source>
        <translation>Entwurf gelöscht</translation>
    </message>
    <message>
        <source>draft restored (undo)</source>
        <translation>Entwurf wiederhergestellt (Rückgängig)</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>gekündigt</translation>
    </message>
    <message>
        <source>scheduled change withdrawn</source>
        <translation>geplante Änderung zurückgenommen</translation>
    </message>
    <message>
        <source>plan changed</source>
        <translation>Tarif gewechselt</translation>
    </message>
    <message>
        <source>quantity changed</source>
        <translation>Menge geändert</translation>
    </message>
    <message>
        <source>balance adjusted</source>
        <translation>Guthaben angepasst</translation>
    </message>
    <message>
        <source>added</source>
        <translation>hinzugefügt</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>entfernt</translation>
    </message>
    <message>
        <source>role changed</source>
        <translation>Rolle geändert</translation>
    </message>
    <message>
        <source>assigned</source>
        <translation>zugewiesen</translation>
    </message>
    <message>
        <source>assignment removed</source>
        <translation>Zuweisung entfernt</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <source>reverted</source>
        <translation>zurückgesetzt</translation>
    </message>
    <message>
        <source>new version</source>
        <translation>neue Version</translation>
    </message>
    <message>
        <source>exported</source>
        <translation>exportiert</translation>
    </message>
    <message>
        <source>enabled</source>
        <translation>aktiviert</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>deaktiviert</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>widerrufen</translation>
    </message>
    <message>
        <source>encryption changed</source>
        <translation>Verschlüsselung geändert</translation>
    </message>
    <message>
        <source>secret moved to the keychain</source>
        <translation>Geheimnis in den Schlüsselbund verschoben</translation>
    </message>
    <message>
        <source>e-mail queued</source>
        <translation>E-Mail in die Warteschlange gestellt</translation>
    </message>
    <message>
        <source>e-mailed</source>
        <translation>per E-Mail versandt</translation>
    </message>
    <message>
        <source>e-mail released for another try</source>
        <translation>E-Mail für einen neuen Versuch freigegeben</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Rechnung</translation>
    </message>
    <message>
        <source>Credit note</source>
        <translation>Gutschrift</translation>
    </message>
    <message>
        <source>Subscription</source>
        <translation>Abonnement</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <source>Billable metric</source>
        <translation>Abrechenbare Metrik</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>Gutschein</translation>
    </message>
    <message>
        <source>Tax rate</source>
        <translation>Steuersatz</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Einstellung</translation>
    </message>
    <message>
        <source>Backfill</source>
        <translation>Nachtrag</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>Webhook endpoint</source>
        <translation>Webhook-Endpunkt</translation>
    </message>
    <message>
        <source>Ledger export</source>
        <translation>Buchhaltungsexport</translation>
    </message>
    <message>
        <source>Discount type</source>
        <translation>Rabattart</translation>
    </message>
    <message>
        <source>Database user %1, on the computer's account %2</source>
        <translation>Datenbankbenutzer %1, am Computerkonto %2</translation>
    </message>
    <message>
        <source>new record</source>
        <translation>neu angelegt</translation>
    </message>
    <message>
        <source>record removed</source>
        <translation>entfernt</translation>
    </message>
    <message numerus="yes">
        <source>The latest %Ln entries of the company on the server.</source>
        <translation>
            <numerusform>Der neueste Eintrag der Firma auf dem Server.</numerusform><numerusform>Die %Ln neuesten Einträge der Firma auf dem Server.</numerusform></translation>
    </message>
</context>
<context>
    <name>orb::BackfillOfferDialog</name>
    <message>
        <source>Create a backfill</source>
        <translation>Nachtrag anlegen</translation>
    </message>
    <message>
        <source>Events in the file older than the grace period: %1, the oldest at %2, the newest at %3. A live import refuses them; a backfill takes them.</source>
        <translation>Ereignisse der Datei, die älter als die Nachfrist sind: %1, das älteste vom %2, das jüngste vom %3. Ein laufender Import lehnt sie ab; ein Nachtrag nimmt sie auf.</translation>
    </message>
    <message>
        <source>Recent events in the file: %1. They go into the backfill too, so its timeframe runs to now.</source>
        <translation>Aktuelle Ereignisse in der Datei: %1. Sie gehen ebenfalls in den Nachtrag, daher reicht sein Zeitraum bis jetzt.</translation>
    </message>
    <message>
        <source>The backfill's events count once it is closed: at the end of the import, or later with orbctl backfills close.</source>
        <translation>Die Ereignisse des Nachtrags zählen, sobald er abgeschlossen ist: am Ende des Imports oder später mit orbctl backfills close.</translation>
    </message>
    <message>
        <source>Timeframe start</source>
        <translation>Beginn des Zeitraums</translation>
    </message>
    <message>
        <source>Timeframe end (exclusive)</source>
        <translation>Ende des Zeitraums (ausschließlich)</translation>
    </message>
    <message>
        <source>Customer of the backfill</source>
        <translation>Kunde des Nachtrags</translation>
    </message>
    <message>
        <source>Every customer</source>
        <translation>Alle Kunden</translation>
    </message>
    <message>
        <source>Only %1</source>
        <translation>Nur %1</translation>
    </message>
    <message>
        <source>&amp;Replace the events already stored in this timeframe when the backfill closes</source>
        <translation>Bereits gespeicherte Ereignisse dieses Zeitraums beim Abschluss des Nachtrags &amp;ersetzen</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Von:</translation>
    </message>
    <message>
        <source>&amp;To (exclusive):</source>
        <translation>&amp;Bis (ausschließlich):</translation>
    </message>
    <message>
        <source>&amp;Customer:</source>
        <translation>&amp;Kunde:</translation>
    </message>
    <message>
        <source>&amp;Create backfill</source>
        <translation>Nachtrag &amp;anlegen</translation>
    </message>
    <message>
        <source>The backfill was not created: %1</source>
        <translation>Der Nachtrag wurde nicht angelegt: %1</translation>
    </message>
</context>
<context>
    <name>orb::CatalogText</name>
    <message>
        <source>Unit</source>
        <translation>Stückpreis</translation>
    </message>
    <message>
        <source>Tiered</source>
        <translation>Gestaffelt</translation>
    </message>
    <message>
        <source>Bulk</source>
        <translation>Mengenpreis</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>Paket</translation>
    </message>
    <message>
        <source>Matrix</source>
        <translation>Matrix</translation>
    </message>
    <message>
        <source>Threshold total amount</source>
        <translation>Gesamtbetrag ab Schwelle</translation>
    </message>
    <message>
        <source>Tiered package</source>
        <translation>Gestaffelte Pakete</translation>
    </message>
    <message>
        <source>Tiered with minimum</source>
        <translation>Gestaffelt mit Mindestbetrag</translation>
    </message>
    <message>
        <source>Tiered package with minimum</source>
        <translation>Gestaffelte Pakete mit Mindestbetrag</translation>
    </message>
    <message>
        <source>Unit with percent</source>
        <translation>Stückpreis mit Prozentsatz</translation>
    </message>
    <message>
        <source>Package with allocation</source>
        <translation>Paket mit Freikontingent</translation>
    </message>
    <message>
        <source>Matrix with allocation</source>
        <translation>Matrix mit Freikontingent</translation>
    </message>
    <message>
        <source>Matrix with display name</source>
        <translation>Matrix mit Anzeigenamen</translation>
    </message>
    <message>
        <source>Grouped tiered</source>
        <translation>Gruppiert gestaffelt</translation>
    </message>
    <message>
        <source>Grouped tiered package</source>
        <translation>Gruppiert gestaffelte Pakete</translation>
    </message>
    <message>
        <source>Grouped allocation</source>
        <translation>Gruppiertes Freikontingent</translation>
    </message>
    <message>
        <source>Grouped with prorated minimum</source>
        <translation>Gruppiert mit anteiligem Mindestbetrag</translation>
    </message>
    <message>
        <source>Grouped with minimum and maximum</source>
        <translation>Gruppiert mit Mindest- und Höchstbetrag</translation>
    </message>
    <message>
        <source>Tiered package by largest group</source>
        <translation>Gestaffelte Pakete nach größter Gruppe</translation>
    </message>
    <message>
        <source>Bulk with filters</source>
        <translation>Mengenpreis mit Filtern</translation>
    </message>
    <message>
        <source>Basis points (BPS)</source>
        <translation>Basispunkte (BPS)</translation>
    </message>
    <message>
        <source>Bulk BPS</source>
        <translation>Mengenpreis in Basispunkten</translation>
    </message>
    <message>
        <source>Tiered BPS</source>
        <translation>Gestaffelte Basispunkte</translation>
    </message>
    <message>
        <source>Minimum composite</source>
        <translation>Mindestbetrag über andere Preise</translation>
    </message>
    <message>
        <source>Percent of other prices</source>
        <translation>Prozentsatz der anderen Preise</translation>
    </message>
    <message>
        <source>Unit with proration</source>
        <translation>Stückpreis, anteilig</translation>
    </message>
    <message>
        <source>Tiered with proration</source>
        <translation>Gestaffelt, anteilig</translation>
    </message>
    <message>
        <source>Bulk with proration</source>
        <translation>Mengenpreis, anteilig</translation>
    </message>
    <message>
        <source>Grouped tiered matrix</source>
        <translation>Gruppiert gestaffelte Matrix</translation>
    </message>
    <message>
        <source>Grouped with metered minimum</source>
        <translation>Gruppiert mit gemessenem Mindestbetrag</translation>
    </message>
    <message>
        <source>Cumulative grouped bulk</source>
        <translation>Kumulierter gruppierter Mengenpreis</translation>
    </message>
    <message>
        <source>Cumulative grouped allocation</source>
        <translation>Kumuliertes gruppiertes Freikontingent</translation>
    </message>
    <message>
        <source>Scalable matrix with unit pricing</source>
        <translation>Skalierbare Matrix mit Stückpreis</translation>
    </message>
    <message>
        <source>Scalable matrix with tiered pricing</source>
        <translation>Skalierbare Matrix mit Staffelpreisen</translation>
    </message>
    <message>
        <source>Matrix with threshold discounts</source>
        <translation>Matrix mit Schwellenrabatten</translation>
    </message>
    <message>
        <source>Event output</source>
        <translation>Preis aus dem Ereignis</translation>
    </message>
    <message>
        <source>Metered allowance</source>
        <translation>Gemessenes Kontingent</translation>
    </message>
    <message>
        <source>Daily credit allowance</source>
        <translation>Tägliches Guthabenkontingent</translation>
    </message>
    <message>
        <source>Percentage of volume</source>
        <translation>Prozentsatz des Volumens</translation>
    </message>
    <message>
        <source>Graduated percentage</source>
        <translation>Gestaffelter Prozentsatz</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>ist erforderlich</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>darf nicht leer sein</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>muss ein Objekt sein</translation>
    </message>
    <message>
        <source>must not be negative</source>
        <translation>darf nicht negativ sein</translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation>muss ja oder nein sein</translation>
    </message>
    <message>
        <source>must be greater than zero</source>
        <translation>muss größer als null sein</translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation>muss eine ganze Zahl sein</translation>
    </message>
    <message>
        <source>must be a list</source>
        <translation>muss eine Liste sein</translation>
    </message>
    <message>
        <source>must be text</source>
        <translation>muss Text sein</translation>
    </message>
    <message>
        <source>must be a number</source>
        <translation>muss eine Zahl sein</translation>
    </message>
    <message>
        <source>only the last tier may be without a limit</source>
        <translation>nur die letzte Staffel darf ohne Obergrenze sein</translation>
    </message>
    <message>
        <source>the first tier must start at 0</source>
        <translation>die erste Staffel muss bei 0 beginnen</translation>
    </message>
    <message>
        <source>the last tier must be without a limit</source>
        <translation>die letzte Staffel muss ohne Obergrenze sein</translation>
    </message>
    <message>
        <source>the lowest bound must be 0</source>
        <translation>die unterste Grenze muss 0 sein</translation>
    </message>
    <message>
        <source>must be a percentage from 0 to 100</source>
        <translation>muss ein Prozentsatz von 0 bis 100 sein</translation>
    </message>
    <message>
        <source>must be text or empty</source>
        <translation>muss Text oder leer sein</translation>
    </message>
    <message>
        <source>must be a fraction greater than 0 and at most 1</source>
        <translation>muss ein Bruchteil größer als 0 und höchstens 1 sein</translation>
    </message>
    <message>
        <source>must name at least one property</source>
        <translation>muss mindestens eine Eigenschaft nennen</translation>
    </message>
    <message>
        <source>must hold one or two entries</source>
        <translation>muss ein oder zwei Einträge enthalten</translation>
    </message>
    <message>
        <source>must be at least %1</source>
        <translation>muss mindestens %1 sein</translation>
    </message>
    <message>
        <source>must be greater than the tier above (%1)</source>
        <translation>muss größer als die Staffel darüber sein (%1)</translation>
    </message>
    <message>
        <source>must be a multiple of the package size %1</source>
        <translation>muss ein Vielfaches der Paketgröße %1 sein</translation>
    </message>
    <message>
        <source>is required for the model %1</source>
        <translation>ist für das Modell %1 erforderlich</translation>
    </message>
    <message>
        <source>%1 is not a price model</source>
        <translation>%1 ist kein Preismodell</translation>
    </message>
    <message>
        <source>repeats cell %1</source>
        <translation>wiederholt Zelle %1</translation>
    </message>
</context>
<context>
    <name>orb::ConfigEditorGrid</name>
    <message>
        <source>%1 per pair of values</source>
        <translation>%1 je Wertepaar</translation>
    </message>
    <message>
        <source>Add row</source>
        <translation>Zeile hinzufügen</translation>
    </message>
    <message>
        <source>A further value down the left</source>
        <translation>Ein weiterer Wert links</translation>
    </message>
    <message>
        <source>Remove row</source>
        <translation>Zeile entfernen</translation>
    </message>
    <message>
        <source>Add column</source>
        <translation>Spalte hinzufügen</translation>
    </message>
    <message>
        <source>A further value across the top</source>
        <translation>Ein weiterer Wert oben</translation>
    </message>
    <message>
        <source>Remove column</source>
        <translation>Spalte entfernen</translation>
    </message>
    <message>
        <source>Values of the first dimension down the left, of the second across the top; each cell: %1 of that pair. An empty cell is no entry.</source>
        <translation>Werte der ersten Dimension links untereinander, der zweiten oben nebeneinander; jede Zelle: %1 dieses Wertepaares. Eine leere Zelle ist kein Eintrag.</translation>
    </message>
    <message>
        <source>Across the top: %1.</source>
        <translation>Oben: %1.</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>Cell %1: %2</source>
        <translation>Zelle %1: %2</translation>
    </message>
</context>
<context>
    <name>orb::CouponsScreen</name>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Rabatt</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Laufzeit</translation>
    </message>
    <message>
        <source>Redemptions allowed</source>
        <translation>Erlaubte Einlösungen</translation>
    </message>
    <message>
        <source>Redeemed</source>
        <translation>Eingelöst</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Coupons</source>
        <translation>Gutscheine</translation>
    </message>
    <message>
        <source>Show archi&amp;ved coupons</source>
        <translation>Archi&amp;vierte Gutscheine anzeigen</translation>
    </message>
    <message>
        <source>Redemption code</source>
        <translation>Gutscheincode</translation>
    </message>
    <message>
        <source>Discount type</source>
        <translation>Rabattart</translation>
    </message>
    <message>
        <source>Percentage off</source>
        <translation>Prozentualer Rabatt</translation>
    </message>
    <message>
        <source>Amount off</source>
        <translation>Betragsrabatt</translation>
    </message>
    <message>
        <source>Duration in months</source>
        <translation>Laufzeit in Monaten</translation>
    </message>
    <message>
        <source>Forever</source>
        <translation>Unbegrenzt</translation>
    </message>
    <message>
        <source> months</source>
        <translation> Monate</translation>
    </message>
    <message>
        <source>Maximum redemptions</source>
        <translation>Höchstzahl der Einlösungen</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Keine Grenze</translation>
    </message>
    <message>
        <source>&amp;New coupon</source>
        <translation>&amp;Neuer Gutschein</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Code:</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Art:</translation>
    </message>
    <message>
        <source>&amp;Discount:</source>
        <translation>&amp;Rabatt:</translation>
    </message>
    <message>
        <source>D&amp;uration:</source>
        <translation>La&amp;ufzeit:</translation>
    </message>
    <message>
        <source>&amp;Redemptions allowed:</source>
        <translation>&amp;Erlaubte Einlösungen:</translation>
    </message>
    <message>
        <source>&lt;b&gt;Coupons&lt;/b&gt;: discounts a subscription takes by its redemption code.</source>
        <translation>&lt;b&gt;Gutscheine&lt;/b&gt;: Rabatte, die ein Abonnement über seinen Gutscheincode erhält.</translation>
    </message>
    <message>
        <source>The coupons could not be read: %1</source>
        <translation>Die Gutscheine konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Id: %1</source>
        <translation>ID: %1</translation>
    </message>
    <message>
        <source>%1 off</source>
        <translation>%1 Rabatt</translation>
    </message>
    <message numerus="yes">
        <source>%Ln month(s)</source>
        <translation>
            <numerusform>%Ln Monat(e)</numerusform>
            <numerusform>%Ln Monat(e)</numerusform>
        </translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archiviert</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>&lt;b&gt;New coupon&lt;/b&gt;</source>
        <translation>&lt;b&gt;Neuer Gutschein&lt;/b&gt;</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Coupon %1&lt;/b&gt;, redeemed %Ln time(s): only the redemptions allowed can change.</source>
        <translation>
            <numerusform>&lt;b&gt;Gutschein %1&lt;/b&gt;, %Ln-mal eingelöst: Nur die erlaubten Einlösungen können noch geändert werden.</numerusform>
            <numerusform>&lt;b&gt;Gutschein %1&lt;/b&gt;, %Ln-mal eingelöst: Nur die erlaubten Einlösungen können noch geändert werden.</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Coupon %1&lt;/b&gt;</source>
        <translation>&lt;b&gt;Gutschein %1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&amp;Save changes</source>
        <translation>Änderungen &amp;speichern</translation>
    </message>
    <message>
        <source>Create c&amp;oupon</source>
        <translation>Gutschein an&amp;legen</translation>
    </message>
    <message>
        <source>Un&amp;archive</source>
        <translation>Wieder akti&amp;vieren</translation>
    </message>
    <message>
        <source>&amp;Archive</source>
        <translation>&amp;Archivieren</translation>
    </message>
    <message>
        <source>An archived coupon cannot be redeemed anew; subscriptions that took it keep it.</source>
        <translation>Ein archivierter Gutschein kann nicht neu eingelöst werden; Abonnements, die ihn haben, behalten ihn.</translation>
    </message>
    <message>
        <source>Create coupon %1</source>
        <translation>Gutschein %1 anlegen</translation>
    </message>
    <message>
        <source>Edit coupon %1</source>
        <translation>Gutschein %1 bearbeiten</translation>
    </message>
    <message>
        <source>Select a coupon first.</source>
        <translation>Wählen Sie zuerst einen Gutschein.</translation>
    </message>
    <message>
        <source>Archive coupon %1</source>
        <translation>Gutschein %1 archivieren</translation>
    </message>
    <message>
        <source>Unarchive coupon %1</source>
        <translation>Gutschein %1 wieder aktivieren</translation>
    </message>
    <message>
        <source>%1 off (amount, in the invoice's currency)</source>
        <translation>%1 Rabatt (Betrag, in der Währung der Rechnung)</translation>
    </message>
    <message>
        <source>%1 or %2</source>
        <translation>%1 oder %2</translation>
    </message>
</context>
<context>
    <name>orb::CreditNoteDialog</name>
    <message>
        <source>Credit note for %1</source>
        <translation>Gutschrift zu %1</translation>
    </message>
    <message>
        <source>Amounts to credit per line</source>
        <translation>Gutzuschreibende Beträge je Position</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Line total</source>
        <translation>Positionsbetrag</translation>
    </message>
    <message>
        <source>Credit (%1, tax included)</source>
        <translation>Gutschrift (%1, inkl. Steuer)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Adjustment (lowers what is owed, any excess goes to the balance)</source>
        <translation>Korrektur (mindert den offenen Betrag, ein Überschuss geht auf das Kundenguthaben)</translation>
    </message>
    <message>
        <source>Refund (money paid back outside Orb)</source>
        <translation>Erstattung (Geld außerhalb von Orb zurückgezahlt)</translation>
    </message>
    <message>
        <source>Memo</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Grund:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Art:</translation>
    </message>
    <message>
        <source>&amp;Memo:</source>
        <translation>&amp;Notiz:</translation>
    </message>
    <message>
        <source>Enter what to credit on each line. Leave every line at 0 to credit all that is left on the invoice.</source>
        <translation>Geben Sie an, welcher Betrag je Position gutgeschrieben werden soll. Lassen Sie alle Positionen auf 0, um den gesamten Restbetrag der Rechnung gutzuschreiben.</translation>
    </message>
    <message>
        <source>Give a reason for the credit note.</source>
        <translation>Geben Sie einen Grund für die Gutschrift an.</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Doppelt berechnet</translation>
    </message>
    <message>
        <source>Fraudulent</source>
        <translation>Betrügerisch</translation>
    </message>
    <message>
        <source>Order change</source>
        <translation>Bestelländerung</translation>
    </message>
    <message>
        <source>Product unsatisfactory</source>
        <translation>Produkt nicht zufriedenstellend</translation>
    </message>
    <message>
        <source>Line %1 (%2): %3</source>
        <translation>Position %1 (%2): %3</translation>
    </message>
    <message>
        <source>Line %1 (%2): the credit cannot be negative.</source>
        <translation>Position %1 (%2): Die Gutschrift darf nicht negativ sein.</translation>
    </message>
</context>
<context>
    <name>orb::CustomerBillingView</name>
    <message>
        <source>Customer billing</source>
        <translation>Kundenabrechnung</translation>
    </message>
    <message>
        <source>Select a customer to see subscriptions, invoices, balance, credits and usage.</source>
        <translation>Wählen Sie einen Kunden aus, um Abonnements, Rechnungen, Kundenguthaben, Vorauszahlungsguthaben und Nutzung zu sehen.</translation>
    </message>
    <message>
        <source>Subscriptions</source>
        <translation>Abonnements</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>Keine.</translation>
    </message>
    <message>
        <source>%1 — %2, from %3%4</source>
        <translation>%1 — %2, ab %3%4</translation>
    </message>
    <message>
        <source> to %1</source>
        <translation> bis %1</translation>
    </message>
    <message>
        <source>Invoices (%1)</source>
        <translation>Rechnungen (%1)</translation>
    </message>
    <message>
        <source>(draft)</source>
        <translation>(Entwurf)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln more on the Invoices screen.</source>
        <translation>
            <numerusform>%Ln weitere in der Ansicht „Rechnungen“.</numerusform>
            <numerusform>%Ln weitere in der Ansicht „Rechnungen“.</numerusform>
        </translation>
    </message>
    <message>
        <source>Prepaid credits</source>
        <translation>Vorauszahlungsguthaben</translation>
    </message>
    <message>
        <source> until %1</source>
        <translation> bis %1</translation>
    </message>
    <message>
        <source>The billing of this customer could not be read: %1</source>
        <translation>Die Abrechnungsdaten dieses Kunden konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Usage this month</source>
        <translation>Nutzung in diesem Monat</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Wird gezählt…</translation>
    </message>
    <message>
        <source>The usage could not be counted: %1</source>
        <translation>Die Nutzung konnte nicht gezählt werden: %1</translation>
    </message>
    <message>
        <source>No events yet this month.</source>
        <translation>In diesem Monat noch keine Ereignisse.</translation>
    </message>
    <message>
        <source>%1: %2 events</source>
        <translation>%1: %2 Ereignisse</translation>
    </message>
    <message>
        <source>Balance: %1</source>
        <translation>Guthaben: %1</translation>
    </message>
    <message>
        <source>%1 of %2 left, from %3%4 — %5</source>
        <translation>%1 von %2 übrig, ab %3%4 — %5</translation>
    </message>
</context>
<context>
    <name>orb::CustomerDialog</name>
    <message>
        <source>Edit customer — %1</source>
        <translation>Kunde bearbeiten — %1</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>Neuer Kunde</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Company or person billed</source>
        <translation>Rechnungsempfänger (Unternehmen oder Person)</translation>
    </message>
    <message>
        <source>External ID</source>
        <translation>Externe ID</translation>
    </message>
    <message>
        <source>Your own id, e.g. from a CRM (optional, unique)</source>
        <translation>Ihre eigene ID, z. B. aus einem CRM (optional, eindeutig)</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>billing@example.com</source>
        <translation>billing@example.com</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <source>(not set yet)</source>
        <translation>(noch nicht festgelegt)</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zeitzone</translation>
    </message>
    <message>
        <source>Net terms</source>
        <translation>Zahlungsziel</translation>
    </message>
    <message>
        <source>Company default</source>
        <translation>Firmenstandard</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>E&amp;xternal ID:</source>
        <translation>E&amp;xterne ID:</translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
        <translation>&amp;E-Mail:</translation>
    </message>
    <message>
        <source>&amp;Currency:</source>
        <translation>&amp;Währung:</translation>
    </message>
    <message>
        <source>Time &amp;zone:</source>
        <translation>&amp;Zeitzone:</translation>
    </message>
    <message>
        <source>Net &amp;terms:</source>
        <translation>Zahlungszie&amp;l:</translation>
    </message>
    <message>
        <source>The time zone is fixed once a customer exists; the currency can be set once.</source>
        <translation>Die Zeitzone steht fest, sobald der Kunde angelegt ist; die Währung kann einmalig festgelegt werden.</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <source>Billing address</source>
        <translation>Rechnungsadresse</translation>
    </message>
    <message>
        <source>Shipping address</source>
        <translation>Lieferadresse</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>Adressen</translation>
    </message>
    <message>
        <source>Tax id type</source>
        <translation>Art der Steuer-ID</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Tax id country</source>
        <translation>Land der Steuer-ID</translation>
    </message>
    <message>
        <source>DE</source>
        <translation>DE</translation>
    </message>
    <message>
        <source>Tax id</source>
        <translation>Steuer-ID</translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation>Metadaten</translation>
    </message>
    <message>
        <source>key=value, one a line</source>
        <translation>Schlüssel=Wert, einer pro Zeile</translation>
    </message>
    <message>
        <source>Tax id type:</source>
        <translation>Art der Steuer-ID:</translation>
    </message>
    <message>
        <source>Tax id country:</source>
        <translation>Land der Steuer-ID:</translation>
    </message>
    <message>
        <source>Tax id:</source>
        <translation>Steuer-ID:</translation>
    </message>
    <message>
        <source>Metadata:</source>
        <translation>Metadaten:</translation>
    </message>
    <message>
        <source>Tax and metadata</source>
        <translation>Steuer und Metadaten</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Create customer</source>
        <translation>Kunde anlegen</translation>
    </message>
    <message>
        <source>Address line 1</source>
        <translation>Adresszeile 1</translation>
    </message>
    <message>
        <source>Address line 2</source>
        <translation>Adresszeile 2</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>State or region</source>
        <translation>Bundesland oder Region</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>Postleitzahl</translation>
    </message>
    <message>
        <source>Country code</source>
        <translation>Ländercode</translation>
    </message>
    <message>
        <source>US</source>
        <translation>US</translation>
    </message>
    <message>
        <source>Line 1:</source>
        <translation>Zeile 1:</translation>
    </message>
    <message>
        <source>Line 2:</source>
        <translation>Zeile 2:</translation>
    </message>
    <message>
        <source>City:</source>
        <translation>Ort:</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Bundesland/Region:</translation>
    </message>
    <message>
        <source>Postal code:</source>
        <translation>Postleitzahl:</translation>
    </message>
    <message>
        <source>Country:</source>
        <translation>Land:</translation>
    </message>
    <message>
        <source>Please correct the metadata.</source>
        <translation>Bitte korrigieren Sie die Metadaten.</translation>
    </message>
    <message>
        <source>"%1" needs a value: write key=value</source>
        <translation>„%1“ braucht einen Wert: Schreiben Sie Schlüssel=Wert</translation>
    </message>
    <message>
        <source>Document language</source>
        <translation>Dokumentsprache</translation>
    </message>
    <message>
        <source>Document &amp;language:</source>
        <translation>Dokument&amp;sprache:</translation>
    </message>
    <message>
        <source>such as %1</source>
        <translation>z. B. %1</translation>
    </message>
    <message>
        <source>Tax rates of the customer</source>
        <translation>Steuersätze des Kunden</translation>
    </message>
    <message>
        <source>The rates checked apply to every line of the customer's invoices.</source>
        <translation>Die angehakten Steuersätze gelten für jede Position der Rechnungen des Kunden.</translation>
    </message>
    <message>
        <source>Tax &amp;rates:</source>
        <translation>Steuer&amp;sätze:</translation>
    </message>
    <message>
        <source>No tax rates yet: create them on the Tax rates screen.</source>
        <translation>Noch keine Steuersätze: Legen Sie sie in der Ansicht „Steuersätze“ an.</translation>
    </message>
    <message>
        <source>%1 (%2, archived)</source>
        <translation>%1 (%2, archiviert)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>orb::CustomerImportWizard</name>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>External ID</source>
        <translation>Externe ID</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplikat</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Import customers</source>
        <translation>Kunden importieren</translation>
    </message>
    <message>
        <source>Choose a CSV file</source>
        <translation>CSV-Datei wählen</translation>
    </message>
    <message>
        <source>One customer per row, a header row naming the columns.</source>
        <translation>Ein Kunde je Zeile, dazu eine Kopfzeile, die die Spalten benennt.</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Map the columns</source>
        <translation>Spalten zuordnen</translation>
    </message>
    <message>
        <source>Which column holds each customer field. Columns named like a field are chosen already.</source>
        <translation>Welche Spalte welches Kundenfeld enthält. Spalten, die wie ein Feld heißen, sind bereits zugeordnet.</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>What each row becomes. Duplicates and refused rows are not imported.</source>
        <translation>Was aus jeder Zeile wird. Duplikate und abgelehnte Zeilen werden nicht importiert.</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importiert</translation>
    </message>
    <message>
        <source>(not imported)</source>
        <translation>(nicht importiert)</translation>
    </message>
    <message>
        <source>%1 new, %2 duplicates, %3 refused</source>
        <translation>Neu: %1, Duplikate: %2, abgelehnt: %3</translation>
    </message>
    <message>
        <source>Created %1 customers. %2 duplicates were skipped and %3 rows refused (listed below).</source>
        <translation>Angelegte Kunden: %1. Übersprungene Duplikate: %2, abgelehnte Zeilen: %3 (unten aufgeführt).</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
</context>
<context>
    <name>orb::CustomerTableModel</name>
    <message>
        <source>Archived</source>
        <translation>Archiviert</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>External ID</source>
        <translation>Externe ID</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zeitzone</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Angelegt</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>orb::CustomersScreen</name>
    <message>
        <source>Search name, external ID or e-mail</source>
        <translation>Name, externe ID oder E-Mail suchen</translation>
    </message>
    <message>
        <source>Search customers</source>
        <translation>Kunden suchen</translation>
    </message>
    <message>
        <source>Show &amp;archived</source>
        <translation>&amp;Archivierte anzeigen</translation>
    </message>
    <message>
        <source>&amp;New customer…</source>
        <translation>&amp;Neuer Kunde…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>Archi&amp;ve</source>
        <translation>Archi&amp;vieren</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Kunden</translation>
    </message>
    <message>
        <source>Show &amp;invoices</source>
        <translation>&amp;Rechnungen anzeigen</translation>
    </message>
    <message>
        <source>Unarchi&amp;ve</source>
        <translation>Archi&amp;vierung aufheben</translation>
    </message>
    <message numerus="yes">
        <source>&lt;p&gt;&lt;b&gt;%Ln customer(s)&lt;/b&gt; shown.&lt;/p&gt;&lt;p&gt;Select a customer to see the details.&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;&lt;b&gt;%Ln Kunde&lt;/b&gt; angezeigt.&lt;/p&gt;&lt;p&gt;Wählen Sie einen Kunden aus, um die Details zu sehen.&lt;/p&gt;</numerusform>
            <numerusform>&lt;p&gt;&lt;b&gt;%Ln Kunden&lt;/b&gt; angezeigt.&lt;/p&gt;&lt;p&gt;Wählen Sie einen Kunden aus, um die Details zu sehen.&lt;/p&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>External ID</source>
        <translation>Externe ID</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <source>not set yet</source>
        <translation>noch nicht festgelegt</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zeitzone</translation>
    </message>
    <message>
        <source>Net terms</source>
        <translation>Zahlungsziel</translation>
    </message>
    <message numerus="yes">
        <source>%Ln day(s)</source>
        <translation>
            <numerusform>%Ln Tag</numerusform>
            <numerusform>%Ln Tage</numerusform>
        </translation>
    </message>
    <message>
        <source>company default</source>
        <translation>Firmenstandard</translation>
    </message>
    <message>
        <source>Billing</source>
        <translation>Rechnungsadresse</translation>
    </message>
    <message>
        <source>Shipping</source>
        <translation>Lieferadresse</translation>
    </message>
    <message>
        <source>Tax id</source>
        <translation>Steuer-ID</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>Kundenguthaben</translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation>Metadaten</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Angelegt</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archiviert</translation>
    </message>
    <message>
        <source>Customer not found</source>
        <translation>Kunde nicht gefunden</translation>
    </message>
    <message>
        <source>Could not change the customer</source>
        <translation>Der Kunde konnte nicht geändert werden</translation>
    </message>
    <message>
        <source>Archive customer %1</source>
        <translation>Kunde %1 archivieren</translation>
    </message>
    <message>
        <source>Unarchive customer %1</source>
        <translation>Kunde %1 wiederherstellen</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xportieren…</translation>
    </message>
    <message>
        <source>Export customers</source>
        <translation>Kunden exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>%1: cannot write (%2)</source>
        <translation>%1: kann nicht geschrieben werden (%2)</translation>
    </message>
    <message>
        <source>The customer was created, but its tax rates were not all assigned: %1</source>
        <translation>Der Kunde wurde angelegt, aber nicht alle Steuersätze wurden zugeordnet: %1</translation>
    </message>
    <message>
        <source>Create customer %1</source>
        <translation>Kunde %1 anlegen</translation>
    </message>
    <message>
        <source>The customer was saved, but its tax rates were not all changed: %1</source>
        <translation>Der Kunde wurde gespeichert, aber nicht alle Steuersätze wurden geändert: %1</translation>
    </message>
    <message>
        <source>Edit customer %1</source>
        <translation>Kunde %1 bearbeiten</translation>
    </message>
    <message>
        <source>Tax rates of customer %1</source>
        <translation>Steuersätze von Kunde %1</translation>
    </message>
</context>
<context>
    <name>orb::DashboardScreen</name>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Needs attention today</source>
        <translation>Heute zu erledigen</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Dieser Monat</translation>
    </message>
    <message>
        <source>Top customers by usage</source>
        <translation>Top-Kunden nach Nutzung</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Unternehmen</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Needs attention today&lt;/h3&gt;&lt;p&gt;&lt;i&gt;Reading the company file…&lt;/i&gt;&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Heute zu erledigen&lt;/h3&gt;&lt;p&gt;&lt;i&gt;Firmendatei wird gelesen…&lt;/i&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Company&lt;/h3&gt;&lt;p&gt;&lt;b&gt;%1&lt;/b&gt; active customers, %2 archived&lt;/p&gt;&lt;p&gt;Currency %3 · time zone %4 · invoice numbers %5…&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Unternehmen&lt;/h3&gt;&lt;p&gt;&lt;b&gt;%1&lt;/b&gt; aktive Kunden, %2 archiviert&lt;/p&gt;&lt;p&gt;Währung %3 · Zeitzone %4 · Rechnungsnummern %5…&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Needs attention today&lt;/h3&gt;&lt;p&gt;The figures could not be read: %1&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Heute zu erledigen&lt;/h3&gt;&lt;p&gt;Die Kennzahlen konnten nicht gelesen werden: %1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Needs attention today&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Heute zu erledigen&lt;/h3&gt;</translation>
    </message>
    <message numerus="yes">
        <source>&lt;p&gt;&lt;a href="draft"&gt;%Ln draft invoice(s) to issue&lt;/a&gt;&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;&lt;a href="draft"&gt;%Ln Rechnungsentwurf auszustellen&lt;/a&gt;&lt;/p&gt;</numerusform>
            <numerusform>&lt;p&gt;&lt;a href="draft"&gt;%Ln Rechnungsentwürfe auszustellen&lt;/a&gt;&lt;/p&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;p&gt;No drafts waiting to be issued.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Keine Entwürfe warten auf die Ausstellung.&lt;/p&gt;</translation>
    </message>
    <message numerus="yes">
        <source>&lt;p&gt;&lt;a href="overdue"&gt;%Ln overdue invoice(s)&lt;/a&gt;: %1 to collect&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;&lt;a href="overdue"&gt;%Ln überfällige Rechnung&lt;/a&gt;: %1 ausstehend&lt;/p&gt;</numerusform>
            <numerusform>&lt;p&gt;&lt;a href="overdue"&gt;%Ln überfällige Rechnungen&lt;/a&gt;: %1 ausstehend&lt;/p&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;p&gt;Nothing overdue.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Nichts überfällig.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Stripe sync: not set up.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Stripe-Synchronisierung: nicht eingerichtet.&lt;/p&gt;</translation>
    </message>
    <message numerus="yes">
        <source>&lt;p&gt;%Ln usage event(s) rejected by imports in the last 7 days&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;%Ln Nutzungsereignis in den letzten 7 Tagen beim Import abgelehnt&lt;/p&gt;</numerusform>
            <numerusform>&lt;p&gt;%Ln Nutzungsereignisse in den letzten 7 Tagen beim Import abgelehnt&lt;/p&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;p&gt;No usage events rejected in the last 7 days.&lt;/p&gt;</source>
        <translation>&lt;p&gt;In den letzten 7 Tagen wurden keine Nutzungsereignisse abgelehnt.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;%1&lt;/h3&gt;&lt;table cellpadding="3"&gt;&lt;tr&gt;&lt;td&gt;Invoiced&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Paid&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Outstanding (all issued)&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;h3&gt;%1&lt;/h3&gt;&lt;table cellpadding="3"&gt;&lt;tr&gt;&lt;td&gt;In Rechnung gestellt&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Bezahlt&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Offen (alle ausgestellten)&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Top customers by usage this month&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Top-Kunden nach Nutzung in diesem Monat&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;No usage recorded this month yet.&lt;/p&gt;</source>
        <translation>&lt;p&gt;In diesem Monat wurde noch keine Nutzung erfasst.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1 events</source>
        <translation>%1 Ereignisse</translation>
    </message>
    <message numerus="yes">
        <source>&lt;p&gt;%Ln subscription(s) could not be billed by the last invoice run:&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;%Ln Abonnement konnte beim letzten Rechnungslauf nicht abgerechnet werden:&lt;/p&gt;</numerusform>
            <numerusform>&lt;p&gt;%Ln Abonnements konnten beim letzten Rechnungslauf nicht abgerechnet werden:&lt;/p&gt;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;p&gt;%Ln disputed payment(s): the bank holds the money until each is decided; answer them in Stripe:&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;%Ln angefochtene Zahlung(en): Die Bank hält das Geld zurück, bis jeweils entschieden ist; beantworten Sie die Anfechtung in Stripe:&lt;/p&gt;</numerusform>
            <numerusform>&lt;p&gt;%Ln angefochtene Zahlung(en): Die Bank hält das Geld zurück, bis jeweils entschieden ist; beantworten Sie die Anfechtung in Stripe:&lt;/p&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;h3&gt;Needs attention today&lt;/h3&gt;&lt;p&gt;&lt;i&gt;Reading the company from the server…&lt;/i&gt;&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Heute zu erledigen&lt;/h3&gt;&lt;p&gt;&lt;i&gt;Firma wird vom Server gelesen…&lt;/i&gt;&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>orb::DeleteDraftCommand</name>
    <message>
        <source>The draft was composed again by an invoice run meanwhile.</source>
        <translation>Der Entwurf wurde inzwischen durch einen Rechnungslauf neu erstellt.</translation>
    </message>
    <message>
        <source>Delete draft invoice for %1</source>
        <translation>Rechnungsentwurf über %1 löschen</translation>
    </message>
</context>
<context>
    <name>orb::DocumentIdentity</name>
    <message>
        <source>VAT ID %1</source>
        <translation>USt-IdNr. %1</translation>
    </message>
    <message>
        <source>Tax ID %1</source>
        <translation>Steuernummer %1</translation>
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
    <name>orb::EditCustomerCommand</name>
    <message>
        <source>Edit customer %1</source>
        <translation>Kunde %1 bearbeiten</translation>
    </message>
</context>
<context>
    <name>orb::EmailSendDialog</name>
    <message>
        <source>E-mail invoices</source>
        <translation>Rechnungen per E-Mail senden</translation>
    </message>
    <message>
        <source>Issued invoices not e-mailed yet, then the outbox</source>
        <translation>Noch nicht per E-Mail gesendete ausgestellte Rechnungen, danach den Postausgang</translation>
    </message>
    <message>
        <source>Only the messages waiting in the outbox</source>
        <translation>Nur die Nachrichten, die im Postausgang warten</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>none set (Settings: email.smtp_url)</source>
        <translation>nicht festgelegt (Einstellungen: email.smtp_url)</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Absender</translation>
    </message>
    <message>
        <source>%1 issued invoices were not e-mailed yet; %2 messages wait in the outbox.</source>
        <translation>Noch nicht per E-Mail gesendete ausgestellte Rechnungen: %1; Nachrichten im Postausgang: %2.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Stopping after the message being sent…</source>
        <translation>Wird nach der gerade gesendeten Nachricht angehalten…</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>Wird vorbereitet…</translation>
    </message>
    <message>
        <source>Prepared %1 of %2 messages</source>
        <translation>%1 von %2 Nachrichten vorbereitet</translation>
    </message>
    <message>
        <source>Sent %1 of %2 messages</source>
        <translation>%1 von %2 Nachrichten gesendet</translation>
    </message>
    <message>
        <source>Stopped: %1 sent, %2 failed; the rest waits in the outbox.</source>
        <translation>Angehalten: %1 gesendet, %2 fehlgeschlagen; der Rest wartet im Postausgang.</translation>
    </message>
    <message>
        <source>%1 sent, %2 failed.</source>
        <translation>%1 gesendet, %2 fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Counting the invoices not e-mailed yet…</source>
        <translation>Zähle die noch nicht versandten Rechnungen…</translation>
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
    <name>orb::EventTableModel</name>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>deprecated</source>
        <translation>verworfen</translation>
    </message>
    <message>
        <source>pending backfill</source>
        <translation>Nachverarbeitung ausstehend</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeitpunkt</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Idempotency key</source>
        <translation>Idempotenzschlüssel</translation>
    </message>
    <message>
        <source>Properties</source>
        <translation>Eigenschaften</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>the usage events</source>
        <translation>die Nutzungsereignisse</translation>
    </message>
</context>
<context>
    <name>orb::HelpDialog</name>
    <message>
        <source>Orb User Guide</source>
        <translation>Orb-Benutzerhandbuch</translation>
    </message>
    <message>
        <source>User guide</source>
        <translation>Benutzerhandbuch</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Zurück</translation>
    </message>
</context>
<context>
    <name>orb::ImportWizard</name>
    <message>
        <source>Import usage events</source>
        <translation>Nutzungsereignisse importieren</translation>
    </message>
</context>
<context>
    <name>orb::ImportWizardFilePage</name>
    <message>
        <source>Choose the file</source>
        <translation>Datei wählen</translation>
    </message>
    <message>
        <source>A file of usage events: JSON Lines (one event object per line) or CSV (a header row, then one event per row).</source>
        <translation>Eine Datei mit Nutzungsereignissen: JSON Lines (ein Ereignisobjekt je Zeile) oder CSV (eine Kopfzeile, dann ein Ereignis je Zeile).</translation>
    </message>
    <message>
        <source>File to import</source>
        <translation>Zu importierende Datei</translation>
    </message>
    <message>
        <source>Choose a file with Browse…, or drop one on Orb's window</source>
        <translation>Datei mit „Durchsuchen…“ wählen oder auf Orbs Fenster ziehen</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>Browse for the file to import</source>
        <translation>Nach der zu importierenden Datei suchen</translation>
    </message>
    <message>
        <source>File format</source>
        <translation>Dateiformat</translation>
    </message>
    <message>
        <source>JSON Lines: one event object per line</source>
        <translation>JSON Lines: ein Ereignisobjekt je Zeile</translation>
    </message>
    <message>
        <source>CSV: a header row, then one event per row</source>
        <translation>CSV: eine Kopfzeile, dann ein Ereignis je Zeile</translation>
    </message>
    <message>
        <source>Backfill to import into</source>
        <translation>Nachtrag, in den importiert wird</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>Da&amp;tei:</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>Größe:</translation>
    </message>
    <message>
        <source>F&amp;ormat:</source>
        <translation>F&amp;ormat:</translation>
    </message>
    <message>
        <source>Bac&amp;kfill:</source>
        <translation>&amp;Nachtrag:</translation>
    </message>
    <message>
        <source>The company file is open read-only: you can look at a file's preview, but not import it.</source>
        <translation>Die Firmendatei ist schreibgeschützt geöffnet: Sie können die Vorschau einer Datei ansehen, sie aber nicht importieren.</translation>
    </message>
    <message>
        <source>None: live events (the grace period applies)</source>
        <translation>Keiner: laufende Ereignisse (die Nachfrist gilt)</translation>
    </message>
    <message>
        <source>every customer</source>
        <translation>alle Kunden</translation>
    </message>
    <message>
        <source>%1 to %2, %3 (%4)</source>
        <translation>%1 bis %2, %3 (%4)</translation>
    </message>
    <message>
        <source>The backfills could not be read: %1</source>
        <translation>Die Nachträge konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Choose a file of usage events</source>
        <translation>Datei mit Nutzungsereignissen wählen</translation>
    </message>
    <message>
        <source>Usage events (*.jsonl *.ndjson *.json *.csv);;All files (*)</source>
        <translation>Nutzungsereignisse (*.jsonl *.ndjson *.json *.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>No file chosen yet</source>
        <translation>Noch keine Datei gewählt</translation>
    </message>
    <message>
        <source>There is no file here: check the path, or choose the file with Browse…</source>
        <translation>Hier gibt es keine Datei: Pfad prüfen oder die Datei mit „Durchsuchen…“ wählen</translation>
    </message>
    <message>
        <source>This is a folder: choose a file in it</source>
        <translation>Das ist ein Ordner: wählen Sie eine Datei darin</translation>
    </message>
    <message>
        <source>Orb may not read %1: check the file's permissions, or copy it somewhere you can read.</source>
        <translation>Orb darf %1 nicht lesen: prüfen Sie die Berechtigungen der Datei oder kopieren Sie sie an einen lesbaren Ort.</translation>
    </message>
    <message>
        <source>%1: the header row is empty</source>
        <translation>%1: die Kopfzeile ist leer</translation>
    </message>
    <message>
        <source>%1

A CSV file starts with a header row naming its columns. If this file is JSON Lines, choose that format above.</source>
        <translation>%1

Eine CSV-Datei beginnt mit einer Kopfzeile, die ihre Spalten benennt. Ist diese Datei JSON Lines, wählen Sie oben dieses Format.</translation>
    </message>
    <message>
        <source>Events older than the grace period are rejected unless they go into a pending backfill; when the file holds such events, the preview offers to create one. A backfill's events count once it is closed.</source>
        <translation>Ereignisse, die älter als die Nachfrist sind, werden abgelehnt, außer sie gehen in einen offenen Nachtrag; enthält die Datei solche Ereignisse, bietet die Vorschau an, einen anzulegen. Die Ereignisse eines Nachtrags zählen, sobald er abgeschlossen ist.</translation>
    </message>
</context>
<context>
    <name>orb::ImportWizardMappingPage</name>
    <message>
        <source>Match the columns</source>
        <translation>Spalten zuordnen</translation>
    </message>
    <message>
        <source>Choose the column that holds each of Orb's fields. The other columns can become the events' properties.</source>
        <translation>Wählen Sie für jedes Feld von Orb die Spalte, die es enthält. Die übrigen Spalten können Eigenschaften der Ereignisse werden.</translation>
    </message>
    <message>
        <source>&amp;Event name (required):</source>
        <translation>&amp;Ereignisname (Pflicht):</translation>
    </message>
    <message>
        <source>&amp;Timestamp (required):</source>
        <translation>&amp;Zeitstempel (Pflicht):</translation>
    </message>
    <message>
        <source>&amp;Idempotency key (required):</source>
        <translation>&amp;Idempotenzschlüssel (Pflicht):</translation>
    </message>
    <message>
        <source>Orb &amp;customer id:</source>
        <translation>Orb-&amp;Kunden-ID:</translation>
    </message>
    <message>
        <source>E&amp;xternal customer id:</source>
        <translation>E&amp;xterne Kunden-ID:</translation>
    </message>
    <message>
        <source>Column holding the event name</source>
        <translation>Spalte mit dem Ereignisnamen</translation>
    </message>
    <message>
        <source>Column holding the timestamp</source>
        <translation>Spalte mit dem Zeitstempel</translation>
    </message>
    <message>
        <source>Column holding the idempotency key</source>
        <translation>Spalte mit dem Idempotenzschlüssel</translation>
    </message>
    <message>
        <source>Column holding Orb's customer id</source>
        <translation>Spalte mit Orbs Kunden-ID</translation>
    </message>
    <message>
        <source>Column holding your customer id</source>
        <translation>Spalte mit Ihrer Kunden-ID</translation>
    </message>
    <message>
        <source>Each row needs exactly one of the two customer columns filled in. Timestamps are ISO 8601 with a zone, like 2026-03-01T12:00:00Z.</source>
        <translation>In jeder Zeile muss genau eine der beiden Kundenspalten ausgefüllt sein. Zeitstempel sind ISO 8601 mit Zone, etwa 2026-03-01T12:00:00Z.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Other columns&lt;/b&gt;: tick the ones to import as properties, and name them as your billable metrics expect. Unticked columns are left out.</source>
        <translation>&lt;b&gt;Weitere Spalten&lt;/b&gt;: haken Sie die an, die als Eigenschaften importiert werden, und benennen Sie sie so, wie Ihre abrechenbaren Metriken es erwarten. Nicht angehakte Spalten werden ausgelassen.</translation>
    </message>
    <message>
        <source>Columns imported as properties</source>
        <translation>Als Eigenschaften importierte Spalten</translation>
    </message>
    <message>
        <source>Column (tick to import)</source>
        <translation>Spalte (anhaken zum Importieren)</translation>
    </message>
    <message>
        <source>Property name</source>
        <translation>Name der Eigenschaft</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>The property's name in the imported events</source>
        <translation>Der Name der Eigenschaft in den importierten Ereignissen</translation>
    </message>
    <message>
        <source>The column "%1" is ticked but has no property name: name it, or untick it.</source>
        <translation>Die Spalte „%1“ ist angehakt, hat aber keinen Eigenschaftsnamen: benennen Sie sie oder entfernen Sie den Haken.</translation>
    </message>
    <message>
        <source>The columns "%1" and "%2" both become the property "%3": rename one, or untick it.</source>
        <translation>Die Spalten „%1“ und „%2“ werden beide zur Eigenschaft „%3“: benennen Sie eine um oder entfernen Sie ihren Haken.</translation>
    </message>
    <message>
        <source>This map does not work: %1.</source>
        <translation>Diese Zuordnung geht nicht: %1.</translation>
    </message>
    <message>
        <source>Choose a column for each required field, and for one of the customer fields.</source>
        <translation>Wählen Sie eine Spalte für jedes Pflichtfeld und für eines der Kundenfelder.</translation>
    </message>
</context>
<context>
    <name>orb::ImportWizardPreviewPage</name>
    <message>
        <source>Check the first rows</source>
        <translation>Die ersten Zeilen prüfen</translation>
    </message>
    <message>
        <source>The first rows of the file (up to %1), checked as the import will check them. Nothing has been imported yet.</source>
        <translation>Die ersten Zeilen der Datei (bis zu %1), so geprüft, wie der Import sie prüfen wird. Noch wurde nichts importiert.</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <source>Preview of the first rows</source>
        <translation>Vorschau der ersten Zeilen</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Timestamp</source>
        <translation>Zeitstempel</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Idempotency key</source>
        <translation>Idempotenzschlüssel</translation>
    </message>
    <message>
        <source>Properties, or why it is rejected</source>
        <translation>Eigenschaften, oder warum abgelehnt</translation>
    </message>
    <message>
        <source>The file cannot be imported as it is: %1

Go back and choose another format, column map or backfill, or correct the file.</source>
        <translation>Die Datei kann so nicht importiert werden: %1

Gehen Sie zurück und wählen Sie ein anderes Format, eine andere Spaltenzuordnung oder einen anderen Nachtrag, oder korrigieren Sie die Datei.</translation>
    </message>
    <message>
        <source>will be imported</source>
        <translation>wird importiert</translation>
    </message>
    <message>
        <source>already imported</source>
        <translation>schon importiert</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <source>Rows read: %1, the whole file.</source>
        <translation>Gelesene Zeilen: %1, die ganze Datei.</translation>
    </message>
    <message>
        <source>Rows read: the first %1; the rest of the file is checked as it is imported.</source>
        <translation>Gelesene Zeilen: die ersten %1; der Rest der Datei wird beim Import geprüft.</translation>
    </message>
    <message>
        <source>Will be imported: %1. Already in the company file: %2. Rejected: %3.</source>
        <translation>Wird importiert: %1. Schon in der Firmendatei: %2. Abgelehnt: %3.</translation>
    </message>
    <message>
        <source>Rejected rows are skipped and listed at the end; you can save them, correct them and import them again.</source>
        <translation>Abgelehnte Zeilen werden übersprungen und am Ende aufgelistet; Sie können sie speichern, korrigieren und erneut importieren.</translation>
    </message>
    <message>
        <source>The company file is open read-only, so nothing can be imported into it.</source>
        <translation>Die Firmendatei ist schreibgeschützt geöffnet, daher kann nichts in sie importiert werden.</translation>
    </message>
    <message>
        <source>Create a &amp;backfill for the older events…</source>
        <translation>&amp;Nachtrag für die älteren Ereignisse anlegen…</translation>
    </message>
    <message>
        <source>Reads the whole file for the events older than the grace period and creates a pending backfill that takes them</source>
        <translation>Liest die ganze Datei nach Ereignissen, die älter als die Nachfrist sind, und legt einen offenen Nachtrag für sie an</translation>
    </message>
    <message>
        <source>The grace period could not be read: %1</source>
        <translation>Die Nachfrist konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Reading the file for the events older than the grace period…</source>
        <translation>Die Datei wird nach Ereignissen durchsucht, die älter als die Nachfrist sind…</translation>
    </message>
    <message>
        <source>The file could not be read: %1</source>
        <translation>Die Datei konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>No event in the file is older than the grace period.</source>
        <translation>Kein Ereignis der Datei ist älter als die Nachfrist.</translation>
    </message>
    <message>
        <source>No backfill was created: the older events will be rejected.</source>
        <translation>Es wurde kein Nachtrag angelegt: Die älteren Ereignisse werden abgelehnt.</translation>
    </message>
    <message>
        <source>%1 of these rows are older than the grace period, so a live import rejects them. A backfill takes them.</source>
        <translation>%1 dieser Zeilen sind älter als die Nachfrist, ein laufender Import lehnt sie daher ab. Ein Nachtrag nimmt sie auf.</translation>
    </message>
    <message>
        <source>The events go into backfill %1; they count once it is closed.</source>
        <translation>Die Ereignisse gehen in den Nachtrag %1; sie zählen, sobald er abgeschlossen ist.</translation>
    </message>
</context>
<context>
    <name>orb::ImportWizardRunPage</name>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>The events are imported in the background and committed in checkpoints: if the import stops, what was committed stays, and importing the same file again goes on from there.</source>
        <translation>Die Ereignisse werden im Hintergrund importiert und in Sicherungspunkten festgeschrieben: Hält der Import an, bleibt das Festgeschriebene erhalten, und ein erneuter Import derselben Datei macht dort weiter.</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>Fortschritt des Imports</translation>
    </message>
    <message>
        <source>&amp;Stop import</source>
        <translation>Import &amp;anhalten</translation>
    </message>
    <message>
        <source>Stop the import at the last checkpoint</source>
        <translation>Den Import am letzten Sicherungspunkt anhalten</translation>
    </message>
    <message>
        <source>&lt;b&gt;Rejected rows&lt;/b&gt;</source>
        <translation>&lt;b&gt;Abgelehnte Zeilen&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Rejected rows</source>
        <translation>Abgelehnte Zeilen</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Why it was rejected</source>
        <translation>Warum sie abgelehnt wurde</translation>
    </message>
    <message>
        <source>Save &amp;rejects…</source>
        <translation>Abgelehnte &amp;speichern…</translation>
    </message>
    <message>
        <source>Save the rejected rows to a file</source>
        <translation>Die abgelehnten Zeilen in eine Datei speichern</translation>
    </message>
    <message>
        <source>Writes each rejected row's line and reason as JSON Lines, as orbctl events import --rejects does.</source>
        <translation>Schreibt Zeile und Grund jeder abgelehnten Zeile als JSON Lines, wie orbctl events import --rejects.</translation>
    </message>
    <message>
        <source>Importing… %1 of %2 read.</source>
        <translation>Importiere… %1 von %2 gelesen.</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>Importiere %1…</translation>
    </message>
    <message>
        <source>Stopping: what was imported since the last checkpoint is being undone…</source>
        <translation>Halte an: was seit dem letzten Sicherungspunkt importiert wurde, wird rückgängig gemacht…</translation>
    </message>
    <message>
        <source>The import stopped with an error: %1

What was committed at earlier checkpoints stays. Correct the problem and import the same file again to go on from there.</source>
        <translation>Der Import wurde mit einem Fehler beendet: %1

Was an früheren Sicherungspunkten festgeschrieben wurde, bleibt. Beheben Sie das Problem und importieren Sie dieselbe Datei erneut, um dort weiterzumachen.</translation>
    </message>
    <message>
        <source>Stopped. Everything before line %1 was kept; nothing from line %1 on was imported. Import the same file again, with the same choices, to go on from line %1: nothing is imported twice.</source>
        <translation>Angehalten. Alles vor Zeile %1 wurde behalten; ab Zeile %1 wurde nichts importiert. Importieren Sie dieselbe Datei mit denselben Einstellungen erneut, um ab Zeile %1 weiterzumachen: nichts wird doppelt importiert.</translation>
    </message>
    <message>
        <source>Done. This import went on from line %1, where an earlier import of the file stopped; the counts include that earlier part.</source>
        <translation>Fertig. Dieser Import machte ab Zeile %1 weiter, wo ein früherer Import der Datei angehalten hatte; die Zahlen enthalten diesen früheren Teil.</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Fertig.</translation>
    </message>
    <message>
        <source>New events imported: &lt;b&gt;%1&lt;/b&gt;. Already in the company file (skipped): &lt;b&gt;%2&lt;/b&gt;. Rejected: &lt;b&gt;%3&lt;/b&gt;.</source>
        <translation>Neue Ereignisse importiert: &lt;b&gt;%1&lt;/b&gt;. Schon in der Firmendatei (übersprungen): &lt;b&gt;%2&lt;/b&gt;. Abgelehnt: &lt;b&gt;%3&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Rejected rows&lt;/b&gt;: the first %1 of %2. Save them all, correct them and import that file.</source>
        <translation>&lt;b&gt;Abgelehnte Zeilen&lt;/b&gt;: die ersten %1 von %2. Speichern Sie alle, korrigieren Sie sie und importieren Sie diese Datei.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Rejected rows&lt;/b&gt;: save them, correct them in the file and import it again (rows already imported are skipped).</source>
        <translation>&lt;b&gt;Abgelehnte Zeilen&lt;/b&gt;: speichern, in der Datei korrigieren und erneut importieren (schon importierte Zeilen werden übersprungen).</translation>
    </message>
    <message>
        <source>The import has not finished yet.</source>
        <translation>Der Import ist noch nicht fertig.</translation>
    </message>
    <message>
        <source>Rejected rows saved to %1.</source>
        <translation>Abgelehnte Zeilen gespeichert in %1.</translation>
    </message>
    <message>
        <source>Save the rejected rows</source>
        <translation>Die abgelehnten Zeilen speichern</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl);;All files (*)</source>
        <translation>JSON Lines (*.jsonl);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>The rejected rows were not saved: %1. Choose another folder.</source>
        <translation>Die abgelehnten Zeilen wurden nicht gespeichert: %1. Wählen Sie einen anderen Ordner.</translation>
    </message>
    <message>
        <source>&amp;Close backfill</source>
        <translation>Nachtrag &amp;abschließen</translation>
    </message>
    <message>
        <source>Makes the backfill's events count (as orbctl backfills close does); until then they wait, pending.</source>
        <translation>Lässt die Ereignisse des Nachtrags zählen (wie orbctl backfills close); bis dahin warten sie als ausstehend.</translation>
    </message>
    <message>
        <source>The events wait in backfill %1: close it to make them count, now or later (orbctl backfills close).</source>
        <translation>Die Ereignisse warten im Nachtrag %1: Schließen Sie ihn ab, damit sie zählen, jetzt oder später (orbctl backfills close).</translation>
    </message>
    <message>
        <source>The events were not imported into a backfill.</source>
        <translation>Die Ereignisse wurden nicht in einen Nachtrag importiert.</translation>
    </message>
    <message>
        <source>Backfill %1 is closed: its %2 events count now.</source>
        <translation>Nachtrag %1 ist abgeschlossen: Seine %2 Ereignisse zählen jetzt.</translation>
    </message>
    <message>
        <source>The backfill was not closed: %1</source>
        <translation>Der Nachtrag wurde nicht abgeschlossen: %1</translation>
    </message>
</context>
<context>
    <name>orb::InvoiceDetailView</name>
    <message>
        <source>Paid</source>
        <translation>Bezahlt</translation>
    </message>
    <message>
        <source>Invoice details</source>
        <translation>Rechnungsdetails</translation>
    </message>
    <message>
        <source>Draft invoice</source>
        <translation>Rechnungsentwurf</translation>
    </message>
    <message>
        <source>Invoice %1</source>
        <translation>Rechnung %1</translation>
    </message>
    <message>
        <source>Invoice date %1</source>
        <translation>Rechnungsdatum %1</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>nicht festgelegt</translation>
    </message>
    <message>
        <source>due %1 (net %2)</source>
        <translation>fällig am %1 (Zahlungsziel %2 Tage)</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>at %1</source>
        <translation>zu je %1</translation>
    </message>
    <message>
        <source>Adjustment: %1</source>
        <translation>Anpassung: %1</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>Gutschein</translation>
    </message>
    <message>
        <source>on %1</source>
        <translation>auf %1</translation>
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
        <translation>Gesamtbetrag</translation>
    </message>
    <message>
        <source>Customer balance applied</source>
        <translation>Verrechnetes Kundenguthaben</translation>
    </message>
    <message>
        <source>Prepaid credits applied</source>
        <translation>Verrechnetes Vorauszahlungsguthaben</translation>
    </message>
    <message>
        <source>Amount due</source>
        <translation>Fälliger Betrag</translation>
    </message>
    <message>
        <source>Credited</source>
        <translation>Gutgeschrieben</translation>
    </message>
    <message>
        <source>Still to pay</source>
        <translation>Noch offen</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>Zahlungen</translation>
    </message>
    <message>
        <source>Credit notes</source>
        <translation>Gutschriften</translation>
    </message>
    <message>
        <source>E-mails</source>
        <translation>E-Mails</translation>
    </message>
    <message>
        <source>sent %1</source>
        <translation>gesendet am %1</translation>
    </message>
    <message>
        <source>waiting to be sent</source>
        <translation>wartet auf den Versand</translation>
    </message>
    <message>
        <source>interrupted while sending; check before sending again</source>
        <translation>beim Senden unterbrochen; vor erneutem Senden prüfen</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>not sent: %1</source>
        <translation>nicht gesendet: %1</translation>
    </message>
    <message>
        <source>waiting to be sent (last attempt: %1)</source>
        <translation>wartet auf den Versand (letzter Versuch: %1)</translation>
    </message>
    <message numerus="yes">
        <source>sent; %Ln payment(s) or credit note(s) recorded here not yet told to Stripe</source>
        <translation>
            <numerusform>gesendet; %Ln hier erfasste Zahlung oder Gutschrift noch nicht an Stripe übermittelt</numerusform>
            <numerusform>gesendet; %Ln hier erfasste Zahlungen oder Gutschriften noch nicht an Stripe übermittelt</numerusform>
        </translation>
    </message>
    <message>
        <source>sent, and Stripe knows every payment and credit note recorded here</source>
        <translation>gesendet, und Stripe kennt alle hier erfassten Zahlungen und Gutschriften</translation>
    </message>
    <message>
        <source>not sent (nothing to collect through Stripe)</source>
        <translation>nicht gesendet (über Stripe ist nichts einzuziehen)</translation>
    </message>
    <message>
        <source>Stripe</source>
        <translation>Stripe</translation>
    </message>
    <message>
        <source>Disputed and won: %1 came back (%2)</source>
        <translation>Angefochten und gewonnen: %1 ist wieder eingegangen (%2)</translation>
    </message>
    <message>
        <source>Disputed: %1 withdrawn until it is decided; answer it in Stripe (%2)</source>
        <translation>Angefochten: %1 bis zur Entscheidung abgezogen; beantworten Sie die Anfechtung in Stripe (%2)</translation>
    </message>
    <message>
        <source>Disputed and lost: %1 is gone, written off with a credit note of kind refund (%2)</source>
        <translation>Angefochten und verloren: %1 ist verloren, mit einer Gutschrift der Art Erstattung ausgebucht (%2)</translation>
    </message>
    <message>
        <source>Questioned by the customer's bank (an inquiry, nothing withdrawn yet, %1): answer it in Stripe (%2)</source>
        <translation>Von der Bank des Kunden hinterfragt (eine Anfrage, noch nichts abgebucht, %1): beantworten Sie sie in Stripe (%2)</translation>
    </message>
    <message>
        <source>Service period %1</source>
        <translation>Leistungszeitraum %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
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
        <source>Prepaid credits applied</source>
        <translation>Vorausbezahltes Guthaben verrechnet</translation>
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
    <name>orb::InvoiceRunDialog</name>
    <message>
        <source>Fees in advance</source>
        <translation>Gebühren im Voraus</translation>
    </message>
    <message>
        <source>Usage and fees in arrears</source>
        <translation>Nutzung und nachträgliche Gebühren</translation>
    </message>
    <message>
        <source>One-time fees</source>
        <translation>Einmalige Gebühren</translation>
    </message>
    <message>
        <source>One-off</source>
        <translation>Einmalig</translation>
    </message>
    <message>
        <source>Invoice run</source>
        <translation>Rechnungslauf</translation>
    </message>
    <message>
        <source>Invoice everything due by</source>
        <translation>Alles Fällige abrechnen bis</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>&amp;Vorschau</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Ausführen</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Stopp</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Run progress</source>
        <translation>Fortschritt des Laufs</translation>
    </message>
    <message>
        <source>Preview shows what a run would create without storing anything.</source>
        <translation>Die Vorschau zeigt, was ein Lauf erstellen würde, ohne etwas zu speichern.</translation>
    </message>
    <message>
        <source>Invoices of the run</source>
        <translation>Rechnungen des Laufs</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Invoice date</source>
        <translation>Rechnungsdatum</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Gesamtbetrag</translation>
    </message>
    <message>
        <source>In the file</source>
        <translation>In der Datei</translation>
    </message>
    <message>
        <source>Invoice everything due &amp;by:</source>
        <translation>Alles Fällige abrechnen &amp;bis:</translation>
    </message>
    <message>
        <source>Stopping after the current batch…</source>
        <translation>Wird nach dem aktuellen Stapel angehalten…</translation>
    </message>
    <message>
        <source>Working out what a run as of %1 would create…</source>
        <translation>Es wird ermittelt, was ein Lauf zum Stichtag %1 erstellen würde…</translation>
    </message>
    <message>
        <source>Running as of %1…</source>
        <translation>Rechnungslauf zum Stichtag %1 läuft…</translation>
    </message>
    <message>
        <source>stored</source>
        <translation>gespeichert</translation>
    </message>
    <message>
        <source>new</source>
        <translation>neu</translation>
    </message>
    <message>
        <source>The run did not go through: %1</source>
        <translation>Der Lauf wurde nicht durchgeführt: %1</translation>
    </message>
    <message numerus="yes">
        <source>A run would create %Ln invoice(s)</source>
        <translation>
            <numerusform>Ein Lauf würde ergeben: %Ln neue Rechnung</numerusform>
            <numerusform>Ein Lauf würde ergeben: %Ln neue Rechnungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Created %Ln invoice(s)</source>
        <translation>
            <numerusform>Erstellt: %Ln Rechnung</numerusform>
            <numerusform>Erstellt: %Ln Rechnungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, refresh %Ln draft(s)</source>
        <translation>
            <numerusform>, %Ln aktualisierter Entwurf</numerusform>
            <numerusform>, %Ln aktualisierte Entwürfe</numerusform>
        </translation>
    </message>
    <message>
        <source>; %1 drafts unchanged, %2 already issued; %3 events read.</source>
        <translation>; %1 Entwürfe unverändert, %2 bereits ausgestellt; %3 Ereignisse gelesen.</translation>
    </message>
    <message>
        <source>Stopped before the end: what was committed stays, and the next run finishes the rest.</source>
        <translation>Vor dem Ende angehalten: Bereits Gespeichertes bleibt erhalten, der nächste Lauf erledigt den Rest.</translation>
    </message>
    <message>
        <source>recomposes the stored one (%1)</source>
        <translation>setzt die gespeicherte neu zusammen (%1)</translation>
    </message>
    <message>
        <source>%1 (subscription %2): %3</source>
        <translation>%1 (Abonnement %2): %3</translation>
    </message>
    <message numerus="yes">
        <source>%Ln subscription(s) could not be billed; every other subscription was:</source>
        <translation>
            <numerusform>%Ln Abonnement konnte nicht abgerechnet werden (alle anderen wurden abgerechnet):</numerusform>
            <numerusform>%Ln Abonnements konnten nicht abgerechnet werden (alle anderen wurden abgerechnet):</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>orb::InvoiceTableModel</name>
    <message>
        <source>Draft</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Ausgestellt</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Bezahlt</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>Storniert</translation>
    </message>
    <message>
        <source>(draft)</source>
        <translation>(Entwurf)</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Invoice date</source>
        <translation>Rechnungsdatum</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Gesamtbetrag</translation>
    </message>
    <message>
        <source>To pay</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>the invoices</source>
        <translation>die Rechnungen</translation>
    </message>
</context>
<context>
    <name>orb::InvoicesScreen</name>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>Entwürfe</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Ausgestellt</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Bezahlt</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>Storniert</translation>
    </message>
    <message>
        <source>Customer (id or external id)</source>
        <translation>Kunde (ID oder externe ID)</translation>
    </message>
    <message>
        <source>&amp;Overdue only</source>
        <translation>Nur &amp;überfällige</translation>
    </message>
    <message>
        <source>&amp;Filter</source>
        <translation>&amp;Filtern</translation>
    </message>
    <message>
        <source>Invoice &amp;run…</source>
        <translation>&amp;Rechnungslauf…</translation>
    </message>
    <message>
        <source>&amp;Issue</source>
        <translation>&amp;Ausstellen</translation>
    </message>
    <message>
        <source>&amp;Void…</source>
        <translation>&amp;Stornieren…</translation>
    </message>
    <message>
        <source>Record &amp;payment…</source>
        <translation>&amp;Zahlung erfassen…</translation>
    </message>
    <message>
        <source>&amp;Credit note…</source>
        <translation>&amp;Gutschrift…</translation>
    </message>
    <message>
        <source>&amp;Delete draft</source>
        <translation>Entwurf &amp;löschen</translation>
    </message>
    <message>
        <source>&amp;Export PDF…</source>
        <translation>PDF &amp;exportieren…</translation>
    </message>
    <message>
        <source>P&amp;rint…</source>
        <translation>&amp;Drucken…</translation>
    </message>
    <message>
        <source>Available once the documents capability is installed.</source>
        <translation>Verfügbar, sobald die Dokumentenfunktion installiert ist.</translation>
    </message>
    <message>
        <source>Invoices</source>
        <translation>Rechnungen</translation>
    </message>
    <message numerus="yes">
        <source>%Ln invoice(s)</source>
        <translation>
            <numerusform>%Ln Rechnung</numerusform>
            <numerusform>%Ln Rechnungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Select an invoice to see its lines, taxes, payments and credit notes.</source>
        <translation>Wählen Sie eine Rechnung aus, um Positionen, Steuern, Zahlungen und Gutschriften zu sehen.</translation>
    </message>
    <message>
        <source>This invoice could not be read: %1</source>
        <translation>Diese Rechnung konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Select an invoice first.</source>
        <translation>Wählen Sie zuerst eine Rechnung aus.</translation>
    </message>
    <message>
        <source>The invoice was not issued</source>
        <translation>Die Rechnung wurde nicht ausgestellt</translation>
    </message>
    <message>
        <source>Void invoice</source>
        <translation>Rechnung stornieren</translation>
    </message>
    <message>
        <source>Why is this invoice void? It keeps its number, and what it took from the balance and credits is given back.</source>
        <translation>Warum wird diese Rechnung storniert? Sie behält ihre Nummer, und was sie vom Kundenguthaben und Vorauszahlungsguthaben verbraucht hat, wird zurückgebucht.</translation>
    </message>
    <message>
        <source>The invoice was not voided</source>
        <translation>Die Rechnung wurde nicht storniert</translation>
    </message>
    <message>
        <source>The payment was not recorded</source>
        <translation>Die Zahlung wurde nicht erfasst</translation>
    </message>
    <message>
        <source>The credit note was not created</source>
        <translation>Die Gutschrift wurde nicht erstellt</translation>
    </message>
    <message>
        <source>The draft was not deleted</source>
        <translation>Der Entwurf wurde nicht gelöscht</translation>
    </message>
    <message>
        <source>Only drafts can be deleted; this invoice's status is %1.</source>
        <translation>Nur Entwürfe können gelöscht werden; diese Rechnung hat den Status %1.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>E-&amp;mail…</source>
        <translation>E-&amp;Mail…</translation>
    </message>
    <message>
        <source>Dated from: any</source>
        <translation>Datum ab: beliebig</translation>
    </message>
    <message>
        <source>Dated to: any</source>
        <translation>Datum bis: beliebig</translation>
    </message>
    <message>
        <source>The dates are the wrong way round: %1 is after %2.</source>
        <translation>Die Daten sind vertauscht: %1 liegt nach %2.</translation>
    </message>
    <message>
        <source>Issue the invoice to %1 for %2?</source>
        <translation>Die Rechnung an %1 über %2 ausstellen?</translation>
    </message>
    <message>
        <source>Issue invoice %1 to %2 for %3?</source>
        <translation>Rechnung %1 an %2 über %3 ausstellen?</translation>
    </message>
    <message>
        <source>Issuing numbers the invoice for good: it can no longer be edited or deleted, only paid, credited or voided. The customer's balance and prepaid credits are applied to what is due.</source>
        <translation>Das Ausstellen vergibt die Rechnungsnummer endgültig: Die Rechnung kann danach nicht mehr bearbeitet oder gelöscht werden, nur noch bezahlt, gutgeschrieben oder storniert. Guthaben und Vorauszahlungen des Kunden werden auf den fälligen Betrag angerechnet.</translation>
    </message>
    <message>
        <source>Issue invoice</source>
        <translation>Rechnung ausstellen</translation>
    </message>
</context>
<context>
    <name>orb::JsonConfigEditor</name>
    <message>
        <source>Model settings (JSON)</source>
        <translation>Modelleinstellungen (JSON)</translation>
    </message>
    <message>
        <source>The model settings are not valid JSON: %1 (at character %2)</source>
        <translation>Die Modelleinstellungen sind kein gültiges JSON: %1 (bei Zeichen %2)</translation>
    </message>
    <message>
        <source>The model settings must be a JSON object ({ … })</source>
        <translation>Die Modelleinstellungen müssen ein JSON-Objekt sein ({ … })</translation>
    </message>
    <message>
        <source>The model's settings as JSON, for settings the form does not show (docs/PRICING.md shows each model's shape).</source>
        <translation>Die Einstellungen des Modells als JSON, für Einstellungen, die das Formular nicht zeigt (docs/PRICING.md beschreibt den Aufbau jedes Modells).</translation>
    </message>
</context>
<context>
    <name>orb::LedgerExportDialog</name>
    <message>
        <source>Export to the ledger</source>
        <translation>Export in die Finanzbuchhaltung</translation>
    </message>
    <message>
        <source>Invoices, payments, credit notes and voids of the period as balanced journal entries. Accounts are set in Settings (ledger.*).</source>
        <translation>Rechnungen, Zahlungen, Gutschriften und Stornierungen des Zeitraums als ausgeglichene Buchungssätze. Die Konten werden in den Einstellungen festgelegt (ledger.*).</translation>
    </message>
    <message>
        <source>GnuCash (CSV, multi-split)</source>
        <translation>GnuCash (CSV, mehrteilige Buchungen)</translation>
    </message>
    <message>
        <source>QuickBooks Desktop (IIF)</source>
        <translation>QuickBooks Desktop (IIF)</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>File to write</source>
        <translation>Zieldatei</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Mark the period as exported</source>
        <translation>Zeitraum als exportiert markieren</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>IIF files (*.iif)</source>
        <translation>IIF-Dateien (*.iif)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln journal entries in this period.</source>
        <translation>
            <numerusform>%Ln Buchungssatz in diesem Zeitraum.</numerusform>
            <numerusform>%Ln Buchungssätze in diesem Zeitraum.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 to %2 was already exported on %3 (%4).</source>
        <translation>%1 bis %2 wurde bereits am %3 exportiert (%4).</translation>
    </message>
    <message>
        <source>%1: cannot write (%2)</source>
        <translation>%1: kann nicht geschrieben werden (%2)</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %Ln journal entries to %1.</source>
        <translation>
            <numerusform>%Ln Buchungssatz in %1 geschrieben.</numerusform>
            <numerusform>%Ln Buchungssätze in %1 geschrieben.</numerusform>
        </translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Bis</translation>
    </message>
</context>
<context>
    <name>orb::LocaleFormat</name>
    <message>
        <source>Enter an amount.</source>
        <translation>Geben Sie einen Betrag ein.</translation>
    </message>
    <message>
        <source>"%1" has more than one decimal mark (%2).</source>
        <translation>„%1“ enthält mehr als ein Dezimalzeichen (%2).</translation>
    </message>
    <message>
        <source>"%1" is not an amount like %2.</source>
        <translation>„%1“ ist kein Betrag wie %2.</translation>
    </message>
    <message>
        <source>"%1" is not an amount like %2 (the decimal mark is "%3").</source>
        <translation>„%1“ ist kein Betrag wie %2 (das Dezimalzeichen ist „%3“).</translation>
    </message>
    <message>
        <source>%1 amounts have no decimal places: "%2".</source>
        <translation>Beträge in %1 haben keine Nachkommastellen: „%2“.</translation>
    </message>
    <message>
        <source>%1 amounts have at most %2 decimal places: "%3".</source>
        <translation>Beträge in %1 haben höchstens %2 Nachkommastellen: „%3“.</translation>
    </message>
    <message>
        <source>"%1" is not an amount: %2</source>
        <translation>„%1“ ist kein Betrag: %2</translation>
    </message>
    <message>
        <source>Enter a number.</source>
        <translation>Bitte eine Zahl eingeben.</translation>
    </message>
</context>
<context>
    <name>orb::MainWindow</name>
    <message>
        <source>Orb</source>
        <translation>Orb</translation>
    </message>
    <message>
        <source>Stripe: no company file</source>
        <translation>Stripe: keine Firmendatei</translation>
    </message>
    <message>
        <source>Stripe sync: what waits to be sent, and what failed (see the Sync screen).</source>
        <translation>Stripe-Synchronisierung: was auf das Senden wartet und was fehlgeschlagen ist (siehe Ansicht „Synchronisierung“).</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;New Company…</source>
        <translation>&amp;Neues Unternehmen…</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>Open &amp;Demo Company</source>
        <translation>&amp;Demo-Unternehmen öffnen</translation>
    </message>
    <message>
        <source>Could not open the demo company</source>
        <translation>Das Demo-Unternehmen konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <source>&amp;Close Company</source>
        <translation>Unternehmen &amp;schließen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>Audit &amp;Trail…</source>
        <translation>Änderungs&amp;protokoll…</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <source>&amp;Billing</source>
        <translation>&amp;Abrechnung</translation>
    </message>
    <message>
        <source>Invoice &amp;Run…</source>
        <translation>&amp;Rechnungslauf…</translation>
    </message>
    <message>
        <source>Invoices</source>
        <translation>Rechnungen</translation>
    </message>
    <message>
        <source>New &amp;Subscription…</source>
        <translation>Neues &amp;Abonnement…</translation>
    </message>
    <message>
        <source>Subscriptions</source>
        <translation>Abonnements</translation>
    </message>
    <message>
        <source>Show &amp;Overdue Invoices</source>
        <translation>&amp;Überfällige Rechnungen anzeigen</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hauptsymbolleiste</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Orb</source>
        <translation>&amp;Über Orb</translation>
    </message>
    <message>
        <source>&lt;h1&gt;Welcome to Orb&lt;/h1&gt;&lt;p&gt;Usage-based billing on your desktop: customers, plans, usage, invoices and Stripe, in one company file that works offline.&lt;/p&gt;</source>
        <translation>&lt;h1&gt;Willkommen bei Orb&lt;/h1&gt;&lt;p&gt;Nutzungsbasierte Abrechnung auf Ihrem Desktop: Kunden, Tarife, Nutzung, Rechnungen und Stripe in einer Firmendatei, die auch offline funktioniert.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Create a &amp;new company…</source>
        <translation>&amp;Neues Unternehmen anlegen…</translation>
    </message>
    <message>
        <source>&amp;Open a company file…</source>
        <translation>Firmendatei ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Explore the &amp;demo company</source>
        <translation>Demo-Unternehmen &amp;erkunden</translation>
    </message>
    <message>
        <source>&lt;b&gt;Recent company files&lt;/b&gt;</source>
        <translation>&lt;b&gt;Zuletzt verwendete Firmendateien&lt;/b&gt;</translation>
    </message>
    <message>
        <source>No company file open</source>
        <translation>Keine Firmendatei geöffnet</translation>
    </message>
    <message>
        <source>Screens</source>
        <translation>Ansichten</translation>
    </message>
    <message>
        <source>Save invoice as PDF</source>
        <translation>Rechnung als PDF speichern</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Could not save the PDF</source>
        <translation>Das PDF konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Could not print the invoice</source>
        <translation>Die Rechnung konnte nicht gedruckt werden</translation>
    </message>
    <message>
        <source>%1 — Orb</source>
        <translation>%1 — Orb</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Kunden</translation>
    </message>
    <message>
        <source>Plans</source>
        <translation>Tarife</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>Nutzung</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Berichte</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Synchronisierung</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Company file in use</source>
        <translation>Firmendatei wird bereits verwendet</translation>
    </message>
    <message>
        <source>Open it read-only?</source>
        <translation>Schreibgeschützt öffnen?</translation>
    </message>
    <message>
        <source>Backup failed: %1</source>
        <translation>Sicherung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Backed up to %1</source>
        <translation>Gesichert unter %1</translation>
    </message>
    <message>
        <source>%1 (read-only: changes are not possible)</source>
        <translation>%1 (schreibgeschützt: Änderungen sind nicht möglich)</translation>
    </message>
    <message>
        <source>Could not open the company file</source>
        <translation>Die Firmendatei konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Could not create the company</source>
        <translation>Das Unternehmen konnte nicht angelegt werden</translation>
    </message>
    <message>
        <source>Open company file</source>
        <translation>Firmendatei öffnen</translation>
    </message>
    <message>
        <source>Orb company files (*.orb);;All files (*)</source>
        <translation>Orb-Firmendateien (*.orb);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>About Orb</source>
        <translation>Über Orb</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Orb %1&lt;/h3&gt;&lt;p&gt;Usage-based billing and metering on the desktop.&lt;/p&gt;&lt;p&gt;Qt %2 · SQLite company files&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Orb %1&lt;/h3&gt;&lt;p&gt;Nutzungsbasierte Abrechnung und Verbrauchsmessung auf dem Desktop.&lt;/p&gt;&lt;p&gt;Qt %2 · SQLite-Firmendateien&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Import Events…</source>
        <translation>Ereignisse &amp;importieren…</translation>
    </message>
    <message>
        <source>Import usage events from a JSON Lines or CSV file</source>
        <translation>Nutzungsereignisse aus einer JSON-Lines- oder CSV-Datei importieren</translation>
    </message>
    <message>
        <source>Open a company file first, then import %1 into it.</source>
        <translation>Öffnen Sie zuerst eine Firmendatei und importieren Sie dann %1 hinein.</translation>
    </message>
    <message>
        <source>the events</source>
        <translation>die Ereignisse</translation>
    </message>
    <message>
        <source>The audit trail is broken at entry %1: %2</source>
        <translation>Das Änderungsprotokoll ist bei Eintrag %1 unterbrochen: %2</translation>
    </message>
    <message>
        <source>… and %1 more rows changed outside Orb</source>
        <translation>… und %1 weitere außerhalb von Orb geänderte Datensätze</translation>
    </message>
    <message>
        <source>The check could not finish: %1</source>
        <translation>Die Prüfung konnte nicht abgeschlossen werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>Warning: %Ln row(s) of this company were changed outside Orb</source>
        <translation>
            <numerusform>Warnung: %Ln Datensatz dieses Unternehmens wurde außerhalb von Orb geändert</numerusform>
            <numerusform>Warnung: %Ln Datensätze dieses Unternehmens wurden außerhalb von Orb geändert</numerusform>
        </translation>
    </message>
    <message>
        <source>Changed outside Orb</source>
        <translation>Außerhalb von Orb geändert</translation>
    </message>
    <message>
        <source>Some of this company's records were changed, added or deleted by another program since Orb last wrote them. Check them before you rely on them, or restore a backup you trust.</source>
        <translation>Einige Datensätze dieses Unternehmens wurden seit dem letzten Schreiben durch Orb von einem anderen Programm geändert, hinzugefügt oder gelöscht. Prüfen Sie sie, bevor Sie sich darauf verlassen, oder stellen Sie eine Sicherung wieder her, der Sie vertrauen.</translation>
    </message>
    <message>
        <source>%1 (read-only for inspection: it was changed outside Orb)</source>
        <translation>%1 (schreibgeschützt zur Prüfung: außerhalb von Orb geändert)</translation>
    </message>
    <message>
        <source>This company file was changed by another program: it holds database code or tables that Orb did not put there, which can change invoices, customers' details or payment instructions behind your back. Orb did not open it and left it untouched.</source>
        <translation>Diese Firmendatei wurde von einem anderen Programm verändert: Sie enthält Datenbankcode oder Tabellen, die nicht von Orb stammen und unbemerkt Rechnungen, Kundendaten oder Zahlungshinweise ändern können. Orb hat sie nicht geöffnet und unverändert gelassen.</translation>
    </message>
    <message>
        <source>You can open it read-only to look at it (nothing can be changed and none of that code runs), or restore the company from a backup you trust.</source>
        <translation>Sie können sie schreibgeschützt öffnen, um sie anzusehen (es kann nichts geändert werden, und dieser Code wird nicht ausgeführt), oder das Unternehmen aus einer Sicherung wiederherstellen, der Sie vertrauen.</translation>
    </message>
    <message>
        <source>Open Read-Only for Inspection</source>
        <translation>Schreibgeschützt zur Prüfung öffnen</translation>
    </message>
    <message>
        <source>&lt;p&gt;Copyright © 2026 The Orb developers&lt;/p&gt;&lt;p&gt;Orb is free software: you can redistribute it and/or modify it under the terms of the GNU General Public License as published by the Free Software Foundation, either version 3 of the License, or (at your option) any later version (GPL-3.0-or-later). It comes with ABSOLUTELY NO WARRANTY. See &lt;a href="%1"&gt;%1&lt;/a&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Copyright © 2026 Die Orb-Entwickler&lt;/p&gt;&lt;p&gt;Orb ist freie Software: Sie können es unter den Bedingungen der GNU General Public License, wie von der Free Software Foundation veröffentlicht, weitergeben und/oder verändern, entweder gemäß Version 3 der Lizenz oder (nach Ihrer Wahl) jeder späteren Version (GPL-3.0-or-later). Orb wird OHNE JEDE GEWÄHRLEISTUNG bereitgestellt. Siehe &lt;a href="%1"&gt;%1&lt;/a&gt;.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Coupons</source>
        <translation>Gutscheine</translation>
    </message>
    <message>
        <source>Tax rates</source>
        <translation>Steuersätze</translation>
    </message>
    <message>
        <source>Orb &amp;User Guide</source>
        <translation>Orb-&amp;Benutzerhandbuch</translation>
    </message>
    <message>
        <source>Set up a catalog, import usage, run and send invoices, take payments, connect Stripe</source>
        <translation>Katalog anlegen, Nutzung importieren, Rechnungen erstellen und versenden, Zahlungen erfassen, Stripe verbinden</translation>
    </message>
    <message>
        <source>A&amp;ctions</source>
        <translation>A&amp;ktionen</translation>
    </message>
    <message>
        <source>Open a company file first</source>
        <translation>Öffnen Sie zuerst eine Firmendatei</translation>
    </message>
    <message>
        <source>No actions on this screen</source>
        <translation>Keine Aktionen in dieser Ansicht</translation>
    </message>
    <message>
        <source>Not undone</source>
        <translation>Nicht rückgängig gemacht</translation>
    </message>
    <message>
        <source>Not redone</source>
        <translation>Nicht wiederhergestellt</translation>
    </message>
    <message>
        <source>Orb's REST API is served from this window (Settings › API).</source>
        <translation>Orbs REST-API wird aus diesem Fenster bereitgestellt (Einstellungen › API).</translation>
    </message>
    <message>
        <source>API: %1</source>
        <translation>API: %1</translation>
    </message>
    <message>
        <source>Connect to Company &amp;Server…</source>
        <translation>Mit Firmenser&amp;ver verbinden…</translation>
    </message>
    <message>
        <source>Connect to a company &amp;server…</source>
        <translation>Mit einem Firmen&amp;server verbinden…</translation>
    </message>
    <message>
        <source>Could not open the company</source>
        <translation>Die Firma konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <source>The password could not be remembered: %1</source>
        <translation>Das Passwort konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Updated with changes made by others</source>
        <translation>Mit den Änderungen anderer aktualisiert</translation>
    </message>
    <message>
        <source>Company server not reachable: reconnecting…</source>
        <translation>Firmenserver nicht erreichbar: Verbindung wird wiederhergestellt…</translation>
    </message>
    <message>
        <source>The connection to %1 was lost (the server was stopped, restarted or cannot be reached). Nothing of an action that failed was saved; Orb reconnects by itself, then try it again.</source>
        <translation>Die Verbindung zu %1 ist abgebrochen (der Server wurde angehalten, neu gestartet oder ist nicht erreichbar). Von einem fehlgeschlagenen Vorgang wurde nichts gespeichert; Orb verbindet sich von selbst neu, versuchen Sie ihn dann erneut.</translation>
    </message>
    <message>
        <source>The connection to %1 was lost; the last attempt to reconnect failed: %2</source>
        <translation>Die Verbindung zu %1 ist abgebrochen; der letzte Versuch, sie wiederherzustellen, ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Reconnected to the company server</source>
        <translation>Wieder mit dem Firmenserver verbunden</translation>
    </message>
    <message>
        <source>Reconnected to the company server; the open screens were read again</source>
        <translation>Wieder mit dem Firmenserver verbunden; die geöffneten Ansichten wurden neu geladen</translation>
    </message>
</context>
<context>
    <name>orb::MatrixConfigEditor</name>
    <message>
        <source>First dimension (event property)</source>
        <translation>Erste Dimension (Ereigniseigenschaft)</translation>
    </message>
    <message>
        <source>Second dimension (optional)</source>
        <translation>Zweite Dimension (optional)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Default unit amount</source>
        <translation>Standard-Einzelpreis</translation>
    </message>
    <message>
        <source>First dimension:</source>
        <translation>Erste Dimension:</translation>
    </message>
    <message>
        <source>Second dimension:</source>
        <translation>Zweite Dimension:</translation>
    </message>
    <message>
        <source>Default unit amount:</source>
        <translation>Standard-Einzelpreis:</translation>
    </message>
    <message>
        <source>Free units (allocation)</source>
        <translation>Freie Einheiten (Kontingent)</translation>
    </message>
    <message>
        <source>Free units (allocation):</source>
        <translation>Freie Einheiten (Kontingent):</translation>
    </message>
    <message>
        <source>Unit amount</source>
        <translation>Einzelpreis</translation>
    </message>
    <message>
        <source>an event property, e.g. region</source>
        <translation>eine Ereigniseigenschaft, z. B. region</translation>
    </message>
    <message>
        <source>for usage in cells left empty</source>
        <translation>für Nutzung in leer gelassenen Zellen</translation>
    </message>
    <message>
        <source>units, e.g. 10</source>
        <translation>Einheiten, z. B. 10</translation>
    </message>
    <message>
        <source>Unit amount per pair of values</source>
        <translation>Einzelpreis je Wertepaar</translation>
    </message>
    <message>
        <source>Add row</source>
        <translation>Zeile hinzufügen</translation>
    </message>
    <message>
        <source>A further value of the first dimension</source>
        <translation>Ein weiterer Wert der ersten Dimension</translation>
    </message>
    <message>
        <source>Remove row</source>
        <translation>Zeile entfernen</translation>
    </message>
    <message>
        <source>Add column</source>
        <translation>Spalte hinzufügen</translation>
    </message>
    <message>
        <source>A further value of the second dimension</source>
        <translation>Ein weiterer Wert der zweiten Dimension</translation>
    </message>
    <message>
        <source>Remove column</source>
        <translation>Spalte entfernen</translation>
    </message>
    <message>
        <source>Type the values of the first dimension down the left and those of the second across the top; each cell is the unit amount of that pair. An empty cell pays the default unit amount.</source>
        <translation>Tragen Sie die Werte der ersten Dimension links untereinander und die der zweiten oben nebeneinander ein; jede Zelle ist der Einzelpreis dieses Paars. Für eine leere Zelle gilt der Standard-Einzelpreis.</translation>
    </message>
    <message>
        <source>First dimension</source>
        <translation>Erste Dimension</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>Cell %1: %2</source>
        <translation>Zelle %1: %2</translation>
    </message>
</context>
<context>
    <name>orb::MetricTableModel</name>
    <message>
        <source>Metric</source>
        <translation>Metrik</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Aggregation</source>
        <translation>Aggregation</translation>
    </message>
    <message>
        <source>Property</source>
        <translation>Eigenschaft</translation>
    </message>
    <message>
        <source>Grouped by</source>
        <translation>Gruppiert nach</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>Filter</translation>
    </message>
</context>
<context>
    <name>orb::NewApiKeyDialog</name>
    <message>
        <source>New API key</source>
        <translation>Neuer API-Schlüssel</translation>
    </message>
    <message>
        <source>Key name</source>
        <translation>Name des Schlüssels</translation>
    </message>
    <message>
        <source>Who or what uses it, e.g. product backend</source>
        <translation>Wer oder was ihn verwendet, z. B. Produkt-Backend</translation>
    </message>
    <message>
        <source>Key role</source>
        <translation>Rolle des Schlüssels</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Rolle:</translation>
    </message>
    <message>
        <source>Create key</source>
        <translation>Schlüssel erstellen</translation>
    </message>
    <message>
        <source>Sends usage events and pings only; every other request is refused. For a product that reports usage.</source>
        <translation>Sendet nur Nutzungsereignisse und Pings; jede andere Anfrage wird abgewiesen. Für ein Produkt, das Nutzung meldet.</translation>
    </message>
    <message>
        <source>Reads and changes customers, subscriptions and invoices, and sends usage.</source>
        <translation>Liest und ändert Kunden, Abonnements und Rechnungen und sendet Nutzung.</translation>
    </message>
    <message>
        <source>Everything the API offers.</source>
        <translation>Alles, was die API bietet.</translation>
    </message>
</context>
<context>
    <name>orb::NewCompanyWizard</name>
    <message>
        <source>New company</source>
        <translation>Neues Unternehmen</translation>
    </message>
</context>
<context>
    <name>orb::NewMetricDialog</name>
    <message>
        <source>New billable metric</source>
        <translation>Neue abrechenbare Metrik</translation>
    </message>
    <message>
        <source>Metric name</source>
        <translation>Name der Metrik</translation>
    </message>
    <message>
        <source>Event name</source>
        <translation>Ereignisname</translation>
    </message>
    <message>
        <source>the event_name of the usage events, e.g. api_request</source>
        <translation>der event_name der Nutzungsereignisse, z. B. api_request</translation>
    </message>
    <message>
        <source>Aggregation</source>
        <translation>Aggregation</translation>
    </message>
    <message>
        <source>Count the events</source>
        <translation>Ereignisse zählen</translation>
    </message>
    <message>
        <source>Sum of a property</source>
        <translation>Summe einer Eigenschaft</translation>
    </message>
    <message>
        <source>Largest value of a property</source>
        <translation>Größter Wert einer Eigenschaft</translation>
    </message>
    <message>
        <source>Smallest value of a property</source>
        <translation>Kleinster Wert einer Eigenschaft</translation>
    </message>
    <message>
        <source>Average of a property</source>
        <translation>Durchschnitt einer Eigenschaft</translation>
    </message>
    <message>
        <source>Number of distinct values of a property</source>
        <translation>Anzahl verschiedener Werte einer Eigenschaft</translation>
    </message>
    <message>
        <source>Latest value of a property</source>
        <translation>Letzter Wert einer Eigenschaft</translation>
    </message>
    <message>
        <source>Time-weighted sum of a property</source>
        <translation>Zeitgewichtete Summe einer Eigenschaft</translation>
    </message>
    <message>
        <source>Property</source>
        <translation>Eigenschaft</translation>
    </message>
    <message>
        <source>the event property read, e.g. tokens</source>
        <translation>die gelesene Ereigniseigenschaft, z. B. tokens</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Event:</source>
        <translation>&amp;Ereignis:</translation>
    </message>
    <message>
        <source>&amp;Aggregation:</source>
        <translation>&amp;Aggregation:</translation>
    </message>
    <message>
        <source>&amp;Property:</source>
        <translation>Ei&amp;genschaft:</translation>
    </message>
    <message>
        <source>&amp;Create metric</source>
        <translation>Metrik an&amp;legen</translation>
    </message>
    <message>
        <source>a metric named "%1" is already defined in this plan</source>
        <translation>eine Metrik namens „%1“ ist in diesem Tarif bereits angelegt</translation>
    </message>
</context>
<context>
    <name>orb::NewSubscriptionDialog</name>
    <message>
        <source>New subscription</source>
        <translation>Neues Abonnement</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>Startdatum</translation>
    </message>
    <message>
        <source>Billing anchor</source>
        <translation>Abrechnungsstichtag</translation>
    </message>
    <message>
        <source>The start date</source>
        <translation>Das Startdatum</translation>
    </message>
    <message>
        <source>The first of each month</source>
        <translation>Der Erste jedes Monats</translation>
    </message>
    <message>
        <source>Trial days</source>
        <translation>Testtage</translation>
    </message>
    <message>
        <source>the plan's trial</source>
        <translation>Testzeitraum des Tarifs</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>Gutschein</translation>
    </message>
    <message>
        <source>No coupon</source>
        <translation>Kein Gutschein</translation>
    </message>
    <message>
        <source>Price overrides</source>
        <translation>Abweichende Preise</translation>
    </message>
    <message>
        <source>Optional price overrides as JSON: {"add": [...], "remove": [price ids], "replace": [...]}</source>
        <translation>Optionale abweichende Preise als JSON: {"add": [...], "remove": [Preis-IDs], "replace": [...]}</translation>
    </message>
    <message>
        <source>&amp;Customer:</source>
        <translation>&amp;Kunde:</translation>
    </message>
    <message>
        <source>&amp;Plan:</source>
        <translation>&amp;Tarif:</translation>
    </message>
    <message>
        <source>&amp;Starts on:</source>
        <translation>&amp;Beginnt am:</translation>
    </message>
    <message>
        <source>&amp;Bill on:</source>
        <translation>&amp;Abrechnung am:</translation>
    </message>
    <message>
        <source>&amp;Trial:</source>
        <translation>Test&amp;zeitraum:</translation>
    </message>
    <message>
        <source>C&amp;oupon:</source>
        <translation>&amp;Gutschein:</translation>
    </message>
    <message>
        <source>O&amp;verrides:</source>
        <translation>Ab&amp;weichungen:</translation>
    </message>
    <message>
        <source>Pr&amp;eview first invoice</source>
        <translation>&amp;Vorschau der ersten Rechnung</translation>
    </message>
    <message>
        <source>C&amp;reate subscription</source>
        <translation>Abonnement an&amp;legen</translation>
    </message>
    <message>
        <source>Overrides: not a JSON object (%1 at character %2).</source>
        <translation>Abweichungen: kein JSON-Objekt (%1 bei Zeichen %2).</translation>
    </message>
    <message>
        <source>Choose a customer; the company has none yet.</source>
        <translation>Wählen Sie einen Kunden aus; das Unternehmen hat noch keine Kunden.</translation>
    </message>
    <message>
        <source>Choose a plan; the company has no active plan yet.</source>
        <translation>Wählen Sie einen Tarif aus; das Unternehmen hat noch keinen aktiven Tarif.</translation>
    </message>
</context>
<context>
    <name>orb::NewWebhookDialog</name>
    <message>
        <source>New webhook endpoint</source>
        <translation>Neuer Webhook-Endpunkt</translation>
    </message>
    <message>
        <source>Endpoint URL</source>
        <translation>URL des Endpunkts</translation>
    </message>
    <message>
        <source>https://hooks.example.com/orb</source>
        <translation>https://hooks.example.com/orb</translation>
    </message>
    <message>
        <source>&amp;All event types</source>
        <translation>&amp;Alle Ereignistypen</translation>
    </message>
    <message>
        <source>&amp;Only these:</source>
        <translation>&amp;Nur diese:</translation>
    </message>
    <message>
        <source>Event types</source>
        <translation>Ereignistypen</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <source>Orb POSTs each event there, signed with a secret shown once after this step. The address must start with https://, except for one on this computer.</source>
        <translation>Orb sendet jedes Ereignis per POST dorthin, signiert mit einem Geheimnis, das nach diesem Schritt einmal angezeigt wird. Die Adresse muss mit https:// beginnen, außer sie liegt auf diesem Computer.</translation>
    </message>
    <message>
        <source>Add endpoint</source>
        <translation>Endpunkt hinzufügen</translation>
    </message>
</context>
<context>
    <name>orb::OptionalDateEdit</name>
    <message>
        <source>Pick a date from the calendar or type it (%1).</source>
        <translation>Wählen Sie ein Datum im Kalender oder geben Sie es ein (%1).</translation>
    </message>
    <message>
        <source>Pick a date from the calendar or type it (%1); Delete empties the field.</source>
        <translation>Wählen Sie ein Datum im Kalender oder geben Sie es ein (%1); Entf leert das Feld.</translation>
    </message>
</context>
<context>
    <name>orb::PaymentDialog</name>
    <message>
        <source>Record payment for %1</source>
        <translation>Zahlung für %1 erfassen</translation>
    </message>
    <message>
        <source>Amount in %1</source>
        <translation>Betrag in %1</translation>
    </message>
    <message>
        <source>Paid on</source>
        <translation>Bezahlt am</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Zahlungsart</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>bank transfer id, cheque number…</source>
        <translation>Überweisungs-ID, Schecknummer…</translation>
    </message>
    <message>
        <source>Memo</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>&amp;Amount (%1):</source>
        <translation>&amp;Betrag (%1):</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>&amp;Zahlungsart:</translation>
    </message>
    <message>
        <source>&amp;Reference:</source>
        <translation>&amp;Referenz:</translation>
    </message>
    <message>
        <source>M&amp;emo:</source>
        <translation>&amp;Notiz:</translation>
    </message>
    <message>
        <source>Say how it was paid (the method), for example manual or bank_transfer.</source>
        <translation>Geben Sie an, wie bezahlt wurde (die Zahlungsart), zum Beispiel manual oder bank_transfer.</translation>
    </message>
    <message>
        <source>Paid &amp;on:</source>
        <translation>Bezahlt &amp;am:</translation>
    </message>
    <message>
        <source>Still to pay on %1: %2</source>
        <translation>Noch offen auf %1: %2</translation>
    </message>
    <message>
        <source>This invoice went to Stripe (%1) to be charged to the customer's card automatically: Stripe may be charging the card right now. The next sync tells Stripe of this payment (paid outside Stripe, or a credit note for a part), which stops further charges. If the card was charged meanwhile, the customer has paid twice: the Sync screen then asks you to refund one of the payments.</source>
        <translation>Diese Rechnung ging an Stripe (%1), um die Karte des Kunden automatisch zu belasten: Stripe belastet die Karte möglicherweise gerade. Der nächste Abgleich teilt Stripe diese Zahlung mit (außerhalb von Stripe bezahlt, oder eine Gutschrift für einen Teil), was weitere Belastungen stoppt. Wurde die Karte inzwischen belastet, hat der Kunde doppelt bezahlt: Die Synchronisierungsansicht fordert Sie dann auf, eine der Zahlungen zu erstatten.</translation>
    </message>
    <message>
        <source>Stripe may be charging the card</source>
        <translation>Stripe belastet möglicherweise die Karte</translation>
    </message>
    <message>
        <source>Amount: %1</source>
        <translation>Betrag: %1</translation>
    </message>
    <message>
        <source>Amount: a payment is more than zero, not %1.</source>
        <translation>Betrag: Eine Zahlung ist größer als null, nicht %1.</translation>
    </message>
    <message>
        <source>Paid on: "%1" is not a date.</source>
        <translation>Bezahlt am: „%1“ ist kein Datum.</translation>
    </message>
</context>
<context>
    <name>orb::PlanEditorDialog</name>
    <message>
        <source>Platform fee</source>
        <translation>Plattformgebühr</translation>
    </message>
    <message>
        <source>Price %1</source>
        <translation>Preis %1</translation>
    </message>
    <message>
        <source>New plan</source>
        <translation>Neuer Tarif</translation>
    </message>
    <message>
        <source>Edit plan</source>
        <translation>Tarif bearbeiten</translation>
    </message>
    <message>
        <source>Plan name</source>
        <translation>Tarifname</translation>
    </message>
    <message>
        <source>External plan id</source>
        <translation>Externe Tarif-ID</translation>
    </message>
    <message>
        <source>optional, unique: how other systems name the plan</source>
        <translation>optional, eindeutig: wie andere Systeme den Tarif bezeichnen</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Net terms</source>
        <translation>Zahlungsziel</translation>
    </message>
    <message>
        <source>Company default</source>
        <translation>Firmenstandard</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Trial</source>
        <translation>Testzeitraum</translation>
    </message>
    <message>
        <source>No trial</source>
        <translation>Kein Testzeitraum</translation>
    </message>
    <message>
        <source>Default invoice memo</source>
        <translation>Standard-Rechnungsnotiz</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>N&amp;ame:</translation>
    </message>
    <message>
        <source>External id:</source>
        <translation>Externe ID:</translation>
    </message>
    <message>
        <source>Currenc&amp;y:</source>
        <translation>&amp;Währung:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>Net term&amp;s:</source>
        <translation>Zah&amp;lungsziel:</translation>
    </message>
    <message>
        <source>T&amp;rial:</source>
        <translation>Te&amp;stzeitraum:</translation>
    </message>
    <message>
        <source>Invoice mem&amp;o:</source>
        <translation>Rechnungsnoti&amp;z:</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <source>Prices of the plan</source>
        <translation>Preise des Tarifs</translation>
    </message>
    <message>
        <source>&amp;Add price</source>
        <translation>Pr&amp;eis hinzufügen</translation>
    </message>
    <message>
        <source>Remo&amp;ve price</source>
        <translation>&amp;Preis entfernen</translation>
    </message>
    <message>
        <source>Prices:</source>
        <translation>Preise:</translation>
    </message>
    <message>
        <source>Why the plan was not saved</source>
        <translation>Warum der Tarif nicht gespeichert wurde</translation>
    </message>
    <message>
        <source>Saving creates the plan with these prices as its version 1.</source>
        <translation>Beim Speichern wird der Tarif mit diesen Preisen als Version 1 angelegt.</translation>
    </message>
    <message>
        <source>A plan's currency cannot change; create a new plan to bill in another currency.</source>
        <translation>Die Währung eines Tarifs kann nicht geändert werden; legen Sie einen neuen Tarif an, um in einer anderen Währung abzurechnen.</translation>
    </message>
    <message>
        <source>This plan is at version %1. Saving changed prices creates version %2 and makes it current for new subscriptions; existing subscriptions stay on the version they are on. Changing only the plan's fields (name, description, terms, trial) updates the plan without a new version.</source>
        <translation>Dieser Tarif ist in Version %1. Das Speichern geänderter Preise legt Version %2 an und macht sie für neue Abonnements zur aktuellen Version; bestehende Abonnements bleiben auf ihrer bisherigen Version. Werden nur die Felder des Tarifs geändert (Name, Beschreibung, Zahlungsziel, Testzeitraum), wird der Tarif ohne neue Version aktualisiert.</translation>
    </message>
    <message>
        <source>(unnamed price)</source>
        <translation>(Preis ohne Namen)</translation>
    </message>
    <message>
        <source>Price %1 “%2”: %3</source>
        <translation>Preis %1 „%2“: %3</translation>
    </message>
    <message>
        <source>Price %1 “%2”</source>
        <translation>Preis %1 „%2“</translation>
    </message>
    <message>
        <source>tier %1</source>
        <translation>Staffel %1</translation>
    </message>
    <message>
        <source>cell %1</source>
        <translation>Zelle %1</translation>
    </message>
    <message>
        <source>adjustment %1</source>
        <translation>Anpassung %1</translation>
    </message>
    <message>
        <source>%1, row %2</source>
        <translation>%1, Zeile %2</translation>
    </message>
    <message>
        <source>The plan</source>
        <translation>Der Tarif</translation>
    </message>
    <message>
        <source>the plan was not saved</source>
        <translation>der Tarif wurde nicht gespeichert</translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation>Metadaten</translation>
    </message>
    <message>
        <source>key=value, one a line</source>
        <translation>Schlüssel=Wert, einer pro Zeile</translation>
    </message>
    <message>
        <source>M&amp;etadata:</source>
        <translation>Meta&amp;daten:</translation>
    </message>
    <message>
        <source>&amp;Prices</source>
        <translation>P&amp;reise</translation>
    </message>
    <message>
        <source>Ad&amp;justments</source>
        <translation>Anpass&amp;ungen</translation>
    </message>
    <message>
        <source>Discounts, a minimum and a maximum, on all prices or the ones chosen</source>
        <translation>Rabatte, ein Mindest- und ein Höchstbetrag, auf alle oder die gewählten Preise</translation>
    </message>
    <message>
        <source>Metadata, line %1: write key=value</source>
        <translation>Metadaten, Zeile %1: Schreiben Sie Schlüssel=Wert</translation>
    </message>
    <message>
        <source>%1. Nothing was saved; correct what is marked next to the fields and save again:</source>
        <translation>%1. Es wurde nichts gespeichert; korrigieren Sie, was neben den Feldern markiert ist, und speichern Sie erneut:</translation>
    </message>
    <message>
        <source>An item named "%1" already exists.</source>
        <translation>Einen Artikel namens „%1“ gibt es bereits.</translation>
    </message>
</context>
<context>
    <name>orb::PlanTableModel</name>
    <message>
        <source>v%1</source>
        <translation>v%1</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archiviert</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <source>External ID</source>
        <translation>Externe ID</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Prices</source>
        <translation>Preise</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>orb::PlansScreen</name>
    <message>
        <source>&amp;Import catalog…</source>
        <translation>Katalog &amp;importieren…</translation>
    </message>
    <message>
        <source>E&amp;xport catalog…</source>
        <translation>Katalog e&amp;xportieren…</translation>
    </message>
    <message>
        <source>Plans</source>
        <translation>Tarife</translation>
    </message>
    <message>
        <source>Plan version</source>
        <translation>Tarifversion</translation>
    </message>
    <message>
        <source>Prices</source>
        <translation>Preise</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Version:</translation>
    </message>
    <message>
        <source>&lt;b&gt;What the selected price charges&lt;/b&gt; (type a quantity or usage)</source>
        <translation>&lt;b&gt;Was der ausgewählte Preis berechnet&lt;/b&gt; (Menge oder Nutzung eingeben)</translation>
    </message>
    <message>
        <source>Billable metrics</source>
        <translation>Abrechenbare Metriken</translation>
    </message>
    <message>
        <source>v%1 (current)</source>
        <translation>v%1 (aktuell)</translation>
    </message>
    <message>
        <source>v%1</source>
        <translation>v%1</translation>
    </message>
    <message>
        <source>Adjustments: %1</source>
        <translation>Anpassungen: %1</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Imported %1: items %2 new, %3 changed; metrics %4 new, %5 changed; plans %6 new, %7 changed (new versions).</source>
        <translation>%1 importiert: Artikel %2 neu, %3 geändert; Metriken %4 neu, %5 geändert; Tarife %6 neu, %7 geändert (neue Versionen).</translation>
    </message>
    <message>
        <source>Import catalog</source>
        <translation>Katalog importieren</translation>
    </message>
    <message>
        <source>Catalog files (*.json)</source>
        <translation>Katalogdateien (*.json)</translation>
    </message>
    <message>
        <source>Catalog imported</source>
        <translation>Katalog importiert</translation>
    </message>
    <message>
        <source>The catalog was not imported</source>
        <translation>Der Katalog wurde nicht importiert</translation>
    </message>
    <message>
        <source>Nothing was changed. Correct the file and import it again.

%1</source>
        <translation>Es wurde nichts geändert. Korrigieren Sie die Datei und importieren Sie sie erneut.

%1</translation>
    </message>
    <message>
        <source>Export catalog</source>
        <translation>Katalog exportieren</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Trial: %1</source>
        <translation>Testzeitraum: %1</translation>
    </message>
    <message>
        <source>&amp;New plan…</source>
        <translation>&amp;Neuer Tarif…</translation>
    </message>
    <message>
        <source>&amp;Edit plan…</source>
        <translation>Tarif &amp;bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Archive plan…</source>
        <translation>Tarif &amp;archivieren…</translation>
    </message>
    <message>
        <source>The plan cannot be edited</source>
        <translation>Der Tarif kann nicht bearbeitet werden</translation>
    </message>
    <message>
        <source>Archive plan</source>
        <translation>Tarif archivieren</translation>
    </message>
    <message>
        <source>The plan was not archived</source>
        <translation>Der Tarif wurde nicht archiviert</translation>
    </message>
    <message>
        <source>The plan was not changed</source>
        <translation>Der Tarif wurde nicht geändert</translation>
    </message>
    <message>
        <source>Edit plan %1</source>
        <translation>Tarif %1 bearbeiten</translation>
    </message>
    <message>
        <source>Ad&amp;vanced: show the price as JSON</source>
        <translation>Er&amp;weitert: den Preis als JSON zeigen</translation>
    </message>
    <message>
        <source>Create plan %1</source>
        <translation>Tarif %1 anlegen</translation>
    </message>
    <message>
        <source>Archive plan “%1”? Its subscriptions keep billing on their versions, but it cannot be chosen for new subscriptions until it is unarchived (Edit › Undo).</source>
        <translation>Tarif „%1“ archivieren? Seine Abonnements werden weiter nach ihren Versionen abgerechnet, aber er kann für neue Abonnements nicht mehr gewählt werden, bis er wieder aktiviert wird (Bearbeiten › Rückgängig).</translation>
    </message>
    <message>
        <source>Archive plan %1</source>
        <translation>Tarif %1 archivieren</translation>
    </message>
</context>
<context>
    <name>orb::PriceConfigEditor</name>
    <message>
        <source>tier %1</source>
        <translation>Staffel %1</translation>
    </message>
    <message>
        <source>cell %1</source>
        <translation>Zelle %1</translation>
    </message>
    <message>
        <source>%1, row %2</source>
        <translation>%1, Zeile %2</translation>
    </message>
</context>
<context>
    <name>orb::PriceEditor</name>
    <message>
        <source>Price name</source>
        <translation>Preisname</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Billable metric</source>
        <translation>Abrechenbare Metrik</translation>
    </message>
    <message>
        <source>None: a fixed fee</source>
        <translation>Keine: eine Festgebühr</translation>
    </message>
    <message>
        <source>Cadence</source>
        <translation>Rhythmus</translation>
    </message>
    <message>
        <source>Monthly</source>
        <translation>Monatlich</translation>
    </message>
    <message>
        <source>Quarterly</source>
        <translation>Vierteljährlich</translation>
    </message>
    <message>
        <source>Every six months</source>
        <translation>Halbjährlich</translation>
    </message>
    <message>
        <source>Annually</source>
        <translation>Jährlich</translation>
    </message>
    <message>
        <source>Once</source>
        <translation>Einmalig</translation>
    </message>
    <message>
        <source>Custom billing cycle</source>
        <translation>Benutzerdefinierter Abrechnungszeitraum</translation>
    </message>
    <message>
        <source>Billed</source>
        <translation>Berechnung</translation>
    </message>
    <message>
        <source>Usual: fixed fees in advance, usage in arrears</source>
        <translation>Üblich: Festgebühren im Voraus, Nutzung nachträglich</translation>
    </message>
    <message>
        <source>In advance</source>
        <translation>Im Voraus</translation>
    </message>
    <message>
        <source>In arrears</source>
        <translation>Nachträglich</translation>
    </message>
    <message>
        <source>External price id</source>
        <translation>Externe Preis-ID</translation>
    </message>
    <message>
        <source>optional; adjustments refer to it</source>
        <translation>optional; Anpassungen beziehen sich darauf</translation>
    </message>
    <message>
        <source>Pricing model</source>
        <translation>Preismodell</translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Item:</source>
        <translation>Ar&amp;tikel:</translation>
    </message>
    <message>
        <source>Me&amp;tric:</source>
        <translation>Metri&amp;k:</translation>
    </message>
    <message>
        <source>&amp;Cadence:</source>
        <translation>R&amp;hythmus:</translation>
    </message>
    <message>
        <source>&amp;Billed:</source>
        <translation>Berechnun&amp;g:</translation>
    </message>
    <message>
        <source>External id:</source>
        <translation>Externe ID:</translation>
    </message>
    <message>
        <source>Mode&amp;l:</source>
        <translation>M&amp;odell:</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Model settings</source>
        <translation>Modelleinstellungen</translation>
    </message>
    <message>
        <source>The item the invoice line is grouped under; type a new name and press “Create item” to add one.</source>
        <translation>Der Artikel, unter dem die Rechnungsposition geführt wird; geben Sie einen neuen Namen ein und klicken Sie auf „Artikel anlegen“, um ihn hinzuzufügen.</translation>
    </message>
    <message>
        <source>Create item</source>
        <translation>Artikel anlegen</translation>
    </message>
    <message>
        <source>Adds the item typed to the company's items</source>
        <translation>Fügt den eingegebenen Artikel zu den Artikeln der Firma hinzu</translation>
    </message>
    <message>
        <source>New metric…</source>
        <translation>Neue Metrik…</translation>
    </message>
    <message>
        <source>Defines a billable metric (what usage events count) and chooses it</source>
        <translation>Legt eine abrechenbare Metrik an (welche Nutzungsereignisse zählen) und wählt sie aus</translation>
    </message>
    <message>
        <source>Custom cycle length</source>
        <translation>Länge des eigenen Abrechnungszeitraums</translation>
    </message>
    <message>
        <source>every </source>
        <translation>alle </translation>
    </message>
    <message>
        <source>Custom cycle unit</source>
        <translation>Einheit des eigenen Abrechnungszeitraums</translation>
    </message>
    <message>
        <source>months</source>
        <translation>Monate</translation>
    </message>
    <message>
        <source>days</source>
        <translation>Tage</translation>
    </message>
    <message>
        <source>Minimum charge</source>
        <translation>Mindestentgelt</translation>
    </message>
    <message>
        <source>optional: the line charges at least this</source>
        <translation>optional: die Position berechnet mindestens diesen Betrag</translation>
    </message>
    <message>
        <source>Maximum charge</source>
        <translation>Höchstentgelt</translation>
    </message>
    <message>
        <source>optional: the line charges at most this</source>
        <translation>optional: die Position berechnet höchstens diesen Betrag</translation>
    </message>
    <message>
        <source>Quantity of a fixed fee</source>
        <translation>Menge einer Festgebühr</translation>
    </message>
    <message>
        <source>optional, default 1</source>
        <translation>optional, Standard 1</translation>
    </message>
    <message>
        <source>Conversion rate</source>
        <translation>Umrechnungskurs</translation>
    </message>
    <message>
        <source>optional: pricing units per currency unit</source>
        <translation>optional: Preiseinheiten je Währungseinheit</translation>
    </message>
    <message>
        <source>Invoice grouping key</source>
        <translation>Gruppierungsschlüssel der Rechnung</translation>
    </message>
    <message>
        <source>optional: an event property to split the line by</source>
        <translation>optional: eine Ereigniseigenschaft, nach der die Position aufgeteilt wird</translation>
    </message>
    <message>
        <source>Advanced: t&amp;he settings as JSON</source>
        <translation>Erweitert: die Einstellungen als &amp;JSON</translation>
    </message>
    <message>
        <source>Shows the model's settings as JSON text instead of the form</source>
        <translation>Zeigt die Einstellungen des Modells als JSON-Text statt als Formular</translation>
    </message>
    <message>
        <source>Minim&amp;um:</source>
        <translation>M&amp;indestbetrag:</translation>
    </message>
    <message>
        <source>Ma&amp;ximum:</source>
        <translation>H&amp;öchstbetrag:</translation>
    </message>
    <message>
        <source>&amp;Fixed quantity:</source>
        <translation>&amp;Feste Menge:</translation>
    </message>
    <message>
        <source>Conversion rate:</source>
        <translation>Umrechnungskurs:</translation>
    </message>
    <message>
        <source>Invoice &amp;grouping:</source>
        <translation>Re&amp;chnungsgruppierung:</translation>
    </message>
    <message>
        <source>Priced on the plan's other prices that match (none: all of them)</source>
        <translation>Berechnet auf die passenden anderen Preise des Tarifs (keine Filter: alle)</translation>
    </message>
    <message>
        <source>Filters of the prices this price is based on</source>
        <translation>Filter der Preise, auf denen dieser Preis beruht</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>Werte</translation>
    </message>
    <message>
        <source>One or more values, separated by commas</source>
        <translation>Ein oder mehrere Werte, durch Kommas getrennt</translation>
    </message>
    <message>
        <source>Add filter</source>
        <translation>Filter hinzufügen</translation>
    </message>
    <message>
        <source>Remove filter</source>
        <translation>Filter entfernen</translation>
    </message>
    <message>
        <source>What this price charges (type a quantity)</source>
        <translation>Was dieser Preis berechnet (Menge eingeben)</translation>
    </message>
    <message>
        <source>Price type (usage_price, fixed_price)</source>
        <translation>Preisart (usage_price, fixed_price)</translation>
    </message>
    <message>
        <source>Item id</source>
        <translation>Artikel-ID</translation>
    </message>
    <message>
        <source>Price id</source>
        <translation>Preis-ID</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <source>Pricing unit id</source>
        <translation>Preiseinheit-ID</translation>
    </message>
    <message>
        <source>is one of</source>
        <translation>ist einer von</translation>
    </message>
    <message>
        <source>is none of</source>
        <translation>ist keiner von</translation>
    </message>
    <message>
        <source>Filter %1: %2</source>
        <translation>Filter %1: %2</translation>
    </message>
    <message>
        <source>%1 Press “Create item” to add it.</source>
        <translation>%1 Klicken Sie auf „Artikel anlegen“, um ihn hinzuzufügen.</translation>
    </message>
</context>
<context>
    <name>orb::PricePreview</name>
    <message>
        <source>Price definition (JSON)</source>
        <translation>Preisdefinition (JSON)</translation>
    </message>
    <message>
        <source>{"model_type": "unit", "unit_config": {"unit_amount": "0.50"}, "currency": "USD"}</source>
        <translation>{"model_type": "unit", "unit_config": {"unit_amount": "0.50"}, "currency": "USD"}</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Usage per group</source>
        <translation>Nutzung je Gruppe</translation>
    </message>
    <message>
        <source>Each event's value, one a line:</source>
        <translation>Wert jedes Ereignisses, einer pro Zeile:</translation>
    </message>
    <message>
        <source>Event values</source>
        <translation>Ereigniswerte</translation>
    </message>
    <message>
        <source>Sub-line items</source>
        <translation>Unterpositionen</translation>
    </message>
    <message>
        <source>Sub-line</source>
        <translation>Unterposition</translation>
    </message>
    <message>
        <source>Unit amount</source>
        <translation>Einzelpreis</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>&amp;Quantity:</source>
        <translation>&amp;Menge:</translation>
    </message>
    <message>
        <source>Event values, line %1: %2</source>
        <translation>Ereigniswerte, Zeile %1: %2</translation>
    </message>
    <message>
        <source>Usage per group, line %1: write the values, then = and the quantity (e.g. us-east, large = 120)</source>
        <translation>Nutzung je Gruppe, Zeile %1: Geben Sie die Werte ein, dann = und die Menge (z. B. us-east, large = 120)</translation>
    </message>
    <message>
        <source>Usage per group, line %1: give %2 value(s), one for each of %3</source>
        <translation>Nutzung je Gruppe, Zeile %1: Geben Sie %2 Wert(e) an, je einen für %3</translation>
    </message>
    <message>
        <source>Usage per group, line %1: %2</source>
        <translation>Nutzung je Gruppe, Zeile %1: %2</translation>
    </message>
    <message>
        <source>Quantity: %1</source>
        <translation>Menge: %1</translation>
    </message>
    <message>
        <source>The price is not a JSON object: %1 (at character %2)</source>
        <translation>Der Preis ist kein JSON-Objekt: %1 (bei Zeichen %2)</translation>
    </message>
    <message>
        <source>Usage per group (%1 = quantity), one a line:</source>
        <translation>Nutzung je Gruppe (%1 = Menge), eine pro Zeile:</translation>
    </message>
    <message>
        <source>Quantity &lt;b&gt;%1&lt;/b&gt; · subtotal &lt;b&gt;%2&lt;/b&gt; · amount &lt;b&gt;%3&lt;/b&gt;</source>
        <translation>Menge &lt;b&gt;%1&lt;/b&gt; · Zwischensumme &lt;b&gt;%2&lt;/b&gt; · Betrag &lt;b&gt;%3&lt;/b&gt;</translation>
    </message>
    <message>
        <source>The price could not be evaluated: %1</source>
        <translation>Der Preis konnte nicht berechnet werden: %1</translation>
    </message>
    <message>
        <source>Quantity in force × days, one a line (empty: the quantity for the whole period):</source>
        <translation>Geltende Menge × Tage, eine pro Zeile (leer: die Menge für den ganzen Zeitraum):</translation>
    </message>
    <message>
        <source>Quantities in force</source>
        <translation>Geltende Mengen</translation>
    </message>
    <message>
        <source>10 x 10
15 x 21</source>
        <translation>10 x 10
15 x 21</translation>
    </message>
    <message>
        <source>Days in the period</source>
        <translation>Tage im Zeitraum</translation>
    </message>
    <message>
        <source>the days listed</source>
        <translation>die aufgeführten Tage</translation>
    </message>
    <message>
        <source>Days in the period:</source>
        <translation>Tage im Zeitraum:</translation>
    </message>
    <message>
        <source>Quantity in force, line %1: write the quantity, x and the days (e.g. 15 x 21)</source>
        <translation>Geltende Menge, Zeile %1: Geben Sie die Menge, x und die Tage ein (z. B. 15 x 21)</translation>
    </message>
    <message>
        <source>Days in the period: a whole number of at least %1 (the days listed)</source>
        <translation>Tage im Zeitraum: eine ganze Zahl von mindestens %1 (die aufgeführten Tage)</translation>
    </message>
    <message>
        <source>Quantity in force: the days listed add up to 0</source>
        <translation>Geltende Menge: Die aufgeführten Tage ergeben zusammen 0</translation>
    </message>
    <message>
        <source>The filters of this price select no other price to preview it with.</source>
        <translation>Die Filter dieses Preises wählen keinen anderen Preis aus, mit dem er sich in der Vorschau berechnen ließe.</translation>
    </message>
</context>
<context>
    <name>orb::PriceSummary</name>
    <message>
        <source>Monthly</source>
        <translation>Monatlich</translation>
    </message>
    <message>
        <source>Quarterly</source>
        <translation>Vierteljährlich</translation>
    </message>
    <message>
        <source>Every six months</source>
        <translation>Halbjährlich</translation>
    </message>
    <message>
        <source>Annually</source>
        <translation>Jährlich</translation>
    </message>
    <message>
        <source>Once</source>
        <translation>Einmalig</translation>
    </message>
    <message numerus="yes">
        <source>Every %Ln day(s)</source>
        <translation>
            <numerusform>Jeden Tag</numerusform>
            <numerusform>Alle %Ln Tage</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Every %Ln month(s)</source>
        <translation>
            <numerusform>Jeden Monat</numerusform>
            <numerusform>Alle %Ln Monate</numerusform>
        </translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>keine Obergrenze</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Tiers, cells or rates of the price</source>
        <translation>Staffeln, Zellen oder Sätze des Preises</translation>
    </message>
    <message>
        <source>in advance</source>
        <translation>im Voraus</translation>
    </message>
    <message>
        <source>in arrears</source>
        <translation>nachträglich</translation>
    </message>
    <message>
        <source>Item: %1 · Metric: %2</source>
        <translation>Artikel: %1 · Metrik: %2</translation>
    </message>
    <message>
        <source>(unknown item)</source>
        <translation>(unbekannter Artikel)</translation>
    </message>
    <message>
        <source>none (a fixed fee)</source>
        <translation>keine (eine Festgebühr)</translation>
    </message>
    <message>
        <source>%1, billed %2 · %3 · %4 model</source>
        <translation>%1, berechnet %2 · %3 · Modell %4</translation>
    </message>
    <message>
        <source>minimum %1</source>
        <translation>Mindestbetrag %1</translation>
    </message>
    <message>
        <source>maximum %1</source>
        <translation>Höchstbetrag %1</translation>
    </message>
    <message>
        <source>quantity %1</source>
        <translation>Menge %1</translation>
    </message>
    <message>
        <source>Default unit amount: %1</source>
        <translation>Standard-Einzelpreis: %1</translation>
    </message>
    <message>
        <source>Free units (allocation): %1</source>
        <translation>Freie Einheiten (Kontingent): %1</translation>
    </message>
    <message>
        <source>Unit amount</source>
        <translation>Einzelpreis</translation>
    </message>
    <message>
        <source>default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>any</source>
        <translation>beliebig</translation>
    </message>
</context>
<context>
    <name>orb::PriceTableModel</name>
    <message>
        <source>in advance</source>
        <translation>im Voraus</translation>
    </message>
    <message>
        <source>in arrears</source>
        <translation>nachträglich</translation>
    </message>
    <message>
        <source>(fixed fee)</source>
        <translation>(Festgebühr)</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Cadence</source>
        <translation>Rhythmus</translation>
    </message>
    <message>
        <source>Billed</source>
        <translation>Berechnung</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Metrik</translation>
    </message>
</context>
<context>
    <name>orb::ReminderDocument</name>
    <message>
        <source>Overdue invoices</source>
        <translation>Überfällige Rechnungen</translation>
    </message>
    <message>
        <source>Amount to pay</source>
        <translation>Zu zahlen</translation>
    </message>
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
    <name>orb::ReportChartView</name>
    <message>
        <source>Invoiced</source>
        <translation>In Rechnung gestellt</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Bezahlt</translation>
    </message>
    <message>
        <source>Outstanding</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>One-off</source>
        <translation>Einzelrechnung</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Revenue by month (%1)</source>
        <translation>Umsatz nach Monat (%1)</translation>
    </message>
    <message>
        <source>Revenue by plan (%1)</source>
        <translation>Umsatz nach Tarif (%1)</translation>
    </message>
    <message>
        <source>%1 per day</source>
        <translation>%1 pro Tag</translation>
    </message>
    <message>
        <source>%1 per week</source>
        <translation>%1 pro Woche</translation>
    </message>
    <message>
        <source>%1 per month</source>
        <translation>%1 pro Monat</translation>
    </message>
    <message>
        <source>Week %1/%2</source>
        <translation>KW %1/%2</translation>
    </message>
</context>
<context>
    <name>orb::ReportsScreen</name>
    <message>
        <source>&lt;h2&gt;Reports&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Berichte&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Aging as of</source>
        <translation>Altersstruktur offener Posten zum</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>PDF exportieren…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Drucken…</translation>
    </message>
    <message>
        <source>Invoice PDFs…</source>
        <translation>Rechnungs-PDFs…</translation>
    </message>
    <message>
        <source>Revenue by month</source>
        <translation>Umsatz nach Monat</translation>
    </message>
    <message>
        <source>Revenue by plan</source>
        <translation>Umsatz nach Tarif</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Woche</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Monat</translation>
    </message>
    <message>
        <source>group by property (optional)</source>
        <translation>nach Eigenschaft gruppieren (optional)</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>Nutzung</translation>
    </message>
    <message>
        <source>Save chart as PNG…</source>
        <translation>Diagramm als PNG speichern…</translation>
    </message>
    <message>
        <source>Save chart data as CSV…</source>
        <translation>Diagrammdaten als CSV speichern…</translation>
    </message>
    <message>
        <source>Export aging as CSV</source>
        <translation>Altersstruktur als CSV exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>%1 geschrieben</translation>
    </message>
    <message>
        <source>Export aging as PDF</source>
        <translation>Altersstruktur als PDF exportieren</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <source>Folder for the invoice PDFs</source>
        <translation>Ordner für die Rechnungs-PDFs</translation>
    </message>
    <message>
        <source>Stopped after %1 invoice PDFs</source>
        <translation>Nach %1 Rechnungs-PDFs angehalten</translation>
    </message>
    <message>
        <source>Wrote %1 invoice PDFs</source>
        <translation>%1 Rechnungs-PDFs geschrieben</translation>
    </message>
    <message numerus="yes">
        <source>%Ln open invoice(s)</source>
        <translation>
            <numerusform>%Ln offene Rechnung</numerusform>
            <numerusform>%Ln offene Rechnungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose a customer and a metric.</source>
        <translation>Wählen Sie einen Kunden und eine Metrik aus.</translation>
    </message>
    <message>
        <source>The usage period must start on or before its end.</source>
        <translation>Der Nutzungszeitraum darf nicht nach seinem Ende beginnen.</translation>
    </message>
    <message>
        <source>Writing invoice PDFs to %1…</source>
        <translation>Rechnungs-PDFs werden nach %1 geschrieben…</translation>
    </message>
    <message>
        <source>Save chart as PNG</source>
        <translation>Diagramm als PNG speichern</translation>
    </message>
    <message>
        <source>Save chart data as CSV</source>
        <translation>Diagrammdaten als CSV speichern</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Export to ledger…</source>
        <translation>In die Finanzbuchhaltung exportieren…</translation>
    </message>
</context>
<context>
    <name>orb::RoleGate</name>
    <message>
        <source>viewer</source>
        <translation>Betrachter</translation>
    </message>
    <message>
        <source>ingest</source>
        <translation>Datenerfassung</translation>
    </message>
    <message>
        <source>billing</source>
        <translation>Abrechnung</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>Your role on this company (%1) may not do this; it needs the role %2. Ask an admin of the company.</source>
        <translation>Ihre Rolle in dieser Firma (%1) darf das nicht; dafür ist die Rolle %2 nötig. Fragen Sie einen Administrator der Firma.</translation>
    </message>
</context>
<context>
    <name>orb::RowIdLoader</name>
    <message>
        <source>Could not list %1: %2</source>
        <translation>%1 konnten nicht aufgelistet werden: %2</translation>
    </message>
</context>
<context>
    <name>orb::ServerConnectDialog</name>
    <message>
        <source>Connect to a Company Server</source>
        <translation>Mit einem Firmenserver verbinden</translation>
    </message>
    <message>
        <source>A company on a PostgreSQL server can be used by several people at once. Ask whoever runs the server for these details.</source>
        <translation>Eine Firma auf einem PostgreSQL-Server können mehrere Personen gleichzeitig nutzen. Die folgenden Angaben erhalten Sie von der Person, die den Server betreut.</translation>
    </message>
    <message>
        <source>db.example.com, or a socket folder such as /run/postgresql</source>
        <translation>db.example.com oder ein Socket-Ordner wie /run/postgresql</translation>
    </message>
    <message>
        <source>Verify the server's certificate and name (verify-full)</source>
        <translation>Zertifikat und Namen des Servers prüfen (verify-full)</translation>
    </message>
    <message>
        <source>Encrypt, without checking the certificate (require)</source>
        <translation>Verschlüsseln, ohne das Zertifikat zu prüfen (require)</translation>
    </message>
    <message>
        <source>Encrypt when the server offers it (prefer)</source>
        <translation>Verschlüsseln, wenn der Server es anbietet (prefer)</translation>
    </message>
    <message>
        <source>No encryption (disable)</source>
        <translation>Keine Verschlüsselung (disable)</translation>
    </message>
    <message>
        <source>The certificate of the authority that signed the server's (PEM)</source>
        <translation>Das Zertifikat der Stelle, die das Serverzertifikat signiert hat (PEM)</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>&amp;Remember the password in the system keychain</source>
        <translation>Passwort im Schlüsselbund des Systems &amp;merken</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>Daten&amp;bank:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>Ben&amp;utzer:</translation>
    </message>
    <message>
        <source>&amp;Encryption (TLS):</source>
        <translation>&amp;Verschlüsselung (TLS):</translation>
    </message>
    <message>
        <source>Root cer&amp;tificate:</source>
        <translation>S&amp;tammzertifikat:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>V&amp;erbinden</translation>
    </message>
    <message>
        <source>Root certificate</source>
        <translation>Stammzertifikat</translation>
    </message>
    <message>
        <source>Certificates (*.crt *.pem);;All files (*)</source>
        <translation>Zertifikate (*.crt *.pem);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Enter the server's host name, address or socket folder.</source>
        <translation>Geben Sie den Hostnamen, die Adresse oder den Socket-Ordner des Servers ein.</translation>
    </message>
    <message>
        <source>Enter the name of the company's database.</source>
        <translation>Geben Sie den Namen der Datenbank der Firma ein.</translation>
    </message>
    <message>
        <source>Verifying the server needs the root certificate that signed its certificate.</source>
        <translation>Um den Server zu prüfen, wird das Stammzertifikat benötigt, das sein Zertifikat signiert hat.</translation>
    </message>
    <message>
        <source>This is not a server location.</source>
        <translation>Das ist keine Serveradresse.</translation>
    </message>
</context>
<context>
    <name>orb::SettingsScreen</name>
    <message>
        <source>Company</source>
        <translation>Unternehmen</translation>
    </message>
    <message>
        <source>Company name</source>
        <translation>Firmenname</translation>
    </message>
    <message>
        <source>Company e-mail</source>
        <translation>E-Mail des Unternehmens</translation>
    </message>
    <message>
        <source>Address line 1</source>
        <translation>Adresszeile 1</translation>
    </message>
    <message>
        <source>Address line 2</source>
        <translation>Adresszeile 2</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Bundesland/Region</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>Postleitzahl</translation>
    </message>
    <message>
        <source>Country code</source>
        <translation>Ländercode</translation>
    </message>
    <message>
        <source>Tax id</source>
        <translation>Steuer-ID</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>E-mail:</source>
        <translation>E-Mail:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Adresse:</translation>
    </message>
    <message>
        <source>City:</source>
        <translation>Ort:</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Bundesland/Region:</translation>
    </message>
    <message>
        <source>Postal code:</source>
        <translation>Postleitzahl:</translation>
    </message>
    <message>
        <source>Country:</source>
        <translation>Land:</translation>
    </message>
    <message>
        <source>Tax id:</source>
        <translation>Steuer-ID:</translation>
    </message>
    <message>
        <source>Billing</source>
        <translation>Abrechnung</translation>
    </message>
    <message>
        <source>Default currency</source>
        <translation>Standardwährung</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zeitzone</translation>
    </message>
    <message>
        <source>Document locale</source>
        <translation>Dokumentsprache</translation>
    </message>
    <message>
        <source>Invoice number prefix</source>
        <translation>Präfix für Rechnungsnummern</translation>
    </message>
    <message>
        <source> hours</source>
        <translation> Stunden</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Default currency:</source>
        <translation>Standardwährung:</translation>
    </message>
    <message>
        <source>Time zone:</source>
        <translation>Zeitzone:</translation>
    </message>
    <message>
        <source>Document locale:</source>
        <translation>Dokumentsprache:</translation>
    </message>
    <message>
        <source>Invoice prefix:</source>
        <translation>Rechnungspräfix:</translation>
    </message>
    <message>
        <source>Late usage grace period:</source>
        <translation>Karenzzeit für verspätete Nutzung:</translation>
    </message>
    <message>
        <source>Default net terms:</source>
        <translation>Standard-Zahlungsziel:</translation>
    </message>
    <message>
        <source>&amp;Save settings</source>
        <translation>Einstellungen &amp;speichern</translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation>&amp;Zurücksetzen</translation>
    </message>
    <message>
        <source>This company file is read-only; settings cannot be changed.</source>
        <translation>Diese Firmendatei ist schreibgeschützt; die Einstellungen können nicht geändert werden.</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Einstellungen gespeichert.</translation>
    </message>
    <message>
        <source>Next numbers:</source>
        <translation>Nächste Nummern:</translation>
    </message>
    <message>
        <source>Taxes</source>
        <translation>Steuern</translation>
    </message>
    <message>
        <source>Tax rate</source>
        <translation>Steuersatz</translation>
    </message>
    <message>
        <source>Percentage</source>
        <translation>Prozentsatz</translation>
    </message>
    <message>
        <source>Applies to</source>
        <translation>Gilt für</translation>
    </message>
    <message>
        <source>Tax rates</source>
        <translation>Steuersätze</translation>
    </message>
    <message>
        <source>New tax rate name</source>
        <translation>Name des neuen Steuersatzes</translation>
    </message>
    <message>
        <source>Name, e.g. VAT 19%</source>
        <translation>Name, z. B. USt 19 %</translation>
    </message>
    <message>
        <source>New tax rate percentage</source>
        <translation>Prozentsatz des neuen Steuersatzes</translation>
    </message>
    <message>
        <source>Percentage, e.g. 19</source>
        <translation>Prozentsatz, z. B. 19</translation>
    </message>
    <message>
        <source>&amp;Add tax rate</source>
        <translation>Steuersatz &amp;hinzufügen</translation>
    </message>
    <message>
        <source>A rate applies to the customers and items it is assigned to (`orbctl tax-rates assign`, or the customer's billing pane).</source>
        <translation>Ein Steuersatz gilt für die Kunden und Artikel, denen er zugeordnet ist (`orbctl tax-rates assign` oder der Abrechnungsbereich des Kunden).</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Dieser Computer</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Sprache der Oberfläche</translation>
    </message>
    <message>
        <source>The system's language</source>
        <translation>Sprache des Systems</translation>
    </message>
    <message>
        <source>The interface language changes when Orb is started again.</source>
        <translation>Die Sprache der Oberfläche ändert sich beim nächsten Start von Orb.</translation>
    </message>
    <message>
        <source>Interface language:</source>
        <translation>Sprache der Oberfläche:</translation>
    </message>
    <message>
        <source>invoice %1, credit note %2</source>
        <translation>Rechnung %1, Gutschrift %2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln customer(s)</source>
        <translation>
            <numerusform>%Ln Kunde</numerusform>
            <numerusform>%Ln Kunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s)</source>
        <translation>
            <numerusform>%Ln Artikel</numerusform>
            <numerusform>%Ln Artikel</numerusform>
        </translation>
    </message>
    <message>
        <source>not assigned yet</source>
        <translation>noch nicht zugeordnet</translation>
    </message>
    <message>
        <source>Tax rate "%1" added.</source>
        <translation>Steuersatz „%1“ hinzugefügt.</translation>
    </message>
    <message>
        <source>Change company settings</source>
        <translation>Firmeneinstellungen ändern</translation>
    </message>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>Serve Orb's REST API from this window; API keys and webhook endpoints</source>
        <translation>Orbs REST-API aus diesem Fenster bereitstellen; API-Schlüssel und Webhook-Endpunkte</translation>
    </message>
</context>
<context>
    <name>orb::StatementDocument</name>
    <message>
        <source>Service %1</source>
        <translation>Leistung %1</translation>
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
<context>
    <name>orb::StripeKeyBox</name>
    <message>
        <source>Stripe secret key</source>
        <translation>Geheimer Stripe-Schlüssel</translation>
    </message>
    <message>
        <source>sk_test_… or sk_live_… (kept in the system keychain only)</source>
        <translation>sk_test_… oder sk_live_… (wird nur im Schlüsselbund des Systems gespeichert)</translation>
    </message>
    <message>
        <source>Check and save</source>
        <translation>Prüfen und speichern</translation>
    </message>
    <message>
        <source>Remove key…</source>
        <translation>Schlüssel entfernen…</translation>
    </message>
    <message>
        <source>The system keychain could not be read: %1. Check that a keyring is running and unlocked.</source>
        <translation>Der Schlüsselbund des Systems konnte nicht gelesen werden: %1. Prüfen Sie, ob ein Schlüsselbunddienst läuft und entsperrt ist.</translation>
    </message>
    <message>
        <source>No key is saved: nothing is sent to Stripe. Paste a secret key from the Stripe dashboard (Developers › API keys) and choose Check and save.</source>
        <translation>Es ist kein Schlüssel gespeichert: Es wird nichts an Stripe gesendet. Fügen Sie einen geheimen Schlüssel aus dem Stripe-Dashboard ein (Developers › API keys) und wählen Sie „Prüfen und speichern“.</translation>
    </message>
    <message>
        <source>A %1-mode key comes from the environment variable %2; it overrides the keychain.</source>
        <translation>Ein Schlüssel für den %1-Modus stammt aus der Umgebungsvariablen %2; er hat Vorrang vor dem Schlüsselbund.</translation>
    </message>
    <message>
        <source>A %1-mode key is saved in the system keychain.</source>
        <translation>Ein Schlüssel für den %1-Modus ist im Schlüsselbund des Systems gespeichert.</translation>
    </message>
    <message>
        <source>Checking with Stripe…</source>
        <translation>Wird bei Stripe geprüft…</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Not saved: the keychain refused it (%1)</source>
        <translation>Nicht gespeichert: Der Schlüsselbund hat ihn abgelehnt (%1)</translation>
    </message>
    <message>
        <source>Remove the Stripe key</source>
        <translation>Stripe-Schlüssel entfernen</translation>
    </message>
    <message>
        <source>Orb will stop sending customers, invoices and usage to Stripe for this company file until a key is saved again. Nothing already in Stripe changes. Remove the key?</source>
        <translation>Orb sendet für diese Firmendatei keine Kunden, Rechnungen und Nutzungsdaten mehr an Stripe, bis wieder ein Schlüssel gespeichert wird. Was bereits in Stripe ist, bleibt unverändert. Schlüssel entfernen?</translation>
    </message>
    <message>
        <source>The key was not removed: %1</source>
        <translation>Der Schlüssel wurde nicht entfernt: %1</translation>
    </message>
    <message>
        <source>Not saved: the setting stripe.api_base "%1" %2</source>
        <translation>Nicht gespeichert: Die Einstellung stripe.api_base "%1" ist unzulässig: %2</translation>
    </message>
    <message>
        <source>Saved, but this key belongs to Stripe account %1 while this company file syncs with %2: sync stops until you choose on the Sync screen (start afresh with the new account, or restore the old key).</source>
        <translation>Gespeichert, aber dieser Schlüssel gehört zum Stripe-Konto %1, während diese Firmendatei mit %2 synchronisiert wird: Die Synchronisierung ruht, bis Sie in der Ansicht „Synchronisierung“ eine Wahl treffen (mit dem neuen Konto neu beginnen oder den alten Schlüssel wiederherstellen).</translation>
    </message>
</context>
<context>
    <name>orb::StripeWorker</name>
    <message>
        <source>No Stripe key: enter one in Settings › Stripe or with `orbctl sync set-key`</source>
        <translation>Kein Stripe-Schlüssel: Geben Sie einen unter Einstellungen › Stripe oder mit `orbctl sync set-key` ein</translation>
    </message>
    <message>
        <source>The Stripe key could not be read from the keychain: %1</source>
        <translation>Der Stripe-Schlüssel konnte nicht aus dem Schlüsselbund gelesen werden: %1</translation>
    </message>
    <message>
        <source>Syncing with Stripe…</source>
        <translation>Synchronisierung mit Stripe…</translation>
    </message>
    <message>
        <source>Stripe sync refused the API base %1: it %2</source>
        <translation>Die Stripe-Synchronisierung hat die API-Basis %1 abgelehnt: %2</translation>
    </message>
    <message>
        <source>Not syncing here: %1</source>
        <translation>Hier wird nicht synchronisiert: %1</translation>
    </message>
</context>
<context>
    <name>orb::StructuredConfigEditor</name>
    <message>
        <source>tier</source>
        <translation>Staffel</translation>
    </message>
    <message>
        <source>Group by property</source>
        <translation>Nach Eigenschaft gruppieren</translation>
    </message>
    <message>
        <source>Package size</source>
        <translation>Paketgröße</translation>
    </message>
    <message>
        <source>Flat amount</source>
        <translation>Pauschalbetrag</translation>
    </message>
    <message>
        <source>Optional: charged once when usage enters the tier</source>
        <translation>Optional: wird einmalig berechnet, sobald die Nutzung die Staffel erreicht</translation>
    </message>
    <message>
        <source>First unit</source>
        <translation>Erste Einheit</translation>
    </message>
    <message>
        <source>Where the tier starts (exclusive): where the tier above ends; 0 for the first</source>
        <translation>Wo die Staffel beginnt (ausschließlich): wo die Staffel darüber endet; 0 für die erste</translation>
    </message>
    <message>
        <source>Last unit</source>
        <translation>Letzte Einheit</translation>
    </message>
    <message>
        <source>Where the tier ends (inclusive); empty on the last tier: no limit</source>
        <translation>Wo die Staffel endet (einschließlich); bei der letzten Staffel leer: keine Obergrenze</translation>
    </message>
    <message>
        <source>Unit amount</source>
        <translation>Einzelpreis</translation>
    </message>
    <message>
        <source>Above</source>
        <translation>Über</translation>
    </message>
    <message>
        <source>The tier applies to units above this bound; 0 for the first</source>
        <translation>Die Staffel gilt für Einheiten über dieser Grenze; 0 für die erste</translation>
    </message>
    <message>
        <source>Package amount</source>
        <translation>Paketpreis</translation>
    </message>
    <message>
        <source>Percent (out of 100)</source>
        <translation>Prozent (von 100)</translation>
    </message>
    <message>
        <source>Free units (allocation)</source>
        <translation>Freie Einheiten (Kontingent)</translation>
    </message>
    <message>
        <source>Free units per group</source>
        <translation>Freie Einheiten je Gruppe</translation>
    </message>
    <message>
        <source>Overage unit rate</source>
        <translation>Preis je Einheit bei Mehrverbrauch</translation>
    </message>
    <message>
        <source>Minimum per group</source>
        <translation>Mindestbetrag je Gruppe</translation>
    </message>
    <message>
        <source>Unit rate</source>
        <translation>Preis je Einheit</translation>
    </message>
    <message>
        <source>Minimum charge per group</source>
        <translation>Mindestentgelt je Gruppe</translation>
    </message>
    <message>
        <source>Maximum charge per group</source>
        <translation>Höchstentgelt je Gruppe</translation>
    </message>
    <message>
        <source>Up to units</source>
        <translation>Bis (Einheiten)</translation>
    </message>
    <message>
        <source>All units are priced at the tier the total falls in; empty on the last tier: no limit</source>
        <translation>Alle Einheiten werden zum Preis der Staffel berechnet, in die die Gesamtmenge fällt; bei der letzten Staffel leer: keine Obergrenze</translation>
    </message>
    <message>
        <source>threshold</source>
        <translation>Schwelle</translation>
    </message>
    <message>
        <source>From quantity</source>
        <translation>Ab Menge</translation>
    </message>
    <message>
        <source>Total amount</source>
        <translation>Gesamtbetrag</translation>
    </message>
    <message>
        <source>Amount per package</source>
        <translation>Betrag je Paket</translation>
    </message>
    <message>
        <source>Minimum amount</source>
        <translation>Mindestbetrag</translation>
    </message>
    <message>
        <source>units, e.g. 10</source>
        <translation>Einheiten, z. B. 10</translation>
    </message>
    <message>
        <source>out of 100, e.g. 50</source>
        <translation>von 100, z. B. 50</translation>
    </message>
    <message>
        <source>an event property, e.g. region</source>
        <translation>eine Ereigniseigenschaft, z. B. region</translation>
    </message>
    <message>
        <source>Table of %1s</source>
        <translation>Tabelle (%1)</translation>
    </message>
    <message>
        <source>Add %1</source>
        <translation>%1 hinzufügen</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>%1 entfernen</translation>
    </message>
    <message>
        <source>All units are priced at the tier the quantity is above; empty or 0 for the first</source>
        <translation>Alle Einheiten werden zum Preis der Staffel berechnet, über deren Grenze die Menge liegt; leer oder 0 für die erste</translation>
    </message>
    <message>
        <source>Dimension property</source>
        <translation>Dimensionseigenschaft</translation>
    </message>
    <message>
        <source>Default unit amount</source>
        <translation>Standard-Einzelpreis</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>The dimension value these tiers apply to; other values pay the default</source>
        <translation>Der Dimensionswert, für den diese Staffeln gelten; für andere Werte gilt der Standard-Einzelpreis</translation>
    </message>
    <message>
        <source>Scaling factor</source>
        <translation>Skalierungsfaktor</translation>
    </message>
    <message>
        <source>Rate by property</source>
        <translation>Preis nach Eigenschaft</translation>
    </message>
    <message>
        <source>Scale by property</source>
        <translation>Skalierung nach Eigenschaft</translation>
    </message>
    <message>
        <source>Minimum per unit</source>
        <translation>Mindestpreis je Einheit</translation>
    </message>
    <message>
        <source>rate</source>
        <translation>Preissatz</translation>
    </message>
    <message>
        <source>A value of the rate property; others pay the minimum per unit</source>
        <translation>Ein Wert der Preiseigenschaft; für andere Werte gilt der Mindestpreis je Einheit</translation>
    </message>
    <message>
        <source>scaling factor</source>
        <translation>Skalierungsfaktor</translation>
    </message>
    <message>
        <source>A value of the scale property; others scale by 1</source>
        <translation>Ein Wert der Skalierungseigenschaft; andere Werte werden mit dem Faktor 1 skaliert</translation>
    </message>
    <message>
        <source>Group value</source>
        <translation>Gruppenwert</translation>
    </message>
    <message>
        <source>The total of all groups picks the tier; every bound lists every group value</source>
        <translation>Die Summe aller Gruppen bestimmt die Staffel; jede Grenze wird für jeden Gruppenwert aufgeführt</translation>
    </message>
    <message>
        <source>Free units in all</source>
        <translation>Freie Einheiten insgesamt</translation>
    </message>
    <message>
        <source>First dimension</source>
        <translation>Erste Dimension</translation>
    </message>
    <message>
        <source>Second dimension (optional)</source>
        <translation>Zweite Dimension (optional)</translation>
    </message>
    <message>
        <source>First value</source>
        <translation>Erster Wert</translation>
    </message>
    <message>
        <source>Second value</source>
        <translation>Zweiter Wert</translation>
    </message>
    <message>
        <source>Group by property (optional)</source>
        <translation>Nach Eigenschaft gruppieren (optional)</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Einzelpreis</translation>
    </message>
    <message>
        <source>Prorate the unit price to the part of the period billed</source>
        <translation>Einzelpreis anteilig für den abgerechneten Teil des Zeitraums berechnen</translation>
    </message>
    <message>
        <source>cell</source>
        <translation>Zelle</translation>
    </message>
    <message>
        <source>discount group</source>
        <translation>Rabattgruppe</translation>
    </message>
    <message>
        <source>Cells</source>
        <translation>Zellen</translation>
    </message>
    <message>
        <source>first,second;first,second (or first;first with one dimension)</source>
        <translation>erster,zweiter;erster,zweiter (oder erster;erster bei einer Dimension)</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Schwelle</translation>
    </message>
    <message>
        <source>% off up to it</source>
        <translation>% Rabatt bis zur Schwelle</translation>
    </message>
    <message>
        <source>% off above it</source>
        <translation>% Rabatt über der Schwelle</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Unit rate property</source>
        <translation>Eigenschaft mit dem Preis je Einheit</translation>
    </message>
    <message>
        <source>Default unit rate (optional)</source>
        <translation>Standardpreis je Einheit (optional)</translation>
    </message>
    <message>
        <source>Consumption value</source>
        <translation>Wert für Verbrauch</translation>
    </message>
    <message>
        <source>Allowance value</source>
        <translation>Wert für Freikontingent</translation>
    </message>
    <message>
        <source>Consumption label (optional)</source>
        <translation>Bezeichnung für Verbrauch (optional)</translation>
    </message>
    <message>
        <source>Allowance label (optional)</source>
        <translation>Bezeichnung für Freikontingent (optional)</translation>
    </message>
    <message>
        <source>Credits per day</source>
        <translation>Freies Guthaben je Tag</translation>
    </message>
    <message>
        <source>Default credits per unit</source>
        <translation>Standard-Guthabenverbrauch je Einheit</translation>
    </message>
    <message>
        <source>Day property</source>
        <translation>Eigenschaft für den Tag</translation>
    </message>
    <message>
        <source>a label for the invoice</source>
        <translation>eine Bezeichnung für die Rechnung</translation>
    </message>
    <message>
        <source>a value of the property, e.g. download</source>
        <translation>ein Wert der Eigenschaft, z. B. download</translation>
    </message>
    <message>
        <source>Prorated (Orb's setting, kept with the price)</source>
        <translation>Anteilig (Einstellung von Orb, wird mit dem Preis gespeichert)</translation>
    </message>
    <message>
        <source>Prorate the total to the part of the period billed</source>
        <translation>Gesamtbetrag anteilig für den abgerechneten Teil des Zeitraums berechnen</translation>
    </message>
    <message>
        <source>Hide tiers that charge nothing</source>
        <translation>Staffeln ohne Betrag ausblenden</translation>
    </message>
    <message>
        <source>Prorate the minimum to the part of the period billed</source>
        <translation>Mindestbetrag anteilig für den abgerechneten Teil des Zeitraums berechnen</translation>
    </message>
    <message>
        <source>Basis points</source>
        <translation>Basispunkte</translation>
    </message>
    <message>
        <source>1 basis point is 0.01 % of the event's value</source>
        <translation>1 Basispunkt sind 0,01 % des Ereigniswerts</translation>
    </message>
    <message>
        <source>Cap per event</source>
        <translation>Obergrenze je Ereignis</translation>
    </message>
    <message>
        <source>Optional: the most one event pays</source>
        <translation>Optional: höchstens berechneter Betrag je Ereignis</translation>
    </message>
    <message>
        <source>Basis points (0.01 %)</source>
        <translation>Basispunkte (0,01 %)</translation>
    </message>
    <message>
        <source>Cap per event (optional)</source>
        <translation>Obergrenze je Ereignis (optional)</translation>
    </message>
    <message>
        <source>Up to volume</source>
        <translation>Bis Volumen</translation>
    </message>
    <message>
        <source>The period's total volume picks one tier for every event; empty on the last tier: no limit</source>
        <translation>Das Gesamtvolumen des Zeitraums bestimmt eine Staffel für alle Ereignisse; bei der letzten Staffel leer: keine Obergrenze</translation>
    </message>
    <message>
        <source>From volume</source>
        <translation>Ab Volumen</translation>
    </message>
    <message>
        <source>To volume</source>
        <translation>Bis Volumen</translation>
    </message>
    <message>
        <source>Rate (percent)</source>
        <translation>Satz (Prozent)</translation>
    </message>
    <message>
        <source>Fixed fee per event (optional)</source>
        <translation>Festgebühr je Ereignis (optional)</translation>
    </message>
    <message>
        <source>Free events (optional)</source>
        <translation>Freie Ereignisse (optional)</translation>
    </message>
    <message>
        <source>Free volume (optional)</source>
        <translation>Freies Volumen (optional)</translation>
    </message>
    <message>
        <source>Minimum per event (optional)</source>
        <translation>Mindestbetrag je Ereignis (optional)</translation>
    </message>
    <message>
        <source>Maximum per event (optional)</source>
        <translation>Höchstbetrag je Ereignis (optional)</translation>
    </message>
    <message>
        <source>Percent of the units in the tier</source>
        <translation>Prozent der Einheiten in der Staffel</translation>
    </message>
    <message>
        <source>Share of the other prices (0.1 = 10 %)</source>
        <translation>Anteil an den anderen Preisen (0.1 = 10 %)</translation>
    </message>
    <message>
        <source>Minimum (optional)</source>
        <translation>Mindestbetrag (optional)</translation>
    </message>
    <message>
        <source>Maximum (optional)</source>
        <translation>Höchstbetrag (optional)</translation>
    </message>
    <message>
        <source>Minimum total of the other prices</source>
        <translation>Mindestsumme der anderen Preise</translation>
    </message>
    <message>
        <source>value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>A value of the property; values not listed are shown at 0</source>
        <translation>Ein Wert der Eigenschaft; nicht aufgeführte Werte erscheinen mit 0</translation>
    </message>
    <message>
        <source>Shown as</source>
        <translation>Angezeigt als</translation>
    </message>
    <message>
        <source>The name of the value on the invoice</source>
        <translation>Die Bezeichnung des Werts auf der Rechnung</translation>
    </message>
    <message>
        <source>All matching units are priced at the tier they are above; empty on the first</source>
        <translation>Alle passenden Einheiten werden zum Preis der Staffel berechnet, über deren Grenze sie liegen; bei der ersten leer</translation>
    </message>
    <message>
        <source>filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>Property</source>
        <translation>Eigenschaft</translation>
    </message>
    <message>
        <source>Only usage whose events have this property…</source>
        <translation>Nur Nutzung, deren Ereignisse diese Eigenschaft…</translation>
    </message>
    <message>
        <source>Equal to</source>
        <translation>Gleich</translation>
    </message>
    <message>
        <source>…with this value counts</source>
        <translation>…mit diesem Wert haben, zählt</translation>
    </message>
    <message>
        <source>a whole number, e.g. 3</source>
        <translation>eine ganze Zahl, z. B. 3</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>a fraction, e.g. %1</source>
        <translation>ein Bruchteil, z. B. %1</translation>
    </message>
    <message>
        <source>e.g. 125 (%1)</source>
        <translation>z. B. 125 (%1)</translation>
    </message>
    <message>
        <source>a decimal, e.g. %1</source>
        <translation>eine Dezimalzahl, z. B. %1</translation>
    </message>
    <message>
        <source>where each tier starts (units above this bound, 0 for the first); each value is tiered on its own</source>
        <translation>wo jede Staffel beginnt (Einheiten über dieser Grenze, 0 für die erste); jeder Wert wird für sich gestaffelt</translation>
    </message>
    <message>
        <source>an empty value: every value of the second dimension</source>
        <translation>ein leerer Wert: jeder Wert der zweiten Dimension</translation>
    </message>
    <message>
        <source>an empty value: usage without the second property</source>
        <translation>ein leerer Wert: Nutzung ohne die zweite Eigenschaft</translation>
    </message>
</context>
<context>
    <name>orb::SubscriptionChangeDialog</name>
    <message>
        <source>Change plan</source>
        <translation>Tarif wechseln</translation>
    </message>
    <message>
        <source>Cancel subscription</source>
        <translation>Abonnement kündigen</translation>
    </message>
    <message>
        <source>%1 on %2, since %3</source>
        <translation>%1 im Tarif %2, seit %3</translation>
    </message>
    <message>
        <source>New plan</source>
        <translation>Neuer Tarif</translation>
    </message>
    <message>
        <source>New &amp;plan:</source>
        <translation>Neuer &amp;Tarif:</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Zeitpunkt</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>At the end of the current billing period</source>
        <translation>Am Ende des aktuellen Abrechnungszeitraums</translation>
    </message>
    <message>
        <source>On a date</source>
        <translation>An einem bestimmten Datum</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>&amp;When:</source>
        <translation>&amp;Zeitpunkt:</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>&amp;Datum:</translation>
    </message>
    <message>
        <source>&amp;Keep as is</source>
        <translation>&amp;Nicht ändern</translation>
    </message>
    <message>
        <source>&amp;Confirm plan change</source>
        <translation>Tarifwechsel &amp;bestätigen</translation>
    </message>
    <message>
        <source>&amp;Confirm cancellation</source>
        <translation>Kündigung &amp;bestätigen</translation>
    </message>
    <message>
        <source>What this would do (nothing is stored until you confirm):</source>
        <translation>Was dies bewirken würde (nichts wird gespeichert, bevor Sie bestätigen):</translation>
    </message>
</context>
<context>
    <name>orb::SubscriptionDialogs</name>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
</context>
<context>
    <name>orb::SubscriptionPreview</name>
    <message>
        <source>The company file is open read-only; nothing can be changed.</source>
        <translation>Die Firmendatei ist schreibgeschützt geöffnet; es kann nichts geändert werden.</translation>
    </message>
    <message>
        <source>%1 %2: %3</source>
        <translation>%1 %2: %3</translation>
    </message>
</context>
<context>
    <name>orb::SubscriptionTableModel</name>
    <message>
        <source>Upcoming</source>
        <translation>Bevorstehend</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>open-ended</source>
        <translation>unbefristet</translation>
    </message>
    <message>
        <source>1st of month</source>
        <translation>Monatserster</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>Startdatum</translation>
    </message>
    <message numerus="yes">
        <source>%Ln day(s)</source>
        <translation>
            <numerusform>%Ln Tag</numerusform>
            <numerusform>%Ln Tage</numerusform>
        </translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Ende</translation>
    </message>
    <message>
        <source>Billing anchor</source>
        <translation>Abrechnungsstichtag</translation>
    </message>
    <message>
        <source>Trial</source>
        <translation>Testzeitraum</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>Gutschein</translation>
    </message>
</context>
<context>
    <name>orb::SubscriptionsScreen</name>
    <message>
        <source>Search customer, plan or coupon</source>
        <translation>Kunde, Tarif oder Gutschein suchen</translation>
    </message>
    <message>
        <source>&amp;New subscription…</source>
        <translation>&amp;Neues Abonnement…</translation>
    </message>
    <message>
        <source>C&amp;hange plan…</source>
        <translation>&amp;Tarif wechseln…</translation>
    </message>
    <message>
        <source>&amp;Cancel subscription…</source>
        <translation>Abonnement &amp;kündigen…</translation>
    </message>
    <message>
        <source>Subscriptions</source>
        <translation>Abonnements</translation>
    </message>
    <message>
        <source>Subscription details</source>
        <translation>Abonnementdetails</translation>
    </message>
    <message numerus="yes">
        <source>%Ln subscription(s)</source>
        <translation>
            <numerusform>%Ln Abonnement</numerusform>
            <numerusform>%Ln Abonnements</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a subscription to see its phases, pending changes and next invoices.</source>
        <translation>Wählen Sie ein Abonnement aus, um Phasen, ausstehende Änderungen und die nächsten Rechnungen zu sehen.</translation>
    </message>
    <message>
        <source>open-ended</source>
        <translation>unbefristet</translation>
    </message>
    <message>
        <source>Phases</source>
        <translation>Phasen</translation>
    </message>
    <message>
        <source>%1 to %2: %3 (%4)</source>
        <translation>%1 bis %2: %3 (%4)</translation>
    </message>
    <message>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Änderungen</translation>
    </message>
    <message>
        <source>%1 on %2 (%3)</source>
        <translation>%1 am %2 (%3)</translation>
    </message>
    <message>
        <source>Next invoices</source>
        <translation>Nächste Rechnungen</translation>
    </message>
    <message>
        <source>None: the subscription has ended.</source>
        <translation>Keine: Das Abonnement ist beendet.</translation>
    </message>
    <message>
        <source>This subscription could not be read: %1</source>
        <translation>Dieses Abonnement konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>From %1 to %2</source>
        <translation>Vom %1 bis %2</translation>
    </message>
    <message>
        <source>billed on the 1st of the month</source>
        <translation>abgerechnet zum Monatsersten</translation>
    </message>
    <message>
        <source>billed on the start date</source>
        <translation>abgerechnet zum Startdatum</translation>
    </message>
    <message numerus="yes">
        <source>%Ln trial day(s)</source>
        <translation>
            <numerusform>%Ln Testtag</numerusform>
            <numerusform>%Ln Testtage</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>payable within %Ln day(s)</source>
        <translation>
            <numerusform>zahlbar innerhalb von %Ln Tag</numerusform>
            <numerusform>zahlbar innerhalb von %Ln Tagen</numerusform>
        </translation>
    </message>
    <message>
        <source>payment terms of the customer or plan</source>
        <translation>Zahlungsziel des Kunden oder Tarifs</translation>
    </message>
    <message>
        <source>%1, version %2</source>
        <translation>%1, Version %2</translation>
    </message>
    <message>
        <source>subscribed</source>
        <translation>abonniert</translation>
    </message>
    <message>
        <source>plan changed</source>
        <translation>Tarif gewechselt</translation>
    </message>
    <message>
        <source>quantity changed</source>
        <translation>Menge geändert</translation>
    </message>
    <message>
        <source>Plan change</source>
        <translation>Tarifwechsel</translation>
    </message>
    <message>
        <source>Quantity change</source>
        <translation>Mengenänderung</translation>
    </message>
    <message>
        <source>Cancellation</source>
        <translation>Kündigung</translation>
    </message>
    <message>
        <source>scheduled</source>
        <translation>geplant</translation>
    </message>
    <message>
        <source>applied</source>
        <translation>angewendet</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <translation>zurückgenommen</translation>
    </message>
</context>
<context>
    <name>orb::SyncScreen</name>
    <message>
        <source>Not synced yet</source>
        <translation>Noch nicht synchronisiert</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Jetzt synchronisieren</translation>
    </message>
    <message>
        <source>Stripe key…</source>
        <translation>Stripe-Schlüssel…</translation>
    </message>
    <message>
        <source>The secret key is entered in Settings › Stripe</source>
        <translation>Der geheime Schlüssel wird unter Einstellungen › Stripe eingegeben</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Überspringen</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Anzeigen:</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
    <message>
        <source>Sync log</source>
        <translation>Synchronisierungsprotokoll</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Zeitpunkt</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Stripe: syncing…</source>
        <translation>Stripe: wird synchronisiert…</translation>
    </message>
    <message>
        <source>Last run: never</source>
        <translation>Letzter Lauf: nie</translation>
    </message>
    <message>
        <source>Last run: %1 — %2</source>
        <translation>Letzter Lauf: %1 — %2</translation>
    </message>
    <message>
        <source>Stripe: %1 waiting, %2 failed</source>
        <translation>Stripe: %1 wartend, %2 fehlgeschlagen</translation>
    </message>
    <message>
        <source>Stripe: %1 waiting</source>
        <translation>Stripe: %1 wartend</translation>
    </message>
    <message>
        <source>Stripe: up to date</source>
        <translation>Stripe: aktuell</translation>
    </message>
    <message>
        <source>Item not retried</source>
        <translation>Eintrag nicht erneut versucht</translation>
    </message>
    <message>
        <source>Item not skipped</source>
        <translation>Eintrag nicht übersprungen</translation>
    </message>
    <message>
        <source>Another Stripe account</source>
        <translation>Anderes Stripe-Konto</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Nicht gesendet</translation>
    </message>
    <message>
        <source>Dispute</source>
        <translation>Anfechtung</translation>
    </message>
    <message>
        <source>Refund in Stripe</source>
        <translation>Erstattung in Stripe</translation>
    </message>
    <message>
        <source>Credit note in Stripe</source>
        <translation>Gutschrift in Stripe</translation>
    </message>
    <message>
        <source>Voided in Stripe</source>
        <translation>In Stripe storniert</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>Nicht erfasst</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Zu erledigen</translation>
    </message>
    <message>
        <source>Start afresh with the new Stripe account…</source>
        <translation>Mit dem neuen Stripe-Konto neu beginnen…</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Vorgang</translation>
    </message>
    <message>
        <source>Happened</source>
        <translation>Was geschah</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Was zu tun ist</translation>
    </message>
    <message>
        <source>Start afresh with another Stripe account</source>
        <translation>Mit einem anderen Stripe-Konto neu beginnen</translation>
    </message>
    <message>
        <source>Orb will forget which Stripe objects it made in the old account and send its customers and open invoices to %1. Nothing changes in the old account. Go on?</source>
        <translation>Orb vergisst, welche Stripe-Objekte es im alten Konto angelegt hat, und sendet die Kunden und offenen Rechnungen dieser Firmendatei an %1. Im alten Konto ändert sich nichts. Fortfahren?</translation>
    </message>
    <message>
        <source>Not changed</source>
        <translation>Nicht geändert</translation>
    </message>
    <message>
        <source>Amounts differ</source>
        <translation>Beträge weichen ab</translation>
    </message>
    <message>
        <source>Paid twice</source>
        <translation>Doppelt bezahlt</translation>
    </message>
</context>
<context>
    <name>orb::TaxRatesScreen</name>
    <message>
        <source>Tax rate</source>
        <translation>Steuersatz</translation>
    </message>
    <message>
        <source>Percentage</source>
        <translation>Prozentsatz</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Kunden</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Tax rates</source>
        <translation>Steuersätze</translation>
    </message>
    <message>
        <source>Show archi&amp;ved tax rates</source>
        <translation>Archi&amp;vierte Steuersätze anzeigen</translation>
    </message>
    <message>
        <source>Tax rate name</source>
        <translation>Name des Steuersatzes</translation>
    </message>
    <message>
        <source>VAT 19%</source>
        <translation>USt. 19 %</translation>
    </message>
    <message>
        <source>Tax rate percentage</source>
        <translation>Prozentsatz des Steuersatzes</translation>
    </message>
    <message>
        <source>19</source>
        <translation>19</translation>
    </message>
    <message>
        <source>Ne&amp;w tax rate</source>
        <translation>Ne&amp;uer Steuersatz</translation>
    </message>
    <message>
        <source>An archived rate applies to no invoice composed from then on; issued invoices keep it.</source>
        <translation>Ein archivierter Steuersatz gilt für keine danach erstellte Rechnung mehr; ausgestellte Rechnungen behalten ihn.</translation>
    </message>
    <message>
        <source>Customers and items the rate applies to</source>
        <translation>Kunden und Artikel, für die der Steuersatz gilt</translation>
    </message>
    <message>
        <source>Customer to assign the rate to</source>
        <translation>Kunde, dem der Steuersatz zugeordnet wird</translation>
    </message>
    <message>
        <source>Customer id or external id</source>
        <translation>Kunden-ID oder externe ID</translation>
    </message>
    <message>
        <source>Assign to &amp;customer</source>
        <translation>&amp;Kunde zuordnen</translation>
    </message>
    <message>
        <source>Item to assign the rate to</source>
        <translation>Artikel, dem der Steuersatz zugeordnet wird</translation>
    </message>
    <message>
        <source>Assign to i&amp;tem</source>
        <translation>Ar&amp;tikel zuordnen</translation>
    </message>
    <message>
        <source>&amp;Remove from the selected</source>
        <translation>Vom Ausgewählten &amp;entfernen</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Percentage:</source>
        <translation>&amp;Prozentsatz:</translation>
    </message>
    <message>
        <source>&lt;b&gt;Applies to&lt;/b&gt; (a customer's rate taxes all its invoice lines, an item's rate the lines of that item):</source>
        <translation>&lt;b&gt;Gilt für&lt;/b&gt; (der Steuersatz eines Kunden gilt für alle Positionen seiner Rechnungen, der eines Artikels für dessen Positionen):</translation>
    </message>
    <message>
        <source>&lt;b&gt;Tax rates&lt;/b&gt;: added to the invoice lines of the customers and items they are assigned to.</source>
        <translation>&lt;b&gt;Steuersätze&lt;/b&gt;: werden den Rechnungspositionen der zugeordneten Kunden und Artikel hinzugefügt.</translation>
    </message>
    <message>
        <source>The tax rates could not be read: %1</source>
        <translation>Die Steuersätze konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Id: %1</source>
        <translation>ID: %1</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archiviert</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>&lt;b&gt;New tax rate&lt;/b&gt;</source>
        <translation>&lt;b&gt;Neuer Steuersatz&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;, archived: it applies to no new invoice.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;, archiviert: gilt für keine neue Rechnung.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Customer: %1</source>
        <translation>Kunde: %1</translation>
    </message>
    <message>
        <source>Item: %1</source>
        <translation>Artikel: %1</translation>
    </message>
    <message>
        <source>The rate's customers and items could not be read: %1</source>
        <translation>Die Kunden und Artikel des Steuersatzes konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>&amp;Save changes</source>
        <translation>Änderungen &amp;speichern</translation>
    </message>
    <message>
        <source>Create ta&amp;x rate</source>
        <translation>Steuersatz an&amp;legen</translation>
    </message>
    <message>
        <source>Un&amp;archive</source>
        <translation>Wieder akti&amp;vieren</translation>
    </message>
    <message>
        <source>&amp;Archive</source>
        <translation>&amp;Archivieren</translation>
    </message>
    <message>
        <source>Create tax rate %1</source>
        <translation>Steuersatz %1 anlegen</translation>
    </message>
    <message>
        <source>Edit tax rate %1</source>
        <translation>Steuersatz %1 bearbeiten</translation>
    </message>
    <message>
        <source>Select a tax rate first.</source>
        <translation>Wählen Sie zuerst einen Steuersatz.</translation>
    </message>
    <message>
        <source>Archive tax rate %1</source>
        <translation>Steuersatz %1 archivieren</translation>
    </message>
    <message>
        <source>Unarchive tax rate %1</source>
        <translation>Steuersatz %1 wieder aktivieren</translation>
    </message>
    <message>
        <source>Assign tax rate %1 to %2</source>
        <translation>Steuersatz %1 %2 zuordnen</translation>
    </message>
    <message>
        <source>Type the customer's id or external id.</source>
        <translation>Geben Sie die ID oder externe ID des Kunden ein.</translation>
    </message>
    <message>
        <source>There is no item to assign the rate to.</source>
        <translation>Es gibt keinen Artikel, dem der Steuersatz zugeordnet werden kann.</translation>
    </message>
    <message>
        <source>Select a customer or item of the rate first.</source>
        <translation>Wählen Sie zuerst einen Kunden oder Artikel des Steuersatzes.</translation>
    </message>
    <message>
        <source>Remove tax rate %1 from %2</source>
        <translation>Steuersatz %1 von %2 entfernen</translation>
    </message>
</context>
<context>
    <name>orb::UsageScreen</name>
    <message>
        <source>Customer (id or external id)</source>
        <translation>Kunde (ID oder externe ID)</translation>
    </message>
    <message>
        <source>Event name</source>
        <translation>Ereignisname</translation>
    </message>
    <message>
        <source>&amp;Filter</source>
        <translation>&amp;Filtern</translation>
    </message>
    <message>
        <source>&amp;Amend…</source>
        <translation>&amp;Korrigieren…</translation>
    </message>
    <message>
        <source>&amp;Deprecate…</source>
        <translation>&amp;Verwerfen…</translation>
    </message>
    <message>
        <source>Usage events</source>
        <translation>Nutzungsereignisse</translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s)</source>
        <translation>
            <numerusform>%Ln Ereignis</numerusform>
            <numerusform>%Ln Ereignisse</numerusform>
        </translation>
    </message>
    <message>
        <source>Select an event first.</source>
        <translation>Wählen Sie zuerst ein Ereignis aus.</translation>
    </message>
    <message>
        <source>Deprecate event</source>
        <translation>Ereignis verwerfen</translation>
    </message>
    <message>
        <source>Event %1 will stop counting towards usage. It is kept, and the change is recorded. Go on?</source>
        <translation>Ereignis %1 wird nicht mehr für die Nutzung gezählt. Es bleibt erhalten, und die Änderung wird protokolliert. Fortfahren?</translation>
    </message>
    <message>
        <source>The event was not deprecated</source>
        <translation>Das Ereignis wurde nicht verworfen</translation>
    </message>
    <message>
        <source>Amend event</source>
        <translation>Ereignis korrigieren</translation>
    </message>
    <message>
        <source>New properties (a flat JSON object). The original is kept as superseded.</source>
        <translation>Neue Eigenschaften (ein flaches JSON-Objekt). Das Original bleibt als ersetzt erhalten.</translation>
    </message>
    <message>
        <source>The event was not amended</source>
        <translation>Das Ereignis wurde nicht korrigiert</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <source>Import usage events from a JSON Lines or CSV file (or drop the file on the window)</source>
        <translation>Nutzungsereignisse aus einer JSON-Lines- oder CSV-Datei importieren (oder die Datei auf das Fenster ziehen)</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>From: any day</source>
        <translation>Von: beliebiger Tag</translation>
    </message>
    <message>
        <source>To: any day</source>
        <translation>Bis: beliebiger Tag</translation>
    </message>
    <message>
        <source>The dates are the wrong way round: %1 is after %2.</source>
        <translation>Die Daten sind vertauscht: %1 liegt nach %2.</translation>
    </message>
</context>
<context>
    <name>orb::WebhooksBox</name>
    <message>
        <source>Webhook endpoints</source>
        <translation>Webhook-Endpunkte</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Event types</source>
        <translation>Ereignistypen</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Zugestellt</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>New end&amp;point…</source>
        <translation>Neuer End&amp;punkt…</translation>
    </message>
    <message>
        <source>Add a URL that receives Orb's events; its signing secret is shown once</source>
        <translation>Eine URL hinzufügen, die Orbs Ereignisse empfängt; ihr Signaturgeheimnis wird einmal angezeigt</translation>
    </message>
    <message>
        <source>New webhook endpoint</source>
        <translation>Neuer Webhook-Endpunkt</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>Deakti&amp;vieren</translation>
    </message>
    <message>
        <source>Stop or resume deliveries to the selected endpoint</source>
        <translation>Zustellungen an den gewählten Endpunkt anhalten oder fortsetzen</translation>
    </message>
    <message>
        <source>Disable or enable the webhook endpoint</source>
        <translation>Webhook-Endpunkt deaktivieren oder aktivieren</translation>
    </message>
    <message>
        <source>De&amp;lete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Delete the selected endpoint with its deliveries and their log</source>
        <translation>Den gewählten Endpunkt mit seinen Zustellungen und deren Protokoll löschen</translation>
    </message>
    <message>
        <source>Delete webhook endpoint</source>
        <translation>Webhook-Endpunkt löschen</translation>
    </message>
    <message>
        <source>Events are delivered while the API is served (here or by &lt;tt&gt;orbctl serve&lt;/tt&gt;), each signed with &lt;tt&gt;X-Orb-Signature&lt;/tt&gt; as Orb signs them; failed deliveries are retried with growing pauses.</source>
        <translation>Ereignisse werden zugestellt, solange die API bereitgestellt wird (hier oder mit &lt;tt&gt;orbctl serve&lt;/tt&gt;), jedes mit &lt;tt&gt;X-Orb-Signature&lt;/tt&gt; signiert wie bei Orb; fehlgeschlagene Zustellungen werden mit wachsenden Pausen wiederholt.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Event type</source>
        <translation>Ereignistyp</translation>
    </message>
    <message>
        <source>Event ID</source>
        <translation>Ereignis-ID</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>Versuch</translation>
    </message>
    <message>
        <source>HTTP status</source>
        <translation>HTTP-Status</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Next retry</source>
        <translation>Nächster Versuch</translation>
    </message>
    <message>
        <source>Delivery log</source>
        <translation>Zustellprotokoll</translation>
    </message>
    <message>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>deaktiviert</translation>
    </message>
    <message>
        <source>enabled</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>Every event type Orb sends</source>
        <translation>Jeder Ereignistyp, den Orb sendet</translation>
    </message>
    <message>
        <source>Select an endpoint to see its deliveries.</source>
        <translation>Wählen Sie einen Endpunkt, um seine Zustellungen zu sehen.</translation>
    </message>
    <message>
        <source>No delivery attempts yet.</source>
        <translation>Noch keine Zustellversuche.</translation>
    </message>
    <message>
        <source>Delivery log, newest first:</source>
        <translation>Zustellprotokoll, neueste zuerst:</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>zugestellt</translation>
    </message>
    <message>
        <source>failed, no more retries</source>
        <translation>fehlgeschlagen, keine weiteren Versuche</translation>
    </message>
    <message>
        <source>failed, no more retries: %1</source>
        <translation>fehlgeschlagen, keine weiteren Versuche: %1</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <source>E&amp;nable</source>
        <translation>A&amp;ktivieren</translation>
    </message>
    <message>
        <source>The endpoint was not added: %1</source>
        <translation>Der Endpunkt wurde nicht hinzugefügt: %1</translation>
    </message>
    <message>
        <source>Endpoint %1 added.</source>
        <translation>Endpunkt %1 hinzugefügt.</translation>
    </message>
    <message>
        <source>Webhook signing secret</source>
        <translation>Signaturgeheimnis des Webhooks</translation>
    </message>
    <message>
        <source>The receiver at %1 checks each delivery's &lt;tt&gt;X-Orb-Signature&lt;/tt&gt; with this secret (Orb's SDKs: &lt;tt&gt;webhooks.unwrap(body, headers, secret)&lt;/tt&gt;). It is kept in this computer's keychain.</source>
        <translation>Der Empfänger unter %1 prüft die &lt;tt&gt;X-Orb-Signature&lt;/tt&gt; jeder Zustellung mit diesem Geheimnis (Orbs SDKs: &lt;tt&gt;webhooks.unwrap(body, headers, secret)&lt;/tt&gt;). Es wird im Schlüsselbund dieses Computers aufbewahrt.</translation>
    </message>
    <message>
        <source>Endpoint %1 enabled: new events and those waiting are delivered.</source>
        <translation>Endpunkt %1 aktiviert: Neue und wartende Ereignisse werden zugestellt.</translation>
    </message>
    <message>
        <source>Endpoint %1 disabled: nothing is delivered to it until it is enabled.</source>
        <translation>Endpunkt %1 deaktiviert: Bis zur erneuten Aktivierung wird nichts an ihn zugestellt.</translation>
    </message>
    <message>
        <source>Delete the endpoint %1 with its waiting deliveries and their log? Events not yet delivered to it are not sent.</source>
        <translation>Endpunkt %1 mit seinen wartenden Zustellungen und deren Protokoll löschen? Noch nicht zugestellte Ereignisse werden nicht gesendet.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>The endpoint was not deleted: %1</source>
        <translation>Der Endpunkt wurde nicht gelöscht: %1</translation>
    </message>
    <message>
        <source>Endpoint %1 deleted.</source>
        <translation>Endpunkt %1 gelöscht.</translation>
    </message>
    <message>
        <source>Endpoint %1 deleted; its secret could not be removed from the keychain: %2</source>
        <translation>Endpunkt %1 gelöscht; sein Geheimnis konnte nicht aus dem Schlüsselbund entfernt werden: %2</translation>
    </message>
</context>
<context>
    <name>orb::WindowApiServer</name>
    <message>
        <source>The listen address is not valid: %1.</source>
        <translation>Die Adresse ist ungültig: %1.</translation>
    </message>
    <message>
        <source>The window serves the API on this computer only (127.0.0.1, ::1 or localhost): it speaks plain HTTP, and API keys must not cross a network unencrypted. To reach it from elsewhere, put a TLS proxy on this computer in front of it.</source>
        <translation>Das Fenster stellt die API nur auf diesem Computer bereit (127.0.0.1, ::1 oder localhost): Sie spricht unverschlüsseltes HTTP, und API-Schlüssel dürfen nicht unverschlüsselt durch ein Netzwerk gehen. Für Zugriff von anderswo setzen Sie einen TLS-Proxy auf diesem Computer davor.</translation>
    </message>
    <message>
        <source>This company file is open read-only, so the API cannot serve it.</source>
        <translation>Diese Firmendatei ist schreibgeschützt geöffnet, daher kann die API sie nicht bereitstellen.</translation>
    </message>
</context>
</TS>