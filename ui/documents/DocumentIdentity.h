// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QImage>
#include <QLocale>
#include <QString>
#include <QStringList>

namespace orb {

class CompanyFile;
class DocumentLanguage;

/**
 * Who sends the documents, as the company set it up: name, address, tax id, e-mail, logo,
 * payment instructions, footer and the locale amounts and dates are written in. The logo,
 * payment instructions and footer are company-file settings (documents.logo,
 * documents.payment_instructions, documents.footer).
 */
struct DocumentIdentity {
    QString name;
    QStringList addressLines;
    QString taxId;
    QString email;
    QImage logo;
    QString paymentInstructions;
    QString footer;
    QLocale locale; ///< the company's document locale

    /// Address lines, "Tax ID ..." in the document's language, e-mail.
    QStringList lines(const DocumentLanguage &language) const;
    /// "VAT ID DE123456789" for a VAT number (a type ending in _vat, or without a type a value
    /// in the EU's form), else "Tax ID 84-2345678", in the document's language.
    static QString taxIdLine(const DocumentLanguage &language, const QString &value, const QString &type = {});
    /// The locale a customer's documents are written in: their document language ("de",
    /// "de_CH") when set, else the company's.
    QLocale localeFor(const QString &documentLanguage) const;

    /// Reads the company's settings; throws ServiceError(InvalidInput) when a logo is set but
    /// cannot be read as an image, naming the setting and the file.
    static DocumentIdentity fromCompany(const CompanyFile &file);
};

} // namespace orb
