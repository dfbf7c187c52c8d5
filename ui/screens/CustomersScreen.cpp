// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/screens/CustomersScreen.h"

#include "ui/LocaleFormat.h"

#include "engine/Clock.h"
#include "engine/TaxIdFormats.h"
#include "models/CompanyFile.h"
#include "models/CustomerService.h"
#include "models/CustomerTableModel.h"
#include "models/exports/CustomerCsv.h"
#include "models/StorageError.h"
#include "models/billing/BillingSetupService.h"
#include "ui/AppSettings.h"
#include "ui/dialogs/CustomerDialog.h"
#include "ui/dialogs/CustomerImportWizard.h"
#include "ui/widgets/CustomerBillingView.h"
#include "ui/widgets/EditCustomerCommand.h"
#include "ui/widgets/ServiceCommand.h"

#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>

namespace orb {

CustomersScreen::CustomersScreen(CompanyFile &file, const Clock &clock, QWidget *parent)
    : QWidget(parent), m_file(file), m_clock(clock), m_service(std::make_unique<CustomerService>(file, clock))
{
    setObjectName(QStringLiteral("customersScreen"));
    m_model = new CustomerTableModel(file.db(), this);

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("searchEdit"));
    m_search->setPlaceholderText(tr("Search name, external ID or e-mail"));
    m_search->setAccessibleName(tr("Search customers"));
    m_search->setClearButtonEnabled(true);
    m_showArchived = new QCheckBox(tr("Show &archived"), this);
    m_showArchived->setObjectName(QStringLiteral("showArchivedCheck"));
    m_new = new QPushButton(tr("&New customer…"), this);
    m_new->setObjectName(QStringLiteral("newButton"));
    m_edit = new QPushButton(tr("&Edit…"), this);
    m_edit->setObjectName(QStringLiteral("editButton"));
    m_archive = new QPushButton(tr("Archi&ve"), this);
    m_archive->setObjectName(QStringLiteral("archiveButton"));
    const bool writable = !file.isReadOnly();
    m_new->setEnabled(writable);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("customerTable"));
    m_table->setAccessibleName(tr("Customers"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(CustomerTableModel::Name, Qt::AscendingOrder);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAlternatingRowColors(true);
    const int ch = m_table->fontMetrics().averageCharWidth();
    m_table->setColumnWidth(CustomerTableModel::Name, 28 * ch);
    m_table->setColumnWidth(CustomerTableModel::ExternalId, 13 * ch);
    m_table->setColumnWidth(CustomerTableModel::Email, 30 * ch);
    m_table->setColumnWidth(CustomerTableModel::Currency, 10 * ch);
    m_table->setColumnWidth(CustomerTableModel::TimeZone, 21 * ch);
    m_table->setColumnWidth(CustomerTableModel::Created, 13 * ch);
    const QByteArray header = AppSettings().headerState(QStringLiteral("customers"));
    if (!header.isEmpty())
        m_table->horizontalHeader()->restoreState(header);

    m_details = new QLabel(this);
    m_details->setObjectName(QStringLiteral("detailsLabel"));
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setMinimumWidth(220);
    m_details->setMaximumWidth(360);
    m_details->setMargin(8);

    auto *top = new QHBoxLayout;
    top->addWidget(m_search, 1);
    top->addWidget(m_showArchived);
    top->addSpacing(12);
    top->addWidget(m_new);
    top->addWidget(m_edit);
    top->addWidget(m_archive);
    // Customers in and out as CSV.
    auto *importButton = new QPushButton(tr("&Import…"), this);
    importButton->setObjectName(QStringLiteral("importCustomersButton"));
    importButton->setEnabled(writable);
    auto *exportButton = new QPushButton(tr("E&xport…"), this);
    exportButton->setObjectName(QStringLiteral("exportCustomersButton"));
    top->addWidget(importButton);
    top->addWidget(exportButton);
    connect(importButton, &QPushButton::clicked, this, [this, c = &clock] {
        CustomerImportWizard wizard(m_file, *c, this);
        connect(&wizard, &CustomerImportWizard::imported, m_model, &CustomerTableModel::reload);
        wizard.exec();
    });
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export customers"), QStringLiteral("customers.csv"), tr("CSV files (*.csv)"));
        if (path.isEmpty())
            return;
        const QByteArray bytes = CustomerCsv::exportAll(m_file);
        QSaveFile out(path);
        if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit())
            QMessageBox::warning(this, tr("Export customers"), tr("%1: cannot write (%2)").arg(QDir::toNativeSeparators(path), out.errorString()));
    });
    m_billing = new CustomerBillingView(file, clock, this);
    auto *showInvoices = new QPushButton(tr("Show &invoices"), this);
    showInvoices->setObjectName(QStringLiteral("showCustomerInvoices"));
    connect(showInvoices, &QPushButton::clicked, this, [this] {
        if (!selectedId().isEmpty())
            emit invoicesRequested(selectedId());
    });
    auto *split = new QSplitter(this);
    split->addWidget(m_table);
    // The details scroll when they are longer than the pane (a customer with an address, a tax
    // id and metadata), instead of losing their last lines.
    auto *detailsScroll = new QScrollArea(this);
    detailsScroll->setWidget(m_details);
    detailsScroll->setWidgetResizable(true);
    detailsScroll->setFrameShape(QFrame::NoFrame);
    detailsScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    detailsScroll->setMinimumWidth(m_details->minimumWidth());
    detailsScroll->setMaximumWidth(m_details->maximumWidth() + detailsScroll->verticalScrollBar()->sizeHint().width());
    split->addWidget(detailsScroll);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    auto *billingPane = new QWidget(this);
    auto *billingLayout = new QVBoxLayout(billingPane);
    billingLayout->setContentsMargins(0, 0, 0, 0);
    billingLayout->addWidget(m_billing, 1);
    billingLayout->addWidget(showInvoices, 0, Qt::AlignLeft);
    auto *outer = new QSplitter(Qt::Vertical, this);
    outer->addWidget(split);
    outer->addWidget(billingPane);
    outer->setStretchFactor(0, 3);
    outer->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(outer, 1);

    m_searchDelay = new QTimer(this);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(200);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this, [this] { m_model->setSearch(m_search->text()); });
    connect(m_showArchived, &QCheckBox::toggled, m_model, &CustomerTableModel::setIncludeArchived);
    connect(m_new, &QPushButton::clicked, this, &CustomersScreen::newCustomer);
    connect(m_edit, &QPushButton::clicked, this, &CustomersScreen::editCustomer);
    connect(m_archive, &QPushButton::clicked, this, &CustomersScreen::toggleArchive);
    connect(m_table, &QTableView::doubleClicked, this, &CustomersScreen::editCustomer);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateActions();
        showDetails();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        updateActions();
        showDetails();
    });
    updateActions();
    showDetails();
}

