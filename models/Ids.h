// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace orb {

/// A new random object id in Orb's style: 16 base-62 characters ("XuxCbt7x9L82yyeF").
QString newId();

} // namespace orb
