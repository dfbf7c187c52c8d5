// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/documents/DocumentRenderer.h"

#include "ui/documents/DocumentLanguage.h"

#include <QFontMetricsF>
#include <QRegularExpression>
#include <QPagedPaintDevice>
#include <QPainter>
#include <QPdfWriter>

#include <algorithm>

namespace orb {

namespace {

const QColor ink(0x1f, 0x23, 0x28);
const QColor muted(0x5f, 0x67, 0x70);
const QColor rule(0xc9, 0xce, 0xd4);
const QColor band(0xee, 0xf1, 0xf4);
const QColor accent(0x1d, 0x4e, 0x89);

/// One pass over the document: measuring only (no painter) to count the pages, then painting
/// with the same arithmetic, so both passes break pages at the same places.
class Layout final
{
public:
    Layout(const PrintedDocument &doc, QPagedPaintDevice *device, QPainter *painter, int totalPages)
        : m_doc(doc), m_lang(doc.locale), m_device(device), m_p(painter), m_totalPages(totalPages)
    {
        m_dpi = device->logicalDpiY();
        m_width = device->width();
        m_base = QFont(QStringLiteral("DejaVu Sans"));
        m_base.setStyleHint(QFont::SansSerif);
        m_base.setPointSizeF(9);
        // No ligatures: "ff" stays two letters, so the text read from the PDF (search, copy,
        // screen readers, pdftotext) is the text written.
        m_base.setStyleStrategy(QFont::PreferNoShaping);
        // The footer wraps onto as many lines as it needs; the body ends above it.
        const QFont f = font(7.5);
        m_footerTextWidth = m_width - metrics(f).horizontalAdvance(pageLabel(9999, 9999)) - pt(16);
        m_bottom = device->height() - pt(14) - std::max(pt(12), textHeight(f, m_footerTextWidth, doc.footer));
        layoutColumns();
    }

    /// Column widths by weight, except that a column is never narrower than its header's
    /// longest word, nor an amount column than its widest amount: "KWD 1,234.125" or
    /// "EINZELPREIS" stay whole, and the description columns give up the room.
    void layoutColumns()
    {
        const int n = int(m_doc.columns.size());
        QList<qreal> need(n, 0);
        const QFont header = font(8, true);
        static const QRegularExpression space(QStringLiteral("\\s+"));
        for (int c = 0; c < n; ++c) {
            for (const QString &word : m_doc.columns.at(c).title.toUpper().split(space, Qt::SkipEmptyParts))
                need[c] = std::max(need[c], metrics(header).horizontalAdvance(word));
            const bool amounts = m_doc.columns.at(c).align & Qt::AlignRight;
            for (const DocumentRow &r : m_doc.rows) {
                if (c >= r.cells.size())
                    continue;
                const QFontMetricsF m = metrics(rowFont(r));
                if (amounts)
                    need[c] = std::max(need[c], m.horizontalAdvance(r.cells.at(c)) + indent(r, c));
                else
                    for (const QString &word : r.cells.at(c).split(space, Qt::SkipEmptyParts))
                        need[c] = std::max(need[c], m.horizontalAdvance(word) + indent(r, c));
            }
            // A word longer than this (an unbroken reference) wraps anywhere instead.
            need[c] = std::min(need.at(c), m_width * 0.4);
        }
        QList<bool> fixed(n, false);
        QList<qreal> widths(n, 0);
        for (int pass = 0; pass <= n; ++pass) {
            qreal free = m_width, weights = 0;
            for (int c = 0; c < n; ++c) {
                if (fixed.at(c))
                    free -= widths.at(c);
                else
                    weights += m_doc.columns.at(c).weight;
            }
            bool changed = false;
            for (int c = 0; c < n; ++c) {
                if (fixed.at(c))
                    continue;
                widths[c] = weights > 0 ? std::max<qreal>(free, 0) * m_doc.columns.at(c).weight / weights : 0;
                const qreal wanted = need.at(c) + 2 * cellPad() + pt(1);
                if (widths.at(c) < wanted) {
                    widths[c] = wanted;
                    fixed[c] = true;
                    changed = true;
                }
            }
            if (!changed)
                break;
        }
        qreal x = 0;
        for (int c = 0; c < n; ++c) {
            m_columns.append({x, widths.at(c)});
            x += widths.at(c);
        }
    }

