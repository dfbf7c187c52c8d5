// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/screens/InvoicesScreen.h"

#include "models/StatusText.h"
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/CustomerRepository.h"
#include "models/InvoiceTableModel.h"
#include "models/StorageError.h"
#include "models/exports/EmailOutbox.h"
#include "ui/dialogs/CreditNoteDialog.h"
#include "ui/dialogs/InvoiceRunDialog.h"
#include "models/sync/StripeInvoiceState.h"
#include "ui/dialogs/PaymentDialog.h"
#include "ui/widgets/DeleteDraftCommand.h"
#include "ui/dialogs/EmailSendDialog.h"
#include "ui/widgets/InvoiceDetailView.h"
#include "ui/widgets/OptionalDateEdit.h"
#include "ui/LocaleFormat.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDesktopServices>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QMetaMethod>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTableView>
#include <QTimeZone>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>
#include <memory>
#include <utility>

namespace orb {

namespace {

QLineEdit *filterEdit(QWidget *parent, const QString &name, const QString &placeholder)
{
    auto *e = new QLineEdit(parent);
    e->setObjectName(name);
    e->setPlaceholderText(placeholder);
    e->setAccessibleName(placeholder);
    e->setClearButtonEnabled(true);
    return e;
}

QPushButton *actionButton(QWidget *parent, const QString &name, const QString &text)
{
    auto *b = new QPushButton(text, parent);
    b->setObjectName(name);
    return b;
}

} // namespace

InvoicesScreen::InvoicesScreen(CompanyFile &file, const Clock &clock, QUndoStack *undo, QWidget *parent)
    : QWidget(parent), m_file(file), m_clock(clock), m_undo(undo)
{
    setObjectName(QStringLiteral("invoicesScreen"));
    m_model = new InvoiceTableModel(file.db(), this);
    m_status = new QComboBox(this);
    m_status->setObjectName(QStringLiteral("statusFilter"));
    m_status->setAccessibleName(tr("Status"));
    m_status->addItem(tr("All statuses")); // no data: no status filter
    m_status->addItem(tr("Drafts"), int(InvoiceStatus::Draft));
    m_status->addItem(tr("Issued"), int(InvoiceStatus::Issued));
    m_status->addItem(tr("Paid"), int(InvoiceStatus::Paid));
    m_status->addItem(tr("Void"), int(InvoiceStatus::Void));
    m_customer = filterEdit(this, QStringLiteral("customerFilter"), tr("Customer (id or external id)"));
    const QDate today = m_clock.now().toTimeZone(QTimeZone(m_file.settings().timezone.toUtf8())).date();
    m_from = new OptionalDateEdit(tr("Dated from: any"), today, this);
    m_from->setObjectName(QStringLiteral("fromFilter"));
    m_to = new OptionalDateEdit(tr("Dated to: any"), today, this);
    m_to->setObjectName(QStringLiteral("toFilter"));
    m_overdue = new QCheckBox(tr("&Overdue only"), this);
    m_overdue->setObjectName(QStringLiteral("overdueFilter"));
    auto *apply = new QPushButton(tr("&Filter"), this);
    apply->setObjectName(QStringLiteral("applyFilterButton"));
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("invoiceCount"));

