// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/usage/EventImporter.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;

namespace orb {

class Clock;
class CompanyFile;

/**
 * Offered by the import wizard when a file holds events older than the grace period: creates a
 * pending backfill for them through BackfillService (as `orbctl backfills create` does), its
 * timeframe preset to hold the file's events. What the service refuses (a timeframe touching an
 * invoiced period, a start in the future) is shown in the dialog, which stays open.
 */
class BackfillOfferDialog final : public QDialog
{
    Q_OBJECT

public:
    /// `older`: what the scan of the file found (EventImporter::scanPastGrace).
    BackfillOfferDialog(CompanyFile &file, const Clock &clock, const PastGraceEvents &older, QWidget *parent = nullptr);

    /// The backfill created, once accepted.
    QString backfillId() const { return m_backfillId; }

public slots:
    void accept() override;

private:
    CompanyFile &m_file;
    const Clock &m_clock;
    QDateTimeEdit *m_from;
    QDateTimeEdit *m_to;
    QComboBox *m_customer;
    QCheckBox *m_replace;
    QLabel *m_error;
    QString m_backfillId;
};

} // namespace orb
