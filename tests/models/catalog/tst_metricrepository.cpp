// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/CompanyFixture.h"
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/StorageError.h"
#include "models/UnitOfWork.h"
#include "models/catalog/MetricRepository.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace orb;

class TestMetricRepository : public QObject
{
    Q_OBJECT

private slots:
    void roundTripAndResolve();
    void duplicateNameIsConflict();

private:
    std::unique_ptr<CompanyFile> newFile();
    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 2, 1), QTime(0, 0), Qt::UTC)};
};

std::unique_ptr<CompanyFile> TestMetricRepository::newFile()
{
    static int n = 0;
    CompanySettings s;
    s.name = QStringLiteral("Metrics Co");
    return orb::test::createCompany(m_dir.filePath(QStringLiteral("m%1.orb").arg(++n)), s, m_clock);
}

void TestMetricRepository::roundTripAndResolve()
{
    auto file = newFile();
    FieldErrors errors;
    auto m = MetricDefinition::fromJson(R"({"name": "tokens", "event_name": "completion", "aggregation": "sum", "property": "tokens",
        "filters": {"property": "model", "operator": "in", "values": ["large", "small"]}, "group_by": "model"})",
                                        &errors);
    QVERIFY2(m, qPrintable(joinErrors(errors)));
    m->setId(QStringLiteral("bm_tokens"));
    MetricRepository repo(file->db());
    repo.insert(*m, m_clock.now());
    const auto byName = repo.resolve(QStringLiteral("tokens"));
    QVERIFY(byName);
    QCOMPARE(byName->id(), QStringLiteral("bm_tokens"));
    QVERIFY(*byName == *m);
    QVERIFY(repo.resolve(QStringLiteral("bm_tokens")));
    QVERIFY(!repo.resolve(QStringLiteral("nope")));
    QCOMPARE(repo.forEventName(QStringLiteral("completion")).size(), 1);
    QCOMPARE(repo.forEventName(QStringLiteral("other")).size(), 0);
    m->setProperty(QStringLiteral("output_tokens"));
    repo.update(*m, m_clock.now());
    QCOMPARE(repo.findById(QStringLiteral("bm_tokens"))->property(), QStringLiteral("output_tokens"));
}

void TestMetricRepository::duplicateNameIsConflict()
{
    auto file = newFile();
    MetricRepository repo(file->db());
    MetricDefinition m;
    m.setId(QStringLiteral("a"));
    m.setName(QStringLiteral("calls"));
    m.setEventName(QStringLiteral("api_call"));
    repo.insert(m, m_clock.now());
    m.setId(QStringLiteral("b"));
    try {
        repo.insert(m, m_clock.now());
        QFAIL("duplicate name stored");
    } catch (const ServiceError &e) {
        QCOMPARE(e.kind(), ServiceError::Kind::Conflict);
    }
    QCOMPARE(repo.list().size(), 1);
}

QTEST_GUILESS_MAIN(TestMetricRepository)
#include "tst_metricrepository.moc"
