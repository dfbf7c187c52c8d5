// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/ReportChartView.h"

#include <QBarCategoryAxis>
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

} // namespace

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
    const QString value = category < s.values.size() ? s.values.at(category).toString() : QStringLiteral("0");
    return QStringLiteral("%1, %2: %3 %4").arg(s.name, m_data.categories.at(category), value, m_data.valueLabel).trimmed();
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
    c->setTitle(data.title);

    auto *x = new QBarCategoryAxis;
    x->append(data.categories);
    auto *y = new QValueAxis;
    const qreal top = plotted(data.maximum());
    y->setRange(0, top > 0 ? top * 1.1 : 1);
    y->applyNiceNumbers();
    y->setLabelFormat(top >= 10 ? QStringLiteral("%.0f") : QStringLiteral("%.2f"));
    y->setTitleText(data.valueLabel);
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(y, Qt::AlignLeft);

    if (kind == Kind::Bars) {
        QAbstractBarSeries *bars = data.stacked ? static_cast<QAbstractBarSeries *>(new QStackedBarSeries) : new QBarSeries;
        for (int s = 0; s < data.series.size(); ++s) {
            auto *set = new QBarSet(data.series.at(s).name);
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
            line->setName(data.series.at(s).name);
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
