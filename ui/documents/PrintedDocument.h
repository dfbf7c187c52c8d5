// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QImage>
#include <QList>
#include <QLocale>
#include <QString>
#include <QStringList>

namespace orb {

/// A column of a document's table: its title, its share of the width and its alignment.
struct DocumentColumn {
    QString title;
    qreal weight = 1;
    Qt::Alignment align = Qt::AlignLeft;
};

/// A row of a document's table. Level 1 rows (tiers, groups, adjustments) are indented and
/// smaller under the level 0 row they belong to.
struct DocumentRow {
    enum class Style { Normal, Strong, Muted };
    QStringList cells;
    int level = 0;
    Style style = Style::Normal;
};

/// A label and a value: the document's header fields and its totals.
struct DocumentField {
    QString label;
    QString value;
    bool strong = false;
};

/// A titled paragraph under the table: payment instructions, a memo, a note.
struct DocumentNote {
    QString heading;
    QString text;
};

/**
 * Everything a printed business document shows, already formatted for its locale: who sends
 * it, to whom, its header fields, one table (repeated header on every page), totals and notes.
 * Invoices, credit notes, statements and the aging report are all built into this shape and
 * painted by one DocumentRenderer.
 */
struct PrintedDocument {
    /// What the stamp beside the recipient says (its colour); the text is in the document's language.
    enum class StampKind { None, Paid, Void, Draft };
    struct Stamp {
        QString text; ///< "PAID", "BEZAHLT"; empty for none
        StampKind kind = StampKind::None;
    };

    QString title;     ///< "Invoice", "Credit note", "Statement"
    QString reference; ///< "INV-000042": shown on continuation pages, used for file names
    Stamp stamp;
    QImage logo;
    QString senderName;
    QStringList senderLines;  ///< address, tax id, e-mail
    QString recipientHeading; ///< "Bill to"
    QString recipientName;
    QStringList recipientLines;
    QList<DocumentField> fields; ///< number, dates, terms
    QList<DocumentColumn> columns;
    QList<DocumentRow> rows;
    QString emptyTableText; ///< shown when there are no rows
    QList<DocumentField> totals;
    QList<DocumentNote> intro; ///< paragraphs above the table (a letter's opening)
    QList<DocumentNote> notes;
    QString footer;
    QLocale locale; ///< amounts, dates, labels and the paper size follow it
    bool landscape = false;
};

} // namespace orb
