// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QImage>
#include <QLocale>
#include <QString>
#include <QStringList>

namespace orb {

class CompanyFile;

/**
 * Who sends the documents, as the company set it up: name, address, tax id, e-mail, logo,
 * payment instructions, footer and the locale amounts and dates are written in. The logo,
 * payment instructions and footer are company-file settings (documents.logo,
 * documents.payment_instructions, documents.footer).
 */
struct DocumentIdentity {
    QString name;
    QStringList lines; ///< address lines, "Tax ID ...", e-mail
    QImage logo;
    QString paymentInstructions;
    QString footer;
    QLocale locale;

    /// Reads the company's settings; throws ServiceError(InvalidInput) when a logo is set but
    /// cannot be read as an image, naming the setting and the file.
    static DocumentIdentity fromCompany(const CompanyFile &file);
};

} // namespace orb
