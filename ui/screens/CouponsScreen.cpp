// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/screens/CouponsScreen.h"

#include "ui/LocaleFormat.h"

#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/StorageError.h"
#include "ui/widgets/RefusalLabels.h"
#include "models/billing/BillingSetupService.h"
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
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QUndoStack>
#include <QVBoxLayout>

namespace orb {

namespace {

enum Column { Code, Discount, Duration, Limit, Redeemed, Status, ColumnCount };

/// A percentage coupon holds a fraction (0.15); people read and type 15% ("15 %" in German).
QString valueText(const CouponRecord &c)
{
    if (c.discountType == QLatin1String("percentage"))
        return LocaleFormat::percent((c.value * Decimal(100)).normalized());
    // An amount coupon has no currency of its own: it takes off in the invoice's currency.
    return LocaleFormat::decimal(c.value.rounded(std::max(2, int(c.value.scale()))));
}

/// What the form's field shows for editing, in the locale's decimal mark.
QString editText(const CouponRecord &c)
{
    if (c.discountType == QLatin1String("percentage"))
        return LocaleFormat::editDecimal((c.value * Decimal(100)).normalized()) + QLatin1Char('%');
    return LocaleFormat::editDecimal(c.value);
}

} // namespace

CouponsScreen::CouponsScreen(CompanyFile &file, const Clock &clock, QUndoStack *undo, QWidget *parent)
    : QWidget(parent), m_file(file), m_clock(clock), m_undo(undo)
{
    setObjectName(QStringLiteral("couponsScreen"));
    m_model = new QStandardItemModel(0, ColumnCount, this);
    m_model->setHorizontalHeaderLabels({tr("Code"), tr("Discount"), tr("Duration"), tr("Redemptions allowed"), tr("Redeemed"), tr("Status")});
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("couponsTable"));
    m_table->setAccessibleName(tr("Coupons"));
    m_table->setModel(m_model);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_showArchived = new QCheckBox(tr("Show archi&ved coupons"), this);
    m_showArchived->setObjectName(QStringLiteral("showArchivedCoupons"));

    auto *form = new QGroupBox(this);
    m_formTitle = new QLabel(form);
    m_formTitle->setObjectName(QStringLiteral("couponFormTitle"));
    m_formTitle->setWordWrap(true); // "Coupon X, redeemed 3 times: only …" is cut off otherwise
    m_code = new QLineEdit(form);
    m_code->setObjectName(QStringLiteral("couponCode"));
    m_code->setAccessibleName(tr("Redemption code"));
    m_code->setMaxLength(64);
    m_type = new QComboBox(form);
    m_type->setObjectName(QStringLiteral("couponType"));
    m_type->setAccessibleName(tr("Discount type"));
    m_type->addItem(tr("Percentage off"), QStringLiteral("percentage"));
    m_type->addItem(tr("Amount off"), QStringLiteral("amount"));
    m_value = new QLineEdit(form);
    m_value->setObjectName(QStringLiteral("couponValue"));
    m_value->setAccessibleName(tr("Discount"));
    m_duration = new QSpinBox(form);
    m_duration->setObjectName(QStringLiteral("couponDuration"));
    m_duration->setAccessibleName(tr("Duration in months"));
    m_duration->setRange(0, 120);
    m_duration->setSpecialValueText(tr("Forever"));
    m_duration->setSuffix(tr(" months"));
    m_maxRedemptions = new QSpinBox(form);
    m_maxRedemptions->setObjectName(QStringLiteral("couponMaxRedemptions"));
    m_maxRedemptions->setAccessibleName(tr("Maximum redemptions"));
    m_maxRedemptions->setRange(0, 1000000);
    m_maxRedemptions->setSpecialValueText(tr("No limit"));
    // Refusals under the field they concern, gone as soon as the field is changed.
    m_refusals = new RefusalLabels(QStringLiteral("couponError"), form);
    m_error = m_refusals->general();
    m_refusals->setFieldOfMessage([](const QString &message) { return message.contains(QLatin1String("with the code")) ? QStringLiteral("code") : QString(); });
    m_new = new QPushButton(tr("&New coupon"), form);
    m_new->setObjectName(QStringLiteral("newCouponButton"));
    m_save = new QPushButton(form);
    m_save->setObjectName(QStringLiteral("saveCouponButton"));
    m_save->setDefault(true);
    m_archive = new QPushButton(form);
    m_archive->setObjectName(QStringLiteral("archiveCouponButton"));

