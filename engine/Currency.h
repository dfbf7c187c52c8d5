// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace orb {

/// An ISO 4217 currency: its code and the number of its minor units (USD 2, JPY 0, BHD 3).
class Currency final
{
public:
    Currency() = default;

    /// The active ISO 4217 currency with that code (case-sensitive, upper case), or nothing.
    static std::optional<Currency> fromCode(QStringView code);
    /// As fromCode(), but throws std::invalid_argument naming the code.
    static Currency require(QStringView code);
    /// Every known code, sorted.
    static QStringList codes();

    const QString &code() const { return m_code; }
    const QString &name() const { return m_name; }
    int minorUnits() const { return m_minorUnits; }
    bool isValid() const { return !m_code.isEmpty(); }

    bool operator==(const Currency &o) const { return m_code == o.m_code; }
    bool operator!=(const Currency &o) const { return m_code != o.m_code; }

private:
    Currency(QString code, QString name, int minorUnits) : m_code(std::move(code)), m_name(std::move(name)), m_minorUnits(minorUnits) {}

    QString m_code;
    QString m_name;
    int m_minorUnits = 2;
};

} // namespace orb
