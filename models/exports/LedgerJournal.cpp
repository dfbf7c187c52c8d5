// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/exports/LedgerJournal.h"

#include "engine/billing/BillingSchedule.h"
#include "models/CompanyFile.h"
#include "models/CustomerRepository.h"
#include "models/SettingKeys.h"
#include "models/StorageError.h"
#include "models/billing/InvoiceRepository.h"
#include "models/catalog/ItemRepository.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTimeZone>

#include <algorithm>

namespace orb {

namespace {

QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

Decimal dec(const QJsonObject &o, const char *key)
{
    return Decimal::tryParse(str(o, key)).value_or(Decimal(0));
}

/// Adds an amount to the split of that account (and memo), so an entry has one line per account.
void post(QList<JournalSplit> &splits, const QString &account, const Decimal &amount, const QString &memo)
{
    if (amount.isZero())
        return;
    for (JournalSplit &s : splits) {
        if (s.account == account && s.memo == memo) {
            s.amount += amount;
            return;
        }
    }
    splits.append({account, amount, memo});
}

} // namespace

Decimal JournalEntry::balance() const
{
    Decimal sum(0);
    for (const JournalSplit &s : splits)
        sum += s.amount;
    return sum;
}

QString JournalEntry::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Invoice: return QStringLiteral("invoice");
    case Kind::Payment: return QStringLiteral("payment");
    case Kind::CreditNote: return QStringLiteral("credit_note");
    case Kind::Void: return QStringLiteral("void");
    }
    return {};
}

LedgerAccounts LedgerAccounts::fromCompany(const CompanyFile &file)
{
    auto value = [&](const char *key) {
        const QString k = QLatin1String(key);
        const auto def = findSettingKey(k);
        return file.setting(k, def ? def->defaultValue : QString());
    };
    LedgerAccounts a;
    a.receivable = value("ledger.receivable_account");
    a.income = value("ledger.income_account");
    a.tax = value("ledger.tax_account");
    a.bank = value("ledger.bank_account");
    a.customerBalance = value("ledger.customer_balance_account");
    a.prepaidCredits = value("ledger.prepaid_credits_account");
    QString error;
    a.items = parseSettingMap(value("ledger.item_accounts"), &error);
    if (!error.isEmpty())
        throw ServiceError::invalid(QStringLiteral("setting ledger.item_accounts: %1").arg(error));
    a.taxes = parseSettingMap(value("ledger.tax_accounts"), &error);
    if (!error.isEmpty())
        throw ServiceError::invalid(QStringLiteral("setting ledger.tax_accounts: %1").arg(error));
    return a;
}

QList<JournalEntry> LedgerJournal::build(CompanyFile &file, QDate from, QDate to)
{
    return build(file, from, to, LedgerAccounts::fromCompany(file));
}

