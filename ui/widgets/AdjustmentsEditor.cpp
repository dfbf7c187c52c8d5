// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/AdjustmentsEditor.h"

#include "ui/LocaleFormat.h"

#include "ui/widgets/PriceConfigEditor.h"
#include "ui/widgets/PriceEditor.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace orb {

namespace {

enum Column { Type, Amount, AppliesTo, Reason };

/// The JSON key of an adjustment type's amount.
QString amountKey(const QString &type)
{
    if (type == QLatin1String("minimum") || type == QLatin1String("maximum"))
        return type + QStringLiteral("_amount");
    return type;
}

/// An external price id made from a price's name: "API calls" → "api-calls".
QString slug(const QString &name)
{
    QString s = name.toLower();
    s.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
    s.remove(QRegularExpression(QStringLiteral("^-+|-+$")));
    return s.isEmpty() ? QStringLiteral("price") : s;
}

} // namespace

AdjustmentsEditor::AdjustmentsEditor(std::function<QList<PriceEditor *>()> prices, QWidget *parent) : QWidget(parent), m_prices(std::move(prices))
{
    setObjectName(QStringLiteral("adjustmentsEditor"));
    m_table = new QTableWidget(0, 4, this);
    m_table->setObjectName(QStringLiteral("adjustmentTable"));
    m_table->setAccessibleName(tr("Adjustments of the plan"));
    m_table->setHorizontalHeaderLabels({tr("Adjustment"), tr("Amount"), tr("Applies to"), tr("Reason")});
    m_table->horizontalHeaderItem(Amount)->setToolTip(
        tr("A discount or limit in the plan's currency; a percentage discount as a fraction (%1 = %2); a usage discount in units")
            .arg(LocaleFormat::decimal(Decimal::parse("0.15")), LocaleFormat::percent(Decimal(15))));
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(Type, QHeaderView::Interactive);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 12);
    connect(m_table, &QTableWidget::itemChanged, this, &AdjustmentsEditor::changed);
    auto *add = new QPushButton(tr("Add adjustment"), this);
    add->setObjectName(QStringLiteral("addAdjustmentButton"));
    add->setAutoDefault(false);
    auto *remove = new QPushButton(tr("Remove adjustment"), this);
    remove->setObjectName(QStringLiteral("removeAdjustmentButton"));
    remove->setAutoDefault(false);
    connect(add, &QPushButton::clicked, this, [this] { addAdjustment(); });
    connect(remove, &QPushButton::clicked, this, &AdjustmentsEditor::removeAdjustment);
    m_errors = PriceConfigEditor::errorLabel(QStringLiteral("adjustmentErrors"), this);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_errors);
    layout->addLayout(buttons);
}

int AdjustmentsEditor::count() const
{
    return m_table->rowCount();
}

void AdjustmentsEditor::addAdjustment(const QString &type)
{
    const int row = m_table->rowCount();
    {
        const QSignalBlocker block(m_table);
        m_table->insertRow(row);
        auto *combo = new QComboBox(m_table);
        combo->setObjectName(QStringLiteral("adjustmentTypeCombo"));
        combo->addItem(tr("Percentage discount"), QStringLiteral("percentage_discount"));
        combo->addItem(tr("Amount discount"), QStringLiteral("amount_discount"));
        combo->addItem(tr("Usage discount (units)"), QStringLiteral("usage_discount"));
        combo->addItem(tr("Minimum"), QStringLiteral("minimum"));
        combo->addItem(tr("Maximum"), QStringLiteral("maximum"));
        combo->setCurrentIndex(qMax(0, combo->findData(type)));
        connect(combo, &QComboBox::currentIndexChanged, this, &AdjustmentsEditor::changed);
        m_table->setCellWidget(row, Type, combo);
        // Wide enough for the longest type: a cell widget does not size its column.
        m_table->setColumnWidth(Type, qMax(m_table->columnWidth(Type), combo->sizeHint().width()));
        auto *amount = new QTableWidgetItem;
        amount->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(row, Amount, amount);
        m_table->setItem(row, Reason, new QTableWidgetItem);
        auto *applies = new QToolButton(m_table);
        applies->setObjectName(QStringLiteral("appliesToButton"));
        applies->setPopupMode(QToolButton::InstantPopup);
        applies->setToolButtonStyle(Qt::ToolButtonTextOnly);
        auto *menu = new QMenu(applies);
        // The plan's prices as they are when the menu opens: prices may be added or renamed.
        connect(menu, &QMenu::aboutToShow, this, [this, menu, applies] {
            menu->clear();
            const int r = m_table->indexAt(applies->pos()).row();
            if (r < 0 || r >= m_appliesTo.size())
                return;
            for (PriceEditor *editor : m_prices()) {
                QAction *action = menu->addAction(editor->name().isEmpty() ? tr("(unnamed price)") : editor->name());
                action->setCheckable(true);
                action->setChecked(m_appliesTo.at(r).contains(editor));
                connect(action, &QAction::toggled, this, [this, applies, editor](bool on) {
                    const int at = m_table->indexAt(applies->pos()).row();
                    if (at < 0 || at >= m_appliesTo.size())
                        return;
                    m_appliesTo[at].removeAll(editor);
                    if (on)
                        m_appliesTo[at].append(editor);
                    updateAppliesText(at);
                    emit changed();
                });
            }
        });
        applies->setMenu(menu);
        m_table->setCellWidget(row, AppliesTo, applies);
        m_kept.append(QJsonObject());
        m_appliesTo.append(QList<QPointer<PriceEditor>>());
        updateAppliesText(row);
        m_table->setCurrentCell(row, Amount);
    }
    emit changed();
}

