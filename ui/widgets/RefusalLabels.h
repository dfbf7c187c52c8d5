// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>

class QLabel;
class QWidget;

namespace orb {

class ServiceError;

/**
 * A form's refusals shown as the plan editor shows them: each under the field it concerns, the
 * rest in one label below the form, in the interface language. A field's message goes as soon
 * as that field is changed (the clerk is fixing it); the general one when any field changes.
 */
class RefusalLabels final : public QObject
{
    Q_OBJECT

public:
    /// `general`'s object name is the form's refusal label ("couponError").
    RefusalLabels(const QString &general, QWidget *parent);

    /// The label below the form for refusals of no one field.
    QLabel *general() const { return m_general; }
    /// A label for the refusals of the service field `key` ("code", "percentage"), hidden until
    /// there is one; `input` (a line edit, spin box or combo box) clears it when changed.
    QLabel *addField(const QString &key, QWidget *input);
    /// A service refusal without a field path that still concerns one ("a coupon with the code
    /// … already exists"): returns the field's key for a message, empty for none.
    void setFieldOfMessage(std::function<QString(const QString &)> fieldOf) { m_fieldOf = std::move(fieldOf); }

    /// Shows a service refusal: its field errors each under its field, the rest below the form.
    void show(const ServiceError &error);
    /// Shows a refusal the form itself makes about one field ("Type the customer's id").
    void addFieldMessage(const QString &key, const QString &text);
    /// Shows a refusal of no one field.
    void showGeneral(const QString &text);
    /// Hides every message (another record chosen, a save went through).
    void clear();
    /// Everything shown, one message a line ("Code: is required"), for tests and the status bar.
    QString text() const;

private:
    void showLabel(QLabel *label, const QString &text);

    QWidget *m_parent;
    QLabel *m_general;
    QHash<QString, QLabel *> m_fields;
    QHash<QString, QString> m_fieldNames; ///< key → the field's name as the form shows it
    std::function<QString(const QString &)> m_fieldOf;
};

} // namespace orb
