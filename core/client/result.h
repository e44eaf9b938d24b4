#pragma once

#include <QInflux/error.h>

#include <cassert>
#include <type_traits>
#include <utility>
#include <variant>

namespace QInflux {

/// An expected-like value: either a T or an Error. Errors travel with the value so that
/// concurrent requests never share a "last error".
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_data(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_data(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    /// Precondition: ok().
    T &value() & { assert(ok()); return std::get<0>(m_data); }
    const T &value() const & { assert(ok()); return std::get<0>(m_data); }
    T &&value() && { assert(ok()); return std::get<0>(std::move(m_data)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }

    /// Precondition: !ok().
    const Error &error() const { assert(!ok()); return std::get<1>(m_data); }

private:
    std::variant<T, Error> m_data;
};

/// Result of an operation that has no value.
template<>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_ok(false) {}

    bool ok() const { return m_ok; }
    explicit operator bool() const { return ok(); }
    /// Precondition: !ok().
    const Error &error() const { assert(!ok()); return m_error; }

private:
    Error m_error;
    bool m_ok = true;
};

} // namespace QInflux
