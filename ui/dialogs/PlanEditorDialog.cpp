// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/PlanEditorDialog.h"

#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/StorageError.h"
#include "models/catalog/CatalogService.h"
#include "ui/widgets/PriceEditor.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace orb {

namespace {

/// A new plan's first price: a monthly fixed fee.
QJsonObject newPrice(int number)
{
    return {{QStringLiteral("name"), number == 1 ? PlanEditorDialog::tr("Platform fee") : PlanEditorDialog::tr("Price %1").arg(number)},
            {QStringLiteral("cadence"), QStringLiteral("monthly")},
            {QStringLiteral("model_type"), QStringLiteral("unit")},
            {QStringLiteral("unit_config"), QJsonObject()}};
}

} // namespace

PlanEditorDialog::PlanEditorDialog(CompanyFile &file, const Clock &clock, const QString &planId, QWidget *parent)
    : QDialog(parent), m_file(file), m_clock(clock), m_planId(planId)
{
    setObjectName(QStringLiteral("planEditorDialog"));
    setWindowTitle(planId.isEmpty() ? tr("New plan") : tr("Edit plan"));
    CatalogService catalog(file, clock);
    for (const Item &item : catalog.items().list())
        if (!item.archivedAt.isValid())
            m_items << item.name;
    for (const MetricDefinition &m : catalog.metrics().list())
        if (!catalog.metricArchivedAt(m.id()).isValid())
            m_metrics << m.name();

    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("planNameEdit"));
    m_name->setAccessibleName(tr("Plan name"));
    m_externalId = new QLineEdit(this);
    m_externalId->setObjectName(QStringLiteral("externalPlanIdEdit"));
    m_externalId->setAccessibleName(tr("External plan id"));
    m_externalId->setPlaceholderText(tr("optional, unique: how other systems name the plan"));
    m_currency = new QComboBox(this);
    m_currency->setObjectName(QStringLiteral("planCurrencyCombo"));
    m_currency->setAccessibleName(tr("Currency"));
    m_currency->setEditable(true);
    m_currency->addItems({QStringLiteral("USD"), QStringLiteral("EUR"), QStringLiteral("GBP"), QStringLiteral("CHF"), QStringLiteral("CAD"),
                          QStringLiteral("AUD"), QStringLiteral("JPY")});
    m_description = new QPlainTextEdit(this);
    m_description->setObjectName(QStringLiteral("planDescriptionEdit"));
    m_description->setAccessibleName(tr("Description"));
    m_description->setMaximumHeight(m_description->fontMetrics().height() * 3 + 12);
    m_description->setTabChangesFocus(true);
    m_netTerms = new QSpinBox(this);
    m_netTerms->setObjectName(QStringLiteral("netTermsSpin"));
    m_netTerms->setAccessibleName(tr("Net terms"));
    m_netTerms->setRange(-1, 3650);
    m_netTerms->setSpecialValueText(tr("Company default"));
    m_netTerms->setSuffix(tr(" days"));
    m_netTerms->setValue(-1);
    m_trial = new QSpinBox(this);
    m_trial->setObjectName(QStringLiteral("trialSpin"));
    m_trial->setAccessibleName(tr("Trial"));
    m_trial->setRange(-1, 3650);
    m_trial->setSpecialValueText(tr("No trial"));
    m_trial->setSuffix(tr(" days"));
    m_trial->setValue(-1);
    m_memo = new QLineEdit(this);
    m_memo->setObjectName(QStringLiteral("invoiceMemoEdit"));
    m_memo->setAccessibleName(tr("Default invoice memo"));
    m_adjustmentsNote = new QLabel(this);
    m_adjustmentsNote->setObjectName(QStringLiteral("adjustmentsNote"));
    m_adjustmentsNote->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("External &id:"), m_externalId);
    form->addRow(tr("&Currency:"), m_currency);
    form->addRow(tr("&Description:"), m_description);
    form->addRow(tr("Net &terms:"), m_netTerms);
    form->addRow(tr("T&rial:"), m_trial);
    form->addRow(tr("Invoice &memo:"), m_memo);
    form->addRow(tr("Adjustments:"), m_adjustmentsNote);
    auto *planBox = new QGroupBox(tr("Plan"), this);
    planBox->setLayout(form);

    m_priceList = new QListWidget(this);
    m_priceList->setObjectName(QStringLiteral("priceList"));
    m_priceList->setAccessibleName(tr("Prices of the plan"));
    m_priceStack = new QStackedWidget(this);
    m_priceStack->setObjectName(QStringLiteral("priceStack"));
    auto *add = new QPushButton(tr("&Add price"), this);
    add->setObjectName(QStringLiteral("addPriceButton"));
    m_removePrice = new QPushButton(tr("Remo&ve price"), this);
    m_removePrice->setObjectName(QStringLiteral("removePriceButton"));
    connect(add, &QPushButton::clicked, this, [this] { addPrice(); });
    connect(m_removePrice, &QPushButton::clicked, this, &PlanEditorDialog::removePrice);
    connect(m_priceList, &QListWidget::currentRowChanged, m_priceStack, &QStackedWidget::setCurrentIndex);
    connect(m_currency, &QComboBox::currentTextChanged, this, [this](const QString &code) {
        for (int i = 0; i < m_priceStack->count(); ++i)
            static_cast<PriceEditor *>(m_priceStack->widget(i))->setCurrency(code.trimmed());
    });

    auto *listBox = new QWidget(this);
    auto *listLayout = new QVBoxLayout(listBox);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(new QLabel(tr("Prices:"), listBox));
    listLayout->addWidget(m_priceList, 1);
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(add);
    listButtons->addWidget(m_removePrice);
    listLayout->addLayout(listButtons);
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(planBox);
    leftLayout->addWidget(listBox, 1);

    auto *split = new QSplitter(this);
    split->addWidget(left);
    split->addWidget(m_priceStack);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    split->setChildrenCollapsible(false);

    m_versionNote = new QLabel(this);
    m_versionNote->setObjectName(QStringLiteral("versionNote"));
    m_versionNote->setWordWrap(true);
    m_errors = new QLabel(this);
    m_errors->setObjectName(QStringLiteral("planErrors"));
    m_errors->setAccessibleName(tr("Why the plan was not saved"));
    m_errors->setWordWrap(true);
    m_errors->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errors->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_errors->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("savePlanButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &PlanEditorDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split, 1);
    layout->addWidget(m_versionNote);
    layout->addWidget(m_errors);
    layout->addWidget(buttons);
    resize(1180, 760);

    if (planId.isEmpty()) {
        m_adjustmentsNote->setText(tr("none"));
        m_versionNote->setText(tr("Saving creates the plan with these prices as its version 1."));
        addPrice(newPrice(1));
    } else {
        load(planId);
    }
    m_removePrice->setEnabled(m_priceList->count() > 1);
}