    auto *runButton = actionButton(this, QStringLiteral("invoiceRunButton"), tr("Invoice &run…"));
    auto *emailButton = actionButton(this, QStringLiteral("emailInvoicesButton"), tr("E-&mail…"));
    m_issue = actionButton(this, QStringLiteral("issueButton"), tr("&Issue"));
    m_void = actionButton(this, QStringLiteral("voidButton"), tr("&Void…"));
    m_pay = actionButton(this, QStringLiteral("payButton"), tr("Record &payment…"));
    m_credit = actionButton(this, QStringLiteral("creditButton"), tr("&Credit note…"));
    m_delete = actionButton(this, QStringLiteral("deleteDraftButton"), tr("&Delete draft"));
    m_export = actionButton(this, QStringLiteral("exportPdfButton"), tr("&Export PDF…"));
    m_print = actionButton(this, QStringLiteral("printButton"), tr("P&rint…"));
    m_export->setToolTip(tr("Available once the documents capability is installed."));
    m_print->setToolTip(m_export->toolTip());

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("invoiceTable"));
    m_table->setAccessibleName(tr("Invoices"));
    m_table->setModel(m_model);
    m_table->setSortingEnabled(true);
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setSectionResizeMode(InvoiceTableModel::Customer, QHeaderView::Stretch);
    const int ch = m_table->fontMetrics().averageCharWidth();
    const QFontMetrics fm = m_table->fontMetrics();
    // Wide enough for a seven-digit number and for the widest status in the interface language
    // ("Ausgestellt"), and for the headers above them.
    const auto header = [this](int column) { return m_model->headerData(column, Qt::Horizontal).toString(); };
    m_table->setColumnWidth(InvoiceTableModel::Number,
                            std::max(fm.horizontalAdvance(QStringLiteral("INV-0000000")), fm.horizontalAdvance(header(InvoiceTableModel::Number))) + 3 * ch);
    int status = fm.horizontalAdvance(header(InvoiceTableModel::Status));
    for (const char *s : {QT_TRANSLATE_NOOP("orb::InvoiceTableModel", "Draft"), QT_TRANSLATE_NOOP("orb::InvoiceTableModel", "Issued"),
                          QT_TRANSLATE_NOOP("orb::InvoiceTableModel", "Paid"), QT_TRANSLATE_NOOP("orb::InvoiceTableModel", "Void")})
        status = std::max(status, fm.horizontalAdvance(QCoreApplication::translate("orb::InvoiceTableModel", s)));
    m_table->setColumnWidth(InvoiceTableModel::Status, status + 3 * ch);
    const int date = fm.horizontalAdvance(QStringLiteral("2026-12-31")) + 3 * ch;
    m_table->setColumnWidth(InvoiceTableModel::InvoiceDate, date);
    m_table->setColumnWidth(InvoiceTableModel::DueDate, date);
    m_table->setColumnWidth(InvoiceTableModel::Period, fm.horizontalAdvance(QStringLiteral("2026-12-31 – 2026-12-31")) + 3 * ch);
    m_table->setColumnWidth(InvoiceTableModel::Total, fm.horizontalAdvance(QStringLiteral("1,000,000.00 USD")) + 2 * ch);
    m_table->setColumnWidth(InvoiceTableModel::Remaining, fm.horizontalAdvance(QStringLiteral("1,000,000.00 USD")) + 2 * ch);
    m_detail = new InvoiceDetailView(this);
    connect(m_detail, &InvoiceDetailView::stripeLinkActivated, this, [](const QUrl &url) { QDesktopServices::openUrl(url); });

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_status);
    filters->addWidget(m_customer);
    filters->addWidget(m_from);
    filters->addWidget(m_to);
    filters->addWidget(m_overdue);
    filters->addWidget(apply);
    auto *actions = new QHBoxLayout;
    actions->addWidget(runButton);
    actions->addWidget(emailButton);
    actions->addSpacing(12);
    for (QPushButton *b : {m_issue, m_void, m_pay, m_credit, m_delete, m_export, m_print})
        actions->addWidget(b);
    actions->addStretch();
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(m_detail);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addLayout(actions);
    // The count (or a refusal) on a line of its own above the list: beside the buttons,
    // "1000000 Rechnungen" pushed the filter button and the amounts off a 1280 window.
    m_count->setWordWrap(true);
    layout->addWidget(m_count);
    layout->addWidget(split, 1);

    connect(apply, &QPushButton::clicked, this, &InvoicesScreen::applyFilter);
    connect(m_customer, &QLineEdit::returnPressed, this, &InvoicesScreen::applyFilter);
    // A date picked (or typed and left) filters at once, as the status and overdue boxes do.
    for (OptionalDateEdit *e : {m_from, m_to})
        connect(e, &QDateEdit::editingFinished, this, &InvoicesScreen::applyFilter);
    connect(m_status, &QComboBox::activated, this, &InvoicesScreen::applyFilter);
    connect(m_overdue, &QCheckBox::toggled, this, &InvoicesScreen::applyFilter);
    connect(runButton, &QPushButton::clicked, this, &InvoicesScreen::openInvoiceRun);
    connect(emailButton, &QPushButton::clicked, this, [this] {
        EmailSendDialog dialog(m_file, m_clock, this);
        dialog.exec();
        showDetails();
    });
    connect(m_issue, &QPushButton::clicked, this, &InvoicesScreen::askIssue);
    connect(m_void, &QPushButton::clicked, this, &InvoicesScreen::askVoid);
    connect(m_pay, &QPushButton::clicked, this, &InvoicesScreen::askPay);
    connect(m_credit, &QPushButton::clicked, this, &InvoicesScreen::askCredit);
    connect(m_delete, &QPushButton::clicked, this, &InvoicesScreen::askDelete);
    connect(m_export, &QPushButton::clicked, this, [this] { emit exportPdfRequested(selectedId()); });
    connect(m_print, &QPushButton::clicked, this, [this] { emit printRequested(selectedId()); });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateActions();
        showDetails();
    });
    // The list is read in the background and arrives as a reset: the invoice selected then
    // (after an action, or by a click while loading) stays selected when it is in the new list.
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, [this] { m_selectAfterLoad = selectedId(); });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        if (!m_selectAfterLoad.isEmpty())
            selectInvoice(std::exchange(m_selectAfterLoad, QString()));
        updateActions();
        showDetails();
    });
    connect(m_model, &InvoiceTableModel::loadingChanged, this, &InvoicesScreen::updateActions);
    connect(m_model, &InvoiceTableModel::loadFailed, m_count, &QLabel::setText);
    connect(m_undo, &QUndoStack::indexChanged, this, [this] {
        reload();
        emit invoicesChanged();
    });
    updateActions();
    showDetails();
}

