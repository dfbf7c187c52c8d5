// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/documents/DocumentIdentity.h"

#include "engine/Customer.h"
#include "models/CompanyFile.h"
#include "models/StorageError.h"
#include "ui/documents/DocumentFormat.h"
#include "ui/documents/DocumentLanguage.h"

#include <QImageReader>
#include <QRegularExpression>

namespace orb {

QStringList DocumentIdentity::lines(const DocumentLanguage &language) const
{
    QStringList out = addressLines;
    if (!taxId.isEmpty())
        out << taxIdLine(language, taxId);
    if (!email.isEmpty())
        out << email;
    return out;
}

QString DocumentIdentity::taxIdLine(const DocumentLanguage &language, const QString &value, const QString &type)
{
    static const QRegularExpression euVat(QStringLiteral("^[A-Z]{2}[0-9A-Z]{8,12}$"));
    const bool vat = type.isEmpty() ? euVat.match(value).hasMatch() : type.endsWith(QLatin1String("_vat"));
    return vat ? language.translate("orb::DocumentIdentity", "VAT ID %1").arg(value) : language.translate("orb::DocumentIdentity", "Tax ID %1").arg(value);
}

QLocale DocumentIdentity::localeFor(const QString &documentLanguage) const
{
    if (documentLanguage.isEmpty())
        return locale;
    const QLocale wanted(documentLanguage);
    // A bare language that is the company's own keeps the company's territory ("de" for a
    // company in Switzerland stays de_CH); another language takes its default (en: en_US).
    if (!documentLanguage.contains(QLatin1Char('_')) && wanted.language() == locale.language())
        return locale;
    return wanted;
}

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
    id.addressLines = a.lines();
    id.taxId = s.taxId;
    id.email = s.email;
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
