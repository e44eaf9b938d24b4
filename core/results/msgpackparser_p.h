#pragma once

#include "formatparser_p.h"

namespace QInflux::detail {

/// MessagePack syntax for /query answers (influxd 1.4+ with Accept: application/x-msgpack): a pull
/// parser over the available bytes with an explicit stack of open maps/arrays; no object tree.
/// Rows are decoded whole into a scratch row and committed, so an incomplete row is re-read later.
/// Times: integers (epoch=), extension type 5 (12 bytes: big-endian int64 seconds, uint32 ns), or
/// strings. Consecutive top-level maps are consecutive answers (chunked=true).
class MsgpackParser final : public FormatParser
{
public:
    explicit MsgpackParser(AnswerBuilder &builder) : m_walker(builder) {}
    qsizetype parse(const char *data, qsizetype size, qint64 base, std::optional<Error> *error) override;
    bool idle() const override { return m_stack.empty(); }

private:
    struct Level
    {
        std::uint32_t remaining; ///< items left; a map counts keys and values
        bool map;
    };
    ShapeWalker m_walker;
    std::vector<Level> m_stack;
    std::vector<Cell> m_cells;
};

} // namespace QInflux::detail
