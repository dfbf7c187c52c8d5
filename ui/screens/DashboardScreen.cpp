#include "ui/screens/DashboardScreen.h"

#include "models/CompanyFile.h"

#include <QLabel>
#include <QSqlQuery>
#include <QVBoxLayout>

namespace orb {

DashboardScreen::DashboardScreen(CompanyFile &file, QWidget *parent) : QWidget(parent), m_file(file)
{
    setObjectName(QStringLiteral("dashboardScreen"));
    m_heading = new QLabel(this);
    QFont f = m_heading->font();
    f.setPointSizeF(f.pointSizeF() * 1.6);
    f.setBold(true);
    m_heading->setFont(f);
    m_customers = new QLabel(this);
    m_customers->setObjectName(QStringLiteral("customerSummary"));
    m_customers->setTextFormat(Qt::RichText);
    m_pending = new QLabel(tr("<p><i>Drafts to issue, overdue invoices, this month's invoiced, paid and outstanding amounts, "
                              "and top customers by usage appear here as the usage and invoicing capabilities land.</i></p>"),
                           this);
    m_pending->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_customers);
    layout->addWidget(m_pending);
    layout->addStretch();
    refresh();
}

void DashboardScreen::refresh()
{
    const CompanySettings s = m_file.settings();
    m_heading->setText(s.name);
    QSqlQuery q = m_file.db().exec(QStringLiteral(
        "SELECT COALESCE(currency, ''), SUM(CASE WHEN archived_at IS NULL THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN archived_at IS NULL THEN 0 ELSE 1 END) FROM customers GROUP BY COALESCE(currency, '') ORDER BY 2 DESC"));
    int active = 0;
    int archived = 0;
    QStringList byCurrency;
    while (q.next()) {
        active += q.value(1).toInt();
        archived += q.value(2).toInt();
        if (q.value(1).toInt() > 0)
            byCurrency << QStringLiteral("%1 %2").arg(q.value(1).toInt()).arg(q.value(0).toString().isEmpty() ? tr("without currency") : q.value(0).toString());
    }
    m_customers->setText(tr("<h3>Customers</h3><p><b>%1</b> active, %2 archived</p><p>%3</p>"
                            "<p>Company currency %4 · time zone %5 · invoice numbers %6…</p>")
                             .arg(active)
                             .arg(archived)
                             .arg(byCurrency.join(QStringLiteral(" · ")).toHtmlEscaped())
                             .arg(s.defaultCurrency, s.timezone.toHtmlEscaped(), s.invoicePrefix.toHtmlEscaped()));
}

} // namespace orb
