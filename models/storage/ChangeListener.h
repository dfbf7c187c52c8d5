// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QStringList>

namespace orb {

class Database;

/**
 * Hears of other people's committed changes to a server company: LISTENs on the connection's
 * change channel (Database::changeChannel(); every read-write transaction NOTIFYs it at commit
 * with the tables it wrote) and emits changed() for each change made through another
 * connection, so that open screens read again without a reload by hand. A company file has no
 * such channel: listening() is false and nothing is emitted. Lives on the connection's thread.
 */
class ChangeListener final : public QObject
{
    Q_OBJECT
public:
    explicit ChangeListener(Database &db, QObject *parent = nullptr);
    ~ChangeListener() override;

    bool listening() const { return m_listening; }

signals:
    /// Another connection committed changes to these tables (lower case, e.g. "customers").
    void changed(const QStringList &tables);

private:
    Database &m_db;
    bool m_listening = false;
};

} // namespace orb
