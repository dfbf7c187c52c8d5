// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/screens/PlansScreen.h"

#include "models/StatusText.h"
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/MetricTableModel.h"
#include "models/PlanTableModel.h"
#include "models/PriceTableModel.h"
#include "models/StorageError.h"
#include "models/catalog/CatalogService.h"
#include "ui/CatalogText.h"
#include "ui/dialogs/PlanEditorDialog.h"
#include "ui/widgets/ServiceCommand.h"
#include "ui/widgets/PricePreview.h"
#include "ui/widgets/PriceSummary.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIdentityProxyModel>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QMessageBox>
#include <QUndoStack>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <memory>

namespace orb {

namespace {

/// Shows the catalog's codes (model type, cadence, aggregation) of a column in words.
class CatalogWordsProxy final : public QIdentityProxyModel
{
public:
    CatalogWordsProxy(QAbstractItemModel *source, QHash<int, QString (*)(const QString &)> columns, QObject *parent)
        : QIdentityProxyModel(parent), m_columns(std::move(columns))
    {
        setSourceModel(source);
    }
    QVariant data(const QModelIndex &index, int role) const override
    {
        const QVariant v = QIdentityProxyModel::data(index, role);
        if (role != Qt::DisplayRole)
            return v;
        const auto words = m_columns.value(index.column());
        return words ? QVariant(words(v.toString())) : v;
    }

private:
    QHash<int, QString (*)(const QString &)> m_columns;
};

QTableView *tableFor(QAbstractItemModel *model, const QString &name, QWidget *parent)
{
    auto *t = new QTableView(parent);
    t->setObjectName(name);
    t->setModel(model);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->verticalHeader()->hide();
    t->horizontalHeader()->setStretchLastSection(true);
    t->setAlternatingRowColors(true);
    t->verticalHeader()->setDefaultSectionSize(t->fontMetrics().height() + 8);
    return t;
}

} // namespace

PlansScreen::PlansScreen(CompanyFile &file, const Clock &clock, QWidget *parent) : QWidget(parent), m_file(file), m_clock(clock)
{
    setObjectName(QStringLiteral("plansScreen"));
    m_plans = new PlanTableModel(file.db(), this);
    m_prices = new PriceTableModel(this);
    m_metrics = new MetricTableModel(file.db(), this);

    auto *importButton = new QPushButton(tr("&Import catalog…"), this);
    importButton->setObjectName(QStringLiteral("importCatalogButton"));
    importButton->setEnabled(!file.isReadOnly());
    auto *exportButton = new QPushButton(tr("E&xport catalog…"), this);
    exportButton->setObjectName(QStringLiteral("exportCatalogButton"));
    connect(importButton, &QPushButton::clicked, this, &PlansScreen::importCatalog);
    connect(exportButton, &QPushButton::clicked, this, &PlansScreen::exportCatalog);
    // Plans are edited in the window; a read-only company file only shows them.
    auto *newPlanButton = new QPushButton(tr("&New plan…"), this);
    newPlanButton->setObjectName(QStringLiteral("newPlanButton"));
    newPlanButton->setEnabled(!file.isReadOnly());
    m_editPlan = new QPushButton(tr("&Edit plan…"), this);
    m_editPlan->setObjectName(QStringLiteral("editPlanButton"));
    m_archivePlan = new QPushButton(tr("&Archive plan…"), this);
    m_archivePlan->setObjectName(QStringLiteral("archivePlanButton"));
    connect(newPlanButton, &QPushButton::clicked, this, &PlansScreen::newPlan);
    connect(m_editPlan, &QPushButton::clicked, this, &PlansScreen::editPlan);
    connect(m_archivePlan, &QPushButton::clicked, this, &PlansScreen::archivePlan);
    auto *top = new QHBoxLayout;
    top->addWidget(newPlanButton);
    top->addWidget(m_editPlan);
    top->addWidget(m_archivePlan);
    top->addStretch();
    top->addWidget(importButton);
    top->addWidget(exportButton);

    m_planTable = tableFor(m_plans, QStringLiteral("planTable"), this);
    m_planTable->setAccessibleName(tr("Plans"));
    m_planTable->setColumnWidth(PlanTableModel::Name, 170);
    m_planTable->setColumnWidth(PlanTableModel::ExternalId, 130);
    m_planTable->setColumnWidth(PlanTableModel::Currency, 70);
    m_planTable->setColumnWidth(PlanTableModel::Version, 60);
    m_version = new QComboBox(this);
    m_version->setObjectName(QStringLiteral("versionCombo"));
    m_version->setAccessibleName(tr("Plan version"));
    m_planSummary = new QLabel(this);
    m_planSummary->setObjectName(QStringLiteral("planSummary"));
    m_planSummary->setWordWrap(true);
    m_planSummary->setTextFormat(Qt::RichText);
    m_priceTable = tableFor(new CatalogWordsProxy(m_prices,
                                                  {{PriceTableModel::Model, &CatalogText::modelName},
                                                   {PriceTableModel::Cadence, static_cast<QString (*)(const QString &)>(&CatalogText::cadenceName)}},
                                                  this),
                            QStringLiteral("priceTable"), this);
    m_priceTable->setAccessibleName(tr("Prices"));
    m_priceTable->setColumnWidth(PriceTableModel::Name, 200);
    m_summary = new PriceSummary(this);
    m_preview = new PricePreview(this);
    m_preview->setReadOnly(true);
    m_preview->setJsonVisible(false);
    auto *advanced = new QCheckBox(tr("Ad&vanced: show the price as JSON"), this);
    advanced->setObjectName(QStringLiteral("priceJsonCheck"));
    connect(advanced, &QCheckBox::toggled, m_preview, &PricePreview::setJsonVisible);

    auto *detail = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    auto *versionRow = new QHBoxLayout;
    versionRow->addWidget(new QLabel(tr("Version:"), detail));
    versionRow->addWidget(m_version);
    versionRow->addStretch();
    detailLayout->addLayout(versionRow);
    detailLayout->addWidget(m_planSummary);
    // At least four prices in view (a plan rarely has more), the summary as tall as its text.
    m_priceTable->setMinimumHeight(m_priceTable->horizontalHeader()->sizeHint().height() + 4 * m_priceTable->verticalHeader()->defaultSectionSize()
                                   + m_priceTable->horizontalScrollBar()->sizeHint().height() + 2 * m_priceTable->frameWidth());
    detailLayout->addWidget(m_priceTable, 2);
    detailLayout->addWidget(m_summary, 1);
    auto *previewRow = new QHBoxLayout;
    // Wrapped, or its whole width (long in German) squeezes the plan list behind the splitter.
    auto *previewTitle = new QLabel(tr("<b>What the selected price charges</b> (type a quantity or usage)"), detail);
    previewTitle->setWordWrap(true);
    previewRow->addWidget(previewTitle, 1);
    previewRow->addWidget(advanced);
    detailLayout->addLayout(previewRow);
    detailLayout->addWidget(m_preview, 2);

    auto *split = new QSplitter(this);
    split->addWidget(m_planTable);
    split->addWidget(detail);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setSizes({430, 700});

    auto *plansTab = new QWidget(this);
    auto *plansLayout = new QVBoxLayout(plansTab);
    plansLayout->addWidget(split);
    auto *metricTable =
        tableFor(new CatalogWordsProxy(m_metrics, {{MetricTableModel::Aggregation, &CatalogText::aggregationName}}, this), QStringLiteral("metricTable"), this);
    metricTable->setAccessibleName(tr("Billable metrics"));
    auto *tabs = new QTabWidget(this);
    tabs->setObjectName(QStringLiteral("catalogTabs"));
    tabs->addTab(plansTab, tr("Plans"));
    tabs->addTab(metricTable, tr("Billable metrics"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(tabs, 1);

    connect(m_planTable->selectionModel(), &QItemSelectionModel::selectionChanged, this, &PlansScreen::showPlan);
    connect(m_planTable->selectionModel(), &QItemSelectionModel::selectionChanged, this, &PlansScreen::updatePlanButtons);
    connect(m_version, &QComboBox::currentIndexChanged, this, &PlansScreen::showPlan);
    connect(m_priceTable->selectionModel(), &QItemSelectionModel::selectionChanged, this, &PlansScreen::showPrice);
    connect(m_plans, &QAbstractItemModel::modelReset, this, [this] {
        if (m_plans->rowCount() > 0)
            m_planTable->selectRow(0);
    });
    if (m_plans->rowCount() > 0)
        m_planTable->selectRow(0);
    updatePlanButtons();
}

void PlansScreen::reload()
{
    m_plans->reload();
    m_metrics->reload();
}

void PlansScreen::showPlan()
{
    const QModelIndexList rows = m_planTable->selectionModel()->selectedRows();
    const Plan *plan = rows.isEmpty() ? nullptr : m_plans->planAt(rows.first().row());
    if (!plan) {
        m_prices->setPrices({}, {}, {});
        m_planSummary->clear();
        return;
    }
    CatalogService catalog(m_file, m_clock);
    // Keep the version list in step with the plan, without re-entering through the combo.
    const QSignalBlocker block(m_version);
    if (m_version->property("planId").toString() != plan->id) {
        m_version->clear();
        const QList<int> numbers = catalog.plans().versionNumbers(plan->id);
        for (auto it = numbers.crbegin(); it != numbers.crend(); ++it)
            m_version->addItem(*it == plan->currentVersion ? tr("v%1 (current)").arg(*it) : tr("v%1").arg(*it), *it);
        m_version->setProperty("planId", plan->id);
    }
    const auto version = catalog.plans().version(plan->id, m_version->currentData().toInt());
    if (!version)
        return;
    QHash<QString, QString> items;
    QHash<QString, QString> metrics;
    for (const QJsonObject &p : version->prices) {
        const QString itemId = p.value(QStringLiteral("item_id")).toString();
        if (!itemId.isEmpty() && !items.contains(itemId))
            if (auto it = catalog.items().findById(itemId))
                items.insert(itemId, it->name);
        const QString metricId = p.value(QStringLiteral("billable_metric_id")).toString();
        if (!metricId.isEmpty() && !metrics.contains(metricId))
            if (auto m = catalog.metrics().findById(metricId))
                metrics.insert(metricId, m->name());
    }
    m_prices->setPrices(version->prices, items, metrics);
    m_itemNames = items;
    m_metricNames = metrics;
    m_currencyCode = plan->currency;
    QStringList adjustments;
    for (const QJsonValue &a : version->adjustments) {
        const QJsonObject o = a.toObject();
        adjustments << CatalogText::adjustmentName(o.value(QStringLiteral("adjustment_type")).toString());
    }
    QString summary = QStringLiteral("<b>%1</b> · %2").arg(plan->name.toHtmlEscaped(), plan->currency);
    if (!plan->description.isEmpty())
        summary += QStringLiteral("<br>") + plan->description.toHtmlEscaped();
    if (plan->trialPeriod)
        summary += QStringLiteral("<br>") + tr("Trial: %1").arg(periodCountText(plan->trialPeriodUnit, *plan->trialPeriod));
    if (!adjustments.isEmpty())
        summary += QStringLiteral("<br>") + tr("Adjustments: %1").arg(adjustments.join(QStringLiteral(", ")).toHtmlEscaped());
    m_planSummary->setText(summary);
    if (m_prices->rowCount() > 0)
        m_priceTable->selectRow(0);
}

void PlansScreen::showPrice()
{
    const QModelIndexList rows = m_priceTable->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        m_summary->setPrice({}, {}, {}, {});
        return;
    }
    const QString json = m_prices->index(rows.first().row(), 0).data(PriceTableModel::PriceJsonRole).toString();
    const QJsonObject price = QJsonDocument::fromJson(json.toUtf8()).object();
    m_summary->setPrice(price, m_itemNames.value(price.value(QStringLiteral("item_id")).toString(), price.value(QStringLiteral("item_name")).toString()),
                        m_metricNames.value(price.value(QStringLiteral("billable_metric_id")).toString()), m_currencyCode);
    m_preview->setPriceJson(json);
}

QString PlansScreen::importFile(const QString &path, bool *ok)
{
    if (ok)
        *ok = false;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return tr("Cannot read %1: %2").arg(path, f.errorString());
    try {
        CatalogService catalog(m_file, m_clock);
        const CatalogImportSummary s = catalog.importCatalog(f.readAll());
        reload();
        emit catalogChanged();
        if (ok)
            *ok = true;
        return tr("Imported %1: items %2 new, %3 changed; metrics %4 new, %5 changed; plans %6 new, %7 changed (new versions).")
            .arg(QFileInfo(path).fileName())
            .arg(s.items.created)
            .arg(s.items.updated)
            .arg(s.metrics.created)
            .arg(s.metrics.updated)
            .arg(s.plans.created)
            .arg(s.plans.updated);
    } catch (const ServiceError &e) {
        return e.details();
    }
}

void PlansScreen::importCatalog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import catalog"), QString(), tr("Catalog files (*.json)"));
    if (path.isEmpty())
        return;
    bool ok = false;
    const QString message = importFile(path, &ok);
    if (ok)
        QMessageBox::information(this, tr("Catalog imported"), message);
    else
        QMessageBox::warning(this, tr("The catalog was not imported"), tr("Nothing was changed. Correct the file and import it again.\n\n%1").arg(message));
}

void PlansScreen::exportCatalog()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export catalog"), QStringLiteral("catalog.json"), tr("Catalog files (*.json)"));
    if (path.isEmpty())
        return;
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        QMessageBox::warning(this, tr("Export failed"), tr("Cannot write %1: %2").arg(path, f.errorString()));
        return;
    }
    f.write(QJsonDocument(CatalogService(m_file, m_clock).exportCatalog()).toJson(QJsonDocument::Indented));
}

