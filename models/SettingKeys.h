// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace orb {

/// A company-file setting: its key, default and the rule its value must follow.
struct SettingKey {
    QString key;
    QString defaultValue;
    QString description;
    /// Empty when the value is acceptable, else the rule broken.
    QString (*validate)(const QString &value);
};

/// Every setting a company file knows, with its default: the one table of them.
const QList<SettingKey> &settingKeys();
std::optional<SettingKey> findSettingKey(const QString &key);

} // namespace orb
