// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace orb::cli {

class CliContext;

/// `invoices export ID --format ubl|cii -o FILE`: an invoice or credit note as an EN 16931
/// e-invoice; the verb of the invoices noun.
int invoicesExport(CliContext &ctx, const QStringList &args);

} // namespace orb::cli
