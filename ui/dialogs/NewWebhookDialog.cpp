// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/NewWebhookDialog.h"

#include "models/api/WebhookService.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace orb {

NewWebhookDialog::NewWebhookDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("newWebhookDialog"));
    setWindowTitle(tr("New webhook endpoint"));
    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("webhookUrlEdit"));
    m_url->setAccessibleName(tr("Endpoint URL"));
    m_url->setPlaceholderText(tr("https://hooks.example.com/orb"));
    m_url->setMaxLength(2000);
    m_urlProblem = new QLabel(this);
    m_urlProblem->setObjectName(QStringLiteral("webhookUrlProblem"));
    m_urlProblem->setWordWrap(true);
    m_all = new QRadioButton(tr("&All event types"), this);
    m_all->setObjectName(QStringLiteral("webhookAllEvents"));
    m_some = new QRadioButton(tr("&Only these:"), this);
    m_some->setObjectName(QStringLiteral("webhookSomeEvents"));
    m_all->setChecked(true);
    m_types = new QListWidget(this);
    m_types->setObjectName(QStringLiteral("webhookEventTypes"));
    m_types->setAccessibleName(tr("Event types"));
    for (const QString &type : WebhookService::eventTypes()) {
        // Orb's own names: receivers switch on them, so they are shown as sent.
        auto *item = new QListWidgetItem(type, m_types);
        item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled);
        item->setCheckState(Qt::Unchecked);
    }
    auto *urlLabel = new QLabel(tr("&URL:"), this);
    urlLabel->setBuddy(m_url);
    auto *form = new QFormLayout;
    form->addRow(urlLabel, m_url);
    form->addRow(QString(), m_urlProblem);
    auto *hint = new QLabel(tr("Orb POSTs each event there, signed with a secret shown once after this step. The address must start with https://, "
                               "except for one on this computer."),
                            this);
    hint->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Add endpoint"));
    m_ok->setObjectName(QStringLiteral("addWebhookOkButton"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(hint);
    layout->addWidget(m_all);
    layout->addWidget(m_some);
    layout->addWidget(m_types, 1);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_url, &QLineEdit::textChanged, this, &NewWebhookDialog::update);
    connect(m_all, &QRadioButton::toggled, this, [this](bool all) {
        if (all)
            for (int i = 0; i < m_types->count(); ++i)
                m_types->item(i)->setCheckState(Qt::Unchecked);
        update();
    });
    connect(m_types, &QListWidget::itemChanged, this, [this] {
        if (!events().isEmpty())
            m_some->setChecked(true);
        update();
    });
    setMinimumWidth(480);
    update();
}

QString NewWebhookDialog::url() const
{
    return m_url->text().trimmed();
}

QStringList NewWebhookDialog::events() const
{
    QStringList out;
    for (int i = 0; i < m_types->count(); ++i)
        if (m_types->item(i)->checkState() == Qt::Checked)
            out << m_types->item(i)->text();
    return out;
}

void NewWebhookDialog::update()
{
    const QString problem = url().isEmpty() ? QString() : WebhookService::urlProblem(url());
    m_urlProblem->setText(problem.isEmpty() ? QString() : QStringLiteral("<span style='color:#b3261e'>%1</span>").arg(problem.toHtmlEscaped()));
    m_urlProblem->setVisible(!problem.isEmpty());
    m_ok->setEnabled(!url().isEmpty() && problem.isEmpty() && (m_all->isChecked() || !events().isEmpty()));
}

} // namespace orb
