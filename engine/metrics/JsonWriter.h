// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QStringView>

namespace orb {

/// Small helpers that write canonical JSON text: UTF-8, no insignificant whitespace, only the
/// escapes JSON requires, so that equal values always give equal bytes.
class JsonWriter final
{
public:
    /// Appends `text` as a quoted, escaped JSON string.
    static void appendString(QByteArray &out, QStringView text);
    /// Appends a quoted member name and the colon.
    static void appendKey(QByteArray &out, QStringView key);
};

} // namespace orb
