// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace orb::billing {

/**
 * Gap-free document numbers: the company prefix, then for credit notes a series tag, then the
 * counter zero-padded: NW-000123, NW-CN-000004. A counter wider than the padding keeps every
 * digit (NW-1234567). Pure: the store keeps the counters and asks next() inside the transaction
 * that issues the document.
 */
class InvoiceNumbering final
{
public:
    enum class Series { Invoice, CreditNote };

    /// A parsed number.
    struct Number {
        Series series = Series::Invoice;
        qint64 counter = 0;
        bool operator==(const Number &o) const { return series == o.series && counter == o.counter; }
    };

    /// Throws std::invalid_argument for an invalid prefix or tag (see isValidPrefix) or a
    /// padding outside 1..18.
    explicit InvoiceNumbering(QString prefix, int padding = 6, QString creditNoteTag = QStringLiteral("CN"));

    /// 1–16 characters A–Z, 0–9, no separator at either end; '-' allowed inside.
    static bool isValidPrefix(QStringView prefix);

    const QString &prefix() const { return m_prefix; }
    int padding() const { return m_padding; }
    const QString &creditNoteTag() const { return m_tag; }

    /// The number for a counter ≥ 1. Throws std::invalid_argument otherwise.
    QString format(qint64 counter, Series series = Series::Invoice) const;
    /// The series and counter of a number of this company; nothing if it is not one.
    std::optional<Number> parse(QStringView text) const;
    /// The counter after the last one issued (1 when none has been).
    static qint64 next(std::optional<qint64> lastIssued);
    /// Counters missing from 1..max of the issued ones, ascending (an audit: should be empty).
    static QList<qint64> gaps(QList<qint64> issued);

private:
    QString m_prefix;
    int m_padding;
    QString m_tag;
};

} // namespace orb::billing
