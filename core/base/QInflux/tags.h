#pragma once

#include <QList>
#include <QString>

#include <utility>

namespace QInflux {

/// A series' or a point's tags as (key, value) pairs, in the order given (writers sort them).
using Tags = QList<std::pair<QString, QString>>;

} // namespace QInflux
