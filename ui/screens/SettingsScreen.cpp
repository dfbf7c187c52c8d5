// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/screens/SettingsScreen.h"

#include "ui/LocaleFormat.h"

#include "engine/Clock.h"
#include "engine/Currency.h"
#include "models/CompanyFile.h"
#include "models/StorageError.h"
#include "models/SettingKeys.h"
#include "models/billing/BillingSetupService.h"
#include "models/billing/InvoiceRepository.h"
#include "models/billing/InvoiceService.h"
#include "ui/AppSettings.h"
#include "ui/Translations.h"
#include "ui/widgets/ApiSettingsPage.h"
#include "ui/widgets/ServiceCommand.h"
#include "ui/widgets/StripeKeyBox.h"

#include <QComboBox>
#include <QCompleter>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QTimeZone>
#include <QUndoStack>
#include <QVBoxLayout>

namespace orb {

namespace {

QLineEdit *field(QWidget *parent, const char *name, const QString &accessible, int maxLength = 200)
{
    auto *e = new QLineEdit(parent);
    e->setObjectName(QLatin1String(name));
    e->setAccessibleName(accessible);
    e->setMaxLength(maxLength);
    return e;
}

} // namespace

SettingsScreen::SettingsScreen(CompanyFile &file, const Clock &clock, QWidget *parent) : QWidget(parent), m_file(file), m_clock(clock)
{
    setObjectName(QStringLiteral("settingsScreen"));
    auto *company = new QGroupBox(tr("Company"), this);
    auto *cf = new QFormLayout(company);
    m_name = field(company, "companyNameEdit", tr("Company name"));
    m_email = field(company, "companyEmailEdit", tr("Company e-mail"), 254);
    m_line1 = field(company, "companyLine1Edit", tr("Address line 1"));
    m_line2 = field(company, "companyLine2Edit", tr("Address line 2"));
    m_city = field(company, "companyCityEdit", tr("City"));
    m_state = field(company, "companyStateEdit", tr("State"));
    m_postal = field(company, "companyPostalEdit", tr("Postal code"));
    m_country = field(company, "companyCountryEdit", tr("Country code"), 2);
    m_taxId = field(company, "companyTaxIdEdit", tr("Tax id"), 64);
    cf->addRow(tr("Name:"), m_name);
    cf->addRow(tr("E-mail:"), m_email);
    cf->addRow(tr("Address:"), m_line1);
    cf->addRow(QString(), m_line2);
    cf->addRow(tr("City:"), m_city);
    cf->addRow(tr("State:"), m_state);
    cf->addRow(tr("Postal code:"), m_postal);
    cf->addRow(tr("Country:"), m_country);
    cf->addRow(tr("Tax id:"), m_taxId);

    auto *billing = new QGroupBox(tr("Billing"), this);
    auto *bf = new QFormLayout(billing);
    m_currency = new QComboBox(billing);
    m_currency->setObjectName(QStringLiteral("companyCurrencyCombo"));
    m_currency->setAccessibleName(tr("Default currency"));
    for (const QString &code : Currency::codes())
        m_currency->addItem(QStringLiteral("%1 — %2").arg(code, Currency::fromCode(code)->name()), code);
    m_timezone = new QComboBox(billing);
    m_timezone->setObjectName(QStringLiteral("companyTimezoneCombo"));
    m_timezone->setAccessibleName(tr("Time zone"));
    m_timezone->setEditable(true);
    m_timezone->setInsertPolicy(QComboBox::NoInsert);
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds())
        m_timezone->addItem(QString::fromUtf8(id));
    m_timezone->completer()->setFilterMode(Qt::MatchContains);
    m_locale = new QComboBox(billing);
    m_locale->setObjectName(QStringLiteral("companyLocaleCombo"));
    m_locale->setAccessibleName(tr("Document locale"));
    for (const char *l : {"en_US", "en_GB", "en_AU", "en_CA", "de_DE", "de_AT", "de_CH", "fr_FR", "fr_CA", "es_ES",
                          "it_IT", "nl_NL", "pt_BR", "sv_SE", "nb_NO", "da_DK", "fi_FI", "pl_PL", "ja_JP", "zh_CN"}) {
        const QLocale loc(QString::fromLatin1(l));
        m_locale->addItem(QStringLiteral("%1 (%2)").arg(QLatin1String(l), loc.nativeLanguageName()), QLatin1String(l));
    }
    m_prefix = field(billing, "invoicePrefixEdit", tr("Invoice number prefix"), 16);
    m_grace = new QSpinBox(billing);
    m_grace->setObjectName(QStringLiteral("graceSpin"));
    const IntSettingRule &grace = intSettingRule(IntSetting::GracePeriodHours);
    m_grace->setRange(grace.minimum, grace.maximum);
    m_grace->setSuffix(tr(" hours"));
    m_netTerms = new QSpinBox(billing);
    m_netTerms->setObjectName(QStringLiteral("defaultNetTermsSpin"));
    const IntSettingRule &netTerms = intSettingRule(IntSetting::DefaultNetTerms);
    m_netTerms->setRange(netTerms.minimum, netTerms.maximum);
    m_netTerms->setSuffix(tr(" days"));
    bf->addRow(tr("Default currency:"), m_currency);
    bf->addRow(tr("Time zone:"), m_timezone);
    bf->addRow(tr("Document locale:"), m_locale);
    bf->addRow(tr("Invoice prefix:"), m_prefix);
    m_nextNumbers = new QLabel(billing);
    m_nextNumbers->setObjectName(QStringLiteral("nextNumbersLabel"));
    bf->addRow(tr("Next numbers:"), m_nextNumbers);
    bf->addRow(tr("Late usage grace period:"), m_grace);
    bf->addRow(tr("Default net terms:"), m_netTerms);

