#pragma once

#include <QInflux/qinfluxcore_export.h>

#include <QSet>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace QInflux::InfluxQL {

/// A double-quoted identifier: `a"b` -> `"a\"b"`. Safe for any name: it cannot end the quote early.
QINFLUX_CORE_EXPORT QString quoteIdentifier(QStringView name);
/// A single-quoted string literal: `it's` -> `'it\'s'`.
QINFLUX_CORE_EXPORT QString quoteString(QStringView text);

/// The statements of a query, split at ';' outside quotes, comments and regexes left as they are.
QINFLUX_CORE_EXPORT QStringList splitStatements(QStringView query);
/// Whether a statement is a SELECT whose aggregates (count, distinct, integral, mean, median, mode,
/// spread, stddev, sum) have no GROUP BY time(): the server answers it with time 0 on every row.
/// Selectors (first, last, max, min, ...) are not counted: they return real point times.
QINFLUX_CORE_EXPORT bool aggregatesWithoutTime(QStringView statement);
/// The statement ids (0-based) of `query` for which aggregatesWithoutTime() holds.
QINFLUX_CORE_EXPORT QSet<int> timelessStatements(QStringView query);

} // namespace QInflux::InfluxQL
