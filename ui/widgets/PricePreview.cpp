// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/PricePreview.h"

#include "ui/widgets/PriceConfigEditor.h"

#include "engine/Money.h"
#include "engine/pricing/Price.h"

#include <QFontDatabase>
#include <QFormLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace orb {

PricePreview::PricePreview(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("pricePreview"));
    m_json = new QPlainTextEdit(this);
    m_json->setObjectName(QStringLiteral("priceJsonEdit"));
    m_json->setAccessibleName(tr("Price definition (JSON)"));
    m_json->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_json->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_json->setPlaceholderText(tr("{\"model_type\": \"unit\", \"unit_config\": {\"unit_amount\": \"0.50\"}, \"currency\": \"USD\"}"));

    m_quantity = new QLineEdit(QStringLiteral("1000"), this);
    m_quantity->setObjectName(QStringLiteral("quantityEdit"));
    m_quantity->setAccessibleName(tr("Quantity"));
    m_groupsLabel = new QLabel(this);
    m_groupsLabel->setWordWrap(true);
    m_groups = new QPlainTextEdit(this);
    m_groups->setObjectName(QStringLiteral("groupsEdit"));
    m_groups->setAccessibleName(tr("Usage per group"));
    m_groups->setMaximumHeight(90);
    m_eventsLabel = new QLabel(tr("Each event's value, one a line:"), this);
    m_events = new QPlainTextEdit(this);
    m_events->setObjectName(QStringLiteral("eventValuesEdit"));
    m_events->setAccessibleName(tr("Event values"));
    m_events->setMaximumHeight(90);

    m_scheduleLabel = new QLabel(tr("Quantity in force × days, one a line (empty: the quantity for the whole period):"), this);
    m_scheduleLabel->setWordWrap(true);
    m_schedule = new QPlainTextEdit(this);
    m_schedule->setObjectName(QStringLiteral("inForceEdit"));
    m_schedule->setAccessibleName(tr("Quantities in force"));
    m_schedule->setPlaceholderText(tr("10 x 10\n15 x 21"));
    m_schedule->setMaximumHeight(90);
    m_periodDays = new QLineEdit(this);
    m_periodDays->setObjectName(QStringLiteral("periodDaysEdit"));
    m_periodDays->setAccessibleName(tr("Days in the period"));
    m_periodDays->setPlaceholderText(tr("the days listed"));

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("previewSummary"));
    m_summary->setTextFormat(Qt::RichText);
    m_errors = new QLabel(this);
    m_errors->setObjectName(QStringLiteral("previewErrors"));
    m_errors->setWordWrap(true);
    m_errors->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_subLines = new QTableWidget(0, 4, this);
    m_subLines->setObjectName(QStringLiteral("subLineTable"));
    m_subLines->setAccessibleName(tr("Sub-line items"));
    m_subLines->setHorizontalHeaderLabels({tr("Sub-line"), tr("Quantity"), tr("Unit amount"), tr("Amount")});
    m_subLines->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_subLines->verticalHeader()->hide();
    m_subLines->setEditTriggers(QAbstractItemView::NoEditTriggers);

    auto *inputs = new QWidget(this);
    auto *form = new QFormLayout(inputs);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("&Quantity:"), m_quantity);
    form->addRow(m_groupsLabel);
    form->addRow(m_groups);
    form->addRow(m_eventsLabel);
    form->addRow(m_events);
    form->addRow(m_scheduleLabel);
    form->addRow(m_schedule);
    form->addRow(tr("Days in the period:"), m_periodDays);

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(inputs);
    rightLayout->addWidget(m_summary);
    rightLayout->addWidget(m_errors);
    rightLayout->addWidget(m_subLines, 1);

    auto *split = new QSplitter(this);
    split->addWidget(m_json);
    split->addWidget(right);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    m_delay = new QTimer(this);
    m_delay->setSingleShot(true);
    m_delay->setInterval(250);
    connect(m_delay, &QTimer::timeout, this, &PricePreview::evaluate);
    for (QPlainTextEdit *e : {m_json, m_groups, m_events, m_schedule})
        connect(e, &QPlainTextEdit::textChanged, m_delay, qOverload<>(&QTimer::start));
    for (QLineEdit *e : {m_quantity, m_periodDays})
        connect(e, &QLineEdit::textChanged, m_delay, qOverload<>(&QTimer::start));
    m_groupsLabel->hide();
    m_groups->hide();
    m_eventsLabel->hide();
    m_events->hide();
    showProration(false);
}

