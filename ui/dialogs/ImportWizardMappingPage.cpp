// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/ImportWizardMappingPage.h"

#include "models/StorageError.h"
#include "models/usage/CsvReader.h"
#include "ui/dialogs/ImportWizard.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QRegularExpression>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

namespace orb {

namespace {

/// "Event Name" → "event_name": how a header is compared with field names and made a property name.
QString normalized(const QString &column)
{
    static const QRegularExpression other(QStringLiteral("[^a-z0-9]+"));
    QString s = column.toLower();
    s.replace(other, QStringLiteral("_"));
    while (s.startsWith(QLatin1Char('_')))
        s.remove(0, 1);
    while (s.endsWith(QLatin1Char('_')))
        s.chop(1);
    return s;
}

/// Other names a column holding each field often has, in the order of CsvReader::fieldNames().
const QList<QStringList> &synonyms()
{
    static const QList<QStringList> s = {
        {QStringLiteral("event"), QStringLiteral("event_type"), QStringLiteral("name"), QStringLiteral("type"), QStringLiteral("metric")},
        {QStringLiteral("time"), QStringLiteral("ts"), QStringLiteral("event_time"), QStringLiteral("occurred_at"), QStringLiteral("datetime"),
         QStringLiteral("created_at"), QStringLiteral("date")},
        {QStringLiteral("key"), QStringLiteral("event_id"), QStringLiteral("id"), QStringLiteral("request_id"), QStringLiteral("transaction_id"),
         QStringLiteral("idempotency")},
        {QStringLiteral("orb_customer_id")},
        {QStringLiteral("customer"), QStringLiteral("external_id"), QStringLiteral("account"), QStringLiteral("account_id"), QStringLiteral("client"),
         QStringLiteral("client_id")},
    };
    return s;
}

enum PropertyColumn { ColumnName, PropertyName };

} // namespace

ImportWizardMappingPage::ImportWizardMappingPage(ImportWizard *wizard) : QWizardPage(wizard), m_wizard(wizard)
{
    setObjectName(QStringLiteral("importMappingPage"));
    setTitle(tr("Match the columns"));
    setSubTitle(tr("Choose the column that holds each of Orb's fields. The other columns can become the events' properties."));
    const QStringList labels = {tr("&Event name (required):"), tr("&Timestamp (required):"), tr("&Idempotency key (required):"), tr("Orb &customer id:"),
                                tr("E&xternal customer id:")};
    const QStringList accessible = {tr("Column holding the event name"), tr("Column holding the timestamp"), tr("Column holding the idempotency key"),
                                    tr("Column holding Orb's customer id"), tr("Column holding your customer id")};
    auto *form = new QFormLayout;
    for (int i = 0; i < CsvReader::fieldNames().size(); ++i) {
        auto *combo = new QComboBox(this);
        combo->setObjectName(QStringLiteral("map_") + CsvReader::fieldNames()[i]);
        combo->setAccessibleName(accessible[i]);
        combo->setMinimumContentsLength(24);
        m_fields << combo;
        form->addRow(labels[i], combo);
        connect(combo, &QComboBox::currentIndexChanged, this, [this] {
            m_error->clear(); // the message was about the map as it was
            rememberProperties();
            rebuildProperties();
        });
    }
    auto *customerHint = new QLabel(tr("Each row needs exactly one of the two customer columns filled in. Timestamps are ISO 8601 "
                                       "with a zone, like 2026-03-01T12:00:00Z."),
                                    this);
    customerHint->setWordWrap(true);
    auto *propertiesLabel = new QLabel(tr("<b>Other columns</b>: tick the ones to import as properties, and name them as your "
                                          "billable metrics expect. Unticked columns are left out."),
                                       this);
    propertiesLabel->setWordWrap(true);
    m_properties = new QTableWidget(0, 2, this);
    m_properties->setObjectName(QStringLiteral("propertyColumns"));
    m_properties->setAccessibleName(tr("Columns imported as properties"));
    m_properties->setHorizontalHeaderLabels({tr("Column (tick to import)"), tr("Property name")});
    m_properties->horizontalHeader()->setSectionResizeMode(ColumnName, QHeaderView::Stretch);
    m_properties->horizontalHeader()->setSectionResizeMode(PropertyName, QHeaderView::Stretch);
    m_properties->verticalHeader()->hide();
    m_properties->verticalHeader()->setDefaultSectionSize(m_properties->fontMetrics().height() + 10);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("mappingError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    connect(m_properties, &QTableWidget::itemChanged, m_error, &QLabel::clear);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(customerHint);
    layout->addSpacing(6);
    layout->addWidget(propertiesLabel);
    layout->addWidget(m_properties, 1);
    layout->addWidget(m_error);
}

void ImportWizardMappingPage::initializePage()
{
    const QString path = m_wizard->filePath();
    QStringList header;
    try {
        header = CsvReader::header(path);
    } catch (const ServiceError &e) {
        m_error->setText(e.message());
    }
    if (path == m_headerOf && header == m_header)
        return; // back from the preview: keep what was chosen
    m_header = header;
    m_headerOf = path;
    m_choices.clear();
    for (QComboBox *combo : std::as_const(m_fields)) {
        const QSignalBlocker block(combo);
        combo->clear();
        combo->addItem(tr("(none)"), QString());
        for (const QString &column : std::as_const(m_header))
            combo->addItem(column, column);
    }
    guessFields();
    rebuildProperties();
}

void ImportWizardMappingPage::guessFields()
{
    QSet<QString> taken;
    for (int f = 0; f < m_fields.size(); ++f) {
        const QString field = CsvReader::fieldNames()[f];
        QString found;
        for (const QString &column : std::as_const(m_header))
            if (!taken.contains(column) && (normalized(column) == field || column == QLatin1String("properties.") + field)) {
                found = column;
                break;
            }
        for (int s = 0; found.isEmpty() && s < synonyms()[f].size(); ++s)
            for (const QString &column : std::as_const(m_header))
                if (!taken.contains(column) && normalized(column) == synonyms()[f][s]) {
                    found = column;
                    break;
                }
        const QSignalBlocker block(m_fields[f]);
        m_fields[f]->setCurrentIndex(std::max(0, m_fields[f]->findData(found)));
        if (!found.isEmpty())
            taken.insert(found);
    }
}

QStringList ImportWizardMappingPage::unmappedColumns() const
{
    QSet<QString> mapped;
    for (QComboBox *combo : m_fields)
        if (!combo->currentData().toString().isEmpty())
            mapped.insert(combo->currentData().toString());
    QStringList out;
    for (const QString &column : m_header)
        if (!mapped.contains(column) && !out.contains(column))
            out << column;
    return out;
}

void ImportWizardMappingPage::rememberProperties()
{
    for (int r = 0; r < m_properties->rowCount(); ++r) {
        const QTableWidgetItem *column = m_properties->item(r, ColumnName);
        const QTableWidgetItem *name = m_properties->item(r, PropertyName);
        m_choices[column->data(Qt::UserRole).toString()] = {column->checkState() == Qt::Checked, name->text()};
    }
}

void ImportWizardMappingPage::rebuildProperties()
{
    const QStringList columns = unmappedColumns();
    m_properties->setRowCount(0);
    for (const QString &column : columns) {
        if (!m_choices.contains(column)) {
            const bool prefixed = column.startsWith(QLatin1String("properties.")) && column.size() > 11;
            m_choices.insert(column, {true, prefixed ? column.mid(11) : normalized(column)});
        }
        const PropertyChoice choice = m_choices.value(column);
        const int r = m_properties->rowCount();
        m_properties->insertRow(r);
        auto *item = new QTableWidgetItem(column);
        item->setData(Qt::UserRole, column);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        item->setCheckState(choice.imported ? Qt::Checked : Qt::Unchecked);
        m_properties->setItem(r, ColumnName, item);
        auto *name = new QTableWidgetItem(choice.name);
        name->setToolTip(tr("The property's name in the imported events"));
        m_properties->setItem(r, PropertyName, name);
    }
}

void ImportWizardMappingPage::fillOptions(ImportOptions &options) const
{
    options.fieldColumns.clear();
    options.propertyColumns.clear();
    options.ignoredColumns.clear();
    // What the reader does by itself is left out of the map, so that a file in the standard
    // layout gets the options (and the import identity) of `orbctl events import FILE`, and an
    // import begun there resumes here and back.
    for (int f = 0; f < m_fields.size(); ++f) {
        const QString column = m_fields[f]->currentData().toString();
        if (!column.isEmpty() && column != CsvReader::fieldNames()[f])
            options.fieldColumns.insert(CsvReader::fieldNames()[f], column);
    }
    for (int r = 0; r < m_properties->rowCount(); ++r) {
        const QString column = m_properties->item(r, ColumnName)->data(Qt::UserRole).toString();
        const QString name = m_properties->item(r, PropertyName)->text().trimmed();
        if (m_properties->item(r, ColumnName)->checkState() != Qt::Checked)
            options.ignoredColumns.insert(column);
        else if (column != QLatin1String("properties.") + name)
            options.propertyColumns.insert(column, name);
    }
}

bool ImportWizardMappingPage::validatePage()
{
    QStringList problems;
    QHash<QString, QString> byName;
    for (int r = 0; r < m_properties->rowCount(); ++r) {
        if (m_properties->item(r, ColumnName)->checkState() != Qt::Checked)
            continue;
        const QString column = m_properties->item(r, ColumnName)->data(Qt::UserRole).toString();
        const QString name = m_properties->item(r, PropertyName)->text().trimmed();
        if (name.isEmpty())
            problems << tr("The column \"%1\" is ticked but has no property name: name it, or untick it.").arg(column);
        else if (byName.contains(name))
            problems << tr("The columns \"%1\" and \"%2\" both become the property \"%3\": rename one, or untick it.").arg(byName.value(name), column, name);
        else
            byName.insert(name, column);
    }
    if (problems.isEmpty()) {
        // The reader checks the map exactly as the import will.
        ImportOptions options;
        fillOptions(options);
        try {
            CsvReader reader(m_wizard->filePath(), CsvColumnMap{options.fieldColumns, options.propertyColumns, options.ignoredColumns});
        } catch (const ServiceError &e) {
            const QString message = e.message();
            const qsizetype cut = message.indexOf(QLatin1String("(header): "));
            const QString rules = cut >= 0 ? message.mid(cut + 10) : message;
            problems << tr("This map does not work: %1.").arg(rules) << tr("Choose a column for each required field, and for one of the customer fields.");
        }
    }
    m_error->setText(problems.join(QLatin1Char('\n')));
    return problems.isEmpty();
}

} // namespace orb
