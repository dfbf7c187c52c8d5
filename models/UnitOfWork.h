// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/Database.h"

namespace orb {

/**
 * One business action, one transaction. Construct it before the first write; call commit()
 * when the whole action succeeded. If it goes out of scope uncommitted (an exception, an early
 * return), everything it wrote is rolled back.
 */
class UnitOfWork final
{
public:
    explicit UnitOfWork(Database &db) : m_db(db) { m_db.begin(); }
    ~UnitOfWork()
    {
        if (!m_done)
            m_db.rollback();
    }
    UnitOfWork(const UnitOfWork &) = delete;
    UnitOfWork &operator=(const UnitOfWork &) = delete;

    void commit()
    {
        m_db.commit();
        m_done = true;
    }
    Database &db() { return m_db; }

private:
    Database &m_db;
    bool m_done = false;
};

} // namespace orb
