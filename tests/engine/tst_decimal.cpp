// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/Decimal.h"
#include "tests/support/TestSupport.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QtTest>

using orb::Decimal;
using orb::DecimalError;
using orb::Rounding;

class TestDecimal : public QObject
{
    Q_OBJECT

private slots:
    void parseAndPrint_data();
    void parseAndPrint();
    void parseRejects_data();
    void parseRejects();
    void arithmetic_data();
    void arithmetic();
    void rounding_data();
    void rounding();
    void division_data();
    void division();
    void comparison();
    void overflowIsAnError();
    void conversions();
    void pythonOracle();
};

void TestDecimal::parseAndPrint_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("printed");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("tiny price") << "0.00002"
                                << "0.00002"
                                << "0.00002";
    QTest::newRow("orb amount") << "1250.5"
                                << "1250.5"
                                << "1250.5";
    QTest::newRow("trailing zeros kept") << "1250.50"
                                         << "1250.50"
                                         << "1250.5";
    QTest::newRow("integer") << "42"
                             << "42"
                             << "42";
    QTest::newRow("plus sign") << "+7.10"
                               << "7.10"
                               << "7.1";
    QTest::newRow("negative") << "-0.5"
                              << "-0.5"
                              << "-0.5";
    QTest::newRow("leading point") << ".25"
                                   << "0.25"
                                   << "0.25";
    QTest::newRow("trailing point") << "3."
                                    << "3"
                                    << "3";
    QTest::newRow("leading zeros") << "000123.4500"
                                   << "123.4500"
                                   << "123.45";
    QTest::newRow("negative zero") << "-0.00"
                                   << "0.00"
                                   << "0";
    QTest::newRow("38 digits") << "12345678901234567890123456789012345678"
                               << "12345678901234567890123456789012345678"
                               << "12345678901234567890123456789012345678";
    QTest::newRow("38 places") << "0.00000000000000000000000000000000000001"
                               << "0.00000000000000000000000000000000000001"
                               << "0.00000000000000000000000000000000000001";
    QTest::newRow("max magnitude") << "-99999999999999999999999999999999999999"
                                   << "-99999999999999999999999999999999999999"
                                   << "-99999999999999999999999999999999999999";
}

void TestDecimal::parseAndPrint()
{
    QFETCH(QString, input);
    QFETCH(QString, printed);
    QFETCH(QString, canonical);
    const Decimal d = Decimal::parse(input);
    QCOMPARE(d.toString(), printed);
    QCOMPARE(d.toCanonicalString(), canonical);
    QCOMPARE(Decimal::parse(d.toString()), d);
}

void TestDecimal::parseRejects_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("reason");
    QTest::newRow("empty") << ""
                           << "empty";
    QTest::newRow("sign only") << "-"
                               << "no digits";
    QTest::newRow("point only") << "."
                                << "no digits";
    QTest::newRow("exponent") << "1e5"
                              << "exponents";
    QTest::newRow("two points") << "1.2.3"
                                << "second decimal point";
    QTest::newRow("letters") << "12a"
                             << "unexpected character 'a' at position 3";
    QTest::newRow("space") << " 1"
                           << "unexpected character";
    QTest::newRow("comma") << "1,000"
                           << "unexpected character ','";
    QTest::newRow("39 digits") << "123456789012345678901234567890123456789"
                               << "more than 38 significant digits";
    QTest::newRow("39 places") << "0.000000000000000000000000000000000000001"
                               << "more than 38 decimal places";
    QTest::newRow("nan") << "NaN"
                         << "unexpected character";
    QTest::newRow("double sign") << "--1"
                                 << "unexpected character '-'";
}

void TestDecimal::parseRejects()
{
    QFETCH(QString, input);
    QFETCH(QString, reason);
    QString error;
    QVERIFY(!Decimal::tryParse(input, &error).has_value());
    QVERIFY2(error.contains(reason), qPrintable(error));
    QVERIFY_THROWS_EXCEPTION(DecimalError, Decimal::parse(input));
}