CustomersScreen::~CustomersScreen()
{
    AppSettings().setHeaderState(QStringLiteral("customers"), m_table->horizontalHeader()->saveState());
}

QString CustomersScreen::selectedId() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : m_model->customerId(rows.first().row());
}

void CustomersScreen::selectId(const QString &id)
{
    const int row = m_model->rowOfId(id);
    if (row < 0)
        return;
    m_table->selectRow(row);
    m_table->scrollTo(m_model->index(row, 0));
}

void CustomersScreen::updateActions()
{
    const QString id = selectedId();
    const bool writable = !m_file.isReadOnly();
    m_edit->setEnabled(writable && !id.isEmpty());
    m_archive->setEnabled(writable && !id.isEmpty());
    if (!id.isEmpty()) {
        const auto c = m_model->customerAt(m_model->rowOfId(id));
        m_archive->setText(c && c->isArchived() ? tr("Unarchi&ve") : tr("Archi&ve"));
    }
}

void CustomersScreen::showDetails()
{
    const QString id = selectedId();
    if (id != m_billing->customerId())
        m_billing->showCustomer(id);
    if (id.isEmpty()) {
        m_details->setText(tr("<p><b>%Ln customer(s)</b> shown.</p><p>Select a customer to see the details.</p>", nullptr, m_model->rowCount()));
        return;
    }
    const auto c = m_model->customerAt(m_model->rowOfId(id));
    if (!c)
        return;
    // Each value under its label, across the pane's whole width: beside the label an e-mail
    // address, a time zone or the id (words that do not wrap) were cut off at the window's edge.
    auto row = [](const QString &label, const QString &value) {
        return value.isEmpty() ? QString()
                               : QStringLiteral("<tr><td><i>%1</i></td></tr><tr><td>%2</td></tr>").arg(label.toHtmlEscaped(), value.toHtmlEscaped());
    };
    QStringList meta;
    for (auto it = c->metadata.constBegin(); it != c->metadata.constEnd(); ++it)
        meta << it.key() + QLatin1Char('=') + it.value();
    QString html = QStringLiteral("<h3>%1</h3><table>").arg(c->name.toHtmlEscaped());
    // The balance in the locale's form; an unknown currency keeps the stored text.
    const auto balance = Decimal::tryParse(c->balance);
    const QString balanceText = balance && !c->currency.isEmpty() ? LocaleFormat::money(*balance, c->currency) : c->displayBalance();
    const QString when = LocaleFormat::dateFormat() + QStringLiteral(" HH:mm");
    html += row(tr("External ID"), c->externalCustomerId) + row(tr("E-mail"), c->email)
            + row(tr("Currency"), c->currency.isEmpty() ? tr("not set yet") : c->currency) + row(tr("Time zone"), c->timezone)
            + row(tr("Net terms"), c->netTerms ? tr("%Ln day(s)", nullptr, *c->netTerms) : tr("company default"))
            + row(tr("Billing"), c->billingAddress.lines().join(QStringLiteral(", ")))
            + row(tr("Shipping"), c->shippingAddress.lines().join(QStringLiteral(", ")))
            + row(tr("Tax id"), c->taxId.isEmpty() ? QString() : TaxIdFormats::displayName(c->taxId.type) + QStringLiteral(": ") + c->taxId.value)
            + row(tr("Balance"), balanceText) + row(tr("Metadata"), meta.join(QStringLiteral(", ")))
            + row(tr("Created"), QLocale().toString(c->createdAt.toLocalTime(), when))
            + row(tr("Archived"), c->isArchived() ? QLocale().toString(c->archivedAt.toLocalTime(), when) : QString())
            // Orb's own id last: a clerk names the customer by name or external id, and copies
            // this one (the pane is selectable) only for support or a script.
            + row(tr("Id"), c->id);
    html += QStringLiteral("</table>");
    m_details->setText(html);
}

