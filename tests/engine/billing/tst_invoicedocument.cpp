// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/Currency.h"
#include "engine/billing/InvoiceResult.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace orb;
using namespace orb::billing;

/// InvoiceResult::toCompactJson writes exactly the text Qt writes for toJson()'s object (the
/// invoice document as the company file has always stored it), for every kind of member.
class TstInvoiceDocument : public QObject
{
    Q_OBJECT

private slots:
    void sameTextAsQt_data()
    {
        QTest::addColumn<QString>("currency");
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("lines");
        QTest::addColumn<bool>("rich");
        QTest::newRow("no lines") << QStringLiteral("USD") << QStringLiteral("Platform") << 0 << false;
        QTest::newRow("one plain line") << QStringLiteral("USD") << QStringLiteral("Platform") << 1 << false;
        QTest::newRow("five lines, taxes, adjustments, draws") << QStringLiteral("EUR") << QStringLiteral("Calls") << 5 << true;
        QTest::newRow("no minor unit") << QStringLiteral("JPY") << QStringLiteral("Jobs") << 2 << true;
        QTest::newRow("three decimals") << QStringLiteral("KWD") << QStringLiteral("Storage") << 2 << true;
        QTest::newRow("quotes and backslashes") << QStringLiteral("USD") << QStringLiteral("The \"big\" plan \\ tier") << 2 << true;
        QTest::newRow("control characters") << QStringLiteral("USD") << QStringLiteral("a\nb\tc\rd\be\ff\x01g\x1fh\x7f") << 1 << true;
        QTest::newRow("non-ASCII") << QStringLiteral("EUR") << QStringLiteral("Größe – Überweisung € 😀 日本") << 1 << true;
        QTest::newRow("lone surrogate") << QStringLiteral("USD") << (QStringLiteral("half ") + QChar(0xd800) + QStringLiteral(" pair")) << 1 << false;
        QTest::newRow("empty name") << QStringLiteral("USD") << QString() << 1 << false;
    }

    void sameTextAsQt()
    {
        QFETCH(QString, currency);
        QFETCH(QString, name);
        QFETCH(int, lines);
        QFETCH(bool, rich);
        InvoiceResult r;
        r.currency = *Currency::fromCode(currency);
        for (int i = 0; i < lines; ++i) {
            InvoiceLineResult l;
            l.priceId = QStringLiteral("price_%1").arg(i);
            l.itemId = i % 2 ? QString() : QStringLiteral("item_%1").arg(i);
            l.name = name;
            l.quantity = Decimal::parse(QStringLiteral("1234.5678"));
            l.startDate = QDate(2026, 1, 1);
            l.endDate = i % 3 ? QDate(2026, 2, 1) : QDate();
            l.subtotal = Decimal::parse(QStringLiteral("99.995"));
            l.adjustedSubtotal = Decimal::parse(QStringLiteral("-0.5"));
            l.amount = Decimal::parse(QStringLiteral("12"));
            l.total = Decimal::parse(QStringLiteral("1000000.125"));
            if (rich) {
                l.adjustments.append(
                    {QStringLiteral("adj_%1").arg(i), Adjustment::Kind::PercentageDiscount, i % 2 == 0, Decimal::parse(QStringLiteral("-3.3"))});
                l.adjustments.append({name, Adjustment::Kind::Minimum, false, Decimal::parse(QStringLiteral("7"))});
                l.taxAmounts.append({QStringLiteral("tax_vat"), name, Decimal::parse(QStringLiteral("19.00")), Decimal::parse(QStringLiteral("10")),
                                     Decimal::parse(QStringLiteral("1.9"))});
                l.subLineItems = QJsonArray{QJsonObject{{QStringLiteral("name"), name},
                                                        {QStringLiteral("quantity"), 3.25},
                                                        {QStringLiteral("grouping"), QJsonObject{{QStringLiteral("key"), QStringLiteral("region")}}},
                                                        {QStringLiteral("none"), QJsonValue::Null},
                                                        {QStringLiteral("flag"), true}}};
            }
            r.lines.append(l);
        }
        r.subtotal = Decimal::parse(QStringLiteral("99.995"));
        r.total = Decimal::parse(QStringLiteral("-12.3456"));
        r.amountDue = Decimal::parse(QStringLiteral("0"));
        if (rich) {
            r.taxes.append({QStringLiteral("tax_vat"), QStringLiteral("VAT"), Decimal::parse(QStringLiteral("7.5")), Decimal::parse(QStringLiteral("100")),
                            Decimal::parse(QStringLiteral("7.5"))});
            r.creditDraws.append({QStringLiteral("block_1"), Decimal::parse(QStringLiteral("5")), Decimal::parse(QStringLiteral("0.25"))});
        }
        const QList<QPair<QString, QString>> extra{{QStringLiteral("plan_id"), QStringLiteral("plan_1")}, {QStringLiteral("plan_name"), name}};
        QJsonObject object = r.toJson();
        for (const auto &e : extra)
            object.insert(e.first, e.second);
        const QByteArray text = r.toCompactJson(extra);
        QCOMPARE(text, QJsonDocument(object).toJson(QJsonDocument::Compact));
        QCOMPARE(QJsonDocument::fromJson(text).object(), object);
    }
};

QTEST_GUILESS_MAIN(TstInvoiceDocument)
#include "tst_invoicedocument.moc"
