// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/documents/DocumentIdentity.h"

#include "engine/Customer.h"
#include "models/CompanyFile.h"
#include "models/StorageError.h"
#include "ui/documents/DocumentFormat.h"

#include <QImageReader>

namespace orb {

DocumentIdentity DocumentIdentity::fromCompany(const CompanyFile &file)
{
    const CompanySettings s = file.settings();
    DocumentIdentity id;
    id.name = s.name;
    Address a;
    a.line1 = s.addressLine1;
    a.line2 = s.addressLine2;
    a.city = s.city;
    a.state = s.state;
    a.postalCode = s.postalCode;
    a.country = s.country;
    id.lines = a.lines();
    if (!s.taxId.isEmpty())
        id.lines << QStringLiteral("Tax ID %1").arg(s.taxId);
    if (!s.email.isEmpty())
        id.lines << s.email;
    id.locale = DocumentFormat::localeFor(s.documentLocale);
    id.paymentInstructions = file.setting(QStringLiteral("documents.payment_instructions"));
    id.footer = file.setting(QStringLiteral("documents.footer"));
    const QString logo = file.setting(QStringLiteral("documents.logo"));
    if (!logo.isEmpty()) {
        QImageReader reader(logo);
        id.logo = reader.read();
        if (id.logo.isNull())
            throw ServiceError::invalid(QStringLiteral("setting documents.logo: cannot read \"%1\" as an image (%2)").arg(logo, reader.errorString()));
    }
    return id;
}

} // namespace orb
