// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/CompanyFixture.h"
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/CustomerService.h"
#include "models/StorageError.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace orb;

class TestCustomerService : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup() { m_file.reset(); }
    void createRoundTripsEveryField();
    void defaultsToCompanyTimeZone();
    void rejectsInvalidFields_data();
    void rejectsInvalidFields();
    void taxIdsByTheirCountrysFormat_data();
    void taxIdsByTheirCountrysFormat();
    void externalIdIsUnique();
    void currencyCanBeSetOnce();
    void timeZoneIsFixed();
    void updateMergesMetadata();
    void archiveAndUnarchive();
    void deleteRefusedWhenReferenced();
    void resolvesByExternalId();
    void searchAndSort();
    void failedActionChangesNothing();

private:
    Customer sample(const QString &name, const QString &ext = {}) const;
    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 3, 1), QTime(9, 30), Qt::UTC)};
    std::unique_ptr<CompanyFile> m_file;
};

void TestCustomerService::init()
{
    CompanySettings s;
    s.name = QStringLiteral("Test Co");
    s.timezone = QStringLiteral("America/New_York");
    static int n = 0;
    m_file = orb::test::createCompany(m_dir.filePath(QStringLiteral("c%1.orb").arg(++n)), s, m_clock);
}

Customer TestCustomerService::sample(const QString &name, const QString &ext) const
{
    Customer c;
    c.name = name;
    c.externalCustomerId = ext;
    return c;
}

void TestCustomerService::createRoundTripsEveryField()
{
    CustomerService svc(*m_file, m_clock);
    Customer c = sample(QStringLiteral("Müller & Söhne GmbH"), QStringLiteral("mueller-1"));
    c.email = QStringLiteral("rechnung@mueller.example");
    c.currency = QStringLiteral("EUR");
    c.timezone = QStringLiteral("Europe/Berlin");
    c.billingAddress = {QStringLiteral("Hauptstraße 5"), QStringLiteral("2. OG"), QStringLiteral("München"), QStringLiteral("BY"),
                        QStringLiteral("80331"),         QStringLiteral("DE")};
    c.shippingAddress = {QStringLiteral("Lager 3"), {}, QStringLiteral("Augsburg"), {}, QStringLiteral("86150"), QStringLiteral("DE")};
    c.taxId = {QStringLiteral("DE"), QStringLiteral("eu_vat"), QStringLiteral("DE123456789")};
    c.netTerms = 14;
    c.metadata = {{QStringLiteral("crm"), QStringLiteral("A-17")}, {QStringLiteral("tier"), QStringLiteral("gold")}};
    const Customer created = svc.create(c);
    QCOMPARE(created.id.size(), 16);
    const Customer back = svc.get(created.id);
    QCOMPARE(back.name, c.name);
    QCOMPARE(back.externalCustomerId, c.externalCustomerId);
    QCOMPARE(back.email, c.email);
    QCOMPARE(back.currency, c.currency);
    QCOMPARE(back.timezone, c.timezone);
    QVERIFY(back.billingAddress == c.billingAddress);
    QVERIFY(back.shippingAddress == c.shippingAddress);
    QVERIFY(back.taxId == c.taxId);
    QCOMPARE(back.netTerms, std::optional<int>(14));
    QCOMPARE(back.metadata, c.metadata);
    QCOMPARE(back.createdAt, m_clock.now());
    QVERIFY(!back.isArchived());
    const QJsonObject json = back.toJson();
    QCOMPARE(json.value(QStringLiteral("external_customer_id")).toString(), QStringLiteral("mueller-1"));
    QCOMPARE(json.value(QStringLiteral("billing_address")).toObject().value(QStringLiteral("postal_code")).toString(), QStringLiteral("80331"));
    QCOMPARE(json.value(QStringLiteral("tax_id")).toObject().value(QStringLiteral("type")).toString(), QStringLiteral("eu_vat"));
    QCOMPARE(json.value(QStringLiteral("created_at")).toString(), QStringLiteral("2026-03-01T09:30:00Z"));
    QCOMPARE(json.value(QStringLiteral("balance")).toString(), QStringLiteral("0.00"));
}

