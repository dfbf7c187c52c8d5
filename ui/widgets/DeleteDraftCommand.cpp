// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/DeleteDraftCommand.h"

#include "engine/Clock.h"
#include "models/AuditLog.h"
#include "models/CompanyFile.h"
#include "models/StorageError.h"
#include "models/UnitOfWork.h"
#include "models/billing/InvoiceRepository.h"
#include "models/billing/InvoiceService.h"

#include <QCoreApplication>

namespace orb {

DeleteDraftCommand::DeleteDraftCommand(CompanyFile &file, const Clock &clock, Invoice draft)
    : m_file(file), m_clock(clock), m_draft(std::move(draft))
{
    setText(QCoreApplication::translate("orb::DeleteDraftCommand", "Delete draft invoice for %1 %2")
                .arg(moneyText(m_draft.total, m_draft.currency), m_draft.currency));
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
        UnitOfWork uow(m_file.db());
        InvoiceRepository repo(m_file.db());
        if (repo.find(m_draft.id) || (!m_draft.identity.isEmpty() && repo.findByIdentity(m_draft.identity))) {
            m_error = QCoreApplication::translate("orb::DeleteDraftCommand", "The draft was composed again by an invoice run meanwhile.");
            return;
        }
        repo.insert(m_draft);
        AuditLog(m_file.db()).append(m_clock.now(), QStringLiteral("invoice.restore_draft"), QStringLiteral("invoice"), m_draft.id, std::nullopt,
                                     m_draft.toJson());
        uow.commit();
        m_error.clear();
    } catch (const ServiceError &e) {
        m_error = e.details();
    }
}

} // namespace orb
