// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Decimal.h"

#include <QDate>
#include <QLocale>
#include <QString>

namespace orb {

/**
 * Amounts, quantities and dates as a document shows them in the company's document locale
 * ("$1,234.50" and "3/1/2026" for en_US, "1.234,50 €" and "01.03.2026" for de_DE). Amounts
 * keep every digit they have (a unit price of 0.00001 stays exact), and at least the
 * currency's minor unit.
 */
class DocumentFormat final
{
public:
    explicit DocumentFormat(const QLocale &locale);
    /// The locale of a name such as "de_DE"; the C locale's English defaults when unknown.
    static QLocale localeFor(const QString &name);

    const QLocale &locale() const { return m_locale; }
    QString money(const Decimal &amount, const QString &currency) const;
    /// A decimal string from a stored document ("12.5"); empty stays empty.
    QString money(const QString &amount, const QString &currency) const;
    QString quantity(const Decimal &q) const;
    QString quantity(const QString &q) const;
    /// The locale's short date with a four-digit year.
    QString date(QDate d) const;
    /// An inclusive range of days, "3/1/2026 – 3/31/2026".
    QString range(QDate first, QDate last) const;
    QString percent(const QString &percentage) const;

private:
    QLocale m_locale;
    QString m_dateFormat;
};

} // namespace orb
