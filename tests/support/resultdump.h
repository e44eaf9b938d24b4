#pragma once

#include <QString>

namespace QInflux {
class Frame;
struct QueryResult;

/// A complete, exact text form of a decoded result for comparisons in tests: every statement,
/// series, column type, null and value (doubles by their bits, so -0.0 differs from 0.0).
QString dumpFrame(const Frame &frame);
QString dumpResult(const QueryResult &result);

} // namespace QInflux
