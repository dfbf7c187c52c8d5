// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/screens/TaxRatesScreen.h"

#include "ui/LocaleFormat.h"

#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/CustomerRepository.h"
#include "models/StorageError.h"
#include "ui/widgets/RefusalLabels.h"
#include "models/billing/BillingSetupService.h"
#include "models/catalog/ItemRepository.h"
#include "ui/widgets/ServiceCommand.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QUndoStack>
#include <QVBoxLayout>

namespace orb {

namespace {

enum Column { Name, Percentage, Customers, Items, Status, ColumnCount };

// An assignment in the list: which kind, and whose id.
constexpr int KindRole = Qt::UserRole;
constexpr int IdRole = Qt::UserRole + 1;

} // namespace

TaxRatesScreen::TaxRatesScreen(CompanyFile &file, const Clock &clock, QUndoStack *undo, QWidget *parent)
    : QWidget(parent), m_file(file), m_clock(clock), m_undo(undo)
{
    setObjectName(QStringLiteral("taxRatesScreen"));
    m_model = new QStandardItemModel(0, ColumnCount, this);
    m_model->setHorizontalHeaderLabels({tr("Tax rate"), tr("Percentage"), tr("Customers"), tr("Items"), tr("Status")});
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("taxRatesTable"));
    m_table->setAccessibleName(tr("Tax rates"));
    m_table->setModel(m_model);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_showArchived = new QCheckBox(tr("Show archi&ved tax rates"), this);
    m_showArchived->setObjectName(QStringLiteral("showArchivedTaxRates"));

    auto *form = new QGroupBox(this);
    m_formTitle = new QLabel(form);
    m_formTitle->setObjectName(QStringLiteral("taxRateFormTitle"));
    m_formTitle->setWordWrap(true);
    m_name = new QLineEdit(form);
    m_name->setObjectName(QStringLiteral("taxRateName"));
    m_name->setAccessibleName(tr("Tax rate name"));
    m_name->setPlaceholderText(tr("VAT 19%"));
    m_name->setMaxLength(100);
    m_percentage = new QLineEdit(form);
    m_percentage->setObjectName(QStringLiteral("taxRatePercentage"));
    m_percentage->setAccessibleName(tr("Tax rate percentage"));
    m_percentage->setPlaceholderText(tr("19"));
    m_percentage->setMaxLength(12);
    // Refusals under the field they concern, gone as soon as the field is changed.
    m_refusals = new RefusalLabels(QStringLiteral("taxRateError"), form);
    m_error = m_refusals->general();
    m_refusals->setFieldOfMessage([](const QString &message) {
        if (message.contains(QLatin1String("tax rate named")))
            return QStringLiteral("name");
        if (message.contains(QLatin1String("no customer")))
            return QStringLiteral("customer");
        if (message.contains(QLatin1String("no item")))
            return QStringLiteral("item");
        return QString();
    });
    m_new = new QPushButton(tr("Ne&w tax rate"), form);
    m_new->setObjectName(QStringLiteral("newTaxRateButton"));
    m_save = new QPushButton(form);
    m_save->setObjectName(QStringLiteral("saveTaxRateButton"));
    m_save->setDefault(true);
    m_archive = new QPushButton(form);
    m_archive->setObjectName(QStringLiteral("archiveTaxRateButton"));
    m_archive->setToolTip(tr("An archived rate applies to no invoice composed from then on; issued invoices keep it."));

    m_assignments = new QListWidget(form);
    m_assignments->setObjectName(QStringLiteral("taxRateAssignments"));
    m_assignments->setAccessibleName(tr("Customers and items the rate applies to"));
    m_customer = new QLineEdit(form);
    m_customer->setObjectName(QStringLiteral("taxRateCustomer"));
    m_customer->setAccessibleName(tr("Customer to assign the rate to"));
    m_customer->setPlaceholderText(tr("Customer id or external id"));
    m_assignCustomer = new QPushButton(tr("Assign to &customer"), form);
    m_assignCustomer->setObjectName(QStringLiteral("assignCustomerButton"));
    m_item = new QComboBox(form);
    m_item->setObjectName(QStringLiteral("taxRateItem"));
    m_item->setAccessibleName(tr("Item to assign the rate to"));
    m_assignItem = new QPushButton(tr("Assign to i&tem"), form);
    m_assignItem->setObjectName(QStringLiteral("assignItemButton"));
    m_remove = new QPushButton(tr("&Remove from the selected"), form);
    m_remove->setObjectName(QStringLiteral("removeAssignmentButton"));

