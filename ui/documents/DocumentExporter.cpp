// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/documents/DocumentExporter.h"

#include "engine/billing/BillingSchedule.h"
#include "models/CompanyFile.h"
#include "models/CustomerRepository.h"
#include "models/StorageError.h"
#include "models/reports/ReportSource.h"
#include "ui/documents/AgingDocument.h"
#include "ui/documents/DocumentRenderer.h"
#include "ui/documents/InvoiceDocument.h"
#include "ui/documents/StatementDocument.h"

#include <QBuffer>
#include <QDir>
#include <QFileInfo>
#include <QMutex>
#include <QPdfWriter>
#include <QSaveFile>
#include <QThread>
#include <QThreadPool>

#include <atomic>

namespace orb {

DocumentExporter::DocumentExporter(CompanyFile &file)
    : m_file(file), m_identity(DocumentIdentity::fromCompany(file)), m_zone(file.settings().timezone.toUtf8())
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

NamedDocument DocumentExporter::statement(const QString &customer, QDate from, QDate to) const
{
    const Statement s = ReportSource(m_file).statement(customer, from, to);
    QString name = QStringLiteral("statement-%1-%2-%3.pdf").arg(s.customerId, from.toString(Qt::ISODate), to.toString(Qt::ISODate));
    return {name, StatementDocument::build(s, m_identity)};
}

NamedDocument DocumentExporter::aging(QDate asOf) const
{
    return {QStringLiteral("aging-%1.pdf").arg(asOf.toString(Qt::ISODate)), AgingDocument::build(ReportSource(m_file).aging(asOf), m_identity)};
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

BatchResult DocumentExporter::writeBatch(const QList<NamedDocument> &documents, const QString &dir,
                                         const std::function<bool(int, int)> &progress, int threads)
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
