// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/storage/ServerRoles.h"

#include "models/Database.h"
#include "models/StorageError.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QRegularExpression>
#include <QSqlQuery>

#include <sodium.h>

namespace orb {

namespace {

const QList<Role> kGroups{Role::Viewer, Role::Billing, Role::Admin};

QString database(const Database &db)
{
    return db.scalar(QStringLiteral("SELECT current_database()")).toString();
}

QStringList groupNames(const Database &db)
{
    QStringList out;
    for (const Role r : kGroups)
        out << ServerRoles::groupName(db, r);
    return out;
}

/// A login name people can type and the server keeps as given: no quoting surprises, no
/// reserved prefix, not one of the company's own groups.
void checkName(const Database &db, const QString &name)
{
    static const QRegularExpression ok(QStringLiteral("^[A-Za-z_][A-Za-z0-9_.@-]{0,62}$"));
    if (!ok.match(name).hasMatch())
        throw ServiceError::invalid(
            QStringLiteral("user name \"%1\": 1 to 63 letters, digits, \"_\", \".\", \"@\" or \"-\", starting with a letter or \"_\"").arg(name));
    if (name.startsWith(QLatin1String("pg_"), Qt::CaseInsensitive))
        throw ServiceError::invalid(QStringLiteral("user name \"%1\": names starting with pg_ belong to the PostgreSQL server").arg(name));
    if (groupNames(db).contains(name))
        throw ServiceError::invalid(QStringLiteral("user name \"%1\" is one of the company's own group roles").arg(name));
}

void requireSetUp(const Database &db)
{
    if (!ServerRoles::isSetUp(db))
        throw ServiceError::conflict(
            QStringLiteral("the company on %1 has no roles set up yet: its owner runs `orbctl users add` once to set them up").arg(db.path()));
}

int adminsOtherThan(const Database &db, const QString &name)
{
    int n = 0;
    for (const CompanyUser &u : ServerRoles::users(db))
        if (u.role == Role::Admin && u.name != name)
            ++n;
    return n;
}

QByteArray hmac(const QByteArray &key, const QByteArray &message)
{
    return QMessageAuthenticationCode::hash(message, key, QCryptographicHash::Sha256);
}

} // namespace

QString ServerRoles::quoted(const QString &identifier)
{
    QString q = identifier;
    q.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

QString ServerRoles::groupName(const Database &db, Role role)
{
    return database(db) + QLatin1Char('_') + Roles::name(role);
}

bool ServerRoles::isSetUp(const Database &db)
{
    const QStringList names = groupNames(db);
    return db.scalar(QStringLiteral("SELECT COUNT(*) FROM pg_roles WHERE rolname IN (?, ?, ?)"), {names[0], names[1], names[2]}).toInt() == 3;
}

Role ServerRoles::connectionRole(const Database &db)
{
    QSqlQuery q = db.execNative(QStringLiteral("SELECT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user), "
                                               "pg_has_role(current_user, (SELECT datdba FROM pg_database WHERE datname = current_database()), 'MEMBER')"));
    if (q.next() && (q.value(0).toBool() || q.value(1).toBool()))
        return Role::Admin;
    const QStringList names = groupNames(db);
    QSqlQuery g = db.execNative(QStringLiteral("SELECT rolname FROM pg_roles WHERE rolname IN (?, ?, ?) AND pg_has_role(current_user, oid, 'MEMBER')"),
                                {names[0], names[1], names[2]});
    // Read to the end before anything else is asked: the connection streams one result.
    Role best = Role::Viewer;
    while (g.next()) {
        const qsizetype i = names.indexOf(g.value(0).toString());
        if (i >= 0)
            best = std::max(best, kGroups[i]);
    }
    return best;
}

void ServerRoles::setUp(Database &db)
{
    const QString name = database(db);
    // PostgreSQL cuts identifiers at 63 bytes: a longer group name would silently be another's.
    if (name.toUtf8().size() + 8 > 63)
        throw ServiceError::invalid(QStringLiteral("the database name \"%1\" is too long for the company's group roles (at most 55 bytes)").arg(name));
    QSqlQuery may = db.execNative(QStringLiteral("SELECT rolsuper OR rolcreaterole, current_user FROM pg_roles WHERE rolname = current_user"));
    if (!may.next() || !may.value(0).toBool())
        throw ServiceError::conflict(QStringLiteral("setting up the company's roles (%1_admin, _billing, _viewer) needs a database user who may create roles: "
                                                    "`createuser --createrole %2`, or ALTER ROLE %2 CREATEROLE; nothing was changed")
                                         .arg(name, may.isValid() ? may.value(1).toString() : QStringLiteral("USER")));
    for (const Role r : kGroups) {
        const QString group = groupName(db, r);
        if (db.scalar(QStringLiteral("SELECT COUNT(*) FROM pg_roles WHERE rolname = ?"), {group}).toInt() == 0)
            db.execNative(QStringLiteral("CREATE ROLE %1 NOLOGIN").arg(quoted(group)));
    }
    // Admins may hand out every role of the company, billing and viewer through their group.
    db.execNative(QStringLiteral("GRANT %1, %2 TO %3 WITH ADMIN OPTION")
                      .arg(quoted(groupName(db, Role::Viewer)), quoted(groupName(db, Role::Billing)), quoted(groupName(db, Role::Admin))));
    db.execNative(QStringLiteral("GRANT %1 TO CURRENT_USER WITH ADMIN OPTION").arg(quoted(groupName(db, Role::Admin))));
    applyGrants(db);
    db.refreshRole();
}

void ServerRoles::applyGrants(const Database &db)
{
    const QString viewer = quoted(groupName(db, Role::Viewer));
    const QString billing = quoted(groupName(db, Role::Billing));
    const QString admin = quoted(groupName(db, Role::Admin));
    const QString schema = quoted(db.scalar(QStringLiteral("SELECT current_schema()")).toString());
    db.execNative(QStringLiteral("GRANT CONNECT ON DATABASE %1 TO %2, %3, %4").arg(quoted(database(db)), viewer, billing, admin));
    db.execNative(QStringLiteral("GRANT USAGE ON SCHEMA %1 TO %2, %3, %4").arg(schema, viewer, billing, admin));
    db.execNative(QStringLiteral("GRANT SELECT ON ALL TABLES IN SCHEMA %1 TO %2, %3").arg(schema, viewer, billing));
    db.execNative(QStringLiteral("GRANT ALL ON ALL TABLES IN SCHEMA %1 TO %2").arg(schema, admin));
    // Identity columns: INSERT draws from their sequences, lastval() reads them.
    db.execNative(QStringLiteral("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %1 TO %2, %3").arg(schema, billing, admin));
    db.execNative(QStringLiteral("GRANT UPDATE ON ALL SEQUENCES IN SCHEMA %1 TO %2").arg(schema, admin));
    // Tables a later migration adds: readable at once, writable by billing once re-granted.
    db.execNative(QStringLiteral("ALTER DEFAULT PRIVILEGES IN SCHEMA %1 GRANT SELECT ON TABLES TO %2, %3").arg(schema, viewer, billing));
    db.execNative(QStringLiteral("ALTER DEFAULT PRIVILEGES IN SCHEMA %1 GRANT ALL ON TABLES TO %2").arg(schema, admin));
    db.execNative(QStringLiteral("ALTER DEFAULT PRIVILEGES IN SCHEMA %1 GRANT USAGE, SELECT ON SEQUENCES TO %2, %3").arg(schema, billing, admin));

    QSqlQuery t = db.execNative(QStringLiteral("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"));
    QStringList tables;
    while (t.next())
        tables << t.value(0).toString();
    for (const QString &table : std::as_const(tables)) {
        const auto rule = Roles::ruleFor(table);
        db.execNative(QStringLiteral("REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON %1 FROM %2, %3").arg(quoted(table), viewer, billing));
        if (!rule || rule->writer > Role::Billing)
            continue;
        // The audit trail only grows: not even billing's own connection can rewrite it.
        if (table == QLatin1String("audit_log"))
            db.execNative(QStringLiteral("GRANT INSERT ON %1 TO %2").arg(quoted(table), billing));
        else
            db.execNative(QStringLiteral("GRANT INSERT, UPDATE, DELETE ON %1 TO %2").arg(quoted(table), billing));
    }
}

QList<CompanyUser> ServerRoles::users(const Database &db)
{
    const QStringList names = groupNames(db);
    QSqlQuery q = db.execNative(QStringLiteral("SELECT m.rolname, g.rolname, m.rolcanlogin FROM pg_auth_members a "
                                               "JOIN pg_roles g ON g.oid = a.roleid JOIN pg_roles m ON m.oid = a.member "
                                               "WHERE g.rolname IN (?, ?, ?) AND m.rolname NOT IN (?, ?, ?) ORDER BY m.rolname"),
                                {names[0], names[1], names[2], names[0], names[1], names[2]});
    QList<CompanyUser> out;
    while (q.next()) {
        const QString name = q.value(0).toString();
        const qsizetype i = names.indexOf(q.value(1).toString());
        const Role role = i >= 0 ? kGroups[i] : Role::Viewer;
        if (!out.isEmpty() && out.last().name == name) {
            out.last().role = std::max(out.last().role, role);
            continue;
        }
        out.append(CompanyUser{name, role, q.value(2).toBool()});
    }
    return out;
}

bool ServerRoles::addUser(const Database &db, const QString &name, Role role, const QByteArray &password)
{
    checkName(db, name);
    requireSetUp(db);
    for (const CompanyUser &u : users(db))
        if (u.name == name)
            throw ServiceError::conflict(
                QStringLiteral("%1 is already a user of this company (role %2); change the role with `orbctl users set-role`").arg(name, Roles::name(u.role)));
    const bool exists = db.scalar(QStringLiteral("SELECT COUNT(*) FROM pg_roles WHERE rolname = ?"), {name}).toInt() > 0;
    if (!exists) {
        QSqlQuery may = db.execNative(QStringLiteral("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user"));
        if (!may.next() || !may.value(0).toBool())
            throw ServiceError::conflict(
                QStringLiteral("%1 has no login on this server yet, and your database user may not create one (it needs CREATEROLE): "
                               "ask the server's administrator to run CREATE ROLE %1 LOGIN, then add the user again; nothing was changed")
                    .arg(name));
        QString sql = QStringLiteral("CREATE ROLE %1 LOGIN").arg(quoted(name));
        if (!password.isEmpty()) {
            QByteArray salt(16, '\0');
            randombytes_buf(salt.data(), size_t(salt.size()));
            // The verifier, not the password: the statement may end up in the server's log.
            sql += QStringLiteral(" PASSWORD '%1'").arg(scramVerifier(password, salt));
        }
        db.execNative(sql);
    }
    db.execNative(QStringLiteral("GRANT %1 TO %2%3")
                      .arg(quoted(groupName(db, role)), quoted(name), role == Role::Admin ? QStringLiteral(" WITH ADMIN OPTION") : QString()));
    return !exists;
}

void ServerRoles::setRole(const Database &db, const QString &name, Role role)
{
    checkName(db, name);
    requireSetUp(db);
    bool found = false;
    Role before = Role::Viewer;
    for (const CompanyUser &u : users(db))
        if (u.name == name) {
            found = true;
            before = u.role;
        }
    if (!found)
        throw ServiceError::notFound(QStringLiteral("%1 is not a user of this company (see `orbctl users list`)").arg(name));
    if (before == Role::Admin && role != Role::Admin && adminsOtherThan(db, name) == 0)
        throw ServiceError::conflict(QStringLiteral("%1 is the company's last admin; make another user admin first; nothing was changed").arg(name));
    for (const Role r : kGroups)
        db.execNative(QStringLiteral("REVOKE %1 FROM %2").arg(quoted(groupName(db, r)), quoted(name)));
    db.execNative(QStringLiteral("GRANT %1 TO %2%3")
                      .arg(quoted(groupName(db, role)), quoted(name), role == Role::Admin ? QStringLiteral(" WITH ADMIN OPTION") : QString()));
}

void ServerRoles::removeUser(const Database &db, const QString &name)
{
    checkName(db, name);
    requireSetUp(db);
    bool found = false;
    Role before = Role::Viewer;
    for (const CompanyUser &u : users(db))
        if (u.name == name) {
            found = true;
            before = u.role;
        }
    if (!found)
        throw ServiceError::notFound(QStringLiteral("%1 is not a user of this company (see `orbctl users list`)").arg(name));
    if (before == Role::Admin && adminsOtherThan(db, name) == 0)
        throw ServiceError::conflict(QStringLiteral("%1 is the company's last admin; make another user admin first; nothing was changed").arg(name));
    for (const Role r : kGroups)
        db.execNative(QStringLiteral("REVOKE %1 FROM %2").arg(quoted(groupName(db, r)), quoted(name)));
}

QString ServerRoles::scramVerifier(const QByteArray &password, const QByteArray &salt, int iterations)
{
    // Hi() of RFC 5802: PBKDF2 with HMAC-SHA-256, one block.
    QByteArray u = hmac(password, salt + QByteArray("\x00\x00\x00\x01", 4));
    QByteArray salted = u;
    for (int i = 1; i < iterations; ++i) {
        u = hmac(password, u);
        for (qsizetype j = 0; j < salted.size(); ++j)
            salted[j] = char(salted[j] ^ u[j]);
    }
    const QByteArray clientKey = hmac(salted, QByteArray("Client Key"));
    const QByteArray storedKey = QCryptographicHash::hash(clientKey, QCryptographicHash::Sha256);
    const QByteArray serverKey = hmac(salted, QByteArray("Server Key"));
    sodium_memzero(salted.data(), size_t(salted.size()));
    return QStringLiteral("SCRAM-SHA-256$%1:%2$%3:%4")
        .arg(iterations)
        .arg(QString::fromLatin1(salt.toBase64()), QString::fromLatin1(storedKey.toBase64()), QString::fromLatin1(serverKey.toBase64()));
}

} // namespace orb
