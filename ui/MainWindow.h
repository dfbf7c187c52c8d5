// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include "models/BackgroundJob.h"

#include <QMainWindow>

#include <optional>

#include <memory>

class QAction;
class QHeaderView;
class QLabel;
class QListWidget;
class QTimer;
class QMenu;
class QStackedWidget;
class QToolBar;
class QUndoStack;

namespace orb {

class BackupScheduler;
class Clock;
class CompanyFile;
class ChangeListener;
class CompanyFileError;
class CustomersScreen;
class DashboardScreen;
class InvoicesScreen;
class SubscriptionsScreen;

/**
 * The desktop program's window: navigation between the screens of one open company file,
 * the File menu (new, open, open recent), Edit (undo and redo of master data and drafts),
 * Billing (invoice run, new subscription), a toolbar, and a status bar with the file and sync
 * state.
 */
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(const Clock &clock, QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Opens a company file; on failure shows nothing and returns the reason.
    bool openCompany(const QString &path, QString *error = nullptr);
    /**
     * File › Connect to Company Server: asks for the server, database, user, TLS and password
     * (ServerConnectDialog) and opens the company there. With a location (a recent server),
     * tries the password remembered in the keychain first and asks only when it is refused.
     */
    void connectToServer(const QString &location = {});
    /// Creates the demo company at path (if missing) and opens it.
    bool openDemo(const QString &path, QString *error = nullptr);
    CompanyFile *company() const { return m_company.get(); }
    /// The screens, in the order of the navigation list (Ctrl+1…Ctrl+9 show the nine screens
    /// other than Coupons and Tax rates, as before those came).
    enum class Screen { Dashboard, Customers, Plans, Coupons, TaxRates, Subscriptions, Invoices, Usage, Reports, Sync, Settings };
    /// The screen's stable name, untranslated ("customers"): command lines and file names.
    static QString screenKey(Screen screen);
    /// The screen of a stable name (any letter case), if there is one.
    static std::optional<Screen> screenFromKey(const QString &key);

    void showScreen(Screen screen);
    /// Shows the screen of that stable name ("customers", any letter case); false when none is.
    bool showScreen(const QString &key);
    /// Undo and redo of customer edits and draft deletions in the open company.
    QUndoStack *undoStack() const { return m_undo; }
    InvoicesScreen *invoicesScreen() const { return m_invoices; }
    SubscriptionsScreen *subscriptionsScreen() const { return m_subscriptions; }
    DashboardScreen *dashboardScreen() const { return m_dashboard; }
    /// Shows each screen in turn and saves it as DIR/NN-name.png; returns the files written.
    QStringList saveScreenshots(const QString &dir);

    /**
     * Asked when a file's schema is not Orb's: the message and the objects that are foreign;
     * true opens the file read-only for inspection. The default asks with a message box; tests
     * answer instead.
     */
    using ForeignFilePrompt = std::function<bool(const QString &message, const QStringList &objects)>;
    void setForeignFilePrompt(ForeignFilePrompt prompt) { m_foreignFilePrompt = std::move(prompt); }
    /// The check run in the background on open (audit chain and row seals): whether it is still
    /// running, and what it found (one line per problem; empty when all is well).
    bool integrityCheckRunning() const { return m_integrityCheck && m_integrityCheck->isRunning(); }
    const QStringList &integrityProblems() const { return m_integrityProblems; }

Q_SIGNALS:
    /// The background check of the open company finished; problems is empty when all is well.
    void integrityChecked(const QStringList &problems);

public slots:
    void newCompany();
    void openFileDialog();
    void closeCompany();
    void about();
    /// Shows the Usage screen and its import wizard, with `path` preselected when given.
    void importEvents(const QString &path = {});
    /// Help › User Guide: the guide shipped with the program, in the interface language.
    void showUserGuide();

public:
    /// Widens each column to at least its header's text (translated titles, remembered widths).
    static void fitHeaders(QHeaderView *header);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void buildMenus();
    void rebuildActionsMenu();
    static void describe(QAction *action);
    /// Mnemonics, tooltips, accessible names and column widths of a screen, once built.
    void polishScreen(QWidget *screen) const;
    void resolveMnemonics(QWidget *screen) const;
    void rebuildRecentMenu();
    void showWelcome();
    void buildScreens();
    void openOrComplain(const QString &path);
    bool offerInspection(const CompanyFileError &e);
    void startIntegrityCheck();
    void waitForIntegrityCheck();
    void onIntegrityChecked(int generation, const QStringList &problems);
    /// Closes the open company: its screens (and their worker connections) first, at once,
    /// then the backups and the file, so the last connection leaves the file whole.
    void releaseCompany();

    const Clock &m_clock;
    std::unique_ptr<CompanyFile> m_company;
    std::unique_ptr<BackupScheduler> m_backups; ///< goes before the company file it copies
    std::unique_ptr<ChangeListener> m_changes;  ///< others' changes on a server; before the company
    QStringList m_changedTables;                ///< heard of, not yet shown (coalesced)
    void showOthersChanges();
    /// On a server: LISTENs for others' changes on the company's connection (again after a
    /// reconnect, since a listener belongs to one connection).
    void listenForChanges();
    /// Every few seconds on a server: notices a connection the server dropped, says so in the
    /// status bar and opens it again once the server is back, then reads what is shown again.
    void watchServer();
    QTimer *m_serverWatch = nullptr;
    QLabel *m_serverLabel = nullptr; ///< the server connection's state, while it is not normal
    bool m_serverDown = false;
    ForeignFilePrompt m_foreignFilePrompt;
    std::unique_ptr<BackgroundJob> m_integrityCheck; ///< the background check of the file open
    QStringList m_integrityProblems;
    int m_integrityGeneration = 0; ///< a result of an earlier file's check is dropped
    QListWidget *m_nav = nullptr;
    QStackedWidget *m_stack = nullptr;
    DashboardScreen *m_dashboard = nullptr;
    CustomersScreen *m_customers = nullptr;
    InvoicesScreen *m_invoices = nullptr;
    SubscriptionsScreen *m_subscriptions = nullptr;
    QUndoStack *m_undo = nullptr;
    int m_undoIndex = 0; ///< the undo stack's index before its last change: undo or redo
    QToolBar *m_toolbar = nullptr;
    QList<QAction *> m_companyActions; ///< enabled while a company is open
    QMenu *m_recentMenu = nullptr;
    QMenu *m_actionsMenu = nullptr;
    QLabel *m_fileLabel = nullptr;
    QLabel *m_syncLabel = nullptr;
    QLabel *m_apiLabel = nullptr; ///< where Settings › API serves, while it does
};

} // namespace orb