    auto *fields = new QFormLayout;
    fields->addRow(tr("&Name:"), m_name);
    fields->addRow(QString(), m_refusals->addField(QStringLiteral("name"), m_name));
    fields->addRow(tr("&Percentage:"), m_percentage);
    fields->addRow(QString(), m_refusals->addField(QStringLiteral("percentage"), m_percentage));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_new);
    buttons->addStretch();
    buttons->addWidget(m_archive);
    buttons->addWidget(m_save);
    auto *customerRow = new QHBoxLayout;
    customerRow->addWidget(m_customer, 1);
    customerRow->addWidget(m_assignCustomer);
    auto *itemRow = new QHBoxLayout;
    itemRow->addWidget(m_item, 1);
    itemRow->addWidget(m_assignItem);
    auto *formLayout = new QVBoxLayout(form);
    formLayout->addWidget(m_formTitle);
    formLayout->addLayout(fields);
    formLayout->addLayout(buttons);
    formLayout->addWidget(m_error);
    // Long explanations wrap, so that the screen fits a laptop window in every language.
    auto *appliesTo = new QLabel(tr("<b>Applies to</b> (a customer's rate taxes all its invoice lines, an item's rate the lines of that item):"), form);
    appliesTo->setWordWrap(true);
    formLayout->addWidget(appliesTo);
    formLayout->addWidget(m_assignments, 1);
    formLayout->addWidget(m_remove, 0, Qt::AlignRight);
    formLayout->addLayout(customerRow);
    formLayout->addWidget(m_refusals->addField(QStringLiteral("customer"), m_customer));
    formLayout->addLayout(itemRow);
    formLayout->addWidget(m_refusals->addField(QStringLiteral("item"), m_item));

    auto *listSide = new QWidget(this);
    auto *listLayout = new QVBoxLayout(listSide);
    listLayout->setContentsMargins(0, 0, 0, 0);
    auto *intro = new QLabel(tr("<b>Tax rates</b>: added to the invoice lines of the customers and items they are assigned to."), listSide);
    intro->setWordWrap(true);
    listLayout->addWidget(intro);
    listLayout->addWidget(m_table, 1);
    listLayout->addWidget(m_showArchived);
    auto *split = new QSplitter(this);
    split->addWidget(listSide);
    split->addWidget(form);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);
    setTabOrder(m_table, m_name);
    setTabOrder(m_name, m_percentage);
    setTabOrder(m_percentage, m_save);

    connect(m_showArchived, &QCheckBox::toggled, this, &TaxRatesScreen::reload);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &TaxRatesScreen::showSelected);
    connect(m_new, &QPushButton::clicked, this, &TaxRatesScreen::newRate);
    connect(m_save, &QPushButton::clicked, this, [this] { saveForm(); });
    connect(m_percentage, &QLineEdit::returnPressed, this, [this] { saveForm(); });
    connect(m_archive, &QPushButton::clicked, this, [this] { toggleArchive(); });
    connect(m_assignCustomer, &QPushButton::clicked, this, [this] { assignCustomer(); });
    connect(m_customer, &QLineEdit::returnPressed, this, [this] { assignCustomer(); });
    connect(m_assignItem, &QPushButton::clicked, this, [this] { assignItem(); });
    connect(m_remove, &QPushButton::clicked, this, [this] { removeAssignment(); });
    connect(m_assignments, &QListWidget::itemSelectionChanged, this, &TaxRatesScreen::updateActions);
    reload();
    newRate();
}

