// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/CustomerDialog.h"

#include "ui/LocaleFormat.h"

#include "engine/Currency.h"
#include "engine/Customer.h"
#include "engine/TaxIdFormats.h"
#include "models/CustomerService.h"
#include "models/StorageError.h"

#include <algorithm>

#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStyle>
#include <QTabWidget>
#include <QTimeZone>
#include <QVBoxLayout>

namespace orb {

namespace {

QLineEdit *lineEdit(QWidget *parent, const QString &objectName, const QString &accessible, int maxLength = 255)
{
    auto *e = new QLineEdit(parent);
    e->setObjectName(objectName);
    e->setAccessibleName(accessible);
    e->setMaxLength(maxLength);
    return e;
}

} // namespace

CustomerDialog::CustomerDialog(CustomerService &service, const QString &defaultTimeZone, const std::optional<Customer> &existing, QWidget *parent)
    : QDialog(parent), m_service(service), m_existing(existing)
{
    setObjectName(QStringLiteral("customerDialog"));
    setWindowTitle(existing ? tr("Edit customer — %1").arg(existing->name) : tr("New customer"));
    auto *tabs = new QTabWidget(this);

    auto *general = new QWidget(tabs);
    auto *form = new QFormLayout(general);
    m_name = lineEdit(general, QStringLiteral("nameEdit"), tr("Name"));
    m_name->setPlaceholderText(tr("Company or person billed"));
    m_externalId = lineEdit(general, QStringLiteral("externalIdEdit"), tr("External ID"));
    m_externalId->setPlaceholderText(tr("Your own id, e.g. from a CRM (optional, unique)"));
    m_email = lineEdit(general, QStringLiteral("emailEdit"), tr("E-mail"), 254);
    m_email->setPlaceholderText(tr("billing@example.com"));
    m_currency = new QComboBox(general);
    m_currency->setObjectName(QStringLiteral("currencyCombo"));
    m_currency->setAccessibleName(tr("Currency"));
    m_currency->addItem(tr("(not set yet)"), QString());
    for (const QString &code : Currency::codes())
        m_currency->addItem(QStringLiteral("%1 — %2").arg(code, Currency::fromCode(code)->name()), code);
    m_timezone = new QComboBox(general);
    m_timezone->setObjectName(QStringLiteral("timezoneCombo"));
    m_timezone->setAccessibleName(tr("Time zone"));
    m_timezone->setEditable(true);
    m_timezone->setInsertPolicy(QComboBox::NoInsert);
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds())
        m_timezone->addItem(QString::fromUtf8(id));
    m_timezone->completer()->setCompletionMode(QCompleter::PopupCompletion);
    m_timezone->completer()->setFilterMode(Qt::MatchContains);
    m_timezone->setCurrentText(defaultTimeZone);
    m_netTerms = new QSpinBox(general);
    m_netTerms->setObjectName(QStringLiteral("netTermsSpin"));
    m_netTerms->setAccessibleName(tr("Net terms"));
    m_netTerms->setRange(-1, MaxNetTermsDays); // -1: the company default
    m_netTerms->setSpecialValueText(tr("Company default"));
    m_netTerms->setSuffix(tr(" days"));
    m_netTerms->setValue(-1);
    // The language of the customer's documents (invoices, statements, reminders, e-mails).
    m_language = new QComboBox(general);
    m_language->setObjectName(QStringLiteral("documentLanguageCombo"));
    m_language->setAccessibleName(tr("Document language"));
    m_language->addItem(tr("Company default"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("E&xternal ID:"), m_externalId);
    form->addRow(tr("&E-mail:"), m_email);
    form->addRow(tr("&Currency:"), m_currency);
    form->addRow(tr("Time &zone:"), m_timezone);
    form->addRow(tr("Net &terms:"), m_netTerms);
    form->addRow(tr("Document &language:"), m_language);
    if (existing) {
        auto *note = new QLabel(tr("The time zone is fixed once a customer exists; the currency can be set once."), general);
        note->setWordWrap(true);
        form->addRow(note);
    }
    tabs->addTab(general, tr("General"));

    auto *addresses = new QWidget(tabs);
    auto *addrLayout = new QVBoxLayout(addresses);
    auto *billingBox = new QGroupBox(tr("Billing address"), addresses);
    auto *billingLayout = new QVBoxLayout(billingBox);
    billingLayout->addWidget(buildAddress(m_billing, QStringLiteral("billing")));
    auto *shippingBox = new QGroupBox(tr("Shipping address"), addresses);
    auto *shippingLayout = new QVBoxLayout(shippingBox);
    shippingLayout->addWidget(buildAddress(m_shipping, QStringLiteral("shipping")));
    addrLayout->addWidget(billingBox);
    addrLayout->addWidget(shippingBox);
    tabs->addTab(addresses, tr("Addresses"));

    auto *tax = new QWidget(tabs);
    auto *taxForm = new QFormLayout(tax);
    m_taxType = new QComboBox(tax);
    m_taxType->setObjectName(QStringLiteral("taxTypeCombo"));
    m_taxType->setAccessibleName(tr("Tax id type"));
    m_taxType->addItem(tr("(none)"), QString());
    // By name, in the interface language: a clerk knows "EU VAT number", not eu_vat.
    QList<std::pair<QString, QString>> types;
    for (const TaxIdType &t : TaxIdFormats::types())
        types.append({TaxIdFormats::displayName(t.code), t.code});
    std::sort(types.begin(), types.end(), [](const auto &a, const auto &b) { return QString::localeAwareCompare(a.first, b.first) < 0; });
    for (const auto &[name, code] : types) {
        m_taxType->addItem(name, code);
        m_taxType->setItemData(m_taxType->count() - 1, code, Qt::ToolTipRole);
    }
    m_taxCountry = lineEdit(tax, QStringLiteral("taxCountryEdit"), tr("Tax id country"), 2);
    m_taxCountry->setPlaceholderText(tr("DE"));
    m_taxValue = lineEdit(tax, QStringLiteral("taxValueEdit"), tr("Tax id"), 64);
    // The type's country (where it has only one) and an example of its form as a hint.
    const auto hintTaxId = [this] {
        const QString code = m_taxType->currentData().toString();
        const TaxIdType *type = TaxIdFormats::find(code);
        if (type && type->countries.size() == 1 && m_taxCountry->text().trimmed().isEmpty())
            m_taxCountry->setText(type->countries.constFirst());
        const QString example = TaxIdFormats::example(code, m_taxCountry->text().trimmed().toUpper());
        m_taxValue->setPlaceholderText(example.isEmpty() ? QString() : tr("such as %1").arg(example));
    };
    connect(m_taxType, &QComboBox::currentIndexChanged, this, hintTaxId);
    connect(m_taxCountry, &QLineEdit::textChanged, this, hintTaxId);
    m_metadata = new QPlainTextEdit(tax);
    m_metadata->setObjectName(QStringLiteral("metadataEdit"));
    m_metadata->setAccessibleName(tr("Metadata"));
    m_metadata->setPlaceholderText(tr("key=value, one a line"));
    taxForm->addRow(tr("Tax id type:"), m_taxType);
    taxForm->addRow(tr("Tax id country:"), m_taxCountry);
    taxForm->addRow(tr("Tax id:"), m_taxValue);
    m_taxRates = new QListWidget(tax);
    m_taxRates->setObjectName(QStringLiteral("customerTaxRates"));
    m_taxRates->setAccessibleName(tr("Tax rates of the customer"));
    m_taxRates->setToolTip(tr("The rates checked apply to every line of the customer's invoices."));
    m_taxRates->setMaximumHeight(110);
    taxForm->addRow(tr("Tax &rates:"), m_taxRates);
    taxForm->addRow(tr("Metadata:"), m_metadata);
    tabs->addTab(tax, tr("Tax and metadata"));

    m_errors = new QLabel(this);
    m_errors->setObjectName(QStringLiteral("errorLabel"));
    m_errors->setWordWrap(true);
    m_errors->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_errors->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("okButton"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(existing ? tr("Save") : tr("Create customer"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &CustomerDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &CustomerDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(tabs);
    layout->addWidget(m_errors);
    layout->addWidget(m_buttons);

    m_fieldWidgets = {{QStringLiteral("name"), m_name},
                      {QStringLiteral("external_customer_id"), m_externalId},
                      {QStringLiteral("email"), m_email},
                      {QStringLiteral("currency"), m_currency},
                      {QStringLiteral("timezone"), m_timezone},
                      {QStringLiteral("net_terms"), m_netTerms},
                      {QStringLiteral("document_language"), m_language},
                      {QStringLiteral("billing_address.country"), m_billing.country},
                      {QStringLiteral("shipping_address.country"), m_shipping.country},
                      {QStringLiteral("tax_id.type"), m_taxType},
                      {QStringLiteral("tax_id.country"), m_taxCountry},
                      {QStringLiteral("tax_id.value"), m_taxValue}};

    if (existing) {
        load(*existing);
        m_timezone->setEnabled(false);
        m_currency->setEnabled(existing->currency.isEmpty());
    }
    resize(520, sizeHint().height());
    // The dialog opens ready for typing the name, not on its tab bar.
    m_name->setFocus();
}

QWidget *CustomerDialog::buildAddress(AddressFields &f, const QString &prefix)
{
    auto *w = new QWidget(this);
    auto *form = new QFormLayout(w);
    form->setContentsMargins(0, 0, 0, 0);
    f.line1 = lineEdit(w, prefix + QStringLiteral("Line1Edit"), tr("Address line 1"), 200);
    f.line2 = lineEdit(w, prefix + QStringLiteral("Line2Edit"), tr("Address line 2"), 200);
    f.city = lineEdit(w, prefix + QStringLiteral("CityEdit"), tr("City"), 200);
    f.state = lineEdit(w, prefix + QStringLiteral("StateEdit"), tr("State or region"), 200);
    f.postalCode = lineEdit(w, prefix + QStringLiteral("PostalCodeEdit"), tr("Postal code"), 200);
    f.country = lineEdit(w, prefix + QStringLiteral("CountryEdit"), tr("Country code"), 2);
    f.country->setPlaceholderText(tr("US"));
    form->addRow(tr("Line 1:"), f.line1);
    form->addRow(tr("Line 2:"), f.line2);
    form->addRow(tr("City:"), f.city);
    form->addRow(tr("State:"), f.state);
    form->addRow(tr("Postal code:"), f.postalCode);
    form->addRow(tr("Country:"), f.country);
    return w;
}

void CustomerDialog::load(const Customer &c)
{
    m_name->setText(c.name);
    m_externalId->setText(c.externalCustomerId);
    m_email->setText(c.email);
    m_currency->setCurrentIndex(std::max(0, m_currency->findData(c.currency)));
    m_timezone->setCurrentText(c.timezone);
    m_netTerms->setValue(c.netTerms.value_or(-1));
    if (m_language->findData(c.documentLanguage) < 0) // a language with a territory, "de_CH"
        m_language->addItem(c.documentLanguage, c.documentLanguage);
    m_language->setCurrentIndex(m_language->findData(c.documentLanguage));
    auto fill = [](const AddressFields &f, const Address &a) {
        f.line1->setText(a.line1);
        f.line2->setText(a.line2);
        f.city->setText(a.city);
        f.state->setText(a.state);
        f.postalCode->setText(a.postalCode);
        f.country->setText(a.country);
    };
    fill(m_billing, c.billingAddress);
    fill(m_shipping, c.shippingAddress);
    m_taxType->setCurrentIndex(std::max(0, m_taxType->findData(c.taxId.type)));
    m_taxCountry->setText(c.taxId.country);
    m_taxValue->setText(c.taxId.value);
    QStringList lines;
    for (auto it = c.metadata.constBegin(); it != c.metadata.constEnd(); ++it)
        lines << it.key() + QLatin1Char('=') + it.value();
    m_metadata->setPlainText(lines.join(QLatin1Char('\n')));
}

Address CustomerDialog::readAddress(const AddressFields &f)
{
    return {f.line1->text().trimmed(), f.line2->text().trimmed(),      f.city->text().trimmed(),
            f.state->text().trimmed(), f.postalCode->text().trimmed(), f.country->text().trimmed().toUpper()};
}

Customer CustomerDialog::collect() const
{
    Customer c = m_existing.value_or(Customer{});
    c.name = m_name->text().trimmed();
    c.externalCustomerId = m_externalId->text().trimmed();
    c.email = m_email->text().trimmed();
    c.currency = m_currency->currentData().toString();
    c.timezone = m_timezone->currentText().trimmed();
    c.netTerms = m_netTerms->value() < 0 ? std::nullopt : std::optional<int>(m_netTerms->value());
    c.documentLanguage = m_language->currentData().toString();
    c.billingAddress = readAddress(m_billing);
    c.shippingAddress = readAddress(m_shipping);
    c.taxId = {m_taxCountry->text().trimmed().toUpper(), m_taxType->currentData().toString(), m_taxValue->text().trimmed()};
    c.metadata.clear();
    const QStringList lines = m_metadata->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &line : lines) {
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (eq > 0)
            c.metadata.insert(line.left(eq).trimmed(), line.mid(eq + 1).trimmed());
        else
            c.metadata.insert(line.trimmed(), QString()); // reported by validation as a key without value
    }
    return c;
}

void CustomerDialog::clearErrors()
{
    m_errors->hide();
    for (QWidget *w : std::as_const(m_fieldWidgets)) {
        w->setProperty("invalid", false);
        w->setStyleSheet(QString());
    }
}

void CustomerDialog::showErrors(const QString &summary, const FieldErrors &errors)
{
    QStringList lines;
    for (const FieldError &e : errors) {
        lines << e.toString().toHtmlEscaped();
        if (QWidget *w = m_fieldWidgets.value(e.path)) {
            w->setProperty("invalid", true);
            w->setStyleSheet(QStringLiteral("border: 1px solid #b3261e;"));
        }
    }
    QString heading = summary;
    if (!heading.isEmpty())
        heading[0] = heading[0].toUpper(); // the services' messages are written to follow "orbctl: "
    m_errors->setText(QStringLiteral("<b>%1</b>").arg(heading.toHtmlEscaped())
                      + (lines.isEmpty() ? QString() : QStringLiteral("<br>") + lines.join(QStringLiteral("<br>"))));
    m_errors->show();
}

void CustomerDialog::setTaxRates(const QList<TaxRateRecord> &rates, const QStringList &assignedIds)
{
    m_taxRates->clear();
    for (const TaxRateRecord &r : rates) {
        const bool assigned = assignedIds.contains(r.id);
        if (r.archivedAt.isValid() && !assigned)
            continue;
        auto *item = new QListWidgetItem(r.archivedAt.isValid() ? tr("%1 (%2, archived)").arg(r.name, LocaleFormat::percent(r.percentage))
                                                                : tr("%1 (%2)").arg(r.name, LocaleFormat::percent(r.percentage)),
                                         m_taxRates);
        item->setData(Qt::UserRole, r.id);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(assigned ? Qt::Checked : Qt::Unchecked);
    }
    if (m_taxRates->count() == 0)
        new QListWidgetItem(tr("No tax rates yet: create them on the Tax rates screen."), m_taxRates);
}

QStringList CustomerDialog::chosenTaxRateIds() const
{
    QStringList ids;
    for (int i = 0; i < m_taxRates->count(); ++i) {
        const QListWidgetItem *item = m_taxRates->item(i);
        if (!item->data(Qt::UserRole).toString().isEmpty() && item->checkState() == Qt::Checked)
            ids << item->data(Qt::UserRole).toString();
    }
    return ids;
}

void CustomerDialog::accept()
{
    clearErrors();
    Customer c = collect();
    for (auto it = c.metadata.constBegin(); it != c.metadata.constEnd(); ++it) {
        if (it.value().isEmpty()) {
            showErrors(tr("Please correct the metadata."), {{QStringLiteral("metadata"), tr("\"%1\" needs a value: write key=value").arg(it.key())}});
            return;
        }
    }
    try {
        if (m_existing) {
            CustomerPatch p;
            p.name = c.name;
            p.email = c.email;
            p.externalCustomerId = c.externalCustomerId;
            if (m_existing->currency.isEmpty() && !c.currency.isEmpty())
                p.currency = c.currency;
            p.netTerms = c.netTerms;
            p.documentLanguage = c.documentLanguage;
            p.billingAddress = c.billingAddress;
            p.shippingAddress = c.shippingAddress;
            p.taxId = c.taxId;
            QMap<QString, QString> meta = c.metadata;
            for (auto it = m_existing->metadata.constBegin(); it != m_existing->metadata.constEnd(); ++it)
                if (!meta.contains(it.key()))
                    meta.insert(it.key(), QString()); // removed in the editor
            p.metadata = meta;
            m_result = m_service.update(m_existing->id, p);
        } else {
            m_result = m_service.create(c);
        }
    } catch (const ServiceError &e) {
        showErrors(e.message(), e.errors());
        return;
    }
    QDialog::accept();
}

} // namespace orb
