// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/documents/DocumentFormat.h"

#include "engine/Currency.h"
#include "engine/Money.h"

#include <QRegularExpression>

namespace orb {

DocumentFormat::DocumentFormat(const QLocale &locale) : m_locale(locale), m_dateFormat(locale.dateFormat(QLocale::ShortFormat))
{
    // Two-digit years are ambiguous on a document that is kept for years.
    if (!m_dateFormat.contains(QLatin1String("yyyy")))
        m_dateFormat.replace(QRegularExpression(QStringLiteral("y+")), QStringLiteral("yyyy"));
}

QLocale DocumentFormat::localeFor(const QString &name)
{
    const QLocale l(name);
    if (name.isEmpty() || (l.language() == QLocale::C && name != QLatin1String("C")))
        return QLocale(QLocale::English, QLocale::UnitedStates);
    return l;
}

QString DocumentFormat::money(const Decimal &amount, const QString &currency) const
{
    const auto c = Currency::fromCode(currency);
    if (!c)
        return formatDecimal(amount, m_locale) + QLatin1Char(' ') + currency;
    return Money(amount, *c).format(m_locale);
}

QString DocumentFormat::money(const QString &amount, const QString &currency) const
{
    if (amount.isEmpty())
        return {};
    const auto d = Decimal::tryParse(amount);
    return d ? money(*d, currency) : amount;
}

QString DocumentFormat::quantity(const Decimal &q) const
{
    return formatDecimal(q.normalized(), m_locale);
}

QString DocumentFormat::quantity(const QString &q) const
{
    const auto d = Decimal::tryParse(q);
    return d ? quantity(*d) : q;
}

QString DocumentFormat::date(QDate d) const
{
    return d.isValid() ? m_locale.toString(d, m_dateFormat) : QString();
}

QString DocumentFormat::range(QDate first, QDate last) const
{
    if (!first.isValid())
        return {};
    if (first == last)
        return date(first);
    return date(first) + QStringLiteral(" – ") + date(last);
}

QString DocumentFormat::percent(const QString &percentage) const
{
    const auto d = Decimal::tryParse(percentage);
    return (d ? formatDecimal(d->normalized(), m_locale) : percentage) + QStringLiteral("%");
}

} // namespace orb
