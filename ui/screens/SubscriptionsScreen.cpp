// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/screens/SubscriptionsScreen.h"

#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/StorageError.h"
#include "models/SubscriptionTableModel.h"
#include "models/billing/InvoiceRunService.h"
#include "models/billing/SubscriptionService.h"
#include "models/catalog/PlanRepository.h"
#include "ui/dialogs/SubscriptionDialogs.h"
#include "ui/LocaleFormat.h"
#include "ui/widgets/InvoiceDetailView.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QTimeZone>
#include <QVBoxLayout>

namespace orb {

SubscriptionsScreen::SubscriptionsScreen(CompanyFile &file, const Clock &clock, QWidget *parent) : QWidget(parent), m_file(file), m_clock(clock)
{
    setObjectName(QStringLiteral("subscriptionsScreen"));
    m_model = new SubscriptionTableModel(file.db(), this);
    m_model->setToday(clock.now().toTimeZone(QTimeZone(file.settings().timezone.toUtf8())).date());
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SubscriptionTableModel::RawValueRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("subscriptionSearch"));
    m_search->setPlaceholderText(tr("Search customer, plan or coupon"));
    m_search->setAccessibleName(m_search->placeholderText());
    m_search->setClearButtonEnabled(true);
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("subscriptionCount"));
    m_new = new QPushButton(tr("&New subscription…"), this);
    m_new->setObjectName(QStringLiteral("newSubscriptionButton"));
    m_change = new QPushButton(tr("C&hange plan…"), this);
    m_change->setObjectName(QStringLiteral("changePlanButton"));
    m_cancel = new QPushButton(tr("&Cancel subscription…"), this);
    m_cancel->setObjectName(QStringLiteral("cancelSubscriptionButton"));
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("subscriptionTable"));
    m_table->setAccessibleName(tr("Subscriptions"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(SubscriptionTableModel::Start, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(SubscriptionTableModel::Customer, QHeaderView::Stretch);
    m_detail = new QTextBrowser(this);
    m_detail->setObjectName(QStringLiteral("subscriptionDetail"));
    m_detail->setAccessibleName(tr("Subscription details"));

    auto *top = new QHBoxLayout;
    top->addWidget(m_search, 1);
    top->addWidget(m_new);
    top->addWidget(m_change);
    top->addWidget(m_cancel);
    top->addWidget(m_count);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(m_detail);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(split, 1);

    connect(m_search, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_new, &QPushButton::clicked, this, &SubscriptionsScreen::newSubscription);
    connect(m_change, &QPushButton::clicked, this, &SubscriptionsScreen::changePlan);
    connect(m_cancel, &QPushButton::clicked, this, &SubscriptionsScreen::cancelSubscription);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateActions();
        showDetails();
    });
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &SubscriptionsScreen::updateActions);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &SubscriptionsScreen::updateActions);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &SubscriptionsScreen::updateActions);
    updateActions();
    showDetails();
}

QString SubscriptionsScreen::selectedId() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(SubscriptionTableModel::IdRole).toString();
}

bool SubscriptionsScreen::selectSubscription(const QString &id)
{
    const int row = m_model->rowOf(id);
    if (row < 0)
        return false;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid())
        return false;
    m_table->selectRow(index.row());
    return true;
}

void SubscriptionsScreen::reload()
{
    const QString id = selectedId();
    m_model->reload();
    if (!id.isEmpty())
        selectSubscription(id);
    showDetails();
}

void SubscriptionsScreen::updateActions()
{
    const bool writable = !m_file.isReadOnly();
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    const QString status = rows.isEmpty() ? QString() : rows.first().data(SubscriptionTableModel::StatusRole).toString();
    m_new->setEnabled(writable);
    m_change->setEnabled(writable && !status.isEmpty() && status != QLatin1String("ended"));
    m_cancel->setEnabled(writable && !status.isEmpty() && status != QLatin1String("ended"));
    m_count->setText(tr("%Ln subscription(s)", nullptr, m_proxy->rowCount()));
}

