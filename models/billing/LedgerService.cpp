// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/billing/LedgerService.h"

#include "engine/Clock.h"
#include "engine/Currency.h"
#include "models/AuditLog.h"
#include "models/CompanyFile.h"
#include "models/CustomerRepository.h"
#include "models/StorageError.h"
#include "models/UnitOfWork.h"
#include "models/billing/Ledgers.h"

#include <QJsonArray>

namespace orb {

LedgerService::LedgerService(CompanyFile &file, const Clock &clock) : m_file(file), m_clock(clock) {}

QJsonObject LedgerService::BalanceView::toJson() const
{
    QJsonArray list;
    for (const BalanceEntryRecord &e : entries)
        list.append(e.toJson());
    return QJsonObject{{QStringLiteral("customer_id"), customerId},
                       {QStringLiteral("currency"), currency},
                       {QStringLiteral("balance"), moneyText(balance, currency)},
                       {QStringLiteral("transactions"), list}};
}

QString LedgerService::customerId(const QString &reference, QString *currency) const
{
    const auto c = CustomerRepository(m_file.db()).resolve(reference);
    if (!c)
        throw ServiceError::notFound(QStringLiteral("no customer with id or external_customer_id \"%1\"").arg(reference));
    *currency = c->currency.isEmpty() ? m_file.settings().defaultCurrency : c->currency;
    return c->id;
}

LedgerService::BalanceView LedgerService::balance(const QString &customer) const
{
    BalanceView v;
    v.customerId = customerId(customer, &v.currency);
    Ledgers ledgers(m_file.db());
    v.balance = ledgers.balance(v.customerId);
    v.entries = ledgers.balanceEntries(v.customerId);
    const Decimal sum = ledgers.recomputedBalance(v.customerId);
    if (sum != v.balance)
        throw ServiceError::storage(QStringLiteral("the balance ledger of %1 does not add up: entries sum to %2, the running balance says %3; "
                                                   "run `orbctl audit verify`")
                                        .arg(customer, sum.toString(), v.balance.toString()));
    return v;
}

BalanceEntryRecord LedgerService::adjustBalance(const QString &customer, const Decimal &amount, const QString &description)
{
    if (m_file.isReadOnly())
        throw ServiceError::conflict(QStringLiteral("%1 is open read-only; nothing was changed").arg(m_file.path()));
    QString currency;
    UnitOfWork uow(m_file.db());
    const QString id = customerId(customer, &currency);
    const auto cur = Currency::fromCode(currency);
    if (amount.isZero() || amount.rounded(cur ? cur->minorUnits() : 2) != amount)
        throw ServiceError::invalid(QStringLiteral("the adjustment \"%1\" must be non-zero, in whole %2 minor units").arg(amount.toString(), currency));
    if (description.trimmed().isEmpty())
        throw ServiceError::invalid(QStringLiteral("a balance adjustment needs a description saying why"));
    const BalanceEntryRecord e =
        Ledgers(m_file.db()).appendBalance(id, amount, currency, QStringLiteral("manual_adjustment"), description.trimmed(), m_clock.now());
    AuditLog(m_file.db()).append(e.createdAt, QStringLiteral("balance.adjust"), QStringLiteral("customer"), id, std::nullopt, e.toJson());
    uow.commit();
    return e;
}

CreditBlockRecord LedgerService::addCredits(const QString &customer, const Decimal &amount, const Decimal &costBasis, QDate effectiveDate,
                                            std::optional<QDate> expiryDate, const QString &description)
{
    if (m_file.isReadOnly())
        throw ServiceError::conflict(QStringLiteral("%1 is open read-only; nothing was changed").arg(m_file.path()));
    QString currency;
    UnitOfWork uow(m_file.db());
    CreditBlockRecord b;
    b.customerId = customerId(customer, &currency);
    FieldErrors errors;
    if (!amount.isPositive())
        errors.append({QStringLiteral("amount"), QStringLiteral("must be positive")});
    if (costBasis.isNegative())
        errors.append({QStringLiteral("cost_basis"), QStringLiteral("must not be negative (0 for free credits)")});
    if (!effectiveDate.isValid())
        errors.append({QStringLiteral("effective_date"), QStringLiteral("is required (YYYY-MM-DD)")});
    if (expiryDate && effectiveDate.isValid() && *expiryDate <= effectiveDate)
        errors.append({QStringLiteral("expiry_date"), QStringLiteral("must be after the effective date")});
    if (!errors.isEmpty())
        throw ServiceError::invalid(QStringLiteral("the credits were not added"), errors);
    b.currency = currency;
    b.amount = amount;
    b.costBasis = costBasis;
    b.effectiveDate = effectiveDate;
    b.expiryDate = expiryDate;
    b.description = description;
    b = Ledgers(m_file.db()).addBlock(b, m_clock.now());
    AuditLog(m_file.db()).append(b.createdAt, QStringLiteral("credits.add"), QStringLiteral("customer"), b.customerId, std::nullopt, b.toJson());
    uow.commit();
    return b;
}

QList<CreditBlockRecord> LedgerService::credits(const QString &customer) const
{
    QString currency;
    return Ledgers(m_file.db()).blocks(customerId(customer, &currency));
}

QList<BalanceEntryRecord> LedgerService::balanceEntriesPage(const BalanceEntryPageQuery &query) const
{
    return Ledgers(m_file.db()).balanceEntriesPage(query);
}

QList<CreditBlockRow> LedgerService::creditBlocksPage(const CreditBlockPageQuery &query) const
{
    return Ledgers(m_file.db()).blocksPage(query);
}

} // namespace orb
