// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/billing/BillingRecords.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStandardItemModel;
class QTableView;
class QUndoStack;

namespace orb {

class Clock;
class CompanyFile;
class RefusalLabels;

/**
 * Coupons: the list (archived ones on request), and a form to create one or change the
 * selected one; archive and unarchive. Every change goes through BillingSetupService (one
 * transaction, one audit entry) and onto the undo stack, whose undo is the service's own
 * opposite action: creating ↔ deleting the unredeemed coupon, archive ↔ unarchive, an edit
 * ↔ the edit back.
 */
class CouponsScreen final : public QWidget
{
    Q_OBJECT

public:
    CouponsScreen(CompanyFile &file, const Clock &clock, QUndoStack *undo, QWidget *parent = nullptr);

    QString selectedId() const;
    /// Selects a coupon by id (showing archived ones when it is archived); false when there is none.
    bool selectCoupon(const QString &id);

    // The actions, as the buttons run them; each returns the refusal in plain words, empty on success.
    QString saveForm();
    QString toggleArchive();

public slots:
    void reload();
    /// Clears the form for a new coupon.
    void newCoupon();

signals:
    /// Coupons changed (the subscription dialogs offer them).
    void couponsChanged();

private:
    void showSelected();
    void updateActions();
    void changed(const QString &selectId, const QString &error);
    std::optional<CouponRecord> selectedCoupon() const;

    CompanyFile &m_file;
    const Clock &m_clock;
    QUndoStack *m_undo;
    QList<CouponRecord> m_coupons;
    QStandardItemModel *m_model;
    QTableView *m_table;
    QCheckBox *m_showArchived;
    QLabel *m_formTitle;
    QLineEdit *m_code;
    QComboBox *m_type;
    QLineEdit *m_value;
    QSpinBox *m_duration;
    QSpinBox *m_maxRedemptions;
    QLabel *m_error;
    RefusalLabels *m_refusals;
    QPushButton *m_new;
    QPushButton *m_save;
    QPushButton *m_archive;
};

} // namespace orb
