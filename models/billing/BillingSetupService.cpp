// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/billing/BillingSetupService.h"

#include "engine/Clock.h"
#include "models/AuditLog.h"
#include "models/CompanyFile.h"
#include "models/CustomerRepository.h"
#include "models/Ids.h"
#include "models/StorageError.h"
#include "models/Timestamps.h"
#include "models/UnitOfWork.h"
#include "models/billing/SubscriptionRepository.h"
#include "models/catalog/ItemRepository.h"

#include <QSqlQuery>
#include <QVariant>

namespace orb {

BillingSetupService::BillingSetupService(CompanyFile &file, const Clock &clock) : m_file(file), m_clock(clock) {}

void BillingSetupService::requireWritable() const
{
    if (m_file.isReadOnly())
        throw ServiceError::conflict(QStringLiteral("%1 is open read-only; nothing was changed").arg(m_file.path()));
}

QList<CouponRecord> BillingSetupService::loadCoupons(const Database &db)
{
    QList<CouponRecord> out;
    QSqlQuery q = db.exec(QStringLiteral("SELECT id, code, discount_type, value, duration_months, max_redemptions, created_at, archived_at, "
                                         "(SELECT count(*) FROM subscriptions s WHERE s.coupon_id = coupons.id) FROM coupons ORDER BY code"));
    while (q.next()) {
        CouponRecord c;
        c.id = q.value(0).toString();
        c.code = q.value(1).toString();
        c.discountType = q.value(2).toString();
        c.value = Decimal::parse(q.value(3).toString());
        if (!q.value(4).isNull())
            c.durationMonths = q.value(4).toInt();
        if (!q.value(5).isNull())
            c.maxRedemptions = q.value(5).toInt();
        c.createdAt = fromIsoUtc(q.value(6).toString());
        c.archivedAt = fromIsoUtc(q.value(7).toString());
        c.redemptions = q.value(8).toInt();
        out.append(c);
    }
    return out;
}

QList<TaxRateRecord> BillingSetupService::loadTaxRates(const Database &db)
{
    QList<TaxRateRecord> out;
    QSqlQuery q = db.exec(QStringLiteral("SELECT id, name, percentage, created_at, archived_at FROM tax_rates ORDER BY name"));
    while (q.next()) {
        TaxRateRecord r;
        r.id = q.value(0).toString();
        r.name = q.value(1).toString();
        r.percentage = Decimal::parse(q.value(2).toString());
        r.createdAt = fromIsoUtc(q.value(3).toString());
        r.archivedAt = fromIsoUtc(q.value(4).toString());
        out.append(r);
    }
    for (TaxRateRecord &r : out) {
        QSqlQuery a = db.exec(QStringLiteral("SELECT customer_id, item_id FROM tax_rate_assignments WHERE tax_rate_id = ? "
                                             "ORDER BY customer_id, item_id"),
                              {r.id});
        while (a.next()) {
            if (!a.value(0).isNull())
                r.customerIds.append(a.value(0).toString());
            else
                r.itemIds.append(a.value(1).toString());
        }
    }
    return out;
}

QList<TaxRateRecord> BillingSetupService::applicableTaxRates(const Database &db)
{
    QList<TaxRateRecord> rates = loadTaxRates(db);
    rates.removeIf([](const TaxRateRecord &r) { return r.archivedAt.isValid(); });
    return rates;
}

QList<CouponRecord> BillingSetupService::coupons() const
{
    return loadCoupons(m_file.db());
}

CouponRecord BillingSetupService::coupon(const QString &reference) const
{
    for (const CouponRecord &c : coupons())
        if (c.id == reference || c.code == reference)
            return c;
    throw ServiceError::notFound(QStringLiteral("no coupon with id or code \"%1\"").arg(reference));
}

namespace {

/// A coupon's fields checked as create and edit check them; throws InvalidInput with `refusal`.
CouponRecord checkedCoupon(const QString &code, const QString &type, const QString &valueText, std::optional<int> durationMonths,
                           std::optional<int> maxRedemptions, const QString &refusal)
{
    FieldErrors errors;
    const QString trimmed = code.trimmed();
    if (trimmed.isEmpty())
        errors.append({QStringLiteral("code"), QStringLiteral("is required")});
    if (type != QLatin1String("percentage") && type != QLatin1String("amount"))
        errors.append({QStringLiteral("type"), QStringLiteral("must be percentage or amount")});
    QString text = valueText.trimmed();
    bool percent = false;
    if (text.endsWith(QLatin1Char('%'))) {
        percent = true;
        text.chop(1);
    }
    auto value = Decimal::tryParse(text);
    if (value && percent)
        value = value->divide(Decimal(100), 20).normalized();
    if (!value || value->isNegative())
        errors.append({QStringLiteral("value"), QStringLiteral("\"%1\" is not a non-negative decimal").arg(valueText)});
    else if (type == QLatin1String("percentage") && *value > Decimal(1))
        errors.append({QStringLiteral("value"), QStringLiteral("a percentage is a fraction from 0 to 1 (0.15) or written with %% (15%)")});
    if (durationMonths && *durationMonths < 1)
        errors.append({QStringLiteral("duration_months"), QStringLiteral("must be at least 1 (omit it for forever)")});
    if (maxRedemptions && *maxRedemptions < 1)
        errors.append({QStringLiteral("max_redemptions"), QStringLiteral("must be at least 1 (omit it for no limit)")});
    if (!errors.isEmpty())
        throw ServiceError::invalid(refusal, errors);
    CouponRecord c;
    c.code = trimmed;
    c.discountType = type;
    c.value = *value;
    c.durationMonths = durationMonths;
    c.maxRedemptions = maxRedemptions;
    return c;
}

QVariant optionalInt(std::optional<int> v)
{
    return v ? QVariant(*v) : QVariant();
}

/// A percentage from 0 to 100 ("19", "19%", "8.25"); throws InvalidInput with `refusal`.
Decimal checkedPercentage(const QString &name, const QString &percentageText, const QString &refusal)
{
    FieldErrors errors;
    QString text = percentageText.trimmed();
    if (text.endsWith(QLatin1Char('%')))
        text.chop(1);
    const auto pct = Decimal::tryParse(text);
    if (name.trimmed().isEmpty())
        errors.append({QStringLiteral("name"), QStringLiteral("is required")});
    if (!pct || pct->isNegative() || *pct > Decimal(100))
        errors.append({QStringLiteral("percentage"), QStringLiteral("\"%1\" must be a percentage from 0 to 100 (8.25 is 8.25%)").arg(percentageText)});
    if (!errors.isEmpty())
        throw ServiceError::invalid(refusal, errors);
    return *pct;
}

} // namespace

CouponRecord BillingSetupService::createCoupon(const QString &code, const QString &type, const QString &valueText, std::optional<int> durationMonths,
                                               std::optional<int> maxRedemptions)
{
    requireWritable();
    CouponRecord c = checkedCoupon(code, type, valueText, durationMonths, maxRedemptions, QStringLiteral("the coupon was not created"));
    UnitOfWork uow(m_file.db());
    if (m_file.db().scalar(QStringLiteral("SELECT count(*) FROM coupons WHERE code = ?"), {c.code}).toInt() > 0)
        throw ServiceError::conflict(QStringLiteral("a coupon with the code \"%1\" already exists").arg(c.code));
    c.id = newId();
    c.createdAt = m_clock.now();
    m_file.db().exec(
        QStringLiteral("INSERT INTO coupons (id, code, discount_type, value, duration_months, max_redemptions, created_at) "
                       "VALUES (?,?,?,?,?,?,?)"),
        {c.id, c.code, c.discountType, c.value.toCanonicalString(), optionalInt(durationMonths), optionalInt(maxRedemptions), toIsoUtc(c.createdAt)});
    AuditLog(m_file.db()).append(c.createdAt, QStringLiteral("coupon.create"), QStringLiteral("coupon"), c.id, std::nullopt, c.toJson());
    uow.commit();
    return c;
}

CouponRecord BillingSetupService::editCoupon(const QString &reference, const QString &code, const QString &type, const QString &valueText,
                                             std::optional<int> durationMonths, std::optional<int> maxRedemptions)
{
    requireWritable();
    const CouponRecord edited = checkedCoupon(code, type, valueText, durationMonths, maxRedemptions, QStringLiteral("the coupon was not changed"));
    UnitOfWork uow(m_file.db());
    const CouponRecord before = coupon(reference);
    // A redeemed coupon's terms are part of the subscriptions that took it (and of their
    // invoices): only how often it may still be redeemed can change.
    if (before.redemptions > 0
        && (edited.code != before.code || edited.discountType != before.discountType || edited.value != before.value
            || edited.durationMonths != before.durationMonths))
        throw ServiceError::conflict(QStringLiteral("coupon %1 has been redeemed %2 time(s): only its maximum redemptions can change; "
                                                    "archive it and create another for new terms")
                                         .arg(before.code)
                                         .arg(before.redemptions));
    if (edited.maxRedemptions && *edited.maxRedemptions < before.redemptions)
        throw ServiceError::invalid(
            QStringLiteral("the coupon was not changed"),
            {{QStringLiteral("max_redemptions"), QStringLiteral("coupon %1 has already been redeemed %2 time(s)").arg(before.code).arg(before.redemptions)}});
    if (edited.code != before.code && m_file.db().scalar(QStringLiteral("SELECT count(*) FROM coupons WHERE code = ?"), {edited.code}).toInt() > 0)
        throw ServiceError::conflict(QStringLiteral("a coupon with the code \"%1\" already exists").arg(edited.code));
    CouponRecord after = before;
    after.code = edited.code;
    after.discountType = edited.discountType;
    after.value = edited.value;
    after.durationMonths = edited.durationMonths;
    after.maxRedemptions = edited.maxRedemptions;
    m_file.db().exec(
        QStringLiteral("UPDATE coupons SET code = ?, discount_type = ?, value = ?, duration_months = ?, max_redemptions = ? WHERE id = ?"),
        {after.code, after.discountType, after.value.toCanonicalString(), optionalInt(after.durationMonths), optionalInt(after.maxRedemptions), after.id});
    AuditLog(m_file.db()).append(m_clock.now(), QStringLiteral("coupon.update"), QStringLiteral("coupon"), after.id, before.toJson(), after.toJson());
    uow.commit();
    return after;
}

CouponRecord BillingSetupService::unarchiveCoupon(const QString &reference)
{
    requireWritable();
    UnitOfWork uow(m_file.db());
    CouponRecord c = coupon(reference);
    if (!c.archivedAt.isValid())
        throw ServiceError::conflict(QStringLiteral("coupon %1 is not archived").arg(c.code));
    const QJsonObject before = c.toJson();
    c.archivedAt = {};
    m_file.db().exec(QStringLiteral("UPDATE coupons SET archived_at = NULL WHERE id = ?"), {c.id});
    AuditLog(m_file.db()).append(m_clock.now(), QStringLiteral("coupon.unarchive"), QStringLiteral("coupon"), c.id, before, c.toJson());
    uow.commit();
    return c;
}

void BillingSetupService::deleteCoupon(const QString &reference)
{
    requireWritable();
    UnitOfWork uow(m_file.db());
    const CouponRecord c = coupon(reference);
    if (c.redemptions > 0)
        throw ServiceError::conflict(
            QStringLiteral("coupon %1 has been redeemed %2 time(s) and stays on record: archive it instead").arg(c.code).arg(c.redemptions));
    m_file.db().exec(QStringLiteral("DELETE FROM coupons WHERE id = ?"), {c.id});
    AuditLog(m_file.db()).append(m_clock.now(), QStringLiteral("coupon.delete"), QStringLiteral("coupon"), c.id, c.toJson(), std::nullopt);
    uow.commit();
}

CouponRecord BillingSetupService::restoreCoupon(const CouponRecord &deleted)
{
    requireWritable();
    UnitOfWork uow(m_file.db());
    if (m_file.db().scalar(QStringLiteral("SELECT count(*) FROM coupons WHERE id = ?"), {deleted.id}).toInt() > 0)
        throw ServiceError::conflict(QStringLiteral("coupon %1 exists already").arg(deleted.code));
    if (m_file.db().scalar(QStringLiteral("SELECT count(*) FROM coupons WHERE code = ?"), {deleted.code}).toInt() > 0)
        throw ServiceError::conflict(QStringLiteral("a coupon with the code \"%1\" already exists").arg(deleted.code));
    CouponRecord c = deleted;
    c.redemptions = 0;
    m_file.db().exec(QStringLiteral("INSERT INTO coupons (id, code, discount_type, value, duration_months, max_redemptions, created_at, archived_at) "
                                    "VALUES (?,?,?,?,?,?,?,?)"),
                     {c.id, c.code, c.discountType, c.value.toCanonicalString(), optionalInt(c.durationMonths), optionalInt(c.maxRedemptions),
                      toIsoUtc(c.createdAt), c.archivedAt.isValid() ? QVariant(toIsoUtc(c.archivedAt)) : QVariant()});
    AuditLog(m_file.db()).append(m_clock.now(), QStringLiteral("coupon.restore"), QStringLiteral("coupon"), c.id, std::nullopt, c.toJson());
    uow.commit();
    return c;
}

CouponRecord BillingSetupService::archiveCoupon(const QString &reference)
{
    requireWritable();
    UnitOfWork uow(m_file.db());
    CouponRecord c = coupon(reference);
    const QJsonObject before = c.toJson();
    c.archivedAt = m_clock.now();
    m_file.db().exec(QStringLiteral("UPDATE coupons SET archived_at = ? WHERE id = ?"), {toIsoUtc(c.archivedAt), c.id});
    AuditLog(m_file.db()).append(c.archivedAt, QStringLiteral("coupon.archive"), QStringLiteral("coupon"), c.id, before, c.toJson());
    uow.commit();
    return c;
}

QList<TaxRateRecord> BillingSetupService::taxRates() const
{
    return loadTaxRates(m_file.db());
}

TaxRateRecord BillingSetupService::taxRate(const QString &reference) const
{
    for (const TaxRateRecord &r : taxRates())
        if (r.id == reference || r.name == reference)
            return r;
    throw ServiceError::notFound(QStringLiteral("no tax rate with id or name \"%1\"").arg(reference));
}

TaxRateRecord BillingSetupService::createTaxRate(const QString &name, const QString &percentageText)
{
    requireWritable();
    const Decimal pct = checkedPercentage(name, percentageText, QStringLiteral("the tax rate was not created"));
    UnitOfWork uow(m_file.db());
    if (m_file.db().scalar(QStringLiteral("SELECT count(*) FROM tax_rates WHERE name = ?"), {name.trimmed()}).toInt() > 0)
        throw ServiceError::conflict(QStringLiteral("a tax rate named \"%1\" already exists").arg(name.trimmed()));
    TaxRateRecord r;
    r.id = newId();
    r.name = name.trimmed();
    r.percentage = pct;
    r.createdAt = m_clock.now();
    m_file.db().exec(QStringLiteral("INSERT INTO tax_rates (id, name, percentage, created_at) VALUES (?,?,?,?)"),
                     {r.id, r.name, r.percentage.toCanonicalString(), toIsoUtc(r.createdAt)});
    AuditLog(m_file.db()).append(r.createdAt, QStringLiteral("tax_rate.create"), QStringLiteral("tax_rate"), r.id, std::nullopt, r.toJson());
    uow.commit();
    return r;
}

TaxRateRecord BillingSetupService::editTaxRate(const QString &reference, const QString &name, const QString &percentageText)
{
    requireWritable();
    const Decimal pct = checkedPercentage(name, percentageText, QStringLiteral("the tax rate was not changed"));
    UnitOfWork uow(m_file.db());
    const TaxRateRecord before = taxRate(reference);
    if (name.trimmed() != before.name && m_file.db().scalar(QStringLiteral("SELECT count(*) FROM tax_rates WHERE name = ?"), {name.trimmed()}).toInt() > 0)
        throw ServiceError::conflict(QStringLiteral("a tax rate named \"%1\" already exists").arg(name.trimmed()));
    // Issued invoices keep the rate they were issued with (their lines hold its name and
    // percentage); drafts take the new one when the next run refreshes them.
    m_file.db().exec(QStringLiteral("UPDATE tax_rates SET name = ?, percentage = ? WHERE id = ?"), {name.trimmed(), pct.toCanonicalString(), before.id});
    const TaxRateRecord after = taxRate(before.id);
    AuditLog(m_file.db()).append(m_clock.now(), QStringLiteral("tax_rate.update"), QStringLiteral("tax_rate"), after.id, before.toJson(), after.toJson());
    uow.commit();
    return after;
}

TaxRateRecord BillingSetupService::setTaxRateArchived(const QString &reference, bool archived)
{
    requireWritable();
    UnitOfWork uow(m_file.db());
    const TaxRateRecord before = taxRate(reference);
    if (before.archivedAt.isValid() == archived)
        throw ServiceError::conflict(archived ? QStringLiteral("tax rate \"%1\" is already archived").arg(before.name)
                                              : QStringLiteral("tax rate \"%1\" is not archived").arg(before.name));
    const QDateTime now = m_clock.now();
    m_file.db().exec(QStringLiteral("UPDATE tax_rates SET archived_at = ? WHERE id = ?"), {archived ? QVariant(toIsoUtc(now)) : QVariant(), before.id});
    const TaxRateRecord after = taxRate(before.id);
    AuditLog(m_file.db())
        .append(now, archived ? QStringLiteral("tax_rate.archive") : QStringLiteral("tax_rate.unarchive"), QStringLiteral("tax_rate"), after.id,
                before.toJson(), after.toJson());
    uow.commit();
    return after;
}

TaxRateRecord BillingSetupService::archiveTaxRate(const QString &reference)
{
    return setTaxRateArchived(reference, true);
}

TaxRateRecord BillingSetupService::unarchiveTaxRate(const QString &reference)
{
    return setTaxRateArchived(reference, false);
}

void BillingSetupService::deleteTaxRate(const QString &reference)
{
    requireWritable();
    UnitOfWork uow(m_file.db());
    const TaxRateRecord r = taxRate(reference);
    // A rate that was ever assigned may be on invoices: it stays on record.
    bool everAssigned = false;
    for (const AuditEntry &e : AuditLog(m_file.db()).forObject(QStringLiteral("tax_rate"), r.id))
        everAssigned = everAssigned || e.action == QLatin1String("tax_rate.assign");
    if (everAssigned || !r.customerIds.isEmpty() || !r.itemIds.isEmpty())
        throw ServiceError::conflict(QStringLiteral("tax rate \"%1\" has been assigned and may be on invoices: archive it instead").arg(r.name));
    m_file.db().exec(QStringLiteral("DELETE FROM tax_rates WHERE id = ?"), {r.id});
    AuditLog(m_file.db()).append(m_clock.now(), QStringLiteral("tax_rate.delete"), QStringLiteral("tax_rate"), r.id, r.toJson(), std::nullopt);
    uow.commit();
}

TaxRateRecord BillingSetupService::restoreTaxRate(const TaxRateRecord &deleted)
{
    requireWritable();
    UnitOfWork uow(m_file.db());
    if (m_file.db().scalar(QStringLiteral("SELECT count(*) FROM tax_rates WHERE id = ?"), {deleted.id}).toInt() > 0)
        throw ServiceError::conflict(QStringLiteral("tax rate \"%1\" exists already").arg(deleted.name));
    if (m_file.db().scalar(QStringLiteral("SELECT count(*) FROM tax_rates WHERE name = ?"), {deleted.name}).toInt() > 0)
        throw ServiceError::conflict(QStringLiteral("a tax rate named \"%1\" already exists").arg(deleted.name));
    m_file.db().exec(QStringLiteral("INSERT INTO tax_rates (id, name, percentage, created_at, archived_at) VALUES (?,?,?,?,?)"),
                     {deleted.id, deleted.name, deleted.percentage.toCanonicalString(), toIsoUtc(deleted.createdAt),
                      deleted.archivedAt.isValid() ? QVariant(toIsoUtc(deleted.archivedAt)) : QVariant()});
    const TaxRateRecord r = taxRate(deleted.id);
    AuditLog(m_file.db()).append(m_clock.now(), QStringLiteral("tax_rate.restore"), QStringLiteral("tax_rate"), r.id, std::nullopt, r.toJson());
    uow.commit();
    return r;
}

TaxRateRecord BillingSetupService::assignTaxRate(const QString &rateReference, const QString &customerReference, const QString &itemReference)
{
    requireWritable();
    if (customerReference.isEmpty() == itemReference.isEmpty())
        throw ServiceError::invalid(QStringLiteral("assign a tax rate to either a customer or an item"));
    UnitOfWork uow(m_file.db());
    const TaxRateRecord before = taxRate(rateReference);
    QString customerId, itemId;
    if (!customerReference.isEmpty()) {
        const auto c = CustomerRepository(m_file.db()).resolve(customerReference);
        if (!c)
            throw ServiceError::notFound(QStringLiteral("no customer with id or external_customer_id \"%1\"").arg(customerReference));
        customerId = c->id;
    } else {
        const auto i = ItemRepository(m_file.db()).resolve(itemReference);
        if (!i)
            throw ServiceError::notFound(QStringLiteral("no item with id or name \"%1\"").arg(itemReference));
        itemId = i->id;
    }
    if ((!customerId.isEmpty() && before.customerIds.contains(customerId)) || (!itemId.isEmpty() && before.itemIds.contains(itemId)))
        throw ServiceError::conflict(QStringLiteral("tax rate \"%1\" is already assigned there").arg(before.name));
    if (before.archivedAt.isValid())
        throw ServiceError::conflict(QStringLiteral("tax rate \"%1\" is archived: unarchive it before assigning it").arg(before.name));
    m_file.db().exec(QStringLiteral("INSERT INTO tax_rate_assignments (tax_rate_id, customer_id, item_id) VALUES (?,?,?)"),
                     {before.id, customerId.isEmpty() ? QVariant() : QVariant(customerId), itemId.isEmpty() ? QVariant() : QVariant(itemId)});
    const TaxRateRecord after = taxRate(before.id);
    AuditLog(m_file.db()).append(m_clock.now(), QStringLiteral("tax_rate.assign"), QStringLiteral("tax_rate"), before.id, before.toJson(), after.toJson());
    uow.commit();
    return after;
}

TaxRateRecord BillingSetupService::unassignTaxRate(const QString &rateReference, const QString &customerReference, const QString &itemReference)
{
    requireWritable();
    if (customerReference.isEmpty() == itemReference.isEmpty())
        throw ServiceError::invalid(QStringLiteral("unassign a tax rate from either a customer or an item"));
    UnitOfWork uow(m_file.db());
    const TaxRateRecord before = taxRate(rateReference);
    QString customerId, itemId;
    if (!customerReference.isEmpty()) {
        const auto c = CustomerRepository(m_file.db()).resolve(customerReference);
        if (!c)
            throw ServiceError::notFound(QStringLiteral("no customer with id or external_customer_id \"%1\"").arg(customerReference));
        customerId = c->id;
    } else {
        const auto i = ItemRepository(m_file.db()).resolve(itemReference);
        if (!i)
            throw ServiceError::notFound(QStringLiteral("no item with id or name \"%1\"").arg(itemReference));
        itemId = i->id;
    }
    if ((!customerId.isEmpty() && !before.customerIds.contains(customerId)) || (!itemId.isEmpty() && !before.itemIds.contains(itemId)))
        throw ServiceError::conflict(QStringLiteral("tax rate \"%1\" is not assigned there").arg(before.name));
    if (!customerId.isEmpty())
        m_file.db().exec(QStringLiteral("DELETE FROM tax_rate_assignments WHERE tax_rate_id = ? AND customer_id = ?"), {before.id, customerId});
    else
        m_file.db().exec(QStringLiteral("DELETE FROM tax_rate_assignments WHERE tax_rate_id = ? AND item_id = ?"), {before.id, itemId});
    const TaxRateRecord after = taxRate(before.id);
    AuditLog(m_file.db()).append(m_clock.now(), QStringLiteral("tax_rate.unassign"), QStringLiteral("tax_rate"), before.id, before.toJson(), after.toJson());
    uow.commit();
    return after;
}

} // namespace orb
