// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace orb {

/// Why a Stripe request failed, with what the caller should do about it.
struct StripeError {
    enum class Kind {
        None,
        Network,        ///< no answer (connection refused, dropped, timed out)
        Authentication, ///< 401: the key is missing, wrong or revoked
        Permission,     ///< 403
        InvalidRequest, ///< 400/404: a parameter, an object that does not exist, a refused state change
        Card,           ///< 402: a card was declined
        Idempotency,    ///< the key was reused with other parameters, or is in use (409)
        RateLimit,      ///< 429
        Api,            ///< 5xx
    };
    Kind kind = Kind::None;
    int status = 0; ///< HTTP status, 0 for a network error
    QString type;   ///< Stripe's error type
    QString code;   ///< Stripe's error code ("parameter_unknown", "card_declined", ...)
    QString param;
    QString message; ///< Stripe's message, or curl's for a network error
    bool retryable = false;
    int attempts = 0; ///< requests sent, retries included

    bool isError() const { return kind != Kind::None; }
    /// One line for a person: what failed and why ("Stripe refused the request (400
    /// parameter_unknown, param nmae): Received unknown parameter: nmae").
    QString describe() const;
};

} // namespace orb
