// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/documents/DocumentExporter.h"

#include "engine/billing/BillingSchedule.h"
#include "models/CompanyFile.h"
#include "models/CustomerRepository.h"
#include "models/SettingKeys.h"
#include "models/StorageError.h"
#include "models/reports/ReportSource.h"
#include "ui/documents/AgingDocument.h"
#include "ui/documents/DocumentRenderer.h"
#include "ui/documents/InvoiceDocument.h"
#include "ui/documents/ReminderDocument.h"
#include "ui/documents/StatementDocument.h"

#include <QBuffer>
#include <QDir>
#include <QFileInfo>
#include <QMutex>
#include <QPdfWriter>
#include <QSaveFile>
#include <QThread>
#include <QThreadPool>

#include <algorithm>
#include <atomic>

namespace orb {

DocumentExporter::DocumentExporter(CompanyFile &file) : m_file(file), m_identity(DocumentIdentity::fromCompany(file)), m_zone(file.settings().timezone.toUtf8())
{
    if (!m_zone.isValid())
        m_zone = QTimeZone::utc();
}

QDate DocumentExporter::localDate(const QDateTime &instant) const
{
    return billing::BillingSchedule::localDate(instant, m_zone);
}

NamedDocument DocumentExporter::invoice(const QString &reference) const
{
    const auto inv = InvoiceRepository(m_file.db()).resolve(reference);
    if (!inv)
        throw ServiceError::notFound(QStringLiteral("invoice \"%1\" not found (give its id or number)").arg(reference));
    const auto customer = CustomerRepository(m_file.db()).findById(inv->customerId);
    if (!customer)
        throw ServiceError::notFound(QStringLiteral("invoice %1: its customer %2 is missing").arg(reference, inv->customerId));
    return {InvoiceDocument::fileName(*inv), InvoiceDocument::invoice(*inv, *customer, m_identity)};
}

QList<NamedDocument> DocumentExporter::invoices(const InvoiceFilter &filter) const
{
    const QList<Invoice> list = InvoiceRepository(m_file.db()).list(filter);
    CustomerRepository customers(m_file.db());
    QHash<QString, Customer> byId;
    QList<NamedDocument> out;
    out.reserve(list.size());
    for (const Invoice &inv : list) {
        if (!byId.contains(inv.customerId)) {
            const auto c = customers.findById(inv.customerId);
            if (!c)
                throw ServiceError::notFound(QStringLiteral("invoice %1: its customer %2 is missing").arg(inv.id, inv.customerId));
            byId.insert(inv.customerId, *c);
        }
        out.append({InvoiceDocument::fileName(inv), InvoiceDocument::invoice(inv, byId.value(inv.customerId), m_identity)});
    }
    return out;
}

NamedDocument DocumentExporter::creditNote(const QString &reference) const
{
    InvoiceRepository repo(m_file.db());
    const auto note = repo.findCreditNote(reference);
    if (!note)
        throw ServiceError::notFound(QStringLiteral("credit note \"%1\" not found (give its id or number)").arg(reference));
    const auto inv = repo.find(note->invoiceId);
    const auto customer = CustomerRepository(m_file.db()).findById(note->customerId);
    if (!inv || !customer)
        throw ServiceError::notFound(QStringLiteral("credit note %1: its invoice or customer is missing").arg(reference));
    return {InvoiceDocument::fileName(*note), InvoiceDocument::creditNote(*note, *inv, *customer, m_identity, localDate(note->createdAt))};
}

DocumentIdentity DocumentExporter::identityFor(const Customer &customer) const
{
    DocumentIdentity id = m_identity;
    id.locale = m_identity.localeFor(customer.documentLanguage);
    return id;
}

NamedDocument DocumentExporter::statement(const QString &customer, QDate from, QDate to) const
{
    const Statement s = ReportSource(m_file).statement(customer, from, to);
    const auto c = CustomerRepository(m_file.db()).findById(s.customerId);
    QString name = QStringLiteral("statement-%1-%2-%3.pdf").arg(s.customerId, from.toString(Qt::ISODate), to.toString(Qt::ISODate));
    return {name, StatementDocument::build(s, c ? identityFor(*c) : m_identity)};
}

QList<NamedDocument> DocumentExporter::remindersFor(const Customer &customer, const QList<AgingItem> &open, QDate asOf) const
{
    QMap<QString, ReminderLetter> byCurrency;
    for (const AgingItem &i : open) {
        const QDate due = i.dueDate.isValid() ? i.dueDate : i.invoiceDate;
        if (i.customerId != customer.id || due >= asOf || !i.outstanding.isPositive())
            continue;
        ReminderLetter &r = byCurrency[i.currency];
        r.items.append(i);
    }
    QList<NamedDocument> out;
    for (auto it = byCurrency.begin(); it != byCurrency.end(); ++it) {
        ReminderLetter &r = it.value();
        r.customerId = customer.externalCustomerId.isEmpty() ? customer.id : customer.externalCustomerId;
        r.customerName = customer.name;
        r.customerAddress = customer.billingAddress.lines();
        r.customerTaxId = customer.taxId.value;
        r.currency = it.key();
        r.asOf = asOf;
        std::sort(r.items.begin(), r.items.end(), [](const AgingItem &a, const AgingItem &b) {
            const QDate da = a.dueDate.isValid() ? a.dueDate : a.invoiceDate;
            const QDate db = b.dueDate.isValid() ? b.dueDate : b.invoiceDate;
            return da != db ? da < db : a.invoiceNumber < b.invoiceNumber;
        });
        // A reminder fee is set per currency (reminders.fee = "EUR=5.00; USD=5"); none when unset.
        QString error;
        const QString fee = parseSettingMap(m_file.setting(QStringLiteral("reminders.fee")), &error).value(r.currency);
        const auto d = Decimal::tryParse(fee);
        if (!error.isEmpty() || (!fee.isEmpty() && (!d || d->isNegative())))
            throw ServiceError::invalid(
                QStringLiteral("setting reminders.fee: %1").arg(error.isEmpty() ? QStringLiteral("\"%1\" is not an amount").arg(fee) : error));
        if (d)
            r.fee = *d;
        out.append({ReminderDocument::fileName(r), ReminderDocument::build(r, identityFor(customer))});
    }
    return out;
}

QList<NamedDocument> DocumentExporter::reminders(const QString &customer, QDate asOf) const
{
    const auto c = CustomerRepository(m_file.db()).resolve(customer);
    if (!c)
        throw ServiceError::notFound(QStringLiteral("no customer with id or external_customer_id \"%1\"").arg(customer));
    return remindersFor(*c, ReportSource(m_file).agingItems(asOf, c->id), asOf);
}

QList<NamedDocument> DocumentExporter::reminders(QDate asOf) const
{
    const QList<AgingItem> open = ReportSource(m_file).agingItems(asOf);
    QStringList ids;
    for (const AgingItem &i : open)
        if (!ids.contains(i.customerId))
            ids.append(i.customerId);
    CustomerRepository customers(m_file.db());
    QList<NamedDocument> out;
    for (const QString &id : ids) {
        const auto c = customers.findById(id);
        if (c)
            out += remindersFor(*c, open, asOf);
    }
    return out;
}

NamedDocument DocumentExporter::aging(QDate asOf) const
{
    return aging(ReportSource(m_file).aging(asOf));
}

NamedDocument DocumentExporter::aging(const AgingReport &report) const
{
    return {QStringLiteral("aging-%1.pdf").arg(report.asOf().toString(Qt::ISODate)), AgingDocument::build(report, m_identity)};
}

QByteArray DocumentExporter::toPdf(const PrintedDocument &document)
{
    QByteArray bytes;
    {
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        QPdfWriter writer(&buffer);
        DocumentRenderer::preparePdf(writer, document);
        if (DocumentRenderer::render(document, &writer) == 0)
            throw ServiceError(ServiceError::Kind::Storage, QStringLiteral("%1 %2: the PDF could not be painted").arg(document.title, document.reference));
    }
    return bytes;
}

void DocumentExporter::writePdf(const PrintedDocument &document, const QString &path)
{
    const QByteArray bytes = toPdf(document);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        throw ServiceError(ServiceError::Kind::Storage, QStringLiteral("%1: cannot write (%2)").arg(QDir::toNativeSeparators(path), file.errorString()));
}

BatchResult DocumentExporter::writeBatch(const QList<NamedDocument> &documents, const QString &dir, const std::function<bool(int, int)> &progress, int threads)
{
    QDir target(dir);
    if (!target.exists() && !QDir().mkpath(dir))
        throw ServiceError(ServiceError::Kind::Storage, QStringLiteral("%1: cannot create the folder").arg(QDir::toNativeSeparators(dir)));
    if (!QFileInfo(dir).isDir())
        throw ServiceError::invalid(QStringLiteral("%1: is not a folder").arg(QDir::toNativeSeparators(dir)));
    BatchResult result;
    const int total = int(documents.size());
    for (const NamedDocument &d : documents)
        result.files.append(target.absoluteFilePath(d.fileName));

    // Painting is the slow part and each document is independent: one worker per core, the
    // calling thread reporting progress. Workers take the next index until none is left.
    std::atomic<int> next{0};
    std::atomic<int> done{0};
    std::atomic<bool> stop{false};
    QMutex errorLock;
    QString firstError;
    QList<char> written(total, 0); // each index is written by the one worker that took it
    QThreadPool pool;
    pool.setMaxThreadCount(threads > 0 ? threads : std::max(1, QThread::idealThreadCount()));
    const int workers = std::min(pool.maxThreadCount(), std::max(total, 1));
    for (int w = 0; w < workers; ++w) {
        pool.start([&]() {
            for (;;) {
                if (stop.load())
                    return;
                const int i = next.fetch_add(1);
                if (i >= total)
                    return;
                try {
                    writePdf(documents.at(i).document, result.files.at(i));
                    written[i] = 1;
                } catch (const ServiceError &e) {
                    QMutexLocker lock(&errorLock);
                    if (firstError.isEmpty())
                        firstError = e.message();
                    stop.store(true);
                }
                done.fetch_add(1);
            }
        });
    }
    int reported = -1;
    while (!pool.waitForDone(50)) {
        const int d = done.load();
        if (progress && d != reported) {
            reported = d;
            if (!progress(d, total))
                stop.store(true);
        }
    }
    if (!firstError.isEmpty())
        throw ServiceError(ServiceError::Kind::Storage, firstError);
    const int count = done.load();
    if (progress)
        progress(count, total);
    if (count < total) {
        result.cancelled = true;
        QStringList present;
        for (int i = 0; i < total; ++i)
            if (written.at(i))
                present.append(result.files.at(i));
        result.files = present;
    }
    return result;
}

} // namespace orb
