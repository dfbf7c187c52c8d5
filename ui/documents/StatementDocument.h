// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/reports/Statement.h"
#include "ui/documents/DocumentIdentity.h"
#include "ui/documents/PrintedDocument.h"

namespace orb {

class DocumentLanguage;

/// The printed customer statement: opening balance, the period's movements with a running
/// balance, the closing balance and the aging of what is open.
class StatementDocument final
{
public:
    /// In `company.locale`: the exporter sets it to the customer's document language.
    static PrintedDocument build(const Statement &statement, const DocumentIdentity &company);
    /// "Invoice", "Payment", ... in the document's language.
    static QString kindName(StatementLine::Kind kind, const DocumentLanguage &language);
    /// A payment method as recorded ("bank_transfer", "card") in the document's language.
    static QString paymentMethod(const QString &method, const DocumentLanguage &language);
};

} // namespace orb
