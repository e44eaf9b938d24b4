#pragma once

#include <QLoggingCategory>

namespace QInflux {
Q_DECLARE_LOGGING_CATEGORY(lcClient)
Q_DECLARE_LOGGING_CATEGORY(lcSandbox)
} // namespace QInflux
