// SPDX-License-Identifier: GPL-3.0-or-later
// A catalog file through CatalogParser against a real company file (created once per
// process, with the demo catalog in it so that references resolve both ways). The parser
// only reads: it must report broken rules, never crash or throw.
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/catalog/CatalogParser.h"
#include "models/catalog/DemoCatalog.h"

#include <QCoreApplication>
#include <QTemporaryDir>

#include <cstdint>
#include <cstdlib>

namespace {
int argc = 1;
char arg0[] = "fuzz_catalog_parser";
char *argv[] = {arg0, nullptr};
QCoreApplication *app = nullptr;
QTemporaryDir *dir = nullptr;
// Never destroyed: it would outlive Qt SQL's globals at exit. Reachable, so not a leak.
orb::CompanyFile *company = nullptr;

void setUp()
{
    app = new QCoreApplication(argc, argv);
    dir = new QTemporaryDir();
    orb::CompanySettings s;
    s.name = QStringLiteral("Fuzz Co");
    s.defaultCurrency = QStringLiteral("USD");
    s.timezone = QStringLiteral("UTC");
    s.invoicePrefix = QStringLiteral("F");
    s.documentLocale = QStringLiteral("en_US");
    company = orb::CompanyFile::create(dir->filePath(QStringLiteral("fuzz.orb")), s, orb::SystemClock()).release();
    orb::addDemoCatalog(*company, orb::SystemClock());
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!app)
        setUp();
    orb::CatalogParser parser(company->db());
    orb::FieldErrors errors;
    parser.parseFile(QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)), &errors);
    return 0;
}
