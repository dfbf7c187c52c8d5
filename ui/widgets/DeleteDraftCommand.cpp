// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/DeleteDraftCommand.h"

#include "ui/LocaleFormat.h"

#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/StorageError.h"
#include "models/billing/InvoiceService.h"

#include <QCoreApplication>

namespace orb {

DeleteDraftCommand::DeleteDraftCommand(CompanyFile &file, const Clock &clock, Invoice draft) : m_file(file), m_clock(clock), m_draft(std::move(draft))
{
    setText(QCoreApplication::translate("orb::DeleteDraftCommand", "Delete draft invoice for %1").arg(LocaleFormat::money(m_draft.total, m_draft.currency)));
}

QString DeleteDraftCommand::perform()
{
    try {
        InvoiceService(m_file, m_clock).deleteDraft(m_draft.id);
        m_error.clear();
    } catch (const ServiceError &e) {
        m_error = e.details();
    }
    return m_error;
}

void DeleteDraftCommand::redo()
{
    if (!m_performed) { // the first redo comes from push(), after perform() already deleted
        m_performed = true;
        return;
    }
    perform();
}

void DeleteDraftCommand::undo()
{
    try {
        InvoiceService(m_file, m_clock).restoreDraft(m_draft);
        m_error.clear();
    } catch (const ServiceError &e) {
        m_error = e.kind() == ServiceError::Kind::Conflict
                      ? QCoreApplication::translate("orb::DeleteDraftCommand", "The draft was composed again by an invoice run meanwhile.")
                      : e.details();
    }
}

} // namespace orb
