// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/MainWindow.h"
#include "ui/RoleGate.h"

#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/DemoCompany.h"
#include "ui/AppSettings.h"
#include "ui/HelpDialog.h"
#include "ui/ScreenshotTour.h"
#include "ui/dialogs/NewCompanyWizard.h"
#include "ui/dialogs/ServerConnectDialog.h"
#include "models/CustomerTableModel.h"
#include "models/storage/ChangeListener.h"
#include "models/storage/CompanyLocation.h"
#include "sync/ServerPasswordStore.h"
#include "ui/screens/CouponsScreen.h"
#include "ui/screens/CustomersScreen.h"
#include "ui/screens/DashboardScreen.h"
#include "ui/screens/InvoicesScreen.h"
#include "ui/screens/SubscriptionsScreen.h"
#include "models/backup/BackupScheduler.h"
#include "models/sync/Outbox.h"
#include "ui/screens/SyncScreen.h"
#include "ui/dialogs/AuditTrailDialog.h"
#include "ui/screens/ReportsScreen.h"
#include "ui/documents/DocumentExporter.h"
#include "models/EventTableModel.h"
#include "models/StorageError.h"
#include "models/AuditLog.h"
#include "models/BackgroundJob.h"
#include "models/Database.h"
#include "models/RowSeals.h"
#include "sync/BackupPassphraseStore.h"
#include "ui/screens/PlansScreen.h"
#include "ui/screens/TaxRatesScreen.h"
#include "ui/screens/SettingsScreen.h"
#include "ui/widgets/ApiSettingsPage.h"
#include "ui/screens/UsageScreen.h"
#include "ui/widgets/DeleteDraftCommand.h"
#include "ui/widgets/EditCustomerCommand.h"

#include <QAction>
#include <QAbstractButton>
#include <QHeaderView>
#include <QLineEdit>
#include <QRegularExpression>
#include <QScreen>
#include <QScrollArea>
#include <QSet>
#include <QAbstractProxyModel>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QThread>
#include <QToolBar>
#include <QUndoStack>

#include <functional>
#include <QVBoxLayout>

#include <iterator>

namespace orb {

namespace {

/// One screen of the navigation: its id, stable name, label (translated when shown) and icon.
struct ScreenInfo {
    MainWindow::Screen screen;
    const char *key;
    const char *label;
    QStyle::StandardPixmap icon;
    int digit; ///< Ctrl+digit shows it (0: none; the screens before Coupons keep their digits)
};

const ScreenInfo kScreens[] = {
    {MainWindow::Screen::Dashboard, "dashboard", QT_TRANSLATE_NOOP("orb::MainWindow", "Dashboard"), QStyle::SP_DesktopIcon, 1},
    {MainWindow::Screen::Customers, "customers", QT_TRANSLATE_NOOP("orb::MainWindow", "Customers"), QStyle::SP_DirHomeIcon, 2},
    {MainWindow::Screen::Plans, "plans", QT_TRANSLATE_NOOP("orb::MainWindow", "Plans"), QStyle::SP_FileDialogDetailedView, 3},
    {MainWindow::Screen::Coupons, "coupons", QT_TRANSLATE_NOOP("orb::MainWindow", "Coupons"), QStyle::SP_DialogApplyButton, 0},
    {MainWindow::Screen::TaxRates, "tax-rates", QT_TRANSLATE_NOOP("orb::MainWindow", "Tax rates"), QStyle::SP_FileDialogStart, 0},
    {MainWindow::Screen::Subscriptions, "subscriptions", QT_TRANSLATE_NOOP("orb::MainWindow", "Subscriptions"), QStyle::SP_BrowserReload, 4},
    {MainWindow::Screen::Invoices, "invoices", QT_TRANSLATE_NOOP("orb::MainWindow", "Invoices"), QStyle::SP_FileIcon, 5},
    {MainWindow::Screen::Usage, "usage", QT_TRANSLATE_NOOP("orb::MainWindow", "Usage"), QStyle::SP_FileDialogInfoView, 6},
    {MainWindow::Screen::Reports, "reports", QT_TRANSLATE_NOOP("orb::MainWindow", "Reports"), QStyle::SP_FileDialogContentsView, 7},
    {MainWindow::Screen::Sync, "sync", QT_TRANSLATE_NOOP("orb::MainWindow", "Sync"), QStyle::SP_DriveNetIcon, 8},
    {MainWindow::Screen::Settings, "settings", QT_TRANSLATE_NOOP("orb::MainWindow", "Settings"), QStyle::SP_FileDialogListView, 9},
};

} // namespace

MainWindow::MainWindow(const Clock &clock, QWidget *parent) : QMainWindow(parent), m_clock(clock)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Orb"));
    setAcceptDrops(true);
    // Fits a 1366×768 laptop (and 1280×720) with its panel and title bar; a remembered
    // geometry replaces it below.
    resize(1180, 660);
    m_fileLabel = new QLabel(this);
    m_fileLabel->setObjectName(QStringLiteral("fileStatus"));
    m_syncLabel = new QLabel(tr("Stripe: no company file"), this);
    m_syncLabel->setObjectName(QStringLiteral("syncStatus"));
    m_syncLabel->setToolTip(tr("Stripe sync: what waits to be sent, and what failed (see the Sync screen)."));
    statusBar()->addWidget(m_fileLabel, 1);
    statusBar()->addPermanentWidget(m_syncLabel);
    // Shown while Settings › API serves: a window that answers the network says so.
    m_apiLabel = new QLabel(this);
    m_apiLabel->setObjectName(QStringLiteral("apiStatus"));
    m_apiLabel->setToolTip(tr("Orb's REST API is served from this window (Settings › API)."));
    m_apiLabel->hide();
    statusBar()->addPermanentWidget(m_apiLabel);
    // Shown while a server company's connection is lost, and briefly once it is back.
    m_serverLabel = new QLabel(this);
    m_serverLabel->setObjectName(QStringLiteral("serverStatus"));
    m_serverLabel->hide();
    statusBar()->addPermanentWidget(m_serverLabel);
    m_serverWatch = new QTimer(this);
    m_serverWatch->setInterval(2000);
    connect(m_serverWatch, &QTimer::timeout, this, &MainWindow::watchServer);
    m_undo = new QUndoStack(this);
    // An undo or redo the service refuses says why in a message box. Service commands report
    // to their screen; these two keep the refusal in error(), which no screen reads.
    connect(m_undo, &QUndoStack::indexChanged, this, [this](int index) {
        const bool undone = index < m_undoIndex;
        m_undoIndex = index;
        const QUndoCommand *step = m_undo->command(undone ? index : index - 1);
        QStringList errors;
        std::function<void(const QUndoCommand *)> visit = [&](const QUndoCommand *c) {
            if (!c)
                return;
            if (auto *d = dynamic_cast<const DeleteDraftCommand *>(c); d && !d->error().isEmpty())
                errors << d->error();
            if (auto *e = dynamic_cast<const EditCustomerCommand *>(c); e && !e->error().isEmpty())
                errors << e->error();
            for (int i = 0; i < c->childCount(); ++i)
                visit(c->child(i));
        };
        visit(step);
        if (!errors.isEmpty())
            QMessageBox::warning(this, undone ? tr("Not undone") : tr("Not redone"), errors.join(QLatin1Char('\n')));
    });
    buildMenus();
    AppSettings settings;
    restoreGeometry(settings.windowGeometry());
    restoreState(settings.windowState());
    showWelcome();
}