void TestCustomerService::defaultsToCompanyTimeZone()
{
    CustomerService svc(*m_file, m_clock);
    QCOMPARE(svc.create(sample(QStringLiteral("Zed"))).timezone, QStringLiteral("America/New_York"));
}

void TestCustomerService::rejectsInvalidFields_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");
    QTest::newRow("email") << "email"
                           << "not-an-email"
                           << "email: \"not-an-email\" is not an e-mail address";
    QTest::newRow("email double dot") << "email"
                                      << "a..b@x.example"
                                      << "email:";
    QTest::newRow("currency") << "currency"
                              << "usd"
                              << "currency: \"usd\" is not an ISO 4217 currency code";
    QTest::newRow("timezone") << "timezone"
                              << "Europe/Atlantis"
                              << "timezone: \"Europe/Atlantis\" is not an IANA time zone";
    QTest::newRow("country") << "country"
                             << "Germany"
                             << "billing_address.country: \"Germany\" is not an ISO 3166";
    QTest::newRow("empty name") << "name"
                                << ""
                                << "name: is required";
    QTest::newRow("net terms") << "net_terms"
                               << "400"
                               << "net_terms: must be 0 to 365 days";
    QTest::newRow("tax id type") << "tax_id"
                                 << "vat"
                                 << "tax_id.type: \"vat\" is not a known tax id type";
}

void TestCustomerService::rejectsInvalidFields()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    CustomerService svc(*m_file, m_clock);
    Customer c = sample(QStringLiteral("Valid Name"));
    if (field == QLatin1String("email"))
        c.email = value;
    else if (field == QLatin1String("currency"))
        c.currency = value;
    else if (field == QLatin1String("timezone"))
        c.timezone = value;
    else if (field == QLatin1String("country"))
        c.billingAddress.country = value;
    else if (field == QLatin1String("name"))
        c.name = value;
    else if (field == QLatin1String("net_terms"))
        c.netTerms = value.toInt();
    else
        c.taxId = {QStringLiteral("DE"), value, QStringLiteral("DE1")};
    try {
        svc.create(c);
        QFAIL("invalid customer accepted");
    } catch (const ServiceError &e) {
        QCOMPARE(e.kind(), ServiceError::Kind::InvalidInput);
        QVERIFY2(e.details().contains(expected), qPrintable(e.details()));
    }
    QCOMPARE(svc.repository().count({}), 0);
}

