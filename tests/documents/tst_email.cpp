// SPDX-License-Identifier: GPL-3.0-or-later
// E-mailing documents through SMTP (libcurl) to a small SMTP sink on loopback that the test
// starts: the MIME message (headers, parts, the PDF attachment's bytes), the outbox that never
// sends twice, a server that fails in the middle of a message and one that refuses the login.
#include "engine/Clock.h"
#include "models/AuditLog.h"
#include "models/CompanyFile.h"
#include "models/CustomerService.h"
#include "models/DemoCompany.h"
#include "tests/documents/DemoOnEngine.h"
#include "models/StorageError.h"
#include "models/exports/EmailOutbox.h"
#include "sync/SmtpSender.h"
#include "tests/documents/SmtpSink.h"
#include "tests/support/TestSupport.h"
#include "ui/documents/DocumentExporter.h"
#include "ui/documents/DocumentMailer.h"

#include <QMutex>
#include <QRegularExpression>
#include <QSemaphore>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

using namespace orb;
using orb::test::Received;
using orb::test::SmtpSink;

namespace {

/// The parts of a multipart MIME message: headers and the decoded body of each.
struct Part {
    QByteArray headers;
    QByteArray body;
};

QList<Part> mimeParts(const QByteArray &message, QByteArray *topHeaders)
{
    const qsizetype split = message.indexOf("\r\n\r\n");
    *topHeaders = message.left(split);
    const auto m = QRegularExpression(QStringLiteral("boundary=\"([^\"]+)\"")).match(QString::fromLatin1(*topHeaders));
    if (!m.hasMatch())
        return {};
    const QByteArray boundary = "--" + m.captured(1).toLatin1();
    QList<Part> parts;
    const QList<QByteArray> chunks = message.mid(split + 4).split('\n');
    QByteArray current;
    bool inPart = false;
    for (QByteArray l : chunks) {
        if (l.endsWith('\r'))
            l.chop(1);
        if (l.startsWith(boundary)) {
            if (inPart) {
                const qsizetype hs = current.indexOf("\r\n\r\n");
                Part p{current.left(hs), current.mid(hs + 4)};
                if (p.headers.contains("base64"))
                    p.body = QByteArray::fromBase64(p.body);
                parts << p;
            }
            current.clear();
            inPart = !l.endsWith("--");
            continue;
        }
        if (inPart)
            current += l + "\r\n";
    }
    return parts;
}

/// Brightline's (a German customer's) latest issued or paid invoice.
QString brightlineInvoice(CompanyFile &file)
{
    return file.db()
        .scalar(QStringLiteral("SELECT i.invoice_number FROM invoices i JOIN customers c ON c.id = i.customer_id "
                               "WHERE c.external_customer_id = 'brightline' AND i.status IN ('issued', 'paid') "
                               "ORDER BY i.invoice_number DESC LIMIT 1"))
        .toString();
}

QString otherInvoice(CompanyFile &file)
{
    return file.db()
        .scalar(QStringLiteral("SELECT i.invoice_number FROM invoices i JOIN customers c ON c.id = i.customer_id "
                               "WHERE c.external_customer_id = 'acme' AND i.status IN ('issued', 'paid') "
                               "ORDER BY i.invoice_number DESC LIMIT 1"))
        .toString();
}

/// A PDF without its creation date, which QPdfWriter sets to the time it writes.
QByteArray withoutDates(QByteArray pdf)
{
    return QString::fromLatin1(pdf).remove(QRegularExpression(QStringLiteral("/CreationDate \\(D:[^)]*\\)"))).toLatin1();
}

} // namespace

class TestEmail : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void invoiceGoesOutWithItsPdf();
    void aCrashOrARetryNeverSendsTwice();
    void serverFailingMidMessageKeepsItQueued();
    void refusedLoginIsReported();
    void remindersAndStatementsInTheCustomersLanguage();
    void companyTemplatesReplaceTheBuiltInOnes();

private:
    std::unique_ptr<CompanyFile> company(const QString &name, quint16 port);
    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 3, 20), QTime(9, 0), QTimeZone::utc())};
};

