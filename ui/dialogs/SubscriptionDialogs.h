// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/SubscriptionPreview.h"

#include <QDialog>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTextBrowser;

namespace orb {

class Clock;
class CompanyFile;

/// Renders a preview: the effective date, what goes to the balance, what is dropped or voided,
/// and the next invoices in full.
QString subscriptionPreviewHtml(const SubscriptionPreviewResult &preview, const QString &customerName);

/**
 * A new subscription: customer, plan, start, billing anchor, trial, coupon and price overrides
 * (JSON, as the API takes them). Preview composes the first invoices without storing anything;
 * Create stores it (one transaction).
 */
class NewSubscriptionDialog final : public QDialog
{
    Q_OBJECT

public:
    NewSubscriptionDialog(CompanyFile &file, const Clock &clock, QWidget *parent = nullptr);

    /// The draft from the fields; the error names the field when one is malformed.
    SubscriptionDraft draft(QString *error) const;
    /// Refreshes the preview; returns its error, empty when the subscription would be accepted.
    QString preview();
    /// Creates the subscription; returns its id, or sets the error.
    QString create(QString *error);
    QString createdId() const { return m_createdId; }
    QString previewHtml() const;

    void accept() override;

private:
    CompanyFile &m_file;
    const Clock &m_clock;
    QComboBox *m_customer;
    QComboBox *m_plan;
    QDateEdit *m_start;
    QComboBox *m_alignment;
    QSpinBox *m_trial;
    QComboBox *m_coupon;
    QPlainTextEdit *m_overrides;
    QTextBrowser *m_preview;
    QLabel *m_error;
    QString m_createdId;
};

/// Change plan or cancel, with the proration shown before the user confirms.
class SubscriptionChangeDialog final : public QDialog
{
    Q_OBJECT

public:
    enum class Kind { ChangePlan, Cancel };
    SubscriptionChangeDialog(CompanyFile &file, const Clock &clock, const QString &subscriptionId, Kind kind, QWidget *parent = nullptr);

    /// Recomputes the preview from the fields; returns its error.
    QString preview();
    /// Carries the change out; returns the error, empty on success.
    QString apply();
    QString previewHtml() const;

    void accept() override;

private:
    ChangeTiming timing() const;

    CompanyFile &m_file;
    const Clock &m_clock;
    QString m_subscriptionId;
    Kind m_kind;
    QComboBox *m_plan = nullptr;
    QComboBox *m_timing;
    QDateEdit *m_date;
    QTextBrowser *m_preview;
    QLabel *m_error;
    QString m_customerName;
};

} // namespace orb
