// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/NewCompanyWizard.h"

#include "engine/Currency.h"
#include "engine/Validation.h"

#include <QComboBox>
#include <QCompleter>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QTimeZone>
#include <QWizardPage>

namespace orb {

namespace {

class CompanyPage final : public QWizardPage
{
public:
    explicit CompanyPage(QWidget *parent) : QWizardPage(parent)
    {
        setTitle(QObject::tr("Your company"));
        setSubTitle(QObject::tr("This appears on invoices and statements. You can change it later in Settings."));
        auto *form = new QFormLayout(this);
        auto *name = new QLineEdit(this);
        name->setObjectName(QStringLiteral("wizardNameEdit"));
        auto *email = new QLineEdit(this);
        auto *line1 = new QLineEdit(this);
        auto *city = new QLineEdit(this);
        auto *postal = new QLineEdit(this);
        auto *country = new QLineEdit(this);
        country->setMaxLength(2);
        country->setPlaceholderText(QStringLiteral("US"));
        form->addRow(QObject::tr("Company na&me:"), name);
        form->addRow(QObject::tr("Billing &e-mail:"), email);
        form->addRow(QObject::tr("&Address:"), line1);
        form->addRow(QObject::tr("&City:"), city);
        form->addRow(QObject::tr("&Postal code:"), postal);
        form->addRow(QObject::tr("C&ountry code:"), country);
        registerField(QStringLiteral("name*"), name);
        registerField(QStringLiteral("email"), email);
        registerField(QStringLiteral("line1"), line1);
        registerField(QStringLiteral("city"), city);
        registerField(QStringLiteral("postal"), postal);
        registerField(QStringLiteral("country"), country);
    }

