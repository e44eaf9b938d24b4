#pragma once

#include "formatparser_p.h"

#include <string>

namespace QInflux::detail {

/// JSON syntax for /query answers: a resumable scanner (not a document parser) with an explicit
/// stack of open objects/arrays, pretty or compact; concatenated top-level objects are consecutive
/// answers (chunked=true). Rows are decoded whole and committed, so an incomplete row is re-read.
/// Numbers: integral text is an Int (exact over the whole int64 range), text with a fraction or an
/// exponent is a Float (fast_float, correctly rounded); "-0" is the float -0.0 (the server writes a
/// float field holding -0.0 as `-0`; an integer field never has a sign on 0); integral text beyond
/// int64 (a whole float >= 2^63 written without exponent) is a Float.
class JsonParser final : public FormatParser
{
public:
    explicit JsonParser(AnswerBuilder &builder) : m_walker(builder) {}
    qsizetype parse(const char *data, qsizetype size, qint64 base, std::optional<Error> *error) override;
    bool idle() const override { return m_stack.empty(); }

private:
    enum class Phase : std::uint8_t { Open, Key, Colon, Value, Comma };
    struct Level
    {
        bool map;
        Phase phase;
    };
    /// A whole row at p; returns its length, 0 when incomplete, -1 on error (*problem, *at set).
    qsizetype readRow(const char *p, const char *end, QString *problem, const char **at);

    ShapeWalker m_walker;
    std::vector<Level> m_stack;
    std::vector<Cell> m_cells;
    std::vector<std::string> m_cellText;
    std::string m_text;
};

} // namespace QInflux::detail
