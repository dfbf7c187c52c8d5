// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/billing/InvoiceNumbering.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace orb::billing {

bool InvoiceNumbering::isValidPrefix(QStringView prefix)
{
    if (prefix.isEmpty() || prefix.size() > 16 || prefix.startsWith(u'-') || prefix.endsWith(u'-'))
        return false;
    return std::all_of(prefix.begin(), prefix.end(), [](QChar ch) { return (ch >= u'A' && ch <= u'Z') || (ch >= u'0' && ch <= u'9') || ch == u'-'; });
}

InvoiceNumbering::InvoiceNumbering(QString prefix, int padding, QString creditNoteTag)
    : m_prefix(std::move(prefix)), m_padding(padding), m_tag(std::move(creditNoteTag))
{
    if (!isValidPrefix(m_prefix))
        throw std::invalid_argument("an invoice prefix is 1 to 16 of A-Z, 0-9 and inner dashes");
    if (!isValidPrefix(m_tag))
        throw std::invalid_argument("a credit note tag is 1 to 16 of A-Z, 0-9 and inner dashes");
    if (m_padding < 1 || m_padding > 18)
        throw std::invalid_argument("the padding is 1 to 18 digits");
}

QString InvoiceNumbering::format(qint64 counter, Series series) const
{
    if (counter < 1)
        throw std::invalid_argument("document counters start at 1");
    QString out = m_prefix + u'-';
    if (series == Series::CreditNote)
        out += m_tag + u'-';
    return out + QStringLiteral("%1").arg(counter, m_padding, 10, QLatin1Char('0'));
}

std::optional<InvoiceNumbering::Number> InvoiceNumbering::parse(QStringView text) const
{
    const QString head = m_prefix + u'-';
    if (!text.startsWith(head))
        return std::nullopt;
    QStringView rest = text.mid(head.size());
    Number n;
    const QString tag = m_tag + u'-';
    if (rest.startsWith(tag)) {
        n.series = Series::CreditNote;
        rest = rest.mid(tag.size());
    }
    // Exactly the padding, or more digits without a leading zero: the one way format() writes
    // each counter, so two spellings never name the same document.
    if (rest.size() < m_padding || (rest.size() > m_padding && rest.startsWith(u'0')))
        return std::nullopt;
    if (!std::all_of(rest.begin(), rest.end(), [](QChar ch) { return ch >= u'0' && ch <= u'9'; }))
        return std::nullopt;
    bool ok = false;
    n.counter = rest.toLongLong(&ok);
    if (!ok || n.counter < 1)
        return std::nullopt;
    return n;
}

qint64 InvoiceNumbering::next(std::optional<qint64> lastIssued)
{
    if (!lastIssued)
        return 1;
    if (*lastIssued < 1 || *lastIssued == std::numeric_limits<qint64>::max())
        throw std::invalid_argument("the last issued counter is out of range");
    return *lastIssued + 1;
}

QList<qint64> InvoiceNumbering::gaps(QList<qint64> issued)
{
    std::sort(issued.begin(), issued.end());
    QList<qint64> missing;
    qint64 expected = 1;
    for (qint64 n : issued) {
        if (n < expected)
            continue; // a duplicate; not a gap
        for (; expected < n; ++expected)
            missing.append(expected);
        expected = n + 1;
    }
    return missing;
}

} // namespace orb::billing
