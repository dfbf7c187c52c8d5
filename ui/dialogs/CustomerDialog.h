// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/billing/BillingRecords.h"

#include "engine/Customer.h"

#include <QDialog>
#include <QMap>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QSpinBox;

namespace orb {

class CustomerService;

/**
 * Creates or edits a customer. OK runs the service; a broken rule keeps the dialog open with
 * the message beside the form and the field marked, and nothing is stored.
 */
class CustomerDialog final : public QDialog
{
    Q_OBJECT

public:
    /// existing: the customer to edit; empty for a new one.
    CustomerDialog(CustomerService &service, const QString &defaultTimeZone, const std::optional<Customer> &existing, QWidget *parent = nullptr);

    /// The stored customer after the dialog was accepted.
    const Customer &result() const { return m_result; }

    void accept() override;

    /// The tax rates offered as checkboxes (archived ones only where already assigned) and the
    /// ones the customer has; the caller assigns the difference after accept().
    void setTaxRates(const QList<TaxRateRecord> &rates, const QStringList &assignedIds);
    /// The ids of the rates checked.
    QStringList chosenTaxRateIds() const;

private:
    struct AddressFields {
        QLineEdit *line1, *line2, *city, *state, *postalCode, *country;
    };
    QWidget *buildAddress(AddressFields &fields, const QString &prefix);
    void load(const Customer &c);
    Customer collect() const;
    static Address readAddress(const AddressFields &f);
    void showErrors(const QString &summary, const FieldErrors &errors);
    void clearErrors();

    CustomerService &m_service;
    std::optional<Customer> m_existing;
    Customer m_result;

    QLineEdit *m_name;
    QLineEdit *m_externalId;
    QLineEdit *m_email;
    QComboBox *m_currency;
    QComboBox *m_timezone;
    QSpinBox *m_netTerms;
    QComboBox *m_language;
    AddressFields m_billing{};
    AddressFields m_shipping{};
    QComboBox *m_taxType;
    QLineEdit *m_taxCountry;
    QLineEdit *m_taxValue;
    QPlainTextEdit *m_metadata;
    QListWidget *m_taxRates;
    QLabel *m_errors;
    QDialogButtonBox *m_buttons;
    QMap<QString, QWidget *> m_fieldWidgets;
};

} // namespace orb
