// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/billing/SubscriptionRepository.h"

#include "models/Database.h"
#include "models/SqliteStatement.h"
#include "models/Timestamps.h"

#include <QHash>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

namespace orb {

namespace {

QVariant nullable(const QString &s)
{
    return s.isEmpty() ? QVariant() : QVariant(s);
}

QVariant nullableDate(const std::optional<QDate> &d)
{
    return d ? QVariant(dateText(*d)) : QVariant();
}

QString jsonText(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonObject quantitiesJson(const QMap<QString, Decimal> &q)
{
    QJsonObject o;
    for (auto it = q.cbegin(); it != q.cend(); ++it)
        o.insert(it.key(), it.value().toCanonicalString());
    return o;
}

const char *kColumns = "id, customer_id, plan_id, start_date, end_date, alignment, trial_days, net_terms, memo, coupon_id, "
                       "coupon_redeemed_on, created_at, updated_at";

// A row of a result, through Qt SQL or raw SQLite (the whole-company read of a run).
struct QueryRow {
    const QSqlQuery &q;
    QString text(int i) const { return q.value(i).toString(); }
    bool isNull(int i) const { return q.value(i).isNull(); }
    int integer(int i) const { return q.value(i).toInt(); }
    std::optional<QDate> optionalDate(int i) const { return parseOptionalDate(q.value(i)); }
};

struct RawRow {
    sqlite3_stmt *s;
    QString text(int i) const { return QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(s, i)), sqlite3_column_bytes(s, i)); }
    bool isNull(int i) const { return sqlite3_column_type(s, i) == SQLITE_NULL; }
    int integer(int i) const { return sqlite3_column_int(s, i); }
    std::optional<QDate> optionalDate(int i) const
    {
        // As parseOptionalDate: NULL or empty text is no date.
        if (isNull(i) || sqlite3_column_bytes(s, i) == 0)
            return std::nullopt;
        return parseDate(text(i));
    }
};

template <typename Row>
Subscription readSubscription(const Row &q)
{
    Subscription s;
    s.id = q.text(0);
    s.customerId = q.text(1);
    s.planId = q.text(2);
    s.startDate = parseDate(q.text(3));
    s.endDate = q.optionalDate(4);
    s.alignment = q.text(5);
    s.trialDays = q.integer(6);
    if (!q.isNull(7))
        s.netTerms = q.integer(7);
    s.memo = q.text(8);
    s.couponId = q.text(9);
    s.couponRedeemedOn = parseDate(q.text(10));
    s.createdAt = fromIsoUtc(q.text(11));
    s.updatedAt = fromIsoUtc(q.text(12));
    return s;
}

} // namespace

void SubscriptionRepository::insert(const Subscription &s)
{
    m_db.exec(QStringLiteral("INSERT INTO subscriptions (%1) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)").arg(QLatin1String(kColumns)),
              {s.id, s.customerId, s.planId, dateText(s.startDate), nullableDate(s.endDate), s.alignment, s.trialDays,
               s.netTerms ? QVariant(*s.netTerms) : QVariant(), nullable(s.memo), nullable(s.couponId),
               s.couponRedeemedOn.isValid() ? QVariant(dateText(s.couponRedeemedOn)) : QVariant(), toIsoUtc(s.createdAt), toIsoUtc(s.updatedAt)});
    for (const SubscriptionPhase &p : s.phases)
        insertPhase(s.id, p);
}

void SubscriptionRepository::update(const Subscription &s)
{
    m_db.exec(QStringLiteral("UPDATE subscriptions SET end_date = ?, net_terms = ?, memo = ?, updated_at = ? WHERE id = ?"),
              {nullableDate(s.endDate), s.netTerms ? QVariant(*s.netTerms) : QVariant(), nullable(s.memo), toIsoUtc(s.updatedAt), s.id});
}

void SubscriptionRepository::insertPhase(const QString &subscriptionId, const SubscriptionPhase &p)
{
    m_db.exec(QStringLiteral("INSERT INTO subscription_phases (id, subscription_id, seq, plan_version_id, start_date, end_date, "
                             "price_overrides, quantities, cause, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)"),
              {p.id, subscriptionId, p.seq, p.planVersionId, dateText(p.startDate), nullableDate(p.endDate), jsonText(p.priceOverrides),
               jsonText(quantitiesJson(p.quantities)), toText(p.cause), toIsoUtc(p.createdAt)});
}

void SubscriptionRepository::setPhaseEnd(const QString &phaseId, const std::optional<QDate> &end)
{
    m_db.exec(QStringLiteral("UPDATE subscription_phases SET end_date = ? WHERE id = ?"), {nullableDate(end), phaseId});
}

void SubscriptionRepository::deletePhase(const QString &phaseId)
{
    m_db.exec(QStringLiteral("DELETE FROM subscription_phases WHERE id = ?"), {phaseId});
}

namespace {

const char *kPhaseColumns = "id, seq, plan_version_id, start_date, end_date, price_overrides, quantities, cause, created_at";

template <typename Row>
SubscriptionPhase readPhase(const Row &p)
{
    SubscriptionPhase ph;
    ph.id = p.text(0);
    ph.seq = p.integer(1);
    ph.planVersionId = p.text(2);
    ph.startDate = parseDate(p.text(3));
    ph.endDate = p.optionalDate(4);
    ph.priceOverrides = QJsonDocument::fromJson(p.text(5).toUtf8()).object();
    const QJsonObject quantities = QJsonDocument::fromJson(p.text(6).toUtf8()).object();
    for (auto it = quantities.begin(); it != quantities.end(); ++it)
        ph.quantities.insert(it.key(), Decimal::parse(it.value().toString()));
    ph.cause = storedValue<PhaseCause>(p.text(7), "subscription_phases", ph.id, "cause");
    ph.createdAt = fromIsoUtc(p.text(8));
    return ph;
}

} // namespace

