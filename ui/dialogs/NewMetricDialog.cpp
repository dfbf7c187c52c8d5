// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/NewMetricDialog.h"

#include "engine/Clock.h"
#include "engine/metrics/MetricDefinition.h"
#include "models/CompanyFile.h"
#include "models/StorageError.h"
#include "models/catalog/CatalogService.h"
#include "ui/widgets/PriceConfigEditor.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace orb {

NewMetricDialog::NewMetricDialog(CompanyFile &file, const Clock &clock, const QStringList &pending, QWidget *parent)
    : QDialog(parent), m_file(file), m_clock(clock), m_pending(pending)
{
    setObjectName(QStringLiteral("newMetricDialog"));
    setWindowTitle(tr("New billable metric"));
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("metricNameEdit"));
    m_name->setAccessibleName(tr("Metric name"));
    m_event = new QLineEdit(this);
    m_event->setObjectName(QStringLiteral("metricEventEdit"));
    m_event->setAccessibleName(tr("Event name"));
    m_event->setPlaceholderText(tr("the event_name of the usage events, e.g. api_request"));
    m_aggregation = new QComboBox(this);
    m_aggregation->setObjectName(QStringLiteral("metricAggregationCombo"));
    m_aggregation->setAccessibleName(tr("Aggregation"));
    const QList<std::pair<Aggregation, QString>> aggregations = {
        {Aggregation::Count, tr("Count the events")},
        {Aggregation::Sum, tr("Sum of a property")},
        {Aggregation::Max, tr("Largest value of a property")},
        {Aggregation::Min, tr("Smallest value of a property")},
        {Aggregation::Average, tr("Average of a property")},
        {Aggregation::UniqueCount, tr("Number of distinct values of a property")},
        {Aggregation::Latest, tr("Latest value of a property")},
        {Aggregation::WeightedSum, tr("Time-weighted sum of a property")},
    };
    for (const auto &[aggregation, label] : aggregations)
        m_aggregation->addItem(label, MetricDefinition::aggregationName(aggregation));
    m_property = new QLineEdit(this);
    m_property->setObjectName(QStringLiteral("metricPropertyEdit"));
    m_property->setAccessibleName(tr("Property"));
    m_property->setPlaceholderText(tr("the event property read, e.g. tokens"));
    m_nameError = PriceConfigEditor::errorLabel(QStringLiteral("metricError_name"), this);
    m_eventError = PriceConfigEditor::errorLabel(QStringLiteral("metricError_event_name"), this);
    m_propertyError = PriceConfigEditor::errorLabel(QStringLiteral("metricError_property"), this);
    m_otherError = PriceConfigEditor::errorLabel(QStringLiteral("metricErrors"), this);
    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(QString(), m_nameError);
    form->addRow(tr("&Event:"), m_event);
    form->addRow(QString(), m_eventError);
    form->addRow(tr("&Aggregation:"), m_aggregation);
    form->addRow(tr("&Property:"), m_property);
    form->addRow(QString(), m_propertyError);
    auto update = [this] { m_property->setEnabled(m_aggregation->currentData().toString() != QLatin1String("count")); };
    connect(m_aggregation, &QComboBox::currentIndexChanged, this, update);
    update();
    // A message goes once its field changes.
    for (const auto &[edit, label] : {std::pair{m_name, m_nameError}, std::pair{m_event, m_eventError}, std::pair{m_property, m_propertyError}})
        connect(edit, &QLineEdit::textEdited, label, &QLabel::hide);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    auto *createButton = buttons->addButton(tr("&Create metric"), QDialogButtonBox::AcceptRole);
    createButton->setObjectName(QStringLiteral("createMetricButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &NewMetricDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_otherError);
    layout->addWidget(buttons);
}

bool NewMetricDialog::create()
{
    MetricDefinition draft;
    draft.setName(m_name->text().trimmed());
    draft.setEventName(m_event->text().trimmed());
    draft.setAggregation(*MetricDefinition::aggregationFromName(m_aggregation->currentData().toString()));
    if (m_property->isEnabled())
        draft.setProperty(m_property->text().trimmed());
    for (QLabel *l : {m_nameError, m_eventError, m_propertyError, m_otherError})
        l->hide();
    FieldErrors errors;
    try {
        errors = CatalogService(m_file, m_clock).checkNewMetric(draft);
    } catch (const ServiceError &e) {
        errors.append({QString(), e.message()});
    }
    // One defined in this plan editor already, not stored yet, counts as taken too.
    for (const QString &name : std::as_const(m_pending))
        if (name.compare(draft.name(), Qt::CaseInsensitive) == 0)
            errors.append({QStringLiteral("$.name"), tr("a metric named \"%1\" is already defined in this plan").arg(draft.name())});
    if (errors.isEmpty()) {
        m_definition = draft;
        m_created = draft.name();
        return true;
    }
    QStringList other;
    auto show = [](QLabel *label, const QString &text) {
        label->setText(label->isVisible() && !label->text().isEmpty() ? label->text() + QLatin1Char('\n') + text : text);
        label->show();
    };
    for (const FieldError &f : errors) {
        const QString message = PriceConfigEditor::plainMessage(f.message);
        if (f.path.endsWith(QLatin1String(".name")))
            show(m_nameError, message);
        else if (f.path.endsWith(QLatin1String(".event_name")))
            show(m_eventError, message);
        else if (f.path.endsWith(QLatin1String(".property")))
            show(m_propertyError, message);
        else
            other << message;
    }
    if (!other.isEmpty())
        show(m_otherError, other.join(QLatin1Char('\n')));
    return false;
}

void NewMetricDialog::accept()
{
    if (create())
        QDialog::accept();
}

} // namespace orb
