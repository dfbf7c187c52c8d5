// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/DemoCompany.h"

#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/CustomerService.h"
#include "models/StorageError.h"
#include "models/billing/DemoBilling.h"
#include "models/catalog/DemoCatalog.h"
#include "models/usage/DemoUsage.h"

#include <QFile>

namespace orb {

namespace {

struct DemoCustomer {
    const char *name;
    const char *externalId;
    const char *email;
    const char *currency;
    const char *timezone;
    const char *line1;
    const char *city;
    const char *postalCode;
    const char *state;
    const char *country;
    const char *taxType;
    const char *taxValue;
    int netTerms;
};

constexpr DemoCustomer kCustomers[] = {
    {"Acme Robotics Inc.", "acme", "billing@acme-robotics.example", "USD", "America/Los_Angeles", "1200 Harbor Blvd", "San Francisco", "94107", "CA", "US",
     "us_ein", "94-1234567", 30},
    {"Brightline Logistics GmbH", "brightline", "rechnungen@brightline.example", "EUR", "Europe/Berlin", "Friedrichstraße 68", "Berlin", "10117", "", "DE",
     "eu_vat", "DE123456789", 14},
    {"Copperleaf Studios Ltd", "copperleaf", "accounts@copperleaf.example", "GBP", "Europe/London", "22 Shoreditch High St", "London", "E1 6PG", "", "GB",
     "gb_vat", "GB123456789", 30},
    {"Daybreak Health", "daybreak", "ap@daybreakhealth.example", "USD", "America/New_York", "400 Atlantic Ave", "Boston", "02110", "MA", "US", "", "", 45},
    {"Ember & Oak Coffee Co.", "ember-oak", "hello@emberoak.example", "USD", "America/Chicago", "15 W Hubbard St", "Chicago", "60654", "IL", "US", "", "", 15},
    {"Fjordline Data AS", "fjordline", "faktura@fjordline.example", "NOK", "Europe/Oslo", "Karl Johans gate 7", "Oslo", "0154", "", "NO", "no_vat",
     "123456789MVA", 30},
    {"Gingko Learning KK", "gingko", "keiri@gingko.example", "JPY", "Asia/Tokyo", "2-1-1 Nihonbashi", "Tokyo", "103-0027", "", "JP", "jp_cn", "1234567890123",
     30},
    {"Harbor Freight Analytics", "harbor", "finance@harborfa.example", "USD", "America/Denver", "1801 California St", "Denver", "80202", "CO", "US", "", "",
     30},
    {"Iris Payments BV", "iris", "billing@irispay.example", "EUR", "Europe/Amsterdam", "Herengracht 182", "Amsterdam", "1016 BR", "", "NL", "eu_vat",
     "NL123456789B01", 30},
    {"Juniper Mobility Pty", "juniper", "accounts@junipermobility.example", "AUD", "Australia/Sydney", "1 Martin Pl", "Sydney", "2000", "NSW", "AU", "au_abn",
     "12345678901", 30},
    {"Kestrel Security Inc.", "kestrel", "ap@kestrelsec.example", "USD", "America/Los_Angeles", "500 Howard St", "San Francisco", "94105", "CA", "US", "", "",
     60},
    {"Lumen Retail SA", "lumen", "compta@lumenretail.example", "EUR", "Europe/Paris", "8 Rue de Rivoli", "Paris", "75004", "", "FR", "eu_vat", "FR12345678901",
     30},
};

} // namespace

std::unique_ptr<CompanyFile> DemoCompany::create(const QString &path, const Clock &clock, bool withBilling)
{
    CompanySettings s;
    s.name = QStringLiteral("Northwind Analytics LLC");
    s.email = QStringLiteral("billing@northwind-analytics.example");
    s.addressLine1 = QStringLiteral("350 Mission St, Suite 1200");
    s.city = QStringLiteral("San Francisco");
    s.state = QStringLiteral("CA");
    s.postalCode = QStringLiteral("94105");
    s.country = QStringLiteral("US");
    s.taxId = QStringLiteral("EIN 84-2345678");
    s.defaultCurrency = QStringLiteral("USD");
    s.timezone = QStringLiteral("America/Los_Angeles");
    s.invoicePrefix = QStringLiteral("NW-");
    s.documentLocale = QStringLiteral("en_US");
    auto file = CompanyFile::create(path, s, clock);
    try {
        CustomerService customers(*file, clock);
        for (const DemoCustomer &d : kCustomers) {
            Customer c;
            c.name = QString::fromUtf8(d.name);
            c.externalCustomerId = QString::fromUtf8(d.externalId);
            c.email = QString::fromUtf8(d.email);
            c.currency = QString::fromUtf8(d.currency);
            c.timezone = QString::fromUtf8(d.timezone);
            c.billingAddress.line1 = QString::fromUtf8(d.line1);
            c.billingAddress.city = QString::fromUtf8(d.city);
            c.billingAddress.postalCode = QString::fromUtf8(d.postalCode);
            c.billingAddress.state = QString::fromUtf8(d.state);
            c.billingAddress.country = QString::fromUtf8(d.country);
            if (*d.taxType)
                c.taxId = {QString::fromUtf8(d.country), QString::fromUtf8(d.taxType), QString::fromUtf8(d.taxValue)};
            c.netTerms = d.netTerms;
            c.metadata.insert(QStringLiteral("segment"), d.netTerms >= 45 ? QStringLiteral("enterprise") : QStringLiteral("growth"));
            customers.create(c);
        }
        addDemoCatalog(*file, clock);
        addDemoUsage(*file, clock);
        if (withBilling)
            addDemoBilling(*file, clock);
    } catch (...) {
        const QString p = file->path();
        file.reset();
        QFile::remove(p);
        QFile::remove(p + QStringLiteral("-wal"));
        QFile::remove(p + QStringLiteral("-shm"));
        throw;
    }
    return file;
}

} // namespace orb
