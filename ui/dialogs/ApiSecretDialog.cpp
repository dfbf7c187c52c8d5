// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/ApiSecretDialog.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace orb {

ApiSecretDialog::ApiSecretDialog(const QString &title, const QString &explanation, const QString &secret, QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("apiSecretDialog"));
    setWindowTitle(title);
    auto *text = new QLabel(explanation, this);
    text->setWordWrap(true);
    m_secret = new QLineEdit(secret, this);
    m_secret->setObjectName(QStringLiteral("secretEdit"));
    m_secret->setAccessibleName(tr("Secret"));
    m_secret->setReadOnly(true);
    m_secret->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_secret->setMinimumWidth(m_secret->fontMetrics().horizontalAdvance(secret) + 24);
    m_copy = new QPushButton(tr("&Copy"), this);
    m_copy->setObjectName(QStringLiteral("copySecretButton"));
    m_copy->setToolTip(tr("Copy the secret to the clipboard"));
    m_copy->setAccessibleName(tr("Copy the secret"));
    auto *row = new QHBoxLayout;
    row->addWidget(m_secret, 1);
    row->addWidget(m_copy);
    auto *warning = new QLabel(tr("<b>This is the only time it is shown.</b> Orb keeps no readable copy: store it now where it is needed "
                                  "(a password manager, the product's configuration). If it is lost, make a new one."),
                               this);
    warning->setObjectName(QStringLiteral("secretWarning"));
    warning->setWordWrap(true);
    m_copied = new QLabel(this);
    m_copied->setObjectName(QStringLiteral("secretCopiedLabel"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setText(tr("I have stored it"));
    buttons->button(QDialogButtonBox::Close)->setObjectName(QStringLiteral("secretDoneButton"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addLayout(row);
    layout->addWidget(m_copied);
    layout->addWidget(warning);
    layout->addWidget(buttons);
    connect(m_copy, &QPushButton::clicked, this, &ApiSecretDialog::copy);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::accept);
    m_secret->selectAll();
    m_copy->setFocus();
}

void ApiSecretDialog::copy()
{
    QGuiApplication::clipboard()->setText(m_secret->text());
    m_copied->setText(tr("Copied to the clipboard."));
}

} // namespace orb