    int run()
    {
        firstPage();
        notes(m_doc.intro);
        table();
        totals();
        notes(m_doc.notes);
        footer();
        return m_page;
    }

private:
    qreal pt(qreal points) const { return points * m_dpi / 72.0; }

    QString pageLabel(int page, int pages) const
    {
        return m_lang.translate("orb::DocumentRenderer", "Page %1 of %2").arg(m_doc.locale.toString(page), m_doc.locale.toString(pages));
    }

    QFont font(qreal size, bool bold = false) const
    {
        QFont f = m_base;
        f.setPointSizeF(size);
        f.setBold(bold);
        return f;
    }

    QFontMetricsF metrics(const QFont &f) const { return QFontMetricsF(f, m_device); }

    /// Word wrap, or wrap anywhere when one word (a long reference, an URL, an IBAN without
    /// spaces) is wider than the box: text is broken, never clipped or painted over its neighbour.
    int wrapFlags(const QFont &f, qreal width, const QString &text) const
    {
        static const QRegularExpression space(QStringLiteral("\\s+"));
        const QFontMetricsF m = metrics(f);
        for (const QString &word : text.split(space, Qt::SkipEmptyParts))
            if (m.horizontalAdvance(word) > width)
                return Qt::TextWrapAnywhere;
        return Qt::TextWordWrap;
    }

    qreal textHeight(const QFont &f, qreal width, const QString &text) const
    {
        if (text.isEmpty())
            return metrics(f).height();
        width = std::max<qreal>(width, 1);
        return metrics(f).boundingRect(QRectF(0, 0, width, 1e9), wrapFlags(f, width, text), text).height();
    }

    void draw(const QRectF &r, const QFont &f, const QColor &c, int flags, const QString &text)
    {
        if (!m_p)
            return;
        if (flags & Qt::TextWordWrap)
            flags = (flags & ~Qt::TextWordWrap) | wrapFlags(f, r.width(), text);
        m_p->setFont(f);
        m_p->setPen(c);
        m_p->drawText(r, flags, text);
    }

    void line(qreal x1, qreal y, qreal x2, const QColor &c, qreal width)
    {
        if (!m_p)
            return;
        m_p->setPen(QPen(c, pt(width)));
        m_p->drawLine(QPointF(x1, y), QPointF(x2, y));
    }

    void footer()
    {
        const qreal y = m_bottom + pt(8);
        line(0, y, m_width, rule, 0.5);
        const QFont f = font(7.5);
        const QString page = pageLabel(m_page, std::max(m_totalPages, m_page));
        const qreal pageWidth = metrics(f).horizontalAdvance(page) + pt(4);
        draw(QRectF(0, y + pt(4), m_footerTextWidth, textHeight(f, m_footerTextWidth, m_doc.footer)), f, muted, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
             m_doc.footer);
        draw(QRectF(m_width - pageWidth, y + pt(4), pageWidth, pt(14)), f, muted, Qt::AlignRight | Qt::AlignTop, page);
    }

    void newPage()
    {
        footer();
        if (m_p)
            m_device->newPage();
        ++m_page;
        m_y = 0;
        const QFont title = font(10, true);
        const QString left = m_doc.reference.isEmpty() ? m_doc.title : m_doc.title + QLatin1Char(' ') + m_doc.reference;
        const qreal h = metrics(title).height();
        draw(QRectF(0, 0, m_width / 2, h), title, ink, Qt::AlignLeft | Qt::AlignVCenter, m_lang.translate("orb::DocumentRenderer", "%1 (continued)").arg(left));
        draw(QRectF(m_width / 2, 0, m_width / 2, h), font(8.5), muted, Qt::AlignRight | Qt::AlignVCenter, m_doc.senderName);
        m_y = h + pt(4);
        line(0, m_y, m_width, rule, 0.75);
        m_y += pt(12);
    }

