#pragma once

#include <QInflux/timestamp.h>

#include <QByteArray>
#include <QString>
#include <QStringView>

#include <charconv>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace QInflux {

/// Appends line-protocol points to a byte buffer with InfluxDB 1.x's exact rules (see
/// influxdb-1x-facts.md): what it writes is stored by the server exactly as given, and what cannot be
/// written so is refused with a reason instead. Every serializer (Point, Frame, schema structs) is
/// built on it.
///
/// Use: begin(); measurement(); tag()... in ascending key order (UTF-8 byte order); field()...;
/// end(time) or end(). Any call returns false when the point cannot be written; error() says why,
/// and the partial line has already been removed from the buffer. Names and string values are
/// UTF-8 (std::string_view) or UTF-16 (QStringView); nothing is allocated per point once the buffer
/// has grown.
class LineWriter
{
public:
    explicit LineWriter(QByteArray &out, TimeUnit precision = TimeUnit::Nanoseconds, bool allowUnsigned = false)
        : m_out(out), m_precision(precision), m_allowUnsigned(allowUnsigned)
    {
    }
    /// A line begun and not ended is removed.
    ~LineWriter();
    LineWriter(const LineWriter &) = delete;
    LineWriter &operator=(const LineWriter &) = delete;

    void begin()
    {
        open();
        m_fields = 0;
        m_seriesKeyBytes = 0;
        m_error = nullptr;
        if (!m_errorDetail.isEmpty())
            m_errorDetail.clear();
    }

    bool measurement(std::string_view name);
    bool measurement(QStringView name);

    /// An empty value skips the tag (the server cannot store an empty tag value).
    bool tag(std::string_view key, std::string_view value);
    bool tag(QStringView key, QStringView value);

    bool field(std::string_view key, double value);
    bool field(std::string_view key, std::int64_t value);
    bool field(std::string_view key, std::uint64_t value);
    bool field(std::string_view key, bool value);
    bool field(std::string_view key, std::string_view utf8Value);
    bool field(std::string_view key, QStringView value);
    bool field(QStringView key, double value);
    bool field(QStringView key, std::int64_t value);
    bool field(QStringView key, std::uint64_t value);
    bool field(QStringView key, bool value);
    bool field(QStringView key, QStringView value);

    /// Ends the line with a timestamp in nanoseconds, written in the writer's precision.
    bool end(std::int64_t timeNs);
    /// Ends the line without a timestamp (the server uses its clock).
    bool end();

    // The schema writers' fast path: names checked and escaped once, passed here as prefixes.
    /// Appends bytes as they are (an escaped measurement).
    void raw(std::string_view bytes)
    {
        char *p = room(qsizetype(bytes.size()));
        std::memcpy(p, bytes.data(), bytes.size());
        m_cur = p + bytes.size();
    }
    /// `prefix` is ",key=" escaped; an empty value skips the tag.
    bool tagValue(std::string_view prefix, std::string_view value);
    bool tagValue(std::string_view prefix, QStringView value);
    /// `prefix` is "key=" escaped; the separator is added here.
    bool fieldValue(std::string_view prefix, double value);
    bool fieldValue(std::string_view prefix, std::int64_t value);
    bool fieldValue(std::string_view prefix, bool value);
    bool fieldValue(std::string_view prefix, std::string_view utf8Value);
    bool fieldValue(std::string_view prefix, QStringView value);
    /// Refuses the point with `reason`.
    bool failWith(const char *reason) { return fail(reason, QStringView()); }

    /// out.reserve(bytes), and for large buffers a hint to the kernel to map them in huge pages
    /// (Linux), as a buffer that is filled front to back costs mostly its page faults otherwise.
    static void reserve(QByteArray &out, qsizetype bytes);
    static void adviseHugePages(const QByteArray &buffer);

    /// Why the last point was refused; empty after success.
    QString error() const;
    qsizetype fieldCount() const { return m_fields; }

    /// A name as it would be checked for `part`; nullptr when fine, else the reason.
    enum class Part { Measurement, TagKey, TagValue, FieldKey };
    static const char *checkName(Part part, std::string_view utf8);

private:
    // While a line is written, the buffer's size is its capacity and m_cur is where the line ends;
    // end() and fail() set the size back to the bytes written. No Qt call per byte or per part.
    void open();
    void grow(qsizetype bytes);
    void commit();
    char *room(qsizetype bytes)
    {
        if (m_end - m_cur < bytes) [[unlikely]]
            grow(bytes);
        return m_cur;
    }
    void put(char c) { *room(1) = c; ++m_cur; }
    qsizetype written() const { return m_cur - m_base; }

    bool fail(const char *reason, QStringView detail = {});
    // Why a value cannot be written, or nullptr (types that are always fine have no check).
    const char *valueProblem(double value) const;
    const char *valueProblem(std::uint64_t value) const;
    const char *valueProblem(std::string_view value) const;
    template<typename Value>
    const char *valueProblem(const Value &) const { return nullptr; }
    bool writeValue(double value);
    bool writeValue(std::int64_t value);
    bool writeValue(std::uint64_t value);
    bool writeValue(bool value);
    bool writeValue(std::string_view value);
    bool writeValue(QStringView value);
    template<typename Key, typename Value>
    bool keyedField(Key key, Value value);
    bool fail(const char *reason, std::string_view detail);
    bool appendName(Part part, std::string_view utf8);
    bool appendName(Part part, QStringView utf16);
    bool beginField(std::string_view key);
    bool beginField(QStringView key);
    bool beginFieldValue(std::string_view prefix);
    void appendStringValue(std::string_view utf8);
    bool appendStringValue(QStringView utf16);
    bool appendFloat(double value);
    void appendInt(std::int64_t value);

    QByteArray &m_out;
    char *m_base = nullptr;
    char *m_cur = nullptr;
    char *m_end = nullptr;
    bool m_open = false;
    TimeUnit m_precision;
    bool m_allowUnsigned;
    qsizetype m_lineStart = 0;
    qsizetype m_fields = 0;
    qsizetype m_seriesKeyBytes = 0;
    const char *m_error = nullptr;
    QString m_errorDetail;
};

} // namespace QInflux
