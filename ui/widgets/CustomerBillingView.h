// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QTextBrowser>

namespace orb {

class BackgroundReader;
class Clock;
class CompanyFile;

/**
 * A customer's billing: subscriptions, recent invoices, the balance ledger, prepaid credit
 * blocks, and this month's usage per event. The usage count scans the month's events, so it
 * is read on a worker thread with its own connection and filled in when ready.
 */
class CustomerBillingView final : public QTextBrowser
{
    Q_OBJECT

public:
    CustomerBillingView(CompanyFile &file, const Clock &clock, QWidget *parent = nullptr);
    ~CustomerBillingView() override;

    /// Shows this customer (id); empty clears the view.
    void showCustomer(const QString &customerId);
    QString customerId() const { return m_customerId; }
    bool isLoadingUsage() const;

signals:
    /// The usage part is filled in.
    void usageLoaded();

private:
    void render();
    void loadUsage();
    void showUsage(const QString &id, const QList<QPair<QString, qint64>> &usage, const QString &error);

    CompanyFile &m_file;
    const Clock &m_clock;
    QString m_customerId;
    QString m_billingHtml;
    QString m_usageHtml;
    BackgroundReader *m_reader;
};

} // namespace orb
