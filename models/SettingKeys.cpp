#include "models/SettingKeys.h"

#include <QDir>
#include <QFileInfo>
#include <QUrl>

namespace orb {

namespace {

struct IntRuleText {
    IntSettingRule rule;
    const char *unit; ///< what a number counts, for the message ("hours"); empty for a plain count
};

const IntRuleText &intRule(IntSetting setting)
{
    static const IntRuleText rules[] = {
        {{QStringLiteral("grace_period_hours"), 12, 0, 720}, "hours"},
        {{QStringLiteral("default_net_terms"), 30, 0, 365}, "days"},
        {{QStringLiteral("backup.interval_hours"), 24, 1, 8760}, "hours"},
        {{QStringLiteral("backup.keep"), 14, 1, 1000}, ""},
    };
    return rules[int(setting)];
}

std::optional<int> wholeNumberIn(const IntSettingRule &rule, const QString &v)
{
    bool ok = false;
    const int n = v.toInt(&ok);
    return ok && n >= rule.minimum && n <= rule.maximum ? std::optional<int>(n) : std::nullopt;
}

/// A table row for a whole-number setting, its default and rule taken from intRule().
SettingKey intKey(IntSetting setting, const QString &description)
{
    const IntRuleText &r = intRule(setting);
    const IntSettingRule rule = r.rule;
    const QString unit = QLatin1String(r.unit);
    return {rule.key, QString::number(rule.defaultValue), description, [rule, unit](const QString &v) {
                return wholeNumberIn(rule, v) ? QString()
                                              : QStringLiteral("must be a whole number%1 from %2 to %3")
                                                    .arg(unit.isEmpty() ? QString() : QStringLiteral(" of ") + unit)
                                                    .arg(rule.minimum)
                                                    .arg(rule.maximum);
            }};
}

QString httpUrl(const QString &v)
{
    const QUrl url(v, QUrl::StrictMode);
    const bool ok = url.isValid() && (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http"))
                    && !url.host().isEmpty() && url.query().isEmpty();
    return ok ? QString() : QStringLiteral("must be an http or https URL such as https://api.stripe.com");
}

QString roundingMode(const QString &v)
{
    return v == QLatin1String("half_up") || v == QLatin1String("half_even") ? QString()
                                                                            : QStringLiteral("must be half_up or half_even");
}

QString anyFolder(const QString &v)
{
    return v.isEmpty() || QDir::isAbsolutePath(v) ? QString() : QStringLiteral("must be an absolute folder path, or empty to turn scheduled backups off");
}

QString anyText(const QString &v)
{
    return v.size() <= 2000 ? QString() : QStringLiteral("must be at most 2000 characters");
}

QString imageFile(const QString &v)
{
    return v.isEmpty() || QFileInfo(v).isFile() ? QString() : QStringLiteral("must be the path of an existing image file (PNG, JPEG or SVG)");
}

} // namespace

const QList<SettingKey> &settingKeys()
{
    static const QList<SettingKey> keys = {
        intKey(IntSetting::GracePeriodHours, QStringLiteral("How late usage events may arrive (hours) before they need a backfill")),
        intKey(IntSetting::DefaultNetTerms, QStringLiteral("Days until an invoice is due, for customers without their own terms")),
        {QStringLiteral("rounding"), QStringLiteral("half_up"),
         QStringLiteral("How line amounts are rounded to the currency's minor unit (half_up or half_even)"), &roundingMode},
        {QStringLiteral("stripe.api_base"), QStringLiteral("https://api.stripe.com"),
         QStringLiteral("Base URL of Stripe's API (a stand-in or a proxy for tests)"), &httpUrl},
        {QStringLiteral("backup.folder"), QString(), QStringLiteral("Folder of the scheduled backups the desktop program takes (empty: none)"), &anyFolder},
        intKey(IntSetting::BackupIntervalHours, QStringLiteral("Hours between scheduled backups")),
        intKey(IntSetting::BackupKeep, QStringLiteral("How many scheduled backups to keep (older ones are deleted)")),
        {QStringLiteral("documents.logo"), QString(), QStringLiteral("Image file of the logo printed on invoices and statements"), &imageFile},
        {QStringLiteral("documents.payment_instructions"), QString(), QStringLiteral("Payment instructions printed on invoices ({invoice_number} is replaced)"),
         &anyText},
        {QStringLiteral("documents.footer"), QString(), QStringLiteral("Footer line printed on every page of a document"), &anyText},
    };
    return keys;
}

const IntSettingRule &intSettingRule(IntSetting setting)
{
    return intRule(setting).rule;
}

int intSettingValue(IntSetting setting, const std::optional<QString> &stored)
{
    const IntSettingRule &rule = intSettingRule(setting);
    if (!stored)
        return rule.defaultValue;
    // The maximum is enforced where a value is written (orbctl, the Settings screen); a larger
    // value already stored is honoured as it always was. Text or a value below the minimum
    // would break the arithmetic (a negative grace period): the default then.
    bool ok = false;
    const int n = stored->toInt(&ok);
    return ok && n >= rule.minimum ? n : rule.defaultValue;
}

std::optional<SettingKey> findSettingKey(const QString &key)
{
    for (const SettingKey &k : settingKeys())
        if (k.key == key)
            return k;
    return std::nullopt;
}

} // namespace orb
