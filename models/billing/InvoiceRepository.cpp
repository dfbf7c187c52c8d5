// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/billing/InvoiceRepository.h"

#include "engine/Currency.h"
#include "models/Database.h"
#include "models/SqliteStatement.h"
#include "models/Timestamps.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

namespace orb {

namespace {

QVariant nullable(const QString &s)
{
    return s.isEmpty() ? QVariant() : QVariant(s);
}

QVariant nullableDate(QDate d)
{
    return d.isValid() ? QVariant(dateText(d)) : QVariant();
}

QVariant nullableInstant(const QDateTime &t)
{
    return t.isValid() ? QVariant(toIsoUtc(t)) : QVariant();
}

Decimal dec(const QVariant &v)
{
    return Decimal::parse(v.toString());
}

const char *kColumns = "id, identity, customer_id, subscription_id, phase_id, kind, cadence, period_start, period_end, status, invoice_number, "
                       "invoice_date, due_date, currency, net_terms, memo, subtotal, adjustments_total, coupons_total, tax_total, total, "
                       "balance_applied, credits_applied, amount_due, amount_paid, credited, document, created_at, updated_at, issued_at, paid_at, "
                       "voided_at";

// The row's values in kColumns order; without `withDocument` the document's place holds an
// invalid value (a caller that knows the document unchanged skips its serialization).
QVariantList values(const Invoice &i, bool withDocument = true)
{
    const QString c = i.currency;
    return {i.id,
            nullable(i.identity),
            i.customerId,
            nullable(i.subscriptionId),
            nullable(i.phaseId),
            toText(i.kind),
            nullable(i.cadence),
            nullableDate(i.periodStart),
            nullableDate(i.periodEnd),
            toText(i.status),
            nullable(i.invoiceNumber),
            nullableDate(i.invoiceDate),
            nullableDate(i.dueDate),
            c,
            i.netTerms,
            nullable(i.memo),
            moneyText(i.subtotal, c),
            moneyText(i.adjustmentsTotal, c),
            moneyText(i.couponsTotal, c),
            moneyText(i.taxTotal, c),
            moneyText(i.total, c),
            moneyText(i.balanceApplied, c),
            moneyText(i.creditsApplied, c),
            moneyText(i.amountDue, c),
            moneyText(i.amountPaid, c),
            moneyText(i.credited, c),
            withDocument ? QVariant(QString::fromUtf8(QJsonDocument(i.document).toJson(QJsonDocument::Compact))) : QVariant(),
            toIsoUtc(i.createdAt),
            toIsoUtc(i.updatedAt),
            nullableInstant(i.issuedAt),
            nullableInstant(i.paidAt),
            nullableInstant(i.voidedAt)};
}

Invoice read(const QSqlQuery &q)
{
    Invoice i;
    i.id = q.value(0).toString();
    i.identity = q.value(1).toString();
    i.customerId = q.value(2).toString();
    i.subscriptionId = q.value(3).toString();
    i.phaseId = q.value(4).toString();
    i.kind = storedValue<InvoiceKind>(q.value(5).toString(), "invoices", i.id, "kind");
    i.cadence = q.value(6).toString();
    i.periodStart = parseDate(q.value(7).toString());
    i.periodEnd = parseDate(q.value(8).toString());
    i.status = storedValue<InvoiceStatus>(q.value(9).toString(), "invoices", i.id, "status");
    i.invoiceNumber = q.value(10).toString();
    i.invoiceDate = parseDate(q.value(11).toString());
    i.dueDate = parseDate(q.value(12).toString());
    i.currency = q.value(13).toString();
    i.netTerms = q.value(14).toInt();
    i.memo = q.value(15).toString();
    i.subtotal = dec(q.value(16));
    i.adjustmentsTotal = dec(q.value(17));
    i.couponsTotal = dec(q.value(18));
    i.taxTotal = dec(q.value(19));
    i.total = dec(q.value(20));
    i.balanceApplied = dec(q.value(21));
    i.creditsApplied = dec(q.value(22));
    i.amountDue = dec(q.value(23));
    i.amountPaid = dec(q.value(24));
    i.credited = dec(q.value(25));
    i.document = QJsonDocument::fromJson(q.value(26).toString().toUtf8()).object();
    i.createdAt = fromIsoUtc(q.value(27).toString());
    i.updatedAt = fromIsoUtc(q.value(28).toString());
    i.issuedAt = fromIsoUtc(q.value(29).toString());
    i.paidAt = fromIsoUtc(q.value(30).toString());
    i.voidedAt = fromIsoUtc(q.value(31).toString());
    return i;
}

} // namespace

void InvoiceRepository::insert(const Invoice &invoice)
{
    m_db.exec(QStringLiteral("INSERT INTO invoices (%1) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)").arg(QLatin1String(kColumns)),
              values(invoice));
    writeLines(invoice);
}

namespace {

const char *kLineInsert = "INSERT INTO invoice_lines (invoice_id, position, price_id, item_id, name, quantity, subtotal, "
                          "adjusted_subtotal, amount, tax_total, total, start_date, end_date) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)";

QVariantList lineValues(const Invoice &invoice, int n, const QJsonObject &l)
{
    return {invoice.id,
            n,
            nullable(l.value(QStringLiteral("price_id")).toString()),
            nullable(l.value(QStringLiteral("item_id")).toString()),
            l.value(QStringLiteral("name")).toString(),
            l.value(QStringLiteral("quantity")).toString(),
            l.value(QStringLiteral("subtotal")).toString(),
            l.value(QStringLiteral("adjusted_subtotal")).toString(),
            l.value(QStringLiteral("amount")).toString(),
            l.value(QStringLiteral("tax_total")).toString(),
            l.value(QStringLiteral("total")).toString(),
            nullable(l.value(QStringLiteral("start_date")).toString()),
            nullable(l.value(QStringLiteral("end_date")).toString())};
}

void runWith(SqliteStatement &s, const QVariantList &binds)
{
    s.reset();
    for (int i = 0; i < binds.size(); ++i)
        s.bind(i + 1, binds[i]);
    s.run();
}

} // namespace

void InvoiceRepository::insertManyOnServer(const QList<Invoice> &invoices)
{
    const auto flush = [this](const QString &head, int width, int rows, QVariantList &binds) {
        if (rows == 0)
            return;
        const QString one = QLatin1Char('(') + QStringList(width, QStringLiteral("?")).join(QLatin1Char(',')) + QLatin1Char(')');
        m_db.execNative(head + QStringList(rows, one).join(QLatin1Char(',')), binds);
        binds.clear();
    };
    // Parents first: every line's invoice is in place before the line.
    constexpr int PerStatement = 200; // well below PostgreSQL's 65,535 parameters a statement
    const QString invoiceHead = QStringLiteral("INSERT INTO invoices (%1) VALUES ").arg(QLatin1String(kColumns));
    const int invoiceWidth = int(QString::fromLatin1(kColumns).split(QLatin1Char(',')).size());
    QVariantList binds;
    int rows = 0;
    for (const Invoice &invoice : invoices) {
        binds += values(invoice);
        if (++rows == PerStatement) {
            flush(invoiceHead, invoiceWidth, rows, binds);
            rows = 0;
        }
    }
    flush(invoiceHead, invoiceWidth, rows, binds);
    const QString lineSql = QString::fromLatin1(kLineInsert);
    const QString lineHead = lineSql.left(lineSql.indexOf(QLatin1String("VALUES")) + 7);
    const int lineWidth = int(lineSql.count(QLatin1Char('?')));
    rows = 0;
    for (const Invoice &invoice : invoices) {
        const QJsonArray lines = invoice.document.value(QStringLiteral("line_items")).toArray();
        for (int n = 0; n < lines.size(); ++n) {
            binds += lineValues(invoice, n, lines.at(n).toObject());
            if (++rows == PerStatement) {
                flush(lineHead, lineWidth, rows, binds);
                rows = 0;
            }
        }
    }
    flush(lineHead, lineWidth, rows, binds);
}

namespace {

// The amount text in ten-thousandths, as the invoices_minor triggers of migration 0009 read it
// (integer part, then the first four decimals), for texts of plain digits that fit; nullopt for
// anything else, which the trigger then computes.
std::optional<qint64> minor4(const QString &amount)
{
    const qsizetype n = amount.size();
    qsizetype i = 0;
    const bool negative = n > 0 && amount[0] == QLatin1Char('-');
    if (negative)
        ++i;
    qint64 whole = 0;
    int intDigits = 0;
    for (; i < n && amount[i] != QLatin1Char('.'); ++i, ++intDigits) {
        const char16_t c = amount[i].unicode();
        if (c < u'0' || c > u'9' || intDigits >= 14)
            return std::nullopt;
        whole = whole * 10 + (c - u'0');
    }
    if (intDigits == 0)
        return std::nullopt;
    qint64 frac = 0;
    int fracDigits = 0;
    if (i < n) {
        for (++i; i < n; ++i) {
            const char16_t c = amount[i].unicode();
            if (c < u'0' || c > u'9')
                return std::nullopt;
            if (fracDigits < 4) {
                frac = frac * 10 + (c - u'0');
                ++fracDigits;
            }
        }
    }
    for (; fracDigits < 4; ++fracDigits)
        frac *= 10;
    const qint64 v = whole * 10000 + frac;
    return negative ? -v : v;
}

// An invoice's header row through the statement's typed binds, in kColumns order, then
// total_minor and remaining_minor: an invoice run writes thousands of them in a batch, and a
// list of variants per row (each text converted twice) cost as much as SQLite's own work.
void bindHeader(SqliteStatement &s, const Invoice &i, const QByteArray &document)
{
    int n = 0;
    const auto text = [&](const QString &t) {
        if (t.isNull())
            s.bindNull(++n);
        else
            s.bind(++n, t.toUtf8());
    };
    const auto nullableText = [&](const QString &t) {
        if (t.isEmpty())
            s.bindNull(++n);
        else
            s.bind(++n, t.toUtf8());
    };
    const auto date = [&](QDate d) { nullableText(d.isValid() ? dateText(d) : QString()); };
    const auto instant = [&](const QDateTime &t) { nullableText(t.isValid() ? toIsoUtc(t) : QString()); };
    const auto c = Currency::fromCode(i.currency);
    const int minorUnits = c ? c->minorUnits() : 2;
    const auto money = [&](const Decimal &d) {
        const QString t = d.rounded(minorUnits).toString();
        text(t);
        return t;
    };
    text(i.id);
    nullableText(i.identity);
    text(i.customerId);
    nullableText(i.subscriptionId);
    nullableText(i.phaseId);
    text(toText(i.kind));
    nullableText(i.cadence);
    date(i.periodStart);
    date(i.periodEnd);
    text(toText(i.status));
    nullableText(i.invoiceNumber);
    date(i.invoiceDate);
    date(i.dueDate);
    text(i.currency);
    s.bind(++n, qint64(i.netTerms));
    nullableText(i.memo);
    money(i.subtotal);
    money(i.adjustmentsTotal);
    money(i.couponsTotal);
    money(i.taxTotal);
    const QString total = money(i.total);
    money(i.balanceApplied);
    money(i.creditsApplied);
    const QString due = money(i.amountDue);
    const QString paid = money(i.amountPaid);
    const QString credited = money(i.credited);
    s.bind(++n, document);
    text(toIsoUtc(i.createdAt));
    text(toIsoUtc(i.updatedAt));
    instant(i.issuedAt);
    instant(i.paidAt);
    instant(i.voidedAt);
    // What the insert trigger would compute; left NULL (the trigger computes it) for any text
    // this does not read the same way.
    const auto totalMinor = minor4(total);
    std::optional<qint64> remaining;
    if (i.status == InvoiceStatus::Void) {
        remaining = 0;
    } else {
        const auto d = minor4(due), p = minor4(paid), cr = minor4(credited);
        if (d && p && cr)
            remaining = std::max<qint64>(0, *d - *p - *cr);
    }
    if (totalMinor && remaining) {
        s.bind(++n, *totalMinor);
        s.bind(++n, *remaining);
    } else {
        s.bindNull(++n);
        s.bindNull(++n);
    }
}

} // namespace

void InvoiceRepository::insertMany(const QList<Invoice> &invoices, const QList<QByteArray> &documentTexts)
{
    if (invoices.isEmpty())
        return;
    if (m_db.isServer()) {
        // A company server: the same rows as multi-row INSERTs, a few statements for the whole
        // batch instead of a prepare and a round trip per row.
        insertManyOnServer(invoices);
        return;
    }
    sqlite3 *h = m_db.sqliteHandle();
    const QByteArray sql =
        QStringLiteral("INSERT INTO invoices (%1, total_minor, remaining_minor) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
            .arg(QLatin1String(kColumns))
            .toUtf8();
    SqliteStatement header(h, sql.constData(), "storing an invoice", true);
    SqliteStatement line(h, kLineInsert, "storing an invoice line", true);
    for (qsizetype at = 0; at < invoices.size(); ++at) {
        const Invoice &invoice = invoices[at];
        const QByteArray given = documentTexts.value(at);
        header.reset();
        bindHeader(header, invoice, !given.isEmpty() ? given : QJsonDocument(invoice.document).toJson(QJsonDocument::Compact));
        header.run();
        const QJsonArray lines = invoice.document.value(QStringLiteral("line_items")).toArray();
        for (int n = 0; n < lines.size(); ++n)
            runWith(line, lineValues(invoice, n, lines.at(n).toObject()));
    }
}

void InvoiceRepository::update(const Invoice &invoice)
{
    QVariantList binds = values(invoice);
    const QStringList columns = QString::fromLatin1(kColumns).split(QStringLiteral(", "));
    QStringList sets;
    QVariantList setBinds;
    for (int c = 0; c < columns.size(); ++c) {
        if (columns[c] == QLatin1String("id") || columns[c] == QLatin1String("identity") || columns[c] == QLatin1String("created_at"))
            continue;
        sets.append(columns[c] + QStringLiteral(" = ?"));
        setBinds.append(binds[c]);
    }
    setBinds.append(invoice.id);
    m_db.exec(QStringLiteral("UPDATE invoices SET %1 WHERE id = ?").arg(sets.join(QStringLiteral(", "))), setBinds);
    m_db.exec(QStringLiteral("DELETE FROM invoice_lines WHERE invoice_id = ?"), {invoice.id});
    writeLines(invoice);
}

void InvoiceRepository::writeLines(const Invoice &invoice)
{
    const QJsonArray lines = invoice.document.value(QStringLiteral("line_items")).toArray();
    for (int n = 0; n < lines.size(); ++n) {
        m_db.exec(QString::fromLatin1(kLineInsert), lineValues(invoice, n, lines.at(n).toObject()));
    }
}

void InvoiceRepository::writeLine(const QString &invoiceId, int n, const QJsonObject &l)
{
    m_db.exec(QStringLiteral("INSERT INTO invoice_lines (invoice_id, position, price_id, item_id, name, quantity, subtotal, "
                             "adjusted_subtotal, amount, tax_total, total, start_date, end_date) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"),
              {invoiceId, n, nullable(l.value(QStringLiteral("price_id")).toString()), nullable(l.value(QStringLiteral("item_id")).toString()),
               l.value(QStringLiteral("name")).toString(), l.value(QStringLiteral("quantity")).toString(), l.value(QStringLiteral("subtotal")).toString(),
               l.value(QStringLiteral("adjusted_subtotal")).toString(), l.value(QStringLiteral("amount")).toString(),
               l.value(QStringLiteral("tax_total")).toString(), l.value(QStringLiteral("total")).toString(),
               nullable(l.value(QStringLiteral("start_date")).toString()), nullable(l.value(QStringLiteral("end_date")).toString())});
}

void InvoiceRepository::updateFrom(const Invoice &before, const Invoice &after)
{
    // The documents are compared as objects first: each is serialized only when they differ
    // (issuing changes it, so the new one is written once; the old one is never needed).
    const bool sameDocument = before.document == after.document;
    const QVariantList was = values(before, false);
    const QVariantList now = values(after, !sameDocument);
    const QStringList columns = QString::fromLatin1(kColumns).split(QStringLiteral(", "));
    QStringList sets;
    QVariantList setBinds;
    for (int c = 0; c < columns.size(); ++c) {
        if (columns[c] == QLatin1String("id") || columns[c] == QLatin1String("identity") || columns[c] == QLatin1String("created_at"))
            continue;
        // Compared as stored: a NULL and an empty text are different values.
        if (now[c].isNull() == was[c].isNull() && now[c] == was[c])
            continue;
        sets.append(columns[c] + QStringLiteral(" = ?"));
        setBinds.append(now[c]);
    }
    if (!sets.isEmpty()) {
        setBinds.append(after.id);
        m_db.exec(QStringLiteral("UPDATE invoices SET %1 WHERE id = ?").arg(sets.join(QStringLiteral(", "))), setBinds);
    }
    // The lines (invoice_id, position): rewritten in place where they differ.
    const QJsonArray oldLines = before.document.value(QStringLiteral("line_items")).toArray();
    const QJsonArray newLines = after.document.value(QStringLiteral("line_items")).toArray();
    static const char *lineKeys[] = {"price_id", "item_id",   "name",  "quantity",   "subtotal", "adjusted_subtotal",
                                     "amount",   "tax_total", "total", "start_date", "end_date"};
    for (int n = 0; n < newLines.size(); ++n) {
        const QJsonObject l = newLines.at(n).toObject();
        if (n >= oldLines.size()) {
            writeLine(after.id, n, l);
            continue;
        }
        const QJsonObject o = oldLines.at(n).toObject();
        bool same = true;
        for (const char *key : lineKeys)
            same = same && o.value(QLatin1String(key)).toString() == l.value(QLatin1String(key)).toString();
        if (same)
            continue;
        m_db.exec(QStringLiteral("UPDATE invoice_lines SET price_id = ?, item_id = ?, name = ?, quantity = ?, subtotal = ?, adjusted_subtotal = ?, "
                                 "amount = ?, tax_total = ?, total = ?, start_date = ?, end_date = ? WHERE invoice_id = ? AND position = ?"),
                  {nullable(l.value(QStringLiteral("price_id")).toString()), nullable(l.value(QStringLiteral("item_id")).toString()),
                   l.value(QStringLiteral("name")).toString(), l.value(QStringLiteral("quantity")).toString(), l.value(QStringLiteral("subtotal")).toString(),
                   l.value(QStringLiteral("adjusted_subtotal")).toString(), l.value(QStringLiteral("amount")).toString(),
                   l.value(QStringLiteral("tax_total")).toString(), l.value(QStringLiteral("total")).toString(),
                   nullable(l.value(QStringLiteral("start_date")).toString()), nullable(l.value(QStringLiteral("end_date")).toString()), after.id, n});
    }
    if (oldLines.size() > newLines.size())
        m_db.exec(QStringLiteral("DELETE FROM invoice_lines WHERE invoice_id = ? AND position >= ?"), {after.id, int(newLines.size())});
}

void InvoiceRepository::remove(const QString &id)
{
    m_db.exec(QStringLiteral("DELETE FROM invoice_lines WHERE invoice_id = ?"), {id});
    m_db.exec(QStringLiteral("DELETE FROM invoices WHERE id = ? AND status = 'draft'"), {id});
}

QList<Invoice> InvoiceRepository::select(const QString &where, const QVariantList &binds, const QString &tail) const
{
    QList<Invoice> out;
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT %1 FROM invoices %2 %3").arg(QLatin1String(kColumns), where, tail), binds);
    while (q.next())
        out.append(read(q));
    return out;
}

std::optional<Invoice> InvoiceRepository::find(const QString &id) const
{
    const auto l = select(QStringLiteral("WHERE id = ?"), {id});
    return l.isEmpty() ? std::nullopt : std::optional<Invoice>(l.first());
}

QList<Invoice> InvoiceRepository::findMany(const QStringList &ids) const
{
    if (ids.isEmpty())
        return {};
    QStringList marks;
    QVariantList binds;
    for (const QString &id : ids) {
        marks.append(QStringLiteral("?"));
        binds.append(id);
    }
    QHash<QString, Invoice> byId;
    for (Invoice &i : select(QStringLiteral("WHERE id IN (%1)").arg(marks.join(QLatin1Char(','))), binds))
        byId.insert(i.id, std::move(i));
    QList<Invoice> out;
    out.reserve(byId.size());
    for (const QString &id : ids) {
        const auto it = byId.find(id);
        if (it != byId.end())
            out.append(std::move(*it));
    }
    return out;
}

QStringList InvoiceRepository::draftIdsBefore(QDate before) const
{
    QStringList out;
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT id FROM invoices WHERE status = 'draft' AND invoice_date < ? ORDER BY invoice_date, created_at, id"),
                            {dateText(before)});
    while (q.next())
        out.append(q.value(0).toString());
    return out;
}

std::optional<Invoice> InvoiceRepository::findByNumber(const QString &number) const
{
    const auto l = select(QStringLiteral("WHERE invoice_number = ?"), {number});
    return l.isEmpty() ? std::nullopt : std::optional<Invoice>(l.first());
}

std::optional<Invoice> InvoiceRepository::findByIdentity(const QString &identity) const
{
    const auto l = select(QStringLiteral("WHERE identity = ?"), {identity});
    return l.isEmpty() ? std::nullopt : std::optional<Invoice>(l.first());
}

std::optional<Invoice> InvoiceRepository::resolve(const QString &reference) const
{
    if (auto i = find(reference))
        return i;
    return findByNumber(reference);
}

QList<Invoice> InvoiceRepository::list(const InvoiceFilter &f) const
{
    QStringList where;
    QVariantList binds;
    if (!f.customerId.isEmpty()) {
        where << QStringLiteral("customer_id = ?");
        binds << f.customerId;
    }
    if (!f.subscriptionId.isEmpty()) {
        where << QStringLiteral("subscription_id = ?");
        binds << f.subscriptionId;
    }
    if (f.status) {
        where << QStringLiteral("status = ?");
        binds << toText(*f.status);
    }
    if (f.overdueOn) {
        where << QStringLiteral("status = 'issued' AND due_date < ?");
        binds << dateText(f.today);
    }
    if (f.periodFrom.isValid()) {
        where << QStringLiteral("invoice_date >= ?");
        binds << dateText(f.periodFrom);
    }
    if (f.periodTo.isValid()) {
        where << QStringLiteral("invoice_date < ?");
        binds << dateText(f.periodTo);
    }
    if (!f.afterId.isEmpty()) {
        // No row, no key: an empty page rather than the whole list again.
        where << QStringLiteral("(invoice_date, created_at, id) > (SELECT invoice_date, created_at, id FROM invoices WHERE id = ?)");
        binds << f.afterId;
    }
    const QString clause = where.isEmpty() ? QString() : QStringLiteral("WHERE ") + where.join(QStringLiteral(" AND "));
    QString tail = QStringLiteral("ORDER BY invoice_date, created_at, id");
    if (f.limit > 0)
        tail += QStringLiteral(" LIMIT %1").arg(f.limit);
    return select(clause, binds, tail);
}

QHash<QString, InvoiceStatus> InvoiceRepository::identities() const
{
    QHash<QString, InvoiceStatus> out;
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT identity, status, id FROM invoices WHERE identity IS NOT NULL"));
    while (q.next())
        out.insert(q.value(0).toString(), storedValue<InvoiceStatus>(q.value(1).toString(), "invoices", q.value(2).toString(), "status"));
    return out;
}

qint64 InvoiceRepository::lastNumber(const QString &series) const
{
    return m_db.scalar(QStringLiteral("SELECT last_counter FROM number_series WHERE series = ?"), {series}).toLongLong();
}

QString InvoiceRepository::companyInvoicePrefix() const
{
    return m_db.scalar(QStringLiteral("SELECT invoice_prefix FROM company WHERE id = 1")).toString();
}

qint64 InvoiceRepository::takeNextNumber(const QString &series)
{
    const qint64 next = lastNumber(series) + 1;
    m_db.exec(QStringLiteral("INSERT INTO number_series (series, last_counter) VALUES (?, ?) "
                             "ON CONFLICT (series) DO UPDATE SET last_counter = excluded.last_counter"),
              {series, next});
    return next;
}

void InvoiceRepository::insertPayment(const Payment &p)
{
    m_db.exec(QStringLiteral("INSERT INTO payments (id, invoice_id, customer_id, amount, currency, paid_on, method, reference, memo, "
                             "created_at) VALUES (?,?,?,?,?,?,?,?,?,?)"),
              {p.id, p.invoiceId, p.customerId, moneyText(p.amount, p.currency), p.currency, dateText(p.paidOn), p.method, nullable(p.reference),
               nullable(p.memo), toIsoUtc(p.createdAt)});
}

QList<Payment> InvoiceRepository::payments(const QString &invoiceId) const
{
    return paymentsWhere(QStringLiteral("invoice_id = ?"), {invoiceId});
}

QList<Payment> InvoiceRepository::paymentsWhere(const QString &where, const QVariantList &binds) const
{
    QList<Payment> out;
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT id, invoice_id, customer_id, amount, currency, paid_on, method, reference, memo, "
                                           "created_at FROM payments WHERE %1 ORDER BY created_at, id")
                                .arg(where),
                            binds);
    while (q.next()) {
        Payment p;
        p.id = q.value(0).toString();
        p.invoiceId = q.value(1).toString();
        p.customerId = q.value(2).toString();
        p.amount = dec(q.value(3));
        p.currency = q.value(4).toString();
        p.paidOn = parseDate(q.value(5).toString());
        p.method = q.value(6).toString();
        p.reference = q.value(7).toString();
        p.memo = q.value(8).toString();
        p.createdAt = fromIsoUtc(q.value(9).toString());
        out.append(p);
    }
    return out;
}

