// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/exports/EInvoiceSource.h"

#include "engine/billing/BillingSchedule.h"
#include "models/CompanyFile.h"
#include "models/CustomerRepository.h"
#include "models/StorageError.h"
#include "models/billing/InvoiceRepository.h"

#include <QTimeZone>

namespace orb {

EInvoice EInvoiceSource::load(CompanyFile &file, const QString &reference)
{
    InvoiceRepository invoices(file.db());
    CustomerRepository customers(file.db());
    const CompanySettings company = file.settings();
    if (const auto inv = invoices.resolve(reference)) {
        const auto customer = customers.findById(inv->customerId);
        if (!customer)
            throw ServiceError::notFound(QStringLiteral("invoice %1: its customer %2 is missing").arg(reference, inv->customerId));
        return EInvoice::fromInvoice(*inv, *customer, company);
    }
    if (const auto note = invoices.findCreditNote(reference)) {
        const auto inv = invoices.find(note->invoiceId);
        const auto customer = customers.findById(note->customerId);
        if (!inv || !customer)
            throw ServiceError::notFound(QStringLiteral("credit note %1: its invoice or customer is missing").arg(reference));
        QTimeZone zone(company.timezone.toUtf8());
        if (!zone.isValid())
            zone = QTimeZone::utc();
        return EInvoice::fromCreditNote(*note, *inv, *customer, company, billing::BillingSchedule::localDate(note->createdAt, zone));
    }
    throw ServiceError::notFound(QStringLiteral("no invoice or credit note \"%1\" (give its id or number)").arg(reference));
}

} // namespace orb
