// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/TestSupport.h"
#include "engine/Clock.h"
#include "models/AuditLog.h"
#include "models/CompanyFile.h"
#include "tests/ui/GuiCompany.h"
#include "models/CustomerService.h"
#include "models/EventTableModel.h"
#include "models/Timestamps.h"
#include "models/usage/BackfillService.h"
#include "models/usage/UsageEventService.h"
#include "ui/MainWindow.h"
#include "ui/dialogs/BackfillOfferDialog.h"
#include "ui/dialogs/ImportJob.h"
#include "ui/dialogs/ImportWizard.h"
#include "ui/screens/UsageScreen.h"

#include <QAbstractButton>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDropEvent>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSemaphore>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <atomic>

using namespace orb;

namespace {

/// Runs `answer` on the next modal dialog of type T once it is shown (exec() blocks the test).
template <typename T>
void whenModal(std::function<void(T *)> answer)
{
    auto *timer = new QTimer;
    timer->setInterval(10);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, answer] {
        auto *dialog = qobject_cast<T *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        timer->stop();
        timer->deleteLater();
        answer(dialog);
    });
    timer->start();
}

} // namespace

/// The usage import wizard driven through its widgets, offscreen: a hand-made column map, rejected
/// rows shown and saved, Stop and resume, and a file dropped on the main window.
class TestImportWizard : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void csvMappedByHand();
    void badRowsShownAndSaved();
    void stopKeepsCheckpointsAndRerunResumes();
    void importsIntoPendingBackfill();
    void offersBackfillForOlderEvents();
    void droppedFileOpensWizard();

private:
    QString writeFile(const QString &name, const QByteArray &content);
    qint64 eventCount() const;
    void next(ImportWizard &w, int expectedPage);
    void snap(QWidget &w, const QString &name);
    static QByteArray csvRows(int rows);

    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 3, 10), QTime(12, 0), Qt::UTC)};
    std::unique_ptr<CompanyFile> m_file;
    QString m_path;
};

void TestImportWizard::initTestCase()
{
    qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_DATA_HOME", m_dir.filePath(QStringLiteral("data")).toUtf8());
}

void TestImportWizard::init()
{
    static int n = 0;
    m_file.reset();
    CompanySettings s;
    s.name = QStringLiteral("Wizard Co");
    m_path = m_dir.filePath(QStringLiteral("w%1.orb").arg(++n));
    m_file = test::createCompany(m_path, s, m_clock);
    Customer c;
    c.name = QStringLiteral("Acme");
    c.externalCustomerId = QStringLiteral("acme");
    c.timezone = QStringLiteral("UTC");
    CustomerService(*m_file, m_clock).create(c);
}

QString TestImportWizard::writeFile(const QString &name, const QByteArray &content)
{
    return orb::test::writeFile(m_dir.filePath(name), content);
}

qint64 TestImportWizard::eventCount() const
{
    return m_file->db().scalar(QStringLiteral("SELECT count(*) FROM usage_events")).toLongLong();
}

void TestImportWizard::next(ImportWizard &w, int expectedPage)
{
    QAbstractButton *button = w.button(QWizard::NextButton)->isVisible() ? w.button(QWizard::NextButton) : w.button(QWizard::CommitButton);
    QVERIFY2(button->isEnabled(), qPrintable(QStringLiteral("the button is disabled on page %1").arg(w.currentId())));
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(w.currentId(), expectedPage);
}

