// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

namespace orb {

/// The company's own settings, kept in the company file.
struct CompanySettings {
    QString name;
    QString email;
    QString addressLine1;
    QString addressLine2;
    QString city;
    QString state;
    QString postalCode;
    QString country; ///< ISO 3166-1 alpha-2
    QString taxId;
    QString defaultCurrency = QStringLiteral("USD");
    QString timezone = QStringLiteral("UTC");
    QString invoicePrefix = QStringLiteral("INV-");
    QString documentLocale = QStringLiteral("en_US");
    QDateTime createdAt;
    QDateTime updatedAt;
};

} // namespace orb
