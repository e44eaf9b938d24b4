#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <bit>
#include <cstdint>
#include <cstring>
#include <type_traits>

// Little-endian byte writing and bounds-checked reading for the cache file format.
namespace QInflux::detail {

static_assert(std::endian::native == std::endian::little, "the cache format code assumes a little-endian CPU");

class ByteWriter
{
public:
    template<typename T>
        requires std::is_arithmetic_v<T>
    void put(T value)
    {
        m_bytes.append(reinterpret_cast<const char *>(&value), sizeof(T));
    }
    void putString(const QString &text)
    {
        const QByteArray utf8 = text.toUtf8();
        put(std::uint32_t(utf8.size()));
        m_bytes.append(utf8);
    }
    QByteArray &bytes() { return m_bytes; }

private:
    QByteArray m_bytes;
};

/// Reads values until the data runs out; then every read returns 0 / "" and failed() is true, with
/// the offset of the first read that did not fit.
class ByteReader
{
public:
    explicit ByteReader(QByteArrayView data) : m_data(data) {}

    template<typename T>
        requires std::is_arithmetic_v<T>
    T get()
    {
        T value{};
        if (!take(sizeof(T)))
            return value;
        std::memcpy(&value, m_data.data() + m_pos - sizeof(T), sizeof(T));
        return value;
    }
    QString getString()
    {
        const auto size = get<std::uint32_t>();
        if (!take(size))
            return {};
        return QString::fromUtf8(m_data.data() + m_pos - size, qsizetype(size));
    }
    bool failed() const { return m_failed; }
    qsizetype position() const { return m_pos; }
    bool atEnd() const { return m_pos == m_data.size(); }

private:
    bool take(qsizetype size)
    {
        if (m_failed || size > m_data.size() - m_pos) {
            m_failed = true;
            return false;
        }
        m_pos += size;
        return true;
    }
    QByteArrayView m_data;
    qsizetype m_pos = 0;
    bool m_failed = false;
};

} // namespace QInflux::detail
