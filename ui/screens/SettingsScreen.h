// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/Company.h"
#include "models/SettingsService.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStandardItemModel;
class QUndoStack;

namespace orb {

class ApiSettingsPage;
class Clock;
class CompanyFile;
class ServiceError;

/// The company's settings: name, address, tax id, currency, time zone, numbering, document
/// locale and the billing settings kept in the company file; tax rates; the Stripe key (kept
/// in the OS keychain); this computer's interface language; and, on a page of its own, the API
/// (ApiSettingsPage).
class SettingsScreen final : public QWidget
{
    Q_OBJECT

public:
    SettingsScreen(CompanyFile &file, const Clock &clock, QWidget *parent = nullptr);

    /// Saved settings become undoable steps on this stack.
    void setUndoStack(QUndoStack *undo) { m_undo = undo; }
    /// Settings › API: the API server, keys and webhooks.
    ApiSettingsPage *apiPage() const { return m_api; }

public slots:
    void load();
    void save();

signals:
    void settingsChanged();
    /// The Stripe key to push with (empty: none); the sync worker should use it.
    void stripeKeyChanged(const QString &key);

private:
    void store(const SettingsChange &change);
    void loadTaxRates();
    void addTaxRate();
    void showError(const ServiceError &e);

    CompanyFile &m_file;
    const Clock &m_clock;
    QLineEdit *m_name, *m_email, *m_line1, *m_line2, *m_city, *m_state, *m_postal, *m_country, *m_taxId, *m_prefix;
    QComboBox *m_currency;
    QComboBox *m_timezone;
    QComboBox *m_locale;
    QSpinBox *m_grace;
    QSpinBox *m_netTerms;
    QLabel *m_status;
    QLabel *m_nextNumbers;
    QPushButton *m_save;
    QStandardItemModel *m_taxModel;
    QLineEdit *m_taxName, *m_taxPercent;
    QComboBox *m_language;
    QUndoStack *m_undo = nullptr;
    ApiSettingsPage *m_api = nullptr;
};

} // namespace orb
