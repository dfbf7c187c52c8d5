// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateEdit>

#include <optional>

namespace orb {

/**
 * A date field with a calendar popup, in the interface language's date format, that may also
 * be empty ("any"): the empty state is the field's minimum date, shown as the text given.
 * Delete or Backspace over the whole field empties it; the popup of an empty field opens on
 * the month of `today`. With no empty text the field always holds a date (today at first).
 * Dates are typed as people write them ("01.09.2026", "9/1/2026"): a separator typed after a
 * section that was already complete does not skip the next one.
 */
class OptionalDateEdit final : public QDateEdit
{
    Q_OBJECT

public:
    explicit OptionalDateEdit(const QString &emptyText, QDate today, QWidget *parent = nullptr);

    std::optional<QDate> value() const;
    void setValue(std::optional<QDate> date);
    void clearValue() { setValue(std::nullopt); }
    bool isEmpty() const { return !value().has_value(); }

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    void showTodayIfEmpty();

    QDate m_today;
    bool m_emptyAllowed = false;
    bool m_advanced = false; ///< the last digit completed a section and moved to the next
};

} // namespace orb
