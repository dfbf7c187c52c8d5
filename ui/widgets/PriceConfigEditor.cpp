// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/PriceConfigEditor.h"

#include "ui/CatalogText.h"
#include "ui/LocaleFormat.h"
#include "ui/widgets/StructuredConfigEditor.h"

#include <QHash>
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

QString PriceConfigEditor::editText(const QJsonValue &value)
{
    return LocaleFormat::decimalText(decimalText(value));
}

QString PriceConfigEditor::typedDecimal(const QString &typed)
{
    return LocaleFormat::canonicalDecimal(typed);
}

QString PriceConfigEditor::plainMessage(const QString &rawMessage)
{
    // The engine's phrases in the interface language first; keys left in them read as words.
    const QString message = CatalogText::message(rawMessage);
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

QString PriceConfigEditor::plainPath(const QString &path, const QString &modelType)
{
    static const QRegularExpression indexed(QStringLiteral("^([a-z_]+)\\[(\\d+)\\]$"));
    // The labels the form shows for the model's settings and columns, by JSON key.
    QHash<QString, QString> labels;
    if (const auto layout = StructuredConfigEditor::layoutFor(modelType)) {
        for (const ConfigField &f : layout->fields)
            labels.insert(f.arrayKey.isEmpty() ? f.key : f.arrayKey, f.label);
        for (const ConfigColumn &c : layout->columns)
            labels.insert(c.key, c.label);
        for (const ConfigTable &t : layout->moreTables)
            for (const ConfigColumn &c : t.columns)
                labels.insert(c.key, c.label);
    }
    QStringList parts;
    const QString configKey = modelType + QStringLiteral("_config");
    bool inConfig = false;
    for (const QString &token : path.split(QLatin1Char('.'), Qt::SkipEmptyParts)) {
        if (token == QLatin1String("$") || token.endsWith(QLatin1String("_config"))) {
            inConfig = inConfig || token == configKey;
            continue;
        }
        const QRegularExpressionMatch m = indexed.match(token);
        if (!m.hasMatch()) {
            parts << (inConfig && labels.contains(token) ? labels.value(token) : QString(token).replace(QLatin1Char('_'), QLatin1Char(' ')));
            continue;
        }
        const QString list = m.captured(1);
        const int n = m.captured(2).toInt() + 1;
        if (list == QLatin1String("tiers"))
            parts << tr("tier %1").arg(n);
        else if (list == QLatin1String("matrix_values"))
            parts << tr("cell %1").arg(n);
        else
            parts << tr("%1, row %2").arg(QString(list).replace(QLatin1Char('_'), QLatin1Char(' '))).arg(n);
    }
    QString out = parts.join(QStringLiteral(", "));
    if (!out.isEmpty())
        out[0] = out[0].toUpper();
    return out;
}

QString PriceConfigEditor::plainErrors(const FieldErrors &errors, const QString &modelType)
{
    QStringList lines;
    for (const FieldError &e : errors) {
        const QString where = plainPath(e.path, modelType);
        lines << (where.isEmpty() ? plainMessage(e.message) : where + QStringLiteral(": ") + plainMessage(e.message));
    }
    return lines.join(QLatin1Char('\n'));
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
