// SPDX-License-Identifier: GPL-3.0-or-later
// The audit trail dialog: the latest entries, one object's trail by its reference, a change
// summary and the before/after of an entry, the chain check, and a reference that names nothing.
#include "engine/Clock.h"
#include "models/AuditLog.h"
#include "models/CompanyFile.h"
#include "tests/ui/GuiCompany.h"
#include "models/CustomerService.h"
#include "models/billing/BillingRecords.h"
#include "ui/dialogs/AuditTrailDialog.h"

#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace orb;

class TestAuditTrail : public QObject
{
    Q_OBJECT

private slots:
    void showsAnObjectsTrail();
};

void TestAuditTrail::showsAnObjectsTrail()
{
    QTemporaryDir dir;
    FixedClock clock(QDateTime(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC));
    CompanySettings s;
    s.name = QStringLiteral("Trail Co");
    auto file = test::createCompany(dir.filePath(QStringLiteral("t.orb")), s, clock);
    CustomerService customers(*file, clock);
    Customer c;
    c.name = QStringLiteral("Acme");
    c.externalCustomerId = QStringLiteral("acme");
    c.timezone = QStringLiteral("UTC");
    customers.create(c);
    Customer other = c;
    other.name = QStringLiteral("Other");
    other.externalCustomerId = QStringLiteral("other");
    customers.create(other);
    CustomerPatch patch;
    patch.name = QStringLiteral("Acme Robotics");
    customers.update(QStringLiteral("acme"), patch);

    AuditTrailDialog dialog(*file);
    dialog.show();
    QVERIFY(dialog.entryCount() >= 3); // the latest entries of the whole file
    // Named as what it is: a file, or a company on a server.
    const QString where = test::serverEngine() ? QStringLiteral("of the company on the server.") : QStringLiteral("of the company file.");
    QVERIFY2(dialog.findChild<QLabel *>(QStringLiteral("auditStatus"))->text().endsWith(where),
             qPrintable(dialog.findChild<QLabel *>(QStringLiteral("auditStatus"))->text()));
    QVERIFY(dialog.showObject(QStringLiteral("acme")));
    QCOMPARE(dialog.entryCount(), 2);
    auto *table = dialog.findChild<QTableView *>(QStringLiteral("auditTable"));
    // Read as a person reads it: the object by its name, the action in words; the stored
    // codes stay at hand in the tooltips.
    QCOMPARE(table->model()->index(0, 2).data().toString(), QStringLiteral("Customer Acme"));
    QCOMPARE(table->model()->index(1, 2).data().toString(), QStringLiteral("Customer Acme Robotics"));
    QVERIFY(table->model()->index(0, 2).data(Qt::ToolTipRole).toString().startsWith(QStringLiteral("customer:")));
    QCOMPARE(table->model()->index(0, 3).data().toString(), QStringLiteral("created"));
    QCOMPARE(table->model()->index(0, 4).data().toString(), QStringLiteral("new record"));
    QCOMPARE(table->model()->index(1, 3).data().toString(), QStringLiteral("changed"));
    QCOMPARE(table->model()->index(1, 3).data(Qt::ToolTipRole).toString(), QStringLiteral("customer.update"));
    QCOMPARE(table->model()->index(0, 0).data().toString(),
             QLocale().toString(QDateTime(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC), displayDateFormat() + QStringLiteral(" HH:mm:ss")));
    // Every action and object type Orb writes has its words.
    QCOMPARE(AuditTrailDialog::actionText(QStringLiteral("subscription.plan change")), QStringLiteral("plan changed"));
    QCOMPARE(AuditTrailDialog::actionText(QStringLiteral("invoice.delete_draft")), QStringLiteral("draft deleted"));
    QCOMPARE(AuditTrailDialog::actionText(QStringLiteral("something.unknown")), QStringLiteral("something.unknown"));
    QCOMPARE(AuditTrailDialog::objectTypeText(QStringLiteral("credit_note")), QStringLiteral("Credit note"));
    QVERIFY(table->model()->index(1, 4).data().toString().contains(QStringLiteral("name: Acme → Acme Robotics")));
    table->selectRow(1);
    QVERIFY(dialog.findChild<QPlainTextEdit *>(QStringLiteral("auditDetail"))->toPlainText().contains(QStringLiteral("\"before\"")));
    dialog.findChild<QPushButton *>(QStringLiteral("auditVerify"))->click();
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("auditStatus"))->text().contains(QStringLiteral("intact")));
    QVERIFY(!dialog.showObject(QStringLiteral("nobody-by-that-name")));
    QCOMPARE(dialog.entryCount(), 0);
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("auditStatus"))->text().contains(QStringLiteral("names no customer")));
}

QTEST_MAIN(TestAuditTrail)
#include "tst_audittrail.moc"
