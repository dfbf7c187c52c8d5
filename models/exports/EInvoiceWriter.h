// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/exports/EInvoice.h"

#include <QByteArray>

namespace orb {

/**
 * Serialises an EInvoice as XML, deterministically (the same invoice gives the same bytes):
 * UBL 2.1 as Peppol BIS Billing 3.0 wants it (an Invoice or CreditNote document), or UN/CEFACT
 * Cross Industry Invoice D16B with the EN 16931 guideline (XRechnung's CII syntax, the XML of
 * Factur-X / ZUGFeRD). Both refuse an e-invoice that breaks a business rule of EInvoice::check().
 */
class EInvoiceWriter final
{
public:
    enum class Format { Ubl, Cii };
    /// "ubl" or "cii"; nothing for anything else.
    static std::optional<Format> formatFromName(const QString &name);

    /// Throws ServiceError(InvalidInput) listing every broken rule.
    static QByteArray write(const EInvoice &invoice, Format format);
    static QByteArray ubl(const EInvoice &invoice);
    static QByteArray cii(const EInvoice &invoice);
};

} // namespace orb
