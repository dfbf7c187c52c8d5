#pragma once

#include <QList>
#include <QMap>
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

/// A setting that maps names to values, "Platform Fee=Income:Subscriptions; API Calls=Income:Usage"
/// (entries split by ';', name and value by the first '='). Sets `error` when malformed.
QMap<QString, QString> parseSettingMap(const QString &text, QString *error = nullptr);

} // namespace orb