void PlanEditorDialog::load(const QString &planId)
{
    CatalogService catalog(m_file, m_clock);
    const Plan plan = catalog.plan(planId);
    const PlanVersion version = catalog.planVersion(plan);
    const QJsonObject o = catalog.describe(plan, version);
    m_name->setText(plan.name);
    m_externalId->setText(plan.externalPlanId);
    m_currency->setCurrentText(plan.currency);
    // Its versions price in it: a plan's currency never changes (a new plan does).
    m_currency->setEnabled(false);
    m_currency->setToolTip(tr("A plan's currency cannot change; create a new plan to bill in another currency."));
    m_description->setPlainText(plan.description);
    m_netTerms->setValue(plan.netTerms.value_or(-1));
    m_trial->setValue(plan.trialPeriod.value_or(-1));
    m_memo->setText(plan.defaultInvoiceMemo);
    m_metadata = plan.metadata;
    // Stored adjustments name this version's price ids; a request names external price ids
    // (they survive versions), as the catalog export does.
    QHash<QString, QString> external;
    for (const QJsonObject &p : version.prices)
        if (p.contains(QStringLiteral("external_price_id")))
            external.insert(p.value(QStringLiteral("id")).toString(), p.value(QStringLiteral("external_price_id")).toString());
    QStringList kinds;
    for (const QJsonValue &v : o.value(QStringLiteral("adjustments")).toArray()) {
        QJsonObject a = v.toObject();
        if (a.contains(QStringLiteral("applies_to_price_ids"))) {
            QJsonArray ids;
            for (const QJsonValue &id : a.value(QStringLiteral("applies_to_price_ids")).toArray())
                ids.append(external.value(id.toString(), id.toString()));
            a.insert(QStringLiteral("applies_to_price_ids"), ids);
        }
        kinds << a.value(QStringLiteral("adjustment_type")).toString().replace(QLatin1Char('_'), QLatin1Char(' '));
        m_adjustments.append(a);
    }
    m_adjustmentsNote->setText(kinds.isEmpty() ? tr("none")
                                               : tr("%1 (kept as they are; change them through the catalog file)").arg(kinds.join(QStringLiteral(", "))));
    for (const QJsonValue &p : o.value(QStringLiteral("prices")).toArray())
        addPrice(p.toObject());
    m_versionNote->setText(tr("This plan is at version %1. Saving changed prices creates version %2 and makes it current for new "
                              "subscriptions; existing subscriptions stay on the version they are on. Changing only the plan's "
                              "fields (name, description, terms, trial) updates the plan without a new version.")
                               .arg(plan.currentVersion)
                               .arg(plan.currentVersion + 1));
}

