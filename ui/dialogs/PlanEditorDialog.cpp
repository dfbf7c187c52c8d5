// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/PlanEditorDialog.h"

#include "ui/CatalogText.h"

#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/StorageError.h"
#include "models/catalog/CatalogService.h"
#include "engine/Currency.h"
#include "ui/dialogs/NewMetricDialog.h"
#include "ui/widgets/AdjustmentsEditor.h"
#include "ui/widgets/PriceConfigEditor.h"
#include "ui/widgets/PriceEditor.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
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
    // Only ISO 4217 codes: a plan bills in a real currency (typing jumps to a code).
    for (const QString &code : Currency::codes())
        m_currency->addItem(QStringLiteral("%1 – %2").arg(code, Currency::require(code).name()), code);
    m_currency->setCurrentIndex(qMax(0, m_currency->findData(file.settings().defaultCurrency)));
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
    m_metadata = new QPlainTextEdit(this);
    m_metadata->setObjectName(QStringLiteral("planMetadataEdit"));
    m_metadata->setAccessibleName(tr("Metadata"));
    m_metadata->setPlaceholderText(tr("key=value, one a line"));
    m_metadata->setMaximumHeight(m_metadata->fontMetrics().height() * 3 + 12);
    m_metadata->setTabChangesFocus(true);
    m_memo = new QLineEdit(this);
    m_memo->setObjectName(QStringLiteral("invoiceMemoEdit"));
    m_memo->setAccessibleName(tr("Default invoice memo"));

    auto *form = new QFormLayout;
    auto addRow = [this, form](const QString &label, QWidget *field, const QString &key) {
        form->addRow(label, field);
        QLabel *error = PriceConfigEditor::errorLabel(QStringLiteral("planError_") + key, this);
        form->addRow(QString(), error);
        m_planErrors.insert(key, error);
    };
    addRow(tr("&Name:"), m_name, QStringLiteral("name"));
    addRow(tr("External id:"), m_externalId, QStringLiteral("external_plan_id"));
    addRow(tr("Currenc&y:"), m_currency, QStringLiteral("currency"));
    addRow(tr("&Description:"), m_description, QStringLiteral("description"));
    addRow(tr("Net term&s:"), m_netTerms, QStringLiteral("net_terms"));
    addRow(tr("T&rial:"), m_trial, QStringLiteral("trial_config"));
    addRow(tr("Invoice mem&o:"), m_memo, QStringLiteral("default_invoice_memo"));
    addRow(tr("M&etadata:"), m_metadata, QStringLiteral("metadata"));
    connect(m_metadata, &QPlainTextEdit::textChanged, m_planErrors.value(QStringLiteral("metadata")), &QLabel::hide);
    // A message goes as soon as its field is changed.
    connect(m_name, &QLineEdit::textEdited, m_planErrors.value(QStringLiteral("name")), &QLabel::hide);
    connect(m_externalId, &QLineEdit::textEdited, m_planErrors.value(QStringLiteral("external_plan_id")), &QLabel::hide);
    connect(m_currency, &QComboBox::currentIndexChanged, m_planErrors.value(QStringLiteral("currency")), &QLabel::hide);
    connect(m_description, &QPlainTextEdit::textChanged, m_planErrors.value(QStringLiteral("description")), &QLabel::hide);
    connect(m_netTerms, &QSpinBox::valueChanged, m_planErrors.value(QStringLiteral("net_terms")), &QLabel::hide);
    connect(m_trial, &QSpinBox::valueChanged, m_planErrors.value(QStringLiteral("trial_config")), &QLabel::hide);
    connect(m_memo, &QLineEdit::textEdited, m_planErrors.value(QStringLiteral("default_invoice_memo")), &QLabel::hide);
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
    connect(m_currency, &QComboBox::currentIndexChanged, this, [this] {
        for (PriceEditor *editor : priceEditors())
            editor->setCurrency(m_currency->currentData().toString());
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
    m_adjustments = new AdjustmentsEditor([this] { return priceEditors(); }, this);
    connect(m_adjustments, &AdjustmentsEditor::changed, this, [this] {
        m_adjustments->showErrors({});
        m_errors->hide();
    });
    auto *lists = new QTabWidget(this);
    lists->setObjectName(QStringLiteral("planListsTabs"));
    lists->addTab(listBox, tr("&Prices"));
    lists->addTab(m_adjustments, tr("Ad&justments"));
    lists->setTabToolTip(1, tr("Discounts, a minimum and a maximum, on all prices or the ones chosen"));
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(planBox);
    leftLayout->addWidget(lists, 1);

    // The plan's fields and lists scroll rather than make the dialog taller than a 720-pixel
    // screen (German labels and a long price list included).
    auto *leftScroll = new QScrollArea(this);
    leftScroll->setObjectName(QStringLiteral("planFieldsScroll"));
    leftScroll->setAccessibleName(tr("Plan"));
    leftScroll->setWidget(left);
    leftScroll->setWidgetResizable(true);
    leftScroll->setFrameShape(QFrame::NoFrame);
    leftScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    leftScroll->setMinimumWidth(left->minimumSizeHint().width() + leftScroll->verticalScrollBar()->sizeHint().width());
    auto *split = new QSplitter(this);
    split->addWidget(leftScroll);
    split->addWidget(m_priceStack);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 5);
    split->setChildrenCollapsible(false);
    split->setSizes({330, 910}); // the plan's fields are short; the price needs the room

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
    // Enter in a field moves on (keyPressEvent); the plan is saved by this button only.
    for (QPushButton *b : findChildren<QPushButton *>())
        b->setAutoDefault(false);
    buttons->button(QDialogButtonBox::Save)->setDefault(false);
    connect(buttons, &QDialogButtonBox::accepted, this, &PlanEditorDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split, 1);
    layout->addWidget(m_versionNote);
    layout->addWidget(m_errors);
    layout->addWidget(buttons);
    resize(1240, 660); // with a title bar, fits a 1280 × 720 screen
    // Tab goes down the form as shown (the memo is made after the metadata). Set last: the
    // form's widgets change parents (group box, scroll area) while the dialog is built.
    setTabOrder(m_trial, m_memo);
    setTabOrder(m_memo, m_metadata);

    if (planId.isEmpty()) {
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
    if (m_currency->findData(plan.currency) < 0)
        m_currency->addItem(plan.currency, plan.currency); // a code no longer listed; the plan keeps it
    m_currency->setCurrentIndex(m_currency->findData(plan.currency));
    // Its versions price in it: a plan's currency never changes (a new plan does).
    m_currency->setEnabled(false);
    m_currency->setToolTip(tr("A plan's currency cannot change; create a new plan to bill in another currency."));
    m_description->setPlainText(plan.description);
    m_netTerms->setValue(plan.netTerms.value_or(-1));
    m_trial->setValue(plan.trialPeriod.value_or(-1));
    m_memo->setText(plan.defaultInvoiceMemo);
    QStringList metadata;
    for (auto it = plan.metadata.constBegin(); it != plan.metadata.constEnd(); ++it)
        metadata << it.key() + QLatin1Char('=') + it.value().toString();
    m_metadata->setPlainText(metadata.join(QLatin1Char('\n')));
    // Stored adjustments name this version's price ids; a request names external price ids
    // (they survive versions), as the catalog export does.
    QHash<QString, QString> external;
    for (const QJsonObject &p : version.prices)
        if (p.contains(QStringLiteral("external_price_id")))
            external.insert(p.value(QStringLiteral("id")).toString(), p.value(QStringLiteral("external_price_id")).toString());
    for (const QJsonValue &p : o.value(QStringLiteral("prices")).toArray())
        addPrice(p.toObject());
    QJsonArray adjustments;
    for (const QJsonValue &v : o.value(QStringLiteral("adjustments")).toArray()) {
        QJsonObject a = v.toObject();
        if (a.contains(QStringLiteral("applies_to_price_ids"))) {
            QJsonArray ids;
            for (const QJsonValue &id : a.value(QStringLiteral("applies_to_price_ids")).toArray())
                ids.append(external.value(id.toString(), id.toString()));
            a.insert(QStringLiteral("applies_to_price_ids"), ids);
        }
        adjustments.append(a);
    }
    m_adjustments->setAdjustments(adjustments);
    m_versionNote->setText(tr("This plan is at version %1. Saving changed prices creates version %2 and makes it current for new "
                              "subscriptions; existing subscriptions stay on the version they are on. Changing only the plan's "
                              "fields (name, description, terms, trial) updates the plan without a new version.")
                               .arg(plan.currentVersion)
                               .arg(plan.currentVersion + 1));
}

PriceEditor *PlanEditorDialog::addPrice(const QJsonObject &price)
{
    auto *editor = new PriceEditor(m_items, m_metrics, m_currency->currentData().toString(), m_priceStack);
    connect(editor, &PriceEditor::createItemRequested, this, [this, editor](const QString &name) { createItem(editor, name); });
    connect(editor, &PriceEditor::createMetricRequested, this, [this, editor] { createMetric(editor); });
    editor->setPrice(price.isEmpty() ? newPrice(m_priceList->count() + 1) : price);
    m_priceStack->addWidget(editor);
    m_priceList->addItem(QString());
    updatePriceTitle(editor);
    connect(editor, &PriceEditor::changed, this, [this, editor] {
        updatePriceTitle(editor);
        m_errors->hide(); // the messages next to the fields stay, checked as they are typed
    });
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
    QListWidgetItem *item = m_priceList->item(row);
    item->setText(name.isEmpty() ? tr("(unnamed price)") : name);
    // A price with refusals is marked in the list, so none is overlooked.
    const QStringList errors = editor->errorsShown();
    item->setForeground(errors.isEmpty() ? QBrush() : QBrush(QColor(0xb3, 0x26, 0x1e)));
    item->setToolTip(errors.join(QLatin1Char('\n')));
}

QJsonObject PlanEditorDialog::planJson(QString *error) const
{
    QJsonObject o;
    o.insert(QStringLiteral("name"), m_name->text().trimmed());
    if (const QString ext = m_externalId->text().trimmed(); !ext.isEmpty())
        o.insert(QStringLiteral("external_plan_id"), ext);
    o.insert(QStringLiteral("currency"), m_currency->currentData().toString());
    if (const QString d = m_description->toPlainText().trimmed(); !d.isEmpty())
        o.insert(QStringLiteral("description"), d);
    if (m_netTerms->value() >= 0)
        o.insert(QStringLiteral("net_terms"), m_netTerms->value());
    if (m_trial->value() >= 0)
        o.insert(QStringLiteral("trial_config"),
                 QJsonObject{{QStringLiteral("trial_period"), m_trial->value()}, {QStringLiteral("trial_period_unit"), QStringLiteral("days")}});
    if (const QString memo = m_memo->text().trimmed(); !memo.isEmpty())
        o.insert(QStringLiteral("default_invoice_memo"), memo);
    QStringList problems;
    QJsonObject metadata;
    const QStringList lines = m_metadata->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (line.isEmpty())
            continue;
        if (eq <= 0)
            problems << tr("Metadata, line %1: write key=value").arg(i + 1);
        else
            metadata.insert(line.left(eq).trimmed(), line.mid(eq + 1).trimmed());
    }
    if (!metadata.isEmpty())
        o.insert(QStringLiteral("metadata"), metadata);
    if (const QJsonArray adjustments = m_adjustments->adjustments(); !adjustments.isEmpty())
        o.insert(QStringLiteral("adjustments"), adjustments);
    QJsonArray prices;
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
    static const QRegularExpression pricePath(QStringLiteral("prices\\[(\\d+)\\]"));
    static const QRegularExpression planPath(QStringLiteral("^\\$?(?:\\.plans\\[\\d+\\])?\\.([a-z_]+)"));
    QStringList lines;
    QString head = message;
    if (!head.isEmpty())
        head[0] = head[0].toUpper();
    lines << tr("%1. Nothing was saved; correct what is marked next to the fields and save again:").arg(head);
    int firstPrice = -1;
    QList<FieldErrors> perPrice(m_priceStack->count());
    FieldErrors adjustments;
    QHash<QString, QStringList> perField;
    for (const FieldError &e : errors) {
        const QString text = PriceConfigEditor::plainMessage(e.message);
        lines << QStringLiteral("• ") + (e.path.isEmpty() ? text : plainPath(e.path, &firstPrice) + QStringLiteral(": ") + text);
        if (const QRegularExpressionMatch m = pricePath.match(e.path); m.hasMatch() && m.captured(1).toInt() < perPrice.size()) {
            perPrice[m.captured(1).toInt()].append(e);
        } else if (e.path.contains(QLatin1String("adjustments"))) {
            adjustments.append(e);
        } else if (const QRegularExpressionMatch p = planPath.match(e.path); p.hasMatch() && m_planErrors.contains(p.captured(1))) {
            perField[p.captured(1)] << text;
        } else if (!e.path.isEmpty() && m_planErrors.contains(e.path)) {
            perField[e.path] << text;
        }
    }
    // A conflict names no path: a duplicate external id concerns that field.
    if (errors.isEmpty() && message.contains(QLatin1String("external_plan_id")))
        perField[QStringLiteral("external_plan_id")] << PriceConfigEditor::plainMessage(message);
    for (auto it = m_planErrors.constBegin(); it != m_planErrors.constEnd(); ++it) {
        it.value()->setText(perField.value(it.key()).join(QLatin1Char('\n')));
        it.value()->setVisible(perField.contains(it.key()));
    }
    // Each price shows its own, and from now on checks itself as it is typed.
    for (int i = 0; i < perPrice.size(); ++i) {
        auto *editor = static_cast<PriceEditor *>(m_priceStack->widget(i));
        editor->showErrors(perPrice.at(i));
        updatePriceTitle(editor);
    }
    m_adjustments->showErrors(adjustments);
    m_errors->setText(lines.join(QLatin1Char('\n')));
    m_errors->show();
    // Show the first price in question, where the user will correct it.
    if (firstPrice >= 0 && firstPrice < m_priceList->count())
        m_priceList->setCurrentRow(firstPrice);
}