// ---- editing plans ----

QString PlansScreen::selectedPlanId() const
{
    const QModelIndexList rows = m_planTable->selectionModel()->selectedRows();
    const Plan *plan = rows.isEmpty() ? nullptr : m_plans->planAt(rows.first().row());
    return plan ? plan->id : QString();
}

void PlansScreen::updatePlanButtons()
{
    const QModelIndexList rows = m_planTable->selectionModel()->selectedRows();
    const Plan *plan = rows.isEmpty() ? nullptr : m_plans->planAt(rows.first().row());
    m_editPlan->setEnabled(plan && !m_file.isReadOnly());
    m_archivePlan->setEnabled(plan && !plan->isArchived() && !m_file.isReadOnly());
}

void PlansScreen::selectPlan(const QString &planId)
{
    reload();
    for (int r = 0; r < m_plans->rowCount(); ++r) {
        if (m_plans->planAt(r)->id == planId) {
            m_version->setProperty("planId", QString()); // its versions may have changed
            m_planTable->clearSelection();
            m_planTable->selectRow(r);
            break;
        }
    }
    updatePlanButtons();
    emit catalogChanged();
}

void PlansScreen::newPlan()
{
    PlanEditorDialog dialog(m_file, m_clock, QString(), this);
    if (dialog.exec() != QDialog::Accepted || !dialog.savedVersion())
        return;
    selectPlan(dialog.savedVersion()->planId);
    emit catalogChanged();
    if (!m_undo)
        return;
    // Undo deletes the new plan (refused once a subscription is on it); redo creates it again
    // from the same fields, under a new id, which the next undo then deletes.
    const QJsonObject json = dialog.planJson();
    auto id = std::make_shared<QString>(dialog.savedVersion()->planId);
    auto done = [this, id](const QString &error) {
        if (!error.isEmpty())
            QMessageBox::warning(this, tr("The plan was not changed"), error);
        reload();
        selectPlan(*id);
        emit catalogChanged();
    };
    m_undo->push(new ServiceCommand(
        tr("Create plan %1").arg(json.value(QStringLiteral("name")).toString()),
        [this, id, json] { *id = CatalogService(m_file, m_clock).createPlan(json).planId; }, [this, id] { CatalogService(m_file, m_clock).deletePlan(*id); },
        done));
}

