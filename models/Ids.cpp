// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/Ids.h"

#include <QRandomGenerator>

namespace orb {

QString newId()
{
    static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    QString id(16, Qt::Uninitialized);
    auto *rng = QRandomGenerator::system();
    for (int i = 0; i < 16; ++i)
        id[i] = QLatin1Char(alphabet[rng->bounded(62)]);
    return id;
}

} // namespace orb
