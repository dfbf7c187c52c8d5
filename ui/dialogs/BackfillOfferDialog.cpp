// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/BackfillOfferDialog.h"

#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/CustomerRepository.h"
#include "models/StorageError.h"
#include "models/Timestamps.h"
#include "models/usage/BackfillService.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace orb {

namespace {

QDateTimeEdit *instantEdit(QWidget *parent, const QString &name, const QString &accessible, const QDateTime &value)
{
    auto *e = new QDateTimeEdit(parent);
    e->setObjectName(name);
    e->setAccessibleName(accessible);
    e->setTimeSpec(Qt::UTC); // a backfill's timeframe is stored and shown in UTC, as the events' timestamps
    e->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
    e->setCalendarPopup(true);
    e->setDateTime(value);
    return e;
}

} // namespace

BackfillOfferDialog::BackfillOfferDialog(CompanyFile &file, const Clock &clock, const PastGraceEvents &older, QWidget *parent)
    : QDialog(parent), m_file(file), m_clock(clock)
{
    setObjectName(QStringLiteral("backfillOfferDialog"));
    setWindowTitle(tr("Create a backfill"));
    const QLocale locale;
    const QDateTime now = clock.now().toUTC();
    // From the start of the oldest event's day; to the newest event just after it, or to now when
    // the file also holds recent events, so that the whole file fits the backfill's timeframe
    // (events outside it would be refused).
    const QDateTime from(older.first.date(), QTime(0, 0), Qt::UTC);
    QDateTime to = older.newer > 0 ? now : older.last.addSecs(1);
    to = QDateTime::fromSecsSinceEpoch(to.toSecsSinceEpoch(), Qt::UTC);
    if (to > now)
        to = QDateTime::fromSecsSinceEpoch(now.toSecsSinceEpoch(), Qt::UTC);
    auto *intro = new QLabel(this);
    intro->setObjectName(QStringLiteral("backfillOfferText"));
    intro->setWordWrap(true);
    QString text = tr("Events in the file older than the grace period: %1, the oldest at %2, the newest at %3. A live import refuses them; "
                      "a backfill takes them.")
                       .arg(locale.toString(older.count), toApiTimestamp(older.first), toApiTimestamp(older.last));
    if (older.newer > 0)
        text += QLatin1Char(' ')
                + tr("Recent events in the file: %1. They go into the backfill too, so its timeframe runs to now.").arg(locale.toString(older.newer));
    text += QStringLiteral("\n\n") + tr("The backfill's events count once it is closed: at the end of the import, or later with orbctl backfills close.");
    intro->setText(text);

    m_from = instantEdit(this, QStringLiteral("backfillFrom"), tr("Timeframe start"), from);
    m_to = instantEdit(this, QStringLiteral("backfillTo"), tr("Timeframe end (exclusive)"), to);
    m_customer = new QComboBox(this);
    m_customer->setObjectName(QStringLiteral("backfillCustomer"));
    m_customer->setAccessibleName(tr("Customer of the backfill"));
    m_customer->addItem(tr("Every customer"), QString());
    const QSet<QString> named = older.customerIds + older.externalCustomerIds;
    if (named.size() == 1) {
        const QString reference = *named.constBegin();
        const auto customer = CustomerRepository(file.db()).resolve(reference);
        if (customer) {
            m_customer->addItem(tr("Only %1").arg(customer->name), customer->id);
            m_customer->setCurrentIndex(1); // the file is about this customer alone
        }
    }
    m_replace = new QCheckBox(tr("&Replace the events already stored in this timeframe when the backfill closes"), this);
    m_replace->setObjectName(QStringLiteral("backfillReplace"));
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("backfillError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout;
    form->addRow(tr("&From:"), m_from);
    form->addRow(tr("&To (exclusive):"), m_to);
    form->addRow(tr("&Customer:"), m_customer);
    form->addRow(QString(), m_replace);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *create = buttons->addButton(tr("&Create backfill"), QDialogButtonBox::AcceptRole);
    create->setObjectName(QStringLiteral("createBackfill"));
    create->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &BackfillOfferDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &BackfillOfferDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
}

void BackfillOfferDialog::accept()
{
    try {
        const Backfill b =
            BackfillService(m_file, m_clock).create(m_from->dateTime(), m_to->dateTime(), m_customer->currentData().toString(), m_replace->isChecked());
        m_backfillId = b.id;
    } catch (const ServiceError &e) {
        m_error->setText(tr("The backfill was not created: %1").arg(e.details()));
        return;
    }
    QDialog::accept();
}

} // namespace orb
