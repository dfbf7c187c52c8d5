// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/PricePreview.h"

#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTableWidget>
#include <QtTest>

using namespace orb;

/// The live price preview: the same engine code as `orbctl price evaluate`, typed into.
class TestPricePreview : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QStringLiteral("en_US"))); }
    void tieredPriceExplainsTiers();
    void typingUpdatesLive();
    void matrixAsksForGroups();
    void errorsNameThePath();

private:
    static QString cell(const PricePreview &p, int row, int column)
    {
        const QTableWidgetItem *item = p.findChild<QTableWidget *>(QStringLiteral("subLineTable"))->item(row, column);
        return item ? item->text() : QString();
    }
};

void TestPricePreview::tieredPriceExplainsTiers()
{
    PricePreview p;
    p.findChild<QLineEdit *>(QStringLiteral("quantityEdit"))->setText(QStringLiteral("11"));
    p.setPriceJson(QStringLiteral(R"({"model_type": "tiered", "currency": "USD", "tiered_config": {"tiers": [
        {"first_unit": 0, "last_unit": 10, "unit_amount": "0.50"}, {"first_unit": 10, "last_unit": null, "unit_amount": "0.10"}]}})"));
    const QString summary = p.findChild<QLabel *>(QStringLiteral("previewSummary"))->text();
    QVERIFY2(summary.contains(QStringLiteral("$5.10")), qPrintable(summary));
    auto *table = p.findChild<QTableWidget *>(QStringLiteral("subLineTable"));
    QCOMPARE(table->rowCount(), 2);
    QCOMPARE(cell(p, 0, 1), QStringLiteral("10"));
    QCOMPARE(cell(p, 1, 1), QStringLiteral("1"));
    QVERIFY(!p.findChild<QLabel *>(QStringLiteral("previewErrors"))->isVisibleTo(&p));
}

void TestPricePreview::typingUpdatesLive()
{
    PricePreview p;
    p.setPriceJson(QStringLiteral(R"({"model_type": "unit", "currency": "USD", "unit_config": {"unit_amount": "0.00002"}})"));
    auto *q = p.findChild<QLineEdit *>(QStringLiteral("quantityEdit"));
    q->clear();
    QTest::keyClicks(q, QStringLiteral("1234567"));
    QTRY_VERIFY(p.findChild<QLabel *>(QStringLiteral("previewSummary"))->text().contains(QStringLiteral("$24.69")));
    q->setText(QStringLiteral("12,5"));
    QTRY_VERIFY(p.findChild<QLabel *>(QStringLiteral("previewErrors"))->text().contains(QStringLiteral("Quantity: \"12,5\"")));
}

void TestPricePreview::matrixAsksForGroups()
{
    PricePreview p;
    p.setPriceJson(QStringLiteral(R"({"model_type": "matrix", "currency": "USD", "matrix_config": {"dimensions": ["region", "tier"],
        "default_unit_amount": "1.00", "matrix_values": [{"dimension_values": ["us", "large"], "unit_amount": "3.00"}]}})"));
    auto *groups = p.findChild<QPlainTextEdit *>(QStringLiteral("groupsEdit"));
    QVERIFY2(groups->isVisibleTo(&p), qPrintable(p.findChild<QLabel *>(QStringLiteral("previewErrors"))->text()));
    groups->setPlainText(QStringLiteral("us, large = 10\neu, small = 5"));
    p.evaluate();
    const QString summary = p.findChild<QLabel *>(QStringLiteral("previewSummary"))->text();
    QVERIFY2(summary.contains(QStringLiteral("$35.00")), qPrintable(summary + p.findChild<QLabel *>(QStringLiteral("previewErrors"))->text()));
    groups->setPlainText(QStringLiteral("us = 10"));
    p.evaluate();
    QVERIFY(p.findChild<QLabel *>(QStringLiteral("previewErrors"))->text().contains(QStringLiteral("give 2 value(s), one for each of region, tier")));
}

void TestPricePreview::errorsNameThePath()
{
    PricePreview p;
    p.setPriceJson(QStringLiteral(R"({"model_type": "unit", "unit_config": {"unit_amount": "-1"}})"));
    const QString errors = p.findChild<QLabel *>(QStringLiteral("previewErrors"))->text();
    // In words, not as a JSON path.
    QVERIFY2(errors.contains(QStringLiteral("Unit amount: must not be negative")), qPrintable(errors));
    QVERIFY2(!errors.contains(QLatin1Char('$')) && !errors.contains(QStringLiteral("unit_config")), qPrintable(errors));
    p.setPriceJson(QStringLiteral("{not json"));
    QVERIFY(p.findChild<QLabel *>(QStringLiteral("previewErrors"))->text().contains(QStringLiteral("not a JSON object")));
}

QTEST_MAIN(TestPricePreview)
#include "tst_pricepreview.moc"