void InvoicesScreen::applyFilter()
{
    InvoiceTableFilter f;
    const QVariant status = m_status->currentData();
    f.status = status.isValid() ? std::optional<InvoiceStatus>(InvoiceStatus(status.toInt())) : std::nullopt;
    f.customer = m_customer->text().trimmed();
    f.overdue = m_overdue->isChecked();
    f.today = m_clock.now().toTimeZone(QTimeZone(m_file.settings().timezone.toUtf8())).date();
    // The field's "to" is the last day shown (as a clerk reads it); the filter's bound is the
    // day after.
    f.from = m_from->value().value_or(QDate());
    f.to = m_to->value() ? m_to->value()->addDays(1) : QDate();
    if (f.from.isValid() && f.to.isValid() && f.to <= f.from) {
        m_count->setText(tr("The dates are the wrong way round: %1 is after %2.").arg(LocaleFormat::date(f.from), LocaleFormat::date(*m_to->value())));
        return;
    }
    try {
        m_model->setFilter(f);
    } catch (const ServiceError &e) {
        m_count->setText(e.message());
    }
}

void InvoicesScreen::reload()
{
    m_model->reload();
}

void InvoicesScreen::showCustomer(const QString &customerId)
{
    m_customer->setText(customerId);
    m_status->setCurrentIndex(0);
    const QSignalBlocker block(m_overdue);
    m_overdue->setChecked(false);
    applyFilter();
}

void InvoicesScreen::showOverdue()
{
    m_customer->clear();
    m_from->clearValue();
    m_to->clearValue();
    m_status->setCurrentIndex(0);
    const QSignalBlocker block(m_overdue);
    m_overdue->setChecked(true);
    applyFilter();
}

void InvoicesScreen::showStatus(InvoiceStatus status)
{
    m_customer->clear();
    m_from->clearValue();
    m_to->clearValue();
    const QSignalBlocker block(m_overdue);
    m_overdue->setChecked(false);
    m_status->setCurrentIndex(std::max(0, m_status->findData(int(status))));
    applyFilter();
}

QString InvoicesScreen::selectedId() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(InvoiceTableModel::IdRole).toString();
}

bool InvoicesScreen::selectInvoice(const QString &id)
{
    const int row = m_model->rowOf(id);
    if (row < 0)
        return false;
    m_table->selectRow(row);
    m_table->scrollTo(m_model->index(row, 0));
    return true;
}

std::optional<Invoice> InvoicesScreen::selectedInvoice() const
{
    const QString id = selectedId();
    if (id.isEmpty())
        return std::nullopt;
    return InvoiceRepository(m_file.db()).find(id);
}

