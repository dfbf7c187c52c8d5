// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/usage/StoredEvent.h"

#include <QDateTime>
#include <QList>

namespace orb {

class Clock;
class CompanyFile;

/// What `events search` looks for; empty fields do not filter.
struct EventSearch {
    QString customer; ///< customer id or external id
    QString eventName;
    QDateTime from;
    QDateTime to;
    int limit = 100;
    bool includeAllVersions = false; ///< also superseded, replaced and discarded versions
    /// The next page: only events after this one in the order (newest first: time, then
    /// arrival), given by its time in ms and seq; afterSeq 0 for the first page.
    qint64 afterTsMs = 0;
    qint64 afterSeq = 0;
};

/// Corrections of single events (amend, deprecate) and event search. One transaction each.
class UsageEventService final
{
public:
    UsageEventService(CompanyFile &file, const Clock &clock) : m_file(file), m_clock(clock) {}

    /// The current version of the event with this idempotency key.
    StoredEvent current(const QString &idempotencyKey) const;
    /// Replaces the event's properties with `propertiesJson` (a flat JSON object): the current
    /// version is kept, marked superseded, and a new version takes its place.
    StoredEvent amend(const QString &idempotencyKey, const QByteArray &propertiesJson);
    /// The event stops counting; it is kept.
    StoredEvent deprecate(const QString &idempotencyKey);
    /// Newest first.
    QList<StoredEvent> search(const EventSearch &search) const;

private:
    void ensureUnlocked(const StoredEvent &e, const QString &action) const;
    /// After the insert of the amended version of `e`: its key index entry, its rows of the
    /// customer directory and its month count, on a company file and on a company server.
    void indexAmendmentInFile(const StoredEvent &e);
    void indexAmendmentOnServer(const StoredEvent &e, qint64 seq);
    CompanyFile &m_file;
    const Clock &m_clock;
};

} // namespace orb
