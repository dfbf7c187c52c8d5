// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

#include <functional>

class QWidget;

namespace orb {

class Clock;
class CompanyFile;

/**
 * Pictures of every dialog of the open company as a person first sees it (orb-billing
 * --screenshots DIR): the new-company wizard, customer, plan, subscription, invoice run,
 * payment, credit note, e-mail, import, ledger export, audit trail, user guide and about boxes.
 * Each is shown without being run, grabbed and closed; nothing is written to the company.
 */
class ScreenshotTour final
{
public:
    /// Saves DIR/dialog-NAME.png for each dialog; returns the files written.
    static QStringList saveDialogs(CompanyFile &file, const Clock &clock, QWidget *parent, const QString &dir);
    /// Opens each of those dialogs (not run), hands it to `visit` by name, then closes and
    /// deletes it: what the pictures show and what tests walk are the same dialogs.
    static void forEachDialog(CompanyFile &file, const Clock &clock, QWidget *parent, const std::function<void(const QString &, QWidget *)> &visit);
    /// Lets a screen or dialog finish what it reads in the background before it is pictured:
    /// waits (at most `maxMs`) while a table's model, the widget or one of its children says
    /// it is "loading", or `busy` says so; a company with a million invoices takes seconds.
    static void settle(QWidget *widget, const std::function<bool()> &busy = {}, int maxMs = 60000);
};

} // namespace orb
