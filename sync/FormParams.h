// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace orb {

/**
 * The parameters of a Stripe request in Stripe's form encoding: nested keys written with
 * brackets (`metadata[orb_id]=…`, `payload[value]=…`, `expand[0]=…`), in the order added.
 */
class FormParams final
{
public:
    /// Adds `key=value`; the key may already be nested ("address[line1]").
    FormParams &add(const QString &key, const QString &value);
    /// Adds `key=value` only when value is not empty.
    FormParams &addIfSet(const QString &key, const QString &value);
    /// Adds `parent[child]=value`.
    FormParams &addNested(const QString &parent, const QString &child, const QString &value);

    bool isEmpty() const { return m_pairs.isEmpty(); }
    const QList<QPair<QString, QString>> &pairs() const { return m_pairs; }
    /// application/x-www-form-urlencoded bytes (UTF-8, percent-encoded, brackets included).
    QByteArray encode() const;

private:
    QList<QPair<QString, QString>> m_pairs;
};

} // namespace orb
