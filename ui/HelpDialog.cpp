// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/HelpDialog.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QPushButton>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace orb {

HelpDialog::HelpDialog(QWidget *parent, const QLocale &locale) : QDialog(parent)
{
    setObjectName(QStringLiteral("helpDialog"));
    setWindowTitle(tr("Orb User Guide"));
    m_browser = new QTextBrowser(this);
    m_browser->setObjectName(QStringLiteral("helpBrowser"));
    m_browser->setAccessibleName(tr("User guide"));
    m_browser->setOpenExternalLinks(true);
    m_browser->setSource(QUrl(QStringLiteral("qrc") + guideFor(locale)));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *back = buttons->addButton(tr("&Back"), QDialogButtonBox::ActionRole);
    back->setObjectName(QStringLiteral("helpBack"));
    back->setEnabled(false);
    connect(m_browser, &QTextBrowser::backwardAvailable, back, &QPushButton::setEnabled);
    connect(back, &QPushButton::clicked, m_browser, &QTextBrowser::backward);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_browser, 1);
    layout->addWidget(buttons);
    // Readable beside the window on a 1280×720 screen, and not taller than one.
    resize(fontMetrics().averageCharWidth() * 100, fontMetrics().height() * 34);
    m_browser->setFocus();
}

QString HelpDialog::guideFor(const QLocale &locale)
{
    const QString own = QStringLiteral(":/help/guide_%1.html").arg(QLocale::languageToCode(locale.language()));
    return QFile::exists(own) ? own : QStringLiteral(":/help/guide_en.html");
}

} // namespace orb
