// SPDX-License-Identifier: GPL-3.0-or-later
// The window's manners, in English and German: menu mnemonics that are not taken by buttons,
// columns as wide as their translated titles, a first field with the focus, a user guide in
// the Help menu, one Stripe status, and a default size that fits a 768-pixel screen.
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/DemoCompany.h"
#include "ui/AppSettings.h"
#include "ui/HelpDialog.h"
#include "tests/ui/GuiCompany.h"
#include "ui/MainWindow.h"
#include "ui/ScreenshotTour.h"
#include "ui/Translations.h"
#include "ui/dialogs/CustomerDialog.h"
#include "ui/screens/CustomersScreen.h"
#include "tests/ui/PlanEditorFit.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QStandardItemModel>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QFormLayout>
#include <QScrollBar>
#include <QTabBar>

#include <functional>
#include <QStackedWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTimer>
#include <QtTest>

using namespace orb;

namespace {

QChar mnemonic(const QString &text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) == QLatin1Char('&') && text.at(i + 1) == QLatin1Char('&')) {
            ++i;
            continue;
        }
        if (text.at(i) == QLatin1Char('&'))
            return text.at(i + 1).toLower();
    }
    return {};
}

} // namespace

class TestWindowManners : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void fitsALaptopScreen();
    void columnsFitTheirTitles();
    void newCustomerStartsOnTheName();
    void userGuideInTheHelpMenu();
    void oneStripeStatus();
    void planEditorFitsA720Screen();
    void dialogsNameEveryInputAndTabInOrder();
    // Last: it installs the German translation, which stays for the rest of the process.
    void mnemonicsLeaveTheMenusAlone_data();
    void mnemonicsLeaveTheMenusAlone();

private:
    void openDemo(MainWindow &w);

    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 12, 7), QTime(10, 0), Qt::UTC)};
};

