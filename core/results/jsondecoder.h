#pragma once

#include <QInflux/result.h>
#include <QInflux/timestamp.h>
#include <QInflux/queryresult.h>

#include <QByteArray>

namespace QInflux::JsonDecoder {

/// Decodes a complete /query JSON body into Frames: decodeResponse(body, ResponseFormat::Json, epoch)
/// (see ResponseDecoder for the rules), kept for existing callers. `epoch` is the unit the query
/// asked for; integer times are scaled to nanoseconds, RFC 3339 strings are parsed.
/// Column types come from the values: integral numbers give an Int column, any fraction a Float
/// column; JSON cannot tell 1 from 1.0, so a float field holding only whole numbers decodes as Int
/// (use ResponseDecoder::setFieldTypes to correct that); "-0" decodes as the float -0.0.
/// A body that is not the server's JSON shape is a Kind::Parse error naming the byte offset.
Result<QueryResult> decode(const QByteArray &body, TimeUnit epoch = TimeUnit::Nanoseconds);

} // namespace QInflux::JsonDecoder
