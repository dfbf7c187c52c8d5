// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QString>

#include <cstdint>
#include <cstdlib>

namespace orb::fuzz {

/// The import readers read files: each input is written to one scratch file (in /dev/shm
/// when there is one, so no disk is touched) that the target then opens.
inline QString scratchFile(const char *name)
{
    const QString dir = QDir(QStringLiteral("/dev/shm")).exists() ? QStringLiteral("/dev/shm") : QDir::tempPath();
    return dir + QStringLiteral("/orb-fuzz-%1-%2").arg(QLatin1String(name)).arg(QCoreApplication::applicationPid());
}

inline void writeScratch(const QString &path, const uint8_t *data, size_t size)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        std::abort();
    if (size && f.write(reinterpret_cast<const char *>(data), qint64(size)) != qint64(size))
        std::abort();
}

} // namespace orb::fuzz
