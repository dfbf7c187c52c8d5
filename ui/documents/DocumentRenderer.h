// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/documents/PrintedDocument.h"

#include <QPageSize>

class QPagedPaintDevice;
class QPdfWriter;

namespace orb {

/**
 * Paints a PrintedDocument onto a paged device: a PDF writer, or a printer chosen in the print
 * dialog. The first page carries the sender (logo, name, address, tax id), the document's
 * title and fields and the recipient; the table flows over as many pages as it needs, its
 * header repeated on each, and every page ends with the footer and "Page n of m". Rows and
 * total blocks are never split across pages.
 */
class DocumentRenderer final
{
public:
    /// Paints `doc`; the device must not be painted on yet. Returns the number of pages.
    static int render(const PrintedDocument &doc, QPagedPaintDevice *device);
    /// Letter where it is the custom (United States, Canada, Mexico, ...), A4 elsewhere.
    static QPageSize pageSizeFor(const QLocale &locale);
    /// Page size, orientation, margins and PDF metadata for a document.
    static void preparePdf(QPdfWriter &writer, const PrintedDocument &doc);
    /// Page size, orientation and margins on any paged device (a printer).
    static void preparePage(QPagedPaintDevice &device, const PrintedDocument &doc);
};

} // namespace orb
