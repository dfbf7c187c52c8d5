// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/CustomerImportWizard.h"

#include "models/CompanyFile.h"
#include "models/StorageError.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QTableWidget>
#include <QVBoxLayout>

namespace orb {

namespace {

QTableWidget *rowTable(const QString &name, QWidget *parent)
{
    auto *t = new QTableWidget(0, 5, parent);
    t->setObjectName(name);
    t->setHorizontalHeaderLabels({CustomerImportWizard::tr("Line"), CustomerImportWizard::tr("Status"), CustomerImportWizard::tr("Name"),
                                  CustomerImportWizard::tr("External ID"), CustomerImportWizard::tr("Problems")});
    t->horizontalHeader()->setStretchLastSection(true);
    t->verticalHeader()->hide();
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setWordWrap(true);
    return t;
}

QString statusText(CustomerImportRow::Status s)
{
    switch (s) {
    case CustomerImportRow::Status::New: return CustomerImportWizard::tr("New");
    case CustomerImportRow::Status::Duplicate: return CustomerImportWizard::tr("Duplicate");
    case CustomerImportRow::Status::Refused: return CustomerImportWizard::tr("Refused");
    }
    return {};
}

void addRow(QTableWidget *t, const CustomerImportRow &r)
{
    const int row = t->rowCount();
    t->insertRow(row);
    QStringList problems;
    for (const FieldError &e : r.errors)
        problems << e.toString();
    const QStringList cells{QString::number(r.line), statusText(r.status), r.customer.name, r.customer.externalCustomerId, problems.join(QStringLiteral("; "))};
    for (int c = 0; c < cells.size(); ++c)
        t->setItem(row, c, new QTableWidgetItem(cells.at(c)));
}

} // namespace

CustomerImportWizard::CustomerImportWizard(CompanyFile &file, const Clock &clock, QWidget *parent) : QWizard(parent), m_file(file), m_clock(clock)
{
    setObjectName(QStringLiteral("customerImportWizard"));
    setWindowTitle(tr("Import customers"));
    setWizardStyle(QWizard::ClassicStyle);

    auto *filePage = new QWizardPage(this);
    filePage->setTitle(tr("Choose a CSV file"));
    filePage->setSubTitle(tr("One customer per row, a header row naming the columns."));
    auto *fileLayout = new QVBoxLayout(filePage);
    auto *fileRow = new QHBoxLayout;
    m_path = new QLineEdit(filePage);
    m_path->setObjectName(QStringLiteral("customerImportFile"));
    m_path->setAccessibleName(tr("File"));
    auto *browse = new QPushButton(tr("Browse…"), filePage);
    fileRow->addWidget(m_path, 1);
    fileRow->addWidget(browse);
    fileLayout->addLayout(fileRow);
    m_fileError = new QLabel(filePage);
    m_fileError->setObjectName(QStringLiteral("customerImportFileError"));
    m_fileError->setWordWrap(true);
    fileLayout->addWidget(m_fileError);
    fileLayout->addStretch();
    setPage(FilePage, filePage);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import customers"), QString(), tr("CSV files (*.csv);;All files (*)"));
        if (!path.isEmpty())
            m_path->setText(path);
    });

    auto *mappingPage = new QWizardPage(this);
    mappingPage->setTitle(tr("Map the columns"));
    mappingPage->setSubTitle(tr("Which column holds each customer field. Columns named like a field are chosen already."));
    auto *mappingLayout = new QVBoxLayout(mappingPage);
    auto *scroll = new QScrollArea(mappingPage);
    scroll->setWidgetResizable(true);
    auto *formHost = new QWidget(scroll);
    auto *form = new QFormLayout(formHost);
    for (const QString &field : CustomerCsv::fields()) {
        auto *combo = new QComboBox(formHost);
        combo->setObjectName(QStringLiteral("column_") + field);
        m_columns.append(combo);
        form->addRow(field, combo);
    }
    scroll->setWidget(formHost);
    mappingLayout->addWidget(scroll, 1);
    m_mappingError = new QLabel(mappingPage);
    m_mappingError->setObjectName(QStringLiteral("customerImportMappingError"));
    m_mappingError->setWordWrap(true);
    mappingLayout->addWidget(m_mappingError);
    setPage(MappingPage, mappingPage);

    auto *previewPage = new QWizardPage(this);
    previewPage->setTitle(tr("Preview"));
    previewPage->setSubTitle(tr("What each row becomes. Duplicates and refused rows are not imported."));
    auto *previewLayout = new QVBoxLayout(previewPage);
    m_previewSummary = new QLabel(previewPage);
    m_previewSummary->setObjectName(QStringLiteral("customerImportPreviewSummary"));
    previewLayout->addWidget(m_previewSummary);
    m_preview = rowTable(QStringLiteral("customerImportPreview"), previewPage);
    previewLayout->addWidget(m_preview, 1);
    previewPage->setButtonText(QWizard::NextButton, tr("Import"));
    setPage(PreviewPage, previewPage);

    auto *resultPage = new QWizardPage(this);
    resultPage->setTitle(tr("Imported"));
    auto *resultLayout = new QVBoxLayout(resultPage);
    m_resultSummary = new QLabel(resultPage);
    m_resultSummary->setObjectName(QStringLiteral("customerImportResult"));
    m_resultSummary->setWordWrap(true);
    resultLayout->addWidget(m_resultSummary);
    m_problems = rowTable(QStringLiteral("customerImportProblems"), resultPage);
    resultLayout->addWidget(m_problems, 1);
    resultPage->setFinalPage(true);
    setPage(ResultPage, resultPage);
    setOption(QWizard::NoBackButtonOnLastPage);
    resize(760, 520);
}

