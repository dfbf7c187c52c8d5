// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/reports/AgingReport.h"
#include "ui/documents/DocumentIdentity.h"
#include "ui/documents/PrintedDocument.h"

namespace orb {

class DocumentLanguage;

/// The printed accounts receivable aging report (landscape): one row per customer and
/// currency, the buckets and a total row per currency.
class AgingDocument final
{
public:
    static PrintedDocument build(const AgingReport &report, const DocumentIdentity &company);
    /// "Current", "1–30 days", ... in the document's language.
    static QString bucketTitle(int bucket, const DocumentLanguage &language);
};

} // namespace orb