MainWindow::~MainWindow()
{
    // The screens hold the company file: they go first, then the backups, then the file.
    releaseCompany();
}

void MainWindow::releaseCompany()
{
    waitForIntegrityCheck();
    // Deleted now, not later: a screen's worker holds a connection of its own, and a
    // connection still open when the program ends leaves the day's work in the -wal file.
    delete takeCentralWidget();
    setCentralWidget(new QWidget(this));
    m_apiLabel->hide(); // the API page, and with it the server, went with the screens
    m_dashboard = nullptr;
    m_customers = nullptr;
    m_invoices = nullptr;
    m_subscriptions = nullptr;
    m_backups.reset();
    m_changes.reset();
    m_serverWatch->stop();
    m_serverDown = false;
    m_serverLabel->hide();
    const QString path = m_company ? m_company->path() : QString();
    m_company.reset();
    if (!path.isEmpty() && Database::openConnections(path) > 0)
        qWarning("orb-billing: %d connections to %s are still open after closing it", Database::openConnections(path), qPrintable(path));
}

void MainWindow::startIntegrityCheck()
{
    waitForIntegrityCheck();
    m_integrityProblems.clear();
    if (!m_company)
        return;
    const int generation = ++m_integrityGeneration;
    // Its own read-only connection on a worker thread: the window stays usable while every
    // row is compared with its seal.
    m_integrityCheck = std::make_unique<BackgroundJob>(QStringLiteral("orb-integrity"));
    m_integrityCheck->start(
        m_company->path(),
        [](BackgroundJob::Context &context) {
            const Database &db = context.readOnlyDatabase();
            QStringList problems;
            const AuditVerification chain = AuditLog(db).verify();
            if (!chain.ok)
                problems << tr("The audit trail is broken at entry %1: %2").arg(chain.brokenAt).arg(chain.problem);
            const SealReport seals = RowSeals::verify(db);
            for (const SealFinding &f : seals.findings)
                problems << f.describe();
            if (seals.problems > seals.findings.size())
                problems << tr("… and %1 more rows changed outside Orb").arg(seals.problems - seals.findings.size());
            return problems;
        },
        [this, generation](const QStringList &problems) { onIntegrityChecked(generation, problems); },
        [this, generation](const QString &error) { onIntegrityChecked(generation, {tr("The check could not finish: %1").arg(error)}); });
}

void MainWindow::waitForIntegrityCheck()
{
    if (!m_integrityCheck)
        return;
    m_integrityCheck.reset(); // joins; its result, still queued, goes with it
    ++m_integrityGeneration;  // and anything of it already handed over belongs to the file being closed
}

