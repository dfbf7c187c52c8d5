// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/InvoiceTableModel.h"

#include "engine/Decimal.h"
#include "models/Database.h"
#include "models/StorageError.h"
#include "models/billing/BillingRecords.h"

#include <QHash>
#include <QLocale>
#include <QSqlQuery>

#include <type_traits>

namespace orb {

namespace {

QString statusText(InvoiceStatus status)
{
    switch (status) {
    case InvoiceStatus::Draft: return InvoiceTableModel::tr("Draft");
    case InvoiceStatus::Issued: return InvoiceTableModel::tr("Issued");
    case InvoiceStatus::Paid: return InvoiceTableModel::tr("Paid");
    case InvoiceStatus::Void: return InvoiceTableModel::tr("Void");
    }
    return {};
}

/// The invoices' row number: SQLite's rowid on a file, its stand-in rowid_server on a server
/// (migration 0039), numbered in the same order.
QString rowidColumn(const Database &db)
{
    return db.isServer() ? QStringLiteral("rowid_server") : QStringLiteral("rowid");
}

} // namespace

InvoiceTableModel::InvoiceTableModel(const Database &db, QObject *parent) : QAbstractTableModel(parent), m_db(db), m_loader(new RowIdLoader(db.path(), this))
{
    connect(m_loader, &RowIdLoader::loaded, this, &InvoiceTableModel::takeRowids);
    connect(m_loader, &RowIdLoader::failed, this, [this](const QString &message) {
        m_error = message;
        emit loadFailed(message);
    });
    connect(m_loader, &RowIdLoader::loadingChanged, this, &InvoiceTableModel::loadingChanged);
    startLoad();
}

bool InvoiceTableModel::isLoading() const
{
    return m_loader->isLoading();
}

void InvoiceTableModel::setFilter(const InvoiceTableFilter &filter)
{
    m_filter = filter;
    startLoad();
}

void InvoiceTableModel::sort(int column, Qt::SortOrder order)
{
    m_sortColumn = column;
    m_sortOrder = order;
    startLoad();
}

void InvoiceTableModel::reload()
{
    // The ids shown still name the same invoices (or none, when one was deleted), but their
    // status and amounts may have changed: read the visible ones again now.
    m_blocks.clear();
    if (!m_rowids.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    startLoad();
}

void InvoiceTableModel::takeRowids(const QList<qint64> &rowids)
{
    beginResetModel();
    m_blocks.clear();
    m_rowids = rowids;
    m_error.clear();
    endResetModel();
}

RowIdLoader::Query InvoiceTableModel::idQuery() const
{
    QStringList where;
    QVariantList binds;
    if (m_filter.status) {
        where << QStringLiteral("i.status = ?");
        binds << toText(*m_filter.status);
    }
    if (!m_filter.customer.isEmpty()) {
        // One customer id, found once, so the (customer_id, invoice_date) index serves the list.
        where << QStringLiteral("i.customer_id = COALESCE((SELECT id FROM customers WHERE id = ?), "
                                "(SELECT id FROM customers WHERE external_customer_id = ?))");
        binds << m_filter.customer << m_filter.customer;
    }
    if (m_filter.from.isValid()) {
        where << QStringLiteral("i.invoice_date >= ?");
        binds << dateText(m_filter.from);
    }
    if (m_filter.to.isValid()) {
        where << QStringLiteral("i.invoice_date < ?");
        binds << dateText(m_filter.to);
    }
    if (m_filter.overdue) {
        where << QStringLiteral("i.status = 'issued' AND i.due_date < ?");
        binds << dateText(m_filter.today.isValid() ? m_filter.today : QDate::currentDate());
    }
    // Every term runs in the same direction, ties broken by rowid, so that one index of
    // migration 0009 (or invoice_number's unique index) yields the order without a sort.
    const QString d = m_sortOrder == Qt::AscendingOrder ? QStringLiteral(" ASC") : QStringLiteral(" DESC");
    const bool server = m_db.isServer();
    const QString rowid = QStringLiteral("i.") + rowidColumn(m_db);
    // Text in byte order on a server too, as SQLite orders it (the server's own collation may
    // be a language's); migration 0039's indexes are in that order.
    const auto text = [server](const char *column) {
        const QString c = QString::fromLatin1(column);
        return server ? c + QStringLiteral(" COLLATE \"C\"") : c;
    };
    QStringList order;
    bool needsCustomer = false;
    switch (m_sortColumn) {
    case Number: order << text("i.invoice_number"); break;
    case Customer:
        if (server) {
            // Each invoice on a server keeps its customer's name key (migration 0041, kept by
            // the server's triggers), and one index holds this whole order: no join, no sort.
            order << text("i.customer_name_key_server") << text("i.customer_id") << text("i.invoice_date");
            break;
        }
        // c.rowid tells SQLite each customer is one row, so each one's invoices come in
        // (customer_id, invoice_date) index order, and no sort is needed at all.
        order << text("c.name_key") << text("c.id") << QStringLiteral("c.rowid") << text("i.invoice_date");
        needsCustomer = true;
        break;
    case Status: order << text("i.status") << text("i.invoice_date"); break;
    case InvoiceDate: order << text("i.invoice_date"); break;
    case DueDate: order << text("i.due_date"); break;
    case Period: order << text("i.period_start"); break;
    // Exact integer amounts (generated columns of migration 0009), for ordering only: the
    // amounts shown are the stored decimal text.
    case Total: order << QStringLiteral("i.total_minor"); break;
    case Remaining: order << QStringLiteral("i.remaining_minor"); break;
    default: break;
    }
    // Newest first by default, in rowid order. Reading a million rowids off the wide invoices
    // table means reading the whole table; the (status, due_date) index holds every rowid in a
    // fraction of the pages, so when the filter needs nothing else, the ids come from there and
    // the loader puts them in order. That keeps a table of a million invoices quick to open.
    const bool byRowid = order.isEmpty();
    if (!byRowid)
        order << rowid;
    // (On a server the rowid_server index holds every row number in order already, and
    // PostgreSQL's planner chooses for itself.)
    const bool indexOnly = !server && byRowid && m_filter.customer.isEmpty() && !m_filter.from.isValid() && !m_filter.to.isValid();
    // SQLite puts NULL (a draft's number and dates) before every value, PostgreSQL after:
    // on a server each term says where they go, as migration 0039's indexes hold them.
    QStringList terms;
    for (const QString &term : std::as_const(order))
        terms << term + d
                     + (server && term != rowid ? (m_sortOrder == Qt::AscendingOrder ? QStringLiteral(" NULLS FIRST") : QStringLiteral(" NULLS LAST"))
                                                : QString());
    RowIdLoader::Query q;
    q.what = tr("the invoices");
    q.binds = binds;
    q.highestFirst = byRowid;
    // Every invoice has a customer (a foreign key), so an inner join loses none.
    q.sql = QStringLiteral("SELECT ") + rowid + QStringLiteral(" FROM ")
            + (needsCustomer ? QStringLiteral("customers c JOIN invoices i ON i.customer_id = c.id") : QStringLiteral("invoices i"))
            + (indexOnly ? QStringLiteral(" INDEXED BY invoices_by_status") : QString())
            + (where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND ")))
            + (byRowid ? QString() : QStringLiteral(" ORDER BY ") + terms.join(QStringLiteral(", ")));
    return q;
}

int InvoiceTableModel::rowOf(const QString &id) const
{
    const QVariant rowid = m_db.scalar(QStringLiteral("SELECT %1 FROM invoices WHERE id = ?").arg(rowidColumn(m_db)), {id});
    return rowid.isValid() ? int(m_rowids.indexOf(rowid.toLongLong())) : -1;
}

const QList<InvoiceTableModel::Row> *InvoiceTableModel::block(int blockIndex) const
{
    if (const QList<Row> *cached = m_blocks.object(blockIndex))
        return cached;
    const QList<qint64> ids = m_rowids.mid(qsizetype(blockIndex) * BlockSize, BlockSize);
    QStringList marks;
    QVariantList binds;
    for (qint64 id : ids) {
        marks << QStringLiteral("?");
        binds << id;
    }
    QHash<qint64, Row> byRowid;
    try {
        if (!ids.isEmpty()) {
            QSqlQuery q = m_db.exec(QStringLiteral("SELECT i.%1, i.id,").arg(rowidColumn(m_db))
                                        + QStringLiteral(" i.invoice_number, COALESCE(c.name, i.customer_id), i.status, i.invoice_date, "
                                                         "i.due_date, i.period_start, i.period_end, i.currency, i.total, i.amount_due, i.amount_paid, "
                                                         "i.credited FROM invoices i LEFT JOIN customers c ON c.id = i.customer_id WHERE i.")
                                        + rowidColumn(m_db) + QStringLiteral(" IN (") + marks.join(QLatin1Char(',')) + QLatin1Char(')'),
                                    binds);
            while (q.next()) {
                Row r;
                r.id = q.value(1).toString();
                r.number = q.value(2).toString();
                r.customer = q.value(3).toString();
                // The table shows a row it cannot read as it is stored, without a status (so no
                // action is offered on it); opening it names the problem (InvoiceRepository).
                r.statusText = q.value(4).toString();
                r.status = fromText<InvoiceStatus>(r.statusText);
                r.invoiceDate = parseDate(q.value(5).toString());
                r.dueDate = parseDate(q.value(6).toString());
                r.periodStart = parseDate(q.value(7).toString());
                r.periodEnd = parseDate(q.value(8).toString());
                r.currency = q.value(9).toString();
                r.total = moneyText(Decimal::parse(q.value(10).toString()), r.currency);
                Decimal left = Decimal::parse(q.value(11).toString()) - Decimal::parse(q.value(12).toString()) - Decimal::parse(q.value(13).toString());
                if (left.isNegative() || r.status == InvoiceStatus::Void)
                    left = Decimal(0);
                r.remaining = moneyText(left, r.currency);
                byRowid.insert(q.value(0).toLongLong(), r);
            }
        }
    } catch (const ServiceError &e) {
        // The window's connection could not read (the server went away): empty cells for now,
        // not kept, so the rows are read again once the connection is back; said once, after
        // this paint (a signal from inside data() could reenter the view).
        m_unread = QList<Row>(ids.size());
        if (m_readError != e.message()) {
            m_readError = e.message();
            auto *self = const_cast<std::remove_const_t<std::remove_pointer_t<decltype(this)>> *>(this);
            QMetaObject::invokeMethod(
                self, [self, message = e.message()] { emit self->loadFailed(message); }, Qt::QueuedConnection);
        }
        return &m_unread;
    }
    m_readError.clear();
    auto *rows = new QList<Row>;
    rows->reserve(ids.size());
    for (qint64 id : ids)
        rows->append(byRowid.value(id));
    m_blocks.insert(blockIndex, rows);
    return rows;
}

int InvoiceTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rowids.size());
}

int InvoiceTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant InvoiceTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rowids.size())
        return {};
    if (role != Qt::DisplayRole && role != IdRole && role != StatusRole && role != RawValueRole && role != Qt::TextAlignmentRole)
        return {};
    if (role == Qt::TextAlignmentRole)
        return index.column() == Total || index.column() == Remaining ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    const Row &r = block(index.row() / BlockSize)->at(index.row() % BlockSize);
    if (role == IdRole)
        return r.id;
    if (role == StatusRole)
        return r.status ? QVariant::fromValue(*r.status) : QVariant();
    switch (index.column()) {
    case Number: return r.number.isEmpty() ? tr("(draft)") : r.number;
    case Customer: return r.customer;
    case Status: return role == RawValueRole ? QVariant(r.statusText) : QVariant(r.status ? statusText(*r.status) : r.statusText);
    case InvoiceDate: return role == RawValueRole ? QVariant(r.invoiceDate) : QVariant(displayDate(r.invoiceDate));
    case DueDate: return role == RawValueRole ? QVariant(r.dueDate) : QVariant(displayDate(r.dueDate));
    case Period:
        // The service period with its last day, as the invoice document shows it; the raw
        // value sorts (ISO start).
        if (role == RawValueRole)
            return dateText(r.periodStart);
        return displayPeriod(r.periodStart, r.periodEnd);
    case Total:
    case Remaining: {
        const QString &plain = index.column() == Total ? r.total : r.remaining;
        if (role == RawValueRole)
            return plain;
        const auto amount = Decimal::tryParse(plain);
        return amount ? displayMoney(*amount, r.currency) : QString();
    }
    default: return {};
    }
}

QVariant InvoiceTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Number: return tr("Number");
    case Customer: return tr("Customer");
    case Status: return tr("Status");
    case InvoiceDate: return tr("Invoice date");
    case DueDate: return tr("Due");
    case Period: return tr("Period");
    case Total: return tr("Total");
    case Remaining: return tr("To pay");
    default: return {};
    }
}

} // namespace orb