void TestCustomerService::taxIdsByTheirCountrysFormat_data()
{
    QTest::addColumn<QString>("country");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("refusal"); // empty: accepted
    QTest::newRow("DE VAT") << "DE"
                            << "eu_vat"
                            << "DE123456789"
                            << "";
    QTest::newRow("DE VAT spaced") << "DE"
                                   << "eu_vat"
                                   << "DE 123 456 789"
                                   << "";
    QTest::newRow("DE VAT short") << "DE"
                                  << "eu_vat"
                                  << "DE12345"
                                  << "tax_id.value: \"DE12345\" does not have the form of the EU VAT number of DE: DE and 9 digits, such as DE123456789";
    QTest::newRow("DE VAT too long") << "DE"
                                     << "eu_vat"
                                     << "DE1234567890"
                                     << "DE and 9 digits";
    QTest::newRow("DE VAT without prefix") << "DE"
                                           << "eu_vat"
                                           << "123456789"
                                           << "DE and 9 digits";
    QTest::newRow("DE customer, French VAT") << "DE"
                                             << "eu_vat"
                                             << "FR12345678901"
                                             << "DE and 9 digits";
    QTest::newRow("FR VAT") << "FR"
                            << "eu_vat"
                            << "FR12345678901"
                            << "";
    QTest::newRow("GR VAT is EL") << "GR"
                                  << "eu_vat"
                                  << "EL123456789"
                                  << "";
    QTest::newRow("GR VAT with GR") << "GR"
                                    << "eu_vat"
                                    << "GR123456789"
                                    << "EL and 9 digits";
    QTest::newRow("AT VAT") << "AT"
                            << "eu_vat"
                            << "ATU12345678"
                            << "";
    QTest::newRow("AT VAT without U") << "AT"
                                      << "eu_vat"
                                      << "AT12345678"
                                      << "ATU and 8 digits";
    QTest::newRow("NL VAT") << "NL"
                            << "eu_vat"
                            << "NL123456789B01"
                            << "";
    QTest::newRow("IE VAT") << "IE"
                            << "eu_vat"
                            << "IE1234567AB"
                            << "";
    QTest::newRow("Northern Ireland") << "GB"
                                      << "eu_vat"
                                      << "XI123456789"
                                      << "";
    QTest::newRow("EU VAT in the US") << "US"
                                      << "eu_vat"
                                      << "DE123456789"
                                      << "tax_id.country: the EU VAT number (eu_vat) is issued in";
    QTest::newRow("OSS") << "EU"
                         << "eu_oss_vat"
                         << "EU123456789"
                         << "";
    QTest::newRow("UK VAT") << "GB"
                            << "gb_vat"
                            << "GB123456789"
                            << "";
    QTest::newRow("UK VAT no prefix") << "GB"
                                      << "gb_vat"
                                      << "123456789"
                                      << "GB and 9 or 12 digits";
    QTest::newRow("US EIN") << "US"
                            << "us_ein"
                            << "94-1234567"
                            << "";
    QTest::newRow("US EIN short") << "US"
                                  << "us_ein"
                                  << "94-123456"
                                  << "9 digits, such as 12-3456789";
    QTest::newRow("US EIN in DE") << "DE"
                                  << "us_ein"
                                  << "12-3456789"
                                  << "tax_id.country: the US Employer Identification Number (EIN) (us_ein) is issued in US, not in \"DE\"";
    QTest::newRow("DE Steuernummer") << "DE"
                                     << "de_stn"
                                     << "12/345/67890"
                                     << "";
    QTest::newRow("AU ABN") << "AU"
                            << "au_abn"
                            << "12345678912"
                            << "";
    QTest::newRow("JP corporate") << "JP"
                                  << "jp_cn"
                                  << "1234567890123"
                                  << "";
    QTest::newRow("CH VAT") << "CH"
                            << "ch_vat"
                            << "CHE-123.456.789 MWST"
                            << "";
    QTest::newRow("CH VAT without MWST") << "CH"
                                         << "ch_vat"
                                         << "CHE-123.456.789"
                                         << "CHE, 9 digits and MWST, TVA or IVA";
    QTest::newRow("CA GST/HST") << "CA"
                                << "ca_gst_hst"
                                << "123456789RT0002"
                                << "";
    QTest::newRow("IN GST") << "IN"
                            << "in_gst"
                            << "12ABCDE3456FGZH"
                            << "";
    QTest::newRow("NO VAT") << "NO"
                            << "no_vat"
                            << "123456789MVA"
                            << "";
    QTest::newRow("unknown type") << "DE"
                                  << "vat"
                                  << "DE123456789"
                                  << "tax_id.type: \"vat\" is not a known tax id type";
}

void TestCustomerService::taxIdsByTheirCountrysFormat()
{
    QFETCH(QString, country);
    QFETCH(QString, type);
    QFETCH(QString, value);
    QFETCH(QString, refusal);
    CustomerService svc(*m_file, m_clock);
    Customer c = sample(QStringLiteral("Taxed"));
    c.taxId = {country, type, value};
    if (refusal.isEmpty()) {
        const Customer stored = svc.create(c);
        QCOMPARE(stored.taxId, c.taxId); // kept as typed
        QCOMPARE(svc.repository().count({}), 1);
        return;
    }
    try {
        svc.create(c);
        QFAIL("a tax id of the wrong form was accepted");
    } catch (const ServiceError &e) {
        QCOMPARE(e.kind(), ServiceError::Kind::InvalidInput);
        QVERIFY2(e.details().contains(refusal), qPrintable(e.details()));
    }
    QCOMPARE(svc.repository().count({}), 0);
    // Editing an existing customer to the same value is refused alike.
    const Customer plain = svc.create(sample(QStringLiteral("Plain")));
    CustomerPatch p;
    p.taxId = c.taxId;
    QVERIFY_THROWS_EXCEPTION(ServiceError, svc.update(plain.id, p));
    QVERIFY(svc.repository().resolve(plain.id)->taxId.isEmpty());
}

