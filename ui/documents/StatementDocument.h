// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/reports/Statement.h"
#include "ui/documents/DocumentIdentity.h"
#include "ui/documents/PrintedDocument.h"

namespace orb {

/// The printed customer statement: opening balance, the period's movements with a running
/// balance, the closing balance and the aging of what is open.
class StatementDocument final
{
public:
    static PrintedDocument build(const Statement &statement, const DocumentIdentity &company);
};

} // namespace orb