QString TaxRatesScreen::selectedId() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : m_model->item(rows.first().row(), Name)->data(Qt::UserRole).toString();
}

std::optional<TaxRateRecord> TaxRatesScreen::selectedRate() const
{
    const QString id = selectedId();
    for (const TaxRateRecord &r : m_rates)
        if (r.id == id)
            return r;
    return std::nullopt;
}

void TaxRatesScreen::reload()
{
    const QString keep = selectedId();
    m_model->removeRows(0, m_model->rowCount());
    try {
        m_rates = BillingSetupService::loadTaxRates(m_file.db());
        const QString itemKeep = m_item->currentData().toString();
        m_item->clear();
        for (const Item &i : ItemRepository(m_file.db()).list())
            if (!i.isArchived())
                m_item->addItem(i.name, i.id);
        m_item->setCurrentIndex(std::max(0, m_item->findData(itemKeep)));
    } catch (const ServiceError &e) {
        m_rates.clear();
        m_refusals->showGeneral(tr("The tax rates could not be read: %1").arg(e.message()));
    }
    const QLocale locale;
    for (const TaxRateRecord &r : std::as_const(m_rates)) {
        if (r.archivedAt.isValid() && !m_showArchived->isChecked())
            continue;
        auto *name = new QStandardItem(r.name);
        name->setData(r.id, Qt::UserRole);
        name->setToolTip(tr("Id: %1").arg(r.id));
        auto *pct = new QStandardItem(LocaleFormat::percent(r.percentage));
        pct->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        auto *customers = new QStandardItem(locale.toString(r.customerIds.size()));
        customers->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        auto *items = new QStandardItem(locale.toString(r.itemIds.size()));
        items->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_model->appendRow({name, pct, customers, items, new QStandardItem(r.archivedAt.isValid() ? tr("Archived") : tr("Active"))});
    }
    m_table->resizeColumnsToContents(); // headers and values whole, in every language
    if (!keep.isEmpty())
        selectRate(keep);
    showSelected();
}

bool TaxRatesScreen::selectRate(const QString &id)
{
    for (const TaxRateRecord &r : std::as_const(m_rates))
        if (r.id == id && r.archivedAt.isValid() && !m_showArchived->isChecked())
            m_showArchived->setChecked(true); // reloads
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->item(row, Name)->data(Qt::UserRole).toString() == id) {
            m_table->selectRow(row);
            return true;
        }
    }
    return false;
}

void TaxRatesScreen::newRate()
{
    m_table->clearSelection();
    showSelected();
    m_name->setFocus();
}

void TaxRatesScreen::showSelected()
{
    m_refusals->clear(); // another rate's form: the refusals were about the one before
    const auto r = selectedRate();
    m_assignments->clear();
    if (!r) {
        m_formTitle->setText(tr("<b>New tax rate</b>"));
        m_name->clear();
        m_percentage->clear();
    } else {
        m_formTitle->setText(r->archivedAt.isValid() ? tr("<b>%1</b>, archived: it applies to no new invoice.").arg(r->name.toHtmlEscaped())
                                                     : tr("<b>%1</b>").arg(r->name.toHtmlEscaped()));
        m_name->setText(r->name);
        m_percentage->setText(LocaleFormat::editDecimal(r->percentage));
        try {
            for (const Customer &c : CustomerRepository(m_file.db()).byIds(r->customerIds)) {
                auto *entry = new QListWidgetItem(tr("Customer: %1").arg(c.name), m_assignments);
                entry->setData(KindRole, QStringLiteral("customer"));
                entry->setData(IdRole, c.id);
                entry->setToolTip(c.externalCustomerId.isEmpty() ? c.id : c.externalCustomerId);
            }
            ItemRepository items(m_file.db());
            for (const QString &id : r->itemIds) {
                const auto item = items.resolve(id);
                auto *entry = new QListWidgetItem(tr("Item: %1").arg(item ? item->name : id), m_assignments);
                entry->setData(KindRole, QStringLiteral("item"));
                entry->setData(IdRole, id);
            }
        } catch (const ServiceError &e) {
            m_refusals->showGeneral(tr("The rate's customers and items could not be read: %1").arg(e.message()));
        }
    }
    updateActions();
}

