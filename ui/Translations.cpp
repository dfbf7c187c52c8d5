// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/Translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QTranslator>

namespace orb {

namespace {

/// The English plural forms ("1 invoice", "3 invoices") of the sources' "%Ln invoice(s)".
void installEnglishPlurals(QCoreApplication &app)
{
    auto *plurals = new QTranslator(&app);
    if (plurals->load(QStringLiteral(":/i18n-plurals/orb_en.qm")))
        QCoreApplication::installTranslator(plurals);
    else
        delete plurals;
}

} // namespace

QStringList Translations::available()
{
    QStringList languages;
    const QStringList files = QDir(QStringLiteral(":/i18n")).entryList({QStringLiteral("orb_*.qm")}, QDir::Files, QDir::Name);
    for (const QString &f : files)
        languages << f.mid(4, f.size() - 7);
    return languages;
}

QString Translations::install(QCoreApplication &app, const QString &language)
{
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    auto *own = new QTranslator(&app);
    // QTranslator tries the locale's UI languages in order (de_AT, de, …) against orb_<lang>.qm.
    if (!own->load(locale, QStringLiteral("orb"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        delete own;
        // English words with the system's numbers and dates read as a mix: the window speaks
        // the language it is written in, its numbers included.
        if (!language.isEmpty() || locale.language() != QLocale::English)
            QLocale::setDefault(QLocale(QLocale::English, locale.language() == QLocale::English ? locale.territory() : QLocale::UnitedStates));
        installEnglishPlurals(app);
        return QStringLiteral("en");
    }
    // Dates, month names and amounts follow the language of the words around them: a German
    // window writes 01.09.2026 and 179,00 €, whatever the system's own locale is.
    QLocale::setDefault(locale);
    QCoreApplication::installTranslator(own);
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    return QFileInfo(own->filePath()).completeBaseName().mid(4);
}

} // namespace orb