PriceEditor *PlanEditorDialog::addPrice(const QJsonObject &price)
{
    auto *editor = new PriceEditor(m_items, m_metrics, m_currency->currentText().trimmed(), m_priceStack);
    editor->setPrice(price.isEmpty() ? newPrice(m_priceList->count() + 1) : price);
    m_priceStack->addWidget(editor);
    m_priceList->addItem(QString());
    updatePriceTitle(editor);
    connect(editor, &PriceEditor::changed, this, [this, editor] { updatePriceTitle(editor); });
    m_priceList->setCurrentRow(m_priceList->count() - 1);
    m_removePrice->setEnabled(m_priceList->count() > 1);
    return editor;
}

void PlanEditorDialog::removePrice()
{
    const int row = m_priceList->currentRow();
    if (row < 0 || m_priceList->count() <= 1)
        return;
    QWidget *editor = m_priceStack->widget(row);
    m_priceStack->removeWidget(editor);
    editor->deleteLater();
    delete m_priceList->takeItem(row);
    m_priceList->setCurrentRow(qMin(row, m_priceList->count() - 1));
    m_removePrice->setEnabled(m_priceList->count() > 1);
}

void PlanEditorDialog::updatePriceTitle(PriceEditor *editor)
{
    const int row = m_priceStack->indexOf(editor);
    if (row < 0 || row >= m_priceList->count())
        return;
    const QString name = editor->name();
    m_priceList->item(row)->setText(name.isEmpty() ? tr("(unnamed price)") : name);
}

QJsonObject PlanEditorDialog::planJson(QString *error) const
{
    QJsonObject o;
    o.insert(QStringLiteral("name"), m_name->text().trimmed());
    if (const QString ext = m_externalId->text().trimmed(); !ext.isEmpty())
        o.insert(QStringLiteral("external_plan_id"), ext);
    o.insert(QStringLiteral("currency"), m_currency->currentText().trimmed().toUpper());
    if (const QString d = m_description->toPlainText().trimmed(); !d.isEmpty())
        o.insert(QStringLiteral("description"), d);
    if (m_netTerms->value() >= 0)
        o.insert(QStringLiteral("net_terms"), m_netTerms->value());
    if (m_trial->value() >= 0)
        o.insert(QStringLiteral("trial_config"),
                 QJsonObject{{QStringLiteral("trial_period"), m_trial->value()}, {QStringLiteral("trial_period_unit"), QStringLiteral("days")}});
    if (const QString memo = m_memo->text().trimmed(); !memo.isEmpty())
        o.insert(QStringLiteral("default_invoice_memo"), memo);
    if (!m_metadata.isEmpty())
        o.insert(QStringLiteral("metadata"), m_metadata);
    if (!m_adjustments.isEmpty())
        o.insert(QStringLiteral("adjustments"), m_adjustments);
    QJsonArray prices;
    QStringList problems;
    for (int i = 0; i < m_priceStack->count(); ++i) {
        QString why;
        prices.append(static_cast<PriceEditor *>(m_priceStack->widget(i))->price(&why));
        if (!why.isEmpty())
            problems << tr("Price %1 “%2”: %3").arg(i + 1).arg(static_cast<PriceEditor *>(m_priceStack->widget(i))->name(), why);
    }
    o.insert(QStringLiteral("prices"), prices);
    if (error)
        *error = problems.join(QLatin1Char('\n'));
    return o;
}

