// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Customer.h"
#include "models/billing/InvoiceRepository.h"
#include "models/reports/AgingReport.h"
#include "ui/documents/DocumentIdentity.h"
#include "ui/documents/PrintedDocument.h"

#include <QByteArray>
#include <QTimeZone>

#include <functional>

namespace orb {

class CompanyFile;

/// A document and the file name it is written under in a batch.
struct NamedDocument {
    QString fileName;
    PrintedDocument document;
};

/// What a batch wrote.
struct BatchResult {
    QStringList files; ///< full paths, in the order of the input
    bool cancelled = false;
};

/**
 * Loads invoices, credit notes, statements and the aging report from the company file into
 * printed documents and writes them as PDF files: one, or a batch into a folder on worker
 * threads (one per core) with progress and cancellation. Files are written whole or not at
 * all (a temporary file renamed at the end).
 */
class DocumentExporter final
{
public:
    /// Reads the company's identity; throws ServiceError when its logo cannot be read.
    explicit DocumentExporter(CompanyFile &file);

    const DocumentIdentity &identity() const { return m_identity; }

    /// An invoice by id or number; throws ServiceError(NotFound).
    NamedDocument invoice(const QString &reference) const;
    /// Every invoice the filter selects (an empty list when none).
    QList<NamedDocument> invoices(const InvoiceFilter &filter) const;
    NamedDocument creditNote(const QString &reference) const;
    NamedDocument statement(const QString &customer, QDate from, QDate to) const;
    NamedDocument aging(QDate asOf) const;
    /// The document of an aging report already computed (the Reports screen's, read in the
    /// background), so printing it reads nothing on the window's thread.
    NamedDocument aging(const AgingReport &report) const;
    /// A customer's payment reminder as of a date, one per currency with overdue invoices
    /// (an empty list when nothing is overdue). `customer`: id or external id.
    QList<NamedDocument> reminders(const QString &customer, QDate asOf) const;
    /// Every customer's reminders as of a date.
    QList<NamedDocument> reminders(QDate asOf) const;
    /// The company's identity in a customer's document language.
    DocumentIdentity identityFor(const Customer &customer) const;

    /// The document as PDF bytes.
    static QByteArray toPdf(const PrintedDocument &document);
    /// Writes one PDF; throws ServiceError(Storage) naming the file when it cannot be written.
    static void writePdf(const PrintedDocument &document, const QString &path);
    /// Writes every document into `dir` (created when missing). `progress(done, total)` is called
    /// on the calling thread; returning false cancels (files already written stay). Throws
    /// ServiceError(Storage) naming the first file that could not be written.
    static BatchResult writeBatch(const QList<NamedDocument> &documents, const QString &dir, const std::function<bool(int done, int total)> &progress = {},
                                  int threads = 0);

private:
    QDate localDate(const QDateTime &instant) const;
    QList<NamedDocument> remindersFor(const Customer &customer, const QList<AgingItem> &open, QDate asOf) const;

    CompanyFile &m_file;
    DocumentIdentity m_identity;
    QTimeZone m_zone;
};

} // namespace orb
