// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QStringList>
#include <QTextStream>

namespace orb::cli {

/// Prints rows as an aligned text table for people (columns padded to their widest cell).
class TablePrinter final
{
public:
    explicit TablePrinter(QStringList headers) : m_headers(std::move(headers)) {}
    void addRow(const QStringList &cells) { m_rows.append(cells); }
    /// Right-align a column (amounts).
    void alignRight(int column) { m_right.append(column); }
    void print(QTextStream &out) const;

private:
    QStringList m_headers;
    QList<QStringList> m_rows;
    QList<int> m_right;
};

/// Prints "key: value" lines with the keys aligned.
void printFields(QTextStream &out, const QList<QPair<QString, QString>> &fields);

} // namespace orb::cli
