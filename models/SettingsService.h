// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/Company.h"

#include <QList>
#include <QPair>
#include <QString>

namespace orb {

class Clock;
class CompanyFile;

/// A change of the company's settings as the Settings screen makes it: the company record and
/// some key-value settings together.
struct SettingsChange {
    CompanySettings company;
    /// key → value; every key must be in the settings table (SettingKeys).
    QList<QPair<QString, QString>> values;
};

/**
 * Writes the company's settings. One call is one business action: the company record and the
 * key-value settings change together or not at all, each change with its audit entry. Every
 * value is checked against the settings table before anything is written.
 */
class SettingsService final
{
public:
    SettingsService(CompanyFile &file, const Clock &clock) : m_file(file), m_clock(clock) {}

    /// Throws ServiceError(InvalidInput) naming every broken rule, and writes nothing then.
    void store(const SettingsChange &change);
    /// The company record and the current values of `keys` (their defaults when unset).
    SettingsChange current(const QStringList &keys) const;

private:
    CompanyFile &m_file;
    const Clock &m_clock;
};

} // namespace orb
