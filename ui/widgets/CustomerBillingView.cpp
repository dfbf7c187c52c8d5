// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/CustomerBillingView.h"

#include "ui/LocaleFormat.h"

#include "models/StatusText.h"
#include "engine/Clock.h"
#include "models/BackgroundReader.h"
#include "models/CompanyFile.h"
#include "models/DashboardQuery.h"
#include "models/StorageError.h"
#include "models/billing/InvoiceService.h"
#include "models/billing/LedgerService.h"
#include "models/billing/SubscriptionService.h"
#include "models/catalog/PlanRepository.h"

#include <QLocale>
#include <QTimeZone>

namespace orb {

namespace {

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

} // namespace

CustomerBillingView::CustomerBillingView(CompanyFile &file, const Clock &clock, QWidget *parent)
    : QTextBrowser(parent), m_file(file), m_clock(clock), m_reader(new BackgroundReader(file.path(), QStringLiteral("orb-customer-usage"), this))
{
    setObjectName(QStringLiteral("customerBilling"));
    setAccessibleName(tr("Customer billing"));
}

CustomerBillingView::~CustomerBillingView() = default;

bool CustomerBillingView::isLoadingUsage() const
{
    return m_reader->isBusy();
}

void CustomerBillingView::showCustomer(const QString &customerId)
{
    m_customerId = customerId;
    m_billingHtml.clear();
    m_usageHtml.clear();
    if (customerId.isEmpty()) {
        setHtml(QStringLiteral("<p><i>%1</i></p>").arg(tr("Select a customer to see subscriptions, invoices, balance, credits and usage.")));
        return;
    }
    QString h;
    try {
        const QDate today = m_clock.now().toTimeZone(QTimeZone(m_file.settings().timezone.toUtf8())).date();
        PlanRepository plans(m_file.db());
        h += QStringLiteral("<h4>%1</h4>").arg(tr("Subscriptions"));
        const QList<Subscription> subs = SubscriptionService(m_file, m_clock).list(customerId);
        if (subs.isEmpty())
            h += QStringLiteral("<p><i>%1</i></p>").arg(tr("None."));
        for (const Subscription &s : subs) {
            const auto plan = plans.findById(s.planId);
            h += QStringLiteral("<p>%1</p>")
                     .arg(esc(tr("%1 — %2, from %3%4")
                                  .arg(plan ? plan->name : s.planId, subscriptionStatusText(s.status(today)), LocaleFormat::date(s.startDate),
                                       s.endDate ? tr(" to %1").arg(LocaleFormat::date(*s.endDate)) : QString())));
        }
        InvoiceFilter filter;
        filter.customerId = customerId;
        QList<Invoice> invoices = InvoiceService(m_file, m_clock).list(filter);
        std::sort(invoices.begin(), invoices.end(), [](const Invoice &a, const Invoice &b) { return a.invoiceDate > b.invoiceDate; });
        h += QStringLiteral("<h4>%1</h4>").arg(tr("Invoices (%1)").arg(invoices.size()));
        h += QStringLiteral("<table cellpadding=\"2\">");
        for (int i = 0; i < std::min<qsizetype>(invoices.size(), 8); ++i) {
            const Invoice &inv = invoices[i];
            h += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td align=\"right\">%4</td></tr>")
                     .arg(esc(inv.invoiceNumber.isEmpty() ? tr("(draft)") : inv.invoiceNumber), LocaleFormat::date(inv.invoiceDate),
                          esc(invoiceStatusText(inv.status, inv.isOverdue(today))), esc(LocaleFormat::money(inv.total, inv.currency)));
        }
        h += QStringLiteral("</table>");
        if (invoices.size() > 8)
            h += QStringLiteral("<p><i>%1</i></p>").arg(tr("%Ln more on the Invoices screen.", nullptr, int(invoices.size() - 8)));

        LedgerService ledger(m_file, m_clock);
        const LedgerService::BalanceView balance = ledger.balance(customerId);
        h += QStringLiteral("<h4>%1</h4>").arg(tr("Balance: %1").arg(esc(LocaleFormat::money(balance.balance, balance.currency))));
        h += QStringLiteral("<table cellpadding=\"2\">");
        const qsizetype from = std::max<qsizetype>(0, balance.entries.size() - 6);
        for (qsizetype i = balance.entries.size() - 1; i >= from; --i) {
            const BalanceEntryRecord &e = balance.entries[i];
            h += QStringLiteral("<tr><td>%1</td><td align=\"right\">%2</td><td align=\"right\">%3</td><td>%4</td></tr>")
                     .arg(LocaleFormat::date(e.createdAt.toLocalTime().date()), esc(LocaleFormat::money(e.amount, e.currency)),
                          esc(LocaleFormat::money(e.balanceAfter, e.currency)), esc(e.description));
        }
        h += QStringLiteral("</table>");
        const QList<CreditBlockRecord> credits = ledger.credits(customerId);
        h += QStringLiteral("<h4>%1</h4>").arg(tr("Prepaid credits"));
        if (credits.isEmpty())
            h += QStringLiteral("<p><i>%1</i></p>").arg(tr("None."));
        for (const CreditBlockRecord &c : credits)
            h += QStringLiteral("<p>%1</p>")
                     .arg(esc(tr("%1 of %2 left, from %3%4 — %5")
                                  .arg(LocaleFormat::money(c.remaining, c.currency), LocaleFormat::money(c.amount, c.currency),
                                       LocaleFormat::date(c.effectiveDate), c.expiryDate ? tr(" until %1").arg(LocaleFormat::date(*c.expiryDate)) : QString(),
                                       c.description)));
    } catch (const ServiceError &e) {
        h += QStringLiteral("<p>%1</p>").arg(esc(tr("The billing of this customer could not be read: %1").arg(e.message())));
    }
    m_billingHtml = h;
    m_usageHtml = QStringLiteral("<h4>%1</h4><p><i>%2</i></p>").arg(tr("Usage this month"), tr("Counting…"));
    render();
    loadUsage();
}

