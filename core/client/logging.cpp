#include "logging_p.h"

namespace QInflux {
Q_LOGGING_CATEGORY(lcClient, "qinflux.client", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSandbox, "qinflux.sandbox", QtInfoMsg)
} // namespace QInflux