void PlansScreen::editPlan()
{
    const QString id = selectedPlanId();
    if (id.isEmpty())
        return;
    std::unique_ptr<PlanEditorDialog> dialog;
    try {
        dialog = std::make_unique<PlanEditorDialog>(m_file, m_clock, id, this);
    } catch (const ServiceError &e) { // the plan went away (another window, orbctl)
        QMessageBox::warning(this, tr("The plan cannot be edited"), e.details());
        reload();
        return;
    }
    // The plan as the editor read it, in the shape the service takes: undo saves it back.
    const QJsonObject before = dialog->planJson();
    if (dialog->exec() != QDialog::Accepted)
        return;
    selectPlan(id);
    const QJsonObject after = dialog->planJson();
    if (m_undo && after != before) {
        // Undo and redo save the other state as the plan's next edit: a price change makes a
        // new version (subscriptions stay on theirs), so the history keeps every step.
        auto save = [this, id](const QJsonObject &json) { CatalogService(m_file, m_clock).editPlan(id, json); };
        auto done = [this, id](const QString &error) {
            if (!error.isEmpty())
                QMessageBox::warning(this, tr("The plan was not changed"), error);
            selectPlan(id);
            emit catalogChanged();
        };
        m_undo->push(new ServiceCommand(
            tr("Edit plan %1").arg(after.value(QStringLiteral("name")).toString()), [save, after] { save(after); }, [save, before] { save(before); }, done));
    }
}