void PricePreview::showProration(bool visible)
{
    m_scheduleLabel->setVisible(visible);
    m_schedule->setVisible(visible);
    m_periodDays->setVisible(visible);
    if (auto *form = qobject_cast<QFormLayout *>(m_periodDays->parentWidget()->layout()))
        if (QWidget *label = form->labelForField(m_periodDays))
            label->setVisible(visible);
}

std::optional<pricing::EvaluationContext> PricePreview::prorationContext(QString *error) const
{
    pricing::EvaluationContext context;
    const QStringList lines = m_schedule->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    qint64 listed = 0;
    for (int i = 0; i < lines.size(); ++i) {
        QString line = lines[i];
        line.replace(QChar(0x00D7), QLatin1Char('x'));
        const QStringList parts = line.split(QLatin1Char('x'));
        bool ok = false;
        const qint64 days = parts.size() == 2 ? parts[1].trimmed().toLongLong(&ok) : 0;
        QString why;
        const auto q = parts.size() == 2 ? Decimal::tryParse(parts[0].trimmed(), &why) : std::nullopt;
        if (!q || q->isNegative() || !ok || days < 0) {
            *error = tr("Quantity in force, line %1: write the quantity, x and the days (e.g. 15 x 21)").arg(i + 1);
            return std::nullopt;
        }
        context.quantitySchedule.append({*q, days});
        listed += days;
    }
    if (context.quantitySchedule.isEmpty())
        return context;
    context.periodDays = listed;
    if (!m_periodDays->text().trimmed().isEmpty()) {
        bool ok = false;
        context.periodDays = m_periodDays->text().trimmed().toLongLong(&ok);
        if (!ok || context.periodDays < listed || context.periodDays <= 0) {
            *error = tr("Days in the period: a whole number of at least %1 (the days listed)").arg(listed);
            return std::nullopt;
        }
    }
    if (context.periodDays <= 0) {
        *error = tr("Quantity in force: the days listed add up to 0");
        return std::nullopt;
    }
    return context;
}

void PricePreview::setPriceJson(const QString &json)
{
    // A stored fixed fee (price_type says so) is previewed at its own quantity (seats, or 1),
    // not at a usage figure; a price typed in keeps the quantity the user typed.
    FieldErrors ignored;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8());
    if (doc.isObject()) {
        if (const auto price = pricing::Price::fromJsonForEvaluation(doc.object(), &ignored);
            price && doc.object().value(QStringLiteral("price_type")).toString() == QLatin1String("fixed_price")) {
            const QSignalBlocker block(m_quantity);
            m_quantity->setText(price->fixedPriceQuantity().value_or(Decimal(1)).toCanonicalString());
        }
    }
    m_json->setPlainText(json);
    evaluate();
}

QString PricePreview::priceJson() const
{
    return m_json->toPlainText();
}

void PricePreview::setReadOnly(bool readOnly)
{
    m_json->setReadOnly(readOnly);
}

void PricePreview::setJsonVisible(bool visible)
{
    m_json->setVisible(visible);
}

void PricePreview::showError(const QString &text)
{
    m_errors->setText(text);
    m_errors->setVisible(!text.isEmpty());
}

std::optional<UsageQuantities> PricePreview::usage(const QStringList &groupKeys, bool eventValues, QString *error) const
{
    UsageQuantities u;
    if (eventValues) {
        u.hasEventValues = true;
        const QStringList lines = m_events->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        for (int i = 0; i < lines.size(); ++i) {
            QString why;
            const auto v = Decimal::tryParse(lines[i].trimmed(), &why);
            if (!v) {
                *error = tr("Event values, line %1: %2").arg(i + 1).arg(why);
                return std::nullopt;
            }
            u.eventValues << *v;
            u.total += *v;
        }
        if (!lines.isEmpty())
            return u;
    }
    if (!groupKeys.isEmpty()) {
        u.groupKeys = groupKeys;
        const QStringList lines = m_groups->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        for (int i = 0; i < lines.size(); ++i) {
            const qsizetype eq = lines[i].lastIndexOf(QLatin1Char('='));
            if (eq < 0) {
                *error = tr("Usage per group, line %1: write the values, then = and the quantity (e.g. us-east, large = 120)").arg(i + 1);
                return std::nullopt;
            }
            QStringList values = lines[i].left(eq).split(QLatin1Char(','));
            for (QString &v : values)
                v = v.trimmed();
            if (values.size() != groupKeys.size()) {
                *error = tr("Usage per group, line %1: give %2 value(s), one for each of %3")
                             .arg(i + 1)
                             .arg(groupKeys.size())
                             .arg(groupKeys.join(QStringLiteral(", ")));
                return std::nullopt;
            }
            QString why;
            const auto q = Decimal::tryParse(lines[i].mid(eq + 1).trimmed(), &why);
            if (!q) {
                *error = tr("Usage per group, line %1: %2").arg(i + 1).arg(why);
                return std::nullopt;
            }
            u.groups.append({values, *q});
            u.total += *q;
        }
        if (!lines.isEmpty())
            return u;
    }
    QString why;
    const auto q = Decimal::tryParse(m_quantity->text().trimmed(), &why);
    if (!q) {
        *error = tr("Quantity: %1").arg(why);
        return std::nullopt;
    }
    u.total = *q;
    return u;
}

