// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/SubscriptionDialogs.h"
#include "ui/LocaleFormat.h"

#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/CustomerRepository.h"
#include "models/StorageError.h"
#include "models/billing/BillingSetupService.h"
#include "models/catalog/PlanRepository.h"
#include "ui/widgets/InvoiceDetailView.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTextBrowser>
#include <QTimeZone>
#include <QVBoxLayout>

namespace orb {

namespace {

QDate companyToday(CompanyFile &file, const Clock &clock)
{
    return clock.now().toTimeZone(QTimeZone(file.settings().timezone.toUtf8())).date();
}

QLabel *errorLabel(QWidget *parent, const QString &name)
{
    auto *l = new QLabel(parent);
    l->setObjectName(name);
    l->setStyleSheet(QStringLiteral("color: #b00020;"));
    l->setWordWrap(true);
    return l;
}

QTextBrowser *previewView(QWidget *parent)
{
    auto *v = new QTextBrowser(parent);
    v->setObjectName(QStringLiteral("subscriptionPreview"));
    v->setAccessibleName(QCoreApplication::translate("orb::SubscriptionDialogs", "Preview"));
    v->setMinimumWidth(420);
    return v;
}

void fillPlans(QComboBox *box, CompanyFile &file)
{
    for (const Plan &p : PlanRepository(file.db()).list())
        if (!p.isArchived())
            box->addItem(p.name, p.id);
}

} // namespace

QString subscriptionPreviewHtml(const SubscriptionPreviewResult &p, const QString &customerName)
{
    // lupdate files tr() calls of a namespace-level function under the namespace's context.
    auto tr = [](const char *text) { return QCoreApplication::translate("orb", text); };
    if (!p.error.isEmpty())
        return QStringLiteral("<p style=\"color:#b00020\"><b>%1</b><br>%2</p>")
            .arg(tr("This would be refused:"), p.error.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")));
    QString h = QStringLiteral("<p>%1</p>").arg(tr("Takes effect on <b>%1</b>.").arg(LocaleFormat::date(p.effectiveDate)));
    if (!p.balanceLines.isEmpty()) {
        h += QStringLiteral("<p><b>%1</b></p><ul>")
                 .arg(tr("Proration credited to the customer balance: %1").arg(LocaleFormat::money(p.balanceChange, p.currency)));
        // Each amount in the interface language's form; the entry's description is the ledger's.
        for (const BalanceEntryRecord &e : p.balanceEntries)
            h += QStringLiteral("<li>%1</li>").arg(tr("%1: %2").arg(LocaleFormat::money(e.amount, e.currency), e.description).toHtmlEscaped());
        h += QStringLiteral("</ul>");
    } else if (!p.currency.isEmpty()) {
        h += QStringLiteral("<p>%1</p>").arg(tr("Nothing is credited to the customer balance."));
    }
    if (!p.droppedDrafts.isEmpty())
        h += QStringLiteral("<p>%1</p>")
                 .arg(tr("%1 draft invoice(s) from that date on are dropped; the next invoice run composes them again.").arg(p.droppedDrafts.size()));
    for (const QString &v : p.voidedInvoices)
        h += QStringLiteral("<p>%1</p>").arg(tr("Voided: %1").arg(v.toHtmlEscaped()));
    if (p.nextInvoices.isEmpty())
        h += QStringLiteral("<p><i>%1</i></p>").arg(tr("No further invoices."));
    for (const Invoice &inv : p.nextInvoices)
        h += QStringLiteral("<hr>") + InvoiceDetailView::invoiceHtml(inv, customerName, {}, {});
    return h;
}

NewSubscriptionDialog::NewSubscriptionDialog(CompanyFile &file, const Clock &clock, QWidget *parent) : QDialog(parent), m_file(file), m_clock(clock)
{
    setObjectName(QStringLiteral("newSubscriptionDialog"));
    setWindowTitle(tr("New subscription"));
    m_customer = new QComboBox(this);
    m_customer->setObjectName(QStringLiteral("subCustomer"));
    m_customer->setAccessibleName(tr("Customer"));
    for (const Customer &c : CustomerRepository(file.db()).list(CustomerQuery{}))
        m_customer->addItem(c.name, c.id);
    m_plan = new QComboBox(this);
    m_plan->setObjectName(QStringLiteral("subPlan"));
    m_plan->setAccessibleName(tr("Plan"));
    fillPlans(m_plan, file);
    m_start = new QDateEdit(companyToday(file, clock), this);
    m_start->setObjectName(QStringLiteral("subStart"));
    m_start->setAccessibleName(tr("Start date"));
    m_start->setCalendarPopup(true);
    m_start->setDisplayFormat(LocaleFormat::dateFormat(m_start->locale()));
    m_alignment = new QComboBox(this);
    m_alignment->setObjectName(QStringLiteral("subAlignment"));
    m_alignment->setAccessibleName(tr("Billing anchor"));
    m_alignment->addItem(tr("The start date"), QStringLiteral("start_date"));
    m_alignment->addItem(tr("The first of each month"), QStringLiteral("first_of_month"));
    m_trial = new QSpinBox(this);
    m_trial->setObjectName(QStringLiteral("subTrial"));
    m_trial->setAccessibleName(tr("Trial days"));
    m_trial->setRange(-1, 365);
    m_trial->setValue(-1);
    m_trial->setSpecialValueText(tr("the plan's trial"));
    m_trial->setSuffix(tr(" days"));
    m_coupon = new QComboBox(this);
    m_coupon->setObjectName(QStringLiteral("subCoupon"));
    m_coupon->setAccessibleName(tr("Coupon"));
    m_coupon->addItem(tr("No coupon"), QString());
    for (const CouponRecord &c : BillingSetupService(file, clock).coupons())
        if (!c.archivedAt.isValid())
            m_coupon->addItem(c.code, c.id);
    m_overrides = new QPlainTextEdit(this);
    m_overrides->setObjectName(QStringLiteral("subOverrides"));
    m_overrides->setAccessibleName(tr("Price overrides"));
    m_overrides->setPlaceholderText(tr("Optional price overrides as JSON: {\"add\": [...], \"remove\": [price ids], \"replace\": [...]}"));
    m_overrides->setMaximumHeight(90);
    m_preview = previewView(this);
    m_error = errorLabel(this, QStringLiteral("subError"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Customer:"), m_customer);
    form->addRow(tr("&Plan:"), m_plan);
    form->addRow(tr("&Starts on:"), m_start);
    form->addRow(tr("&Bill on:"), m_alignment);
    form->addRow(tr("&Trial:"), m_trial);
    form->addRow(tr("C&oupon:"), m_coupon);
    form->addRow(tr("O&verrides:"), m_overrides);
    auto *previewButton = new QPushButton(tr("Pr&eview first invoice"), this);
    previewButton->setObjectName(QStringLiteral("subPreviewButton"));
    auto *left = new QVBoxLayout;
    left->addLayout(form);
    left->addWidget(previewButton);
    left->addWidget(m_error);
    left->addStretch();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(tr("C&reate subscription"), QDialogButtonBox::AcceptRole)->setObjectName(QStringLiteral("subCreateButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &NewSubscriptionDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &NewSubscriptionDialog::reject);
    connect(previewButton, &QPushButton::clicked, this, &NewSubscriptionDialog::preview);
    auto *row = new QHBoxLayout;
    row->addLayout(left, 1);
    row->addWidget(m_preview, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row, 1);
    layout->addWidget(buttons);
    resize(980, 560);
    preview();
}

SubscriptionDraft NewSubscriptionDialog::draft(QString *error) const
{
    SubscriptionDraft d;
    d.customer = m_customer->currentData().toString();
    d.plan = m_plan->currentData().toString();
    d.startDate = m_start->date();
    d.alignment = m_alignment->currentData().toString();
    if (m_trial->value() >= 0)
        d.trialDays = m_trial->value();
    d.coupon = m_coupon->currentData().toString();
    const QString json = m_overrides->toPlainText().trimmed();
    if (!json.isEmpty()) {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &parseError);
        if (!doc.isObject())
            *error = tr("Overrides: not a JSON object (%1 at character %2).").arg(parseError.errorString()).arg(parseError.offset);
        else
            d.priceOverrides = doc.object();
    }
    if (d.customer.isEmpty())
        *error = tr("Choose a customer; the company has none yet.");
    else if (d.plan.isEmpty())
        *error = tr("Choose a plan; the company has no active plan yet.");
    return d;
}

QString NewSubscriptionDialog::preview()
{
    QString error;
    const SubscriptionDraft d = draft(&error);
    if (!error.isEmpty()) {
        m_preview->clear();
        m_error->setText(error);
        return error;
    }
    const SubscriptionPreviewResult p = SubscriptionPreview(m_file, m_clock).create(d);
    m_preview->setHtml(subscriptionPreviewHtml(p, m_customer->currentText()));
    m_error->setText(p.error);
    return p.error;
}

QString NewSubscriptionDialog::previewHtml() const
{
    return m_preview->toHtml();
}

QString NewSubscriptionDialog::create(QString *error)
{
    const SubscriptionDraft d = draft(error);
    if (!error->isEmpty())
        return {};
    try {
        m_createdId = SubscriptionService(m_file, m_clock).create(d).id;
    } catch (const ServiceError &e) {
        *error = e.details();
        return {};
    }
    return m_createdId;
}

void NewSubscriptionDialog::accept()
{
    QString error;
    create(&error);
    if (!error.isEmpty()) {
        m_error->setText(error);
        return;
    }
    QDialog::accept();
}

SubscriptionChangeDialog::SubscriptionChangeDialog(CompanyFile &file, const Clock &clock, const QString &subscriptionId, Kind kind, QWidget *parent)
    : QDialog(parent), m_file(file), m_clock(clock), m_subscriptionId(subscriptionId), m_kind(kind)
{
    setObjectName(kind == Kind::ChangePlan ? QStringLiteral("changePlanDialog") : QStringLiteral("cancelSubscriptionDialog"));
    setWindowTitle(kind == Kind::ChangePlan ? tr("Change plan") : tr("Cancel subscription"));
    QString heading;
    try {
        const Subscription sub = SubscriptionService(file, clock).get(subscriptionId);
        const auto customer = CustomerRepository(file.db()).findById(sub.customerId);
        m_customerName = customer ? customer->name : sub.customerId;
        const auto plan = PlanRepository(file.db()).findById(sub.planId);
        heading = tr("%1 on %2, since %3").arg(m_customerName, plan ? plan->name : sub.planId, LocaleFormat::date(sub.startDate));
    } catch (const ServiceError &e) {
        heading = e.message();
    }
    auto *form = new QFormLayout;
    if (kind == Kind::ChangePlan) {
        m_plan = new QComboBox(this);
        m_plan->setObjectName(QStringLiteral("changePlan"));
        m_plan->setAccessibleName(tr("New plan"));
        fillPlans(m_plan, file);
        form->addRow(tr("New &plan:"), m_plan);
    }
    m_timing = new QComboBox(this);
    m_timing->setObjectName(QStringLiteral("changeTiming"));
    m_timing->setAccessibleName(tr("When"));
    m_timing->addItem(tr("Today"), int(ChangeTiming::Immediate));
    m_timing->addItem(tr("At the end of the current billing period"), int(ChangeTiming::EndOfTerm));
    m_timing->addItem(tr("On a date"), int(ChangeTiming::OnDate));
    m_date = new QDateEdit(companyToday(file, clock), this);
    m_date->setObjectName(QStringLiteral("changeDate"));
    m_date->setAccessibleName(tr("Date"));
    m_date->setCalendarPopup(true);
    m_date->setDisplayFormat(LocaleFormat::dateFormat(m_date->locale()));
    m_date->setEnabled(false);
    form->addRow(tr("&When:"), m_timing);
    form->addRow(tr("&Date:"), m_date);
    m_preview = previewView(this);
    m_error = errorLabel(this, QStringLiteral("changeError"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Cancel)->setText(tr("&Keep as is"));
    buttons->addButton(kind == Kind::ChangePlan ? tr("&Confirm plan change") : tr("&Confirm cancellation"), QDialogButtonBox::AcceptRole)
        ->setObjectName(QStringLiteral("changeConfirmButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &SubscriptionChangeDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SubscriptionChangeDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(QStringLiteral("<b>%1</b>").arg(heading.toHtmlEscaped()), this));
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("What this would do (nothing is stored until you confirm):"), this));
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(640, 600);
    connect(m_timing, &QComboBox::currentIndexChanged, this, [this] {
        m_date->setEnabled(timing() == ChangeTiming::OnDate);
        preview();
    });
    connect(m_date, &QDateEdit::dateChanged, this, [this] { preview(); });
    if (m_plan)
        connect(m_plan, &QComboBox::currentIndexChanged, this, [this] { preview(); });
    preview();
}

ChangeTiming SubscriptionChangeDialog::timing() const
{
    return ChangeTiming(m_timing->currentData().toInt());
}

QString SubscriptionChangeDialog::preview()
{
    const std::optional<QDate> date = timing() == ChangeTiming::OnDate ? std::optional<QDate>(m_date->date()) : std::nullopt;
    SubscriptionPreview previewer(m_file, m_clock);
    const SubscriptionPreviewResult p = m_kind == Kind::ChangePlan
                                            ? previewer.changePlan(m_subscriptionId, m_plan->currentData().toString(), std::nullopt, timing(), date)
                                            : previewer.cancel(m_subscriptionId, timing(), date);
    m_preview->setHtml(subscriptionPreviewHtml(p, m_customerName));
    m_error->setText(p.error);
    return p.error;
}

QString SubscriptionChangeDialog::previewHtml() const
{
    return m_preview->toHtml();
}

QString SubscriptionChangeDialog::apply()
{
    const std::optional<QDate> date = timing() == ChangeTiming::OnDate ? std::optional<QDate>(m_date->date()) : std::nullopt;
    try {
        SubscriptionService service(m_file, m_clock);
        if (m_kind == Kind::ChangePlan)
            service.changePlan(m_subscriptionId, m_plan->currentData().toString(), std::nullopt, timing(), date);
        else
            service.cancel(m_subscriptionId, timing(), date);
    } catch (const ServiceError &e) {
        return e.details();
    }
    return {};
}

void SubscriptionChangeDialog::accept()
{
    const QString error = apply();
    if (!error.isEmpty()) {
        m_error->setText(error);
        return;
    }
    QDialog::accept();
}

} // namespace orb