void CustomerImportWizard::setFile(const QString &path)
{
    m_path->setText(path);
}

QHash<QString, int> CustomerImportWizard::mapping() const
{
    QHash<QString, int> out;
    for (int i = 0; i < m_columns.size(); ++i) {
        const int column = m_columns.at(i)->currentData().toInt();
        if (column >= 0)
            out.insert(CustomerCsv::fields().at(i), column);
    }
    return out;
}

void CustomerImportWizard::initializePage(int id)
{
    if (id == MappingPage) {
        const QHash<QString, int> guess = CustomerCsv::guessMapping(m_table.header);
        for (int i = 0; i < m_columns.size(); ++i) {
            QComboBox *combo = m_columns.at(i);
            combo->clear();
            combo->addItem(tr("(not imported)"), -1);
            for (int c = 0; c < m_table.header.size(); ++c)
                combo->addItem(m_table.header.at(c), c);
            const int guessed = guess.value(CustomerCsv::fields().at(i), -1);
            combo->setCurrentIndex(combo->findData(guessed));
        }
    } else if (id == PreviewPage) {
        m_preview->setRowCount(0);
        int fresh = 0, duplicates = 0, refused = 0;
        for (const CustomerImportRow &r : CustomerCsv::preview(m_file, m_table, mapping())) {
            addRow(m_preview, r);
            fresh += r.status == CustomerImportRow::Status::New;
            duplicates += r.status == CustomerImportRow::Status::Duplicate;
            refused += r.status == CustomerImportRow::Status::Refused;
        }
        m_preview->resizeColumnsToContents();
        m_previewSummary->setText(tr("%1 new, %2 duplicates, %3 refused").arg(fresh).arg(duplicates).arg(refused));
    } else if (id == ResultPage) {
        m_problems->setRowCount(0);
        for (const CustomerImportRow &r : m_result.duplicates)
            addRow(m_problems, r);
        for (const CustomerImportRow &r : m_result.refused)
            addRow(m_problems, r);
        m_problems->resizeColumnsToContents();
        m_resultSummary->setText(tr("Created %1 customers. %2 duplicates were skipped and %3 rows refused (listed below).")
                                     .arg(m_result.created)
                                     .arg(m_result.duplicates.size())
                                     .arg(m_result.refused.size()));
    }
    QWizard::initializePage(id);
}

bool CustomerImportWizard::validateCurrentPage()
{
    try {
        switch (currentId()) {
        case FilePage:
            m_table = CustomerCsv::read(m_path->text().trimmed());
            m_fileError->clear();
            break;
        case MappingPage:
            CustomerCsv::preview(m_file, CsvTable{m_table.header, {}, {}}, mapping());
            m_mappingError->clear();
            break;
        case PreviewPage:
            m_result = CustomerCsv::import(m_file, m_clock, m_table, mapping());
            emit imported(m_result.created);
            break;
        default: break;
        }
    } catch (const ServiceError &e) {
        (currentId() == MappingPage ? m_mappingError : m_fileError)->setText(e.details());
        if (currentId() == PreviewPage)
            m_previewSummary->setText(e.details());
        return false;
    }
    return true;
}

} // namespace orb
