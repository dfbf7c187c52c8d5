// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/billing/StoredEnum.h"

namespace orb {

/// Where an invoice is in its life: a draft is recomposed freely; issuing gives it a number and
/// makes it immutable; it is then paid (nothing left to pay) or void.
enum class InvoiceStatus { Draft, Issued, Paid, Void };

template <>
struct StoredWords<InvoiceStatus> {
    static constexpr std::pair<InvoiceStatus, const char *> words[] = {
        {InvoiceStatus::Draft, "draft"},
        {InvoiceStatus::Issued, "issued"},
        {InvoiceStatus::Paid, "paid"},
        {InvoiceStatus::Void, "void"},
    };
};

} // namespace orb
