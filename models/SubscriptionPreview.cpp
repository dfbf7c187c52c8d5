// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/SubscriptionPreview.h"

#include "models/CompanyFile.h"
#include "models/StorageError.h"
#include "models/billing/InvoiceRepository.h"
#include "models/billing/InvoiceRunService.h"
#include "models/billing/LedgerService.h"

#include <QCoreApplication>
#include <QHash>

namespace orb {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("orb::SubscriptionPreview", text);
}

QString invoiceLabel(const Invoice &inv)
{
    const QString name = inv.invoiceNumber.isEmpty() ? tr("draft %1").arg(inv.id) : inv.invoiceNumber;
    return tr("%1 (%2 – %3, %4 %5)").arg(name, dateText(inv.periodStart), dateText(inv.periodEnd), moneyText(inv.total, inv.currency), inv.currency);
}

} // namespace

SubscriptionPreviewResult SubscriptionPreview::preview(const QString &customerId, const std::function<QString(QDate *effective)> &action)
{
    SubscriptionPreviewResult result;
    Database &db = m_file.db();
    if (m_file.isReadOnly()) {
        result.error = tr("The company file is open read-only; nothing can be changed.");
        return result;
    }
    db.begin();
    try {
        InvoiceRepository invoices(db);
        LedgerService ledger(m_file, m_clock);
        QHash<QString, InvoiceStatus> statusBefore;
        qint64 lastSeq = 0;
        if (!customerId.isEmpty()) {
            InvoiceFilter filter;
            filter.customerId = customerId;
            for (const Invoice &inv : invoices.list(filter))
                statusBefore.insert(inv.id, inv.status);
            const auto view = ledger.balance(customerId);
            for (const BalanceEntryRecord &e : view.entries)
                lastSeq = std::max(lastSeq, e.seq);
        }
        const QString subscriptionId = action(&result.effectiveDate);
        const Subscription sub = SubscriptionService(m_file, m_clock).get(subscriptionId);
        const auto view = ledger.balance(sub.customerId);
        result.currency = view.currency;
        result.balanceChange = Decimal(0);
        for (const BalanceEntryRecord &e : view.entries) {
            if (e.seq <= lastSeq)
                continue;
            result.balanceChange += e.amount;
            result.balanceLines << tr("%1 %2: %3").arg(moneyText(e.amount, e.currency), e.currency, e.description);
            result.balanceEntries << e;
        }
        InvoiceFilter filter;
        filter.customerId = sub.customerId;
        QHash<QString, Invoice> after;
        for (const Invoice &inv : invoices.list(filter))
            after.insert(inv.id, inv);
        for (auto it = statusBefore.cbegin(); it != statusBefore.cend(); ++it) {
            if (!after.contains(it.key()))
                result.droppedDrafts << it.key();
            else if (it.value() != InvoiceStatus::Void && after[it.key()].status == InvoiceStatus::Void)
                result.voidedInvoices << invoiceLabel(after[it.key()]);
        }
        result.nextInvoices = InvoiceRunService(m_file, m_clock).upcoming(subscriptionId);
    } catch (const ServiceError &e) {
        result.error = e.details();
    }
    db.rollback();
    return result;
}

SubscriptionPreviewResult SubscriptionPreview::create(const SubscriptionDraft &draft)
{
    return preview({}, [&](QDate *effective) {
        const Subscription sub = SubscriptionService(m_file, m_clock).create(draft);
        *effective = sub.startDate;
        return sub.id;
    });
}

SubscriptionPreviewResult SubscriptionPreview::changePlan(const QString &subscriptionId, const QString &plan, std::optional<int> version, ChangeTiming timing,
                                                          std::optional<QDate> date)
{
    QString customerId;
    try {
        customerId = SubscriptionService(m_file, m_clock).get(subscriptionId).customerId;
    } catch (const ServiceError &e) {
        SubscriptionPreviewResult r;
        r.error = e.details();
        return r;
    }
    return preview(customerId, [&](QDate *effective) {
        const SubscriptionChange change = SubscriptionService(m_file, m_clock).changePlan(subscriptionId, plan, version, timing, date);
        *effective = change.effectiveDate;
        return subscriptionId;
    });
}

SubscriptionPreviewResult SubscriptionPreview::cancel(const QString &subscriptionId, ChangeTiming timing, std::optional<QDate> date)
{
    QString customerId;
    try {
        customerId = SubscriptionService(m_file, m_clock).get(subscriptionId).customerId;
    } catch (const ServiceError &e) {
        SubscriptionPreviewResult r;
        r.error = e.details();
        return r;
    }
    return preview(customerId, [&](QDate *effective) {
        const SubscriptionChange change = SubscriptionService(m_file, m_clock).cancel(subscriptionId, timing, date);
        *effective = change.effectiveDate;
        return subscriptionId;
    });
}

} // namespace orb
