// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace orb {

class Clock;
class CompanyFile;

/**
 * The demo company's usage: three months (up to the clock's now) of api_call (endpoint,
 * region), completion (model small|large, tokens) and storage (gb) events for the demo
 * customers, from a fixed seed so that every demo file is the same. History is written
 * directly as active events (it is seed data, not an ingestion, so the grace period does
 * not apply). Call after the demo customers exist.
 */
void addDemoUsage(CompanyFile &file, const Clock &clock);

} // namespace orb
