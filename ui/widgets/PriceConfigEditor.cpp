// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/PriceConfigEditor.h"

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

} // namespace orb
