// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/api/ApiTypes.h"

namespace orb::api {

/**
 * Orb's REST API v1 over the company file, without the transport: authenticates the key,
 * finds the route, checks the key's role, honours Idempotency-Key on POST and PUT, runs the
 * route's handler (which calls the same services as the window and orbctl) and turns every
 * refusal into Orb's error object with the matching status. The server hands it requests;
 * tests call it directly.
 */
class ApiHandler final
{
public:
    /// Bodies larger than this are refused with 413 (Orb's limit for a request is about 1 MB;
    /// 500 events with properties fit in well under it).
    static constexpr qint64 kDefaultMaxBody = 2 * 1024 * 1024;

    ApiHandler(CompanyFile &company, const Clock &clock, qint64 maxBodyBytes = kDefaultMaxBody);

    ApiResponse handle(const ApiRequest &request);
    qint64 maxBodyBytes() const { return m_maxBody; }

private:
    ApiResponse dispatch(const ApiRequest &request);
    CompanyFile &m_company;
    const Clock &m_clock;
    qint64 m_maxBody;
    QList<Route> m_routes;
};

} // namespace orb::api