void InvoicesScreen::updateActions()
{
    // No status: nothing selected, or a row whose stored status is unknown (no action fits it).
    const std::optional<InvoiceStatus> status = [this]() -> std::optional<InvoiceStatus> {
        const QModelIndexList rows = m_table->selectionModel()->selectedRows();
        const QVariant v = rows.isEmpty() ? QVariant() : rows.first().data(InvoiceTableModel::StatusRole);
        return v.isValid() ? std::optional<InvoiceStatus>(v.value<InvoiceStatus>()) : std::nullopt;
    }();
    const bool writable = !m_file.isReadOnly();
    m_issue->setEnabled(writable && status == InvoiceStatus::Draft);
    m_delete->setEnabled(writable && status == InvoiceStatus::Draft);
    m_void->setEnabled(writable && status == InvoiceStatus::Issued);
    m_pay->setEnabled(writable && status == InvoiceStatus::Issued);
    m_credit->setEnabled(writable && (status == InvoiceStatus::Issued || status == InvoiceStatus::Paid));
    m_export->setEnabled(status && isSignalConnected(QMetaMethod::fromSignal(&InvoicesScreen::exportPdfRequested)));
    m_print->setEnabled(status && isSignalConnected(QMetaMethod::fromSignal(&InvoicesScreen::printRequested)));
    if (m_model->isLoading())
        m_count->setText(tr("Loading…"));
    else if (m_model->lastError().isEmpty())
        m_count->setText(tr("%Ln invoice(s)", nullptr, m_model->rowCount()));
}

void InvoicesScreen::showDetails()
{
    try {
        // Inside the try: a row the file holds in a form Orb cannot read is named, not shown.
        const auto inv = selectedInvoice();
        if (!inv) {
            m_detail->showMessage(tr("Select an invoice to see its lines, taxes, payments and credit notes."));
            return;
        }
        InvoiceService service(m_file, m_clock);
        const QString name = CustomerRepository(m_file.db()).name(inv->customerId);
        m_detail->showInvoice(*inv, name, service.payments(inv->id), service.creditNotes(inv->id),
                              EmailOutbox(m_file).forDocument(QStringLiteral("invoice"), inv->id), StripeInvoiceState::of(m_file.db(), inv->id));
    } catch (const ServiceError &e) {
        m_detail->showMessage(tr("This invoice could not be read: %1").arg(e.message()));
    }
}

QString InvoicesScreen::afterAction(const QString &id)
{
    reload();
    if (!id.isEmpty())
        selectInvoice(id);
    updateActions(); // the row's status changed; its list is still being read
    showDetails();
    emit invoicesChanged();
    return {};
}

QString InvoicesScreen::issueSelected()
{
    const QString id = selectedId();
    if (id.isEmpty())
        return tr("Select an invoice first.");
    try {
        InvoiceService(m_file, m_clock).issue(id);
    } catch (const ServiceError &e) {
        return e.details();
    }
    return afterAction(id);
}

QString InvoicesScreen::voidSelected(const QString &reason)
{
    const QString id = selectedId();
    if (id.isEmpty())
        return tr("Select an invoice first.");
    try {
        InvoiceService(m_file, m_clock).voidInvoice(id, reason);
    } catch (const ServiceError &e) {
        return e.details();
    }
    return afterAction(id);
}

QString InvoicesScreen::paySelected(const Decimal &amount, QDate paidOn, const QString &method, const QString &reference, const QString &memo)
{
    const QString id = selectedId();
    if (id.isEmpty())
        return tr("Select an invoice first.");
    try {
        InvoiceService(m_file, m_clock).pay(id, amount, paidOn, method, reference, memo);
    } catch (const ServiceError &e) {
        return e.details();
    }
    return afterAction(id);
}

QString InvoicesScreen::creditSelected(const QList<CreditNoteRequestLine> &lines, const QString &reason, const QString &kind, const QString &memo)
{
    const QString id = selectedId();
    if (id.isEmpty())
        return tr("Select an invoice first.");
    try {
        InvoiceService(m_file, m_clock).createCreditNote(id, lines, reason, kind, memo);
    } catch (const ServiceError &e) {
        return e.details();
    }
    return afterAction(id);
}