QStringList CustomersScreen::taxRatesOf(const QString &customerId) const
{
    QStringList ids;
    for (const TaxRateRecord &r : BillingSetupService::loadTaxRates(m_file.db()))
        if (r.customerIds.contains(customerId))
            ids << r.id;
    return ids;
}

void CustomersScreen::applyTaxRates(const QString &customerId, const QStringList &before, const QStringList &after)
{
    BillingSetupService rates(m_file, m_clock);
    for (const QString &id : before)
        if (!after.contains(id))
            rates.unassignTaxRate(id, customerId, {});
    for (const QString &id : after)
        if (!before.contains(id))
            rates.assignTaxRate(id, customerId, {});
}

void CustomersScreen::newCustomer()
{
    auto *dlg = new CustomerDialog(*m_service, m_file.settings().timezone, std::nullopt, this);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    try {
        dlg->setTaxRates(BillingSetupService::loadTaxRates(m_file.db()), {});
    } catch (const ServiceError &) {
        dlg->setTaxRates({}, {}); // the customer can still be created; rates are assigned later
    }
    connect(dlg, &QDialog::accepted, this, [this, dlg] {
        const Customer created = dlg->result();
        const QStringList rates = dlg->chosenTaxRateIds();
        QString error;
        try {
            applyTaxRates(created.id, {}, rates);
        } catch (const ServiceError &e) {
            error = e.details();
        }
        auto changed = [this, id = created.id](const QString &e) {
            if (!e.isEmpty())
                QMessageBox::warning(this, tr("Could not change the customer"), e);
            m_model->reload();
            selectId(id);
            emit customersChanged();
        };
        changed(error.isEmpty() ? QString() : tr("The customer was created, but its tax rates were not all assigned: %1").arg(error));
        if (m_undo) {
            // Undo takes the new customer away again (its rates first: the service refuses to
            // remove a customer that anything refers to); redo puts it back with the same id.
            CustomerService *service = m_service.get();
            const QStringList assigned = taxRatesOf(created.id);
            m_undo->push(new ServiceCommand(
                tr("Create customer %1").arg(created.name),
                [this, service, created, assigned] {
                    service->restore(created);
                    applyTaxRates(created.id, {}, assigned);
                },
                [this, service, created, assigned] {
                    applyTaxRates(created.id, assigned, {});
                    service->remove(created.id);
                },
                changed));
        }
    });
    dlg->open();
}

