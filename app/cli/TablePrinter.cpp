// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/TablePrinter.h"

namespace orb::cli {

void TablePrinter::print(QTextStream &out) const
{
    QList<qsizetype> widths(m_headers.size(), 0);
    for (int i = 0; i < m_headers.size(); ++i)
        widths[i] = m_headers[i].size();
    for (const QStringList &row : m_rows)
        for (int i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], row[i].size());
    auto printRow = [&](const QStringList &cells) {
        QString text;
        for (int i = 0; i < widths.size(); ++i) {
            const QString cell = cells.value(i);
            const bool last = i == widths.size() - 1;
            if (m_right.contains(i))
                text += cell.rightJustified(widths[i]);
            else
                text += last ? cell : cell.leftJustified(widths[i]);
            if (!last)
                text += QStringLiteral("  ");
        }
        while (text.endsWith(QLatin1Char(' ')))
            text.chop(1);
        out << text << '\n';
    };
    printRow(m_headers);
    for (const QStringList &row : m_rows)
        printRow(row);
}

void printFields(QTextStream &out, const QList<QPair<QString, QString>> &fields)
{
    qsizetype width = 0;
    for (const auto &f : fields)
        width = std::max(width, f.first.size());
    for (const auto &f : fields)
        out << QString(f.first + QLatin1Char(':')).leftJustified(width + 2) << f.second << '\n';
}

} // namespace orb::cli