QList<JournalEntry> LedgerJournal::build(CompanyFile &file, QDate from, QDate to, const LedgerAccounts &accounts)
{
    if (!from.isValid() || !to.isValid())
        throw ServiceError::invalid(QStringLiteral("ledger export: --from and --to must be dates (YYYY-MM-DD)"));
    if (from > to)
        throw ServiceError::invalid(QStringLiteral("ledger export: --from %1 is after --to %2").arg(from.toString(Qt::ISODate), to.toString(Qt::ISODate)));
    QTimeZone zone(file.settings().timezone.toUtf8());
    if (!zone.isValid())
        zone = QTimeZone::utc();
    auto localDate = [&](const QDateTime &t) { return t.isValid() ? billing::BillingSchedule::localDate(t, zone) : QDate(); };
    auto inPeriod = [&](QDate d) { return d.isValid() && d >= from && d <= to; };

    InvoiceRepository invoices(file.db());
    CustomerRepository customers(file.db());
    ItemRepository items(file.db());
    QHash<QString, QString> itemNames;
    QHash<QString, QString> customerNames;
    auto customerName = [&](const QString &id) {
        if (!customerNames.contains(id)) {
            const auto c = customers.findById(id);
            customerNames.insert(id, c ? c->name : id);
        }
        return customerNames.value(id);
    };
    auto incomeAccount = [&](const QJsonObject &line) {
        const QString itemId = str(line, "item_id");
        if (!itemId.isEmpty() && !itemNames.contains(itemId)) {
            const auto item = items.findById(itemId);
            itemNames.insert(itemId, item ? item->name : QString());
        }
        const QString item = itemNames.value(itemId);
        if (!item.isEmpty() && accounts.items.contains(item))
            return accounts.items.value(item);
        return accounts.incomeFor(str(line, "name"));
    };

    QList<JournalEntry> out;
    for (const Invoice &inv : invoices.list({})) {
        if (inv.status == InvoiceStatus::Draft || inv.invoiceNumber.isEmpty())
            continue;
        // The invoice's entry: receivable for what is due, balance and credits applied, income
        // per line (after its adjustments and coupons) and tax per rate.
        JournalEntry e;
        e.kind = JournalEntry::Kind::Invoice;
        e.date = inv.invoiceDate;
        e.id = QStringLiteral("invoice:") + inv.id;
        e.number = inv.invoiceNumber;
        e.customer = customerName(inv.customerId);
        e.description = QStringLiteral("Invoice %1 · %2").arg(inv.invoiceNumber, e.customer);
        e.currency = inv.currency;
        post(e.splits, accounts.receivable, inv.amountDue, QStringLiteral("Amount due"));
        post(e.splits, accounts.customerBalance, inv.balanceApplied, QStringLiteral("Customer balance applied"));
        post(e.splits, accounts.prepaidCredits, inv.creditsApplied, QStringLiteral("Prepaid credits applied"));
        const QJsonArray lines = inv.document.value(QStringLiteral("line_items")).toArray();
        for (const QJsonValue &lv : lines) {
            const QJsonObject l = lv.toObject();
            // A line's amount nets the prepaid credits drawn inside it: the income is the amount
            // before them, the credits come out of the prepaid-credits account above.
            post(e.splits, incomeAccount(l), -(dec(l, "amount") + dec(l, "credits_applied")), str(l, "name"));
        }
        for (const QJsonValue &tv : inv.document.value(QStringLiteral("tax_amounts")).toArray()) {
            const QJsonObject t = tv.toObject();
            post(e.splits, accounts.taxFor(str(t, "tax_rate_description")), -dec(t, "amount"), str(t, "tax_rate_description"));
        }
        if (!e.balance().isZero())
            throw ServiceError::storage(QStringLiteral("invoice %1 does not balance as a journal entry (off by %2): its stored totals disagree")
                                            .arg(inv.invoiceNumber, e.balance().toString()));
        if (inPeriod(e.date))
            out.append(e);

        const QDate voided = localDate(inv.voidedAt);
        if (inPeriod(voided)) {
            JournalEntry v = e;
            v.kind = JournalEntry::Kind::Void;
            v.date = voided;
            v.id = QStringLiteral("void:") + inv.id;
            v.description = QStringLiteral("Void of invoice %1 · %2").arg(inv.invoiceNumber, e.customer);
            for (JournalSplit &s : v.splits)
                s.amount = -s.amount;
            out.append(v);
        }
        for (const Payment &p : invoices.payments(inv.id)) {
            if (!inPeriod(p.paidOn))
                continue;
            JournalEntry pe;
            pe.kind = JournalEntry::Kind::Payment;
            pe.date = p.paidOn;
            pe.id = QStringLiteral("payment:") + p.id;
            pe.number = p.reference.isEmpty() ? inv.invoiceNumber : p.reference;
            pe.customer = e.customer;
            pe.description = QStringLiteral("Payment for %1 · %2").arg(inv.invoiceNumber, e.customer);
            pe.currency = p.currency.isEmpty() ? inv.currency : p.currency;
            post(pe.splits, accounts.bank, p.amount, p.method);
            post(pe.splits, accounts.receivable, -p.amount, inv.invoiceNumber);
            out.append(pe);
        }
        for (const CreditNote &n : invoices.creditNotes(inv.id)) {
            const QDate d = localDate(n.createdAt);
            if (!inPeriod(d))
                continue;
            JournalEntry ce;
            ce.kind = JournalEntry::Kind::CreditNote;
            ce.date = d;
            ce.id = QStringLiteral("credit_note:") + n.id;
            ce.number = n.number;
            ce.customer = e.customer;
            ce.description = QStringLiteral("Credit note %1 on %2 · %3").arg(n.number, inv.invoiceNumber, e.customer);
            ce.currency = n.currency;
            // A refund's part paid back to the customer left the bank; only the rest is taken
            // off what the customer owes.
            post(ce.splits, accounts.receivable, -(n.total - n.paidBack), n.reason);
            post(ce.splits, accounts.bank, -n.paidBack, QStringLiteral("Refund paid"));
            for (const CreditNoteLine &cl : n.lines) {
                const QJsonObject l =
                    cl.invoiceLinePosition >= 0 && cl.invoiceLinePosition < lines.size() ? lines.at(cl.invoiceLinePosition).toObject() : QJsonObject();
                post(ce.splits, incomeAccount(l), cl.amount - cl.tax, str(l, "name"));
                // The tax goes back to the line's rate (its first, when a line carried several).
                const QJsonArray taxes = l.value(QStringLiteral("tax_amounts")).toArray();
                const QString rate = taxes.isEmpty() ? QString() : str(taxes.first().toObject(), "tax_rate_description");
                post(ce.splits, accounts.taxFor(rate), cl.tax, rate);
            }
            out.append(ce);
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const JournalEntry &a, const JournalEntry &b) {
        if (a.date != b.date)
            return a.date < b.date;
        if (a.kind != b.kind)
            return int(a.kind) < int(b.kind);
        if (a.number != b.number)
            return a.number < b.number;
        return a.id < b.id;
    });
    return out;
}

} // namespace orb
