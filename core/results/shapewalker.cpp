#include "shapewalker_p.h"

using namespace Qt::StringLiterals;

namespace QInflux::detail {

namespace {

QString kindName(Cell::Kind kind)
{
    switch (kind) {
    case Cell::Kind::Nil: return u"null"_s;
    case Cell::Kind::Bool: return u"boolean"_s;
    case Cell::Kind::Int: return u"integer"_s;
    case Cell::Kind::UInt: return u"unsigned integer"_s;
    case Cell::Kind::Float: return u"float"_s;
    case Cell::Kind::Str: return u"string"_s;
    case Cell::Kind::TimeNs: return u"timestamp"_s;
    case Cell::Kind::Other: return u"binary or extension value"_s;
    }
    return {};
}

} // namespace

QString ShapeWalker::beginMap(qint64) { return pushContainer(true, 0); }
QString ShapeWalker::beginArray(qint64, qint64 rowsHint) { return pushContainer(false, rowsHint); }

QString ShapeWalker::pushContainer(bool isMap, qint64 rowsHint)
{
    if (m_stack.empty()) {
        if (!isMap)
            return u"the answer is not a map/object"_s;
        m_builder.beginAnswer();
        m_stack.push_back({Ctx::Answer});
        return {};
    }
    const Level &parent = m_stack.back();
    std::optional<Ctx> child;
    switch (parent.ctx) {
    case Ctx::Answer:
        if (parent.key == Key::Results && !isMap)
            child = Ctx::Results;
        break;
    case Ctx::Results:
        if (isMap) {
            m_builder.beginStatement();
            child = Ctx::Statement;
        }
        break;
    case Ctx::Statement:
        if (parent.key == Key::Series && !isMap)
            child = Ctx::SeriesList;
        else if (parent.key == Key::Messages && !isMap)
            child = Ctx::Messages;
        break;
    case Ctx::SeriesList:
        if (isMap) {
            m_builder.beginSeries();
            child = Ctx::Series;
        }
        break;
    case Ctx::Series:
        if (parent.key == Key::Tags && isMap) {
            child = Ctx::Tags;
        } else if (parent.key == Key::Columns && !isMap) {
            if (m_builder.hasColumns())
                return u"a series has \"columns\" twice"_s;
            m_columns.clear();
            child = Ctx::Columns;
        } else if (parent.key == Key::Values && !isMap) {
            if (!m_builder.hasColumns())
                return u"a series has \"values\" before \"columns\""_s;
            if (rowsHint > 0)
                m_builder.frame().reserve(rowsHint);
            child = Ctx::Values;
        }
        break;
    case Ctx::Messages:
        if (isMap) {
            m_messageLevel.clear();
            m_messageText.clear();
            child = Ctx::Message;
        }
        break;
    case Ctx::Values:
        return u"a row is not an array"_s;
    case Ctx::Tags:
    case Ctx::Columns:
    case Ctx::Message:
    case Ctx::Skip:
        break;
    }
    if (!child) {
        if (parent.ctx == Ctx::Skip || parent.key == Key::Other)
            child = Ctx::Skip;
        else
            return isMap ? u"unexpected map/object"_s : u"unexpected array"_s;
    }
    m_stack.push_back({*child});
    return {};
}

QString ShapeWalker::key(QByteArrayView name)
{
    Level &top = m_stack.back();
    auto is = [&](const char *k) { return name == QByteArrayView(k); };
    Key key = Key::Other;
    switch (top.ctx) {
    case Ctx::Answer:
        key = is("results") ? Key::Results : is("error") ? Key::Error : Key::Other;
        break;
    case Ctx::Statement:
        key = is("statement_id") ? Key::StatementId
            : is("series")       ? Key::Series
            : is("messages")     ? Key::Messages
            : is("partial")      ? Key::Partial
            : is("error")        ? Key::Error
                                 : Key::Other;
        break;
    case Ctx::Series:
        key = is("name")      ? Key::Name
            : is("tags")      ? Key::Tags
            : is("columns")   ? Key::Columns
            : is("values")    ? Key::Values
            : is("partial")   ? Key::Partial
                              : Key::Other;
        break;
    case Ctx::Tags:
        m_tagKey = QString::fromUtf8(name);
        key = Key::Name;
        break;
    case Ctx::Message:
        key = is("level") ? Key::Level : is("text") ? Key::Text : Key::Other;
        break;
    default:
        break;
    }
    top.key = key;
    return {};
}

QString ShapeWalker::scalar(const Cell &v)
{
    Level &top = m_stack.back();
    const Key key = top.key;
    top.key = Key::None;
    const bool isStr = v.kind == Cell::Kind::Str;
    auto wrong = [&](const char *what) {
        return u"%1 where %2 was expected"_s.arg(kindName(v.kind), QLatin1StringView(what));
    };
    switch (top.ctx) {
    case Ctx::Answer:
        if (key == Key::Error) {
            if (!isStr)
                return wrong("the error text");
            m_builder.setTopError(QString::fromUtf8(v.s));
        } else if (key == Key::Results && v.kind != Cell::Kind::Nil) {
            return wrong("the results array");
        }
        return {};
    case Ctx::Statement:
        switch (key) {
        case Key::StatementId:
            if (v.kind != Cell::Kind::Int || v.i < 0 || v.i > std::numeric_limits<int>::max())
                return wrong("a statement id");
            m_builder.statement().statementId = int(v.i);
            return {};
        case Key::Error:
            if (!isStr)
                return wrong("the statement's error text");
            m_builder.setStatementError(QString::fromUtf8(v.s));
            return {};
        case Key::Partial:
            if (v.kind != Cell::Kind::Bool)
                return wrong("the partial flag");
            m_builder.statement().partial = v.b;
            return {};
        case Key::Series:
        case Key::Messages:
            return v.kind == Cell::Kind::Nil ? QString() : wrong("an array");
        default:
            return {};
        }
    case Ctx::Series:
        switch (key) {
        case Key::Name:
            if (!isStr)
                return wrong("the series name");
            m_builder.setSeriesName(QString::fromUtf8(v.s));
            return {};
        case Key::Partial:
            if (v.kind != Cell::Kind::Bool)
                return wrong("the partial flag");
            m_builder.setSeriesPartial(v.b);
            return {};
        case Key::Tags:
        case Key::Values:
            return v.kind == Cell::Kind::Nil ? QString() : wrong("a map or an array");
        case Key::Columns:
            return wrong("the columns array");
        default:
            return {};
        }
    case Ctx::Tags:
        if (!isStr && v.kind != Cell::Kind::Nil)
            return wrong("a tag value");
        m_builder.addTag(std::exchange(m_tagKey, {}), QString::fromUtf8(v.s));
        return {};
    case Ctx::Columns:
        if (!isStr)
            return wrong("a column name");
        m_columns.append(QString::fromUtf8(v.s));
        return {};
    case Ctx::Message:
        if (key == Key::Level || key == Key::Text) {
            if (!isStr)
                return wrong("the message text");
            (key == Key::Level ? m_messageLevel : m_messageText) = QString::fromUtf8(v.s);
        }
        return {};
    case Ctx::Results:
    case Ctx::SeriesList:
    case Ctx::Messages:
        return wrong("a map/object");
    case Ctx::Values:
        return wrong("a row array");
    case Ctx::Skip:
        return {};
    }
    return {};
}

QString ShapeWalker::end(std::optional<Error> *serverError)
{
    const Ctx ctx = m_stack.back().ctx;
    m_stack.pop_back();
    if (!m_stack.empty())
        m_stack.back().key = Key::None;
    switch (ctx) {
    case Ctx::Answer:
        *serverError = m_builder.endAnswer();
        break;
    case Ctx::Statement:
        m_builder.endStatement();
        break;
    case Ctx::Series:
        m_builder.endSeries();
        break;
    case Ctx::Columns:
        m_builder.setColumns(std::exchange(m_columns, {}));
        break;
    case Ctx::Message:
        m_builder.statement().messages << m_messageLevel + u": "_s + m_messageText;
        break;
    default:
        break;
    }
    return {};
}

QString ShapeWalker::commitRow(std::span<const Cell> cells, qsizetype *badCell)
{
    FrameBuilder &frame = m_builder.frame();
    size_t c = 0;
    if (frame.hasTime()) {
        const Cell &t = cells[0];
        std::optional<std::int64_t> ns;
        switch (t.kind) {
        case Cell::Kind::Int: ns = scaleTime(t.i, m_builder.epochScale()); break;
        case Cell::Kind::TimeNs: ns = t.i; break;
        case Cell::Kind::Str: ns = parseTime(t.s); break;
        default:
            *badCell = 0;
            return u"row %1: time is a %2, not an integer, a timestamp or an RFC 3339 string"_s.arg(frame.rowCount())
                .arg(kindName(t.kind));
        }
        if (!ns) {
            *badCell = 0;
            return t.kind == Cell::Kind::Str
                ? u"row %1: time \"%2\" is not an RFC 3339 time in range"_s.arg(frame.rowCount())
                      .arg(QString::fromUtf8(t.s.first(std::min<qsizetype>(t.s.size(), 64))))
                : u"row %1: time is out of the int64 nanosecond range"_s.arg(frame.rowCount());
        }
        frame.appendTime(*ns);
        c = 1;
    }
    for (qsizetype col = 0; c < cells.size(); ++c, ++col) {
        const Cell &v = cells[c];
        bool ok = true;
        switch (v.kind) {
        case Cell::Kind::Nil: frame.appendNull(col); break;
        case Cell::Kind::Float: ok = frame.appendFloat(col, v.f); break;
        case Cell::Kind::Int: ok = frame.appendInt(col, v.i); break;
        case Cell::Kind::UInt: ok = frame.appendUInt(col, v.u); break;
        case Cell::Kind::Bool: ok = frame.appendBool(col, v.b); break;
        case Cell::Kind::Str: ok = frame.appendString(col, v.s); break;
        case Cell::Kind::TimeNs:
        case Cell::Kind::Other: ok = false; break;
        }
        if (!ok) {
            *badCell = qsizetype(c);
            const auto type = frame.columnType(col);
            return u"column \"%1\" mixes value types: row %2 has a %3 value in a column of %4 values"_s.arg(frame.columnName(col))
                .arg(frame.rowCount())
                .arg(kindName(v.kind), type ? columnTypeName(*type) : u"untyped"_s);
        }
    }
    frame.endRow();
    return {};
}

} // namespace QInflux::detail