    void firstPage()
    {
        // Left: logo, sender name and lines. Right: title and fields.
        qreal left = 0;
        if (!m_doc.logo.isNull()) {
            QSizeF size = QSizeF(m_doc.logo.size()).scaled(QSizeF(pt(170), pt(56)), Qt::KeepAspectRatio);
            if (m_p)
                m_p->drawImage(QRectF(QPointF(0, 0), size), m_doc.logo);
            left += size.height() + pt(10);
        }
        const qreal leftWidth = m_width * 0.5;
        const QFont name = font(12, true);
        const qreal nh = textHeight(name, leftWidth, m_doc.senderName);
        draw(QRectF(0, left, leftWidth, nh), name, ink, Qt::AlignLeft | Qt::TextWordWrap, m_doc.senderName);
        left += nh + pt(2);
        const QFont small = font(8.5);
        for (const QString &l : m_doc.senderLines) {
            const qreal h = textHeight(small, leftWidth, l);
            draw(QRectF(0, left, leftWidth, h), small, muted, Qt::AlignLeft | Qt::TextWordWrap, l);
            left += h;
        }

        const QFont title = font(20, true);
        const qreal th = metrics(title).height();
        draw(QRectF(m_width * 0.4, 0, m_width * 0.6, th), title, accent, Qt::AlignRight | Qt::AlignTop, m_doc.title);
        qreal right = th + pt(6);
        const QFont label = font(8.5);
        const QFont value = font(8.5, true);
        qreal labelWidth = 0, valueWidth = 0;
        for (const DocumentField &f : m_doc.fields) {
            labelWidth = std::max(labelWidth, metrics(label).horizontalAdvance(f.label));
            valueWidth = std::max(valueWidth, metrics(value).horizontalAdvance(f.value));
        }
        valueWidth = std::min(valueWidth + pt(2), m_width * 0.3);
        // Labels stay right of the sender's half of the page and wrap when they must.
        labelWidth = std::min(labelWidth + pt(1), m_width * 0.5 - valueWidth - pt(10));
        const qreal valueX = m_width - valueWidth;
        const qreal labelX = valueX - pt(10) - labelWidth;
        for (const DocumentField &f : m_doc.fields) {
            const qreal h = std::max(textHeight(label, labelWidth, f.label), textHeight(value, valueWidth, f.value));
            draw(QRectF(labelX, right, labelWidth, h), label, muted, Qt::AlignRight | Qt::AlignTop | Qt::TextWordWrap, f.label);
            draw(QRectF(valueX, right, valueWidth, h), value, ink, Qt::AlignRight | Qt::AlignTop | Qt::TextWordWrap, f.value);
            right += h + pt(1.5);
        }
        m_y = std::max(left, right) + pt(18);

        // Recipient, and the stamp beside it.
        if (!m_doc.recipientName.isEmpty() || !m_doc.recipientLines.isEmpty()) {
            const qreal top = m_y;
            const QFont heading = font(7.5, true);
            draw(QRectF(0, m_y, leftWidth, pt(12)), heading, muted, Qt::AlignLeft | Qt::AlignTop, m_doc.recipientHeading.toUpper());
            m_y += metrics(heading).height() + pt(2);
            const QFont who = font(10, true);
            const qreal wh = textHeight(who, leftWidth, m_doc.recipientName);
            draw(QRectF(0, m_y, leftWidth, wh), who, ink, Qt::AlignLeft | Qt::TextWordWrap, m_doc.recipientName);
            m_y += wh + pt(1);
            const QFont body = font(9);
            for (const QString &l : m_doc.recipientLines) {
                const qreal h = textHeight(body, leftWidth, l);
                draw(QRectF(0, m_y, leftWidth, h), body, ink, Qt::AlignLeft | Qt::TextWordWrap, l);
                m_y += h;
            }
            if (!m_doc.stamp.text.isEmpty())
                stamp(top);
            m_y += pt(18);
        } else if (!m_doc.stamp.text.isEmpty()) {
            stamp(m_y);
            m_y += pt(40);
        }
    }

    void stamp(qreal top)
    {
        const QFont f = font(16, true);
        const QColor c = m_doc.stamp.kind == PrintedDocument::StampKind::Paid   ? QColor(0x1e, 0x7b, 0x34)
                         : m_doc.stamp.kind == PrintedDocument::StampKind::Void ? QColor(0xb4, 0x23, 0x18)
                                                                                : muted;
        const qreal w = metrics(f).horizontalAdvance(m_doc.stamp.text) + pt(20);
        const qreal h = metrics(f).height() + pt(8);
        const QRectF r(m_width - w, top + pt(4), w, h);
        if (m_p) {
            m_p->setPen(QPen(c, pt(1.5)));
            m_p->setBrush(Qt::NoBrush);
            m_p->drawRoundedRect(r, pt(3), pt(3));
        }
        draw(r, f, c, Qt::AlignCenter, m_doc.stamp.text);
    }

