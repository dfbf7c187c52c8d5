// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QStringList>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QRadioButton;

namespace orb {

/// Asks for a new webhook endpoint: its URL and the event types it receives (all, or those
/// ticked from Orb's names). The caller creates it.
class NewWebhookDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit NewWebhookDialog(QWidget *parent = nullptr);

    QString url() const;
    /// Empty: every event type.
    QStringList events() const;

private:
    void update();

    QLineEdit *m_url;
    QLabel *m_urlProblem;
    QRadioButton *m_all;
    QRadioButton *m_some;
    QListWidget *m_types;
    QPushButton *m_ok;
};

} // namespace orb
