// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/DashboardQuery.h"

#include <QWidget>

#include <optional>

class QLabel;

namespace orb {

class BackgroundReader;
class Clock;
class CompanyFile;

/**
 * The first screen: the company at a glance. What needs attention today (drafts to issue,
 * overdue invoices, failed syncs, rejected events), this month's invoiced, paid and
 * outstanding amounts, and the top customers by usage. The figures are read by DashboardQuery
 * on a worker thread with its own connection, so a large file never freezes the window.
 */
class DashboardScreen final : public QWidget
{
    Q_OBJECT

public:
    /// The invoice lists the attention card links to.
    enum class InvoiceList { Drafts, Overdue };

    DashboardScreen(CompanyFile &file, const Clock &clock, QWidget *parent = nullptr);
    ~DashboardScreen() override;

    /// The last figures read (tests).
    const DashboardFigures &figures() const { return m_figures; }
    bool isRefreshing() const;

public slots:
    void refresh();
    /// The Stripe sync's state in the words of the status bar and the Sync screen (one source,
    /// so the three never disagree); until it is told, the line says sync is not set up.
    void setSyncStatus(const QString &text);

signals:
    /// New figures are shown.
    void refreshed();
    /// The user asked to see these invoices.
    void invoicesRequested(DashboardScreen::InvoiceList which);

private:
    void showRead(const DashboardFigures &figures, const QString &error);
    void showFigures();

    CompanyFile &m_file;
    const Clock &m_clock;
    QLabel *m_heading;
    QLabel *m_attention;
    QLabel *m_month;
    QLabel *m_top;
    QLabel *m_customers;
    BackgroundReader *m_reader;
    DashboardFigures m_figures;
    QString m_error;
    QString m_syncStatus;
};

} // namespace orb
