#include "models/SettingKeys.h"

#include "models/sync/StripeSettings.h"

#include <QDir>
#include <QFileInfo>
#include <QUrl>

namespace orb {

namespace {

QString wholeHours(const QString &v)
{
    bool ok = false;
    const int n = v.toInt(&ok);
    return ok && n >= 0 && n <= 720 ? QString() : QStringLiteral("must be a whole number of hours from 0 to 720");
}

QString stripeApiBase(const QString &v)
{
    return StripeSettings::checkApiBase(v);
}

QString roundingMode(const QString &v)
{
    return v == QLatin1String("half_up") || v == QLatin1String("half_even") ? QString()
                                                                            : QStringLiteral("must be half_up or half_even");
}

QString netTerms(const QString &v)
{
    bool ok = false;
    const int n = v.toInt(&ok);
    return ok && n >= 0 && n <= 365 ? QString() : QStringLiteral("must be a whole number of days from 0 to 365");
}

QString backupHours(const QString &v)
{
    bool ok = false;
    const int n = v.toInt(&ok);
    return ok && n >= 1 && n <= 8760 ? QString() : QStringLiteral("must be a whole number of hours from 1 to 8760");
}

QString backupKeep(const QString &v)
{
    bool ok = false;
    const int n = v.toInt(&ok);
    return ok && n >= 1 && n <= 1000 ? QString() : QStringLiteral("must be a whole number from 1 to 1000");
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
        {QStringLiteral("grace_period_hours"), QStringLiteral("12"),
         QStringLiteral("How late usage events may arrive (hours) before they need a backfill"), &wholeHours},
        {QStringLiteral("default_net_terms"), QStringLiteral("30"),
         QStringLiteral("Days until an invoice is due, for customers without their own terms"), &netTerms},
        {QStringLiteral("rounding"), QStringLiteral("half_up"),
         QStringLiteral("How line amounts are rounded to the currency's minor unit (half_up or half_even)"), &roundingMode},
        {QStringLiteral("stripe.api_base"), QStringLiteral("https://api.stripe.com"),
         QStringLiteral("Base URL of Stripe's API: https://api.stripe.com, or a loopback address for a stand-in in tests"), &stripeApiBase},
        {QStringLiteral("backup.folder"), QString(),
         QStringLiteral("Folder of the scheduled backups the desktop program takes (empty: none)"), &anyFolder},
        {QStringLiteral("backup.interval_hours"), QStringLiteral("24"),
         QStringLiteral("Hours between scheduled backups"), &backupHours},
        {QStringLiteral("backup.keep"), QStringLiteral("14"),
         QStringLiteral("How many scheduled backups to keep (older ones are deleted)"), &backupKeep},
        {QStringLiteral("documents.logo"), QString(), QStringLiteral("Image file of the logo printed on invoices and statements"), &imageFile},
        {QStringLiteral("documents.payment_instructions"), QString(),
         QStringLiteral("Payment instructions printed on invoices ({invoice_number} is replaced)"), &anyText},
        {QStringLiteral("documents.footer"), QString(), QStringLiteral("Footer line printed on every page of a document"), &anyText},
    };
    return keys;
}

std::optional<SettingKey> findSettingKey(const QString &key)
{
    for (const SettingKey &k : settingKeys())
        if (k.key == key)
            return k;
    return std::nullopt;
}

} // namespace orb