QList<Invoice> InvoiceRepository::invoicesWhere(const QString &where, const QVariantList &binds) const
{
    return select(QStringLiteral("WHERE ") + where, binds, QStringLiteral("ORDER BY invoice_date, created_at, id"));
}

QStringList InvoiceRepository::issuedCurrencies() const
{
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT currency FROM invoices WHERE status <> 'draft' GROUP BY currency "
                                           "ORDER BY MIN(invoice_date || ' ' || created_at || ' ' || id)"));
    QStringList out;
    while (q.next())
        out.append(q.value(0).toString());
    return out;
}

QList<CreditNote> InvoiceRepository::creditNoteHeadersWhere(const QString &where, const QVariantList &binds) const
{
    return selectNotes(QStringLiteral("WHERE ") + where, binds, false);
}

bool InvoiceRepository::paymentReferenceExists(const QString &reference) const
{
    return m_db.scalar(QStringLiteral("SELECT count(*) FROM payments WHERE reference = ?"), {reference}).toInt() > 0;
}

void InvoiceRepository::insertCreditNote(const CreditNote &n)
{
    const QString c = n.currency;
    m_db.exec(QStringLiteral("INSERT INTO credit_notes (id, credit_note_number, invoice_id, customer_id, reason, kind, currency, subtotal, "
                             "tax_total, total, memo, created_at, paid_back) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"),
              {n.id, n.number, n.invoiceId, n.customerId, n.reason, n.kind, c, moneyText(n.subtotal, c), moneyText(n.taxTotal, c), moneyText(n.total, c),
               nullable(n.memo), toIsoUtc(n.createdAt), moneyText(n.paidBack, c)});
    for (const CreditNoteLine &l : n.lines)
        m_db.exec(QStringLiteral("INSERT INTO credit_note_lines (credit_note_id, invoice_line_position, amount, tax) VALUES (?,?,?,?)"),
                  {n.id, l.invoiceLinePosition, moneyText(l.amount, c), moneyText(l.tax, c)});
}