    auto *fields = new QFormLayout;
    fields->addRow(tr("&Code:"), m_code);
    fields->addRow(QString(), m_refusals->addField(QStringLiteral("code"), m_code));
    fields->addRow(tr("&Type:"), m_type);
    fields->addRow(QString(), m_refusals->addField(QStringLiteral("type"), m_type));
    fields->addRow(tr("&Discount:"), m_value);
    fields->addRow(QString(), m_refusals->addField(QStringLiteral("value"), m_value));
    fields->addRow(tr("D&uration:"), m_duration);
    fields->addRow(QString(), m_refusals->addField(QStringLiteral("duration_months"), m_duration));
    fields->addRow(tr("&Redemptions allowed:"), m_maxRedemptions);
    fields->addRow(QString(), m_refusals->addField(QStringLiteral("max_redemptions"), m_maxRedemptions));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_new);
    buttons->addStretch();
    buttons->addWidget(m_archive);
    buttons->addWidget(m_save);
    auto *formLayout = new QVBoxLayout(form);
    formLayout->addWidget(m_formTitle);
    formLayout->addLayout(fields);
    formLayout->addWidget(m_error);
    formLayout->addStretch();
    formLayout->addLayout(buttons);

    auto *listSide = new QWidget(this);
    auto *listLayout = new QVBoxLayout(listSide);
    listLayout->setContentsMargins(0, 0, 0, 0);
    auto *title = new QLabel(tr("<b>Coupons</b>: discounts a subscription takes by its redemption code."), listSide);
    listLayout->addWidget(title);
    listLayout->addWidget(m_table, 1);
    listLayout->addWidget(m_showArchived);
    auto *split = new QSplitter(this);
    split->addWidget(listSide);
    split->addWidget(form);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);
    setTabOrder(m_table, m_code);
    setTabOrder(m_code, m_type);
    setTabOrder(m_type, m_value);
    setTabOrder(m_value, m_duration);
    setTabOrder(m_duration, m_maxRedemptions);
    setTabOrder(m_maxRedemptions, m_save);

    connect(m_showArchived, &QCheckBox::toggled, this, &CouponsScreen::reload);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &CouponsScreen::showSelected);
    connect(m_new, &QPushButton::clicked, this, &CouponsScreen::newCoupon);
    connect(m_save, &QPushButton::clicked, this, [this] { saveForm(); });
    connect(m_value, &QLineEdit::returnPressed, this, [this] { saveForm(); });
    connect(m_code, &QLineEdit::returnPressed, this, [this] { saveForm(); });
    connect(m_archive, &QPushButton::clicked, this, [this] { toggleArchive(); });
    reload();
    newCoupon();
}

QString CouponsScreen::selectedId() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : m_model->item(rows.first().row(), Code)->data(Qt::UserRole).toString();
}

std::optional<CouponRecord> CouponsScreen::selectedCoupon() const
{
    const QString id = selectedId();
    for (const CouponRecord &c : m_coupons)
        if (c.id == id)
            return c;
    return std::nullopt;
}

