// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace orb::cli {

class CliContext;

/// Whether a command line paints documents (PDFs), which needs Qt Gui's fonts: orbctl then
/// runs a QGuiApplication on the offscreen platform instead of a QCoreApplication.
bool commandNeedsGui(int argc, char **argv);

/// `invoices pdf ID -o FILE` and `invoices pdf [--status S] [--customer C] --dir DIR`: the verb
/// of the invoices noun, defined with the other document commands.
int invoicesPdf(CliContext &ctx, const QStringList &args);
/// `credit-notes pdf NOTE -o FILE`: the verb of the credit-notes noun.
int creditNotesPdf(CliContext &ctx, const QStringList &args);

} // namespace orb::cli
