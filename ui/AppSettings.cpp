// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/AppSettings.h"

#include "models/storage/CompanyLocation.h"

#include <QFileInfo>

namespace orb {

namespace {

struct Default {
    const char *key;
    QVariant value;
};

// Every key the program stores, with its default.
const Default kDefaults[] = {
    {"files/recent", QStringList()},
    {"window/geometry", QByteArray()},
    {"window/state", QByteArray()},
    {"ui/language", QString()}, // empty: the system's language
};

} // namespace

AppSettings::AppSettings() : m_settings(QStringLiteral("Orb"), QStringLiteral("orb-billing")) {}

QVariant AppSettings::value(const char *key) const
{
    for (const Default &d : kDefaults)
        if (qstrcmp(d.key, key) == 0)
            return m_settings.value(QLatin1String(key), d.value);
    return m_settings.value(QLatin1String(key));
}

namespace {

// A company server's location (postgresql://…, never with a password) is kept as written: it
// is no path to make absolute, and whether the server answers is found out when it is opened.
QString recentEntry(const QString &path)
{
    return CompanyLocation::looksLikeServer(path) ? path : QFileInfo(path).absoluteFilePath();
}

} // namespace

QStringList AppSettings::recentFiles() const
{
    QStringList files = value("files/recent").toStringList();
    files.erase(std::remove_if(files.begin(), files.end(), [](const QString &f) { return !CompanyLocation::looksLikeServer(f) && !QFileInfo::exists(f); }),
                files.end());
    return files;
}

void AppSettings::addRecentFile(const QString &path)
{
    const QString abs = recentEntry(path);
    QStringList files = recentFiles();
    files.removeAll(abs);
    files.prepend(abs);
    while (files.size() > MaxRecentFiles)
        files.removeLast();
    m_settings.setValue(QStringLiteral("files/recent"), files);
}

void AppSettings::removeRecentFile(const QString &path)
{
    QStringList files = value("files/recent").toStringList();
    files.removeAll(recentEntry(path));
    m_settings.setValue(QStringLiteral("files/recent"), files);
}

QString AppSettings::lastFile() const
{
    return recentFiles().value(0);
}

QByteArray AppSettings::windowGeometry() const
{
    return value("window/geometry").toByteArray();
}
void AppSettings::setWindowGeometry(const QByteArray &g)
{
    m_settings.setValue(QStringLiteral("window/geometry"), g);
}
QByteArray AppSettings::windowState() const
{
    return value("window/state").toByteArray();
}
void AppSettings::setWindowState(const QByteArray &s)
{
    m_settings.setValue(QStringLiteral("window/state"), s);
}

QByteArray AppSettings::headerState(const QString &table) const
{
    return m_settings.value(QStringLiteral("tables/") + table).toByteArray();
}

void AppSettings::setHeaderState(const QString &table, const QByteArray &state)
{
    m_settings.setValue(QStringLiteral("tables/") + table, state);
}

QString AppSettings::language() const
{
    return value("ui/language").toString();
}

void AppSettings::setLanguage(const QString &language)
{
    m_settings.setValue(QStringLiteral("ui/language"), language);
}

} // namespace orb
