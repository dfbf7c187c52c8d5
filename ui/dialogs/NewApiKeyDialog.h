// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace orb {

/// Asks for a new API key's name (who or what uses it) and role; the caller creates it.
class NewApiKeyDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit NewApiKeyDialog(QWidget *parent = nullptr);

    QString name() const;
    /// admin, billing or ingest
    QString role() const;
    /// What a role may do, for people.
    static QString roleDescription(const QString &role);

private:
    void update();

    QLineEdit *m_name;
    QComboBox *m_role;
    QLabel *m_roleHelp;
    QPushButton *m_ok;
};

} // namespace orb
