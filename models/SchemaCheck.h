// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace orb {

class Database;

/// One numbered migration compiled into the program.
struct Migration {
    int version = 0;
    QString name;
    QString resource;

    /// The migration's SQL script; throws ServiceError when it is missing from the build.
    QString script() const;
};

/// One object of an SQLite schema as sqlite_schema stores it.
struct SchemaObject {
    QString type; ///< table, index, trigger or view
    QString name;
    QString table; ///< the table an index or trigger belongs to
    QString sql;   ///< empty for SQLite's own automatic indexes
};

/**
 * The company file's schema is Orb's, exactly. A company file is data, never code: a trigger,
 * view or altered table added with another tool would run (or read differently) whenever Orb
 * writes, so a file is compared, object by object and with its SQL, against the schema Orb's own
 * migrations create for the file's version. That schema is derived by running the migrations
 * into an in-memory database (once per version and process), never written down by hand, so
 * a new migration needs no second edit here.
 */
class SchemaCheck final
{
public:
    /// Every migration of this build, in order.
    static QList<Migration> migrations();
    /// What Orb's migrations 1..version create (cached; thread-safe).
    static QList<SchemaObject> expected(int version);
    /// What a connection's main database holds (without sqlite_stat tables, see the .cpp).
    static QList<SchemaObject> actual(const Database &db);
    /**
     * Every object that differs between the two, one line each for people:
     * `an unknown trigger "x" on customers`, `the index "y" was altered`, `the table "z" is
     * missing`. Empty when the schema is Orb's exactly.
     */
    static QStringList differences(const QList<SchemaObject> &actual, const QList<SchemaObject> &expected);
    /// differences(actual(db), expected(version)).
    static QStringList check(const Database &db, int version);
};

} // namespace orb
