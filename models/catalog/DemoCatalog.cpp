// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/catalog/DemoCatalog.h"

#include "models/catalog/CatalogService.h"

#include <QFile>

namespace orb {

void addDemoCatalog(CompanyFile &file, const Clock &clock)
{
    QFile source(QStringLiteral(":/catalog/northwind-catalog.json"));
    if (!source.open(QIODevice::ReadOnly))
        throw std::logic_error("the demo catalog is missing from the program's resources");
    CatalogService(file, clock).importCatalog(source.readAll());
}

} // namespace orb
