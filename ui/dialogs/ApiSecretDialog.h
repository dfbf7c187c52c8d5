// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace orb {

/**
 * A secret shown once (a new API key, a webhook signing secret): selectable, with a Copy
 * button, and the warning that Orb keeps no readable copy. Nothing else ever shows it again.
 */
class ApiSecretDialog final : public QDialog
{
    Q_OBJECT

public:
    ApiSecretDialog(const QString &title, const QString &explanation, const QString &secret, QWidget *parent = nullptr);

private:
    void copy();

    QLineEdit *m_secret;
    QPushButton *m_copy;
    QLabel *m_copied;
};

} // namespace orb
