// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/reports/ChartData.h"

namespace orb {

const ChartSeries *ChartData::find(const QString &name) const
{
    for (const ChartSeries &s : series)
        if (s.name == name)
            return &s;
    return nullptr;
}

Decimal ChartData::maximum() const
{
    Decimal best(0);
    for (int c = 0; c < categories.size(); ++c) {
        Decimal sum(0);
        for (const ChartSeries &s : series) {
            const Decimal v = s.values.value(c);
            if (stacked)
                sum += v;
            else
                best = Decimal::max(best, v);
        }
        if (stacked)
            best = Decimal::max(best, sum);
    }
    return best;
}

QString csvField(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n')) && !text.contains(QLatin1Char('\r')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString ChartData::toCsv() const
{
    QStringList header{QStringLiteral("category")};
    for (const ChartSeries &s : series)
        header << csvField(s.name);
    QString out = header.join(QLatin1Char(',')) + QLatin1Char('\n');
    for (int c = 0; c < categories.size(); ++c) {
        QStringList row{csvField(categories.at(c))};
        for (const ChartSeries &s : series)
            row << (c < s.values.size() ? s.values.at(c).toString() : QString());
        out += row.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return out;
}

} // namespace orb