void TestCustomerService::externalIdIsUnique()
{
    CustomerService svc(*m_file, m_clock);
    svc.create(sample(QStringLiteral("One"), QStringLiteral("dup")));
    try {
        svc.create(sample(QStringLiteral("Two"), QStringLiteral("dup")));
        QFAIL("duplicate external id accepted");
    } catch (const ServiceError &e) {
        QCOMPARE(e.kind(), ServiceError::Kind::Conflict);
        QVERIFY(e.message().contains(QStringLiteral("\"dup\" already belongs")));
    }
    const Customer other = svc.create(sample(QStringLiteral("Three"), QStringLiteral("other")));
    CustomerPatch p;
    p.externalCustomerId = QStringLiteral("dup");
    QVERIFY_THROWS_EXCEPTION(ServiceError, svc.update(other.id, p));
    QCOMPARE(svc.get(other.id).externalCustomerId, QStringLiteral("other"));
}

void TestCustomerService::currencyCanBeSetOnce()
{
    CustomerService svc(*m_file, m_clock);
    const Customer c = svc.create(sample(QStringLiteral("Curr")));
    QVERIFY(c.currency.isEmpty());
    CustomerPatch p;
    p.currency = QStringLiteral("GBP");
    QCOMPARE(svc.update(c.id, p).currency, QStringLiteral("GBP"));
    p.currency = QStringLiteral("GBP");
    QCOMPARE(svc.update(c.id, p).currency, QStringLiteral("GBP")); // the same value is no change
    p.currency = QStringLiteral("USD");
    try {
        svc.update(c.id, p);
        QFAIL("currency changed twice");
    } catch (const ServiceError &e) {
        QCOMPARE(e.kind(), ServiceError::Kind::Conflict);
        QVERIFY(e.message().contains(QStringLiteral("can be set only once")));
    }
    QCOMPARE(svc.get(c.id).currency, QStringLiteral("GBP"));
}

void TestCustomerService::timeZoneIsFixed()
{
    CustomerService svc(*m_file, m_clock);
    const Customer c = svc.create(sample(QStringLiteral("TZ")));
    CustomerPatch p;
    p.timezone = QStringLiteral("Asia/Tokyo");
    try {
        svc.update(c.id, p);
        QFAIL("time zone changed");
    } catch (const ServiceError &e) {
        QCOMPARE(e.kind(), ServiceError::Kind::Conflict);
    }
    QCOMPARE(svc.get(c.id).timezone, QStringLiteral("America/New_York"));
}

void TestCustomerService::updateMergesMetadata()
{
    CustomerService svc(*m_file, m_clock);
    Customer c = sample(QStringLiteral("Meta"));
    c.metadata = {{QStringLiteral("a"), QStringLiteral("1")}, {QStringLiteral("b"), QStringLiteral("2")}};
    c = svc.create(c);
    CustomerPatch p;
    p.metadata = QMap<QString, QString>{{QStringLiteral("b"), QString()}, {QStringLiteral("c"), QStringLiteral("3")}};
    p.name = QStringLiteral("Meta Renamed");
    m_clock.advanceSecs(60);
    const Customer u = svc.update(c.id, p);
    QCOMPARE(u.metadata, (QMap<QString, QString>{{QStringLiteral("a"), QStringLiteral("1")}, {QStringLiteral("c"), QStringLiteral("3")}}));
    QCOMPARE(svc.get(c.id).name, QStringLiteral("Meta Renamed"));
    QCOMPARE(svc.get(c.id).updatedAt, m_clock.now());
    QCOMPARE(svc.get(c.id).createdAt, m_clock.now().addSecs(-60));
}

void TestCustomerService::archiveAndUnarchive()
{
    CustomerService svc(*m_file, m_clock);
    const Customer c = svc.create(sample(QStringLiteral("Arch"), QStringLiteral("arch")));
    QVERIFY(svc.archive(QStringLiteral("arch")).isArchived());
    QCOMPARE(svc.repository().count({}), 0);
    CustomerQuery all;
    all.includeArchived = true;
    QCOMPARE(svc.repository().count(all), 1);
    QVERIFY_THROWS_EXCEPTION(ServiceError, svc.archive(c.id));
    QVERIFY(!svc.unarchive(c.id).isArchived());
    QCOMPARE(svc.repository().count({}), 1);
}

