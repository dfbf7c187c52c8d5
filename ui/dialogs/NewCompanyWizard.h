// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWizard>

class QComboBox;
class QLineEdit;

namespace orb {

/// Asks for a new company's name, address, currency, time zone, numbering and where to keep
/// its file. The caller creates the file with the answers.
class NewCompanyWizard final : public QWizard
{
    Q_OBJECT

public:
    explicit NewCompanyWizard(QWidget *parent = nullptr);

    QString filePath() const;
    QString companyName() const;
    QString email() const;
    QString addressLine1() const;
    QString city() const;
    QString postalCode() const;
    QString country() const;
    QString currency() const;
    QString timezone() const;
    QString invoicePrefix() const;
    QString documentLocale() const;
};

} // namespace orb