void CustomerBillingView::render()
{
    setHtml(m_billingHtml + m_usageHtml);
}

void CustomerBillingView::loadUsage()
{
    const QTimeZone zone(m_file.settings().timezone.toUtf8());
    const QDate today = m_clock.now().toTimeZone(zone).date();
    const QDate first(today.year(), today.month(), 1);
    const qint64 fromMs = first.startOfDay(zone).toMSecsSinceEpoch();
    const qint64 toMs = first.addMonths(1).startOfDay(zone).toMSecsSinceEpoch();
    const QString id = m_customerId;
    // Another customer chosen meanwhile supersedes this read.
    m_reader->read([id, fromMs, toMs](const Database &db) { return DashboardQuery(db).customerUsage(id, fromMs, toMs); },
                   [this, id](const QList<QPair<QString, qint64>> &usage) { showUsage(id, usage, {}); },
                   [this, id](const QString &error) { showUsage(id, {}, error); });
}

void CustomerBillingView::showUsage(const QString &id, const QList<QPair<QString, qint64>> &usage, const QString &error)
{
    if (id != m_customerId)
        return; // the view was cleared meanwhile
    QString h = QStringLiteral("<h4>%1</h4>").arg(tr("Usage this month"));
    if (!error.isEmpty())
        h += QStringLiteral("<p>%1</p>").arg(esc(tr("The usage could not be counted: %1").arg(error)));
    else if (usage.isEmpty())
        h += QStringLiteral("<p><i>%1</i></p>").arg(tr("No events yet this month."));
    for (const auto &p : usage)
        h += QStringLiteral("<p>%1</p>").arg(esc(tr("%1: %2 events").arg(p.first, QLocale().toString(p.second))));
    m_usageHtml = h;
    render();
    emit usageLoaded();
}

} // namespace orb
