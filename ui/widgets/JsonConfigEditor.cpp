// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/JsonConfigEditor.h"

#include <QFontDatabase>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace orb {

JsonConfigEditor::JsonConfigEditor(QWidget *parent) : PriceConfigEditor(parent)
{
    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(QStringLiteral("configJsonEdit"));
    m_text->setAccessibleName(tr("Model settings (JSON)"));
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("configJsonError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_error->hide();
    m_refusals = errorLabel(QStringLiteral("configErrors"), this);
    auto *hint = new QLabel(tr("The model's settings as JSON, for settings the form does not show (docs/PRICING.md shows each model's shape)."), this);
    hint->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(hint);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_error);
    layout->addWidget(m_refusals);
    connect(m_text, &QPlainTextEdit::textChanged, this, [this] {
        check();
        emit changed();
    });
}

void JsonConfigEditor::setConfig(const QJsonObject &config)
{
    const QSignalBlocker block(m_text);
    m_text->setPlainText(QString::fromUtf8(QJsonDocument(config).toJson(QJsonDocument::Indented)));
    check();
}

QJsonObject JsonConfigEditor::config(QString *error) const
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(m_text->toPlainText().toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (error)
            *error = tr("The model settings are not valid JSON: %1 (at character %2)").arg(parseError.errorString()).arg(parseError.offset);
        return {};
    }
    if (!doc.isObject()) {
        if (error)
            *error = tr("The model settings must be a JSON object ({ … })");
        return {};
    }
    return doc.object();
}

void JsonConfigEditor::showErrors(const ConfigErrors &errors)
{
    QStringList lines;
    for (const auto &[path, message] : errors)
        lines << (path.isEmpty() ? plainMessage(message) : QStringLiteral("%1: %2").arg(path, plainMessage(message)));
    m_refusals->setText(lines.join(QLatin1Char('\n')));
    m_refusals->setVisible(!lines.isEmpty());
}

void JsonConfigEditor::check()
{
    QString error;
    config(&error);
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
}

} // namespace orb
