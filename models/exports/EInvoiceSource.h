// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/exports/EInvoice.h"

namespace orb {

class CompanyFile;

/// Loads an invoice or a credit note from the company file as an EN 16931 e-invoice.
class EInvoiceSource final
{
public:
    /// An invoice (id or number) or a credit note (id or number); throws ServiceError
    /// (NotFound, or InvalidInput when it cannot be an e-invoice).
    static EInvoice load(CompanyFile &file, const QString &reference);
};

} // namespace orb