void PlanEditorDialog::clearPlanErrors()
{
    for (QLabel *label : std::as_const(m_planErrors))
        label->hide();
}

QList<PriceEditor *> PlanEditorDialog::priceEditors() const
{
    QList<PriceEditor *> list;
    for (int i = 0; i < m_priceStack->count(); ++i)
        list << static_cast<PriceEditor *>(m_priceStack->widget(i));
    return list;
}

bool PlanEditorDialog::createItem(PriceEditor *editor, const QString &name)
{
    // The item is created with the plan, in the same transaction, when the plan is saved: a
    // plan cancelled or refused leaves no item behind.
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty()) {
        editor->showErrors({{QStringLiteral("item_name"), CatalogText::message(QStringLiteral("is required"))}});
        return false;
    }
    if (m_items.contains(trimmed, Qt::CaseInsensitive)) {
        editor->showErrors({{QStringLiteral("item_name"), tr("An item named \"%1\" already exists.").arg(trimmed)}});
        return false;
    }
    m_items << trimmed;
    m_newItems << trimmed;
    for (PriceEditor *e : priceEditors())
        e->addItemName(trimmed, e == editor);
    return true;
}

void PlanEditorDialog::createMetric(PriceEditor *editor)
{
    // The metric is created with the plan, in the same transaction, when the plan is saved: a
    // plan cancelled or refused leaves no metric behind.
    QStringList pending;
    for (const MetricDefinition &m : std::as_const(m_newMetrics))
        pending << m.name();
    NewMetricDialog dialog(m_file, m_clock, pending, this);
    if (dialog.exec() != QDialog::Accepted || dialog.createdName().isEmpty())
        return;
    m_newMetrics << dialog.definition();
    m_metrics << dialog.createdName();
    for (PriceEditor *e : priceEditors())
        e->addMetricName(dialog.createdName(), e == editor);
}

