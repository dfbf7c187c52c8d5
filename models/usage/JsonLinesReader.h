// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/usage/ImportReader.h"

namespace orb {

/// JSON Lines: one event object per line, in Orb's shape (EventParser). Blank lines are skipped.
class JsonLinesReader final : public ImportReader
{
public:
    explicit JsonLinesReader(const QString &path);
    bool next(ImportRecord &out) override;

private:
    QByteArray m_row;
};

} // namespace orb
