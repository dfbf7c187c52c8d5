// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/StatusText.h"

#include <QCoreApplication>

namespace orb {

QString invoiceStatusText(InvoiceStatus status, bool overdue)
{
    if (overdue && status == InvoiceStatus::Issued)
        return QCoreApplication::translate("StatusText", "Overdue");
    switch (status) {
    case InvoiceStatus::Draft: return QCoreApplication::translate("StatusText", "Draft");
    case InvoiceStatus::Issued: return QCoreApplication::translate("StatusText", "Issued");
    case InvoiceStatus::Paid: return QCoreApplication::translate("StatusText", "Paid");
    case InvoiceStatus::Void: return QCoreApplication::translate("StatusText", "Void");
    }
    return {};
}

QString subscriptionStatusText(const QString &status)
{
    if (status == QLatin1String("upcoming"))
        return QCoreApplication::translate("StatusText", "Upcoming");
    if (status == QLatin1String("active"))
        return QCoreApplication::translate("StatusText", "Active");
    if (status == QLatin1String("ended"))
        return QCoreApplication::translate("StatusText", "Ended");
    return status;
}

QString periodCountText(const QString &unit, int count)
{
    if (unit == QLatin1String("day") || unit == QLatin1String("days"))
        return QCoreApplication::translate("StatusText", "%Ln day(s)", nullptr, count);
    if (unit == QLatin1String("week") || unit == QLatin1String("weeks"))
        return QCoreApplication::translate("StatusText", "%Ln week(s)", nullptr, count);
    if (unit == QLatin1String("month") || unit == QLatin1String("months"))
        return QCoreApplication::translate("StatusText", "%Ln month(s)", nullptr, count);
    if (unit == QLatin1String("year") || unit == QLatin1String("years"))
        return QCoreApplication::translate("StatusText", "%Ln year(s)", nullptr, count);
    return QStringLiteral("%1 %2").arg(count).arg(unit);
}

} // namespace orb
