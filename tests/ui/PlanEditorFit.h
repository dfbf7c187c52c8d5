// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Whether the plan editor fits a 1280×720 screen with a title bar: for every plan of the
// company, every price shown, and a new price in every model. Used in English
// (tst_windowmanners) and German (tst_germanwindow).

#include "models/CompanyFile.h"
#include "models/catalog/CatalogService.h"
#include "ui/dialogs/PlanEditorDialog.h"

#include <QApplication>
#include <QComboBox>
#include <QListWidget>
#include <QPushButton>
#include <QStringList>

namespace orb::test {

/// The most a dialog may be, without its frame: a 720-pixel screen less a title bar and a
/// panel's worth of room.
constexpr int kMaxDialogHeight = 690;
constexpr int kMaxDialogWidth = 1280;

inline QStringList planEditorsTooBig(CompanyFile &file, const Clock &clock, QWidget *parent)
{
    QStringList tooBig;
    auto check = [&](PlanEditorDialog &d, const QString &what) {
        QApplication::processEvents();
        const QSize min = d.minimumSizeHint().expandedTo(d.minimumSize());
        if (min.height() > kMaxDialogHeight || min.width() > kMaxDialogWidth || d.height() > kMaxDialogHeight || d.width() > kMaxDialogWidth)
            tooBig << QStringLiteral("%1: %2×%3 (at least %4×%5)").arg(what).arg(d.width()).arg(d.height()).arg(min.width()).arg(min.height());
    };
    CatalogService catalog(file, clock);
    QStringList ids{QString()};
    for (const Plan &p : catalog.plans().list())
        ids << p.id;
    for (const QString &id : std::as_const(ids)) {
        PlanEditorDialog d(file, clock, id, parent);
        d.show();
        auto *prices = d.findChild<QListWidget *>(QStringLiteral("priceList"));
        for (int r = 0; prices && r < prices->count(); ++r) {
            prices->setCurrentRow(r);
            check(d, QStringLiteral("plan %1, price %2").arg(id.isEmpty() ? QStringLiteral("(new)") : id).arg(r + 1));
        }
        if (!id.isEmpty())
            continue;
        // A new plan's price in each model the editor offers.
        const QList<QComboBox *> combos = d.findChildren<QComboBox *>(QStringLiteral("priceModelCombo"));
        if (combos.isEmpty()) {
            tooBig << QStringLiteral("no price model box");
            continue;
        }
        QComboBox *models = combos.first();
        for (int m = 0; m < models->count(); ++m) {
            models->setCurrentIndex(m);
            check(d, QStringLiteral("new plan, model %1").arg(models->itemData(m).toString()));
        }
    }
    return tooBig;
}

} // namespace orb::test
