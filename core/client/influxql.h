#pragma once

#include <QString>
#include <QStringView>

namespace QInflux::InfluxQL {

/// A double-quoted identifier: `a"b` -> `"a\"b"`. Safe for any name: it cannot end the quote early.
QString quoteIdentifier(QStringView name);
/// A single-quoted string literal: `it's` -> `'it\'s'`.
QString quoteString(QStringView text);

} // namespace QInflux::InfluxQL