void PricePreview::evaluate()
{
    m_subLines->setRowCount(0);
    m_summary->clear();
    const QString text = m_json->toPlainText().trimmed();
    if (text.isEmpty()) {
        showError(QString());
        return;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        showError(tr("The price is not a JSON object: %1 (at character %2)").arg(parseError.errorString()).arg(parseError.offset));
        return;
    }
    FieldErrors errors;
    const auto price = pricing::Price::fromJsonForEvaluation(doc.object(), &errors);
    if (!price) {
        // In words, not JSON paths: the settings by the labels of the form.
        showError(PriceConfigEditor::plainErrors(errors, doc.object().value(QStringLiteral("model_type")).toString()));
        return;
    }
    const QStringList keys = price->groupingProperties();
    m_groupsLabel->setText(tr("Usage per group (%1 = quantity), one a line:").arg(keys.join(QStringLiteral(", "))));
    m_groupsLabel->setVisible(!keys.isEmpty());
    m_groups->setVisible(!keys.isEmpty());
    m_eventsLabel->setVisible(price->needsEventValues());
    m_events->setVisible(price->needsEventValues());
    showProration(price->prorates());
    // A composite price is priced on the other prices of its invoice: the quantity typed is
    // their subtotal, given as one price that its filters select.
    pricing::CompositeComponent component{QString(), QString(), QStringLiteral("usage_price"), price->currency().code(), Decimal(0)};
    if (price->isComposite()) {
        for (const pricing::CompositePriceFilter &f : price->compositePriceFilters()) {
            if (f.op != QLatin1String("includes") || f.values.isEmpty())
                continue;
            if (f.field == QLatin1String("price_id"))
                component.priceId = f.values.first();
            else if (f.field == QLatin1String("item_id"))
                component.itemId = f.values.first();
            else if (f.field == QLatin1String("price_type"))
                component.priceType = f.values.first();
        }
        if (!price->appliesTo(component)) {
            showError(tr("The filters of this price select no other price to preview it with."));
            return;
        }
    }
    QString usageError;
    const auto u = usage(keys, price->needsEventValues(), &usageError);
    if (!u) {
        showError(usageError);
        return;
    }
    pricing::EvaluationContext context;
    if (price->prorates()) {
        const auto c = prorationContext(&usageError);
        if (!c) {
            showError(usageError);
            return;
        }
        context = *c;
    }
    showError(QString());
    try {
        component.subtotal = u->total;
        const pricing::PriceEvaluation ev = price->isComposite() ? price->evaluateComposite({component}, context) : price->evaluate(*u, context);
        const QLocale locale;
        m_summary->setText(
            tr("Quantity <b>%1</b> · subtotal <b>%2</b> · amount <b>%3</b>")
                .arg(formatDecimal(ev.quantity, locale), formatDecimal(ev.subtotal, locale), Money(ev.amount, ev.currency).format(locale).toHtmlEscaped()));
        m_subLines->setRowCount(int(ev.subLineItems.size()));
        for (int r = 0; r < ev.subLineItems.size(); ++r) {
            const pricing::SubLineItem &s = ev.subLineItems[r];
            auto cell = [&](int c, const QString &t, bool right) {
                auto *item = new QTableWidgetItem(t);
                if (right)
                    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                m_subLines->setItem(r, c, item);
            };
            cell(0, s.name, false);
            cell(1, formatDecimal(s.quantity, locale), true);
            cell(2, s.unitAmount ? formatDecimal(*s.unitAmount, locale) : QString(), true);
            cell(3, formatDecimal(s.amount, locale), true);
        }
    } catch (const std::exception &e) {
        showError(tr("The price could not be evaluated: %1").arg(QString::fromUtf8(e.what())));
    }
}

} // namespace orb
