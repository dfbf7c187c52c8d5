// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Decimal.h"

#include <QDate>
#include <QLocale>
#include <QString>

#include <optional>

namespace orb {

/**
 * How the window writes and reads amounts and dates: in the interface language's locale
 * (QLocale's default, set when the translations are installed), over the engine's exact
 * Decimal and Money. Exports, the CLI and the company file keep their fixed ISO forms; this is
 * only what a person reads and types.
 */
class LocaleFormat final
{
public:
    /// "$180,000.00", "180.000 ¥", "1.234,50 €": the currency's symbol and minor digits.
    static QString money(const Decimal &amount, const QString &currency, const QLocale &locale = QLocale());
    /// A unit price keeps every digit it has beyond the minor unit ("$0.0025").
    static QString unitPrice(const Decimal &price, const QString &currency, const QLocale &locale = QLocale());
    /// The amount alone at the currency's minor digits, grouped ("1,234.50", "1.234,50"): what
    /// an amount field shows for editing.
    static QString amount(const Decimal &amount, const QString &currency, const QLocale &locale = QLocale());
    /**
     * Reads an amount typed in `locale` ("5,00", "1.234,5" in German; "1,234.50" in English),
     * with or without the currency's symbol or code. Group marks must sit between groups of
     * three digits, and the fraction may have at most the currency's minor digits. Returns
     * nothing and the reason in *error otherwise.
     */
    static std::optional<Decimal> parseAmount(const QString &text, const QString &currency, const QLocale &locale = QLocale(), QString *error = nullptr);
    /// A plain decimal (a quantity, a rate, a factor) with every digit it has, grouped, in the
    /// locale's marks ("24.000,00" in German, "24,000.00" in English).
    static QString decimal(const Decimal &value, const QLocale &locale = QLocale());
    /// A decimal as an input field shows it for editing: the locale's decimal mark, no grouping.
    static QString editDecimal(const Decimal &value, const QLocale &locale = QLocale());
    /// A count grouped as the locale groups ("1,000,000", "1.000.000").
    static QString count(qint64 n, const QLocale &locale = QLocale());
    /// A percentage ("7.25%", "7,25 %"): the value is in percent, as stored for tax rates.
    static QString percent(const Decimal &percent, const QLocale &locale = QLocale());
    /**
     * Reads a decimal typed in `locale` as parseAmount does, keeping every digit typed (no
     * currency, no limit on the places). Returns nothing and the reason in *error otherwise.
     */
    static std::optional<Decimal> parseDecimal(const QString &text, const QLocale &locale = QLocale(), QString *error = nullptr);
    /**
     * The canonical decimal text ("24000.50") of what was typed in `locale` ("24.000,50"), for
     * the price configs, which keep decimals as strings; text that is not a decimal in the
     * locale is returned as typed so the catalog's checks name it.
     */
    static QString canonicalDecimal(const QString &typed, const QLocale &locale = QLocale());
    /// The display form of a stored canonical decimal text ("0.0025" → "0,0025"); other text as is.
    static QString decimalText(const QString &canonical, const QLocale &locale = QLocale());
    /// The locale's short date with a four-digit year ("01.09.2026", "9/1/2026").
    static QString dateFormat(const QLocale &locale = QLocale());
    static QString date(QDate date, const QLocale &locale = QLocale());
    /// A half-open billing period [start, end) written as the documents do, with its last day.
    static QString period(QDate start, QDate endExclusive, const QLocale &locale = QLocale());
    /// "December 2026", "Dezember 2026".
    static QString monthYear(QDate date, const QLocale &locale = QLocale());

private:
    static std::optional<Decimal> parse(const QString &text, const QString &currency, int maxPlaces, const QLocale &locale, QString *error);
};

} // namespace orb