void TestEmail::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qputenv("ORB_SMTP_PASSWORD", "s3cret pass");
}

std::unique_ptr<CompanyFile> TestEmail::company(const QString &name, quint16 port)
{
    auto file = test::demoCompany(m_dir.filePath(name), m_clock, true);
    file->setSetting(QStringLiteral("email.smtp_url"), QStringLiteral("smtp://127.0.0.1:%1").arg(port), m_clock);
    file->setSetting(QStringLiteral("email.from"), QStringLiteral("Northwind Billing <billing@northwind.example>"), m_clock);
    file->setSetting(QStringLiteral("email.username"), QStringLiteral("billing"), m_clock);
    return file;
}

void TestEmail::invoiceGoesOutWithItsPdf()
{
    SmtpSink sink(SmtpSink::Mode::Accept);
    auto file = company(QStringLiteral("send.orb"), sink.startSink());
    CustomerPatch patch;
    patch.documentLanguage = QStringLiteral("de");
    patch.metadata = QMap<QString, QString>{{QStringLiteral("email_cc"), QStringLiteral("buchhaltung@brightline.example")}};
    CustomerService(*file, m_clock).update(QStringLiteral("brightline"), patch);

    const QString number = brightlineInvoice(*file);
    QVERIFY(!number.isEmpty());
    const OutboxMessage queued = DocumentMailer(*file, m_clock).queueInvoice(number);
    QCOMPARE(queued.status, QStringLiteral("queued"));
    QCOMPARE(queued.recipients, QStringLiteral("rechnungen@brightline.example, buchhaltung@brightline.example"));
    SmtpSender sender(*file, m_clock, SmtpSender::settingsFor(*file), file->setting(QStringLiteral("email.from")));
    const SmtpSendReport report = sender.run();
    QVERIFY2(report.errors.isEmpty(), qPrintable(report.errors.join(QLatin1Char('\n'))));
    QCOMPARE(report.sent, 1);

    const QList<Received> got = sink.received();
    QCOMPARE(got.size(), 1);
    QCOMPARE(got.first().login, QStringLiteral("billing:s3cret pass"));
    QCOMPARE(got.first().from, QStringLiteral("billing@northwind.example"));
    QCOMPARE(got.first().rcpt, (QStringList{QStringLiteral("rechnungen@brightline.example"), QStringLiteral("buchhaltung@brightline.example")}));
    QByteArray headers;
    const QList<Part> parts = mimeParts(got.first().data, &headers);
    QVERIFY2(headers.contains("From: \"Northwind Billing\" <billing@northwind.example>"), headers.constData());
    QVERIFY2(headers.contains("To: rechnungen@brightline.example"), headers.constData());
    QVERIFY2(headers.contains("Cc: buchhaltung@brightline.example"), headers.constData());
    QVERIFY2(headers.contains(QByteArray("Subject: Rechnung " + number.toUtf8() + " von Northwind Analytics LLC")), headers.constData());
    QVERIFY(headers.contains("MIME-Version: 1.0"));
    QVERIFY(headers.contains(QByteArray("Message-ID: <" + queued.messageId.toUtf8() + ">")));
    QVERIFY(headers.contains("Content-Type: multipart/mixed"));
    QCOMPARE(parts.size(), 2);
    QVERIFY(parts.at(0).headers.contains("text/plain; charset=UTF-8"));
    QVERIFY2(parts.at(0).body.contains("Sehr geehrte"), parts.at(0).body.constData());
    QVERIFY(parts.at(1).headers.contains("application/pdf"));
    QVERIFY(parts.at(1).headers.contains(QByteArray("filename=\"" + number.toUtf8() + ".pdf\"")));
    // The attachment is the PDF orbctl invoices pdf writes (its creation time aside).
    const QByteArray pdf = DocumentExporter::toPdf(DocumentExporter(*file).invoice(number).document);
    QVERIFY(parts.at(1).body.startsWith("%PDF-"));
    QCOMPARE(withoutDates(parts.at(1).body), withoutDates(pdf));

    // Recorded on the invoice, and audited.
    const QList<OutboxMessage> mine = EmailOutbox(*file).forDocument(QStringLiteral("invoice"), queued.documentId);
    QCOMPARE(mine.size(), 1);
    QCOMPARE(mine.first().status, QStringLiteral("sent"));
    QCOMPARE(mine.first().sentAt, m_clock.now());
    QCOMPARE(
        file->db().scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'invoice.emailed' AND object_id = ?"), {queued.documentId}).toInt(), 1);
}

void TestEmail::aCrashOrARetryNeverSendsTwice()
{
    SmtpSink sink(SmtpSink::Mode::Accept);
    auto file = company(QStringLiteral("twice.orb"), sink.startSink());
    DocumentMailer mailer(*file, m_clock);
    const OutboxMessage a = mailer.queueInvoice(brightlineInvoice(*file));
    const OutboxMessage b = mailer.queueInvoice(otherInvoice(*file));
    // A sender claimed b and the program died in the middle of the SMTP exchange.
    EmailOutbox outbox(*file);
    QVERIFY(outbox.claim(b.id));
    SmtpSender sender(*file, m_clock, SmtpSender::settingsFor(*file), file->setting(QStringLiteral("email.from")));
    QCOMPARE(sender.run().sent, 1);
    QCOMPARE(sender.run().sent, 0); // a retry finds nothing left to send
    QCOMPARE(sink.received().size(), 1);
    QCOMPARE(outbox.forDocument(QStringLiteral("invoice"), b.documentId).first().status, QStringLiteral("sending"));
    // Only a person's release queues it again, once.
    outbox.release(b.id, m_clock);
    QCOMPARE(sender.run().sent, 1);
    QCOMPARE(sink.received().size(), 2);
    QVERIFY(!outbox.claim(a.id));
}

void TestEmail::serverFailingMidMessageKeepsItQueued()
{
    SmtpSink broken(SmtpSink::Mode::DropInData);
    auto file = company(QStringLiteral("drop.orb"), broken.startSink());
    const OutboxMessage m = DocumentMailer(*file, m_clock).queueInvoice(brightlineInvoice(*file));
    const SmtpSendReport report = SmtpSender(*file, m_clock, SmtpSender::settingsFor(*file), file->setting(QStringLiteral("email.from"))).run();
    QCOMPARE(report.sent, 0);
    QCOMPARE(report.failed, 1);
    QVERIFY(broken.received().isEmpty());
    const OutboxMessage after = EmailOutbox(*file).forDocument(QStringLiteral("invoice"), m.documentId).first();
    QCOMPARE(after.status, QStringLiteral("queued"));
    QVERIFY(!after.lastError.isEmpty());
    QCOMPARE(file->db().scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'invoice.emailed'")).toInt(), 0);
    // The next run, against a server that works, sends it once.
    SmtpSink healthy(SmtpSink::Mode::Accept);
    file->setSetting(QStringLiteral("email.smtp_url"), QStringLiteral("smtp://127.0.0.1:%1").arg(healthy.startSink()), m_clock);
    QCOMPARE(SmtpSender(*file, m_clock, SmtpSender::settingsFor(*file), file->setting(QStringLiteral("email.from"))).run().sent, 1);
    QCOMPARE(healthy.received().size(), 1);
}

void TestEmail::refusedLoginIsReported()
{
    SmtpSink sink(SmtpSink::Mode::RefuseLogin);
    auto file = company(QStringLiteral("login.orb"), sink.startSink());
    DocumentMailer(*file, m_clock).queueInvoice(brightlineInvoice(*file));
    const SmtpSendReport report = SmtpSender(*file, m_clock, SmtpSender::settingsFor(*file), file->setting(QStringLiteral("email.from"))).run();
    QCOMPARE(report.failed, 1);
    QVERIFY2(report.errors.first().contains(QLatin1String("535")) || report.errors.first().contains(QLatin1String("denied"), Qt::CaseInsensitive),
             qPrintable(report.errors.first()));
    QVERIFY(sink.received().isEmpty());
    QCOMPARE(EmailOutbox(*file).queued().size(), 1);
}

void TestEmail::remindersAndStatementsInTheCustomersLanguage()
{
    SmtpSink sink(SmtpSink::Mode::Accept);
    auto file = company(QStringLiteral("reminders.orb"), sink.startSink());
    CustomerPatch patch;
    patch.documentLanguage = QStringLiteral("de");
    CustomerService(*file, m_clock).update(QStringLiteral("brightline"), patch);
    DocumentMailer mailer(*file, m_clock);
    const QList<OutboxMessage> reminders = mailer.queueReminders(QDate(2026, 3, 20));
    QVERIFY(!reminders.isEmpty());
    mailer.queueStatement(QStringLiteral("brightline"), QDate(2026, 1, 1), QDate(2026, 2, 28));
    const SmtpSendReport report = SmtpSender(*file, m_clock, SmtpSender::settingsFor(*file), file->setting(QStringLiteral("email.from"))).run();
    QVERIFY2(report.errors.isEmpty(), qPrintable(report.errors.join(QLatin1Char('\n'))));
    QCOMPARE(sink.received().size(), reminders.size() + 1);
    bool germanReminder = false, germanStatement = false;
    for (const Received &r : sink.received()) {
        if (!r.rcpt.contains(QStringLiteral("rechnungen@brightline.example")))
            continue;
        germanReminder |= r.data.contains("Subject: Zahlungserinnerung von Northwind Analytics LLC");
        germanStatement |= r.data.contains("Subject: =?UTF-8?B?") || r.data.contains("Subject: Kontoauszug");
    }
    QVERIFY(germanReminder);
    QVERIFY(germanStatement);
}

void TestEmail::companyTemplatesReplaceTheBuiltInOnes()
{
    SmtpSink sink(SmtpSink::Mode::Accept);
    auto file = company(QStringLiteral("templates.orb"), sink.startSink());
    CustomerPatch patch;
    patch.documentLanguage = QStringLiteral("de");
    CustomerService(*file, m_clock).update(QStringLiteral("brightline"), patch);
    const QString path = m_dir.filePath(QStringLiteral("templates.json"));
    auto write = [&](const QByteArray &json) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(json);
    };
    write(R"({"invoice": {"de": {"subject": "Ihre Rechnung {invoice_number}", "body": "Hallo {customer_name}, zu zahlen: {amount_due}."}}})");
    file->setSetting(QStringLiteral("email.templates"), path, m_clock);
    const QString number = brightlineInvoice(*file);
    DocumentMailer(*file, m_clock).queueInvoice(number);
    QCOMPARE(SmtpSender(*file, m_clock, SmtpSender::settingsFor(*file), file->setting(QStringLiteral("email.from"))).run().sent, 1);
    const QByteArray data = sink.received().first().data;
    QVERIFY2(data.contains(QByteArray("Subject: Ihre Rechnung " + number.toUtf8())), data.left(600).constData());
    QVERIFY(data.contains("Hallo Brightline Logistics GmbH, zu zahlen:"));
    // An English customer keeps the built-in English text.
    DocumentMailer(*file, m_clock).queueInvoice(otherInvoice(*file));
    QVERIFY(EmailOutbox(*file).queued().first().subject.startsWith(QLatin1String("Invoice ")));

    // A placeholder the kind does not fill in is refused, naming the file and the place.
    write(R"({"invoice": {"de": {"subject": "Rechnung {customer_number}", "body": "x"}}})");
    try {
        DocumentMailer mailer(*file, m_clock);
        QFAIL("a template with an unknown placeholder was accepted");
    } catch (const ServiceError &e) {
        QCOMPARE(e.kind(), ServiceError::Kind::InvalidInput);
        QVERIFY2(e.message().contains(QLatin1String("invoice.de.subject")) && e.message().contains(QLatin1String("{customer_number}")),
                 qPrintable(e.message()));
    }
}

QTEST_MAIN(TestEmail)
#include "tst_email.moc"
