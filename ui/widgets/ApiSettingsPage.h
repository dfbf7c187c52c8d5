// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

#include <memory>

class QCheckBox;
class QLabel;
class QLineEdit;

namespace orb {

class ApiKeysBox;
class ApiServerControl;
class Clock;
class CompanyFile;
class WebhooksBox;

/**
 * Settings › API: serving Orb's REST API from the window (off by default; the switch and the
 * address are kept in the company's settings `api.serve` and `api.listen`, so the server
 * starts again when the company is opened), the API keys and the webhook endpoints.
 */
class ApiSettingsPage final : public QWidget
{
    Q_OBJECT

public:
    ApiSettingsPage(CompanyFile &file, const Clock &clock, QWidget *parent = nullptr);
    ~ApiSettingsPage() override;

    /// Whether the server is listening now.
    bool isServing() const;

public slots:
    /// Starts or stops serving, as the switch does.
    void setServing(bool serve);

signals:
    /// The server listens at `url`, or stopped (empty).
    void servingChanged(const QString &url);

private:
    void onStarted(const QString &url);
    void onFailed(const QString &message);
    void onStopped();
    /// Remembers the switch and the address in the company's settings; false when refused.
    bool remember(bool serve, const QString &listen);
    void showStatus(const QString &text, bool problem);

    CompanyFile &m_file;
    const Clock &m_clock;
    std::unique_ptr<ApiServerControl> m_server;
    QCheckBox *m_serve;
    QLineEdit *m_listen;
    QLabel *m_status;
    ApiKeysBox *m_keys;
    WebhooksBox *m_webhooks;
};

} // namespace orb