QList<CreditNote> InvoiceRepository::selectNotes(const QString &where, const QVariantList &binds, bool withLines) const
{
    QList<CreditNote> out;
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT id, credit_note_number, invoice_id, customer_id, reason, kind, currency, subtotal, "
                                           "tax_total, total, memo, created_at, paid_back FROM credit_notes %1 ORDER BY credit_note_number")
                                .arg(where),
                            binds);
    while (q.next()) {
        CreditNote n;
        n.id = q.value(0).toString();
        n.number = q.value(1).toString();
        n.invoiceId = q.value(2).toString();
        n.customerId = q.value(3).toString();
        n.reason = q.value(4).toString();
        n.kind = q.value(5).toString();
        n.currency = q.value(6).toString();
        n.subtotal = dec(q.value(7));
        n.taxTotal = dec(q.value(8));
        n.total = dec(q.value(9));
        n.memo = q.value(10).toString();
        n.createdAt = fromIsoUtc(q.value(11).toString());
        n.paidBack = q.value(12).isNull() ? Decimal(0) : dec(q.value(12));
        out.append(n);
    }
    if (!withLines)
        return out;
    for (CreditNote &n : out) {
        QSqlQuery l = m_db.exec(QStringLiteral("SELECT invoice_line_position, amount, tax FROM credit_note_lines WHERE credit_note_id = ? "
                                               "ORDER BY invoice_line_position"),
                                {n.id});
        while (l.next())
            n.lines.append({l.value(0).toInt(), dec(l.value(1)), dec(l.value(2))});
    }
    return out;
}

QList<CreditNote> InvoiceRepository::creditNotes(const QString &invoiceId) const
{
    return invoiceId.isEmpty() ? selectNotes(QString(), {}) : selectNotes(QStringLiteral("WHERE invoice_id = ?"), {invoiceId});
}

std::optional<CreditNote> InvoiceRepository::findCreditNote(const QString &reference) const
{
    const auto l = selectNotes(QStringLiteral("WHERE id = ? OR credit_note_number = ?"), {reference, reference});
    return l.isEmpty() ? std::nullopt : std::optional<CreditNote>(l.first());
}

QHash<int, Decimal> InvoiceRepository::creditedByLine(const QString &invoiceId) const
{
    QHash<int, Decimal> out;
    for (const CreditNote &n : creditNotes(invoiceId))
        for (const CreditNoteLine &l : n.lines)
            out[l.invoiceLinePosition] += l.amount;
    return out;
}

} // namespace orb
