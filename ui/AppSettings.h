// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QSettings>
#include <QStringList>

namespace orb {

/**
 * The desktop program's own settings (not the company's): one typed facade over QSettings,
 * with the defaults in one table in the .cpp.
 */
class AppSettings final
{
public:
    AppSettings();

    QStringList recentFiles() const;
    /// Puts a file first in the recent list (at most 8, existing files only).
    void addRecentFile(const QString &path);
    void removeRecentFile(const QString &path);
    QString lastFile() const;

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);
    QByteArray headerState(const QString &table) const;
    void setHeaderState(const QString &table, const QByteArray &state);

    /// The interface language ("de", "en"), empty for the system's; applies at the next start.
    QString language() const;
    void setLanguage(const QString &language);

    static constexpr int MaxRecentFiles = 8;

private:
    QVariant value(const char *key) const;
    mutable QSettings m_settings;
};

} // namespace orb
