// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <QVariantList>

namespace orb {

class BackgroundReader;

/**
 * Reads an ordered list of row ids for a big table model on a BackgroundReader (a thread of its
 * own, with its own read-only connection to the company file or server), so that opening, filtering or sorting a table
 * of millions of rows never blocks the window (Qt SQL connections belong to one thread, and
 * the company file is WAL, so a reader never waits for the program's writes).
 *
 * Only the latest request matters: load() supersedes every earlier one. A request still waiting
 * is never run, a running one is interrupted, and a result that arrives anyway is dropped by
 * its generation number. loaded() and failed() are emitted on the loader's own thread.
 */
class RowIdLoader final : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool loading READ isLoading NOTIFY loadingChanged)

public:
    /// One id-list statement: its first column is the row id; binds are text or integers. The
    /// statement is run as written (with `?` marks) on a file, and on a server as PostgreSQL
    /// reads it, so it keeps to what both understand (the models choose per engine).
    struct Query {
        QString sql;
        QVariantList binds;
        /// The statement leaves the order open: the ids are put highest first afterwards
        /// (newest first; cheaper than an ORDER BY when the ids come from a narrow index).
        bool highestFirst = false;
        /// What is being listed, for messages ("the invoices").
        QString what;
    };

    /// A loader for the company file at `path`; its thread starts with the first load().
    explicit RowIdLoader(const QString &path, QObject *parent = nullptr);
    ~RowIdLoader() override;

    /// Starts reading `query`'s ids in the background; supersedes any earlier request.
    void load(const Query &query);
    /// True from load() until its result (or failure) has been delivered.
    bool isLoading() const;
    /// The number of the latest request (counts up from 1).
    quint64 generation() const { return m_generation; }

signals:
    /// The ids of the latest request, in order.
    void loaded(const QList<qint64> &ids);
    /// The latest request failed; the message names what could not be listed and why.
    void failed(const QString &message);
    void loadingChanged(bool loading);

private:
    BackgroundReader *m_reader;
    quint64 m_generation = 0;
};

} // namespace orb