void TestWindowManners::initTestCase()
{
    qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_DATA_HOME", m_dir.filePath(QStringLiteral("data")).toUtf8());
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestWindowManners::openDemo(MainWindow &w)
{
    QString error;
    QVERIFY2(test::openDemo(w, m_dir.filePath(QStringLiteral("demo.orb")), m_clock, &error), qPrintable(error));
}

void TestWindowManners::fitsALaptopScreen()
{
    MainWindow w(m_clock);
    openDemo(w);
    // The default window leaves room for a panel and a title bar on a 1366×768 screen.
    QVERIFY2(w.height() <= 700, qPrintable(QString::number(w.height())));
    // The screens scroll rather than push the window past 1280×720 (German buttons are wider).
    QVERIFY2(w.minimumSizeHint().width() <= 1280 && w.minimumSizeHint().height() <= 720,
             qPrintable(QStringLiteral("%1×%2").arg(w.minimumSizeHint().width()).arg(w.minimumSizeHint().height())));
    // Each screen fits beside the navigation in a 1280×720 window.
    auto *stack = w.findChild<QStackedWidget *>(QStringLiteral("screens"));
    QStringList tooBig;
    for (int i = 0; i < stack->count(); ++i) {
        const QSize min = stack->widget(i)->minimumSizeHint();
        qInfo("%s: %d×%d", qPrintable(stack->widget(i)->objectName()), min.width(), min.height());
        // Wider than the window would hide buttons behind a scroll bar; a tall screen (Plans)
        // scrolls down, which is usable.
        if (min.width() > 1280 - 200)
            tooBig << stack->widget(i)->objectName();
    }
    QVERIFY2(tooBig.isEmpty(), qPrintable(tooBig.join(QStringLiteral(", "))));
}

void TestWindowManners::planEditorFitsA720Screen()
{
    // It was 1241×775: taller than a 1280×720 screen, so Save and Cancel were out of reach.
    MainWindow w(m_clock);
    openDemo(w);
    const QStringList tooBig = test::planEditorsTooBig(*w.company(), m_clock, &w);
    QVERIFY2(tooBig.isEmpty(), qPrintable(tooBig.join(QLatin1Char('\n'))));
}

void TestWindowManners::dialogsNameEveryInputAndTabInOrder()
{
    MainWindow w(m_clock);
    openDemo(w);
    QStringList unnamed, outOfOrder;
    ScreenshotTour::forEachDialog(*w.company(), m_clock, &w, [&](const QString &name, QWidget *dialog) {
        QSet<const QWidget *> labelled;
        for (QLabel *l : dialog->findChildren<QLabel *>())
            if (l->buddy())
                labelled.insert(l->buddy());
        for (QWidget *x : dialog->findChildren<QWidget *>()) {
            if (!x->isVisibleTo(dialog) || !x->isEnabled() || !(x->focusPolicy() & Qt::TabFocus) || x->focusProxy())
                continue;
            // Parts of a compound control (a spin box's or combo box's line edit, scroll bars,
            // a tab bar whose tabs have their titles) are named by the control.
            const QWidget *p = x->parentWidget();
            if (qobject_cast<const QAbstractSpinBox *>(p) || qobject_cast<const QComboBox *>(p) || qobject_cast<QScrollBar *>(x) || qobject_cast<QTabBar *>(x))
                continue;
            if (auto *b = qobject_cast<QAbstractButton *>(x); b && !b->text().isEmpty())
                continue;
            if (x->accessibleName().isEmpty() && !labelled.contains(x))
                unnamed << QStringLiteral("%1: %2 %3").arg(name, QString::fromLatin1(x->metaObject()->className()), x->objectName());
        }
        // In each form, Tab goes down the rows as they are shown.
        for (QFormLayout *form : dialog->findChildren<QFormLayout *>()) {
            QList<QWidget *> fields;
            for (int r = 0; r < form->rowCount(); ++r)
                if (QLayoutItem *item = form->itemAt(r, QFormLayout::FieldRole); item && item->widget()) {
                    QWidget *f = item->widget();
                    if (f->isVisibleTo(dialog) && f->isEnabled() && (f->focusPolicy() & Qt::TabFocus))
                        fields << f;
                }
            if (fields.size() < 2)
                continue;
            QList<QWidget *> chain;
            QWidget *x = fields.first();
            for (int guard = 0; guard < 2000 && chain.size() < fields.size(); ++guard, x = x->nextInFocusChain()) {
                QWidget *owner = x;
                while (owner && !fields.contains(owner))
                    owner = owner->parentWidget() && owner->parentWidget() != dialog ? owner->parentWidget() : nullptr;
                if (owner && !chain.contains(owner))
                    chain << owner;
            }
            if (chain != fields) {
                QStringList names;
                for (QWidget *c : std::as_const(chain))
                    names << (c->accessibleName().isEmpty() ? c->objectName() : c->accessibleName());
                outOfOrder << QStringLiteral("%1: %2").arg(name, names.join(QStringLiteral(" → ")));
            }
        }
    });
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QLatin1Char('\n'))));
    for (const QString &o : std::as_const(outOfOrder))
        qWarning("tab order: %s", qPrintable(o));
    QVERIFY2(outOfOrder.isEmpty(), qPrintable(outOfOrder.join(QLatin1Char('\n'))));
}

void TestWindowManners::mnemonicsLeaveTheMenusAlone_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("English") << QStringLiteral("en");
    QTest::newRow("German") << QStringLiteral("de");
}