    bool validatePage() override
    {
        const QString email = field(QStringLiteral("email")).toString().trimmed();
        if (!email.isEmpty() && !validation::isEmail(email)) {
            QMessageBox::warning(this, QObject::tr("Check the e-mail"), QObject::tr("\"%1\" is not an e-mail address.").arg(email));
            return false;
        }
        const QString country = field(QStringLiteral("country")).toString().trimmed().toUpper();
        if (!country.isEmpty() && !validation::isCountryCode(country)) {
            QMessageBox::warning(this, QObject::tr("Check the country"), QObject::tr("\"%1\" is not a two-letter country code such as US or DE.").arg(country));
            return false;
        }
        return true;
    }
};

class BillingPage final : public QWizardPage
{
public:
    explicit BillingPage(QWidget *parent) : QWizardPage(parent)
    {
        setTitle(QObject::tr("Billing"));
        setSubTitle(QObject::tr("The currency and time zone new customers start with, and how invoices are numbered."));
        auto *form = new QFormLayout(this);
        auto *currency = new QComboBox(this);
        for (const QString &code : Currency::codes())
            currency->addItem(QStringLiteral("%1 — %2").arg(code, Currency::fromCode(code)->name()), code);
        currency->setCurrentIndex(currency->findData(QStringLiteral("USD")));
        auto *tz = new QComboBox(this);
        tz->setEditable(true);
        tz->setInsertPolicy(QComboBox::NoInsert);
        for (const QByteArray &id : QTimeZone::availableTimeZoneIds())
            tz->addItem(QString::fromUtf8(id));
        tz->completer()->setFilterMode(Qt::MatchContains);
        tz->setCurrentText(QString::fromUtf8(QTimeZone::systemTimeZoneId()));
        auto *prefix = new QLineEdit(QStringLiteral("INV-"), this);
        prefix->setMaxLength(16);
        auto *locale = new QComboBox(this);
        for (const char *l : {"en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "ja_JP"})
            locale->addItem(QLatin1String(l), QLatin1String(l));
        form->addRow(QObject::tr("&Currency:"), currency);
        form->addRow(QObject::tr("&Time zone:"), tz);
        form->addRow(QObject::tr("Invoice &prefix:"), prefix);
        form->addRow(QObject::tr("Document &locale:"), locale);
        registerField(QStringLiteral("currency"), currency, "currentData");
        registerField(QStringLiteral("timezone"), tz, "currentText");
        registerField(QStringLiteral("prefix"), prefix);
        registerField(QStringLiteral("locale"), locale, "currentData");
    }

    bool validatePage() override
    {
        if (!validation::isTimeZone(field(QStringLiteral("timezone")).toString().trimmed())) {
            QMessageBox::warning(this, QObject::tr("Check the time zone"), QObject::tr("Choose a time zone from the list, such as Europe/Berlin."));
            return false;
        }
        return true;
    }
};

class FilePage final : public QWizardPage
{
public:
    explicit FilePage(QWidget *parent) : QWizardPage(parent)
    {
        setTitle(QObject::tr("Company file"));
        setSubTitle(QObject::tr("All of the company's books live in this one file. Keep it backed up."));
        auto *path = new QLineEdit(this);
        path->setObjectName(QStringLiteral("wizardPathEdit"));
        const QString docs = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
        path->setText(QDir(docs.isEmpty() ? QDir::homePath() : docs).filePath(QStringLiteral("Company.orb")));
        auto *browse = new QPushButton(QObject::tr("&Browse…"), this);
        QObject::connect(browse, &QPushButton::clicked, this, [this, path] {
            const QString f = QFileDialog::getSaveFileName(this, QObject::tr("New company file"), path->text(), QObject::tr("Orb company files (*.orb)"));
            if (!f.isEmpty())
                path->setText(f.endsWith(QLatin1String(".orb")) ? f : f + QStringLiteral(".orb"));
        });
        auto *row = new QHBoxLayout;
        row->addWidget(path, 1);
        row->addWidget(browse);
        auto *form = new QFormLayout(this);
        form->addRow(QObject::tr("&File:"), row);
        registerField(QStringLiteral("path*"), path);
    }

    bool validatePage() override
    {
        const QString p = field(QStringLiteral("path")).toString().trimmed();
        if (QFileInfo::exists(p)) {
            QMessageBox::warning(this, QObject::tr("File exists"), QObject::tr("%1 already exists. Orb does not overwrite files; choose another name.").arg(p));
            return false;
        }
        return true;
    }
};

} // namespace

NewCompanyWizard::NewCompanyWizard(QWidget *parent) : QWizard(parent)
{
    setObjectName(QStringLiteral("newCompanyWizard"));
    setWindowTitle(tr("New company"));
    addPage(new CompanyPage(this));
    addPage(new BillingPage(this));
    addPage(new FilePage(this));
}

QString NewCompanyWizard::filePath() const
{
    return field(QStringLiteral("path")).toString().trimmed();
}
QString NewCompanyWizard::companyName() const
{
    return field(QStringLiteral("name")).toString().trimmed();
}
QString NewCompanyWizard::email() const
{
    return field(QStringLiteral("email")).toString().trimmed();
}
QString NewCompanyWizard::addressLine1() const
{
    return field(QStringLiteral("line1")).toString().trimmed();
}
QString NewCompanyWizard::city() const
{
    return field(QStringLiteral("city")).toString().trimmed();
}
QString NewCompanyWizard::postalCode() const
{
    return field(QStringLiteral("postal")).toString().trimmed();
}
QString NewCompanyWizard::country() const
{
    return field(QStringLiteral("country")).toString().trimmed().toUpper();
}
QString NewCompanyWizard::currency() const
{
    return field(QStringLiteral("currency")).toString();
}
QString NewCompanyWizard::timezone() const
{
    return field(QStringLiteral("timezone")).toString().trimmed();
}
QString NewCompanyWizard::invoicePrefix() const
{
    return field(QStringLiteral("prefix")).toString().trimmed();
}
QString NewCompanyWizard::documentLocale() const
{
    return field(QStringLiteral("locale")).toString();
}

} // namespace orb
