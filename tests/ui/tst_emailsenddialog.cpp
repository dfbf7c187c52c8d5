// SPDX-License-Identifier: GPL-3.0-or-later
// The Invoices screen's e-mail batch: the dialog queues the issued invoices not e-mailed yet and
// sends them on a worker thread to an SMTP sink on loopback; a second run sends nothing again.
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "tests/ui/GuiCompany.h"
#include "models/billing/InvoiceRepository.h"
#include "models/exports/EmailOutbox.h"
#include "tests/documents/SmtpSink.h"
#include "ui/dialogs/EmailSendDialog.h"
#include "ui/screens/InvoicesScreen.h"

#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace orb;

class TestEmailSendDialog : public QObject
{
    Q_OBJECT

private slots:
    void sendsEveryIssuedInvoiceOnce();

private:
    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 3, 1), QTime(12, 0), QTimeZone::utc())};
};

void TestEmailSendDialog::sendsEveryIssuedInvoiceOnce()
{
    qputenv("ORB_SMTP_PASSWORD", "pw");
    test::SmtpSink sink(test::SmtpSink::Mode::Accept);
    const quint16 port = sink.startSink();
    auto file = test::demoCompany(m_dir.filePath(QStringLiteral("demo.orb")), m_clock, true);
    file->setSetting(QStringLiteral("email.smtp_url"), QStringLiteral("smtp://127.0.0.1:%1").arg(port), m_clock);
    file->setSetting(QStringLiteral("email.from"), QStringLiteral("Northwind Billing <billing@northwind.example>"), m_clock);
    file->setSetting(QStringLiteral("email.username"), QStringLiteral("billing"), m_clock);
    InvoiceFilter issued;
    issued.status = InvoiceStatus::Issued;
    const QList<Invoice> issuedInvoices = InvoiceRepository(file->db()).list(issued);
    const int count = int(issuedInvoices.size());
    QVERIFY(count > 3);
    // The one-statement selection is the list's issued invoices, in the list's order.
    QStringList expected;
    for (const Invoice &inv : issuedInvoices)
        expected << inv.id;
    QCOMPARE(EmailOutbox::issuedInvoicesNotEmailed(file->db()), expected);

    EmailSendDialog dialog(*file, m_clock);
    dialog.show();
    // Counted in the background: the dialog opens before the count is in.
    QTRY_VERIFY(dialog.findChild<QLabel *>(QStringLiteral("emailSummary"))->text().startsWith(QString::number(count) + QLatin1Char(' ')));
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("emailSendButton")), Qt::LeftButton);
    QVERIFY(dialog.isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isRunning(), 120000);
    const QString status = dialog.findChild<QLabel *>(QStringLiteral("emailStatus"))->text();
    QVERIFY2(status.startsWith(QStringLiteral("%1 sent, 0 failed").arg(count)), qPrintable(status));
    QCOMPARE(sink.received().size(), count);
    QCOMPARE(dialog.findChild<QProgressBar *>(QStringLiteral("emailProgress"))->value(), count);
    if (qEnvironmentVariableIsSet("ORB_SCREENSHOT_DIR")) // for people to look at
        dialog.grab().save(qEnvironmentVariable("ORB_SCREENSHOT_DIR") + QStringLiteral("/email-send-dialog.png"));

    // Again: every issued invoice was e-mailed, nothing goes out twice.
    dialog.start();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isRunning(), 120000);
    QCOMPARE(sink.received().size(), count);
    QVERIFY(EmailOutbox(*file).queued().isEmpty());
    QVERIFY(EmailOutbox::issuedInvoicesNotEmailed(file->db()).isEmpty());
    QTRY_VERIFY(dialog.findChild<QLabel *>(QStringLiteral("emailSummary"))->text().startsWith(QStringLiteral("0 ")));

    // The Invoices screen offers it.
    QUndoStack undo;
    InvoicesScreen screen(*file, m_clock, &undo);
    QVERIFY(screen.findChild<QPushButton *>(QStringLiteral("emailInvoicesButton")));
}

QTEST_MAIN(TestEmailSendDialog)
#include "tst_emailsenddialog.moc"
