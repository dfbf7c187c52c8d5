// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Option parsing shared by the billing nouns (subscriptions, invoices, ledgers).
#include "app/cli/CliError.h"
#include "app/cli/CommandLine.h"
#include "engine/Decimal.h"
#include "models/billing/BillingRecords.h"

#include <QDate>

#include <optional>

namespace orb::cli {

/// A required or optional YYYY-MM-DD option; a malformed one is an error naming it.
inline std::optional<QDate> dateOption(const CommandLine &cl, const QString &name, bool required = false)
{
    if (!cl.isSet(name)) {
        if (required)
            throw CliError(InvalidInput, QStringLiteral("--%1 is required (YYYY-MM-DD)").arg(name));
        return std::nullopt;
    }
    const QDate d = parseDate(cl.value(name));
    if (!d.isValid())
        throw CliError(InvalidInput, QStringLiteral("--%1: \"%2\" is not a date (YYYY-MM-DD)").arg(name, cl.value(name)));
    return d;
}

inline std::optional<Decimal> decimalOption(const CommandLine &cl, const QString &name, bool required = false)
{
    if (!cl.isSet(name)) {
        if (required)
            throw CliError(InvalidInput, QStringLiteral("--%1 is required").arg(name));
        return std::nullopt;
    }
    const auto d = Decimal::tryParse(cl.value(name));
    if (!d)
        throw CliError(InvalidInput, QStringLiteral("--%1: \"%2\" is not a decimal number (12.50)").arg(name, cl.value(name)));
    return d;
}

inline std::optional<int> intOption(const CommandLine &cl, const QString &name)
{
    if (!cl.isSet(name))
        return std::nullopt;
    bool ok = false;
    const int n = cl.value(name).toInt(&ok);
    if (!ok)
        throw CliError(InvalidInput, QStringLiteral("--%1: \"%2\" is not a whole number").arg(name, cl.value(name)));
    return n;
}

inline QString requiredOption(const CommandLine &cl, const QString &name)
{
    if (!cl.isSet(name) || cl.value(name).isEmpty())
        throw CliError(InvalidInput, QStringLiteral("--%1 is required").arg(name));
    return cl.value(name);
}

inline QString requiredPositional(const CommandLine &cl, int index, const QString &what)
{
    const QString v = cl.positional(index);
    if (v.isEmpty())
        throw CliError(InvalidInput, QStringLiteral("%1 is required").arg(what));
    return v;
}

} // namespace orb::cli
