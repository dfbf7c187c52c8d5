// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/SettingKeys.h"

#include "engine/Customer.h"
#include "models/sync/StripeSettings.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
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
        {{QStringLiteral("default_net_terms"), 30, 0, MaxNetTermsDays}, "days"},
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

QString stripeApiBase(const QString &v)
{
    return StripeSettings::checkApiBase(v);
}

QString roundingMode(const QString &v)
{
    return v == QLatin1String("half_up") || v == QLatin1String("half_even") ? QString() : QStringLiteral("must be half_up or half_even");
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

/// A ledger account's full name as GnuCash and QuickBooks write it, "Assets:Accounts Receivable".
QString accountName(const QString &v)
{
    if (v.trimmed().isEmpty() || v.size() > 200)
        return QStringLiteral("must be an account name of 1 to 200 characters, such as Assets:Accounts Receivable");
    for (const QString &part : v.split(QLatin1Char(':')))
        if (part.trimmed().isEmpty())
            return QStringLiteral("must not have an empty part between colons");
    for (const QChar c : v)
        if (c.category() == QChar::Other_Control || c == QLatin1Char('"'))
            return QStringLiteral("must not contain tabs, line breaks or double quotes");
    return {};
}

QString accountMap(const QString &v)
{
    QString error;
    const QMap<QString, QString> map = parseSettingMap(v, &error);
    if (!error.isEmpty())
        return error;
    for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
        const QString problem = accountName(it.value());
        if (!problem.isEmpty())
            return QStringLiteral("%1: the account %2").arg(it.key(), problem);
    }
    return {};
}

QString jsonFile(const QString &v)
{
    return v.isEmpty() || (QDir::isAbsolutePath(v) && QFileInfo(v).isFile()) ? QString()
                                                                             : QStringLiteral("must be the absolute path of an existing JSON file, or empty");
}

QString smtpUrl(const QString &v)
{
    const QUrl url(v, QUrl::StrictMode);
    const bool ok = v.isEmpty()
                    || (url.isValid() && (url.scheme() == QLatin1String("smtp") || url.scheme() == QLatin1String("smtps")) && !url.host().isEmpty()
                        && url.userInfo().isEmpty());
    return ok ? QString() : QStringLiteral("must be smtp://HOST:PORT (STARTTLS) or smtps://HOST:PORT (TLS), without a user or password");
}

QString mailbox(const QString &v)
{
    static const QRegularExpression form(QStringLiteral("^([^<>]*<[^<>@\\s]+@[^<>@\\s]+\\.[^<>@\\s]+>|[^<>@\\s]+@[^<>@\\s]+\\.[^<>@\\s]+)$"));
    return v.isEmpty() || form.match(v.trimmed()).hasMatch() ? QString() : QStringLiteral("must be an address, or Name <address>");
}

/// Amounts per currency, "EUR=5.00; USD=5.00".
QString currencyAmounts(const QString &v)
{
    QString error;
    const QMap<QString, QString> map = parseSettingMap(v, &error);
    if (!error.isEmpty())
        return error;
    static const QRegularExpression code(QStringLiteral("^[A-Z]{3}$"));
    static const QRegularExpression amount(QStringLiteral("^[0-9]+(\\.[0-9]+)?$"));
    for (auto it = map.constBegin(); it != map.constEnd(); ++it)
        if (!code.match(it.key()).hasMatch() || !amount.match(it.value()).hasMatch())
            return QStringLiteral("must be CURRENCY=AMOUNT entries such as EUR=5.00; USD=5 (got \"%1=%2\")").arg(it.key(), it.value());
    return {};
}

QString onOff(const QString &v)
{
    return v == QLatin1String("on") || v == QLatin1String("off") ? QString() : QStringLiteral("must be on or off");
}

/// Where the window serves the API: a loopback address (it speaks plain HTTP) and a port.
QString loopbackListen(const QString &v)
{
    const qsizetype colon = v.lastIndexOf(QLatin1Char(':'));
    bool ok = false;
    const uint port = colon > 0 ? v.mid(colon + 1).toUInt(&ok) : 0;
    if (colon <= 0 || !ok || port > 65535)
        return QStringLiteral("must be HOST:PORT, such as 127.0.0.1:8710 (port 0 picks a free one)");
    static const QRegularExpression ipv4Loopback(QStringLiteral("^127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}$"));
    const QString host = v.left(colon);
    if (host != QLatin1String("localhost") && host != QLatin1String("[::1]") && host != QLatin1String("::1") && !ipv4Loopback.match(host).hasMatch())
        return QStringLiteral("must be an address on this computer (127.0.0.1, [::1] or localhost): the API speaks plain HTTP");
    return {};
}

} // namespace

