// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/storage/Roles.h"

#include "models/Database.h"

#include <QRegularExpression>

namespace orb {

namespace {

const QString kRefusalMark = QStringLiteral("may not ");

/// The statement's first word, upper case, past blanks and comments; `pos` ends after it.
QString firstWord(const QString &sql, qsizetype &pos)
{
    pos = 0;
    const qsizetype n = sql.size();
    while (pos < n) {
        if (sql.at(pos).isSpace()) {
            ++pos;
        } else if (sql.mid(pos, 2) == QLatin1String("--")) {
            pos = sql.indexOf(QLatin1Char('\n'), pos);
            if (pos < 0)
                return {};
        } else if (sql.mid(pos, 2) == QLatin1String("/*")) {
            pos = sql.indexOf(QLatin1String("*/"), pos);
            if (pos < 0)
                return {};
            pos += 2;
        } else {
            break;
        }
    }
    const qsizetype start = pos;
    while (pos < n && (sql.at(pos).isLetter() || sql.at(pos) == QLatin1Char('_')))
        ++pos;
    return sql.mid(start, pos - start).toUpper();
}

/// A table name as written ("invoices", "\"invoices\"", main.invoices), without quotes or schema.
QString tableName(const QString &written)
{
    QString t = written;
    t.remove(QLatin1Char('"'));
    const qsizetype dot = t.lastIndexOf(QLatin1Char('.'));
    const QString schema = dot >= 0 ? t.left(dot).toLower() : QString();
    if (schema == QLatin1String("temp") || schema == QLatin1String("pg_temp"))
        return QStringLiteral("temp.") + t.mid(dot + 1).toLower();
    return t.mid(dot + 1).toLower();
}

const QString kName = QStringLiteral("((?:\"[^\"]+\"|[A-Za-z_][A-Za-z0-9_]*)(?:\\.(?:\"[^\"]+\"|[A-Za-z_][A-Za-z0-9_]*))?)");

} // namespace

QString Roles::name(Role role)
{
    switch (role) {
    case Role::Viewer: return QStringLiteral("viewer");
    case Role::Ingest: return QStringLiteral("ingest");
    case Role::Billing: return QStringLiteral("billing");
    case Role::Admin: return QStringLiteral("admin");
    }
    return QStringLiteral("viewer");
}

std::optional<Role> Roles::parse(const QString &text)
{
    for (const Role r : {Role::Viewer, Role::Ingest, Role::Billing, Role::Admin})
        if (text.trimmed().compare(name(r), Qt::CaseInsensitive) == 0)
            return r;
    return std::nullopt;
}

QStringList Roles::userRoleNames()
{
    return {name(Role::Admin), name(Role::Billing), name(Role::Viewer)};
}

const QList<Roles::TableRule> &Roles::tableRules()
{
    // Ingest: what sending usage events writes, and what every change writes beside its own
    // rows (the audit chain and its head, Orb's webhook and Stripe outboxes, row seals).
    // Billing: the books a billing clerk keeps. Admin: how the company is set up.
    static const QList<TableRule> rules{
        {QStringLiteral("usage_events"), Role::Ingest, QStringLiteral("send usage events")},
        {QStringLiteral("usage_imports"), Role::Ingest, QStringLiteral("import usage events")},
        {QStringLiteral("usage_import_rejects"), Role::Ingest, QStringLiteral("import usage events")},
        {QStringLiteral("usage_changes"), Role::Ingest, QStringLiteral("change usage events")},
        {QStringLiteral("usage_backfills"), Role::Ingest, QStringLiteral("change usage backfills")},
        {QStringLiteral("usage_key_blocks"), Role::Ingest, QStringLiteral("send usage events")},
        {QStringLiteral("usage_key_recent"), Role::Ingest, QStringLiteral("send usage events")},
        {QStringLiteral("usage_key_runs"), Role::Ingest, QStringLiteral("send usage events")},
        {QStringLiteral("usage_locks"), Role::Ingest, QStringLiteral("send usage events")},
        {QStringLiteral("usage_customer_postings"), Role::Ingest, QStringLiteral("send usage events")},
        {QStringLiteral("usage_month_counts"), Role::Ingest, QStringLiteral("send usage events")},
        {QStringLiteral("api_idempotency"), Role::Ingest, QStringLiteral("answer API requests")},
        {QStringLiteral("api_key_usage"), Role::Ingest, QStringLiteral("answer API requests")},
        {QStringLiteral("audit_log"), Role::Ingest, QStringLiteral("write to the audit trail")},
        {QStringLiteral("orb_meta"), Role::Ingest, QStringLiteral("write to the audit trail")},
        {QStringLiteral("row_seals"), Role::Ingest, QStringLiteral("change the company")},
        {QStringLiteral("webhook_events"), Role::Ingest, QStringLiteral("change the company")},
        {QStringLiteral("webhook_deliveries"), Role::Ingest, QStringLiteral("change the company")},
        {QStringLiteral("webhook_attempts"), Role::Ingest, QStringLiteral("deliver webhooks")},
        {QStringLiteral("sync_outbox"), Role::Ingest, QStringLiteral("change the company")},

        {QStringLiteral("customers"), Role::Billing, QStringLiteral("change customers")},
        {QStringLiteral("balance_entries"), Role::Billing, QStringLiteral("change customer balances")},
        {QStringLiteral("credit_blocks"), Role::Billing, QStringLiteral("change customer credits")},
        {QStringLiteral("credit_entries"), Role::Billing, QStringLiteral("change customer credits")},
        {QStringLiteral("subscriptions"), Role::Billing, QStringLiteral("change subscriptions")},
        {QStringLiteral("subscription_phases"), Role::Billing, QStringLiteral("change subscriptions")},
        {QStringLiteral("subscription_changes"), Role::Billing, QStringLiteral("change subscriptions")},
        {QStringLiteral("invoice_runs"), Role::Billing, QStringLiteral("run invoices")},
        {QStringLiteral("invoice_run_failures"), Role::Billing, QStringLiteral("run invoices")},
        {QStringLiteral("invoice_draft_stamps"), Role::Billing, QStringLiteral("change draft invoices")},
        {QStringLiteral("invoices"), Role::Billing, QStringLiteral("create, issue or void invoices")},
        {QStringLiteral("invoice_lines"), Role::Billing, QStringLiteral("change invoices")},
        {QStringLiteral("number_series"), Role::Billing, QStringLiteral("issue invoices")},
        {QStringLiteral("payments"), Role::Billing, QStringLiteral("record payments")},
        {QStringLiteral("credit_notes"), Role::Billing, QStringLiteral("create credit notes")},
        {QStringLiteral("credit_note_lines"), Role::Billing, QStringLiteral("create credit notes")},
        {QStringLiteral("email_messages"), Role::Billing, QStringLiteral("send documents by e-mail")},
        {QStringLiteral("ledger_exports"), Role::Billing, QStringLiteral("record ledger exports")},
        {QStringLiteral("sync_log"), Role::Billing, QStringLiteral("sync with Stripe")},
        {QStringLiteral("sync_state"), Role::Billing, QStringLiteral("sync with Stripe")},
        {QStringLiteral("sync_stripe_ids"), Role::Billing, QStringLiteral("sync with Stripe")},
        // The Stripe worker's lease: whoever may sync takes it.
        {QStringLiteral("work_leases"), Role::Billing, QStringLiteral("sync with Stripe")},

        {QStringLiteral("company"), Role::Admin, QStringLiteral("change the company's details")},
        {QStringLiteral("settings"), Role::Admin, QStringLiteral("change settings")},
        // The months of the company's time zone, listed again when the zone changes.
        {QStringLiteral("usage_months"), Role::Admin, QStringLiteral("change the company's time zone")},
        {QStringLiteral("usage_months_zone"), Role::Admin, QStringLiteral("change the company's time zone")},
        {QStringLiteral("schema_migrations"), Role::Admin, QStringLiteral("upgrade the company's schema")},
        {QStringLiteral("billable_metrics"), Role::Admin, QStringLiteral("change the catalog")},
        {QStringLiteral("items"), Role::Admin, QStringLiteral("change the catalog")},
        {QStringLiteral("plans"), Role::Admin, QStringLiteral("change the catalog")},
        {QStringLiteral("plan_versions"), Role::Admin, QStringLiteral("change the catalog")},
        {QStringLiteral("plan_version_prices"), Role::Admin, QStringLiteral("change the catalog")},
        {QStringLiteral("coupons"), Role::Admin, QStringLiteral("change coupons")},
        {QStringLiteral("tax_rates"), Role::Admin, QStringLiteral("change tax rates")},
        {QStringLiteral("tax_rate_assignments"), Role::Admin, QStringLiteral("change tax rates")},
        {QStringLiteral("api_keys"), Role::Admin, QStringLiteral("change API keys")},
        {QStringLiteral("webhook_endpoints"), Role::Admin, QStringLiteral("change webhook endpoints")},
    };
    return rules;
}

std::optional<Roles::TableRule> Roles::ruleFor(const QString &table)
{
    for (const TableRule &r : tableRules())
        if (r.table == table)
            return r;
    return std::nullopt;
}

Roles::Target Roles::target(const QString &sql)
{
    qsizetype pos = 0;
    const QString word = firstWord(sql, pos);
    static const QStringList reads{QStringLiteral("SELECT"), QStringLiteral("VALUES"), QStringLiteral("SHOW"), QStringLiteral("EXPLAIN"),
                                   QStringLiteral("BEGIN"), QStringLiteral("START"), QStringLiteral("COMMIT"), QStringLiteral("END"),
                                   QStringLiteral("ROLLBACK"), QStringLiteral("SAVEPOINT"), QStringLiteral("RELEASE"), QStringLiteral("SET"),
                                   QStringLiteral("RESET"), QStringLiteral("PRAGMA"), QStringLiteral("LISTEN"), QStringLiteral("UNLISTEN"),
                                   QStringLiteral("NOTIFY"), QStringLiteral("DISCARD"), QStringLiteral("DECLARE"), QStringLiteral("FETCH"),
                                   QStringLiteral("CLOSE"), QStringLiteral("MOVE"), QStringLiteral("ANALYZE"), QStringLiteral("DEALLOCATE"),
                                   // LOCK changes nothing; the server asks for write privileges on the table itself.
                                   QStringLiteral("LOCK")};
    Target t;
    if (word.isEmpty() || reads.contains(word))
        return t;
    const QString rest = sql.mid(pos);
    static const QRegularExpression insert(QStringLiteral("^\\s+(?:OR\\s+\\w+\\s+)?INTO\\s+") + kName, QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression update(QStringLiteral("^\\s+(?:OR\\s+\\w+\\s+)?(?:ONLY\\s+)?") + kName, QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression from(QStringLiteral("^\\s+FROM\\s+(?:ONLY\\s+)?") + kName, QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression copy(QStringLiteral("^\\s+") + kName + QStringLiteral("[^;]*\\bFROM\\b"), QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression temp(QStringLiteral("^\\s+(?:TEMP|TEMPORARY)\\s"), QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression inner(QStringLiteral("\\b(?:INSERT\\s+(?:OR\\s+\\w+\\s+)?INTO|UPDATE(?:\\s+OR\\s+\\w+)?|DELETE\\s+FROM)\\s+") + kName,
                                          QRegularExpression::CaseInsensitiveOption);
    QRegularExpressionMatch m;
    if (word == QLatin1String("INSERT") || word == QLatin1String("REPLACE"))
        m = insert.match(rest);
    else if (word == QLatin1String("UPDATE"))
        m = update.match(rest);
    else if (word == QLatin1String("DELETE"))
        m = from.match(rest);
    else if (word == QLatin1String("COPY")) {
        // COPY (query) TO and COPY table TO read; COPY table FROM writes the table.
        m = copy.match(rest);
        if (!m.hasMatch())
            return t;
    } else if (word == QLatin1String("WITH")) {
        m = inner.match(rest);
        if (!m.hasMatch())
            return t;
    } else if (word == QLatin1String("TRUNCATE")) {
        // Emptying a temporary table of the session's own (the server import's keys) changes
        // nothing anyone else sees; any other table's TRUNCATE stays an admin's.
        static const QRegularExpression truncate(QStringLiteral("^\\s+(?:TABLE\\s+)?(?:ONLY\\s+)?") + kName + QStringLiteral("\\s*;?\\s*$"),
                                                 QRegularExpression::CaseInsensitiveOption);
        if (const QRegularExpressionMatch one = truncate.match(rest); one.hasMatch() && tableName(one.captured(1)).startsWith(QLatin1String("temp."))) {
            t.kind = Target::Kind::Table;
            t.table = tableName(one.captured(1));
            return t;
        }
    } else if (word == QLatin1String("CREATE") && temp.match(rest).hasMatch()) {
        // A temporary table lives in the session only: no one else ever sees it.
        return t;
    }
    if (m.hasMatch()) {
        t.kind = Target::Kind::Table;
        t.table = tableName(m.captured(1));
        return t;
    }
    t.kind = Target::Kind::Schema;
    return t;
}

void Roles::check(Role role, const QString &sql)
{
    if (role == Role::Admin)
        return;
    const Target t = target(sql);
    switch (t.kind) {
    case Target::Kind::None: return;
    case Target::Kind::Schema: throw refusal(role, QStringLiteral("change the company's schema"));
    case Target::Kind::Table: break;
    }
    if (t.table.startsWith(QLatin1String("temp.")))
        return;
    const auto rule = ruleFor(t.table);
    if (!rule)
        throw refusal(role, QStringLiteral("change %1").arg(t.table));
    if (role < rule->writer)
        throw refusal(role, rule->what);
}

void Roles::require(const Database &db, Role needed, const QString &what)
{
    const Role r = db.role();
    if (r < needed)
        throw refusal(r, what);
}

ServiceError Roles::refusal(Role role, const QString &what)
{
    return ServiceError::conflict(QStringLiteral("your role (%1) %2%3; nothing was changed").arg(name(role), kRefusalMark, what));
}

bool Roles::isRefusal(const ServiceError &error)
{
    return error.kind() == ServiceError::Kind::Conflict && error.message().startsWith(QLatin1String("your role (")) && error.message().contains(kRefusalMark);
}

ActingRole::ActingRole(Database &db, Role limit) : m_db(db), m_previous(db.roleLimit())
{
    m_db.setRoleLimit(std::min(limit, m_previous));
}

ActingRole::~ActingRole()
{
    m_db.setRoleLimit(m_previous);
}

} // namespace orb
