// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QLocale>

class QTextBrowser;

namespace orb {

/**
 * The user guide shipped inside the program (HTML in the resources, one file per language):
 * the main tasks from setting up a catalog to connecting Stripe. It opens in the interface
 * language, English where there is no guide in it.
 */
class HelpDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit HelpDialog(QWidget *parent = nullptr, const QLocale &locale = QLocale());

    /// The resource of the guide for `locale` (":/help/guide_de.html"), English by default.
    static QString guideFor(const QLocale &locale);
    QTextBrowser *browser() const { return m_browser; }

private:
    QTextBrowser *m_browser;
};

} // namespace orb