void TestWindowManners::mnemonicsLeaveTheMenusAlone()
{
    QFETCH(QString, language);
    if (language == QLatin1String("de"))
        QCOMPARE(Translations::install(*qApp, language), QStringLiteral("de"));
    MainWindow w(m_clock);
    openDemo(w);
    QSet<QChar> menus;
    for (QAction *a : w.menuBar()->actions())
        if (const QChar c = mnemonic(a->text()); !c.isNull()) {
            QVERIFY2(!menus.contains(c), qPrintable(a->text()));
            menus.insert(c);
        }
    QVERIFY(menus.contains(language == QLatin1String("de") ? QLatin1Char('b') : QLatin1Char('e'))); // Bearbeiten / Edit
    auto *stack = w.findChild<QStackedWidget *>(QStringLiteral("screens"));
    for (int i = 0; i < stack->count(); ++i) {
        QSet<QChar> used = menus;
        for (QAbstractButton *b : stack->widget(i)->findChildren<QAbstractButton *>()) {
            const QChar c = mnemonic(b->text());
            if (c.isNull())
                continue;
            QVERIFY2(!menus.contains(c), qPrintable(QStringLiteral("%1: %2").arg(stack->widget(i)->objectName(), b->text())));
            used.insert(c);
        }
    }
    // German words are longer: every screen still fits a 1280-pixel window beside the list.
    QStringList tooWide;
    for (int i = 0; i < stack->count(); ++i) {
        qInfo("%s: %d wide", qPrintable(stack->widget(i)->objectName()), stack->widget(i)->minimumSizeHint().width());
        if (stack->widget(i)->minimumSizeHint().width() > 1280 - 200)
            tooWide << stack->widget(i)->objectName();
    }
    QVERIFY2(tooWide.isEmpty(), qPrintable(tooWide.join(QStringLiteral(", "))));
    // Alt+E (Alt+B in German) opens the Edit menu and presses no button.
    w.show();
    QApplication::setActiveWindow(&w);
    QVERIFY(QTest::qWaitForWindowActive(&w));
    w.showScreen(MainWindow::Screen::Customers);
    int clicks = 0;
    for (QAbstractButton *b : stack->currentWidget()->findChildren<QAbstractButton *>())
        connect(b, &QAbstractButton::clicked, this, [&clicks] { ++clicks; });
    QTest::keyClick(&w, language == QLatin1String("de") ? Qt::Key_B : Qt::Key_E, Qt::AltModifier);
    QCOMPARE(clicks, 0);
    if (auto *popup = qobject_cast<QMenu *>(QApplication::activePopupWidget()))
        popup->close();

    // Within each menu (and submenu) every mnemonic opens one entry: Alt+V was taken twice.
    QStringList clashes;
    std::function<void(QMenu *)> checkMenu = [&](QMenu *menu) {
        QHash<QChar, QString> seen;
        for (QAction *a : menu->actions()) {
            if (a->isSeparator() || !a->isVisible())
                continue;
            if (const QChar c = mnemonic(a->text()); !c.isNull()) {
                if (seen.contains(c))
                    clashes << QStringLiteral("%1: \"%2\" and \"%3\"").arg(menu->title(), seen.value(c), a->text());
                seen.insert(c, a->text());
            }
            if (a->menu())
                checkMenu(a->menu());
        }
    };
    for (QAction *a : w.menuBar()->actions())
        if (a->menu())
            checkMenu(a->menu());
    QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(QLatin1Char('\n'))));
    // Within each dialog: its buttons, the labels of its fields, its tabs and checkable boxes.
    ScreenshotTour::forEachDialog(*w.company(), m_clock, &w, [&](const QString &name, QWidget *dialog) {
        QHash<QChar, QString> seen;
        auto take = [&](const QString &text) {
            if (const QChar c = mnemonic(text); !c.isNull()) {
                if (seen.contains(c))
                    clashes << QStringLiteral("%1: \"%2\" and \"%3\"").arg(name, seen.value(c), text);
                seen.insert(c, text);
            }
        };
        for (QWidget *x : dialog->findChildren<QWidget *>()) {
            if (!x->isVisibleTo(dialog))
                continue;
            if (auto *b = qobject_cast<QAbstractButton *>(x))
                take(b->text());
            else if (auto *l = qobject_cast<QLabel *>(x); l && l->buddy())
                take(l->text());
            else if (auto *t = qobject_cast<QTabBar *>(x))
                for (int i = 0; i < t->count(); ++i)
                    take(t->tabText(i));
        }
    });
    for (const QString &c : std::as_const(clashes))
        qWarning("mnemonic clash: %s", qPrintable(c));
    QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(QLatin1Char('\n'))));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestWindowManners::columnsFitTheirTitles()
{
    // A remembered width narrower than a title (the customers table once cut "Rechnungsstichtag")
    // is widened; so is a preset one ("Idempotency key" on the usage table).
    {
        QTableView probe;
        probe.horizontalHeader()->setDefaultSectionSize(12);
        probe.horizontalHeader()->setMinimumSectionSize(5);
        QStandardItemModel model(1, 12);
        probe.setModel(&model);
        for (int c = 0; c < 12; ++c)
            probe.horizontalHeader()->resizeSection(c, 12);
        AppSettings().setHeaderState(QStringLiteral("customers"), probe.horizontalHeader()->saveState());
    }
    MainWindow w(m_clock);
    openDemo(w);
    for (const QString &name : {QStringLiteral("customerTable"), QStringLiteral("eventTable"), QStringLiteral("invoiceTable")}) {
        auto *table = w.findChild<QTableView *>(name);
        QVERIFY2(table, qPrintable(name));
        QHeaderView *h = table->horizontalHeader();
        for (int c = 0; c < h->count(); ++c) {
            if (h->isSectionHidden(c) || h->sectionResizeMode(c) == QHeaderView::Stretch)
                continue;
            QVERIFY2(h->sectionSize(c) >= h->sectionSizeHint(c), qPrintable(QStringLiteral("%1 column %2 \"%3\": %4 < %5")
                                                                                .arg(name)
                                                                                .arg(c)
                                                                                .arg(table->model()->headerData(c, Qt::Horizontal).toString())
                                                                                .arg(h->sectionSize(c))
                                                                                .arg(h->sectionSizeHint(c))));
        }
    }
}