std::optional<Subscription> SubscriptionRepository::find(const QString &id) const
{
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT %1 FROM subscriptions WHERE id = ?").arg(QLatin1String(kColumns)), {id});
    if (!q.next())
        return std::nullopt;
    Subscription s = readSubscription(QueryRow{q});
    QSqlQuery p =
        m_db.exec(QStringLiteral("SELECT %1 FROM subscription_phases WHERE subscription_id = ? ORDER BY seq").arg(QLatin1String(kPhaseColumns)), {id});
    while (p.next())
        s.phases.append(readPhase(QueryRow{p}));
    return s;
}

QList<Subscription> SubscriptionRepository::list(const QString &customerId) const
{
    QList<Subscription> out;
    if (!customerId.isEmpty()) {
        QStringList ids;
        QSqlQuery q = m_db.exec(QStringLiteral("SELECT id FROM subscriptions WHERE customer_id = ? ORDER BY created_at, id"), {customerId});
        while (q.next())
            ids.append(q.value(0).toString());
        out.reserve(ids.size());
        for (const QString &id : ids)
            out.append(*find(id));
        return out;
    }
    // Every subscription (an invoice run): two statements in all, not two per subscription.
    if (!m_db.isServer()) {
        // Raw on a file: Qt SQL's UTF-16 copy of every column was most of a re-run's read.
        const QByteArray subscriptions = QByteArrayLiteral("SELECT ") + kColumns + " FROM subscriptions ORDER BY created_at, id";
        const QByteArray phases = QByteArrayLiteral("SELECT ") + kPhaseColumns + ", subscription_id FROM subscription_phases ORDER BY subscription_id, seq";
        QHash<QString, qsizetype> index;
        SqliteStatement q(m_db.sqliteHandle(), subscriptions.constData(), "reading the subscriptions");
        while (q.next()) {
            out.append(readSubscription(RawRow{q}));
            index.insert(out.last().id, out.size() - 1);
        }
        SqliteStatement p(m_db.sqliteHandle(), phases.constData(), "reading the subscription phases");
        while (p.next()) {
            const auto it = index.constFind(RawRow{p}.text(9));
            if (it != index.constEnd())
                out[*it].phases.append(readPhase(RawRow{p}));
        }
        return out;
    }
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT %1 FROM subscriptions ORDER BY created_at, id").arg(QLatin1String(kColumns)));
    QHash<QString, qsizetype> index;
    while (q.next()) {
        out.append(readSubscription(QueryRow{q}));
        index.insert(out.last().id, out.size() - 1);
    }
    QSqlQuery p =
        m_db.exec(QStringLiteral("SELECT %1, subscription_id FROM subscription_phases ORDER BY subscription_id, seq").arg(QLatin1String(kPhaseColumns)));
    while (p.next()) {
        const auto it = index.constFind(p.value(9).toString());
        if (it != index.constEnd())
            out[*it].phases.append(readPhase(QueryRow{p}));
    }
    return out;
}

int SubscriptionRepository::couponRedemptions(const QString &couponId) const
{
    return m_db.scalar(QStringLiteral("SELECT count(*) FROM subscriptions WHERE coupon_id = ?"), {couponId}).toInt();
}

void SubscriptionRepository::insertChange(const SubscriptionChange &c)
{
    m_db.exec(QStringLiteral("INSERT INTO subscription_changes (id, subscription_id, kind, effective_date, phase_id, previous_end_date, "
                             "status, details, created_at) VALUES (?,?,?,?,?,?,?,?,?)"),
              {c.id, c.subscriptionId, toText(c.kind), dateText(c.effectiveDate), nullable(c.phaseId), nullableDate(c.previousEndDate), toText(c.status),
               jsonText(c.details), toIsoUtc(c.createdAt)});
}

void SubscriptionRepository::setChangeStatus(const QString &changeId, SubscriptionChangeStatus status)
{
    m_db.exec(QStringLiteral("UPDATE subscription_changes SET status = ? WHERE id = ?"), {toText(status), changeId});
}

QList<SubscriptionChange> SubscriptionRepository::changes(const QString &subscriptionId) const
{
    QList<SubscriptionChange> out;
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT id, subscription_id, kind, effective_date, phase_id, previous_end_date, status, details, "
                                           "created_at FROM subscription_changes WHERE subscription_id = ? ORDER BY created_at, id"),
                            {subscriptionId});
    while (q.next()) {
        SubscriptionChange c;
        c.id = q.value(0).toString();
        c.subscriptionId = q.value(1).toString();
        c.kind = storedValue<SubscriptionChangeKind>(q.value(2).toString(), "subscription_changes", c.id, "kind");
        c.effectiveDate = parseDate(q.value(3).toString());
        c.phaseId = q.value(4).toString();
        c.previousEndDate = parseOptionalDate(q.value(5));
        c.status = storedValue<SubscriptionChangeStatus>(q.value(6).toString(), "subscription_changes", c.id, "status");
        c.details = QJsonDocument::fromJson(q.value(7).toString().toUtf8()).object();
        c.createdAt = fromIsoUtc(q.value(8).toString());
        out.append(c);
    }
    return out;
}

QHash<QString, QString> SubscriptionRepository::planNames() const
{
    QHash<QString, QString> out;
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT s.id, COALESCE(p.name, s.plan_id) FROM subscriptions s LEFT JOIN plans p ON p.id = s.plan_id"));
    while (q.next())
        out.insert(q.value(0).toString(), q.value(1).toString());
    return out;
}

} // namespace orb