void MainWindow::onIntegrityChecked(int generation, const QStringList &problems)
{
    if (generation != m_integrityGeneration)
        return;
    m_integrityProblems = problems;
    if (!problems.isEmpty() && m_company) {
        statusBar()->showMessage(tr("Warning: %Ln row(s) of this company were changed outside Orb", nullptr, int(problems.size())));
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Changed outside Orb"),
                                    tr("Some of this company's records were changed, added or deleted by another program since Orb "
                                       "last wrote them. Check them before you rely on them, or restore a backup you trust."),
                                    QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("integrityWarning"));
        box->setDetailedText(problems.join(QLatin1Char('\n')));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }
    Q_EMIT integrityChecked(problems);
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *newAct = file->addAction(tr("&New Company…"), this, &MainWindow::newCompany);
    newAct->setShortcut(QKeySequence::New);
    QAction *openAct = file->addAction(tr("&Open…"), this, &MainWindow::openFileDialog);
    openAct->setShortcut(QKeySequence::Open);
    QAction *serverAct = file->addAction(tr("Connect to Company &Server…"), this, [this] { connectToServer(); });
    serverAct->setObjectName(QStringLiteral("connectServerAction"));
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    file->addAction(tr("Open &Demo Company"), this, [this] {
        QString error;
        const QString path = QFileInfo(CompanyFile::defaultPath()).absolutePath() + QStringLiteral("/demo.orb");
        if (!openDemo(path, &error))
            QMessageBox::warning(this, tr("Could not open the demo company"), error);
    });
    QAction *importAct = file->addAction(tr("&Import Events…"), this, [this] { importEvents(); });
    importAct->setObjectName(QStringLiteral("importEventsAction"));
    importAct->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    importAct->setStatusTip(tr("Import usage events from a JSON Lines or CSV file"));
    m_companyActions << importAct;
    QAction *closeAct = file->addAction(tr("&Close Company"), this, &MainWindow::closeCompany);
    closeAct->setShortcut(QKeySequence::Close);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_undo->createUndoAction(this, tr("&Undo"));
    undo->setObjectName(QStringLiteral("undoAction"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_undo->createRedoAction(this, tr("&Redo"));
    redo->setObjectName(QStringLiteral("redoAction"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    QAction *trail = edit->addAction(tr("Audit &Trail…"), this, [this] {
        if (m_company)
            AuditTrailDialog(*m_company, this).exec();
    });
    trail->setObjectName(QStringLiteral("auditTrailAction"));
    trail->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    m_companyActions << trail;
    QMenu *go = menuBar()->addMenu(tr("&Go"));
    go->setObjectName(QStringLiteral("goMenu"));
    QMenu *billing = menuBar()->addMenu(tr("&Billing"));
    QAction *runAct = billing->addAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("Invoice &Run…"), this, [this] {
        if (m_invoices) {
            showScreen(Screen::Invoices);
            m_invoices->openInvoiceRun();
        }
    });
    runAct->setObjectName(QStringLiteral("invoiceRunAction"));
    runAct->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    QAction *newSub = billing->addAction(style()->standardIcon(QStyle::SP_FileDialogNewFolder), tr("New &Subscription…"), this, [this] {
        if (m_subscriptions) {
            showScreen(Screen::Subscriptions);
            m_subscriptions->newSubscription();
        }
    });
    newSub->setObjectName(QStringLiteral("newSubscriptionAction"));
    newSub->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    QAction *overdue = billing->addAction(tr("Show &Overdue Invoices"), this, [this] {
        if (m_invoices) {
            showScreen(Screen::Invoices);
            m_invoices->showOverdue();
        }
    });
    overdue->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    m_companyActions << runAct << newSub << overdue;
    m_toolbar = addToolBar(tr("Main"));
    m_toolbar->setObjectName(QStringLiteral("mainToolbar"));
    m_toolbar->setMovable(false);
    m_toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolbar->addAction(runAct);
    m_toolbar->addAction(newSub);
    m_toolbar->addSeparator();
    undo->setIcon(style()->standardIcon(QStyle::SP_ArrowBack));
    redo->setIcon(style()->standardIcon(QStyle::SP_ArrowForward));
    m_toolbar->addAction(undo);
    m_toolbar->addAction(redo);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *guide = help->addAction(style()->standardIcon(QStyle::SP_DialogHelpButton), tr("Orb &User Guide"), this, &MainWindow::showUserGuide);
    guide->setObjectName(QStringLiteral("userGuideAction"));
    guide->setShortcut(QKeySequence::HelpContents);
    guide->setStatusTip(tr("Set up a catalog, import usage, run and send invoices, take payments, connect Stripe"));
    help->addSeparator();
    help->addAction(tr("&About Orb"), this, &MainWindow::about);
    // The current screen's buttons, as menu entries: every action is reachable from the menu
    // bar and the keyboard.
    m_actionsMenu = new QMenu(tr("A&ctions"), this);
    m_actionsMenu->setObjectName(QStringLiteral("actionsMenu"));
    menuBar()->insertMenu(help->menuAction(), m_actionsMenu);
    connect(m_actionsMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildActionsMenu);
    for (QMenu *m : menuBar()->findChildren<QMenu *>())
        m->setToolTipsVisible(true);
    for (QAction *a : {newAct, openAct, importAct, closeAct, quit, undo, redo, trail, runAct, newSub, overdue, guide})
        describe(a);
    rebuildRecentMenu();
}

void MainWindow::describe(QAction *action)
{
    // A tooltip that says what the entry does and its key, for the toolbar and the menus.
    QString tip = QString(action->text()).remove(QRegularExpression(QStringLiteral("&(?!&)"))).remove(QStringLiteral("…"));
    if (!action->statusTip().isEmpty())
        tip = action->statusTip();
    if (!action->shortcut().isEmpty())
        tip += QStringLiteral(" (%1)").arg(action->shortcut().toString(QKeySequence::NativeText));
    action->setToolTip(tip);
}

void MainWindow::showUserGuide()
{
    auto *dialog = findChild<HelpDialog *>();
    if (!dialog) {
        dialog = new HelpDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
}

void MainWindow::rebuildActionsMenu()
{
    m_actionsMenu->clear();
    QWidget *screen = m_stack ? m_stack->currentWidget() : nullptr;
    if (!screen) {
        m_actionsMenu->addAction(tr("Open a company file first"))->setEnabled(false);
        return;
    }
    for (QAbstractButton *b : screen->findChildren<QAbstractButton *>()) {
        if (!qobject_cast<QPushButton *>(b) || !b->isVisibleTo(screen) || b->text().isEmpty() || qobject_cast<QAbstractButton *>(b->parentWidget()))
            continue;
        QAction *a = m_actionsMenu->addAction(b->icon(), b->text(), b, [b] {
            if (b->isEnabled())
                b->click();
        });
        a->setEnabled(b->isEnabled());
        a->setToolTip(b->toolTip());
    }
    if (m_actionsMenu->isEmpty())
        m_actionsMenu->addAction(tr("No actions on this screen"))->setEnabled(false);
}

namespace {

/// The key of a text's mnemonic ("&Edit" → 'e'), or a null QChar.
QChar mnemonicOf(const QString &text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != QLatin1Char('&'))
            continue;
        if (text.at(i + 1) == QLatin1Char('&')) {
            ++i;
            continue;
        }
        return text.at(i + 1).toLower();
    }
    return {};
}

/// The text with its mnemonic moved to the first letter not in `taken` (word starts first),
/// or without one when every letter is taken.
QString moveMnemonic(const QString &text, const QSet<QChar> &taken)
{
    QString plain = text;
    plain.remove(QRegularExpression(QStringLiteral("&(?!&)")));
    for (int pass = 0; pass < 2; ++pass)
        for (qsizetype i = 0; i < plain.size(); ++i) {
            const QChar c = plain.at(i);
            const bool wordStart = i == 0 || !plain.at(i - 1).isLetter();
            if (c.isLetter() && (pass == 1 || wordStart) && !taken.contains(c.toLower()))
                return plain.left(i) + QLatin1Char('&') + plain.mid(i);
        }
    return plain;
}

} // namespace

void MainWindow::resolveMnemonics(QWidget *screen) const
{
    // Alt+letter of a menu (Alt+E Edit, Alt+B Billing; Alt+B Bearbeiten in German) must open
    // the menu, not press a button of the screen that happens to use the same letter: the
    // screen's buttons and labels get letters of their own, in each language.
    QSet<QChar> taken;
    for (QAction *a : menuBar()->actions())
        if (const QChar c = mnemonicOf(a->text()); !c.isNull())
            taken.insert(c);
    for (QWidget *w : screen->findChildren<QWidget *>()) {
        auto *button = qobject_cast<QAbstractButton *>(w);
        auto *label = qobject_cast<QLabel *>(w);
        if (label && !label->buddy())
            continue;
        if (!button && !label)
            continue;
        const QString text = button ? button->text() : label->text();
        const QChar key = mnemonicOf(text);
        if (key.isNull())
            continue;
        if (taken.contains(key)) {
            const QString moved = moveMnemonic(text, taken);
            button ? button->setText(moved) : label->setText(moved);
            if (const QChar k = mnemonicOf(moved); !k.isNull())
                taken.insert(k);
        } else {
            taken.insert(key);
        }
    }
}

void MainWindow::polishScreen(QWidget *screen) const
{
    resolveMnemonics(screen);
    for (QTableView *table : screen->findChildren<QTableView *>())
        fitHeaders(table->horizontalHeader());
    for (QWidget *w : screen->findChildren<QWidget *>()) {
        // A field that says what it is only by its placeholder tells a screen reader the same.
        if (auto *edit = qobject_cast<QLineEdit *>(w); edit && edit->accessibleName().isEmpty() && !edit->placeholderText().isEmpty())
            edit->setAccessibleName(edit->placeholderText());
        if (auto *b = qobject_cast<QPushButton *>(w); b && b->toolTip().isEmpty() && !b->text().isEmpty())
            b->setToolTip(QString(b->text()).remove(QRegularExpression(QStringLiteral("&(?!&)"))).remove(QStringLiteral("…")));
    }
}

void MainWindow::fitHeaders(QHeaderView *header)
{
    // A column never narrower than its (translated) title: a remembered or preset width that
    // cut "Rechnungsstichtag" to "echnungsstich" is widened.
    for (int i = 0; i < header->count(); ++i) {
        if (header->isSectionHidden(i) || header->sectionResizeMode(i) == QHeaderView::Stretch)
            continue;
        const int needed = header->sectionSizeHint(i);
        if (header->sectionSize(i) < needed)
            header->resizeSection(i, needed);
    }
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = AppSettings().recentFiles();
    for (int i = 0; i < files.size(); ++i) {
        const QString f = files[i];
        const QString label = CompanyLocation::looksLikeServer(f) ? f : QFileInfo(f).fileName();
        QAction *a = m_recentMenu->addAction(QStringLiteral("&%1 %2").arg(i + 1).arg(label), this, [this, f] { openOrComplain(f); });
        a->setToolTip(f);
        a->setStatusTip(f);
    }
    m_recentMenu->setEnabled(!files.isEmpty());
}

void MainWindow::showWelcome()
{
    auto *w = new QWidget(this);
    w->setObjectName(QStringLiteral("welcomeScreen"));
    auto *layout = new QVBoxLayout(w);
    auto *title = new QLabel(tr("<h1>Welcome to Orb</h1><p>Usage-based billing on your desktop: customers, plans, usage, "
                                "invoices and Stripe, in one company file that works offline.</p>"),
                             w);
    title->setWordWrap(true);
    auto *newBtn = new QPushButton(tr("Create a &new company…"), w);
    auto *openBtn = new QPushButton(tr("&Open a company file…"), w);
    auto *serverBtn = new QPushButton(tr("Connect to a company &server…"), w);
    serverBtn->setObjectName(QStringLiteral("connectServerButton"));
    connect(serverBtn, &QPushButton::clicked, this, [this] { connectToServer(); });
    auto *demoBtn = new QPushButton(tr("Explore the &demo company"), w);
    demoBtn->setObjectName(QStringLiteral("demoButton"));
    connect(newBtn, &QPushButton::clicked, this, &MainWindow::newCompany);
    connect(openBtn, &QPushButton::clicked, this, &MainWindow::openFileDialog);
    connect(demoBtn, &QPushButton::clicked, this, [this] {
        QString error;
        const QString path = QFileInfo(CompanyFile::defaultPath()).absolutePath() + QStringLiteral("/demo.orb");
        if (!openDemo(path, &error))
            QMessageBox::warning(this, tr("Could not open the demo company"), error);
    });
    layout->addStretch();
    layout->addWidget(title);
    for (QPushButton *b : {newBtn, openBtn, serverBtn, demoBtn}) {
        b->setMinimumHeight(36);
        layout->addWidget(b);
    }
    const QStringList recent = AppSettings().recentFiles();
    if (!recent.isEmpty()) {
        layout->addSpacing(16);
        layout->addWidget(new QLabel(tr("<b>Recent company files</b>"), w));
        for (const QString &f : recent) {
            auto *b = new QPushButton(f, w);
            b->setFlat(true);
            b->setStyleSheet(QStringLiteral("text-align: left;"));
            connect(b, &QPushButton::clicked, this, [this, f] { openOrComplain(f); });
            layout->addWidget(b);
        }
    }
    layout->addStretch();
    auto *outer = new QWidget(this);
    auto *h = new QHBoxLayout(outer);
    h->addStretch();
    h->addWidget(w, 2);
    h->addStretch();
    setCentralWidget(outer);
    m_nav = nullptr;
    m_stack = nullptr;
    m_dashboard = nullptr;
    m_customers = nullptr;
    m_invoices = nullptr;
    m_subscriptions = nullptr;
    m_undo->clear();
    for (QAction *a : m_companyActions)
        a->setEnabled(false);
    m_fileLabel->setText(tr("No company file open"));
    setWindowTitle(tr("Orb"));
    for (QAction *a : menuBar()->findChild<QMenu *>(QStringLiteral("goMenu"))->actions())
        a->deleteLater();
}

void MainWindow::buildScreens()
{
    auto *central = new QWidget(this);
    auto *row = new QHBoxLayout(central);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(0);
    m_nav = new QListWidget(central);
    m_nav->setObjectName(QStringLiteral("navigation"));
    m_nav->setAccessibleName(tr("Screens"));
    m_nav->setFixedWidth(170);
    m_nav->setFrameShape(QFrame::NoFrame);
    m_nav->setSpacing(2);
    m_nav->setIconSize(QSize(20, 20));
    QFont navFont = m_nav->font();
    navFont.setPointSizeF(navFont.pointSizeF() * 1.1);
    m_nav->setFont(navFont);
    // The screens scroll when the window is smaller than the widest of them (a German button
    // row, a 1280×720 screen at 200 %), instead of the window growing past the screen.
    auto *scroll = new QScrollArea(central);
    scroll->setObjectName(QStringLiteral("screenScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_stack = new QStackedWidget(scroll);
    m_stack->setObjectName(QStringLiteral("screens"));
    m_stack->setContentsMargins(8, 8, 8, 0);
    scroll->setWidget(m_stack);
    row->addWidget(m_nav);
    row->addWidget(scroll, 1);

    // The previous company's role no longer holds its actions down.
    delete findChild<RoleGate *>(QStringLiteral("roleGate"), Qt::FindDirectChildrenOnly);
    m_undo->clear(); // the steps belong to the previous company file
    m_undoIndex = 0;
    for (QAction *a : m_companyActions)
        a->setEnabled(true);
    m_dashboard = new DashboardScreen(*m_company, m_clock, m_stack);
    m_customers = new CustomersScreen(*m_company, m_clock, m_stack);
    m_customers->setUndoStack(m_undo);
    m_subscriptions = new SubscriptionsScreen(*m_company, m_clock, m_stack);
    m_invoices = new InvoicesScreen(*m_company, m_clock, m_undo, m_stack);
    connect(m_subscriptions, &SubscriptionsScreen::subscriptionsChanged, m_dashboard, &DashboardScreen::refresh);
    connect(m_subscriptions, &SubscriptionsScreen::subscriptionsChanged, m_invoices, &InvoicesScreen::reload);
    connect(m_invoices, &InvoicesScreen::invoicesChanged, m_dashboard, &DashboardScreen::refresh);
    connect(m_invoices, &InvoicesScreen::invoicesChanged, m_customers, &CustomersScreen::refreshDetails);
    connect(m_dashboard, &DashboardScreen::invoicesRequested, this, [this](DashboardScreen::InvoiceList which) {
        showScreen(Screen::Invoices);
        if (which == DashboardScreen::InvoiceList::Overdue)
            m_invoices->showOverdue();
        else
            m_invoices->showStatus(InvoiceStatus::Draft);
    });
    connect(m_customers, &CustomersScreen::invoicesRequested, this, [this](const QString &customerId) {
        showScreen(Screen::Invoices);
        m_invoices->showCustomer(customerId);
    });
    auto *settings = new SettingsScreen(*m_company, m_clock, m_stack);
    settings->setUndoStack(m_undo);
    auto *plans = new PlansScreen(*m_company, m_clock, m_stack);
    plans->setUndoStack(m_undo);
    auto *coupons = new CouponsScreen(*m_company, m_clock, m_undo, m_stack);
    auto *taxRates = new TaxRatesScreen(*m_company, m_clock, m_undo, m_stack);
    connect(taxRates, &TaxRatesScreen::taxRatesChanged, m_customers, &CustomersScreen::refreshDetails);
    auto *sync = new SyncScreen(*m_company, m_stack);
    auto *reports = new ReportsScreen(*m_company, m_clock, m_stack);
    connect(m_invoices, &InvoicesScreen::invoicesChanged, reports, &ReportsScreen::invalidate);
    // PDF export and printing of the invoice on screen.
    connect(m_invoices, &InvoicesScreen::exportPdfRequested, this, [this](const QString &invoiceId) {
        try {
            const NamedDocument doc = DocumentExporter(*m_company).invoice(invoiceId);
            const QString path = QFileDialog::getSaveFileName(this, tr("Save invoice as PDF"), doc.fileName, tr("PDF files (*.pdf)"));
            if (path.isEmpty())
                return;
            DocumentExporter::writePdf(doc.document, path);
            statusBar()->showMessage(tr("Saved %1").arg(path), 8000);
        } catch (const ServiceError &e) {
            QMessageBox::warning(this, tr("Could not save the PDF"), e.message());
        }
    });
    connect(m_invoices, &InvoicesScreen::printRequested, this, [this](const QString &invoiceId) {
        try {
            ReportsScreen::printDocument(this, DocumentExporter(*m_company).invoice(invoiceId).document);
        } catch (const ServiceError &e) {
            QMessageBox::warning(this, tr("Could not print the invoice"), e.message());
        }
    });
    auto showSync = [this, sync](const QString &text) {
        m_syncLabel->setText(text);
        m_dashboard->setSyncStatus(text);
        Q_UNUSED(sync);
    };
    connect(sync, &SyncScreen::statusChanged, this, showSync);
    // The Stripe key is entered in Settings and read from the keychain there, on this thread;
    // the sync worker takes it from there and polls while it has one.
    QMetaObject::invokeMethod(
        sync->worker(), [w = sync->worker()] { w->setReadsKeychain(false); }, Qt::QueuedConnection);
    connect(settings, &SettingsScreen::stripeKeyChanged, sync, [this, sync](const QString &key) {
        sync->useKey(key);
        if (!key.isEmpty() && !m_company->isReadOnly())
            sync->startPolling(300);
    });
    connect(sync, &SyncScreen::keySettingsRequested, this, [this] { showScreen(Screen::Settings); });
    showSync(sync->statusText());
    connect(m_customers, &CustomersScreen::customersChanged, sync, &SyncScreen::refresh);
    connect(m_invoices, &InvoicesScreen::invoicesChanged, sync, &SyncScreen::refresh);
    connect(m_customers, &CustomersScreen::customersChanged, m_dashboard, &DashboardScreen::refresh);
    connect(settings, &SettingsScreen::settingsChanged, m_dashboard, &DashboardScreen::refresh);
    connect(settings, &SettingsScreen::settingsChanged, this, [this] { setWindowTitle(tr("%1 — Orb").arg(m_company->settings().name)); });
    connect(settings->apiPage(), &ApiSettingsPage::servingChanged, m_apiLabel, [this](const QString &url) {
        m_apiLabel->setText(url.isEmpty() ? QString() : tr("API: %1").arg(url));
        m_apiLabel->setVisible(!url.isEmpty());
    });

    // In the order of Screen; each item carries its Screen, so nothing looks a screen up by its
    // (translated) label.
    const QList<QWidget *> screens = {
        m_dashboard, m_customers, plans,   coupons, taxRates, m_subscriptions, m_invoices, new UsageScreen(*m_company, m_clock, m_stack),
        reports,     sync,        settings};
    Q_ASSERT(screens.size() == int(std::size(kScreens)));
    QMenu *go = menuBar()->findChild<QMenu *>(QStringLiteral("goMenu"));
    for (QAction *a : go->actions())
        a->deleteLater();
    for (int i = 0; i < screens.size(); ++i) {
        const ScreenInfo &info = kScreens[i];
        auto *item = new QListWidgetItem(style()->standardIcon(info.icon), QCoreApplication::translate("orb::MainWindow", info.label));
        item->setData(Qt::UserRole, int(info.screen));
        m_nav->addItem(item);
        m_stack->addWidget(screens[i]);
        QAction *a = go->addAction(QCoreApplication::translate("orb::MainWindow", info.label), this, [this, i] { m_nav->setCurrentRow(i); });
        if (info.digit > 0)
            a->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_0 + info.digit)));
    }
    for (QWidget *screen : screens)
        polishScreen(screen);
    // What the company's role may not do is disabled, saying why (the services refuse it too).
    (new RoleGate(m_company->db().role(), this))->guard(this);
    connect(m_nav, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
    // The scroll area asks the stack for its minimum, which a QStackedWidget takes from its
    // widest page: only the page on show counts, so one wide screen does not make every screen
    // scroll.
    connect(m_stack, &QStackedWidget::currentChanged, this, [this] {
        if (QWidget *page = m_stack->currentWidget())
            m_stack->setMinimumSize(page->minimumSizeHint().expandedTo(QSize(1, 1)));
    });
    m_nav->setCurrentRow(0);
    m_stack->setMinimumSize(m_stack->widget(0)->minimumSizeHint().expandedTo(QSize(1, 1)));
    setCentralWidget(central);
}

QString MainWindow::screenKey(Screen screen)
{
    return QLatin1String(kScreens[int(screen)].key);
}

std::optional<MainWindow::Screen> MainWindow::screenFromKey(const QString &key)
{
    for (const ScreenInfo &info : kScreens)
        if (key.compare(QLatin1String(info.key), Qt::CaseInsensitive) == 0)
            return info.screen;
    return std::nullopt;
}

void MainWindow::showScreen(Screen screen)
{
    if (!m_nav)
        return;
    for (int i = 0; i < m_nav->count(); ++i)
        if (m_nav->item(i)->data(Qt::UserRole).toInt() == int(screen))
            m_nav->setCurrentRow(i);
}

bool MainWindow::showScreen(const QString &key)
{
    const std::optional<Screen> screen = screenFromKey(key);
    if (screen)
        showScreen(*screen);
    return screen.has_value();
}

QStringList MainWindow::saveScreenshots(const QString &dir)
{
    QStringList files;
    if (!QDir().mkpath(dir))
        return files;
    if (!m_nav) {
        const QString f = QDir(dir).filePath(QStringLiteral("00-welcome.png"));
        if (grab().save(f))
            files << f;
        return files;
    }
    for (int i = 0; i < m_nav->count(); ++i) {
        m_nav->setCurrentRow(i);
        // Big tables and the dashboard read on worker threads: wait for them, so the picture
        // shows what a person sees a moment later.
        ScreenshotTour::settle(m_stack->currentWidget(), [this] { return m_dashboard && m_dashboard->isRefreshing(); });
        // A selected row shows the screen's detail pane as people use it.
        for (QTableView *table : m_stack->currentWidget()->findChildren<QTableView *>())
            if (table->isVisible() && table->model() && table->model()->rowCount() > 0 && !table->selectionModel()->hasSelection())
                table->selectRow(0);
        ScreenshotTour::settle(m_stack->currentWidget(), [this] { return m_dashboard && m_dashboard->isRefreshing(); });
        const QString name = screenKey(Screen(m_nav->item(i)->data(Qt::UserRole).toInt()));
        const QString f = QDir(dir).filePath(QStringLiteral("%1-%2.png").arg(i + 1, 2, 10, QLatin1Char('0')).arg(name));
        if (grab().save(f))
            files << f;
    }
    return files;
}

bool MainWindow::openCompany(const QString &path, QString *error)
{
    if (m_company && !m_company->isServer() && !CompanyLocation::looksLikeServer(path)
        && QFileInfo(m_company->path()).canonicalFilePath() == QFileInfo(path).canonicalFilePath())
        return true; // already open here (it holds the lock)
    std::unique_ptr<CompanyFile> file;
    try {
        try {
            file = CompanyFile::openLocked(path);
        } catch (const CompanyFileError &e) {
            if (e.kind() != CompanyFileError::Kind::InUse)
                throw;
            // Another Orb window has it open: offer to look without changing anything.
            if (QMessageBox::question(this, tr("Company file in use"), e.message() + QStringLiteral("\n\n") + tr("Open it read-only?")) != QMessageBox::Yes) {
                if (error)
                    *error = e.message();
                return false;
            }
            file = CompanyFile::openReadOnly(path);
        }
    } catch (const CompanyFileError &e) {
        if (e.kind() == CompanyFileError::Kind::ForeignSchema && offerInspection(e)) {
            try {
                file = CompanyFile::openForInspection(path);
            } catch (const CompanyFileError &again) {
                if (error)
                    *error = again.message();
                return false;
            }
        } else {
            if (error)
                *error = e.message();
            return false;
        }
    }
    waitForIntegrityCheck();
    setCentralWidget(new QWidget(this)); // the old screens go before the old file closes
    m_backups.reset();
    m_changes.reset();
    m_company = std::move(file);
    m_backups = std::make_unique<BackupScheduler>(*m_company);
    m_backups->setPassphraseProvider([path = m_company->path()](QString *why) { return BackupPassphraseStore(path).load(why).value_or(QByteArray()); });
    connect(m_backups.get(), &BackupScheduler::backupFailed, this,
            [this](const QString &m) { statusBar()->showMessage(tr("Backup failed: %1").arg(m), 15000); });
    connect(m_backups.get(), &BackupScheduler::backupFinished, this,
            [this](const QString &written, const QStringList &) { statusBar()->showMessage(tr("Backed up to %1").arg(written), 8000); });
    if (!m_company->isReadOnly() && !m_company->isServer()) // a server's backups are the server's own
        m_backups->start();
    buildScreens();
    m_serverDown = false;
    m_serverLabel->hide();
    if (m_company->isServer()) {
        listenForChanges();
        m_serverWatch->start();
    } else {
        m_serverWatch->stop();
    }
    AppSettings().addRecentFile(m_company->path());
    rebuildRecentMenu();
    setWindowTitle(tr("%1 — Orb").arg(m_company->settings().name));
    if (m_company->isInspection())
        m_fileLabel->setText(tr("%1 (read-only for inspection: it was changed outside Orb)").arg(m_company->path()));
    else
        m_fileLabel->setText(m_company->isReadOnly() ? tr("%1 (read-only: changes are not possible)").arg(m_company->path()) : m_company->path());
    // The check compares rows with their seals through a file's own reader; a server keeps no
    // seals (its permissions guard it) and `orbctl audit verify` checks its chain.
    if (!m_company->isInspection() && !m_company->isServer())
        startIntegrityCheck();
    return true;
}

bool MainWindow::offerInspection(const CompanyFileError &e)
{
    if (m_foreignFilePrompt)
        return m_foreignFilePrompt(e.message(), e.objects());
    QMessageBox box(QMessageBox::Warning, tr("Changed outside Orb"),
                    tr("This company file was changed by another program: it holds database code or tables that Orb did not "
                       "put there, which can change invoices, customers' details or payment instructions behind your back. "
                       "Orb did not open it and left it untouched."),
                    QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("foreignSchemaPrompt"));
    box.setInformativeText(tr("You can open it read-only to look at it (nothing can be changed and none of that code runs), "
                              "or restore the company from a backup you trust."));
    box.setDetailedText(e.objects().join(QLatin1Char('\n')));
    QPushButton *inspect = box.addButton(tr("Open Read-Only for Inspection"), QMessageBox::AcceptRole);
    box.addButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == inspect;
}

bool MainWindow::openDemo(const QString &path, QString *error)
{
    if (!QFileInfo::exists(path)) {
        try {
            DemoCompany::create(path, m_clock);
        } catch (const CompanyFileError &e) {
            if (error)
                *error = e.message();
            return false;
        }
    }
    return openCompany(path, error);
}

void MainWindow::connectToServer(const QString &location)
{
    QString refused;
    if (!location.isEmpty()) {
        // A recent server: the password the keychain remembers (or PGPASSWORD, ~/.pgpass) first.
        try {
            ServerPasswordStore::provide(location);
        } catch (const ServiceError &) {
        }
        QString error;
        if (openCompany(location, &error))
            return;
        if (!error.contains(QLatin1String("password"))) {
            QMessageBox::warning(this, tr("Could not open the company"), error);
            return;
        }
        refused = error;
    }
    ServerConnectDialog dialog(
        [this](const QString &where, const QString &password, QString *error) {
            const QString key = CompanyLocation::parse(where).display();
            if (!password.isEmpty())
                Database::setServerPassword(key, password);
            if (openCompany(where, error))
                return true;
            Database::setServerPassword(key, QString()); // not kept for a refused connection
            return false;
        },
        this);
    if (!location.isEmpty())
        dialog.setLocation(location);
    dialog.showError(refused);
    if (dialog.exec() == QDialog::Accepted && !dialog.rememberProblem().isEmpty())
        statusBar()->showMessage(tr("The password could not be remembered: %1").arg(dialog.rememberProblem()), 15000);
}

void MainWindow::listenForChanges()
{
    // Others' committed changes arrive as notifications; a burst (an invoice run) is shown once.
    m_changes = std::make_unique<ChangeListener>(m_company->db());
    connect(m_changes.get(), &ChangeListener::changed, this, [this](const QStringList &tables) {
        const bool first = m_changedTables.isEmpty();
        for (const QString &t : tables)
            if (!m_changedTables.contains(t))
                m_changedTables << t;
        if (first)
            QTimer::singleShot(300, this, &MainWindow::showOthersChanges);
    });
}

void MainWindow::watchServer()
{
    if (!m_company || !m_company->isServer())
        return;
    if (!m_serverDown) {
        // libpq marks the connection broken once it hears the server close it (the change
        // listener's socket, or a statement that failed): no statement is sent to find out.
        if (!m_company->connectionLost())
            return;
        m_serverDown = true;
        m_changes.reset(); // it listened on the connection that is gone
        m_serverLabel->setText(tr("Company server not reachable: reconnecting…"));
        m_serverLabel->setToolTip(tr("The connection to %1 was lost (the server was stopped, restarted or cannot be reached). Nothing of an "
                                     "action that failed was saved; Orb reconnects by itself, then try it again.")
                                      .arg(m_company->path()));
        m_serverLabel->setStyleSheet(QStringLiteral("color: #b00020; font-weight: bold;"));
        m_serverLabel->show();
    }
    // Never in the middle of an action: its work died with the old connection, and it must
    // end (roll back) on that one first.
    if (m_company->db().inTransaction())
        return;
    try {
        m_company->reconnect();
    } catch (const ServiceError &e) {
        m_serverLabel->setToolTip(tr("The connection to %1 was lost; the last attempt to reconnect failed: %2").arg(m_company->path(), e.message()));
        return;
    }
    m_serverDown = false;
    listenForChanges();
    m_serverLabel->setStyleSheet(QString());
    m_serverLabel->setText(tr("Reconnected to the company server"));
    m_serverLabel->setToolTip(m_company->path());
    QTimer::singleShot(8000, m_serverLabel, [this] {
        if (!m_serverDown)
            m_serverLabel->hide();
    });
    // What is shown may be stale or half-read: read it all again, as for others' changes.
    m_changedTables = {QStringLiteral("customers"), QStringLiteral("invoices"), QStringLiteral("subscriptions")};
    showOthersChanges();
    if (auto *usage = m_stack ? m_stack->findChild<UsageScreen *>() : nullptr)
        usage->model()->reload();
    statusBar()->showMessage(tr("Reconnected to the company server; the open screens were read again"), 8000);
}

void MainWindow::showOthersChanges()
{
    const QStringList tables = std::exchange(m_changedTables, {});
    if (tables.isEmpty() || !m_company)
        return;
    const auto any = [&tables](std::initializer_list<const char *> names) {
        for (const char *n : names)
            if (tables.contains(QLatin1String(n)))
                return true;
        return false;
    };
    if (m_customers && any({"customers", "customer_tax_rates", "balance_transactions"}))
        m_customers->model()->reload();
    if (m_invoices && any({"invoices", "invoice_line_items", "payments", "credit_notes"}))
        m_invoices->reload();
    if (m_customers && any({"invoices", "payments", "credit_notes", "balance_transactions", "subscriptions"}))
        m_customers->refreshDetails();
    if (m_subscriptions && any({"subscriptions", "subscription_phases"}))
        m_subscriptions->reload();
    if (m_dashboard)
        m_dashboard->refresh();
    statusBar()->showMessage(tr("Updated with changes made by others"), 4000);
}

void MainWindow::openOrComplain(const QString &path)
{
    if (CompanyLocation::looksLikeServer(path)) {
        connectToServer(path);
        return;
    }
    QString error;
    if (!openCompany(path, &error)) {
        QMessageBox::warning(this, tr("Could not open the company file"), error);
        AppSettings().removeRecentFile(path);
        rebuildRecentMenu();
    }
}

void MainWindow::newCompany()
{
    NewCompanyWizard wizard(this);
    if (wizard.exec() != QDialog::Accepted)
        return;
    CompanySettings s;
    s.name = wizard.companyName();
    s.email = wizard.email();
    s.addressLine1 = wizard.addressLine1();
    s.city = wizard.city();
    s.postalCode = wizard.postalCode();
    s.country = wizard.country();
    s.defaultCurrency = wizard.currency();
    s.timezone = wizard.timezone();
    s.invoicePrefix = wizard.invoicePrefix();
    s.documentLocale = wizard.documentLocale();
    try {
        CompanyFile::create(wizard.filePath(), s, m_clock);
    } catch (const CompanyFileError &e) {
        QMessageBox::warning(this, tr("Could not create the company"), e.message());
        return;
    }
    openOrComplain(wizard.filePath());
}

void MainWindow::openFileDialog()
{
    const QString start = m_company ? QFileInfo(m_company->path()).absolutePath() : QString();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open company file"), start, tr("Orb company files (*.orb);;All files (*)"));
    if (!path.isEmpty())
        openOrComplain(path);
}

void MainWindow::closeCompany()
{
    releaseCompany();
    showWelcome();
}

void MainWindow::about()
{
    // The licence is its own string so that the first keeps its translation; the GPL asks an
    // interactive program to show its notice and that there is no warranty.
    QMessageBox::about(this, tr("About Orb"),
                       tr("<h3>Orb %1</h3><p>Usage-based billing and metering on the desktop.</p>"
                          "<p>Qt %2 · SQLite company files</p>")
                               .arg(QStringLiteral(ORB_VERSION_STRING), QString::fromLatin1(qVersion()))
                           + tr("<p>Copyright © 2026 The Orb developers</p>"
                                "<p>Orb is free software: you can redistribute it and/or modify it under the terms of the "
                                "GNU General Public License as published by the Free Software Foundation, either version 3 "
                                "of the License, or (at your option) any later version (GPL-3.0-or-later). It comes with "
                                "ABSOLUTELY NO WARRANTY. See <a href=\"%1\">%1</a>.</p>")
                                 .arg(QStringLiteral("https://www.gnu.org/licenses/gpl-3.0.html")));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    AppSettings settings;
    settings.setWindowGeometry(saveGeometry());
    settings.setWindowState(saveState());
    releaseCompany();
    event->accept();
}

namespace {

/// A dropped file of usage events (imported) rather than a company file (opened).
bool isEventFile(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("jsonl") || suffix == QLatin1String("ndjson") || suffix == QLatin1String("json") || suffix == QLatin1String("csv");
}

} // namespace

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const auto urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.first().isLocalFile()
        && (urls.first().toLocalFile().endsWith(QLatin1String(".orb")) || isEventFile(urls.first().toLocalFile())))
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const auto urls = event->mimeData()->urls();
    if (urls.size() != 1 || !urls.first().isLocalFile())
        return;
    const QString path = urls.first().toLocalFile();
    event->acceptProposedAction();
    if (isEventFile(path))
        importEvents(path);
    else
        openOrComplain(path);
}

void MainWindow::importEvents(const QString &path)
{
    auto *usage = m_stack ? m_stack->findChild<UsageScreen *>() : nullptr;
    if (!usage) {
        statusBar()->showMessage(tr("Open a company file first, then import %1 into it.").arg(path.isEmpty() ? tr("the events") : QFileInfo(path).fileName()),
                                 10000);
        return;
    }
    showScreen(Screen::Usage);
    usage->openImportWizard(path);
}

} // namespace orb
