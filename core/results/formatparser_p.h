#pragma once

#include "shapewalker_p.h"

#include <optional>

namespace QInflux::detail {

/// A resumable syntax layer (JSON or MessagePack) over a ShapeWalker.
class FormatParser
{
public:
    virtual ~FormatParser() = default;
    /// Decodes the complete items at the start of data[0, size) and returns how many bytes it used;
    /// the rest (an incomplete row or token) must be passed again, followed by more bytes. `base` is
    /// the absolute offset of data[0]. On error sets *error (Kind::Parse with the offset, or the
    /// server's own Kind::Server error) and the parser must not be used again.
    virtual qsizetype parse(const char *data, qsizetype size, qint64 base, std::optional<Error> *error) = 0;
    /// Between top-level answers (nothing started).
    virtual bool idle() const = 0;
};

} // namespace QInflux::detail