void TestCustomerService::deleteRefusedWhenReferenced()
{
    CustomerService svc(*m_file, m_clock);
    const Customer keep = svc.create(sample(QStringLiteral("Referenced")));
    const Customer gone = svc.create(sample(QStringLiteral("Unreferenced")));
    // Something that refers to a customer, as invoices will.
    m_file->db().exec(QStringLiteral("CREATE TABLE test_refs (customer_id TEXT NOT NULL REFERENCES customers(id))"));
    m_file->db().exec(QStringLiteral("INSERT INTO test_refs VALUES (?)"), {keep.id});
    try {
        svc.remove(keep.id);
        QFAIL("deleted a referenced customer");
    } catch (const ServiceError &e) {
        QCOMPARE(e.kind(), ServiceError::Kind::Conflict);
        QVERIFY(e.message().contains(QStringLiteral("archive it instead")));
    }
    QCOMPARE(svc.get(keep.id).name, QStringLiteral("Referenced"));
    svc.remove(gone.id);
    QVERIFY_THROWS_EXCEPTION(ServiceError, svc.get(gone.id));
}

void TestCustomerService::resolvesByExternalId()
{
    CustomerService svc(*m_file, m_clock);
    const Customer c = svc.create(sample(QStringLiteral("Ext"), QStringLiteral("crm-42")));
    QCOMPARE(svc.get(QStringLiteral("crm-42")).id, c.id);
    try {
        svc.get(QStringLiteral("crm-43"));
        QFAIL("found a missing customer");
    } catch (const ServiceError &e) {
        QCOMPARE(e.kind(), ServiceError::Kind::NotFound);
        QVERIFY(e.message().contains(QStringLiteral("\"crm-43\"")));
    }
}

void TestCustomerService::searchAndSort()
{
    CustomerService svc(*m_file, m_clock);
    for (const char *n : {"banana Corp", "Apple Inc", "cherry 100% Ltd", "Äpfel GmbH"}) {
        svc.create(sample(QString::fromUtf8(n)));
        m_clock.advanceSecs(1);
    }
    CustomerQuery q;
    QStringList names;
    for (const Customer &c : svc.repository().list(q))
        names << c.name;
    QCOMPARE(names,
             (QStringList{QStringLiteral("Apple Inc"), QStringLiteral("banana Corp"), QStringLiteral("cherry 100% Ltd"), QString::fromUtf8("Äpfel GmbH")}));
    q.search = QStringLiteral("100%");
    QCOMPARE(svc.repository().list(q).size(), 1);
    q.search = QStringLiteral("%");
    QCOMPARE(svc.repository().list(q).size(), 1); // the wildcard is searched for literally
    q.search = QStringLiteral("APPLE");
    QCOMPARE(svc.repository().list(q).value(0).name, QStringLiteral("Apple Inc"));
    q.search.clear();
    q.sort = CustomerQuery::Sort::Created;
    q.ascending = false;
    QCOMPARE(svc.repository().list(q).value(0).name, QString::fromUtf8("Äpfel GmbH"));
    q.limit = 2;
    q.offset = 2;
    QCOMPARE(svc.repository().list(q).value(0).name, QStringLiteral("Apple Inc"));
}

void TestCustomerService::failedActionChangesNothing()
{
    CustomerService svc(*m_file, m_clock);
    const Customer c = svc.create(sample(QStringLiteral("Stable"), QStringLiteral("stable")));
    CustomerPatch p;
    p.name = QStringLiteral("Changed");
    p.email = QStringLiteral("broken");
    QVERIFY_THROWS_EXCEPTION(ServiceError, svc.update(c.id, p));
    QCOMPARE(svc.get(c.id).name, QStringLiteral("Stable"));
    QVERIFY(!m_file->db().inTransaction());
}

QTEST_GUILESS_MAIN(TestCustomerService)
#include "tst_customerservice.moc"
