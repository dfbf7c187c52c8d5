// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/SettingsService.h"

#include "models/CompanyFile.h"
#include "models/SettingKeys.h"
#include "models/StorageError.h"
#include "models/UnitOfWork.h"

namespace orb {

void SettingsService::store(const SettingsChange &change)
{
    if (m_file.isReadOnly())
        throw ServiceError::conflict(QStringLiteral("%1 is open read-only; nothing was changed").arg(m_file.path()));
    FieldErrors errors;
    for (const auto &[key, value] : change.values) {
        const std::optional<SettingKey> k = findSettingKey(key);
        if (!k)
            errors.append({key, QStringLiteral("is not a setting")});
        else if (const QString problem = k->validate(value); !problem.isEmpty())
            errors.append({key, problem});
    }
    if (!errors.isEmpty())
        throw ServiceError::invalid(QStringLiteral("the settings were not saved"), errors);
    UnitOfWork uow(m_file.db());
    m_file.updateSettings(change.company, m_clock);
    for (const auto &[key, value] : change.values)
        m_file.setSetting(key, value, m_clock);
    uow.commit();
}

SettingsChange SettingsService::current(const QStringList &keys) const
{
    SettingsChange now{m_file.settings(), {}};
    for (const QString &key : keys) {
        const std::optional<SettingKey> k = findSettingKey(key);
        now.values.append({key, m_file.setting(key, k ? k->defaultValue : QString())});
    }
    return now;
}

} // namespace orb
