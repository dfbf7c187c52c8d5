// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/widgets/PriceConfigEditor.h"

class QLabel;
class QPlainTextEdit;

namespace orb {

/**
 * The "Advanced" view of a price model's config: its JSON text, with the syntax error shown as
 * it is typed. Every model also has a form; docs/PRICING.md lists each shape.
 */
class JsonConfigEditor final : public PriceConfigEditor
{
    Q_OBJECT

public:
    explicit JsonConfigEditor(QWidget *parent = nullptr);

    void setConfig(const QJsonObject &config) override;
    QJsonObject config(QString *error) const override;
    void showErrors(const ConfigErrors &errors) override;

private:
    void check();

    QPlainTextEdit *m_text;
    QLabel *m_error;
    QLabel *m_refusals;
};

} // namespace orb
