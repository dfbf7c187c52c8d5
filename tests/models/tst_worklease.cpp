// SPDX-License-Identifier: GPL-3.0-or-later
// The lease that keeps work (Stripe sync) in one place, on two connections to one company file:
// one holder at a time, the other told who holds it; renewal; take-over after expiry or when
// the holder's process is gone; release only by the holder.
#include "tests/support/CompanyFixture.h"
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/Database.h"
#include "models/Timestamps.h"
#include "models/UnitOfWork.h"
#include "models/sync/WorkLease.h"

#include <QSysInfo>
#include <QTemporaryDir>
#include <QtTest>

using namespace orb;

class TestWorkLease : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 6, 1), QTime(8, 0), Qt::UTC)};
    std::unique_ptr<CompanyFile> m_file;
    std::unique_ptr<Database> m_other; ///< a second connection, as a second program has

private slots:
    void init()
    {
        static int n = 0;
        CompanySettings s;
        s.name = QStringLiteral("Lease Co");
        m_file = orb::test::createCompany(m_dir.filePath(QStringLiteral("l%1.orb").arg(++n)), s, m_clock);
        m_other = m_file->openConnection();
    }
    void cleanup()
    {
        m_other.reset();
        m_file.reset();
    }

    void oneHolderAtATime()
    {
        WorkLease a(m_file->db(), WorkLease::stripeSync(), m_clock, 60);
        WorkLease b(*m_other, WorkLease::stripeSync(), m_clock, 60);
        QVERIFY(!a.acquire());
        QVERIFY(a.isHeld());
        const auto holder = b.acquire();
        QVERIFY(holder);
        QVERIFY(!b.isHeld());
        QCOMPARE(holder->host, QSysInfo::machineHostName());
        QCOMPARE(holder->pid, QCoreApplication::applicationPid());
        QCOMPARE(holder->acquiredAt, m_clock.now());
        const QString text = WorkLease::describe(QStringLiteral("Stripe sync"), *holder);
        // A company server names the database user too: "(pid 42, as clerk)".
        QVERIFY2(text.startsWith(QStringLiteral("Stripe sync runs on %1 (pid %2%3")
                                     .arg(QSysInfo::machineHostName())
                                     .arg(QCoreApplication::applicationPid())
                                     .arg(m_file->isServer() ? QStringLiteral(", as ") : QStringLiteral(")"))),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("since 2026-06-01T08:00:00")), qPrintable(text));

        // Renewed before it expires: still a's, acquired when it was first taken.
        m_clock.advanceSecs(45);
        QVERIFY(!a.acquire());
        m_clock.advanceSecs(45);
        QVERIFY(b.acquire());
        QCOMPARE(a.current()->acquiredAt, QDateTime(QDate(2026, 6, 1), QTime(8, 0), Qt::UTC));
        QCOMPARE(a.current()->expiresAt, m_clock.now().addSecs(15));

        // b's release of a lease it does not hold changes nothing.
        b.release();
        QVERIFY(b.acquire());
        // a stops: b takes over at once.
        a.release();
        QVERIFY(!a.current());
        QVERIFY(!b.acquire());
        QVERIFY(a.acquire());
    }

    void expiredLeaseIsTakenOver()
    {
        WorkLease a(m_file->db(), WorkLease::stripeSync(), m_clock, 60);
        WorkLease b(*m_other, WorkLease::stripeSync(), m_clock, 60);
        QVERIFY(!a.acquire());
        m_clock.advanceSecs(59);
        QVERIFY(b.acquire());
        m_clock.advanceSecs(2); // a stopped renewing (a crash, a lost network)
        QVERIFY(!b.acquire());
        QVERIFY(b.isHeld());
        // a finds out it lost the lease and says who has it now.
        const auto now = a.acquire();
        QVERIFY(now);
        QCOMPARE(now->holder, b.current()->holder);
        QVERIFY(!a.isHeld());
    }

    // A holder on this machine whose process is gone is not waited for.
    void goneProcessIsNotWaitedFor()
    {
        {
            UnitOfWork uow(*m_other);
            m_other->exec(
                QStringLiteral("INSERT INTO work_leases (name, holder, host, pid, acquired_at, renewed_at, expires_at) VALUES (?, 'dead', ?, ?, ?, ?, ?)"),
                {WorkLease::stripeSync(), QSysInfo::machineHostName(), 0x3FFFFFFF, toIsoUtc(m_clock.now()), toIsoUtc(m_clock.now()),
                 toIsoUtc(m_clock.now().addSecs(3600))});
            uow.commit();
        }
        WorkLease a(m_file->db(), WorkLease::stripeSync(), m_clock, 60);
        QVERIFY(!a.acquire());
        // One on another machine is.
        a.release();
        {
            UnitOfWork uow(*m_other);
            m_other->exec(
                QStringLiteral("INSERT INTO work_leases (name, holder, host, pid, acquired_at, renewed_at, expires_at) VALUES (?, 'far', ?, ?, ?, ?, ?)"),
                {WorkLease::stripeSync(), QStringLiteral("elsewhere.example"), 0x3FFFFFFF, toIsoUtc(m_clock.now()), toIsoUtc(m_clock.now()),
                 toIsoUtc(m_clock.now().addSecs(3600))});
            uow.commit();
        }
        const auto far = a.acquire();
        QVERIFY(far);
        QCOMPARE(far->host, QStringLiteral("elsewhere.example"));
    }

    // The lease goes when its holder does.
    void destructorReleases()
    {
        {
            WorkLease a(m_file->db(), WorkLease::stripeSync(), m_clock, 60);
            QVERIFY(!a.acquire());
        }
        WorkLease b(*m_other, WorkLease::stripeSync(), m_clock, 60);
        QVERIFY(!b.current());
        QVERIFY(!b.acquire());
    }
};

QTEST_GUILESS_MAIN(TestWorkLease)
#include "tst_worklease.moc"
