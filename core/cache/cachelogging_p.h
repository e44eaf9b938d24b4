#pragma once

#include <QLoggingCategory>

namespace QInflux {
/// "qinflux.cache": damaged entries removed, write failures, evictions.
Q_DECLARE_LOGGING_CATEGORY(lcCache)
} // namespace QInflux
