// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/FieldError.h"

#include <QString>

#include <stdexcept>

namespace orb {

/**
 * A business action that could not be carried out. The kind tells callers how to react (and
 * `orbctl` which exit code to use); the message names the object, the field and the rule.
 */
class ServiceError : public std::runtime_error
{
public:
    enum class Kind {
        InvalidInput, ///< bad input: a malformed value, a rule broken (exit code 2)
        NotFound,     ///< an unknown id or reference (exit code 3)
        Conflict,     ///< a duplicate, or a state change that is refused (exit code 4)
        Storage,      ///< the company file failed (exit code 1)
    };

    ServiceError(Kind kind, const QString &message, FieldErrors errors = {})
        : std::runtime_error(message.toStdString()), m_kind(kind), m_message(message), m_errors(std::move(errors))
    {
    }

    static ServiceError invalid(const QString &message, FieldErrors errors = {}) { return {Kind::InvalidInput, message, std::move(errors)}; }
    static ServiceError notFound(const QString &message) { return {Kind::NotFound, message}; }
    static ServiceError conflict(const QString &message) { return {Kind::Conflict, message}; }
    static ServiceError storage(const QString &message) { return {Kind::Storage, message}; }

    Kind kind() const { return m_kind; }
    const QString &message() const { return m_message; }
    const FieldErrors &errors() const { return m_errors; }
    /// The message followed by each field error on its own line.
    QString details() const { return m_errors.isEmpty() ? m_message : m_message + QLatin1Char('\n') + joinErrors(m_errors); }

private:
    Kind m_kind;
    QString m_message;
    FieldErrors m_errors;
};

} // namespace orb
