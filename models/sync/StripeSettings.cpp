// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/sync/StripeSettings.h"

#include "models/Database.h"

#include <QRegularExpression>
#include <QUrl>

namespace orb {

namespace {

QString settingValue(Database &db, const QString &key)
{
    const QVariant v = db.scalar(QStringLiteral("SELECT value FROM settings WHERE key = ?"), {key});
    return v.isValid() ? v.toString() : QString();
}

} // namespace

QString StripeSettings::apiBase() const
{
    const QString v = settingValue(m_db, ApiBaseKey);
    return v.isEmpty() ? DefaultApiBase : v;
}

QString StripeSettings::collectionMethod() const
{
    return settingValue(m_db, CollectionMethodKey);
}

QString StripeSettings::checkApiBase(const QString &base)
{
    const QString rule = QStringLiteral("must be https://api.stripe.com or a loopback address (http://127.0.0.1:PORT for a stand-in); "
                                        "the Stripe key is never sent anywhere else");
    QString trimmed = base;
    while (trimmed.endsWith(QLatin1Char('/')))
        trimmed.chop(1);
    if (trimmed == DefaultApiBase)
        return {};
    const QUrl url(base, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) || !url.userInfo().isEmpty()
        || !url.query().isEmpty() || !url.fragment().isEmpty() || (!url.path().isEmpty() && url.path() != QLatin1String("/")))
        return rule;
    const QString host = url.host();
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return {};
    // Loopback only, spelled as an address (no name a resolver could point elsewhere).
    static const QRegularExpression v4(QStringLiteral("^127\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)$"));
    if (host == QLatin1String("::1") || v4.match(host).hasMatch())
        return {};
    return rule;
}

} // namespace orb
