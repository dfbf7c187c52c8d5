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
    QSqlQuery q = db.exec(QStringLiteral("SELECT id, name, percentage, created_at FROM tax_rates ORDER BY name"));
    while (q.next()) {
        TaxRateRecord r;
        r.id = q.value(0).toString();
        r.name = q.value(1).toString();
        r.percentage = Decimal::parse(q.value(2).toString());
        r.createdAt = fromIsoUtc(q.value(3).toString());
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

CouponRecord BillingSetupService::createCoupon(const QString &code, const QString &type, const QString &valueText, std::optional<int> durationMonths,
                                               std::optional<int> maxRedemptions)
{
    requireWritable();
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
        throw ServiceError::invalid(QStringLiteral("the coupon was not created"), errors);
    UnitOfWork uow(m_file.db());
    if (m_file.db().scalar(QStringLiteral("SELECT count(*) FROM coupons WHERE code = ?"), {trimmed}).toInt() > 0)
        throw ServiceError::conflict(QStringLiteral("a coupon with the code \"%1\" already exists").arg(trimmed));
    CouponRecord c;
    c.id = newId();
    c.code = trimmed;
    c.discountType = type;
    c.value = *value;
    c.durationMonths = durationMonths;
    c.maxRedemptions = maxRedemptions;
    c.createdAt = m_clock.now();
    m_file.db().exec(QStringLiteral("INSERT INTO coupons (id, code, discount_type, value, duration_months, max_redemptions, created_at) "
                                    "VALUES (?,?,?,?,?,?,?)"),
                     {c.id, c.code, c.discountType, c.value.toCanonicalString(), durationMonths ? QVariant(*durationMonths) : QVariant(),
                      maxRedemptions ? QVariant(*maxRedemptions) : QVariant(), toIsoUtc(c.createdAt)});
    AuditLog(m_file.db()).append(c.createdAt, QStringLiteral("coupon.create"), QStringLiteral("coupon"), c.id, std::nullopt, c.toJson());
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
        throw ServiceError::invalid(QStringLiteral("the tax rate was not created"), errors);
    UnitOfWork uow(m_file.db());
    if (m_file.db().scalar(QStringLiteral("SELECT count(*) FROM tax_rates WHERE name = ?"), {name.trimmed()}).toInt() > 0)
        throw ServiceError::conflict(QStringLiteral("a tax rate named \"%1\" already exists").arg(name.trimmed()));
    TaxRateRecord r;
    r.id = newId();
    r.name = name.trimmed();
    r.percentage = *pct;
    r.createdAt = m_clock.now();
    m_file.db().exec(QStringLiteral("INSERT INTO tax_rates (id, name, percentage, created_at) VALUES (?,?,?,?)"),
                     {r.id, r.name, r.percentage.toCanonicalString(), toIsoUtc(r.createdAt)});
    AuditLog(m_file.db()).append(r.createdAt, QStringLiteral("tax_rate.create"), QStringLiteral("tax_rate"), r.id, std::nullopt, r.toJson());
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
    m_file.db().exec(QStringLiteral("INSERT INTO tax_rate_assignments (tax_rate_id, customer_id, item_id) VALUES (?,?,?)"),
                     {before.id, customerId.isEmpty() ? QVariant() : QVariant(customerId), itemId.isEmpty() ? QVariant() : QVariant(itemId)});
    const TaxRateRecord after = taxRate(before.id);
    AuditLog(m_file.db()).append(m_clock.now(), QStringLiteral("tax_rate.assign"), QStringLiteral("tax_rate"), before.id, before.toJson(), after.toJson());
    uow.commit();
    return after;
}

} // namespace orb