void TestDecimal::arithmetic_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("op");
    QTest::addColumn<QString>("b");
    QTest::addColumn<QString>("expected");
    QTest::newRow("classic 0.1+0.2") << "0.1"
                                     << "+"
                                     << "0.2"
                                     << "0.3";
    QTest::newRow("scale kept") << "2.50"
                                << "+"
                                << "1"
                                << "3.50";
    QTest::newRow("sub to zero") << "5.00"
                                 << "-"
                                 << "5"
                                 << "0.00";
    QTest::newRow("sub negative") << "1"
                                  << "-"
                                  << "2.5"
                                  << "-1.5";
    QTest::newRow("mul scales add") << "1.5"
                                    << "*"
                                    << "2.0"
                                    << "3.00";
    QTest::newRow("tiny unit price") << "1000000"
                                     << "*"
                                     << "0.00002"
                                     << "20.00000";
    QTest::newRow("mul negative") << "-3"
                                  << "*"
                                  << "0.25"
                                  << "-0.75";
    QTest::newRow("mul by zero sign") << "-3"
                                      << "*"
                                      << "0"
                                      << "0";
    QTest::newRow("big exact") << "99999999999999999999"
                               << "*"
                               << "999999999999999999"
                               << "99999999999999999899000000000000000001";
    QTest::newRow("fraction rounded half-even") << "0.00000000000000000000000000000000000005"
                                                << "*"
                                                << "0.5"
                                                << "0.00000000000000000000000000000000000002";
    QTest::newRow("sum needs 39 digits, rounds") << "10000000000000000000000000000000000000"
                                                 << "+"
                                                 << "0.5"
                                                 << "10000000000000000000000000000000000000";
    QTest::newRow("sum carries up") << "99999999999999999999999999999999999999"
                                    << "-"
                                    << "0.5"
                                    << "99999999999999999999999999999999999998";
}

void TestDecimal::arithmetic()
{
    QFETCH(QString, a);
    QFETCH(QString, op);
    QFETCH(QString, b);
    QFETCH(QString, expected);
    const Decimal x = Decimal::parse(a);
    const Decimal y = Decimal::parse(b);
    Decimal r;
    if (op == QLatin1String("+"))
        r = x + y;
    else if (op == QLatin1String("-"))
        r = x - y;
    else
        r = x * y;
    QCOMPARE(r.toString(), expected);
}

void TestDecimal::rounding_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<int>("places");
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("expected");
    QTest::newRow("half-up tie") << "2.345" << 2 << "half_up"
                                 << "2.35";
    QTest::newRow("half-even tie down") << "2.345" << 2 << "half_even"
                                        << "2.34";
    QTest::newRow("half-even tie up") << "2.355" << 2 << "half_even"
                                      << "2.36";
    QTest::newRow("half-up negative tie") << "-2.345" << 2 << "half_up"
                                          << "-2.35";
    QTest::newRow("half-even negative") << "-0.125" << 2 << "half_even"
                                        << "-0.12";
    QTest::newRow("down") << "9.999" << 2 << "down"
                          << "9.99";
    QTest::newRow("up") << "9.991" << 2 << "up"
                        << "10.00";
    QTest::newRow("floor negative") << "-1.001" << 2 << "floor"
                                    << "-1.01";
    QTest::newRow("ceiling positive") << "1.001" << 2 << "ceiling"
                                      << "1.01";
    QTest::newRow("pad") << "1.5" << 3 << "half_up"
                         << "1.500";
    QTest::newRow("to integer") << "0.5" << 0 << "half_up"
                                << "1";
    QTest::newRow("to integer even") << "0.5" << 0 << "half_even"
                                     << "0";
    QTest::newRow("JPY") << "1234.5" << 0 << "half_up"
                         << "1235";
    QTest::newRow("BHD") << "1.23451" << 3 << "half_up"
                         << "1.235";
    QTest::newRow("tiny to cents") << "0.00002" << 2 << "half_up"
                                   << "0.00";
    QTest::newRow("carry through nines") << "0.9995" << 3 << "half_up"
                                         << "1.000";
}

