#pragma once

#include <QInflux/queryresult.h>

#include <QString>

namespace QInflux::Test {

/// Empty when `a` and `b` hold the same statements, messages, errors, partial flags and series
/// (name, tags, time, column names, types, values bit for bit, null masks); else the first difference.
QString resultDifference(const QueryResult &a, const QueryResult &b);

} // namespace QInflux::Test
