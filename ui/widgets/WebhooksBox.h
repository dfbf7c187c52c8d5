// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QGroupBox>

class QLabel;
class QPushButton;
class QStandardItemModel;
class QTableView;
class QTimer;

namespace orb {

class Clock;
class CompanyFile;

/**
 * Settings › API: the webhook endpoints (URL, event types, enabled, their deliveries) and the
 * selected endpoint's delivery log (time, event type, event id, attempt, HTTP status, next
 * retry). Create (the signing secret shown once, kept in the system keychain), disable,
 * enable and delete go through WebhookService, as `orbctl webhooks` does.
 */
class WebhooksBox final : public QGroupBox
{
    Q_OBJECT

public:
    WebhooksBox(CompanyFile &file, const Clock &clock, QWidget *parent = nullptr);

public slots:
    void reload();
    void createEndpoint();
    /// Disables the selected endpoint, or enables it when it is disabled.
    void toggleSelected();
    void deleteSelected();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    QString selectedId() const;
    QString fingerprint() const;
    void refreshIfChanged();
    void loadLog();
    void updateButtons();
    void showStatus(const QString &text, bool problem);

    CompanyFile &m_file;
    const Clock &m_clock;
    QStandardItemModel *m_model;
    QTableView *m_view;
    QStandardItemModel *m_logModel;
    QTableView *m_log;
    QLabel *m_logTitle;
    QPushButton *m_create;
    QPushButton *m_toggle;
    QPushButton *m_delete;
    QLabel *m_status;
    QTimer *m_refresh; ///< deliveries happen meanwhile: the counts and the log follow them
    QString m_shown;   ///< fingerprint() of what the tables show
};

} // namespace orb
