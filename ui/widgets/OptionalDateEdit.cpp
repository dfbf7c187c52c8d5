// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/OptionalDateEdit.h"

#include "ui/LocaleFormat.h"

#include <QCalendarWidget>
#include <QKeyEvent>
#include <QLineEdit>

namespace orb {

namespace {

/// The day that stands for "no date": before any date a billing record can carry.
const QDate kEmpty(1900, 1, 1);

} // namespace

OptionalDateEdit::OptionalDateEdit(const QString &emptyText, QDate today, QWidget *parent) : QDateEdit(parent), m_today(today)
{
    setCalendarPopup(true);
    setDisplayFormat(LocaleFormat::dateFormat(locale()));
    if (emptyText.isEmpty()) {
        // A date that is always there (a payment's day): no empty state.
        setDate(today);
        setToolTip(tr("Pick a date from the calendar or type it (%1).").arg(LocaleFormat::dateFormat(locale())));
        return;
    }
    m_emptyAllowed = true;
    setMinimumDate(kEmpty);
    setSpecialValueText(emptyText);
    setDate(kEmpty);
    setAccessibleName(emptyText);
    setToolTip(tr("Pick a date from the calendar or type it (%1); Delete empties the field.").arg(LocaleFormat::dateFormat(locale())));
}

std::optional<QDate> OptionalDateEdit::value() const
{
    if (m_emptyAllowed && date() == minimumDate())
        return std::nullopt;
    return date();
}

void OptionalDateEdit::setValue(std::optional<QDate> d)
{
    if (!m_emptyAllowed) {
        if (d && d->isValid())
            setDate(*d);
        return;
    }
    setDate(d && d->isValid() && *d > minimumDate() ? *d : minimumDate());
}

void OptionalDateEdit::keyPressEvent(QKeyEvent *event)
{
    const bool whole = lineEdit()->selectedText().size() == lineEdit()->text().size() || !value();
    if (m_emptyAllowed && (event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) && whole) {
        clearValue();
        lineEdit()->selectAll();
        event->accept();
        return;
    }
    // Typing into an empty field starts a date, not an edit of 01.01.1900.
    const QString typed = event->text();
    const bool digit = !typed.isEmpty() && typed.at(0).isDigit();
    if (!value() && digit) {
        setDate(m_today);
        setCurrentSectionIndex(0);
        setSelectedSection(sectionAt(0));
    }
    // A full section ("01") moves on to the next by itself; the separator typed after it, as
    // people type "01.09.2026", must not skip another section.
    if (m_advanced && typed.size() == 1 && !digit && typed.at(0).isPrint() && !typed.at(0).isLetter()) {
        m_advanced = false;
        event->accept();
        return;
    }
    const int sectionBefore = currentSectionIndex();
    QDateEdit::keyPressEvent(event);
    m_advanced = digit && currentSectionIndex() != sectionBefore;
    if (event->key() == Qt::Key_F4 || (event->key() == Qt::Key_Down && (event->modifiers() & Qt::AltModifier)))
        showTodayIfEmpty();
}

void OptionalDateEdit::mousePressEvent(QMouseEvent *event)
{
    QDateEdit::mousePressEvent(event);
    showTodayIfEmpty();
}

void OptionalDateEdit::showTodayIfEmpty()
{
    if (!value() && calendarWidget())
        calendarWidget()->setCurrentPage(m_today.year(), m_today.month());
}

} // namespace orb
