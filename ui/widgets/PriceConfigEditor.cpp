// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/PriceConfigEditor.h"

#include <QLabel>
#include <QRegularExpression>

#include "engine/pricing/JsonReader.h"

namespace orb {

QString PriceConfigEditor::decimalText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble()) {
        // A stored number was written from a decimal that a double carries exactly.
        QString ignored;
        if (const auto d = pricing::JsonReader::decimalFromJson(value, &ignored))
            return d->toString();
    }
    return {};
}

QString PriceConfigEditor::plainMessage(const QString &message)
{
    // The engine names fields by their JSON keys; a clerk reads words.
    static const QRegularExpression key(QStringLiteral("\\b([a-z]+(?:_[a-z]+)+)\\b"));
    QString out;
    qsizetype last = 0;
    for (auto it = key.globalMatch(message); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        out += message.mid(last, m.capturedStart() - last);
        out += QString(m.captured(1)).replace(QLatin1Char('_'), QLatin1Char(' '));
        last = m.capturedEnd();
    }
    out += message.mid(last);
    return out;
}

QLabel *PriceConfigEditor::errorLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #b3261e;"));
    label->hide();
    return label;
}

} // namespace orb
