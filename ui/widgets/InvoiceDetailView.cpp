// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/InvoiceDetailView.h"

#include "ui/CatalogText.h"

#include "engine/Currency.h"
#include "engine/Money.h"
#include "models/StatusText.h"
#include "ui/LocaleFormat.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>

namespace orb {

namespace {

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

QString row(const QStringList &cells, bool header = false)
{
    QString out = QStringLiteral("<tr>");
    for (int i = 0; i < cells.size(); ++i) {
        out +=
            (header ? QStringLiteral("<th align=\"%1\">") : QStringLiteral("<td align=\"%1\">")).arg(i >= 2 ? QStringLiteral("right") : QStringLiteral("left"));
        out += cells[i];
        out += header ? QStringLiteral("</th>") : QStringLiteral("</td>");
    }
    return out + QStringLiteral("</tr>");
}

} // namespace

InvoiceDetailView::InvoiceDetailView(QWidget *parent) : QTextBrowser(parent)
{
    setObjectName(QStringLiteral("invoiceDetail"));
    setAccessibleName(tr("Invoice details"));
    setOpenLinks(false);
    // Links open in the browser through the window (tests see the signal instead).
    connect(this, &QTextBrowser::anchorClicked, this, &InvoiceDetailView::stripeLinkActivated);
}

void InvoiceDetailView::showInvoice(const Invoice &invoice, const QString &customerName, const QList<Payment> &payments, const QList<CreditNote> &notes,
                                    const QList<OutboxMessage> &emails, const std::optional<StripeInvoiceState> &stripe)
{
    QString h = invoiceHtml(invoice, customerName, payments, notes);
    // Each message sent (or waiting to be) with this invoice attached.
    if (!emails.isEmpty()) {
        h += QStringLiteral("<h4>%1</h4><table cellpadding=\"2\">").arg(tr("E-mails"));
        for (const OutboxMessage &m : emails) {
            const QString when =
                m.sentAt.isValid() ? QLocale().toString(m.sentAt.toLocalTime(), LocaleFormat::dateFormat() + QStringLiteral(" HH:mm")) : QString();
            const QString status = m.status == QLatin1String("sent")      ? tr("sent %1").arg(when)
                                   : m.status == QLatin1String("queued")  ? tr("waiting to be sent")
                                   : m.status == QLatin1String("sending") ? tr("interrupted while sending; check before sending again")
                                                                          : tr("failed");
            h += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td></tr>").arg(esc(status), esc(m.recipients), esc(m.subject), esc(m.lastError));
        }
        h += QStringLiteral("</table>");
    }
    if (stripe)
        h += stripeHtml(*stripe);
    setHtml(h);
}

QString InvoiceDetailView::stripeHtml(const StripeInvoiceState &s)
{
    QString state;
    if (s.state == QLatin1String("failed"))
        state = tr("not sent: %1").arg(esc(s.message));
    else if (s.state == QLatin1String("queued"))
        state = s.message.isEmpty() ? tr("waiting to be sent") : tr("waiting to be sent (last attempt: %1)").arg(esc(s.message));
    else if (s.state == QLatin1String("sent"))
        state = tr("sent; %Ln payment(s) or credit note(s) recorded here not yet told to Stripe", nullptr, s.followUpsWaiting);
    else if (s.state == QLatin1String("told"))
        state = tr("sent, and Stripe knows every payment and credit note recorded here");
    else
        state = tr("not sent (nothing to collect through Stripe)");
    QString h = QStringLiteral("<h4>%1</h4><p>%2").arg(tr("Stripe"), state);
    if (!s.stripeId.isEmpty())
        h += QStringLiteral("<br>")
             + (s.dashboardUrl.isEmpty() ? esc(s.stripeId) : QStringLiteral("<a href=\"%1\">%2</a>").arg(esc(s.dashboardUrl), esc(s.stripeId)));
    if (!s.disputeId.isEmpty()) {
        const auto currency = Currency::fromCode(s.disputeCurrency);
        const QString amount = esc(LocaleFormat::money(Decimal::fromMinorUnits(s.disputedMinor, currency ? currency->minorUnits() : 2), s.disputeCurrency));
        h += QStringLiteral("<br><b>%1</b>")
                 .arg(s.disputeStatus == QLatin1String("won") ? tr("Disputed and won: %1 came back (%2)").arg(amount, esc(s.disputeId))
                      : s.disputeStatus == QLatin1String("lost")
                          ? tr("Disputed and lost: %1 is gone, written off with a credit note of kind refund (%2)").arg(amount, esc(s.disputeId))
                      : !s.fundsWithdrawn() ? tr("Questioned by the customer's bank (an inquiry, nothing withdrawn yet, %1): answer it in Stripe (%2)")
                                                  .arg(amount, esc(s.disputeId))
                                            : tr("Disputed: %1 withdrawn until it is decided; answer it in Stripe (%2)").arg(amount, esc(s.disputeId)));
    }
    return h + QStringLiteral("</p>");
}

void InvoiceDetailView::showMessage(const QString &text)
{
    setHtml(QStringLiteral("<p><i>%1</i></p>").arg(esc(text)));
}

QString InvoiceDetailView::invoiceHtml(const Invoice &inv, const QString &customerName, const QList<Payment> &payments, const QList<CreditNote> &notes)
{
    const QString cur = inv.currency;
    auto money = [&](const Decimal &d) { return esc(LocaleFormat::money(d, cur)); };
    auto text = [&](const QJsonObject &o, const char *key) { return esc(o.value(QLatin1String(key)).toString()); };
    // The document's amounts and quantities are exact decimal strings: shown in the locale's
    // form, the amounts with the currency's symbol and minor digits.
    auto amountOf = [&](const QJsonObject &o, const char *key) {
        const auto d = Decimal::tryParse(o.value(QLatin1String(key)).toString());
        return d ? money(*d) : text(o, key);
    };
    auto unitOf = [&](const QJsonObject &o, const char *key) {
        const auto d = Decimal::tryParse(o.value(QLatin1String(key)).toString());
        return d ? esc(LocaleFormat::unitPrice(*d, cur)) : text(o, key);
    };
    auto number = [&](const QJsonObject &o, const char *key) {
        const auto d = Decimal::tryParse(o.value(QLatin1String(key)).toString());
        return d ? esc(formatDecimal(*d)) : text(o, key);
    };
    auto percentOf = [&](const QJsonObject &o, const char *key) {
        const auto d = Decimal::tryParse(o.value(QLatin1String(key)).toString());
        return d ? esc(LocaleFormat::percent(*d)) : text(o, key);
    };
    // Line dates are half-open like the periods; shown with their last day, as on the PDF.
    auto lineDates = [&](const QJsonObject &o) {
        const QDate start = QDate::fromString(o.value(QStringLiteral("start_date")).toString().left(10), Qt::ISODate);
        const QDate end = QDate::fromString(o.value(QStringLiteral("end_date")).toString().left(10), Qt::ISODate);
        return esc(LocaleFormat::period(start, end));
    };
    QString h;
    if (inv.invoiceNumber.isEmpty())
        h += QStringLiteral("<h3>%1</h3>").arg(inv.status == InvoiceStatus::Draft ? tr("Draft invoice") : esc(invoiceStatusText(inv.status)));
    else
        h += QStringLiteral("<h3>%1 — %2</h3>").arg(tr("Invoice %1").arg(esc(inv.invoiceNumber)), esc(invoiceStatusText(inv.status)));
    h += QStringLiteral("<p><b>%1</b><br>").arg(esc(customerName));
    if (inv.periodStart.isValid())
        h += tr("Service period %1").arg(esc(LocaleFormat::period(inv.periodStart, inv.periodEnd))) + QStringLiteral("<br>");
    h += tr("Invoice date %1").arg(inv.invoiceDate.isValid() ? LocaleFormat::date(inv.invoiceDate) : tr("not set"));
    if (inv.dueDate.isValid())
        h += QStringLiteral(" · ") + tr("due %1 (net %2)").arg(LocaleFormat::date(inv.dueDate)).arg(inv.netTerms);
    h += QStringLiteral(" · %1</p>").arg(esc(cur));
    if (!inv.memo.isEmpty())
        h += QStringLiteral("<p>%1</p>").arg(esc(inv.memo));

    h += QStringLiteral("<table cellspacing=\"0\" cellpadding=\"3\" width=\"100%\">");
    h += row({tr("Line"), tr("Dates"), tr("Quantity"), tr("Amount")}, true);
    const QJsonArray lines = inv.document.value(QStringLiteral("line_items")).toArray();
    for (const QJsonValue &lv : lines) {
        const QJsonObject l = lv.toObject();
        h += row(
            {QStringLiteral("<b>%1</b>").arg(text(l, "name")), lineDates(l), number(l, "quantity"), QStringLiteral("<b>%1</b>").arg(amountOf(l, "subtotal"))});
        for (const QJsonValue &sv : l.value(QStringLiteral("sub_line_items")).toArray()) {
            const QJsonObject s = sv.toObject();
            h += row({QStringLiteral("&nbsp;&nbsp;&nbsp;%1").arg(text(s, "name")),
                      s.contains(QStringLiteral("unit_amount")) ? tr("at %1").arg(unitOf(s, "unit_amount")) : QString(), number(s, "quantity"),
                      amountOf(s, "amount")});
        }
        for (const QJsonValue &av : l.value(QStringLiteral("adjustments")).toArray()) {
            const QJsonObject a = av.toObject();
            if (a.value(QStringLiteral("amount")).toString() == QLatin1String("0.00"))
                continue;
            // The amount carries its sign (a discount is negative, a minimum adds), as on the PDF.
            h += row({QStringLiteral("&nbsp;&nbsp;&nbsp;<i>%1</i>")
                          .arg(tr("Adjustment: %1").arg(esc(CatalogText::adjustmentName(a.value(QStringLiteral("adjustment_type")).toString())))),
                      QString(), QString(), amountOf(a, "amount")});
        }
        const QString coupon = l.value(QStringLiteral("coupon_discount")).toString();
        if (!coupon.isEmpty() && Decimal::parse(coupon).isPositive())
            h += row({QStringLiteral("&nbsp;&nbsp;&nbsp;<i>%1</i>").arg(tr("Coupon")), QString(), QString(),
                      QStringLiteral("−%1").arg(amountOf(l, "coupon_discount"))});
        for (const QJsonValue &tv : l.value(QStringLiteral("tax_amounts")).toArray()) {
            const QJsonObject t = tv.toObject();
            h +=
                row({QStringLiteral("&nbsp;&nbsp;&nbsp;<i>%1</i>").arg(tr("%1 (%2)").arg(text(t, "tax_rate_description"), percentOf(t, "tax_rate_percentage"))),
                     tr("on %1").arg(amountOf(t, "taxable_amount")), QString(), amountOf(t, "amount")});
        }
    }
    h += QStringLiteral("</table><hr>");
    h += QStringLiteral("<table cellspacing=\"0\" cellpadding=\"2\" align=\"right\">");
    auto total = [&](const QString &label, const Decimal &amount, bool bold = false, bool negative = false) {
        const QString value = (negative && !amount.isZero() ? QStringLiteral("−") : QString()) + money(amount);
        h += QStringLiteral("<tr><td>%1</td><td align=\"right\">%2</td></tr>")
                 .arg(bold ? QStringLiteral("<b>%1</b>").arg(esc(label)) : esc(label), bold ? QStringLiteral("<b>%1</b>").arg(value) : value);
    };
    total(tr("Subtotal"), inv.subtotal);
    if (!inv.adjustmentsTotal.isZero())
        total(tr("Adjustments"), inv.adjustmentsTotal);
    if (!inv.couponsTotal.isZero())
        total(tr("Coupons"), inv.couponsTotal, false, true);
    // Prepaid credits come before tax inside the lines; an invoice issued before that shows
    // them after its total.
    bool creditsInLines = false;
    for (const QJsonValue &l : inv.document.value(QStringLiteral("line_items")).toArray())
        creditsInLines = creditsInLines || l.toObject().contains(QStringLiteral("credits_applied"));
    if (creditsInLines && !inv.creditsApplied.isZero())
        total(tr("Prepaid credits applied"), inv.creditsApplied, false, true);
    for (const QJsonValue &tv : inv.document.value(QStringLiteral("tax_amounts")).toArray()) {
        const QJsonObject t = tv.toObject();
        const auto pct = Decimal::tryParse(t.value(QStringLiteral("tax_rate_percentage")).toString());
        total(tr("%1 (%2)").arg(t.value(QStringLiteral("tax_rate_description")).toString(),
                                pct ? LocaleFormat::percent(*pct) : t.value(QStringLiteral("tax_rate_percentage")).toString()),
              Decimal::parse(t.value(QStringLiteral("amount")).toString()));
    }
    total(tr("Total"), inv.total, true);
    if (!inv.balanceApplied.isZero())
        total(tr("Customer balance applied"), inv.balanceApplied, false, true);
    if (!creditsInLines && !inv.creditsApplied.isZero())
        total(tr("Prepaid credits applied"), inv.creditsApplied, false, true);
    total(tr("Amount due"), inv.amountDue, true);
    if (!inv.amountPaid.isZero())
        total(tr("Paid"), inv.amountPaid, false, true);
    if (!inv.credited.isZero())
        total(tr("Credited"), inv.credited, false, true);
    if (inv.status == InvoiceStatus::Issued)
        total(tr("Still to pay"), inv.amountRemaining(), true);
    h += QStringLiteral("</table><br clear=\"all\">");

    if (!payments.isEmpty()) {
        h += QStringLiteral("<h4>%1</h4><table cellpadding=\"2\">").arg(tr("Payments"));
        for (const Payment &p : payments)
            h += QStringLiteral("<tr><td>%1</td><td align=\"right\">%2</td><td>%3</td><td>%4</td></tr>")
                     .arg(LocaleFormat::date(p.paidOn), esc(LocaleFormat::money(p.amount, p.currency)), esc(p.method), esc(p.reference));
        h += QStringLiteral("</table>");
    }
    if (!notes.isEmpty()) {
        h += QStringLiteral("<h4>%1</h4><table cellpadding=\"2\">").arg(tr("Credit notes"));
        for (const CreditNote &n : notes)
            h += QStringLiteral("<tr><td>%1</td><td>%2</td><td align=\"right\">%3</td><td>%4 — %5</td></tr>")
                     .arg(esc(n.number), LocaleFormat::date(n.createdAt.toLocalTime().date()), esc(LocaleFormat::money(n.total, n.currency)), esc(n.kind),
                          esc(n.reason));
        h += QStringLiteral("</table>");
    }
    return h;
}

} // namespace orb
