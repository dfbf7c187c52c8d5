// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/usage/EventImporter.h"

#include <QHash>
#include <QWizardPage>

class QComboBox;
class QLabel;
class QTableWidget;

namespace orb {

class ImportWizard;

/**
 * The import wizard's column map, for CSV files: a combo per Orb field choosing the column
 * that holds it (guessed from the header), and for every other column whether it is imported
 * as a property and under which name. The map is checked by opening the file with it, so the
 * page refuses exactly what the import would.
 */
class ImportWizardMappingPage final : public QWizardPage
{
    Q_OBJECT

public:
    explicit ImportWizardMappingPage(ImportWizard *wizard);

    /// Puts the map into the options (fieldColumns, propertyColumns, ignoredColumns).
    void fillOptions(ImportOptions &options) const;

    void initializePage() override;
    bool validatePage() override;

private:
    struct PropertyChoice {
        bool imported = true;
        QString name;
    };
    void guessFields();
    void rebuildProperties();
    void rememberProperties();
    QStringList unmappedColumns() const;

    ImportWizard *m_wizard;
    QStringList m_header;
    QString m_headerOf;          ///< the file m_header was read from
    QList<QComboBox *> m_fields; ///< in the order of CsvReader::fieldNames()
    QTableWidget *m_properties;
    QHash<QString, PropertyChoice> m_choices; ///< per column, kept while fields are remapped
    QLabel *m_error;
};

} // namespace orb
