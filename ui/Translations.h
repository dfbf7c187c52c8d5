// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLocale>
#include <QStringList>

class QCoreApplication;

namespace orb {

/**
 * The program's translations: Orb's own (compiled from translations/orb_*.ts into the binary)
 * and Qt's (standard dialogs and buttons, from the system's Qt translations when installed).
 */
class Translations final
{
public:
    /// The languages Orb ships besides English, as locale names ("de").
    static QStringList available();
    /// Installs the translators for `language` ("de", "en"), or for the system's locale when
    /// empty. Returns the language in use ("en" when nothing matched: English is the source).
    static QString install(QCoreApplication &app, const QString &language = QString());
};

} // namespace orb
