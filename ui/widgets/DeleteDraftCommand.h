// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/billing/BillingRecords.h"

#include <QUndoCommand>

namespace orb {

class Clock;
class CompanyFile;

/**
 * Deleting a draft invoice, as an undoable step. perform() deletes (through InvoiceService);
 * undo puts the very same draft back (same id and identity, so a later run refreshes it rather
 * than composing a second one); redo deletes it again. Each is one transaction with an audit
 * entry. Push it only after perform() succeeded.
 */
class DeleteDraftCommand final : public QUndoCommand
{
public:
    DeleteDraftCommand(CompanyFile &file, const Clock &clock, Invoice draft);

    /// Deletes the draft; returns the error in plain words, empty on success.
    QString perform();
    QString error() const { return m_error; }

    void undo() override;
    void redo() override;

private:
    CompanyFile &m_file;
    const Clock &m_clock;
    Invoice m_draft;
    bool m_performed = false;
    QString m_error;
};

} // namespace orb