void PlanEditorDialog::keyPressEvent(QKeyEvent *event)
{
    // Enter finishes a field and moves to the next, as in a paper form; it never saves the
    // plan behind the clerk's back (QDialog would press the default button).
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && event->modifiers() == Qt::NoModifier) {
        focusNextChild();
        event->accept();
        return;
    }
    QDialog::keyPressEvent(event);
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
        // Each problem next to its field: the metadata's under it, a price's in its editor.
        FieldErrors errors;
        for (const QString &line : problem.split(QLatin1Char('\n')))
            errors.append({line.startsWith(tr("Metadata")) ? QStringLiteral("$.metadata") : QString(), line});
        showErrors(tr("the plan was not saved"), errors);
        return false;
    }
    try {
        CatalogService catalog(m_file, m_clock);
        // Only the new items a price still uses are created.
        QStringList used;
        for (const QString &name : std::as_const(m_newItems))
            for (PriceEditor *e : priceEditors())
                if (e->itemName().compare(name, Qt::CaseInsensitive) == 0 && !used.contains(name))
                    used << name;
        // And only the new metrics a price still counts by.
        QList<MetricDefinition> metrics;
        for (const MetricDefinition &m : std::as_const(m_newMetrics))
            for (PriceEditor *e : priceEditors())
                if (e->metricName() == m.name() && !metrics.contains(m)) {
                    metrics << m;
                    break;
                }
        m_saved = m_planId.isEmpty() ? catalog.createPlan(json, used, metrics) : catalog.editPlan(m_planId, json, used, metrics);
    } catch (const ServiceError &e) {
        showErrors(e.message(), e.errors());
        return false;
    }
    m_errors->clear();
    m_errors->hide();
    clearPlanErrors();
    return true;
}

void PlanEditorDialog::accept()
{
    if (save())
        QDialog::accept();
}

} // namespace orb
