// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace orb::validation {

/// Whether the text is a plausible e-mail address (local@domain.tld, no spaces).
bool isEmail(const QString &text);
/// Whether the text names an IANA time zone known to this system ("Europe/Berlin", "UTC").
bool isTimeZone(const QString &text);
/// Whether the text is an ISO 3166-1 alpha-2 country code known to Qt ("DE", "US").
bool isCountryCode(const QString &text);

} // namespace orb::validation