QMap<QString, QString> parseSettingMap(const QString &text, QString *error)
{
    QMap<QString, QString> out;
    for (const QString &entry : text.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        if (entry.trimmed().isEmpty())
            continue;
        const qsizetype eq = entry.indexOf(QLatin1Char('='));
        const QString name = entry.left(eq).trimmed();
        const QString value = eq < 0 ? QString() : entry.mid(eq + 1).trimmed();
        if (eq < 0 || name.isEmpty() || value.isEmpty()) {
            if (error)
                *error = QStringLiteral("\"%1\" is not NAME=VALUE (entries are separated by ;)").arg(entry.trimmed());
            return {};
        }
        out.insert(name, value);
    }
    if (error)
        error->clear();
    return out;
}

const QList<SettingKey> &settingKeys()
{
    static const QList<SettingKey> keys = {
        intKey(IntSetting::GracePeriodHours, QStringLiteral("How late usage events may arrive (hours) before they need a backfill")),
        intKey(IntSetting::DefaultNetTerms, QStringLiteral("Days until an invoice is due, for customers without their own terms")),
        {QStringLiteral("rounding"), QStringLiteral("half_up"),
         QStringLiteral("How line amounts are rounded to the currency's minor unit (half_up or half_even)"), &roundingMode},
        {QStringLiteral("stripe.api_base"), QStringLiteral("https://api.stripe.com"),
         QStringLiteral("Base URL of Stripe's API: https://api.stripe.com, or a loopback address for a stand-in in tests"), &stripeApiBase},
        {QStringLiteral("backup.folder"), QString(), QStringLiteral("Folder of the scheduled backups the desktop program takes (empty: none)"), &anyFolder},
        intKey(IntSetting::BackupIntervalHours, QStringLiteral("Hours between scheduled backups")),
        intKey(IntSetting::BackupKeep, QStringLiteral("How many scheduled backups to keep (older ones are deleted)")),
        {QStringLiteral("documents.logo"), QString(), QStringLiteral("Image file of the logo printed on invoices and statements"), &imageFile},
        {QStringLiteral("documents.payment_instructions"), QString(), QStringLiteral("Payment instructions printed on invoices ({invoice_number} is replaced)"),
         &anyText},
        {QStringLiteral("documents.footer"), QString(), QStringLiteral("Footer line printed on every page of a document"), &anyText},
        {QStringLiteral("email.smtp_url"), QString(),
         QStringLiteral("SMTP server documents are e-mailed through: smtp://HOST:587 (STARTTLS) or smtps://HOST:465 (TLS)"), &smtpUrl},
        {QStringLiteral("email.from"), QString(), QStringLiteral("Sender of e-mailed documents: \"Billing <billing@example.com>\""), &mailbox},
        {QStringLiteral("email.username"), QString(),
         QStringLiteral("SMTP login (the password: orbctl email set-password, or ORB_SMTP_PASSWORD); empty: no login"), &anyText},
        {QStringLiteral("email.templates"), QString(),
         QStringLiteral("JSON file of e-mail templates per kind and language: {\"invoice\": {\"de\": {\"subject\": ..., \"body\": ...}}}"), &jsonFile},
        {QStringLiteral("reminders.fee"), QString(), QStringLiteral("Fee stated on payment reminders, per currency (EUR=5.00; USD=5.00); empty: none"),
         &currencyAmounts},
        {QStringLiteral("ledger.receivable_account"), QStringLiteral("Assets:Accounts Receivable"),
         QStringLiteral("Ledger account of what customers owe (ledger export)"), &accountName},
        {QStringLiteral("ledger.income_account"), QStringLiteral("Income:Sales"),
         QStringLiteral("Ledger account of invoice lines without their own (ledger.item_accounts)"), &accountName},
        {QStringLiteral("ledger.item_accounts"), QString(),
         QStringLiteral("Income account per item or line name: \"Platform Fee=Income:Subscriptions; API Calls=Income:Usage\""), &accountMap},
        {QStringLiteral("ledger.tax_account"), QStringLiteral("Liabilities:Sales Tax"),
         QStringLiteral("Ledger account of taxes without their own (ledger.tax_accounts)"), &accountName},
        {QStringLiteral("ledger.tax_accounts"), QString(), QStringLiteral("Account per tax rate name: \"DE VAT=Liabilities:VAT 19%\""), &accountMap},
        {QStringLiteral("ledger.bank_account"), QStringLiteral("Assets:Bank"), QStringLiteral("Ledger account payments are received into"), &accountName},
        {QStringLiteral("ledger.customer_balance_account"), QStringLiteral("Liabilities:Customer Balances"),
         QStringLiteral("Ledger account of customer balances applied to invoices"), &accountName},
        {QStringLiteral("ledger.prepaid_credits_account"), QStringLiteral("Liabilities:Prepaid Credits"),
         QStringLiteral("Ledger account of prepaid credits applied to invoices"), &accountName},
        {QStringLiteral("api.serve"), QStringLiteral("off"),
         QStringLiteral("Whether the desktop program serves Orb's REST API while this company is open (on or off)"), &onOff},
        {QStringLiteral("api.listen"), QStringLiteral("127.0.0.1:8710"),
         QStringLiteral("Where the desktop program serves the API: a loopback HOST:PORT (plain HTTP stays on this computer)"), &loopbackListen},
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