void TaxRatesScreen::updateActions()
{
    const bool writable = !m_file.isReadOnly();
    const auto r = selectedRate();
    m_name->setEnabled(writable);
    m_percentage->setEnabled(writable);
    m_save->setText(r ? tr("&Save changes") : tr("Create ta&x rate"));
    m_save->setEnabled(writable);
    m_archive->setText(r && r->archivedAt.isValid() ? tr("Un&archive") : tr("&Archive"));
    m_archive->setEnabled(writable && r.has_value());
    const bool assignable = writable && r && !r->archivedAt.isValid();
    m_customer->setEnabled(assignable);
    m_assignCustomer->setEnabled(assignable);
    m_item->setEnabled(assignable && m_item->count() > 0);
    m_assignItem->setEnabled(assignable && m_item->count() > 0);
    m_remove->setEnabled(writable && r && !m_assignments->selectedItems().isEmpty());
}

void TaxRatesScreen::changed(const QString &selectId, const QString &error)
{
    reload();
    if (!selectId.isEmpty() && !selectRate(selectId))
        newRate();
    if (!error.isEmpty())
        m_refusals->showGeneral(error);
    emit taxRatesChanged();
}

QString TaxRatesScreen::percentageTyped() const
{
    // Typed in the locale's form ("7,25" in German, a trailing "%" allowed); the service reads
    // the canonical one and names anything that is not a number.
    QString t = m_percentage->text().trimmed();
    if (t.endsWith(QLatin1Char('%')))
        t.chop(1);
    return LocaleFormat::canonicalDecimal(t);
}

QString TaxRatesScreen::saveForm()
{
    m_refusals->clear();
    const auto current = selectedRate();
    QString error;
    try {
        BillingSetupService service(m_file, m_clock);
        if (!current) {
            const TaxRateRecord created = service.createTaxRate(m_name->text(), percentageTyped());
            changed(created.id, {});
            if (m_undo)
                m_undo->push(new ServiceCommand(
                    tr("Create tax rate %1").arg(created.name), [this, created] { BillingSetupService(m_file, m_clock).restoreTaxRate(created); },
                    [this, id = created.id] { BillingSetupService(m_file, m_clock).deleteTaxRate(id); },
                    [this, id = created.id](const QString &e) { changed(id, e); }));
        } else {
            const TaxRateRecord after = service.editTaxRate(current->id, m_name->text(), percentageTyped());
            changed(after.id, {});
            if (m_undo) {
                auto write = [this](const TaxRateRecord &r) {
                    BillingSetupService(m_file, m_clock).editTaxRate(r.id, r.name, r.percentage.toCanonicalString());
                };
                const TaxRateRecord before = *current;
                m_undo->push(new ServiceCommand(
                    tr("Edit tax rate %1").arg(after.name), [write, after] { write(after); }, [write, before] { write(before); },
                    [this, id = after.id](const QString &e) { changed(id, e); }));
            }
        }
    } catch (const ServiceError &e) {
        m_refusals->show(e);
        error = m_refusals->text();
    }
    return error;
}

QString TaxRatesScreen::toggleArchive()
{
    m_refusals->clear();
    const auto r = selectedRate();
    if (!r)
        return tr("Select a tax rate first.");
    const bool archiving = !r->archivedAt.isValid();
    try {
        BillingSetupService service(m_file, m_clock);
        if (archiving)
            service.archiveTaxRate(r->id);
        else
            service.unarchiveTaxRate(r->id);
    } catch (const ServiceError &e) {
        m_refusals->show(e);
        return m_refusals->text();
    }
    if (archiving)
        m_showArchived->setChecked(true); // the rate stays in sight, marked archived
    changed(r->id, {});
    if (m_undo) {
        auto archive = [this, id = r->id] { BillingSetupService(m_file, m_clock).archiveTaxRate(id); };
        auto unarchive = [this, id = r->id] { BillingSetupService(m_file, m_clock).unarchiveTaxRate(id); };
        m_undo->push(new ServiceCommand(archiving ? tr("Archive tax rate %1").arg(r->name) : tr("Unarchive tax rate %1").arg(r->name),
                                        archiving ? std::function<void()>(archive) : unarchive, archiving ? std::function<void()>(unarchive) : archive,
                                        [this, id = r->id](const QString &e) { changed(id, e); }));
    }
    return {};
}