void CustomersScreen::editCustomer()
{
    const QString id = selectedId();
    if (id.isEmpty() || m_file.isReadOnly())
        return;
    std::optional<Customer> c;
    QStringList ratesBefore;
    try {
        c = m_service->get(id);
        ratesBefore = taxRatesOf(id);
    } catch (const ServiceError &e) {
        QMessageBox::warning(this, tr("Customer not found"), e.message());
        m_model->reload();
        return;
    }
    auto *dlg = new CustomerDialog(*m_service, c->timezone, c, this);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    dlg->setTaxRates(BillingSetupService::loadTaxRates(m_file.db()), ratesBefore);
    const Customer before = *c;
    connect(dlg, &QDialog::accepted, this, [this, id, before, ratesBefore, dlg] {
        auto changed = [this, id] {
            m_model->reload();
            selectId(id);
            emit customersChanged();
        };
        const QStringList ratesAfter = dlg->chosenTaxRateIds();
        QString error;
        try {
            applyTaxRates(id, ratesBefore, ratesAfter);
        } catch (const ServiceError &e) {
            error = e.details();
        }
        changed();
        if (!error.isEmpty())
            QMessageBox::warning(this, tr("Could not change the customer"),
                                 tr("The customer was saved, but its tax rates were not all changed: %1").arg(error));
        if (m_undo) {
            try {
                const Customer after = m_service->get(id);
                const QStringList assigned = taxRatesOf(id);
                // One step for the clerk: the fields and the tax rates are undone together.
                m_undo->beginMacro(tr("Edit customer %1").arg(after.name));
                m_undo->push(new EditCustomerCommand(*m_service, before, after, changed));
                if (assigned != ratesBefore)
                    m_undo->push(new ServiceCommand(
                        tr("Tax rates of customer %1").arg(after.name), [this, id, ratesBefore, assigned] { applyTaxRates(id, ratesBefore, assigned); },
                        [this, id, ratesBefore, assigned] { applyTaxRates(id, assigned, ratesBefore); },
                        [this, changed](const QString &e) {
                            if (!e.isEmpty())
                                QMessageBox::warning(this, tr("Could not change the customer"), e);
                            changed();
                        }));
                m_undo->endMacro();
            } catch (const ServiceError &) {
                // The customer is gone again; there is nothing to undo.
            }
        }
    });
    dlg->open();
}

void CustomersScreen::refreshDetails()
{
    m_billing->showCustomer(selectedId());
}

void CustomersScreen::toggleArchive()
{
    const QString id = selectedId();
    if (id.isEmpty())
        return;
    bool archiving = false;
    QString name;
    try {
        const Customer c = m_service->get(id);
        archiving = !c.isArchived();
        name = c.name;
        if (archiving)
            m_service->archive(id);
        else
            m_service->unarchive(id);
    } catch (const ServiceError &e) {
        QMessageBox::warning(this, tr("Could not change the customer"), e.message());
        m_model->reload();
        return;
    }
    auto changed = [this, id](const QString &error) {
        if (!error.isEmpty())
            QMessageBox::warning(this, tr("Could not change the customer"), error);
        m_model->reload();
        selectId(id);
        emit customersChanged();
    };
    changed(QString());
    if (m_undo) {
        CustomerService *service = m_service.get();
        auto archive = [service, id] { service->archive(id); };
        auto unarchive = [service, id] { service->unarchive(id); };
        m_undo->push(new ServiceCommand(archiving ? tr("Archive customer %1").arg(name) : tr("Unarchive customer %1").arg(name),
                                        archiving ? std::function<void()>(archive) : unarchive, archiving ? std::function<void()>(unarchive) : archive,
                                        changed));
    }
}

} // namespace orb
