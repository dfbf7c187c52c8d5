// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>
#include <QTextStream>

namespace orb::cli {

/// Runs `orbctl` with the arguments after the program name; returns the exit code.
int run(const QStringList &arguments, QTextStream &out, QTextStream &err, QTextStream &in);

} // namespace orb::cli
