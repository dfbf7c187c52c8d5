// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/NewApiKeyDialog.h"

#include "models/api/ApiKeyService.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace orb {

NewApiKeyDialog::NewApiKeyDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("newApiKeyDialog"));
    setWindowTitle(tr("New API key"));
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("apiKeyNameEdit"));
    m_name->setAccessibleName(tr("Key name"));
    m_name->setPlaceholderText(tr("Who or what uses it, e.g. product backend"));
    m_name->setMaxLength(200);
    m_role = new QComboBox(this);
    m_role->setObjectName(QStringLiteral("apiKeyRoleCombo"));
    m_role->setAccessibleName(tr("Key role"));
    for (const QString &role : ApiKeyService::roles())
        m_role->addItem(role, role);
    // The least a product needs to send usage is the default; people choose more on purpose.
    m_role->setCurrentIndex(std::max(0, m_role->findData(QStringLiteral("ingest"))));
    m_roleHelp = new QLabel(this);
    m_roleHelp->setObjectName(QStringLiteral("apiKeyRoleHelp"));
    m_roleHelp->setWordWrap(true);
    auto *form = new QFormLayout;
    auto *nameLabel = new QLabel(tr("&Name:"), this);
    nameLabel->setBuddy(m_name);
    auto *roleLabel = new QLabel(tr("&Role:"), this);
    roleLabel->setBuddy(m_role);
    form->addRow(nameLabel, m_name);
    form->addRow(roleLabel, m_role);
    form->addRow(QString(), m_roleHelp);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Create key"));
    m_ok->setObjectName(QStringLiteral("createApiKeyButton"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &NewApiKeyDialog::update);
    connect(m_role, &QComboBox::currentIndexChanged, this, &NewApiKeyDialog::update);
    setMinimumWidth(460);
    update();
}

QString NewApiKeyDialog::name() const
{
    return m_name->text().trimmed();
}

QString NewApiKeyDialog::role() const
{
    return m_role->currentData().toString();
}

QString NewApiKeyDialog::roleDescription(const QString &role)
{
    if (role == QLatin1String("ingest"))
        return tr("Sends usage events and pings only; every other request is refused. For a product that reports usage.");
    if (role == QLatin1String("billing"))
        return tr("Reads and changes customers, subscriptions and invoices, and sends usage.");
    if (role == QLatin1String("admin"))
        return tr("Everything the API offers.");
    return {};
}

void NewApiKeyDialog::update()
{
    m_roleHelp->setText(roleDescription(role()));
    m_ok->setEnabled(!name().isEmpty());
}

} // namespace orb
