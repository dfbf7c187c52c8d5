// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/billing/StoredEnum.h"

namespace orb {

/// What an invoice bills: a subscription period's fees in advance, its usage and fees in
/// arrears, a one-time price, or a one-off invoice made by hand.
enum class InvoiceKind { InAdvance, InArrears, OneTime, OneOff };

template <>
struct StoredWords<InvoiceKind> {
    static constexpr std::pair<InvoiceKind, const char *> words[] = {
        {InvoiceKind::InAdvance, "in_advance"},
        {InvoiceKind::InArrears, "in_arrears"},
        {InvoiceKind::OneTime, "one_time"},
        {InvoiceKind::OneOff, "one_off"},
    };
};

} // namespace orb