QString TaxRatesScreen::assign(const QString &customer, const QString &item, const QString &label)
{
    m_refusals->clear();
    const auto r = selectedRate();
    if (!r)
        return tr("Select a tax rate first.");
    TaxRateRecord before = *r, after;
    try {
        after = BillingSetupService(m_file, m_clock).assignTaxRate(r->id, customer, item);
    } catch (const ServiceError &e) {
        m_refusals->show(e);
        return m_refusals->text();
    }
    // The undo names what the service resolved (an id), whatever the clerk typed.
    QString customerId, itemId;
    for (const QString &id : after.customerIds)
        if (!before.customerIds.contains(id))
            customerId = id;
    for (const QString &id : after.itemIds)
        if (!before.itemIds.contains(id))
            itemId = id;
    m_customer->clear();
    changed(r->id, {});
    if (m_undo) {
        const QString rate = r->id;
        m_undo->push(new ServiceCommand(
            tr("Assign tax rate %1 to %2").arg(r->name, label),
            [this, rate, customerId, itemId] { BillingSetupService(m_file, m_clock).assignTaxRate(rate, customerId, itemId); },
            [this, rate, customerId, itemId] { BillingSetupService(m_file, m_clock).unassignTaxRate(rate, customerId, itemId); },
            [this, rate](const QString &e) { changed(rate, e); }));
    }
    return {};
}

QString TaxRatesScreen::assignCustomer()
{
    const QString customer = m_customer->text().trimmed();
    if (customer.isEmpty()) {
        m_refusals->clear();
        m_refusals->addFieldMessage(QStringLiteral("customer"), tr("Type the customer's id or external id."));
        return m_refusals->text();
    }
    return assign(customer, {}, customer);
}

QString TaxRatesScreen::assignItem()
{
    if (m_item->currentIndex() < 0) {
        m_refusals->clear();
        m_refusals->addFieldMessage(QStringLiteral("item"), tr("There is no item to assign the rate to."));
        return m_refusals->text();
    }
    return assign({}, m_item->currentData().toString(), m_item->currentText());
}

QString TaxRatesScreen::removeAssignment()
{
    m_refusals->clear();
    const auto r = selectedRate();
    const QList<QListWidgetItem *> chosen = m_assignments->selectedItems();
    if (!r || chosen.isEmpty())
        return tr("Select a customer or item of the rate first.");
    const bool isCustomer = chosen.first()->data(KindRole).toString() == QLatin1String("customer");
    const QString id = chosen.first()->data(IdRole).toString();
    const QString label = chosen.first()->text();
    const QString customerId = isCustomer ? id : QString();
    const QString itemId = isCustomer ? QString() : id;
    try {
        BillingSetupService(m_file, m_clock).unassignTaxRate(r->id, customerId, itemId);
    } catch (const ServiceError &e) {
        m_refusals->show(e);
        return m_refusals->text();
    }
    changed(r->id, {});
    if (m_undo) {
        const QString rate = r->id;
        m_undo->push(new ServiceCommand(
            tr("Remove tax rate %1 from %2").arg(r->name, label),
            [this, rate, customerId, itemId] { BillingSetupService(m_file, m_clock).unassignTaxRate(rate, customerId, itemId); },
            [this, rate, customerId, itemId] { BillingSetupService(m_file, m_clock).assignTaxRate(rate, customerId, itemId); },
            [this, rate](const QString &e) { changed(rate, e); }));
    }
    return {};
}

} // namespace orb