void CouponsScreen::reload()
{
    const QString keep = selectedId();
    m_model->removeRows(0, m_model->rowCount());
    try {
        m_coupons = BillingSetupService::loadCoupons(m_file.db());
    } catch (const ServiceError &e) {
        m_coupons.clear();
        m_refusals->showGeneral(tr("The coupons could not be read: %1").arg(e.message()));
    }
    const QLocale locale;
    for (const CouponRecord &c : std::as_const(m_coupons)) {
        if (c.archivedAt.isValid() && !m_showArchived->isChecked())
            continue;
        auto *code = new QStandardItem(c.code);
        code->setData(c.id, Qt::UserRole);
        code->setToolTip(tr("Id: %1").arg(c.id));
        const QString discount =
            c.discountType == QLatin1String("percentage") ? tr("%1 off").arg(valueText(c)) : tr("%1 off (amount, in the invoice's currency)").arg(valueText(c));
        auto *redeemed = new QStandardItem(locale.toString(c.redemptions));
        redeemed->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_model->appendRow({code, new QStandardItem(discount),
                            new QStandardItem(c.durationMonths ? tr("%Ln month(s)", nullptr, *c.durationMonths) : tr("Forever")),
                            new QStandardItem(c.maxRedemptions ? locale.toString(*c.maxRedemptions) : tr("No limit")), redeemed,
                            new QStandardItem(c.archivedAt.isValid() ? tr("Archived") : tr("Active"))});
    }
    m_table->resizeColumnsToContents(); // headers and values whole, in every language
    if (!keep.isEmpty())
        selectCoupon(keep);
    updateActions();
}

bool CouponsScreen::selectCoupon(const QString &id)
{
    for (const CouponRecord &c : std::as_const(m_coupons))
        if (c.id == id && c.archivedAt.isValid() && !m_showArchived->isChecked())
            m_showArchived->setChecked(true); // reloads
    for (int r = 0; r < m_model->rowCount(); ++r) {
        if (m_model->item(r, Code)->data(Qt::UserRole).toString() == id) {
            m_table->selectRow(r);
            return true;
        }
    }
    return false;
}

void CouponsScreen::newCoupon()
{
    m_table->clearSelection();
    showSelected();
    m_code->setFocus();
}

void CouponsScreen::showSelected()
{
    m_refusals->clear(); // another coupon's form: the refusals were about the one before
    const auto c = selectedCoupon();
    if (!c) {
        m_formTitle->setText(tr("<b>New coupon</b>"));
        m_code->clear();
        m_type->setCurrentIndex(0);
        m_value->clear();
        m_value->setPlaceholderText(tr("%1 or %2").arg(LocaleFormat::percent(Decimal(15)), LocaleFormat::decimal(Decimal::parse("10.00"))));
        m_duration->setValue(0);
        m_maxRedemptions->setValue(0);
    } else {
        m_formTitle->setText(
            c->redemptions > 0
                ? tr("<b>Coupon %1</b>, redeemed %Ln time(s): only the redemptions allowed can change.", nullptr, c->redemptions).arg(c->code.toHtmlEscaped())
                : tr("<b>Coupon %1</b>").arg(c->code.toHtmlEscaped()));
        m_code->setText(c->code);
        m_type->setCurrentIndex(std::max(0, m_type->findData(c->discountType)));
        m_value->setText(editText(*c));
        m_duration->setValue(c->durationMonths.value_or(0));
        m_maxRedemptions->setValue(c->maxRedemptions.value_or(0));
    }
    updateActions();
}

void CouponsScreen::updateActions()
{
    const bool writable = !m_file.isReadOnly();
    const auto c = selectedCoupon();
    const bool terms = writable && (!c || c->redemptions == 0);
    for (QWidget *w : {static_cast<QWidget *>(m_code), static_cast<QWidget *>(m_type), static_cast<QWidget *>(m_value), static_cast<QWidget *>(m_duration)})
        w->setEnabled(terms);
    m_maxRedemptions->setEnabled(writable);
    m_save->setText(c ? tr("&Save changes") : tr("Create c&oupon"));
    m_save->setEnabled(writable);
    m_archive->setText(c && c->archivedAt.isValid() ? tr("Un&archive") : tr("&Archive"));
    m_archive->setEnabled(writable && c.has_value());
    m_archive->setToolTip(tr("An archived coupon cannot be redeemed anew; subscriptions that took it keep it."));
}