void TestDecimal::rounding()
{
    QFETCH(QString, value);
    QFETCH(int, places);
    QFETCH(QString, mode);
    QFETCH(QString, expected);
    const auto rounding = Decimal::roundingFromString(mode);
    QVERIFY(rounding.has_value());
    QCOMPARE(Decimal::parse(value).rounded(places, *rounding).toString(), expected);
}

void TestDecimal::division_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<int>("scale");
    QTest::addColumn<QString>("expected");
    QTest::newRow("third") << "1"
                           << "3" << 10 << "0.3333333333";
    QTest::newRow("two thirds half up") << "2"
                                        << "3" << 4 << "0.6667";
    QTest::newRow("proration 17 of 31 days") << "100.00"
                                             << "31" << 2 << "3.23";
    QTest::newRow("negative") << "-10"
                              << "4" << 0 << "-3";
    QTest::newRow("exact") << "7.5"
                           << "2.5" << 2 << "3.00";
    QTest::newRow("by fraction") << "1"
                                 << "0.00002" << 0 << "50000";
}

void TestDecimal::division()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(int, scale);
    QFETCH(QString, expected);
    QCOMPARE(Decimal::parse(a).divide(Decimal::parse(b), scale).toString(), expected);
}

void TestDecimal::comparison()
{
    QCOMPARE(Decimal::parse("1.0"), Decimal::parse("1.00"));
    QVERIFY(Decimal::parse("-0.01") < Decimal(0));
    QVERIFY(Decimal::parse("0.00002") > Decimal::parse("0.00001999"));
    QVERIFY(Decimal::parse("99999999999999999999999999999999999999") > Decimal::parse("9999999999999999999999999999999999999.9"));
    QCOMPARE(Decimal::max(Decimal(3), Decimal::parse("3.5")).toString(), QStringLiteral("3.5"));
}

void TestDecimal::overflowIsAnError()
{
    const Decimal big = Decimal::parse("99999999999999999999999999999999999999");
    QVERIFY_THROWS_EXCEPTION(DecimalError, big + Decimal(1));
    QVERIFY_THROWS_EXCEPTION(DecimalError, big * Decimal(10));
    QVERIFY_THROWS_EXCEPTION(DecimalError, Decimal(1).divide(Decimal(0), 2));
    QVERIFY_THROWS_EXCEPTION(DecimalError, big.rounded(1));
    QVERIFY_THROWS_EXCEPTION(DecimalError, Decimal::parse("1.5").toInt64());
}

void TestDecimal::conversions()
{
    QCOMPARE(Decimal::fromMinorUnits(12345, 2).toString(), QStringLiteral("123.45"));
    QCOMPARE(Decimal::parse("123.45").toMinorUnits(2), 12345);
    QCOMPARE(Decimal::parse("-7").toMinorUnits(3), -7000);
    QVERIFY_THROWS_EXCEPTION(DecimalError, Decimal::parse("1.234").toMinorUnits(2));
    QCOMPARE(Decimal::parse("42.000").toInt64(), 42);
    QVERIFY(Decimal::parse("3.000").isInteger());
    QCOMPARE(Decimal::parse("0.00").digits(), 1);
    QCOMPARE(Decimal::parse("-120.50").digits(), 5);
}

namespace {

QString randomDecimal(QRandomGenerator &rng)
{
    // A mix: short everyday amounts, long values, values ending in 5 (ties), zeros.
    const int kind = rng.bounded(10);
    int digits = kind < 4 ? rng.bounded(1, 8) : rng.bounded(1, 39);
    QString s;
    for (int i = 0; i < digits; ++i)
        s += QChar(QLatin1Char(char('0' + rng.bounded(i == 0 ? 1 : 0, 10))));
    if (kind == 5)
        s[s.size() - 1] = QLatin1Char('5');
    if (kind == 6)
        s = QStringLiteral("0");
    int scale = rng.bounded(0, std::min(38, digits + 3) + 1);
    if (scale > digits)
        s = QString(scale - digits + 1, QLatin1Char('0')) + s;
    if (scale > 0)
        s.insert(s.size() - scale, QLatin1Char('.'));
    if (rng.bounded(3) == 0)
        s.prepend(QLatin1Char('-'));
    return s;
}

} // namespace

