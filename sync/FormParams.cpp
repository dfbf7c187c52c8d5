// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/FormParams.h"

namespace orb {

FormParams &FormParams::add(const QString &key, const QString &value)
{
    m_pairs.append({key, value});
    return *this;
}

FormParams &FormParams::addIfSet(const QString &key, const QString &value)
{
    if (!value.isEmpty())
        m_pairs.append({key, value});
    return *this;
}

FormParams &FormParams::addNested(const QString &parent, const QString &child, const QString &value)
{
    return add(parent + QLatin1Char('[') + child + QLatin1Char(']'), value);
}

QByteArray FormParams::encode() const
{
    QByteArray out;
    for (const auto &[key, value] : m_pairs) {
        if (!out.isEmpty())
            out += '&';
        out += key.toUtf8().toPercentEncoding() + '=' + value.toUtf8().toPercentEncoding();
    }
    return out;
}

} // namespace orb
