// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QGroupBox>

class QLabel;
class QPushButton;
class QStandardItemModel;
class QTableView;

namespace orb {

class Clock;
class CompanyFile;

/**
 * Settings › API: the company's API keys (name, role, the start of the key, created, revoked),
 * never a secret; a new key's secret is shown once. Create and revoke go through
 * ApiKeyService, as `orbctl api-keys` does, each one audited action.
 */
class ApiKeysBox final : public QGroupBox
{
    Q_OBJECT

public:
    ApiKeysBox(CompanyFile &file, const Clock &clock, QWidget *parent = nullptr);

public slots:
    void reload();
    void createKey();
    void revokeSelected();

protected:
    /// Keys made or revoked meanwhile (by orbctl, say) show when the page is shown again.
    void showEvent(QShowEvent *event) override;

private:
    QString selectedId() const;
    void updateButtons();
    void showStatus(const QString &text, bool problem);

    CompanyFile &m_file;
    const Clock &m_clock;
    QStandardItemModel *m_model;
    QTableView *m_view;
    QPushButton *m_create;
    QPushButton *m_revoke;
    QLabel *m_status;
};

} // namespace orb