    qreal cellPad() const { return pt(4); }

    qreal headerHeight() const
    {
        const QFont f = font(8, true);
        qreal h = metrics(f).height();
        for (int c = 0; c < m_doc.columns.size(); ++c)
            h = std::max(h, textHeight(f, m_columns.at(c).second - 2 * cellPad(), m_doc.columns.at(c).title.toUpper()));
        return h + 2 * cellPad();
    }

    void tableHeader()
    {
        const qreal h = headerHeight();
        if (m_p) {
            m_p->fillRect(QRectF(0, m_y, m_width, h), band);
        }
        const QFont f = font(8, true);
        for (int c = 0; c < m_doc.columns.size(); ++c) {
            const auto [x, w] = m_columns.at(c);
            draw(QRectF(x + cellPad(), m_y, w - 2 * cellPad(), h), f, muted, int(m_doc.columns.at(c).align) | Qt::AlignVCenter | Qt::TextWordWrap,
                 m_doc.columns.at(c).title.toUpper());
        }
        m_y += h;
        line(0, m_y, m_width, rule, 0.75);
    }

    QFont rowFont(const DocumentRow &r) const { return font(r.level > 0 ? 8 : 9, r.style == DocumentRow::Style::Strong); }

    qreal indent(const DocumentRow &r, int column) const { return column == 0 ? pt(14) * r.level : 0; }

    qreal rowHeight(const DocumentRow &r) const
    {
        const QFont f = rowFont(r);
        qreal h = metrics(f).height();
        for (int c = 0; c < m_doc.columns.size() && c < r.cells.size(); ++c) {
            const qreal w = m_columns.at(c).second - 2 * cellPad() - indent(r, c);
            h = std::max(h, textHeight(f, w, r.cells.at(c)));
        }
        return h + (r.level > 0 ? pt(3) : 2 * cellPad());
    }

    void table()
    {
        if (m_doc.columns.isEmpty())
            return;
        if (m_y + headerHeight() + pt(40) > m_bottom)
            newPage();
        tableHeader();
        if (m_doc.rows.isEmpty() && !m_doc.emptyTableText.isEmpty()) {
            const QFont f = font(9);
            const qreal h = metrics(f).height() + 2 * cellPad();
            draw(QRectF(cellPad(), m_y, m_width, h), f, muted, Qt::AlignLeft | Qt::AlignVCenter, m_doc.emptyTableText);
            m_y += h;
        }
        for (int i = 0; i < m_doc.rows.size(); ++i) {
            const DocumentRow &r = m_doc.rows.at(i);
            const qreal h = rowHeight(r);
            if (m_y + h > m_bottom) {
                newPage();
                tableHeader();
            } else if (r.level == 0 && i > 0) {
                line(0, m_y, m_width, rule, 0.4);
            }
            const QFont f = rowFont(r);
            const QColor c = r.level > 0 || r.style == DocumentRow::Style::Muted ? muted : ink;
            const qreal top = m_y + (r.level > 0 ? pt(1) : cellPad());
            for (int col = 0; col < m_doc.columns.size() && col < r.cells.size(); ++col) {
                const auto [x, w] = m_columns.at(col);
                const qreal in = indent(r, col);
                draw(QRectF(x + cellPad() + in, top, w - 2 * cellPad() - in, h), f, c, int(m_doc.columns.at(col).align) | Qt::AlignTop | Qt::TextWordWrap,
                     r.cells.at(col));
            }
            m_y += h;
        }
        line(0, m_y, m_width, rule, 0.75);
        m_y += pt(10);
    }

