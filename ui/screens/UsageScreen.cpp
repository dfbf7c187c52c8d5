// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/screens/UsageScreen.h"

#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/EventTableModel.h"
#include "models/StorageError.h"
#include "models/usage/UsageEventService.h"
#include "ui/dialogs/ImportWizard.h"
#include "ui/LocaleFormat.h"
#include "ui/widgets/OptionalDateEdit.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QTimeZone>
#include <QVBoxLayout>

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

} // namespace

UsageScreen::UsageScreen(CompanyFile &file, const Clock &clock, QWidget *parent) : QWidget(parent), m_file(file), m_clock(clock)
{
    setObjectName(QStringLiteral("usageScreen"));
    m_model = new EventTableModel(file.db(), this);
    m_customer = filterEdit(this, QStringLiteral("customerFilter"), tr("Customer (id or external id)"));
    m_eventName = filterEdit(this, QStringLiteral("eventNameFilter"), tr("Event name"));
    const QDate today = m_clock.now().toTimeZone(QTimeZone(m_file.settings().timezone.toUtf8())).date();
    m_from = new OptionalDateEdit(tr("From: any day"), today, this);
    m_from->setObjectName(QStringLiteral("fromFilter"));
    m_to = new OptionalDateEdit(tr("To: any day"), today, this);
    m_to->setObjectName(QStringLiteral("toFilter"));
    auto *apply = new QPushButton(tr("&Filter"), this);
    apply->setObjectName(QStringLiteral("applyFilterButton"));
    apply->setDefault(true);
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("eventCount"));
    m_amend = new QPushButton(tr("&Amend…"), this);
    m_amend->setObjectName(QStringLiteral("amendButton"));
    m_deprecate = new QPushButton(tr("&Deprecate…"), this);
    m_deprecate->setObjectName(QStringLiteral("deprecateButton"));
    auto *import = new QPushButton(tr("&Import…"), this);
    import->setObjectName(QStringLiteral("importButton"));
    import->setToolTip(tr("Import usage events from a JSON Lines or CSV file (or drop the file on the window)"));

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("eventTable"));
    m_table->setAccessibleName(tr("Usage events"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(EventTableModel::Properties, QHeaderView::Stretch);
    const int ch = m_table->fontMetrics().averageCharWidth();
    m_table->setColumnWidth(EventTableModel::Time, m_table->fontMetrics().horizontalAdvance(QStringLiteral("2026-12-31 23:59:59")) + 3 * ch);
    m_table->setColumnWidth(EventTableModel::EventName, 13 * ch);
    m_table->setColumnWidth(EventTableModel::Customer, 13 * ch);
    m_table->setColumnWidth(EventTableModel::Key, 18 * ch);
    m_table->setColumnWidth(EventTableModel::Status, 12 * ch);

    auto *filters = new QHBoxLayout;
    for (QWidget *e : std::initializer_list<QWidget *>{m_customer, m_eventName, m_from, m_to})
        filters->addWidget(e);
    filters->addWidget(apply);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_count, 1);
    actions->addWidget(m_amend);
    actions->addWidget(m_deprecate);
    actions->addWidget(import);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addLayout(actions);
    layout->addWidget(m_table, 1);

    connect(apply, &QPushButton::clicked, this, &UsageScreen::applyFilter);
    for (QLineEdit *e : {m_customer, m_eventName})
        connect(e, &QLineEdit::returnPressed, this, &UsageScreen::applyFilter);
    for (OptionalDateEdit *e : {m_from, m_to})
        connect(e, &QDateEdit::editingFinished, this, &UsageScreen::applyFilter);
    connect(m_amend, &QPushButton::clicked, this, &UsageScreen::askAmend);
    connect(m_deprecate, &QPushButton::clicked, this, &UsageScreen::askDeprecate);
    connect(import, &QPushButton::clicked, this, [this] { openImportWizard(); });
    auto update = [this] {
        const bool can = !m_file.isReadOnly() && !selectedKey().isEmpty();
        m_amend->setEnabled(can);
        m_deprecate->setEnabled(can);
        if (m_model->isLoading())
            m_count->setText(tr("Loading…"));
        else if (m_model->lastError().isEmpty())
            m_count->setText(tr("%Ln event(s)", nullptr, m_model->rowCount()));
    };
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, update);
    connect(m_model, &QAbstractItemModel::modelReset, this, update);
    connect(m_model, &EventTableModel::loadingChanged, this, update);
    connect(m_model, &EventTableModel::loadFailed, m_count, &QLabel::setText);
    update();
}

void UsageScreen::applyFilter()
{
    EventFilter f;
    f.customer = m_customer->text().trimmed();
    f.eventName = m_eventName->text().trimmed();
    const QTimeZone zone(m_file.settings().timezone.toUtf8());
    // Days are the company's: from its local midnight, to the end of the last day shown.
    if (const auto from = m_from->value())
        f.from = from->startOfDay(zone).toUTC();
    if (const auto to = m_to->value())
        f.to = to->addDays(1).startOfDay(zone).toUTC();
    if (f.from.isValid() && f.to.isValid() && f.to <= f.from) {
        m_count->setText(
            tr("The dates are the wrong way round: %1 is after %2.").arg(LocaleFormat::date(*m_from->value()), LocaleFormat::date(*m_to->value())));
        return;
    }
    m_model->setFilter(f);
}

ImportWizard *UsageScreen::openImportWizard(const QString &path)
{
    if (auto *open = findChild<ImportWizard *>(); open && open->isVisible()) {
        open->raise();
        open->activateWindow();
        return open;
    }
    auto *wizard = new ImportWizard(m_file, m_clock, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    if (!path.isEmpty())
        wizard->setFilePath(path);
    connect(wizard, &ImportWizard::eventsImported, m_model, &EventTableModel::reload);
    wizard->open();
    return wizard;
}

QString UsageScreen::selectedKey() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : m_model->index(rows.first().row(), 0).data(EventTableModel::KeyRole).toString();
}

QString UsageScreen::deprecateSelected()
{
    const QString key = selectedKey();
    if (key.isEmpty())
        return tr("Select an event first.");
    try {
        UsageEventService(m_file, m_clock).deprecate(key);
    } catch (const ServiceError &e) {
        return e.details();
    }
    m_model->reload();
    return {};
}

QString UsageScreen::amendSelected(const QString &propertiesJson)
{
    const QString key = selectedKey();
    if (key.isEmpty())
        return tr("Select an event first.");
    try {
        UsageEventService(m_file, m_clock).amend(key, propertiesJson.toUtf8());
    } catch (const ServiceError &e) {
        return e.details();
    }
    m_model->reload();
    return {};
}

void UsageScreen::askDeprecate()
{
    const QString key = selectedKey();
    if (key.isEmpty())
        return;
    if (QMessageBox::question(this, tr("Deprecate event"),
                              tr("Event %1 will stop counting towards usage. It is kept, and the change is recorded. Go on?").arg(key))
        != QMessageBox::Yes)
        return;
    const QString error = deprecateSelected();
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("The event was not deprecated"), error);
}

void UsageScreen::askAmend()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    bool ok = false;
    const QString current = m_model->index(rows.first().row(), EventTableModel::Properties).data().toString();
    const QString json =
        QInputDialog::getMultiLineText(this, tr("Amend event"), tr("New properties (a flat JSON object). The original is kept as superseded."), current, &ok);
    if (!ok)
        return;
    const QString error = amendSelected(json);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("The event was not amended"), error);
}

} // namespace orb
