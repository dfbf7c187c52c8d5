// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/ScreenshotTour.h"

#include "engine/Clock.h"
#include "models/BackgroundReader.h"
#include "models/CompanyFile.h"
#include "models/CustomerService.h"
#include "models/billing/InvoiceService.h"
#include "models/billing/SubscriptionService.h"
#include "models/catalog/CatalogService.h"
#include "ui/HelpDialog.h"
#include "ui/dialogs/ApiSecretDialog.h"
#include "ui/dialogs/NewApiKeyDialog.h"
#include "ui/dialogs/NewWebhookDialog.h"
#include "ui/widgets/ApiSettingsPage.h"
#include "ui/dialogs/AuditTrailDialog.h"
#include "ui/dialogs/CreditNoteDialog.h"
#include "ui/dialogs/CustomerDialog.h"
#include "ui/dialogs/CustomerImportWizard.h"
#include "ui/dialogs/EmailSendDialog.h"
#include "ui/dialogs/ImportWizard.h"
#include "ui/dialogs/InvoiceRunDialog.h"
#include "ui/dialogs/LedgerExportDialog.h"
#include "ui/dialogs/NewMetricDialog.h"
#include "ui/dialogs/NewCompanyWizard.h"
#include "ui/dialogs/PaymentDialog.h"
#include "ui/dialogs/PlanEditorDialog.h"
#include "ui/dialogs/SubscriptionDialogs.h"

#include <QAbstractItemView>
#include <QAbstractProxyModel>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QThread>
#include <QTimeZone>
#include <QWidget>

#include <memory>

namespace orb {

void ScreenshotTour::settle(QWidget *widget, const std::function<bool()> &busy, int maxMs)
{
    auto loading = [widget, &busy] {
        if (busy && busy())
            return true;
        if (widget->property("loading").toBool())
            return true;
        // Screens that read through a BackgroundReader (Reports' aging and charts, a customer's
        // billing) show nothing until it answers.
        for (const BackgroundReader *reader : widget->findChildren<BackgroundReader *>())
            if (reader->isBusy())
                return true;
        for (const QWidget *child : widget->findChildren<QWidget *>())
            if (child->property("loading").toBool())
                return true;
        for (const QAbstractItemView *view : widget->findChildren<QAbstractItemView *>()) {
            const QAbstractItemModel *model = view->model();
            while (auto *proxy = qobject_cast<const QAbstractProxyModel *>(model)) {
                if (proxy->property("loading").toBool())
                    return true;
                model = proxy->sourceModel();
            }
            if (model && model->property("loading").toBool())
                return true;
        }
        return false;
    };
    QElapsedTimer waited;
    waited.start();
    QApplication::processEvents();
    while (loading() && waited.elapsed() < maxMs) {
        QThread::msleep(20);
        QApplication::processEvents();
    }
    // Rows that arrived are laid out and painted before the grab.
    QApplication::processEvents();
}

QStringList ScreenshotTour::saveDialogs(CompanyFile &file, const Clock &clock, QWidget *parent, const QString &dir)
{
    QStringList files;
    if (!QDir().mkpath(dir))
        return files;
    forEachDialog(file, clock, parent, [&](const QString &name, QWidget *dialog) {
        const QString f = QDir(dir).filePath(QStringLiteral("dialog-%1.png").arg(name));
        if (dialog->grab().save(f))
            files << f;
    });
    return files;
}

void ScreenshotTour::forEachDialog(CompanyFile &file, const Clock &clock, QWidget *parent, const std::function<void(const QString &, QWidget *)> &visit)
{
    auto shoot = [&](const QString &name, QWidget *dialog) {
        std::unique_ptr<QWidget> owned(dialog);
        dialog->show();
        settle(dialog);
        visit(name, dialog);
        dialog->close();
    };
    const QDate today = clock.now().toTimeZone(QTimeZone(file.settings().timezone.toUtf8())).date();
    CustomerService customers(file, clock);
    shoot(QStringLiteral("new-company"), new NewCompanyWizard(parent));
    shoot(QStringLiteral("new-customer"), new CustomerDialog(customers, file.settings().timezone, std::nullopt, parent));
    shoot(QStringLiteral("new-plan"), new PlanEditorDialog(file, clock, QString(), parent));
    // An existing plan with the most kinds of prices (the demo's has a matrix and tiers).
    {
        QString richest;
        qsizetype most = -1;
        CatalogService catalog(file, clock);
        for (const Plan &p : catalog.plans().list()) {
            const auto v = catalog.plans().version(p.id, p.currentVersion);
            if (v && v->prices.size() > most) {
                most = v->prices.size();
                richest = p.id;
            }
        }
        if (!richest.isEmpty())
            shoot(QStringLiteral("edit-plan"), new PlanEditorDialog(file, clock, richest, parent));
    }
    shoot(QStringLiteral("new-metric"), new NewMetricDialog(file, clock, {}, parent));
    shoot(QStringLiteral("new-subscription"), new NewSubscriptionDialog(file, clock, parent));
    const QList<Subscription> subs = SubscriptionService(file, clock).list();
    if (!subs.isEmpty())
        shoot(QStringLiteral("change-plan"), new SubscriptionChangeDialog(file, clock, subs.first().id, SubscriptionChangeDialog::Kind::ChangePlan, parent));
    shoot(QStringLiteral("invoice-run"), new InvoiceRunDialog(file, clock, parent));
    InvoiceFilter issued;
    issued.status = InvoiceStatus::Issued;
    const QList<Invoice> open = InvoiceService(file, clock).list(issued);
    if (!open.isEmpty()) {
        const Invoice &inv = open.first();
        shoot(QStringLiteral("payment"), new PaymentDialog(inv.invoiceNumber, inv.amountRemaining(), inv.currency, today, parent));
        shoot(QStringLiteral("credit-note"), new CreditNoteDialog(inv, parent));
    }
    shoot(QStringLiteral("email"), new EmailSendDialog(file, clock, parent));
    shoot(QStringLiteral("import-events"), new ImportWizard(file, clock, parent));
    shoot(QStringLiteral("import-customers"), new CustomerImportWizard(file, clock, parent));
    shoot(QStringLiteral("ledger-export"), new LedgerExportDialog(file, clock, QDate(today.year(), today.month(), 1), today, parent));
    shoot(QStringLiteral("audit-trail"), new AuditTrailDialog(file, parent));
    shoot(QStringLiteral("user-guide"), new HelpDialog(parent));
    // Settings › API, shown on its own (the Settings screen's picture shows its first page).
    {
        auto *api = new ApiSettingsPage(file, clock);
        api->resize(1000, 860);
        shoot(QStringLiteral("settings-api"), api);
    }
    shoot(QStringLiteral("new-api-key"), new NewApiKeyDialog(parent));
    shoot(QStringLiteral("new-webhook"), new NewWebhookDialog(parent));
    shoot(QStringLiteral("api-secret"),
          new ApiSecretDialog(QCoreApplication::translate("orb::ApiKeysBox", "API key \"%1\"").arg(QStringLiteral("product backend")),
                              QCoreApplication::translate("orb::ApiKeysBox", "The new key, with the role %1. A product or script sends it as "
                                                                             "<tt>Authorization: Bearer KEY</tt>.")
                                  .arg(QStringLiteral("ingest")),
                              QStringLiteral("orb_3q2-7wEXAMPLExEXAMPLExEXAMPLExEXAMPLEx0w"), parent));
}

} // namespace orb
