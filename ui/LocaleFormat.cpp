// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/LocaleFormat.h"

#include "engine/Currency.h"
#include "engine/Money.h"
#include "models/billing/BillingRecords.h"

#include <QCoreApplication>

namespace orb {

namespace {

int minorDigits(const QString &currency)
{
    const auto c = Currency::fromCode(currency);
    return c ? c->minorUnits() : 2;
}

QString tr(const char *text)
{
    return QCoreApplication::translate("orb::LocaleFormat", text);
}

bool isSpace(QChar c)
{
    return c.isSpace() || c == QChar(0x00A0) || c == QChar(0x202F);
}

} // namespace

QString LocaleFormat::money(const Decimal &amount, const QString &currency, const QLocale &locale)
{
    return displayMoney(amount, currency, locale);
}

QString LocaleFormat::unitPrice(const Decimal &price, const QString &currency, const QLocale &locale)
{
    const auto c = Currency::fromCode(currency);
    if (!c)
        return formatDecimal(price, locale) + QLatin1Char(' ') + currency;
    return Money(price, *c).format(locale);
}

QString LocaleFormat::amount(const Decimal &amount, const QString &currency, const QLocale &locale)
{
    return formatDecimal(amount.rounded(minorDigits(currency)), locale);
}

std::optional<Decimal> LocaleFormat::parseAmount(const QString &text, const QString &currency, const QLocale &locale, QString *error)
{
    return parse(text, currency, minorDigits(currency), locale, error);
}

std::optional<Decimal> LocaleFormat::parseDecimal(const QString &text, const QLocale &locale, QString *error)
{
    return parse(text, QString(), -1, locale, error);
}

QString LocaleFormat::decimal(const Decimal &value, const QLocale &locale)
{
    return formatDecimal(value, locale);
}

QString LocaleFormat::editDecimal(const Decimal &value, const QLocale &locale)
{
    QLocale plain = locale;
    plain.setNumberOptions(locale.numberOptions() | QLocale::OmitGroupSeparator);
    return formatDecimal(value, plain);
}

QString LocaleFormat::count(qint64 n, const QLocale &locale)
{
    return locale.toString(n);
}

QString LocaleFormat::percent(const Decimal &percent, const QLocale &locale)
{
    // English writes "7.25%"; German, French and most others set the sign apart ("7,25 %").
    const QString number = formatDecimal(percent, locale);
    if (locale.language() == QLocale::English || locale.language() == QLocale::C)
        return number + QLatin1Char('%');
    return number + QChar(0x00A0) + QLatin1Char('%');
}

QString LocaleFormat::canonicalDecimal(const QString &typed, const QLocale &locale)
{
    const QString t = typed.trimmed();
    if (t.isEmpty())
        return t;
    if (const auto d = parseDecimal(t, locale))
        return d->toString();
    return t;
}

QString LocaleFormat::decimalText(const QString &canonical, const QLocale &locale)
{
    if (const auto d = Decimal::tryParse(canonical.trimmed()))
        return editDecimal(*d, locale);
    return canonical;
}

std::optional<Decimal> LocaleFormat::parse(const QString &text, const QString &currency, int maxPlaces, const QLocale &locale, QString *error)
{
    auto fail = [&](const QString &why) -> std::optional<Decimal> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    QString s = text.trimmed();
    // The currency may be typed with the amount, as the window shows it.
    if (!currency.isEmpty())
        for (const QString &mark : {Money::currencySymbol(currency, locale), currency})
            if (!mark.isEmpty())
                s.replace(mark, QString());
    QString compact;
    for (QChar c : s)
        if (!isSpace(c))
            compact += c;
    if (compact.isEmpty())
        return fail(maxPlaces < 0 ? tr("Enter a number.") : tr("Enter an amount."));
    bool negative = false;
    if (compact.startsWith(locale.negativeSign()) || compact.startsWith(QLatin1Char('-'))) {
        negative = true;
        compact.remove(0, 1);
    }
    const QString point = locale.decimalPoint();
    const QString group = locale.groupSeparator();
    const qsizetype at = compact.indexOf(point);
    if (at >= 0 && compact.indexOf(point, at + point.size()) >= 0)
        return fail(tr("\"%1\" has more than one decimal mark (%2).").arg(text, point));
    const QString whole = at < 0 ? compact : compact.left(at);
    const QString fraction = at < 0 ? QString() : compact.mid(at + point.size());
    const QString example = formatDecimal(maxPlaces < 0 ? Decimal::parse("1234.5") : Decimal::parse("1234.5").rounded(maxPlaces), locale);
    for (QChar c : fraction)
        if (!c.isDigit())
            return fail(tr("\"%1\" is not an amount like %2.").arg(text, example));
    // Group marks are optional, but where they are typed they must group by threes: in a
    // locale whose decimal mark is a comma, "5.00" is a mistake, not five.
    QString digits;
    const QStringList groups = group.isEmpty() ? QStringList{whole} : whole.split(group);
    for (int i = 0; i < groups.size(); ++i) {
        const QString &g = groups[i];
        // A grouped number never starts with a 0 ("0,002" in English is a mistyped 0.002, not 2).
        if (g.isEmpty() || (groups.size() > 1 && ((i == 0 && (g.size() > 3 || g.startsWith(QLatin1Char('0')))) || (i > 0 && g.size() != 3))))
            return fail(tr("\"%1\" is not an amount like %2 (the decimal mark is \"%3\").").arg(text, example, point));
        for (QChar c : g)
            if (!c.isDigit())
                return fail(tr("\"%1\" is not an amount like %2.").arg(text, example));
        digits += g;
    }
    const int places = maxPlaces;
    if (places >= 0 && fraction.size() > places)
        return fail(places == 0 ? tr("%1 amounts have no decimal places: \"%2\".").arg(currency, text)
                                : tr("%1 amounts have at most %2 decimal places: \"%3\".").arg(currency).arg(places).arg(text));
    QString plain = (negative ? QStringLiteral("-") : QString()) + digits;
    if (!fraction.isEmpty())
        plain += QLatin1Char('.') + fraction;
    QString why;
    const auto value = Decimal::tryParse(plain, &why);
    if (!value)
        return fail(tr("\"%1\" is not an amount: %2").arg(text, why));
    return places < 0 ? *value : value->rounded(std::max(places, int(value->scale())));
}

QString LocaleFormat::dateFormat(const QLocale &locale)
{
    return displayDateFormat(locale);
}

QString LocaleFormat::date(QDate date, const QLocale &locale)
{
    return displayDate(date, locale);
}

QString LocaleFormat::period(QDate start, QDate endExclusive, const QLocale &locale)
{
    return displayPeriod(start, endExclusive, locale);
}

QString LocaleFormat::monthYear(QDate date, const QLocale &locale)
{
    return date.isValid() ? QStringLiteral("%1 %2").arg(locale.standaloneMonthName(date.month()), QString::number(date.year())) : QString();
}

} // namespace orb