/// Saves a picture of the window to look at when ORB_SCREENSHOT_DIR is set.
void TestImportWizard::snap(QWidget &w, const QString &name)
{
    const QImage image = w.grab().toImage();
    QVERIFY(!image.isNull());
    const QString dir = qEnvironmentVariable("ORB_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        QVERIFY(image.save(QDir(dir).filePath(name + QStringLiteral(".png"))));
}

/// Rows in the file format's own names, all valid: k1 … kN.
QByteArray TestImportWizard::csvRows(int rows)
{
    QByteArray out = "event_name,timestamp,idempotency_key,external_customer_id,properties.tokens\n";
    for (int i = 1; i <= rows; ++i)
        out += "completion,2026-03-10T10:00:00Z,k" + QByteArray::number(i) + ",acme," + QByteArray::number(i) + '\n';
    return out;
}

void TestImportWizard::csvMappedByHand()
{
    const QString csv = writeFile(QStringLiteral("billing export.txt"), "When,What,Request,Account,Tokens,Comment\n"
                                                                        "2026-03-10T10:00:00Z,completion,r1,acme,12,first\n"
                                                                        "2026-03-10T10:05:00Z,completion,r2,acme,30,\n"
                                                                        "2026-03-10T10:06:00Z,embedding,r3,acme,7,third\n");
    ImportWizard w(*m_file, m_clock);
    QSignalSpy imported(&w, &ImportWizard::eventsImported);
    w.show();
    QCOMPARE(w.currentId(), int(ImportWizard::FilePage));
    QVERIFY(!w.button(QWizard::NextButton)->isEnabled()); // no file yet
    QTest::keyClicks(w.findChild<QLineEdit *>(QStringLiteral("importFilePath")), csv);
    // A .txt file: the content says CSV.
    QCOMPARE(w.findChild<QComboBox *>(QStringLiteral("importFormat"))->currentData().toInt(), int(ImportReader::Format::Csv));
    QVERIFY(w.findChild<QLabel *>(QStringLiteral("importFileSize"))->text().contains(QStringLiteral("billing export.txt")));
    snap(w, QStringLiteral("importwizard-1-file"));
    next(w, ImportWizard::MappingPage);

    // Only "Account" is a name the wizard knows (external_customer_id); the rest by hand.
    auto combo = [&](const char *field) { return w.findChild<QComboBox *>(QStringLiteral("map_") + QLatin1String(field)); };
    QCOMPARE(combo("external_customer_id")->currentData().toString(), QStringLiteral("Account"));
    QCOMPARE(combo("event_name")->currentData().toString(), QString());
    // Unmapped, the required fields stop the page with a message saying what to do.
    QTest::mouseClick(w.button(QWizard::NextButton), Qt::LeftButton);
    QCOMPARE(w.currentId(), int(ImportWizard::MappingPage));
    const QString error = w.findChild<QLabel *>(QStringLiteral("mappingError"))->text();
    QVERIFY2(error.contains(QStringLiteral("the column event_name is missing")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("Choose a column for each required field")), qPrintable(error));
    snap(w, QStringLiteral("importwizard-2a-mapping-error"));
    combo("event_name")->setCurrentIndex(combo("event_name")->findData(QStringLiteral("What")));
    combo("timestamp")->setCurrentIndex(combo("timestamp")->findData(QStringLiteral("When")));
    combo("idempotency_key")->setCurrentIndex(combo("idempotency_key")->findData(QStringLiteral("Request")));
    auto *properties = w.findChild<QTableWidget *>(QStringLiteral("propertyColumns"));
    QCOMPARE(properties->rowCount(), 2); // Tokens and Comment are left
    for (int r = 0; r < properties->rowCount(); ++r) {
        if (properties->item(r, 0)->text() == QLatin1String("Tokens"))
            properties->item(r, 1)->setText(QStringLiteral("tokens_used"));
        else if (properties->item(r, 0)->text() == QLatin1String("Comment"))
            properties->item(r, 0)->setCheckState(Qt::Unchecked);
    }
    snap(w, QStringLiteral("importwizard-2-mapping"));
    next(w, ImportWizard::PreviewPage);

    auto *preview = w.findChild<QTableWidget *>(QStringLiteral("previewTable"));
    QCOMPARE(preview->rowCount(), 3);
    QCOMPARE(preview->item(0, 1)->text(), QStringLiteral("will be imported"));
    QCOMPARE(preview->item(2, 2)->text(), QStringLiteral("embedding"));
    QCOMPARE(preview->item(0, 6)->text(), QStringLiteral(R"({"tokens_used":12})"));
    QVERIFY(w.findChild<QLabel *>(QStringLiteral("previewSummary"))
                ->text()
                .contains(QStringLiteral("Will be imported: 3. Already in the company file: 0. Rejected: 0.")));
    QCOMPARE(eventCount(), 0); // the preview writes nothing
    snap(w, QStringLiteral("importwizard-3-preview"));
    next(w, ImportWizard::RunPage);

    QTRY_VERIFY_WITH_TIMEOUT(w.currentPage()->isComplete(), 30000);
    QVERIFY(w.button(QWizard::FinishButton)->isEnabled());
    QCOMPARE(w.findChild<QLabel *>(QStringLiteral("importCounts"))->text(),
             QStringLiteral("New events imported: <b>3</b>. Already in the company file (skipped): <b>0</b>. Rejected: <b>0</b>."));
    QVERIFY(!w.findChild<QTableWidget *>(QStringLiteral("importRejects"))->isVisible());
    QCOMPARE(imported.size(), 1);
    QCOMPARE(eventCount(), 3);
    const StoredEvent e = UsageEventService(*m_file, m_clock).current(QStringLiteral("r2"));
    QCOMPARE(e.row.eventName, QByteArray("completion"));
    QCOMPARE(e.row.externalCustomerId, QByteArray("acme"));
    QCOMPARE(e.row.tsMs, QDateTime(QDate(2026, 3, 10), QTime(10, 5), Qt::UTC).toMSecsSinceEpoch());
    QCOMPARE(e.row.properties, QByteArray(R"({"tokens_used":30})"));
    QCOMPARE(UsageEventService(*m_file, m_clock).current(QStringLiteral("r1")).row.properties, QByteArray(R"({"tokens_used":12})"));
}

void TestImportWizard::badRowsShownAndSaved()
{
    const QString jsonl = writeFile(QStringLiteral("usage.jsonl"),
                                    R"({"event_name":"api_call","timestamp":"2026-03-10T10:00:00Z","idempotency_key":"a1","external_customer_id":"acme"})"
                                    "\n"
                                    R"({"event_name":"api_call","timestamp":"2026-03-10T10:00:00Z","idempotency_key":"a2"})"
                                    "\n"
                                    R"({"event_name":"api_call","timestamp":"2026-03-10T10:00:00Z","idempotency_key":"a3","external_customer_id":"acme"})"
                                    "\n"
                                    R"({"event_name":"api_call","timestamp":"2027-01-01T00:00:00Z","idempotency_key":"a4","external_customer_id":"acme"})"
                                    "\n"
                                    R"({"event_name":"api_call","timestamp":"2026-03-10T10:00:00Z","idempotency_key":"a1","external_customer_id":"acme"})"
                                    "\n");
    ImportWizard w(*m_file, m_clock);
    w.setFilePath(jsonl);
    w.show();
    QCOMPARE(w.findChild<QComboBox *>(QStringLiteral("importFormat"))->currentData().toInt(), int(ImportReader::Format::JsonLines));
    next(w, ImportWizard::PreviewPage); // JSON Lines: no column map
    auto *preview = w.findChild<QTableWidget *>(QStringLiteral("previewTable"));
    QCOMPARE(preview->rowCount(), 5);
    QCOMPARE(preview->item(1, 1)->text(), QStringLiteral("rejected"));
    QVERIFY2(preview->item(1, 6)->text().contains(QStringLiteral("customer_id")), qPrintable(preview->item(1, 6)->text()));
    QCOMPARE(preview->item(3, 6)->text(), QStringLiteral("timestamp: 2027-01-01T00:00:00Z is more than 5 minutes in the future"));
    QCOMPARE(preview->item(4, 1)->text(), QStringLiteral("already imported")); // a1 again
    const QString summary = w.findChild<QLabel *>(QStringLiteral("previewSummary"))->text();
    QVERIFY2(summary.contains(QStringLiteral("Rows read: 5, the whole file. Will be imported: 2. Already in the company file: 1. Rejected: 2.")),
             qPrintable(summary));
    next(w, ImportWizard::RunPage);
    QTRY_VERIFY_WITH_TIMEOUT(w.currentPage()->isComplete(), 30000);
    QCOMPARE(w.findChild<QLabel *>(QStringLiteral("importCounts"))->text(),
             QStringLiteral("New events imported: <b>2</b>. Already in the company file (skipped): <b>1</b>. Rejected: <b>2</b>."));
    auto *rejects = w.findChild<QTableWidget *>(QStringLiteral("importRejects"));
    QVERIFY(rejects->isVisible());
    QCOMPARE(rejects->rowCount(), 2);
    QCOMPARE(rejects->item(0, 0)->text(), QStringLiteral("2"));
    QCOMPARE(rejects->item(1, 0)->text(), QStringLiteral("4"));
    QCOMPARE(rejects->item(1, 1)->text(), QStringLiteral("timestamp: 2027-01-01T00:00:00Z is more than 5 minutes in the future"));
    QVERIFY(w.findChild<QPushButton *>(QStringLiteral("saveRejectsButton"))->isVisible());
    snap(w, QStringLiteral("importwizard-4-rejects"));

    const QString saved = m_dir.filePath(QStringLiteral("rejects.jsonl"));
    QCOMPARE(w.saveRejects(saved), QString());
    QFile f(saved);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().split('\n');
    QCOMPARE(lines.size(), 3); // two rows and the final newline
    QVERIFY2(lines[0].startsWith("{\"line\":2,\"reason\":\""), lines[0].constData());
    QCOMPARE(lines[1], QByteArray(R"({"line":4,"reason":"timestamp: 2027-01-01T00:00:00Z is more than 5 minutes in the future"})"));
    QVERIFY(w.findChild<QLabel *>(QStringLiteral("importStatus"))->text().contains(QStringLiteral("Rejected rows saved to")));
    QVERIFY(!w.saveRejects(m_dir.filePath(QStringLiteral("missing/dir/r.jsonl"))).isEmpty());
    QCOMPARE(eventCount(), 2);
}

void TestImportWizard::stopKeepsCheckpointsAndRerunResumes()
{
    const QString csv = writeFile(QStringLiteral("hundred.csv"), csvRows(100));
    {
        ImportWizard w(*m_file, m_clock);
        w.setBatchSizes(30, 10); // a checkpoint every 3 batches of 10 rows
        w.setFilePath(csv);
        w.show();
        next(w, ImportWizard::MappingPage);
        next(w, ImportWizard::PreviewPage);
        // A file in the standard layout gets orbctl's options: an import begun there resumes here.
        const ImportOptions options = w.importOptions();
        QVERIFY(options.fieldColumns.isEmpty() && options.propertyColumns.isEmpty() && options.ignoredColumns.isEmpty());
        // The worker waits inside its 4th progress report (rows 31-40 written, not committed)
        // until Stop has been clicked on the window's thread: the stop lands at a known place.
        std::atomic<int> reports{0};
        QSemaphore clicked;
        auto *stop = w.findChild<QPushButton *>(QStringLiteral("importCancelButton"));
        connect(
            w.job(), &ImportJob::progress, w.job(),
            [&](qint64, qint64) {
                if (++reports != 4)
                    return;
                QMetaObject::invokeMethod(
                    stop,
                    [&] {
                        snap(w, QStringLiteral("importwizard-5a-running"));
                        QTest::mouseClick(stop, Qt::LeftButton);
                        clicked.release();
                    },
                    Qt::QueuedConnection);
                clicked.tryAcquire(1, 30000);
            },
            Qt::DirectConnection);
        next(w, ImportWizard::RunPage);
        QTRY_VERIFY_WITH_TIMEOUT(w.currentPage()->isComplete(), 30000);
        QCOMPARE(reports.load(), 4);
        const QString status = w.findChild<QLabel *>(QStringLiteral("importStatus"))->text();
        QVERIFY2(status.startsWith(QStringLiteral("Stopped. Everything before line 32 was kept")), qPrintable(status));
        QVERIFY2(status.contains(QStringLiteral("Import the same file again")), qPrintable(status));
        QCOMPARE(w.findChild<QLabel *>(QStringLiteral("importCounts"))->text(),
                 QStringLiteral("New events imported: <b>30</b>. Already in the company file (skipped): <b>0</b>. Rejected: <b>0</b>."));
        snap(w, QStringLiteral("importwizard-5-stopped"));
    }
    QCOMPARE(eventCount(), 30);

    // Again, as a person would: same file, same choices. The preview sees what is there.
    ImportWizard w(*m_file, m_clock);
    w.setFilePath(csv);
    w.show();
    next(w, ImportWizard::MappingPage);
    next(w, ImportWizard::PreviewPage);
    const QString again = w.findChild<QLabel *>(QStringLiteral("previewSummary"))->text();
    QVERIFY2(
        again.contains(QStringLiteral(
            "Rows read: the first 50; the rest of the file is checked as it is imported. Will be imported: 20. Already in the company file: 30. Rejected: 0.")),
        qPrintable(again));
    next(w, ImportWizard::RunPage);
    QTRY_VERIFY_WITH_TIMEOUT(w.currentPage()->isComplete(), 30000);
    const QString status = w.findChild<QLabel *>(QStringLiteral("importStatus"))->text();
    QVERIFY2(status.contains(QStringLiteral("went on from line 32")), qPrintable(status));
    QCOMPARE(w.findChild<QLabel *>(QStringLiteral("importCounts"))->text(),
             QStringLiteral("New events imported: <b>100</b>. Already in the company file (skipped): <b>0</b>. Rejected: <b>0</b>."));
    QCOMPARE(w.findChild<QProgressBar *>(QStringLiteral("importProgress"))->value(), 1000);
    QCOMPARE(eventCount(), 100);
    QCOMPARE(m_file->db().scalar(QStringLiteral("SELECT count(DISTINCT idempotency_key) FROM usage_events")).toInt(), 100);
}

void TestImportWizard::importsIntoPendingBackfill()
{
    const Backfill backfill =
        BackfillService(*m_file, m_clock)
            .create(QDateTime(QDate(2026, 2, 1), QTime(0, 0), Qt::UTC), QDateTime(QDate(2026, 3, 1), QTime(0, 0), Qt::UTC), QStringLiteral("acme"), false);
    // February: far older than the grace period, so only a backfill takes it.
    const QString jsonl = writeFile(QStringLiteral("february.jsonl"),
                                    R"({"event_name":"api_call","timestamp":"2026-02-10T10:00:00Z","idempotency_key":"f1","external_customer_id":"acme"})"
                                    "\n");
    ImportWizard w(*m_file, m_clock);
    w.setFilePath(jsonl);
    w.show();
    auto *backfills = w.findChild<QComboBox *>(QStringLiteral("importBackfill"));
    QCOMPARE(backfills->count(), 2);
    QVERIFY(backfills->isEnabled());
    QVERIFY2(backfills->itemText(1).contains(QStringLiteral("Acme")), qPrintable(backfills->itemText(1)));
    next(w, ImportWizard::PreviewPage);
    auto *preview = w.findChild<QTableWidget *>(QStringLiteral("previewTable"));
    QCOMPARE(preview->item(0, 1)->text(), QStringLiteral("rejected")); // no backfill chosen: too old
    QTest::mouseClick(w.button(QWizard::BackButton), Qt::LeftButton);
    backfills->setCurrentIndex(backfills->findData(backfill.id));
    QCOMPARE(w.backfillId(), backfill.id);
    snap(w, QStringLiteral("importwizard-1a-backfill"));
    next(w, ImportWizard::PreviewPage);
    QCOMPARE(preview->item(0, 1)->text(), QStringLiteral("will be imported"));
    next(w, ImportWizard::RunPage);
    QTRY_VERIFY_WITH_TIMEOUT(w.currentPage()->isComplete(), 30000);
    QCOMPARE(UsageEventService(*m_file, m_clock).current(QStringLiteral("f1")).status, UsageEventStatus::Pending);
    QCOMPARE(BackfillService(*m_file, m_clock).get(backfill.id).eventsIngested, 1);
}

void TestImportWizard::offersBackfillForOlderEvents()
{
    // Two February events (far older than the 12-hour grace period) and one of this morning.
    const QString jsonl = writeFile(QStringLiteral("late.jsonl"),
                                    R"({"event_name":"api_call","timestamp":"2026-02-10T10:00:00Z","idempotency_key":"o1","external_customer_id":"acme"})"
                                    "\n"
                                    R"({"event_name":"api_call","timestamp":"2026-02-20T08:30:00Z","idempotency_key":"o2","external_customer_id":"acme"})"
                                    "\n"
                                    R"({"event_name":"api_call","timestamp":"2026-03-10T10:00:00Z","idempotency_key":"n1","external_customer_id":"acme"})"
                                    "\n");
    ImportWizard w(*m_file, m_clock);
    w.setFilePath(jsonl);
    w.show();
    auto *backfills = w.findChild<QComboBox *>(QStringLiteral("importBackfill"));
    QCOMPARE(backfills->count(), 1); // none yet
    next(w, ImportWizard::PreviewPage);
    auto *preview = w.findChild<QTableWidget *>(QStringLiteral("previewTable"));
    QCOMPARE(preview->item(0, 1)->text(), QStringLiteral("rejected"));
    auto *offer = w.findChild<QPushButton *>(QStringLiteral("offerBackfillButton"));
    QVERIFY(offer->isVisible());
    QVERIFY(w.findChild<QLabel *>(QStringLiteral("backfillOfferNote"))->text().contains(QStringLiteral("2 of these rows")));
    snap(w, QStringLiteral("importwizard-backfill-offer"));

    // Cancelled: nothing is created and the rows stay rejected.
    whenModal<BackfillOfferDialog>([](BackfillOfferDialog *d) { QTest::keyClick(d, Qt::Key_Escape); });
    QTest::mouseClick(offer, Qt::LeftButton);
    QTRY_VERIFY(w.findChild<QLabel *>(QStringLiteral("backfillOfferNote"))->text().contains(QStringLiteral("No backfill was created")));
    QVERIFY(BackfillService(*m_file, m_clock).list().isEmpty());

    // Accepted: the timeframe holds the whole file (from the oldest event's day to now, as the
    // file also has a recent event), for Acme alone; a refused timeframe first keeps it open.
    QString refused, shownFrom, shownTo, shownCustomer, shownText;
    whenModal<BackfillOfferDialog>([&](BackfillOfferDialog *d) {
        shownText = d->findChild<QLabel *>(QStringLiteral("backfillOfferText"))->text();
        auto *from = d->findChild<QDateTimeEdit *>(QStringLiteral("backfillFrom"));
        auto *to = d->findChild<QDateTimeEdit *>(QStringLiteral("backfillTo"));
        shownFrom = toApiTimestamp(from->dateTime());
        shownTo = toApiTimestamp(to->dateTime());
        shownCustomer = d->findChild<QComboBox *>(QStringLiteral("backfillCustomer"))->currentText();
        snap(*d, QStringLiteral("importwizard-backfill-dialog"));
        const QDateTime keep = from->dateTime();
        from->setDateTime(to->dateTime().addDays(1)); // after the end: refused by the service
        QTest::mouseClick(d->findChild<QPushButton *>(QStringLiteral("createBackfill")), Qt::LeftButton);
        refused = d->findChild<QLabel *>(QStringLiteral("backfillError"))->text();
        QVERIFY(d->isVisible());
        from->setDateTime(keep);
        QTest::mouseClick(d->findChild<QPushButton *>(QStringLiteral("createBackfill")), Qt::LeftButton);
    });
    QTest::mouseClick(offer, Qt::LeftButton);
    QTRY_COMPARE(BackfillService(*m_file, m_clock).list().size(), 1);
    QVERIFY2(refused.contains(QStringLiteral("start must be before its end")), qPrintable(refused));
    QVERIFY2(shownText.contains(QStringLiteral("2026-02-10T10:00:00Z")) && shownText.contains(QStringLiteral("2026-02-20T08:30:00Z")), qPrintable(shownText));
    QCOMPARE(shownFrom, QStringLiteral("2026-02-10T00:00:00Z"));
    QCOMPARE(shownTo, QStringLiteral("2026-03-10T12:00:00Z"));
    QCOMPARE(shownCustomer, QStringLiteral("Only Acme"));
    const Backfill created = BackfillService(*m_file, m_clock).list().first();
    QCOMPARE(created.status, QStringLiteral("pending"));
    QCOMPARE(created.timeframeStart, QDateTime(QDate(2026, 2, 10), QTime(0, 0), Qt::UTC));
    QVERIFY(!created.customerId.isEmpty());
    QCOMPARE(AuditLog(m_file->db()).forObject(QStringLiteral("backfill"), created.id).size(), 1);
    QCOMPARE(AuditLog(m_file->db()).forObject(QStringLiteral("backfill"), created.id).first().action, QStringLiteral("backfill.create"));

    // The wizard chose it and previewed again: every row now goes in.
    QCOMPARE(w.backfillId(), created.id);
    QCOMPARE(w.currentId(), int(ImportWizard::PreviewPage));
    for (int r = 0; r < 3; ++r)
        QCOMPARE(preview->item(r, 1)->text(), QStringLiteral("will be imported"));
    QVERIFY(!offer->isVisible());
    snap(w, QStringLiteral("importwizard-backfill-offered"));
    next(w, ImportWizard::RunPage);
    QTRY_VERIFY_WITH_TIMEOUT(w.currentPage()->isComplete(), 30000);
    QCOMPARE(UsageEventService(*m_file, m_clock).current(QStringLiteral("o1")).status, UsageEventStatus::Pending);
    QCOMPARE(UsageEventService(*m_file, m_clock).current(QStringLiteral("n1")).status, UsageEventStatus::Pending);

    // Closing it from the last page makes the events count, with its audit entry.
    auto *close = w.findChild<QPushButton *>(QStringLiteral("closeBackfillButton"));
    QVERIFY(close->isVisible() && close->isEnabled());
    snap(w, QStringLiteral("importwizard-backfill-imported"));
    QTest::mouseClick(close, Qt::LeftButton);
    QCOMPARE(BackfillService(*m_file, m_clock).get(created.id).status, QStringLiteral("reflected"));
    QCOMPARE(UsageEventService(*m_file, m_clock).current(QStringLiteral("o2")).status, UsageEventStatus::Active);
    QCOMPARE(UsageEventService(*m_file, m_clock).current(QStringLiteral("n1")).status, UsageEventStatus::Active);
    QCOMPARE(AuditLog(m_file->db()).forObject(QStringLiteral("backfill"), created.id).size(), 2);
    QVERIFY(!close->isEnabled());
}

void TestImportWizard::droppedFileOpensWizard()
{
    const QString jsonl = writeFile(QStringLiteral("dropped.jsonl"),
                                    R"({"event_name":"api_call","timestamp":"2026-03-10T10:00:00Z","idempotency_key":"d1","external_customer_id":"acme"})"
                                    "\n"
                                    R"({"event_name":"api_call","timestamp":"2026-03-10T10:01:00Z","idempotency_key":"d2","external_customer_id":"acme"})"
                                    "\n");
    auto mime = std::make_unique<QMimeData>();
    mime->setUrls({QUrl::fromLocalFile(jsonl)});
    auto drop = [&](MainWindow &w) {
        QDragEnterEvent enter(QPoint(200, 200), Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&w, &enter);
        QDropEvent dropEvent(QPointF(200, 200), Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&w, &dropEvent);
        return enter.isAccepted();
    };

    MainWindow w(m_clock);
    w.show();
    // Without a company file there is nowhere to import to: the window says so.
    QVERIFY(drop(w));
    QVERIFY(!w.findChild<ImportWizard *>());
    QVERIFY2(w.statusBar()->currentMessage().contains(QStringLiteral("Open a company file first")), qPrintable(w.statusBar()->currentMessage()));

    m_file.reset(); // the window takes the file's lock
    QString error;
    QVERIFY2(w.openCompany(test::companyLocation(m_path), &error), qPrintable(error));
    QVERIFY(drop(w));
    ImportWizard *wizard = w.findChild<ImportWizard *>();
    QVERIFY(wizard);
    QVERIFY(wizard->isVisible());
    QCOMPARE(wizard->filePath(), jsonl);
    auto *usage = w.findChild<UsageScreen *>();
    QCOMPARE(w.findChild<QStackedWidget *>(QStringLiteral("screens"))->currentWidget(), usage);
    const int before = usage->model()->rowCount();
    // File › Import Events… brings the open wizard forward rather than opening a second one.
    QAction *action = w.findChild<QAction *>(QStringLiteral("importEventsAction"));
    QVERIFY(action && action->isEnabled());
    QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_I));
    action->trigger();
    QCOMPARE(w.findChildren<ImportWizard *>().size(), 1);

    next(*wizard, ImportWizard::PreviewPage);
    next(*wizard, ImportWizard::RunPage);
    QTRY_VERIFY_WITH_TIMEOUT(wizard->currentPage()->isComplete(), 30000);
    // The Usage screen's list reloads after the import.
    QTRY_COMPARE(usage->model()->rowCount(), before + 2);
    QPointer<ImportWizard> closing = wizard;
    QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton);
    QTRY_VERIFY(closing.isNull()); // deleted on close

    // A company file dropped still opens as before; anything else is refused.
    QMimeData other;
    other.setUrls({QUrl::fromLocalFile(m_dir.filePath(QStringLiteral("picture.png")))});
    QDragEnterEvent refused(QPoint(10, 10), Qt::CopyAction, &other, Qt::LeftButton, Qt::NoModifier);
    refused.setAccepted(false);
    QCoreApplication::sendEvent(&w, &refused);
    QVERIFY(!refused.isAccepted());
}

QTEST_MAIN(TestImportWizard)
#include "tst_importwizard.moc"
