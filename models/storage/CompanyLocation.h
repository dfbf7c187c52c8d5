// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace orb {

/**
 * Where a company lives: an SQLite company file (a path) or a database on a PostgreSQL server
 * (`postgresql://user@host:port/database?sslmode=require`, libpq's URI form; a socket folder
 * goes in `?host=/run/postgresql`). The password is never part of a location: libpq takes it
 * from PGPASSWORD or ~/.pgpass, so it appears in no command line, setting or log.
 */
struct CompanyLocation {
    enum class Kind { File, Server };
    Kind kind = Kind::File;
    QString path;     ///< File: the company file
    QString host;     ///< Server: a host name, an address, or a socket folder (starts with "/")
    int port = 5432;  ///< Server
    QString database; ///< Server
    QString user;     ///< Server; empty: libpq's default (PGUSER, else the login name)
    QString options;  ///< Server: libpq connect options for Qt ("sslmode=require;connect_timeout=10")

    bool isServer() const { return kind == Kind::Server; }
    /// The location as people read it (never a password): the path, or the URI without secrets.
    QString display() const;

    /// Whether `text` names a server ("postgresql://" or "postgres://").
    static bool looksLikeServer(const QString &text);
    /// Parses a path or a server URI; throws ServiceError(InvalidInput) naming what is wrong.
    static CompanyLocation parse(const QString &text);
};

} // namespace orb
