// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/reports/AgingReport.h"
#include "ui/documents/DocumentIdentity.h"
#include "ui/documents/PrintedDocument.h"

namespace orb {

/// The printed accounts receivable aging report (landscape): one row per customer and
/// currency, the buckets and a total row per currency.
class AgingDocument final
{
public:
    static PrintedDocument build(const AgingReport &report, const DocumentIdentity &company);
};

} // namespace orb
