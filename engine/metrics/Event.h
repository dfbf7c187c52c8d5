// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/metrics/PropertyValue.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace orb {

/// One member of an event's flat `properties` object.
struct EventProperty {
    QString name;
    PropertyValue value;

    bool operator==(const EventProperty &o) const { return name == o.name && value == o.value; }
};

/**
 * A usage event in Orb's shape. `properties` is kept sorted by name with unique names, which
 * gives the canonical key order for free and lets lookups stop early.
 */
struct Event {
    QString eventName;
    QDateTime timestamp; ///< UTC, millisecond precision
    QString idempotencyKey;
    QString customerId; ///< exactly one of customerId and externalCustomerId is set
    QString externalCustomerId;
    QList<EventProperty> properties;

    /// The property with this name, or nullptr when absent.
    const PropertyValue *property(QStringView name) const;
    /// Sets (or replaces) a property, keeping the list sorted.
    void setProperty(const QString &name, const PropertyValue &value);

    /**
     * The canonical JSON text: members in sorted order, timestamp as UTC with milliseconds
     * ("2026-03-01T10:00:00.000Z"), numbers as their literal text, no whitespace. Two
     * submissions with the same idempotency key are "the same event sent again" exactly when
     * their canonical forms are equal; "10" and "10.0" are different bodies.
     */
    QByteArray canonicalJson() const;
    /// Appends the properties as a JSON object, in the list's order, numbers as their
    /// literal text (the stored form and the canonical form share it).
    static void appendPropertiesJson(QByteArray &out, const QList<EventProperty> &properties);
    /// The canonical JSON followed by '\n', one line of a JSONL file.
    QByteArray toJsonLine() const;
    /// SHA-256 of canonicalJson(): a compact body fingerprint to store beside the key.
    QByteArray fingerprint() const;

    bool operator==(const Event &o) const;
    bool operator!=(const Event &o) const { return !(*this == o); }
};

} // namespace orb
