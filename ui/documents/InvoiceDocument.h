// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Customer.h"
#include "models/billing/BillingRecords.h"
#include "ui/documents/DocumentIdentity.h"
#include "ui/documents/PrintedDocument.h"

namespace orb {

class DocumentLanguage;

/**
 * Builds the printed form of an invoice or a credit note from the stored records: the lines
 * of the invoice's document with their periods, tiers and groups and adjustments, the taxes
 * per rate and the totals down to what is still due, formatted in the customer's document language (the company's by default).
 */
class InvoiceDocument final
{
public:
    static PrintedDocument invoice(const Invoice &invoice, const Customer &customer, const DocumentIdentity &company);
    /// `issuedOn`: the credit note's date in the company's time zone.
    static PrintedDocument creditNote(const CreditNote &note, const Invoice &invoice, const Customer &customer, const DocumentIdentity &company,
                                      QDate issuedOn);
    /// "INV-000042.pdf", or "draft-<id>.pdf" for a draft; safe as a file name.
    static QString fileName(const Invoice &invoice);
    static QString fileName(const CreditNote &note);

    /// "Usage discount" for "usage_discount", in the document's language.
    static QString adjustmentName(const QString &type, const DocumentLanguage &language);
};

} // namespace orb
