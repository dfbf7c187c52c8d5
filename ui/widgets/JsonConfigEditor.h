// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/widgets/PriceConfigEditor.h"

class QLabel;
class QPlainTextEdit;

namespace orb {

/**
 * The config of a model without a form of its own (bps, grouped packages, percentage, …) as
 * JSON text, with the syntax error shown as it is typed. docs/PRICING.md lists each shape.
 */
class JsonConfigEditor final : public PriceConfigEditor
{
    Q_OBJECT

public:
    explicit JsonConfigEditor(QWidget *parent = nullptr);

    void setConfig(const QJsonObject &config) override;
    QJsonObject config(QString *error) const override;

private:
    void check();

    QPlainTextEdit *m_text;
    QLabel *m_error;
};

} // namespace orb