void TestWindowManners::newCustomerStartsOnTheName()
{
    MainWindow w(m_clock);
    openDemo(w);
    w.show();
    QApplication::setActiveWindow(&w);
    QVERIFY(QTest::qWaitForWindowActive(&w));
    w.showScreen(MainWindow::Screen::Customers);
    auto *screen = w.findChild<CustomersScreen *>();
    screen->newCustomer();
    CustomerDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = w.findChild<CustomerDialog *>()) && dialog->isVisible());
    QTRY_COMPARE(QApplication::focusWidget(), dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit")));
    // Typing goes straight into the name.
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("Ada"));
    QCOMPARE(dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->text(), QStringLiteral("Ada"));
    dialog->reject();
}

void TestWindowManners::userGuideInTheHelpMenu()
{
    MainWindow w(m_clock);
    auto *guide = w.findChild<QAction *>(QStringLiteral("userGuideAction"));
    QVERIFY(guide);
    QCOMPARE(guide->shortcut(), QKeySequence(QKeySequence::HelpContents));
    QVERIFY(!guide->toolTip().isEmpty());
    guide->trigger();
    auto *dialog = w.findChild<HelpDialog *>();
    QVERIFY(dialog && dialog->isVisible());
    const QString text = dialog->browser()->toPlainText();
    for (const char *topic : {"Set up a catalog", "Import usage", "Run and send invoices", "Take payments", "Connect Stripe"})
        QVERIFY2(text.contains(QLatin1String(topic)), topic);
    // The German guide ships too, and German windows open it.
    QCOMPARE(HelpDialog::guideFor(QLocale(QLocale::German)), QStringLiteral(":/help/guide_de.html"));
    QCOMPARE(HelpDialog::guideFor(QLocale(QLocale::French)), QStringLiteral(":/help/guide_en.html"));
    HelpDialog german(nullptr, QLocale(QLocale::German));
    QVERIFY(german.browser()->toPlainText().contains(QStringLiteral("Zahlungen erfassen")));
    // A link inside the guide is followed, and Back returns.
    auto *back = german.findChild<QPushButton *>(QStringLiteral("helpBack"));
    QVERIFY(!back->isEnabled());
    german.browser()->setSource(QUrl(QStringLiteral("qrc:/help/guide_de.html#stripe")));
    QVERIFY(back->isEnabled());
}

void TestWindowManners::oneStripeStatus()
{
    MainWindow w(m_clock);
    openDemo(w);
    // The demo company has items waiting for Stripe: the dashboard says what the status bar
    // says, never "up to date" beside "53 waiting".
    const QString status = w.findChild<QLabel *>(QStringLiteral("syncStatus"))->text();
    QVERIFY2(status.contains(QStringLiteral("waiting")), qPrintable(status));
    auto *attention = w.findChild<QLabel *>(QStringLiteral("attentionCard"));
    QTRY_VERIFY2(attention->text().contains(status.toHtmlEscaped()), qPrintable(attention->text()));
    QVERIFY(!attention->text().contains(QStringLiteral("up to date")));
}

QTEST_MAIN(TestWindowManners)
#include "tst_windowmanners.moc"