    void totals()
    {
        if (m_doc.totals.isEmpty())
            return;
        const qreal width = std::min(m_width * 0.48, pt(260));
        const qreal x = m_width - width;
        // The value keeps its width; the label wraps in what is left, so a long tax name never
        // runs under the amount.
        qreal valueWidth = 0;
        for (const DocumentField &f : m_doc.totals)
            valueWidth = std::max(valueWidth, metrics(font(f.strong ? 10.5 : 9, f.strong)).horizontalAdvance(f.value));
        valueWidth = std::min(valueWidth + pt(2), width * 0.6);
        const qreal labelWidth = width - valueWidth - 3 * cellPad();
        qreal needed = 0;
        QList<qreal> heights;
        for (const DocumentField &f : m_doc.totals) {
            const QFont fnt = font(f.strong ? 10.5 : 9, f.strong);
            const qreal h = std::max(textHeight(fnt, labelWidth, f.label), textHeight(fnt, valueWidth, f.value)) + pt(f.strong ? 7 : 4);
            heights.append(h);
            needed += h;
        }
        if (m_y + needed > m_bottom)
            newPage();
        for (int i = 0; i < m_doc.totals.size(); ++i) {
            const DocumentField &f = m_doc.totals.at(i);
            const QFont fnt = font(f.strong ? 10.5 : 9, f.strong);
            if (f.strong) {
                line(x, m_y + pt(1), m_width, ink, 0.75);
                m_y += pt(3);
            }
            draw(QRectF(x + cellPad(), m_y, labelWidth, heights.at(i)), fnt, f.strong ? ink : muted, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, f.label);
            draw(QRectF(m_width - cellPad() - valueWidth, m_y, valueWidth, heights.at(i)), fnt, ink, Qt::AlignRight | Qt::AlignTop | Qt::TextWordWrap, f.value);
            m_y += heights.at(i) - (f.strong ? pt(3) : 0);
        }
        m_y += pt(14);
    }

    void notes(const QList<DocumentNote> &list)
    {
        const QFont heading = font(8.5, true);
        const QFont body = font(8.5);
        for (const DocumentNote &n : list) {
            if (n.text.trimmed().isEmpty())
                continue;
            const qreal hh = metrics(heading).height() + pt(2);
            const qreal bh = textHeight(body, m_width, n.text);
            if (m_y + hh + std::min(bh, m_bottom * 0.5) > m_bottom)
                newPage();
            draw(QRectF(0, m_y, m_width, hh), heading, ink, Qt::AlignLeft | Qt::AlignTop, n.heading);
            m_y += hh;
            // A long note flows line by line onto the next pages.
            const QStringList paragraphs = n.text.split(QLatin1Char('\n'));
            for (const QString &para : paragraphs) {
                const qreal ph = textHeight(body, m_width, para);
                if (m_y + ph > m_bottom)
                    newPage();
                draw(QRectF(0, m_y, m_width, ph), body, muted, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, para);
                m_y += ph;
            }
            m_y += pt(10);
        }
    }

    const PrintedDocument &m_doc;
    DocumentLanguage m_lang;
    QPagedPaintDevice *m_device;
    QPainter *m_p;
    int m_totalPages;
    int m_page = 1;
    qreal m_dpi = 72;
    qreal m_width = 0;
    qreal m_bottom = 0;
    qreal m_footerTextWidth = 0;
    qreal m_y = 0;
    QFont m_base;
    QList<QPair<qreal, qreal>> m_columns; // x, width
};

} // namespace

QPageSize DocumentRenderer::pageSizeFor(const QLocale &locale)
{
    switch (locale.territory()) {
    case QLocale::UnitedStates:
    case QLocale::Canada:
    case QLocale::Mexico:
    case QLocale::Philippines:
    case QLocale::Chile:
    case QLocale::Colombia: return QPageSize(QPageSize::Letter);
    default: return QPageSize(QPageSize::A4);
    }
}

void DocumentRenderer::preparePage(QPagedPaintDevice &device, const PrintedDocument &doc)
{
    const QPageLayout layout(pageSizeFor(doc.locale), doc.landscape ? QPageLayout::Landscape : QPageLayout::Portrait, QMarginsF(16, 14, 16, 12),
                             QPageLayout::Millimeter);
    device.setPageLayout(layout);
}

void DocumentRenderer::preparePdf(QPdfWriter &writer, const PrintedDocument &doc)
{
    writer.setResolution(600);
    preparePage(writer, doc);
    writer.setTitle(doc.reference.isEmpty() ? doc.title : doc.title + QLatin1Char(' ') + doc.reference);
    writer.setCreator(QStringLiteral("Orb"));
}

int DocumentRenderer::render(const PrintedDocument &doc, QPagedPaintDevice *device)
{
    const int pages = Layout(doc, device, nullptr, 0).run();
    QPainter painter;
    if (!painter.begin(device))
        return 0;
    painter.setRenderHint(QPainter::Antialiasing);
    Layout(doc, device, &painter, pages).run();
    painter.end();
    return pages;
}

} // namespace orb
