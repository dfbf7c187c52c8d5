// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLocale>
#include <QString>
#include <QStringList>

#include <memory>

class QTranslator;

namespace orb {

/**
 * The language a document is printed in, independent of the window's: the labels of invoices,
 * credit notes, statements, reminders and the aging report come from the documents' own
 * catalogue (ui/documents/translations/documents_<lang>.ts, compiled into the binary), so a
 * German customer gets German labels from an English window and from orbctl alike.
 * Labels are marked in the sources as `lang.translate("orb::InvoiceDocument", "Invoice")`,
 * which lupdate reads. Copies share one loaded catalogue; safe to use on worker threads.
 */
class DocumentLanguage final
{
public:
    explicit DocumentLanguage(const QLocale &locale);

    const QLocale &locale() const { return m_locale; }
    /// The label in this language; the English source when the catalogue has none.
    QString translate(const char *context, const char *source, const char *disambiguation = nullptr, int n = -1) const;
    /// The languages whose catalogue is compiled in, English (the source) first.
    static QStringList available();

private:
    QLocale m_locale;
    std::shared_ptr<const QTranslator> m_translator; ///< null for English
};

} // namespace orb
