// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QMap>
#include <QString>

#include <functional>
#include <optional>

namespace orb {

/// A company-file setting: its key, default and the rule its value must follow.
struct SettingKey {
    QString key;
    QString defaultValue;
    QString description;
    /// Empty when the value is acceptable, else the rule broken.
    std::function<QString(const QString &value)> validate;
};

/// The whole-number settings. Code reads them through CompanyFile::setting(IntSetting), never by
/// key and a default of its own, so each default and range lives in this one table.
enum class IntSetting { GracePeriodHours, DefaultNetTerms, BackupIntervalHours, BackupKeep };

/// A whole-number setting's key, default and allowed range (both ends included).
struct IntSettingRule {
    QString key;
    int defaultValue = 0;
    int minimum = 0;
    int maximum = 0;
};

const IntSettingRule &intSettingRule(IntSetting setting);
/// The stored text as the setting's value: the default when it is unset, not a whole number or
/// below the minimum (a file edited by hand must not turn the grace period negative). The
/// maximum is checked when a value is written.
int intSettingValue(IntSetting setting, const std::optional<QString> &stored);

/// Every setting a company file knows, with its default: the one table of them.
const QList<SettingKey> &settingKeys();
std::optional<SettingKey> findSettingKey(const QString &key);

/// A setting that maps names to values, "Platform Fee=Income:Subscriptions; API Calls=Income:Usage"
/// (entries split by ';', name and value by the first '='). Sets `error` when malformed.
QMap<QString, QString> parseSettingMap(const QString &text, QString *error = nullptr);

} // namespace orb
