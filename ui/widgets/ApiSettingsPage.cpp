// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/ApiSettingsPage.h"

#include "models/CompanyFile.h"
#include "models/SettingKeys.h"
#include "models/SettingsService.h"
#include "models/StorageError.h"
#include "ui/widgets/ApiKeysBox.h"
#include "ui/widgets/ApiServerControl.h"
#include "ui/widgets/WebhooksBox.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QTimer>
#include <QVBoxLayout>

namespace orb {

namespace {

const QString kServeKey = QStringLiteral("api.serve");
const QString kListenKey = QStringLiteral("api.listen");

} // namespace

ApiSettingsPage::ApiSettingsPage(CompanyFile &file, const Clock &clock, QWidget *parent)
    : QWidget(parent), m_file(file), m_clock(clock), m_server(ApiServerControl::make(file, clock))
{
    setObjectName(QStringLiteral("apiSettingsPage"));
    auto *serverBox = new QGroupBox(tr("API server"), this);
    serverBox->setObjectName(QStringLiteral("apiServerBox"));
    m_serve = new QCheckBox(tr("Serve Orb's REST API from &this window"), serverBox);
    m_serve->setObjectName(QStringLiteral("apiServeCheck"));
    m_serve->setToolTip(tr("While this company is open here, products and scripts can send usage and read the books through Orb's API"));
    m_serve->setAccessibleName(tr("Serve the API"));
    m_listen = new QLineEdit(serverBox);
    m_listen->setObjectName(QStringLiteral("apiListenEdit"));
    m_listen->setAccessibleName(tr("Listen address"));
    m_listen->setToolTip(tr("HOST:PORT on this computer, e.g. 127.0.0.1:8710 (port 0 picks a free one)"));
    m_listen->setMaxLength(64);
    m_listen->setMaximumWidth(m_listen->fontMetrics().horizontalAdvance(QStringLiteral("[::1]:655350")) * 2);
    m_status = new QLabel(serverBox);
    m_status->setObjectName(QStringLiteral("apiServerStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *hint = new QLabel(tr("The same API as <tt>orbctl serve</tt>: Orb's official SDKs and connectors work with it when their base "
                               "URL is this address followed by <tt>/v1</tt>. Webhooks are delivered while it serves. "
                               "<tt>orbctl</tt> keeps working on this company meanwhile."),
                            serverBox);
    hint->setWordWrap(true);
    auto *listenLabel = new QLabel(tr("Listen &on:"), serverBox);
    listenLabel->setBuddy(m_listen);
    auto *form = new QFormLayout(serverBox);
    form->addRow(m_serve);
    form->addRow(listenLabel, m_listen);
    form->addRow(m_status);
    form->addRow(hint);

    m_keys = new ApiKeysBox(file, clock, this);
    m_webhooks = new WebhooksBox(file, clock, this);

    auto *inner = new QWidget(this);
    auto *innerLayout = new QVBoxLayout(inner);
    innerLayout->addWidget(serverBox);
    innerLayout->addWidget(m_keys);
    innerLayout->addWidget(m_webhooks);
    innerLayout->addStretch();
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(inner);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setAccessibleName(tr("API settings"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);

    const std::optional<SettingKey> listenKey = findSettingKey(kListenKey);
    m_listen->setText(m_file.setting(kListenKey, listenKey ? listenKey->defaultValue : QString()));
    const bool remembered = m_file.setting(kServeKey, QStringLiteral("off")) == QLatin1String("on");
    if (!m_server) {
        m_serve->setEnabled(false);
        m_listen->setEnabled(false);
        showStatus(tr("This program cannot serve the API; run <tt>orbctl serve</tt> instead."), false);
    } else if (m_file.isReadOnly()) {
        m_serve->setEnabled(false);
        m_listen->setEnabled(false);
        showStatus(tr("This company file is open read-only: the API is not served from here."), false);
    } else {
        connect(m_server.get(), &ApiServerControl::started, this, &ApiSettingsPage::onStarted);
        connect(m_server.get(), &ApiServerControl::failed, this, &ApiSettingsPage::onFailed);
        connect(m_server.get(), &ApiServerControl::stopped, this, &ApiSettingsPage::onStopped);
        // Beside the address it serves at, not instead of it.
        connect(m_server.get(), &ApiServerControl::warning, this, [this](const QString &message) {
            m_status->setText(m_status->text() + QStringLiteral("<br><span style='color:#b3261e'>%1</span>").arg(message.toHtmlEscaped()));
        });
        // Only the status: the company's own connection may not be back yet to store anything.
        connect(m_server.get(), &ApiServerControl::resumed, this,
                [this](const QString &url) { showStatus(tr("Listening on %1 (SDK base URL: %1/v1)").arg(url), false); });
        connect(m_serve, &QCheckBox::clicked, this, &ApiSettingsPage::setServing);
        showStatus(tr("Not serving."), false);
        if (remembered) // as it was when the company was last open here
            QTimer::singleShot(0, this, [this] { setServing(true); });
    }
}

ApiSettingsPage::~ApiSettingsPage() = default;

bool ApiSettingsPage::isServing() const
{
    return m_server && m_server->isRunning();
}

void ApiSettingsPage::setServing(bool serve)
{
    if (!m_server)
        return;
    if (!serve) {
        m_server->stop();
        remember(false, m_listen->text().trimmed());
        return;
    }
    const QString listen = m_listen->text().trimmed();
    // The settings' own rule (a loopback HOST:PORT) before anything listens.
    if (const std::optional<SettingKey> key = findSettingKey(kListenKey)) {
        if (const QString problem = key->validate(listen); !problem.isEmpty()) {
            onFailed(tr("The listen address \"%1\" %2.").arg(listen, problem));
            return;
        }
    }
    m_serve->setChecked(true);
    m_listen->setEnabled(false);
    showStatus(tr("Starting on %1…").arg(listen.toHtmlEscaped()), false);
    m_server->start(listen);
}

void ApiSettingsPage::onStarted(const QString &url)
{
    m_serve->setChecked(true);
    m_listen->setEnabled(false);
    showStatus(tr("Listening on %1 (SDK base URL: %1/v1)").arg(url), false);
    remember(true, m_listen->text().trimmed());
    emit servingChanged(url);
}

void ApiSettingsPage::onFailed(const QString &message)
{
    m_serve->setChecked(false);
    m_listen->setEnabled(true);
    showStatus(tr("Not serving: %1").arg(message), true);
    emit servingChanged(QString());
}

void ApiSettingsPage::onStopped()
{
    m_serve->setChecked(false);
    m_listen->setEnabled(true);
    showStatus(tr("Not serving."), false);
    emit servingChanged(QString());
}

bool ApiSettingsPage::remember(bool serve, const QString &listen)
{
    try {
        SettingsService settings(m_file, m_clock);
        SettingsChange change = settings.current({});
        change.values = {{kServeKey, serve ? QStringLiteral("on") : QStringLiteral("off")}, {kListenKey, listen}};
        settings.store(change);
        return true;
    } catch (const ServiceError &e) {
        showStatus(tr("The API setting was not saved: %1").arg(e.message()), true);
        return false;
    }
}

void ApiSettingsPage::showStatus(const QString &text, bool problem)
{
    m_status->setText(problem ? QStringLiteral("<span style='color:#b3261e'>%1</span>").arg(text.toHtmlEscaped()) : text);
}

} // namespace orb
