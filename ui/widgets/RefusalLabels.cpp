// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/RefusalLabels.h"

#include "models/StorageError.h"
#include "ui/CatalogText.h"
#include "ui/widgets/PriceConfigEditor.h"

#include <QAbstractSpinBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

namespace orb {

RefusalLabels::RefusalLabels(const QString &general, QWidget *parent) : QObject(parent), m_parent(parent)
{
    m_general = PriceConfigEditor::errorLabel(general, parent);
    m_general->setTextInteractionFlags(Qt::TextSelectableByMouse);
}

QLabel *RefusalLabels::addField(const QString &key, QWidget *input)
{
    QLabel *label = PriceConfigEditor::errorLabel(m_general->objectName() + QLatin1Char('_') + key, m_parent);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fields.insert(key, label);
    m_fieldNames.insert(key, input->accessibleName());
    // Changing the field is fixing it: its message goes, and so does a message of no one field.
    auto fixed = [this, label] {
        label->hide();
        label->clear();
        m_general->hide();
        m_general->clear();
    };
    if (auto *edit = qobject_cast<QLineEdit *>(input))
        connect(edit, &QLineEdit::textEdited, this, fixed);
    else if (auto *spin = qobject_cast<QSpinBox *>(input))
        connect(spin, &QSpinBox::valueChanged, this, fixed);
    else if (auto *combo = qobject_cast<QComboBox *>(input))
        connect(combo, &QComboBox::currentIndexChanged, this, fixed);
    return label;
}

void RefusalLabels::showLabel(QLabel *label, const QString &text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

void RefusalLabels::show(const ServiceError &error)
{
    clear();
    QHash<QString, QStringList> perField;
    QStringList other;
    for (const FieldError &e : error.errors()) {
        QString key = e.path;
        if (key.startsWith(QLatin1String("$.")))
            key = key.mid(2);
        const QString message = PriceConfigEditor::plainMessage(e.message);
        if (m_fields.contains(key))
            perField[key] << message;
        else
            other << (key.isEmpty() ? message : PriceConfigEditor::plainPath(key) + QStringLiteral(": ") + message);
    }
    if (error.errors().isEmpty()) {
        const QString message = CatalogText::message(error.message());
        const QString key = m_fieldOf ? m_fieldOf(error.message()) : QString();
        if (m_fields.contains(key))
            perField[key] << message;
        else
            other << message;
    }
    for (auto it = perField.constBegin(); it != perField.constEnd(); ++it)
        showLabel(m_fields.value(it.key()), it.value().join(QLatin1Char('\n')));
    showLabel(m_general, other.join(QLatin1Char('\n')));
}

void RefusalLabels::addFieldMessage(const QString &key, const QString &text)
{
    if (QLabel *label = m_fields.value(key))
        showLabel(label, text);
    else
        showLabel(m_general, text);
}

void RefusalLabels::showGeneral(const QString &text)
{
    clear();
    showLabel(m_general, text);
}

void RefusalLabels::clear()
{
    for (QLabel *label : std::as_const(m_fields))
        showLabel(label, QString());
    showLabel(m_general, QString());
}

QString RefusalLabels::text() const
{
    QStringList lines;
    for (auto it = m_fields.constBegin(); it != m_fields.constEnd(); ++it)
        if (!it.value()->text().isEmpty())
            lines << m_fieldNames.value(it.key()) + QStringLiteral(": ") + it.value()->text();
    if (!m_general->text().isEmpty())
        lines << m_general->text();
    return lines.join(QLatin1Char('\n'));
}

} // namespace orb