void AdjustmentsEditor::removeAdjustment()
{
    const int row = m_table->currentRow() >= 0 ? m_table->currentRow() : m_table->rowCount() - 1;
    if (row < 0)
        return;
    m_table->removeRow(row);
    m_kept.removeAt(row);
    m_appliesTo.removeAt(row);
    emit changed();
}

void AdjustmentsEditor::setAppliesTo(int row, const QList<PriceEditor *> &prices)
{
    if (row < 0 || row >= m_appliesTo.size())
        return;
    m_appliesTo[row].clear();
    for (PriceEditor *p : prices)
        m_appliesTo[row].append(p);
    updateAppliesText(row);
    emit changed();
}

void AdjustmentsEditor::updateAppliesText(int row)
{
    auto *button = static_cast<QToolButton *>(m_table->cellWidget(row, AppliesTo));
    QStringList names;
    for (const QPointer<PriceEditor> &p : m_appliesTo.at(row))
        if (p)
            names << (p->name().isEmpty() ? tr("(unnamed price)") : p->name());
    button->setText(names.isEmpty() ? tr("All prices") : names.join(QStringLiteral(", ")));
}

void AdjustmentsEditor::setAdjustments(const QJsonArray &adjustments)
{
    while (m_table->rowCount() > 0) {
        m_table->removeRow(0);
        m_kept.removeAt(0);
        m_appliesTo.removeAt(0);
    }
    const QList<PriceEditor *> prices = m_prices();
    for (const QJsonValue &v : adjustments) {
        const QJsonObject a = v.toObject();
        const QString type = a.value(QStringLiteral("adjustment_type")).toString();
        addAdjustment(type);
        const int row = m_table->rowCount() - 1;
        const QSignalBlocker block(m_table);
        m_table->item(row, Amount)->setText(PriceConfigEditor::editText(a.value(amountKey(type))));
        m_table->item(row, Reason)->setText(a.value(QStringLiteral("reason")).toString());
        QJsonObject kept = a;
        for (const char *key : {"adjustment_type", "applies_to_price_ids", "reason"})
            kept.remove(QLatin1String(key));
        kept.remove(amountKey(type));
        m_kept[row] = kept;
        for (const QJsonValue &id : a.value(QStringLiteral("applies_to_price_ids")).toArray())
            for (PriceEditor *p : prices)
                if (p->externalId() == id.toString())
                    m_appliesTo[row].append(p);
        updateAppliesText(row);
    }
}

QJsonArray AdjustmentsEditor::adjustments() const
{
    QJsonArray out;
    QStringList taken;
    for (PriceEditor *p : m_prices())
        if (!p->externalId().isEmpty())
            taken << p->externalId();
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString type = static_cast<QComboBox *>(m_table->cellWidget(row, Type))->currentData().toString();
        QJsonObject a = m_kept.at(row);
        // Only a minimum names an item: a row whose type changed drops it.
        if (type != QLatin1String("minimum"))
            for (const char *key : {"item_id", "item_name", "item"})
                a.remove(QLatin1String(key));
        a.insert(QStringLiteral("adjustment_type"), type);
        if (const QString amount = PriceConfigEditor::typedDecimal(m_table->item(row, Amount)->text()); !amount.isEmpty())
            a.insert(amountKey(type), amount);
        if (const QString reason = m_table->item(row, Reason)->text().trimmed(); !reason.isEmpty())
            a.insert(QStringLiteral("reason"), reason);
        QJsonArray ids;
        for (const QPointer<PriceEditor> &p : m_appliesTo.at(row)) {
            if (!p)
                continue;
            if (p->externalId().isEmpty()) {
                QString id = slug(p->name());
                for (int n = 2; taken.contains(id); ++n)
                    id = slug(p->name()) + QLatin1Char('-') + QString::number(n);
                p->setExternalId(id);
                taken << id;
            }
            ids.append(p->externalId());
        }
        if (!ids.isEmpty())
            a.insert(QStringLiteral("applies_to_price_ids"), ids);
        out.append(a);
    }
    return out;
}

void AdjustmentsEditor::showErrors(const FieldErrors &errors)
{
    static const QRegularExpression row(QStringLiteral("adjustments\\[(\\d+)\\](?:\\.([a-z_]+))?"));
    QStringList lines;
    const QSignalBlocker block(m_table);
    for (int r = 0; r < m_table->rowCount(); ++r)
        for (int c : {Amount, Reason})
            if (QTableWidgetItem *item = m_table->item(r, c)) {
                item->setData(Qt::BackgroundRole, QVariant());
                item->setToolTip(QString());
            }
    for (const FieldError &e : errors) {
        const QString message = PriceConfigEditor::plainMessage(e.message);
        const QRegularExpressionMatch m = row.match(e.path);
        if (!m.hasMatch()) {
            lines << message;
            continue;
        }
        const int r = m.captured(1).toInt();
        const QString field = m.captured(2);
        QString what;
        if (field == QLatin1String("applies_to_price_ids"))
            what = tr("applies to");
        else if (field == QLatin1String("reason"))
            what = tr("reason");
        else if (!field.isEmpty() && field != QLatin1String("adjustment_type"))
            what = tr("amount");
        lines << (what.isEmpty() ? tr("Adjustment %1: %2").arg(r + 1).arg(message) : tr("Adjustment %1, %2: %3").arg(r + 1).arg(what, message));
        if (what == tr("amount") && r < m_table->rowCount()) {
            m_table->item(r, Amount)->setBackground(QColor(0xf9, 0xde, 0xdc));
            m_table->item(r, Amount)->setToolTip(message);
        }
    }
    m_errors->setText(lines.join(QLatin1Char('\n')));
    m_errors->setVisible(!lines.isEmpty());
}

} // namespace orb
