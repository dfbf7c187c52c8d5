// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/ReportChartView.h"

#include "engine/Currency.h"
#include "engine/Money.h"
#include "ui/LocaleFormat.h"

#include <QBarCategoryAxis>
#include <QRegularExpression>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QCursor>
#include <QLegend>
#include <QLineSeries>
#include <QSaveFile>
#include <QStackedBarSeries>
#include <QToolTip>
#include <QValueAxis>

#include <cmath>

namespace orb {

namespace {

// Charts plot in floating point; the exact decimals stay in ChartData (tooltips, CSV).
qreal plotted(const Decimal &d)
{
    return d.toString().toDouble();
}

/// The day and month of a date in the locale's order, without the year ("07.12.", "12/7").
QString dayMonthFormat(const QLocale &locale)
{
    QString f = LocaleFormat::dateFormat(locale);
    f.remove(QLatin1Char('y'));
    while (!f.isEmpty() && QStringLiteral("/- ,").contains(f.front()))
        f.remove(0, 1);
    while (!f.isEmpty() && QStringLiteral("/- ,").contains(f.back()))
        f.chop(1);
    return f;
}

} // namespace

QString ReportChartView::displayText(const QString &text)
{
    // The report's names are its CSV headers and stay fixed; the window shows them in its
    // language.
    static const QRegularExpression month(QStringLiteral("^(.*)\\((\\w{3})\\)$"));
    if (text == QLatin1String("Invoiced"))
        return tr("Invoiced");
    if (text == QLatin1String("Paid"))
        return tr("Paid");
    if (text == QLatin1String("Outstanding"))
        return tr("Outstanding");
    if (text == QLatin1String("One-off"))
        return tr("One-off");
    if (text == QLatin1String("(none)"))
        return tr("(none)");
    if (const auto m = month.match(text); m.hasMatch()) {
        if (m.captured(1) == QLatin1String("Revenue by month "))
            return tr("Revenue by month (%1)").arg(m.captured(2));
        if (m.captured(1) == QLatin1String("Revenue by plan "))
            return tr("Revenue by plan (%1)").arg(m.captured(2));
    }
    for (const auto &[suffix, shown] : {std::pair{" per day", QT_TR_NOOP("%1 per day")}, std::pair{" per week", QT_TR_NOOP("%1 per week")},
                                        std::pair{" per month", QT_TR_NOOP("%1 per month")}})
        if (text.endsWith(QLatin1String(suffix)))
            return tr(shown).arg(text.chopped(qsizetype(qstrlen(suffix))));
    return text;
}

QString ReportChartView::categoryText(const QString &category, const QLocale &locale)
{
    // Categories are ISO days ("2026-12-07"), ISO weeks ("2026-W49") and months ("2026-12").
    if (const QDate day = QDate::fromString(category, Qt::ISODate); day.isValid() && category.size() == 10)
        return locale.toString(day, dayMonthFormat(locale));
    if (const QDate m = QDate::fromString(category + QStringLiteral("-01"), Qt::ISODate); m.isValid() && category.size() == 7)
        return QStringLiteral("%1 %2").arg(locale.standaloneMonthName(m.month(), QLocale::ShortFormat)).arg(m.year());
    static const QRegularExpression week(QStringLiteral("^(\\d{4})-W(\\d{2})$"));
    if (const auto w = week.match(category); w.hasMatch())
        return tr("Week %1/%2").arg(w.captured(2).toInt()).arg(w.captured(1));
    return displayText(category);
}

QString ReportChartView::valueText(const Decimal &value) const
{
    // Money charts are labelled with their currency's code; anything else is a quantity.
    if (Currency::fromCode(m_data.valueLabel))
        return LocaleFormat::money(value, m_data.valueLabel);
    const QString unit = m_data.valueLabel.isEmpty() ? QString() : QStringLiteral(" ") + m_data.valueLabel;
    return formatDecimal(value) + unit;
}

ReportChartView::ReportChartView(QWidget *parent) : QChartView(parent)
{
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(260);
    chart()->legend()->setAlignment(Qt::AlignBottom);
    chart()->setAnimationOptions(QChart::NoAnimation);
}

QString ReportChartView::toolTipFor(int series, int category) const
{
    if (series < 0 || series >= m_data.series.size() || category < 0 || category >= m_data.categories.size())
        return {};
    const ChartSeries &s = m_data.series.at(series);
    const Decimal value = category < s.values.size() ? s.values.at(category) : Decimal(0);
    return QStringLiteral("%1, %2: %3").arg(displayText(s.name), categoryText(m_data.categories.at(category)), valueText(value));
}

void ReportChartView::showTip(int series, int category)
{
    m_lastToolTip = toolTipFor(series, category);
    QToolTip::showText(QCursor::pos(), m_lastToolTip, this);
}

void ReportChartView::setData(const ChartData &data, Kind kind)
{
    m_data = data;
    m_kind = kind;
    QChart *c = chart();
    c->removeAllSeries();
    for (QAbstractAxis *axis : c->axes())
        c->removeAxis(axis);
    c->setTitle(displayText(data.title));

    auto *x = new QBarCategoryAxis;
    QStringList categories;
    for (const QString &category : data.categories)
        categories << categoryText(category);
    x->append(categories);
    // Many days or months side by side: slanted or upright labels are read whole instead of
    // cut to "2…" or "Feb 20…".
    if (categories.size() > 8)
        x->setLabelsAngle(categories.size() > 16 ? -90 : -45);
    auto *y = new QValueAxis;
    const qreal top = plotted(data.maximum());
    y->setRange(0, top > 0 ? top * 1.1 : 1);
    y->applyNiceNumbers();
    y->setLabelFormat(top >= 10 ? QStringLiteral("%.0f") : QStringLiteral("%.2f"));
    // The axis writes its numbers with the interface language's marks, like the tooltips.
    c->setLocale(QLocale());
    c->setLocalizeNumbers(true);
    y->setTitleText(data.valueLabel);
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(y, Qt::AlignLeft);

    if (kind == Kind::Bars) {
        QAbstractBarSeries *bars = data.stacked ? static_cast<QAbstractBarSeries *>(new QStackedBarSeries) : new QBarSeries;
        for (int s = 0; s < data.series.size(); ++s) {
            auto *set = new QBarSet(displayText(data.series.at(s).name));
            for (int i = 0; i < data.categories.size(); ++i)
                *set << plotted(data.series.at(s).values.value(i));
            bars->append(set);
        }
        connect(bars, &QAbstractBarSeries::hovered, this, [this, bars](bool on, int index, QBarSet *set) {
            if (on)
                showTip(int(bars->barSets().indexOf(set)), index);
        });
        c->addSeries(bars);
        bars->attachAxis(x);
        bars->attachAxis(y);
    } else {
        for (int s = 0; s < data.series.size(); ++s) {
            auto *line = new QLineSeries;
            line->setName(displayText(data.series.at(s).name));
            line->setPointsVisible(true);
            for (int i = 0; i < data.categories.size(); ++i)
                line->append(i, plotted(data.series.at(s).values.value(i)));
            connect(line, &QLineSeries::hovered, this, [this, s](const QPointF &p, bool on) {
                if (on)
                    showTip(s, int(std::lround(p.x())));
            });
            c->addSeries(line);
            line->attachAxis(x);
            line->attachAxis(y);
        }
    }
    c->legend()->setVisible(data.series.size() > 1 || data.stacked);
}

bool ReportChartView::exportPng(const QString &path, QString *error)
{
    const QPixmap pixmap = grab();
    if (pixmap.isNull() || !pixmap.save(path, "PNG")) {
        if (error)
            *error = QStringLiteral("%1: cannot write the PNG").arg(path);
        return false;
    }
    return true;
}

bool ReportChartView::exportCsv(const QString &path, QString *error) const
{
    QSaveFile f(path);
    const QByteArray bytes = m_data.toCsv().toUtf8();
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
        if (error)
            *error = QStringLiteral("%1: cannot write (%2)").arg(path, f.errorString());
        return false;
    }
    return true;
}

} // namespace orb
