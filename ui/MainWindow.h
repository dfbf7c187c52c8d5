// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>

#include <memory>

class QLabel;
class QListWidget;
class QMenu;
class QStackedWidget;
class QToolBar;
class QUndoStack;

namespace orb {

class BackupScheduler;
class Clock;
class CompanyFile;
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
    /// Creates the demo company at path (if missing) and opens it.
    bool openDemo(const QString &path, QString *error = nullptr);
    CompanyFile *company() const { return m_company.get(); }
    /// Shows the screen with that navigation name ("Customers").
    void showScreen(const QString &name);
    /// Undo and redo of customer edits and draft deletions in the open company.
    QUndoStack *undoStack() const { return m_undo; }
    InvoicesScreen *invoicesScreen() const { return m_invoices; }
    SubscriptionsScreen *subscriptionsScreen() const { return m_subscriptions; }
    DashboardScreen *dashboardScreen() const { return m_dashboard; }
    /// Shows each screen in turn and saves it as DIR/NN-name.png; returns the files written.
    QStringList saveScreenshots(const QString &dir);

public slots:
    void newCompany();
    void openFileDialog();
    void closeCompany();
    void about();
    /// Shows the Usage screen and its import wizard, with `path` preselected when given.
    void importEvents(const QString &path = {});

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void buildMenus();
    void rebuildRecentMenu();
    void showWelcome();
    void buildScreens();
    void openOrComplain(const QString &path);

    const Clock &m_clock;
    std::unique_ptr<CompanyFile> m_company;
    std::unique_ptr<BackupScheduler> m_backups; ///< goes before the company file it copies
    QListWidget *m_nav = nullptr;
    QStackedWidget *m_stack = nullptr;
    DashboardScreen *m_dashboard = nullptr;
    CustomersScreen *m_customers = nullptr;
    InvoicesScreen *m_invoices = nullptr;
    SubscriptionsScreen *m_subscriptions = nullptr;
    QUndoStack *m_undo = nullptr;
    QToolBar *m_toolbar = nullptr;
    QList<QAction *> m_companyActions; ///< enabled while a company is open
    QMenu *m_recentMenu = nullptr;
    QLabel *m_fileLabel = nullptr;
    QLabel *m_syncLabel = nullptr;
};

} // namespace orb