void CouponsScreen::changed(const QString &selectId, const QString &error)
{
    reload();
    if (!selectId.isEmpty() && !selectCoupon(selectId))
        newCoupon();
    if (!error.isEmpty())
        m_refusals->showGeneral(error);
    emit couponsChanged();
}

QString CouponsScreen::saveForm()
{
    m_refusals->clear();
    const QString type = m_type->currentData().toString();
    QString value = m_value->text().trimmed();
    // The form reads a percentage as people write it: "15" is 15%; the number in the locale's
    // form ("12,5" in German), handed to the service in its canonical one.
    const bool percent = value.endsWith(QLatin1Char('%'));
    if (percent)
        value.chop(1);
    value = LocaleFormat::canonicalDecimal(value);
    if (type == QLatin1String("percentage") && !value.isEmpty())
        value += QLatin1Char('%');
    else if (percent)
        value += QLatin1Char('%'); // the service says why a percent sign does not fit
    const std::optional<int> duration = m_duration->value() > 0 ? std::optional<int>(m_duration->value()) : std::nullopt;
    const std::optional<int> limit = m_maxRedemptions->value() > 0 ? std::optional<int>(m_maxRedemptions->value()) : std::nullopt;
    const auto current = selectedCoupon();
    QString error;
    try {
        BillingSetupService service(m_file, m_clock);
        if (!current) {
            const CouponRecord created = service.createCoupon(m_code->text(), type, value, duration, limit);
            changed(created.id, {});
            if (m_undo) {
                auto done = [this, id = created.id](const QString &e) { changed(id, e); };
                m_undo->push(new ServiceCommand(
                    tr("Create coupon %1").arg(created.code), [this, created] { BillingSetupService(m_file, m_clock).restoreCoupon(created); },
                    [this, id = created.id] { BillingSetupService(m_file, m_clock).deleteCoupon(id); }, done));
            }
        } else {
            const CouponRecord after = service.editCoupon(current->id, m_code->text(), type, value, duration, limit);
            changed(after.id, {});
            if (m_undo) {
                auto write = [this](const CouponRecord &c) {
                    BillingSetupService(m_file, m_clock)
                        .editCoupon(c.id, c.code, c.discountType, c.value.toCanonicalString(), c.durationMonths, c.maxRedemptions);
                };
                auto done = [this, id = after.id](const QString &e) { changed(id, e); };
                const CouponRecord before = *current;
                m_undo->push(new ServiceCommand(
                    tr("Edit coupon %1").arg(after.code), [write, after] { write(after); }, [write, before] { write(before); }, done));
            }
        }
    } catch (const ServiceError &e) {
        m_refusals->show(e);
        error = m_refusals->text();
    }
    return error;
}

QString CouponsScreen::toggleArchive()
{
    m_refusals->clear();
    const auto c = selectedCoupon();
    if (!c)
        return tr("Select a coupon first.");
    const bool archiving = !c->archivedAt.isValid();
    try {
        BillingSetupService service(m_file, m_clock);
        if (archiving)
            service.archiveCoupon(c->id);
        else
            service.unarchiveCoupon(c->id);
    } catch (const ServiceError &e) {
        m_refusals->show(e);
        return m_refusals->text();
    }
    if (archiving)
        m_showArchived->setChecked(true); // the coupon stays in sight, marked archived
    changed(c->id, {});
    if (m_undo) {
        auto archive = [this, id = c->id] { BillingSetupService(m_file, m_clock).archiveCoupon(id); };
        auto unarchive = [this, id = c->id] { BillingSetupService(m_file, m_clock).unarchiveCoupon(id); };
        auto done = [this, id = c->id](const QString &e) { changed(id, e); };
        m_undo->push(new ServiceCommand(archiving ? tr("Archive coupon %1").arg(c->code) : tr("Unarchive coupon %1").arg(c->code),
                                        archiving ? std::function<void()>(archive) : unarchive, archiving ? std::function<void()>(unarchive) : archive, done));
    }
    return {};
}

} // namespace orb
