// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/screens/DashboardScreen.h"

#include "engine/Clock.h"
#include "models/BackgroundReader.h"
#include "models/CompanyFile.h"
#include "models/StorageError.h"
#include "models/billing/BillingRecords.h"
#include "ui/LocaleFormat.h"

#include <QFrame>
#include <QGridLayout>
#include <QLabel>
#include <QTimeZone>
#include <QVBoxLayout>

namespace orb {

namespace {

QLabel *card(QWidget *parent, const QString &name)
{
    auto *l = new QLabel(parent);
    l->setObjectName(name);
    l->setTextFormat(Qt::RichText);
    l->setWordWrap(true);
    l->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    l->setFrameShape(QFrame::StyledPanel);
    l->setMargin(10);
    l->setTextInteractionFlags(Qt::TextBrowserInteraction);
    return l;
}

QString sums(const QMap<QString, Decimal> &byCurrency)
{
    if (byCurrency.isEmpty())
        return DashboardScreen::tr("none");
    QStringList parts;
    for (auto it = byCurrency.cbegin(); it != byCurrency.cend(); ++it)
        parts << QStringLiteral("<b>%1</b>").arg(LocaleFormat::money(it.value(), it.key()).toHtmlEscaped());
    return parts.join(QStringLiteral(" · "));
}

} // namespace

DashboardScreen::DashboardScreen(CompanyFile &file, const Clock &clock, QWidget *parent)
    : QWidget(parent), m_file(file), m_clock(clock), m_reader(new BackgroundReader(file.path(), QStringLiteral("orb-dashboard"), this))
{
    setObjectName(QStringLiteral("dashboardScreen"));
    m_heading = new QLabel(this);
    m_heading->setObjectName(QStringLiteral("dashboardHeading"));
    QFont f = m_heading->font();
    f.setPointSizeF(f.pointSizeF() * 1.6);
    f.setBold(true);
    m_heading->setFont(f);
    m_attention = card(this, QStringLiteral("attentionCard"));
    m_attention->setAccessibleName(tr("Needs attention today"));
    m_month = card(this, QStringLiteral("monthCard"));
    m_month->setAccessibleName(tr("This month"));
    m_top = card(this, QStringLiteral("topCustomersCard"));
    m_top->setAccessibleName(tr("Top customers by usage"));
    m_customers = card(this, QStringLiteral("customerSummary"));
    m_customers->setAccessibleName(tr("Company"));
    // The card's links name their list in the href, which the translations keep as it is.
    connect(m_attention, &QLabel::linkActivated, this, [this](const QString &link) {
        if (link == QLatin1String("overdue"))
            emit invoicesRequested(InvoiceList::Overdue);
        else if (link == QLatin1String("draft"))
            emit invoicesRequested(InvoiceList::Drafts);
    });
    auto *grid = new QGridLayout;
    grid->setSpacing(12);
    grid->addWidget(m_attention, 0, 0);
    grid->addWidget(m_month, 0, 1);
    grid->addWidget(m_top, 1, 0);
    grid->addWidget(m_customers, 1, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addLayout(grid);
    layout->addStretch();
    m_attention->setText(m_file.isServer() ? tr("<h3>Needs attention today</h3><p><i>Reading the company from the server…</i></p>")
                                           : tr("<h3>Needs attention today</h3><p><i>Reading the company file…</i></p>"));
    refresh();
}

DashboardScreen::~DashboardScreen() = default;

bool DashboardScreen::isRefreshing() const
{
    return m_reader->isBusy();
}

void DashboardScreen::setSyncStatus(const QString &text)
{
    m_syncStatus = text;
    showFigures();
}

void DashboardScreen::refresh()
{
    m_heading->setText(m_file.settings().name);
    const QTimeZone zone(m_file.settings().timezone.toUtf8());
    const QDate today = m_clock.now().toTimeZone(zone).date();
    const QDate first(today.year(), today.month(), 1);
    const qint64 startMs = first.startOfDay(zone).toMSecsSinceEpoch();
    const qint64 endMs = first.addMonths(1).startOfDay(zone).toMSecsSinceEpoch();
    // A refresh while a read is running supersedes it: the figures shown are never older
    // than the last change.
    m_reader->read([today, startMs, endMs](const Database &db) { return DashboardQuery(db).compute(today, startMs, endMs); },
                   [this](const DashboardFigures &figures) { showRead(figures, {}); }, [this](const QString &error) { showRead({}, error); });
}

void DashboardScreen::showRead(const DashboardFigures &figures, const QString &error)
{
    m_figures = figures;
    m_error = error;
    const CompanySettings s = m_file.settings();
    m_customers->setText(tr("<h3>Company</h3><p><b>%1</b> active customers, %2 archived</p>"
                            "<p>Currency %3 · time zone %4 · invoice numbers %5…</p>")
                             .arg(figures.customers.active)
                             .arg(figures.customers.archived)
                             .arg(s.defaultCurrency, s.timezone.toHtmlEscaped(), s.invoicePrefix.toHtmlEscaped()));
    showFigures();
    emit refreshed();
}

void DashboardScreen::showFigures()
{
    if (!m_error.isEmpty()) {
        m_attention->setText(tr("<h3>Needs attention today</h3><p>The figures could not be read: %1</p>").arg(m_error.toHtmlEscaped()));
        return;
    }
    const DashboardFigures &f = m_figures;
    if (!f.today.isValid())
        return;
    QString a = tr("<h3>Needs attention today</h3>");
    a += f.draftsToIssue > 0 ? tr("<p><a href=\"draft\">%Ln draft invoice(s) to issue</a></p>", nullptr, f.draftsToIssue)
                             : tr("<p>No drafts waiting to be issued.</p>");
    a += f.overdueInvoices > 0
             ? tr("<p><a href=\"overdue\">%Ln overdue invoice(s)</a>: %1 to collect</p>", nullptr, f.overdueInvoices).arg(sums(f.overdueAmount))
             : tr("<p>Nothing overdue.</p>");
    if (!f.failedSubscriptions.isEmpty()) {
        a += tr("<p>%Ln subscription(s) could not be billed by the last invoice run:</p>", nullptr, int(f.failedSubscriptions.size()));
        a += QStringLiteral("<ul>");
        for (const QString &line : f.failedSubscriptions)
            a += QStringLiteral("<li>%1</li>").arg(line.toHtmlEscaped());
        a += QStringLiteral("</ul>");
    }
    if (!f.disputes.isEmpty()) {
        a += tr("<p>%Ln disputed payment(s): the bank holds the money until each is decided; answer them in Stripe:</p>", nullptr, int(f.disputes.size()));
        a += QStringLiteral("<ul>");
        for (const QString &line : f.disputes)
            a += QStringLiteral("<li>%1</li>").arg(line.toHtmlEscaped());
        a += QStringLiteral("</ul>");
    }
    if (!m_syncStatus.isEmpty())
        a += QStringLiteral("<p>%1</p>").arg(m_syncStatus.toHtmlEscaped());
    else
        a += tr("<p>Stripe sync: not set up.</p>");
    a += f.eventsRejected > 0
             ? tr("<p>%Ln usage event(s) rejected by imports in the last 7 days</p>", nullptr, int(std::min<qint64>(f.eventsRejected, INT_MAX)))
             : tr("<p>No usage events rejected in the last 7 days.</p>");
    m_attention->setText(a);

    m_month->setText(tr("<h3>%1</h3><table cellpadding=\"3\"><tr><td>Invoiced</td><td>%2</td></tr>"
                        "<tr><td>Paid</td><td>%3</td></tr><tr><td>Outstanding (all issued)</td><td>%4</td></tr></table>")
                         .arg(LocaleFormat::monthYear(f.monthStart), sums(f.invoiced), sums(f.paid), sums(f.outstanding)));
    QString t = tr("<h3>Top customers by usage this month</h3>");
    if (f.topCustomers.isEmpty())
        t += tr("<p>No usage recorded this month yet.</p>");
    else {
        t += QStringLiteral("<table cellpadding=\"3\">");
        for (const auto &c : f.topCustomers)
            t += QStringLiteral("<tr><td>%1</td><td align=\"right\">%2</td></tr>")
                     .arg(c.name.toHtmlEscaped(), tr("%1 events").arg(QLocale().toString(c.events)));
        t += QStringLiteral("</table>");
    }
    m_top->setText(t);
}

} // namespace orb