    auto *taxes = new QGroupBox(tr("Taxes"), this);
    auto *tf = new QVBoxLayout(taxes);
    m_taxModel = new QStandardItemModel(0, 3, this);
    m_taxModel->setHorizontalHeaderLabels({tr("Tax rate"), tr("Percentage"), tr("Applies to")});
    auto *taxView = new QTableView(taxes);
    taxView->setObjectName(QStringLiteral("taxRatesTable"));
    taxView->setAccessibleName(tr("Tax rates"));
    taxView->setModel(m_taxModel);
    taxView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    taxView->setSelectionBehavior(QAbstractItemView::SelectRows);
    taxView->verticalHeader()->hide();
    taxView->horizontalHeader()->setStretchLastSection(true);
    taxView->setMinimumHeight(120);
    auto *taxForm = new QHBoxLayout;
    m_taxName = field(taxes, "taxNameEdit", tr("New tax rate name"), 100);
    m_taxName->setPlaceholderText(tr("Name, e.g. VAT 19%"));
    m_taxPercent = field(taxes, "taxPercentEdit", tr("New tax rate percentage"), 12);
    m_taxPercent->setPlaceholderText(tr("Percentage, e.g. 19"));
    auto *addTax = new QPushButton(tr("&Add tax rate"), taxes);
    addTax->setObjectName(QStringLiteral("addTaxRateButton"));
    taxForm->addWidget(m_taxName, 2);
    taxForm->addWidget(m_taxPercent, 1);
    taxForm->addWidget(addTax);
    auto *taxHint = new QLabel(tr("A rate applies to the customers and items it is assigned to "
                                  "(`orbctl tax-rates assign`, or the customer's billing pane)."),
                               taxes);
    taxHint->setWordWrap(true);
    tf->addWidget(taxView);
    tf->addLayout(taxForm);
    tf->addWidget(taxHint);
    connect(addTax, &QPushButton::clicked, this, &SettingsScreen::addTaxRate);
    connect(m_taxPercent, &QLineEdit::returnPressed, this, &SettingsScreen::addTaxRate);

