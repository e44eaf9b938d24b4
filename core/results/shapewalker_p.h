#pragma once

#include "answerbuilder_p.h"

#include <QByteArrayView>

#include <cstdint>
#include <span>
#include <vector>

namespace QInflux::detail {

/// One decoded value, as the format parsers hand it over (strings point into the input or into a
/// parser's scratch, valid until the next call).
struct Cell
{
    enum class Kind : std::uint8_t { Nil, Bool, Int, UInt, Float, Str, TimeNs, Other };
    Kind kind = Kind::Nil;
    bool b = false;
    std::int64_t i = 0; ///< Int, TimeNs
    std::uint64_t u = 0;
    double f = 0;
    QByteArrayView s;
    qint64 offset = 0;  ///< absolute byte offset of the value, for errors
};

/// What a decoder must report, with the offset it happened at; a Server kind for {"error": ...}.
struct WalkError
{
    QString message;
    qint64 offset = 0;
    std::optional<Error> serverError;
};

/// The meaning of the /query answer's maps and arrays, shared by the JSON and MessagePack parsers:
/// they handle syntax and call these in document order; the walker knows which key is which and
/// drives the AnswerBuilder. Unknown keys are skipped (with everything below them).
class ShapeWalker
{
public:
    explicit ShapeWalker(AnswerBuilder &builder) : m_builder(builder) {}

    /// Each returns an error message, empty when fine. `offset` is where the item starts.
    QString beginMap(qint64 offset);
    /// `rowsHint`: rows a "values" array will have at most, to reserve for (0 = unknown).
    QString beginArray(qint64 offset, qint64 rowsHint = 0);
    QString key(QByteArrayView name);
    QString scalar(const Cell &value);
    /// The current map or array ended. A top-level {"error": ...} ends with a server error.
    QString end(std::optional<Error> *serverError);

    /// Between top-level answers.
    bool idle() const { return m_stack.empty(); }
    /// Inside "values": the parser decodes whole rows and hands them to commitRow.
    bool inRows() const { return !m_stack.empty() && m_stack.back().ctx == Ctx::Values; }
    qsizetype rowWidth() const { return m_builder.rowWidth(); }
    /// Room for `rows` more rows in the current series (a guess from the bytes at hand).
    void reserveRows(qsizetype rows) { m_builder.frame().reserve(m_builder.frame().rowCount() + rows); }
    /// Index of the next row of the current series.
    qsizetype rowIndex() { return m_builder.frame().rowCount(); }
    /// One row of rowWidth() cells; on a type conflict, *badCell is the index of the cell.
    QString commitRow(std::span<const Cell> cells, qsizetype *badCell);

private:
    enum class Ctx : std::uint8_t { Answer, Results, Statement, SeriesList, Series, Tags, Columns, Values, Messages,
                                    Message, Skip };
    enum class Key : std::uint8_t { None, Results, Error, StatementId, Series, Messages, Partial, Name, Tags,
                                    Columns, Values, Level, Text, Other };
    struct Level
    {
        Ctx ctx;
        Key key = Key::None;
    };
    QString value(const Cell *scalar, bool isMap, bool isArray, Ctx *push);
    QString pushContainer(bool isMap, qint64 rowsHint);

    AnswerBuilder &m_builder;
    std::vector<Level> m_stack;
    QStringList m_columns;
    QString m_tagKey;
    QString m_messageLevel, m_messageText;
};

} // namespace QInflux::detail
