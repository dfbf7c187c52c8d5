// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Customer.h"
#include "engine/Decimal.h"
#include "engine/FieldError.h"
#include "models/Company.h"
#include "models/billing/BillingRecords.h"

#include <QDate>
#include <QList>
#include <QString>

namespace orb {

/// A seller or buyer as EN 16931 names them (BG-4, BG-7).
struct EInvoiceParty {
    QString name;              ///< BT-27 / BT-44
    QString street;            ///< BT-35 / BT-50
    QString additionalStreet;  ///< BT-36 / BT-51
    QString city;              ///< BT-37 / BT-52
    QString postalCode;        ///< BT-38 / BT-53
    QString subdivision;       ///< BT-39 / BT-54
    QString country;           ///< BT-40 / BT-55, ISO 3166-1 alpha-2
    QString vatId;             ///< BT-31 / BT-48
    QString taxRegistrationId; ///< BT-32: a tax number that is not a VAT number
    QString email;             ///< BT-34 / BT-49 (scheme EM) and BT-43 / BT-58
};

/// An allowance (BG-27) or charge (BG-28) on a line: an adjustment, a coupon.
struct EInvoiceAllowance {
    bool charge = false;
    Decimal amount; ///< positive
    QString reason;
};

/// An invoice line (BG-25).
struct EInvoiceLine {
    QString id;                               ///< BT-126
    QString name;                             ///< BT-153
    Decimal quantity;                         ///< BT-129
    QString unitCode = QStringLiteral("C62"); ///< BT-130: "one" (UN/ECE Rec 20)
    Decimal price;                            ///< BT-146, net, never negative
    Decimal baseQuantity;                     ///< BT-149; zero when the price is per one unit
    Decimal netAmount;                        ///< BT-131 = quantity × price / base − allowances + charges
    QList<EInvoiceAllowance> allowances;
    QString taxCategory; ///< BT-151: S, Z, O
    Decimal taxPercent;  ///< BT-152
    QDate periodStart;   ///< BT-134
    QDate periodEnd;     ///< BT-135, last day included
};

/// A VAT breakdown (BG-23) per category and rate.
struct EInvoiceTax {
    QString category;
    Decimal percent;
    Decimal taxable;         ///< BT-116
    Decimal amount;          ///< BT-117
    QString exemptionReason; ///< BT-120, for category O
};

/**
 * An invoice or credit note in the terms of EN 16931, built from the stored records alone:
 * the same numbers the PDF shows (line amounts, the tax per rate, the total and the amount due),
 * in the document's currency at its minor unit. The UBL and CII writers serialise it; check()
 * applies the standard's business rules that hold without a schematron processor.
 */
struct EInvoice {
    enum class Type { Invoice, CreditNote };
    Type type = Type::Invoice;
    QString number;   ///< BT-1
    QDate issueDate;  ///< BT-2
    QDate dueDate;    ///< BT-9
    QString currency; ///< BT-5
    int minorUnits = 2;
    QString buyerReference;  ///< BT-10 (Peppol requires it or an order reference)
    QString paymentTerms;    ///< BT-20
    QString note;            ///< BT-22
    QString precedingNumber; ///< BT-25, a credit note's invoice
    QDate precedingDate;     ///< BT-26
    QDate periodStart;       ///< BT-73
    QDate periodEnd;         ///< BT-74
    EInvoiceParty seller;
    EInvoiceParty buyer;
    QList<EInvoiceLine> lines;
    QList<EInvoiceTax> taxes;
    Decimal lineTotal;      ///< BT-106
    Decimal allowanceTotal; ///< BT-107 (document level; always zero: Orb's adjustments sit on lines)
    Decimal chargeTotal;    ///< BT-108
    Decimal taxExclusive;   ///< BT-109
    Decimal taxTotal;       ///< BT-110
    Decimal taxInclusive;   ///< BT-112
    Decimal prepaid;        ///< BT-113: balance, prepaid credits, payments and credit notes applied
    Decimal payable;        ///< BT-115

    /// An issued, paid invoice; throws ServiceError(InvalidInput) naming what keeps it from
    /// being an EN 16931 invoice (a draft or void invoice, a currency with more than two minor
    /// digits, a line with several tax rates, a missing country).
    static EInvoice fromInvoice(const Invoice &invoice, const Customer &customer, const CompanySettings &company);
    static EInvoice fromCreditNote(const CreditNote &note, const Invoice &invoice, const Customer &customer, const CompanySettings &company, QDate issuedOn);

    /// The EN 16931 business rules checked in code (BR-01…BR-16, BR-CO-10…BR-CO-17, BR-CO-25,
    /// BR-DEC, BR-S-08/BR-Z-08 sums, BR-27 and the line arithmetic); empty when all hold.
    FieldErrors check() const;
    /// An amount as the XML writes it: at the currency's minor unit, "179.00", "17900".
    QString amount(const Decimal &value) const;
};

} // namespace orb