    auto *stripe = new StripeKeyBox(file, this);
    connect(stripe, &StripeKeyBox::keyChanged, this, &SettingsScreen::stripeKeyChanged);

    auto *iface = new QGroupBox(tr("This computer"), this);
    auto *inf = new QFormLayout(iface);
    m_language = new QComboBox(iface);
    m_language->setObjectName(QStringLiteral("languageCombo"));
    m_language->setAccessibleName(tr("Interface language"));
    m_language->addItem(tr("The system's language"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    for (const QString &l : Translations::available())
        m_language->addItem(QLocale(l).nativeLanguageName(), l);
    m_language->setCurrentIndex(std::max(0, m_language->findData(AppSettings().language())));
    connect(m_language, &QComboBox::activated, this, [this] {
        AppSettings().setLanguage(m_language->currentData().toString());
        m_status->setText(tr("The interface language changes when Orb is started again."));
    });
    inf->addRow(tr("Interface language:"), m_language);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("settingsStatus"));
    m_status->setWordWrap(true);
    m_save = new QPushButton(tr("&Save settings"), this);
    m_save->setObjectName(QStringLiteral("saveSettingsButton"));
    auto *revert = new QPushButton(tr("&Revert"), this);
    connect(m_save, &QPushButton::clicked, this, &SettingsScreen::save);
    connect(revert, &QPushButton::clicked, this, &SettingsScreen::load);

    auto *inner = new QWidget(this);
    auto *innerLayout = new QVBoxLayout(inner);
    auto *cols = new QHBoxLayout;
    cols->addWidget(company, 1);
    cols->addWidget(billing, 1);
    innerLayout->addLayout(cols);
    innerLayout->addWidget(m_status);
    auto *cols2 = new QHBoxLayout;
    cols2->addWidget(taxes, 1);
    auto *right = new QVBoxLayout;
    right->addWidget(stripe);
    right->addWidget(iface);
    right->addStretch();
    cols2->addLayout(right, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(revert);
    buttons->addWidget(m_save);
    innerLayout->addLayout(buttons);
    innerLayout->addLayout(cols2);
    innerLayout->addStretch();
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(inner);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    // Settings › API: the API server, keys and webhooks, a page of their own.
    auto *tabs = new QTabWidget(this);
    tabs->setObjectName(QStringLiteral("settingsTabs"));
    tabs->setDocumentMode(true);
    tabs->addTab(scroll, tr("Company"));
    m_api = new ApiSettingsPage(file, clock, tabs);
    tabs->addTab(m_api, tr("API"));
    tabs->setTabToolTip(1, tr("Serve Orb's REST API from this window; API keys and webhook endpoints"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(tabs);

    if (file.isReadOnly()) {
        inner->setEnabled(false);
        m_status->setText(tr("This company file is read-only; settings cannot be changed."));
    }
    load();
}

void SettingsScreen::load()
{
    const CompanySettings s = m_file.settings();
    m_name->setText(s.name);
    m_email->setText(s.email);
    m_line1->setText(s.addressLine1);
    m_line2->setText(s.addressLine2);
    m_city->setText(s.city);
    m_state->setText(s.state);
    m_postal->setText(s.postalCode);
    m_country->setText(s.country);
    m_taxId->setText(s.taxId);
    m_currency->setCurrentIndex(m_currency->findData(s.defaultCurrency));
    m_timezone->setCurrentText(s.timezone);
    int li = m_locale->findData(s.documentLocale);
    if (li < 0) {
        m_locale->addItem(s.documentLocale, s.documentLocale);
        li = m_locale->count() - 1;
    }
    m_locale->setCurrentIndex(li);
    m_prefix->setText(s.invoicePrefix);
    m_grace->setValue(m_file.setting(IntSetting::GracePeriodHours));
    m_netTerms->setValue(m_file.setting(IntSetting::DefaultNetTerms));
    const InvoiceRepository numbers(m_file.db());
    m_nextNumbers->setText(tr("invoice %1, credit note %2")
                               .arg(InvoiceService::formatNumber(s.invoicePrefix, numbers.lastNumber(QStringLiteral("invoice")) + 1, false),
                                    InvoiceService::formatNumber(s.invoicePrefix, numbers.lastNumber(QStringLiteral("credit_note")) + 1, true)));
    loadTaxRates();
}

void SettingsScreen::loadTaxRates()
{
    m_taxModel->removeRows(0, m_taxModel->rowCount());
    for (const TaxRateRecord &r : BillingSetupService::loadTaxRates(m_file.db())) {
        QStringList scope;
        if (!r.customerIds.isEmpty())
            scope << tr("%Ln customer(s)", nullptr, int(r.customerIds.size()));
        if (!r.itemIds.isEmpty())
            scope << tr("%Ln item(s)", nullptr, int(r.itemIds.size()));
        auto *pct = new QStandardItem(LocaleFormat::percent(r.percentage));
        pct->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_taxModel->appendRow({new QStandardItem(r.name), pct, new QStandardItem(scope.isEmpty() ? tr("not assigned yet") : scope.join(QStringLiteral(", ")))});
    }
}

void SettingsScreen::addTaxRate()
{
    try {
        const TaxRateRecord r = BillingSetupService(m_file, m_clock).createTaxRate(m_taxName->text(), [this] {
            // Typed in the locale's form ("7,25", a trailing "%" allowed), read in the canonical one.
            QString t = m_taxPercent->text().trimmed();
            if (t.endsWith(QLatin1Char('%')))
                t.chop(1);
            return LocaleFormat::canonicalDecimal(t);
        }());
        m_taxName->clear();
        m_taxPercent->clear();
        loadTaxRates();
        m_status->setText(tr("Tax rate \"%1\" added.").arg(r.name));
        emit settingsChanged();
    } catch (const ServiceError &e) {
        showError(e);
    }
}

void SettingsScreen::showError(const ServiceError &e)
{
    m_status->setText(QStringLiteral("<span style='color:#b3261e'><b>%1</b><br>%2</span>")
                          .arg(e.message().toHtmlEscaped(), joinErrors(e.errors()).toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"))));
}

void SettingsScreen::store(const SettingsChange &change)
{
    SettingsService(m_file, m_clock).store(change);
}

void SettingsScreen::save()
{
    CompanySettings s = m_file.settings();
    s.name = m_name->text().trimmed();
    s.email = m_email->text().trimmed();
    s.addressLine1 = m_line1->text().trimmed();
    s.addressLine2 = m_line2->text().trimmed();
    s.city = m_city->text().trimmed();
    s.state = m_state->text().trimmed();
    s.postalCode = m_postal->text().trimmed();
    s.country = m_country->text().trimmed().toUpper();
    s.taxId = m_taxId->text().trimmed();
    s.defaultCurrency = m_currency->currentData().toString();
    s.timezone = m_timezone->currentText().trimmed();
    s.documentLocale = m_locale->currentData().toString();
    s.invoicePrefix = m_prefix->text().trimmed();
    const QString graceKey = intSettingRule(IntSetting::GracePeriodHours).key;
    const QString netTermsKey = intSettingRule(IntSetting::DefaultNetTerms).key;
    const SettingsChange before = SettingsService(m_file, m_clock).current({graceKey, netTermsKey});
    const SettingsChange after{s, {{graceKey, QString::number(m_grace->value())}, {netTermsKey, QString::number(m_netTerms->value())}}};
    try {
        store(after);
    } catch (const ServiceError &e) {
        showError(e);
        return;
    }
    if (m_undo) {
        auto done = [this](const QString &error) {
            load();
            m_status->setText(error.isEmpty() ? QString() : error.toHtmlEscaped());
            emit settingsChanged();
        };
        m_undo->push(new ServiceCommand(
            tr("Change company settings"), [this, after] { store(after); }, [this, before] { store(before); }, done));
    }
    m_status->setText(tr("Settings saved."));
    load();
    emit settingsChanged();
}

} // namespace orb
