#pragma once

#include <QInflux/result.h>

#include <QByteArrayView>
#include <QVariant>

namespace QInflux::JsonText {

/// Parses JSON text into QVariant (objects: QVariantMap, arrays: QVariantList) keeping what
/// QJsonDocument loses: a number written without fraction or exponent is a qint64 (a quint64 above
/// the int64 range), any other number a double, so `1` and `1.0` stay apart. Errors are Kind::Parse
/// with the byte offset.
Result<QVariant> parse(QByteArrayView text);

} // namespace QInflux::JsonText