void PlansScreen::archivePlan()
{
    const QString id = selectedPlanId();
    if (id.isEmpty())
        return;
    try {
        CatalogService catalog(m_file, m_clock);
        const Plan plan = catalog.plan(id);
        const auto answer = QMessageBox::question(this, tr("Archive plan"),
                                                  tr("Archive plan “%1”? Its subscriptions keep billing on their versions, but it cannot be chosen for new "
                                                     "subscriptions until it is unarchived (Edit › Undo).")
                                                      .arg(plan.name));
        if (answer != QMessageBox::Yes)
            return;
        catalog.archivePlan(id);
        if (m_undo)
            m_undo->push(new ServiceCommand(
                tr("Archive plan %1").arg(plan.name), [this, id] { CatalogService(m_file, m_clock).archivePlan(id); },
                [this, id] { CatalogService(m_file, m_clock).unarchivePlan(id); },
                [this, id](const QString &error) {
                    if (!error.isEmpty())
                        QMessageBox::warning(this, tr("The plan was not changed"), error);
                    reload();
                    selectPlan(id);
                    emit catalogChanged();
                }));
    } catch (const ServiceError &e) {
        QMessageBox::warning(this, tr("The plan was not archived"), e.details());
        return;
    }
    selectPlan(id);
    emit catalogChanged();
}

} // namespace orb
