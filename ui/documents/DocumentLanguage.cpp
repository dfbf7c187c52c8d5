// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/documents/DocumentLanguage.h"

#include <QDir>
#include <QHash>
#include <QMutex>
#include <QTranslator>

namespace orb {

namespace {

const QString kCatalogues = QStringLiteral(":/documents/i18n");

/// One catalogue per language for the life of the program: documents are built by the
/// hundred in a batch, and a loaded QTranslator is only read from.
std::shared_ptr<const QTranslator> catalogue(const QLocale &locale)
{
    static QMutex lock;
    static QHash<QString, std::shared_ptr<const QTranslator>> loaded;
    const QString language = QLocale::languageToCode(locale.language(), QLocale::ISO639Part1);
    if (language == QLatin1String("en") || language.isEmpty())
        return {};
    QMutexLocker guard(&lock);
    const auto it = loaded.constFind(language);
    if (it != loaded.constEnd())
        return *it;
    auto translator = std::make_shared<QTranslator>();
    std::shared_ptr<const QTranslator> result;
    if (translator->load(QStringLiteral("documents_") + language, kCatalogues))
        result = translator;
    loaded.insert(language, result);
    return result;
}

} // namespace

DocumentLanguage::DocumentLanguage(const QLocale &locale) : m_locale(locale), m_translator(catalogue(locale)) {}

QString DocumentLanguage::translate(const char *context, const char *source, const char *disambiguation, int n) const
{
    if (m_translator) {
        const QString t = m_translator->translate(context, source, disambiguation, n);
        if (!t.isEmpty())
            return t;
    }
    QString text = QString::fromUtf8(source);
    if (n >= 0)
        text.replace(QLatin1String("%n"), m_locale.toString(n));
    return text;
}

QStringList DocumentLanguage::available()
{
    QStringList languages{QStringLiteral("en")};
    const QStringList files = QDir(kCatalogues).entryList({QStringLiteral("documents_*.qm")}, QDir::Files, QDir::Name);
    for (const QString &f : files)
        languages << f.mid(10, f.size() - 13);
    return languages;
}

} // namespace orb