QString PlanEditorDialog::plainPath(const QString &path, int *priceIndex) const
{
    // "$.prices[1].tiered_config.tiers[2].first_unit" → "Price 2 “API calls”, tier 3, first unit"
    static const QRegularExpression indexed(QStringLiteral("^([a-z_]+)\\[(\\d+)\\]$"));
    QStringList parts;
    const QStringList tokens = path.split(QLatin1Char('.'), Qt::SkipEmptyParts);
    for (const QString &token : tokens) {
        if (token == QLatin1String("$") || token.endsWith(QLatin1String("_config")))
            continue;
        const QRegularExpressionMatch m = indexed.match(token);
        if (!m.hasMatch()) {
            parts << QString(token).replace(QLatin1Char('_'), QLatin1Char(' '));
            continue;
        }
        const QString list = m.captured(1);
        const int index = m.captured(2).toInt();
        if (list == QLatin1String("prices")) {
            if (priceIndex && *priceIndex < 0)
                *priceIndex = index;
            const auto *editor = qobject_cast<const PriceEditor *>(m_priceStack->widget(index));
            parts << (editor ? tr("Price %1 “%2”").arg(index + 1).arg(editor->name()) : tr("Price %1").arg(index + 1));
        } else if (list == QLatin1String("tiers")) {
            parts << tr("tier %1").arg(index + 1);
        } else if (list == QLatin1String("matrix_values")) {
            parts << tr("cell %1").arg(index + 1);
        } else if (list == QLatin1String("adjustments")) {
            parts << tr("adjustment %1").arg(index + 1);
        } else {
            parts << tr("%1, row %2").arg(QString(list).replace(QLatin1Char('_'), QLatin1Char(' '))).arg(index + 1);
        }
    }
    if (parts.isEmpty())
        return tr("The plan");
    if (!path.contains(QLatin1String("prices[")) && !path.contains(QLatin1String("adjustments[")))
        parts.prepend(tr("Plan"));
    return parts.join(QStringLiteral(", "));
}

void PlanEditorDialog::showErrors(const QString &message, const FieldErrors &errors)
{
    QStringList lines;
    QString head = message;
    if (!head.isEmpty())
        head[0] = head[0].toUpper();
    lines << tr("%1. Nothing was saved; correct the following and save again:").arg(head);
    int firstPrice = -1;
    for (const FieldError &e : errors)
        lines << QStringLiteral("• ") + (e.path.isEmpty() ? e.message : plainPath(e.path, &firstPrice) + QStringLiteral(": ") + e.message);
    m_errors->setText(lines.join(QLatin1Char('\n')));
    m_errors->show();
    // Show the first price in question, where the user will correct it.
    if (firstPrice >= 0 && firstPrice < m_priceList->count())
        m_priceList->setCurrentRow(firstPrice);
}

QString PlanEditorDialog::errorText() const
{
    return m_errors->isHidden() ? QString() : m_errors->text();
}

bool PlanEditorDialog::save()
{
    QString problem;
    const QJsonObject json = planJson(&problem);
    if (!problem.isEmpty()) {
        showErrors(tr("the plan was not saved"), {{QString(), problem}});
        return false;
    }
    try {
        CatalogService catalog(m_file, m_clock);
        m_saved = m_planId.isEmpty() ? catalog.createPlan(json) : catalog.editPlan(m_planId, json);
    } catch (const ServiceError &e) {
        showErrors(e.message(), e.errors());
        return false;
    }
    m_errors->clear();
    m_errors->hide();
    return true;
}

void PlanEditorDialog::accept()
{
    if (save())
        QDialog::accept();
}

} // namespace orb
