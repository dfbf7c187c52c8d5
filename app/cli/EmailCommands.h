// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace orb::cli {

class CliContext;

/// `invoices send ID|--status S [--customer C]`: the verb of the invoices noun.
int invoicesSend(CliContext &ctx, const QStringList &args);
/// `statements send CUSTOMER [--from D] [--to D]`: the verb of the statements noun.
int statementsSend(CliContext &ctx, const QStringList &args);

} // namespace orb::cli
