// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace orb::cli {

class CliContext;

/// `customers import FILE [--map FIELD=COLUMN]... [--dry-run]`: the verb of the customers noun.
int customersImport(CliContext &ctx, const QStringList &args);
/// `customers export -o FILE`.
int customersExport(CliContext &ctx, const QStringList &args);

} // namespace orb::cli