void TestDecimal::pythonOracle()
{
    const QString script = orb::test::sourceDir() + QStringLiteral("/tests/engine/decimal_oracle.py");
    const quint32 seed =
        qEnvironmentVariableIsSet("ORB_DECIMAL_SEED") ? qEnvironmentVariableIntValue("ORB_DECIMAL_SEED") : QRandomGenerator::global()->generate();
    qInfo("decimal oracle seed %u (set ORB_DECIMAL_SEED to repeat)", seed);
    QRandomGenerator rng(seed);
    static const char *modes[] = {"half_up", "half_even", "down", "up", "floor", "ceiling"};
    const int cases = 30000;
    QStringList lines;
    lines.reserve(cases);
    for (int i = 0; i < cases; ++i) {
        const QString a = randomDecimal(rng);
        const QString b = randomDecimal(rng);
        switch (rng.bounded(6)) {
        case 0: lines << QStringLiteral("add %1 %2").arg(a, b); break;
        case 1: lines << QStringLiteral("sub %1 %2").arg(a, b); break;
        case 2: lines << QStringLiteral("mul %1 %2").arg(a, b); break;
        case 3: lines << QStringLiteral("cmp %1 %2").arg(a, b); break;
        case 4: lines << QStringLiteral("div %1 %2 %3 %4").arg(a, b).arg(rng.bounded(0, 21)).arg(QLatin1String(modes[rng.bounded(6)])); break;
        default: lines << QStringLiteral("round %1 %2 %3").arg(a).arg(rng.bounded(0, 12)).arg(QLatin1String(modes[rng.bounded(6)])); break;
        }
    }
    const auto result = orb::test::run(QStringLiteral("python3"), {script}, lines.join(QLatin1Char('\n')).toUtf8() + '\n');
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const QList<QByteArray> expected = result.out.trimmed().split('\n');
    QCOMPARE(expected.size(), lines.size());
    int overflows = 0;
    for (int i = 0; i < lines.size(); ++i) {
        const QStringList p = lines[i].split(QLatin1Char(' '));
        const Decimal a = Decimal::parse(p[1]);
        QString got;
        try {
            if (p[0] == QLatin1String("round")) {
                got = a.rounded(p[2].toInt(), *Decimal::roundingFromString(p[3])).toString();
            } else {
                const Decimal b = Decimal::parse(p[2]);
                if (p[0] == QLatin1String("add"))
                    got = (a + b).toString();
                else if (p[0] == QLatin1String("sub"))
                    got = (a - b).toString();
                else if (p[0] == QLatin1String("mul"))
                    got = (a * b).toString();
                else if (p[0] == QLatin1String("cmp"))
                    got = QString::number(a.compare(b));
                else
                    got = a.divide(b, p[3].toInt(), *Decimal::roundingFromString(p[4])).toString();
            }
        } catch (const DecimalError &e) {
            got = QString::fromUtf8(e.what()).contains(QLatin1String("division by zero")) ? QStringLiteral("DIVZERO") : QStringLiteral("OVERFLOW");
            ++overflows;
        }
        if (got != QString::fromLatin1(expected[i]))
            QFAIL(qPrintable(QStringLiteral("%1 → got %2, Python says %3").arg(lines[i], got, QString::fromLatin1(expected[i]))));
    }
    qInfo("%d cases agree with Python's decimal (%d overflow or division-by-zero errors among them)", int(lines.size()), overflows);
}

QTEST_GUILESS_MAIN(TestDecimal)
#include "tst_decimal.moc"