QString InvoicesScreen::deleteSelectedDraft()
{
    const auto inv = selectedInvoice();
    if (!inv)
        return tr("Select an invoice first.");
    if (inv->status != InvoiceStatus::Draft)
        return tr("Only drafts can be deleted; this invoice's status is %1.").arg(invoiceStatusText(inv->status));
    auto command = std::make_unique<DeleteDraftCommand>(m_file, m_clock, *inv);
    const QString error = command->perform();
    if (!error.isEmpty())
        return error;
    m_undo->push(command.release());
    return afterAction({});
}

void InvoicesScreen::openInvoiceRun()
{
    InvoiceRunDialog dialog(m_file, m_clock, this);
    connect(&dialog, &InvoiceRunDialog::invoicesChanged, this, [this] {
        reload();
        emit invoicesChanged();
    });
    dialog.exec();
}

QString InvoicesScreen::issueConfirmationText() const
{
    const auto inv = selectedInvoice();
    if (!inv)
        return {};
    QString customer = inv->customerId;
    QString number;
    try {
        const QString name = CustomerRepository(m_file.db()).name(inv->customerId);
        if (!name.isEmpty())
            customer = name;
        number = InvoiceService(m_file, m_clock).nextInvoiceNumber();
    } catch (const ServiceError &) {
        // The names are for the reader; the issue itself checks everything again.
    }
    const QString amount = LocaleFormat::money(inv->total, inv->currency);
    const QString what = number.isEmpty() ? tr("Issue the invoice to %1 for %2?").arg(customer.toHtmlEscaped(), amount)
                                          : tr("Issue invoice %1 to %2 for %3?").arg(number, customer.toHtmlEscaped(), amount);
    return QStringLiteral("<p><b>%1</b></p><p>%2</p>")
        .arg(what, tr("Issuing numbers the invoice for good: it can no longer be edited or deleted, only paid, credited or voided. The "
                      "customer's balance and prepaid credits are applied to what is due."));
}

void InvoicesScreen::askIssue()
{
    if (selectedId().isEmpty())
        return;
    // Issuing cannot be taken back (the number is gone for good), so it is confirmed first and
    // the safe answer is the default.
    QMessageBox box(QMessageBox::Question, tr("Issue invoice"), issueConfirmationText(), QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("issueConfirmation"));
    box.setTextFormat(Qt::RichText);
    QPushButton *yes = box.addButton(tr("&Issue"), QMessageBox::AcceptRole);
    yes->setObjectName(QStringLiteral("confirmIssueButton"));
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() != yes)
        return;
    const QString error = issueSelected();
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("The invoice was not issued"), error);
}

void InvoicesScreen::askVoid()
{
    bool ok = false;
    const QString reason = QInputDialog::getText(this, tr("Void invoice"),
                                                 tr("Why is this invoice void? It keeps its number, and what it took from the balance and "
                                                    "credits is given back."),
                                                 QLineEdit::Normal, QString(), &ok);
    if (!ok)
        return;
    const QString error = voidSelected(reason);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("The invoice was not voided"), error);
}

void InvoicesScreen::askPay()
{
    const auto inv = selectedInvoice();
    if (!inv)
        return;
    const QString name = inv->invoiceNumber.isEmpty() ? inv->id : inv->invoiceNumber;
    const QDate today = m_clock.now().toTimeZone(QTimeZone(m_file.settings().timezone.toUtf8())).date();
    PaymentDialog dialog(name, inv->amountRemaining(), inv->currency, today, this);
    if (const QString stripeId = StripeInvoiceState::automaticChargeId(m_file.db(), inv->id); !stripeId.isEmpty())
        dialog.warnChargedAutomatically(stripeId);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString error = paySelected(dialog.amount(), dialog.paidOn(), dialog.method(), dialog.reference(), dialog.memo());
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("The payment was not recorded"), error);
}

void InvoicesScreen::askCredit()
{
    const auto inv = selectedInvoice();
    if (!inv)
        return;
    CreditNoteDialog dialog(*inv, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString error = creditSelected(dialog.lines(), dialog.reason(), dialog.kind(), dialog.memo());
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("The credit note was not created"), error);
}

void InvoicesScreen::askDelete()
{
    const QString error = deleteSelectedDraft();
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("The draft was not deleted"), error);
}

} // namespace orb