void SubscriptionsScreen::showDetails()
{
    const QString id = selectedId();
    if (id.isEmpty()) {
        m_detail->setHtml(QStringLiteral("<p><i>%1</i></p>").arg(tr("Select a subscription to see its phases, pending changes and next invoices.")));
        return;
    }
    try {
        SubscriptionService service(m_file, m_clock);
        const Subscription sub = service.get(id);
        PlanRepository plans(m_file.db());
        QString h = QStringLiteral("<h3>%1</h3>").arg(m_table->selectionModel()->selectedRows().first().data().toString().toHtmlEscaped());
        QStringList terms{tr("From %1 to %2").arg(LocaleFormat::date(sub.startDate), sub.endDate ? LocaleFormat::date(*sub.endDate) : tr("open-ended")),
                          sub.alignment == QLatin1String("first_of_month") ? tr("billed on the 1st of the month") : tr("billed on the start date")};
        if (sub.trialDays > 0)
            terms << tr("%Ln trial day(s)", nullptr, sub.trialDays);
        terms << (sub.netTerms ? tr("payable within %Ln day(s)", nullptr, *sub.netTerms) : tr("payment terms of the customer or plan"));
        h += QStringLiteral("<p>%1</p>").arg(terms.join(QStringLiteral(" · ")).toHtmlEscaped());
        // Phases and changes name the plan and its version, and say in words what happened.
        auto planText = [&plans](const QString &versionId) -> QString {
            const std::optional<PlanVersion> v = plans.versionById(versionId);
            const std::optional<Plan> plan = v ? plans.findById(v->planId) : std::nullopt;
            return plan ? tr("%1, version %2").arg(plan->name).arg(v->version) : versionId;
        };
        auto causeText = [](PhaseCause cause) -> QString {
            switch (cause) {
            case PhaseCause::Create: return tr("subscribed");
            case PhaseCause::PlanChange: return tr("plan changed");
            case PhaseCause::QuantityChange: return tr("quantity changed");
            }
            return {};
        };
        h += QStringLiteral("<h4>%1</h4><ul>").arg(tr("Phases"));
        for (const SubscriptionPhase &p : sub.phases)
            h += QStringLiteral("<li>%1</li>")
                     .arg(tr("%1 to %2: %3 (%4)")
                              .arg(LocaleFormat::date(p.startDate), p.endDate ? LocaleFormat::date(*p.endDate) : tr("open"), planText(p.planVersionId),
                                   causeText(p.cause))
                              .toHtmlEscaped());
        h += QStringLiteral("</ul>");
        const QList<SubscriptionChange> changes = service.changes(id);
        if (!changes.isEmpty()) {
            auto kindText = [](SubscriptionChangeKind kind) -> QString {
                switch (kind) {
                case SubscriptionChangeKind::PlanChange: return tr("Plan change");
                case SubscriptionChangeKind::QuantityChange: return tr("Quantity change");
                case SubscriptionChangeKind::Cancellation: return tr("Cancellation");
                }
                return {};
            };
            auto statusText = [](SubscriptionChangeStatus status) -> QString {
                switch (status) {
                case SubscriptionChangeStatus::Scheduled: return tr("scheduled");
                case SubscriptionChangeStatus::Applied: return tr("applied");
                case SubscriptionChangeStatus::Unscheduled: return tr("withdrawn");
                }
                return {};
            };
            h += QStringLiteral("<h4>%1</h4><ul>").arg(tr("Changes"));
            for (const SubscriptionChange &c : changes)
                h += QStringLiteral("<li>%1</li>")
                         .arg(tr("%1 on %2 (%3)").arg(kindText(c.kind), LocaleFormat::date(c.effectiveDate), statusText(c.status)).toHtmlEscaped());
            h += QStringLiteral("</ul>");
        }
        const QList<Invoice> next = InvoiceRunService(m_file, m_clock).upcoming(id);
        h += QStringLiteral("<h4>%1</h4>").arg(tr("Next invoices"));
        if (next.isEmpty())
            h += QStringLiteral("<p><i>%1</i></p>").arg(tr("None: the subscription has ended."));
        for (const Invoice &inv : next)
            h += InvoiceDetailView::invoiceHtml(inv, m_table->selectionModel()->selectedRows().first().data().toString(), {}, {}) + QStringLiteral("<hr>");
        m_detail->setHtml(h);
    } catch (const ServiceError &e) {
        m_detail->setHtml(QStringLiteral("<p>%1</p>").arg(tr("This subscription could not be read: %1").arg(e.message()).toHtmlEscaped()));
    }
}

void SubscriptionsScreen::newSubscription()
{
    NewSubscriptionDialog dialog(m_file, m_clock, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_model->reload();
    selectSubscription(dialog.createdId());
    emit subscriptionsChanged();
}

void SubscriptionsScreen::changePlan()
{
    const QString id = selectedId();
    if (id.isEmpty())
        return;
    SubscriptionChangeDialog dialog(m_file, m_clock, id, SubscriptionChangeDialog::Kind::ChangePlan, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    reload();
    emit subscriptionsChanged();
}

void SubscriptionsScreen::cancelSubscription()
{
    const QString id = selectedId();
    if (id.isEmpty())
        return;
    SubscriptionChangeDialog dialog(m_file, m_clock, id, SubscriptionChangeDialog::Kind::Cancel, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    reload();
    emit subscriptionsChanged();
}

} // namespace orb
