// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonArray>
#include <QList>
#include <QString>
#include <QTextStream>

namespace orb::cli {

class CliContext;
class CommandLine;

/**
 * The pages of a list verb, as Orb's API pages its lists: `--limit N` rows a page, and
 * `--cursor C` continues after the page whose `pagination_metadata.next_cursor` was C;
 * `has_more` is true on every page but the last. The cursor is opaque to scripts: it names
 * its list and the last row of its page (that row's sort key, so rows added or removed
 * elsewhere between two pages neither repeat nor go missing), or for a list that pages by
 * position, the position.
 *
 * Use: the constructor adds the options, read() takes them after CommandLine::parse(); the
 * verb reads the rows after after() (limit() + 1 of them from storage, or the whole list
 * held in memory), passes them through trim() or slice(), and prints them with printJson()
 * or, for people, ends its table with printMore().
 */
class Paging final
{
public:
    /// defaultLimit 0: without --limit, the whole list on one page.
    Paging(CommandLine &cl, int defaultLimit = 0, int maxLimit = 10000);

    void read(const CommandLine &cl);

    /// Rows a page; 0 for the whole list.
    int limit() const { return m_limit; }
    /// The sort key of the previous page's last row; empty on the first page.
    const QString &after() const { return m_after; }
    bool hasMore() const { return m_hasMore; }
    QString nextCursor() const;

    /// Rows read from storage, at most limit() + 1 of them after after(): the page, noting
    /// whether the extra row said there is more.
    template <class T, class KeyFn>
    QList<T> trim(QList<T> rows, KeyFn key)
    {
        m_hasMore = m_limit > 0 && rows.size() > m_limit;
        if (m_hasMore)
            rows.resize(m_limit);
        m_next = m_hasMore ? key(rows.last()) : QString();
        return rows;
    }

    /// The whole list, held in memory in its order: the page after the row whose key is
    /// after(). A cursor whose row is gone is invalid input (the list has to start again).
    template <class T, class KeyFn>
    QList<T> slice(const QList<T> &all, KeyFn key)
    {
        qsizetype start = 0;
        if (!m_after.isEmpty()) {
            start = -1;
            for (qsizetype i = 0; i < all.size() && start < 0; ++i)
                if (key(all.at(i)) == m_after)
                    start = i + 1;
            if (start < 0)
                rowGone();
        }
        return trim(all.mid(start, m_limit > 0 ? m_limit + 1 : -1), key);
    }

    /// after() for a list keyed by a number (a sequence); 0 on the first page.
    qint64 afterNumber() const;

    /// A page by position (for lists whose order has no unique key): the offset to read from.
    qsizetype offset() const;
    /// After reading limit() rows at offset(): whether there were `total` in all.
    void setTotal(qsizetype pageSize, qsizetype total);

    /// `{"data": [...], "pagination_metadata": {"has_more", "next_cursor"}}`.
    void printJson(CliContext &ctx, const QJsonArray &data) const;
    /// The line under a table for people: how to ask for the next page, when there is one.
    void printMore(QTextStream &out) const;

private:
    [[noreturn]] void rowGone() const;

    QString m_list; ///< "invoices list": a cursor belongs to one list
    int m_defaultLimit = 0;
    int m_maxLimit = 0;
    int m_limit = 0;
    QString m_cursor;
    QString m_after;
    bool m_hasMore = false;
    QString m_next;
};

} // namespace orb::cli
