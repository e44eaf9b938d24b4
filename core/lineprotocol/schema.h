#pragma once

// Schema-described C++ types, the counterpart of aioinflux's @lineprotocol classes.
//
//   struct Trade {
//       std::int64_t timestamp;
//       Instrument instrument;          // an enum with Q_ENUM_NS or a lineProtocolName(Instrument)
//       std::string source, side;
//       double price;
//       std::int64_t size;
//       std::string trade_id;
//       std::optional<double> fee;      // skipped when empty (aioinflux's rm_none, at no cost)
//   };
//   QINFLUX_LINEPROTOCOL(Trade,
//       QINFLUX_TIMEINT(timestamp), QINFLUX_TAGENUM(instrument), QINFLUX_TAG(source), QINFLUX_TAG(side),
//       QINFLUX_FLOAT(price), QINFLUX_INT(size), QINFLUX_STR(trade_id), QINFLUX_FLOAT(fee))
//
// The measurement is the type's name unless a QINFLUX_MEASUREMENT member gives one per object.
// What aioinflux raises SchemaError for (two measurements, no or two time members, no field) is a
// compile-time error here. Tags are put in the server's order at compile time; names are checked
// and escaped once; serializing an object allocates nothing once the output buffer has grown.

#include <QInflux/linewriter.h>
#include <QInflux/lineprotocol.h>
#include <QInflux/point.h>

#include <QDateTime>
#include <QMetaEnum>

#include <algorithm>
#include <array>
#include <chrono>
#include <optional>
#include <ranges>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>

namespace QInflux {

namespace Schema {

enum class Role { Measurement, TimeInt, TimeStr, TimeDt, Tag, TagEnum, Bool, Int, Float, Str, Enum };

template<Role R, typename Class, typename Type>
struct Member
{
    static constexpr Role role = R;
    using ClassType = Class;
    using MemberType = Type;
    std::string_view name;
    Type Class::*pointer;
};

template<Role R, typename Class, typename Type>
constexpr Member<R, Class, Type> member(std::string_view name, Type Class::*pointer)
{
    return {name, pointer};
}

template<typename... Members>
constexpr std::tuple<Members...> members(Members... m)
{
    return {m...};
}

namespace detail {

template<typename T>
struct IsOptional : std::false_type {};
template<typename T>
struct IsOptional<std::optional<T>> : std::true_type {};

template<typename T>
struct Unwrapped { using type = T; };
template<typename T>
struct Unwrapped<std::optional<T>> { using type = T; };

constexpr bool isTagRole(Role r) { return r == Role::Tag || r == Role::TagEnum; }
constexpr bool isTimeRole(Role r) { return r == Role::TimeInt || r == Role::TimeStr || r == Role::TimeDt; }
constexpr bool isFieldRole(Role r)
{
    return r == Role::Bool || r == Role::Int || r == Role::Float || r == Role::Str || r == Role::Enum;
}

template<typename Tuple, typename F, std::size_t... I>
constexpr void forEach(const Tuple &t, F &&f, std::index_sequence<I...>)
{
    (f(std::get<I>(t)), ...);
}

template<typename Tuple>
constexpr int countRoles(const Tuple &t, bool (*pred)(Role))
{
    int n = 0;
    forEach(t, [&](const auto &m) { n += pred(std::remove_cvref_t<decltype(m)>::role) ? 1 : 0; },
            std::make_index_sequence<std::tuple_size_v<Tuple>>{});
    return n;
}

constexpr bool isMeasurementRole(Role r) { return r == Role::Measurement; }

// What the server cannot store as a name: checked at compile time for every schema.
constexpr bool validName(std::string_view s, bool isKey)
{
    if (s.empty() || s.back() == '\\' || s.find('\n') != std::string_view::npos)
        return false;
    if (isKey && s == "time")
        return false;
    if (s.front() == '\t' || s.front() == '\0')
        return false;
    return true;
}

template<typename Tuple>
constexpr bool allNamesValid(const Tuple &t)
{
    bool ok = true;
    forEach(t, [&](const auto &m) {
        constexpr Role r = std::remove_cvref_t<decltype(m)>::role;
        if (isTagRole(r) || isFieldRole(r))
            ok = ok && validName(m.name, true);
    }, std::make_index_sequence<std::tuple_size_v<Tuple>>{});
    return ok;
}

// Indices of the tag members, sorted by name bytes (the server's tag order).
template<typename Tuple, std::size_t N>
constexpr std::array<std::size_t, N> sortedTagIndices(const Tuple &t)
{
    std::array<std::size_t, N> idx{};
    std::array<std::string_view, std::tuple_size_v<Tuple>> names{};
    std::size_t n = 0, i = 0;
    forEach(t, [&](const auto &m) {
        names[i] = m.name;
        if (isTagRole(std::remove_cvref_t<decltype(m)>::role))
            idx[n++] = i;
        ++i;
    }, std::make_index_sequence<std::tuple_size_v<Tuple>>{});
    std::sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) {
        const std::string_view x = names[a], y = names[b];
        // unsigned byte order = UTF-8 code point order
        for (std::size_t k = 0; k < std::min(x.size(), y.size()); ++k) {
            if (x[k] != y[k])
                return static_cast<unsigned char>(x[k]) < static_cast<unsigned char>(y[k]);
        }
        return x.size() < y.size();
    });
    return idx;
}

template<typename Tuple, std::size_t N>
constexpr bool tagNamesUnique(const Tuple &t)
{
    const auto idx = sortedTagIndices<Tuple, N>(t);
    std::array<std::string_view, std::tuple_size_v<Tuple>> names{};
    std::size_t i = 0;
    forEach(t, [&](const auto &m) { names[i++] = m.name; }, std::make_index_sequence<std::tuple_size_v<Tuple>>{});
    for (std::size_t k = 1; k < N; ++k) {
        if (names[idx[k]] == names[idx[k - 1]])
            return false;
    }
    return true;
}

// Enum names: a lineProtocolName(E) found by ADL, or Qt's Q_ENUM / Q_ENUM_NS.
template<typename E>
std::string_view enumName(E value)
{
    if constexpr (requires { lineProtocolName(value); }) {
        return std::string_view(lineProtocolName(value));
    } else {
        static_assert(QtPrivate::IsQEnumHelper<E>::Value,
                      "QInflux schema error: a TAGENUM or ENUM member needs Q_ENUM/Q_ENUM_NS or a "
                      "lineProtocolName(E) function returning its name");
        const char *key = QMetaEnum::fromType<E>().valueToKey(int(value));
        return key ? std::string_view(key) : std::string_view();
    }
}

// Escaped constant parts, built once per schema.
struct Prefixes
{
    std::string measurement;          ///< escaped type name
    std::vector<std::string> tagKeys; ///< ",key=" in the server's order
    std::vector<std::string> fieldKeys; ///< "key=" in declaration order
};

inline std::string escapeName(std::string_view s, bool isMeasurement)
{
    std::string out;
    for (char c : s) {
        if (c == ',' || c == ' ' || (c == '=' && !isMeasurement))
            out += '\\';
        out += c;
    }
    return out;
}

} // namespace detail
} // namespace Schema

/// Specialize (or use QINFLUX_LINEPROTOCOL) to describe a type: `name` (the measurement unless a
/// Measurement member gives one) and `members` (Schema::members(...)); optionally
/// `static constexpr bool placeholder = true;` to allow a schema without fields (aioinflux's
/// placeholder: a field `_=true` is written).
template<typename T>
struct LineProtocolSchema;

template<typename T>
concept HasLineProtocolSchema = requires { LineProtocolSchema<T>::members; LineProtocolSchema<T>::name; };

namespace Schema::detail {

template<typename T>
constexpr bool placeholderOf()
{
    if constexpr (requires { LineProtocolSchema<T>::placeholder; })
        return LineProtocolSchema<T>::placeholder;
    else
        return false;
}

template<typename T>
struct Compiled
{
    using S = LineProtocolSchema<T>;
    using Tuple = std::remove_cvref_t<decltype(S::members)>;
    static constexpr std::size_t memberCount = std::tuple_size_v<Tuple>;
    static constexpr int timeCount = countRoles(S::members, &isTimeRole);
    static constexpr int measurementCount = countRoles(S::members, &isMeasurementRole);
    static constexpr int fieldCount = countRoles(S::members, &isFieldRole);
    static constexpr std::size_t tagCount = std::size_t(countRoles(S::members, &isTagRole));
    static constexpr bool placeholder = placeholderOf<T>();

    static_assert(timeCount == 1, "QInflux schema error: a schema needs exactly one time member "
                                  "(QINFLUX_TIMEINT, QINFLUX_TIMESTR or QINFLUX_TIMEDT)");
    static_assert(measurementCount <= 1, "QInflux schema error: a schema can have at most one QINFLUX_MEASUREMENT member");
    static_assert(fieldCount > 0 || placeholder,
                  "QInflux schema error: a schema needs at least one field member (BOOL, INT, FLOAT, STR, ENUM), "
                  "or `placeholder = true`");
    static_assert(allNamesValid(S::members),
                  "QInflux schema error: a tag or field name is empty, is \"time\", contains a newline, ends with a "
                  "backslash or starts with a tab");
    static_assert(validName(S::name, false) && S::name.front() != '#',
                  "QInflux schema error: the measurement name cannot be written in line protocol");
    static_assert(tagNamesUnique<Tuple, tagCount>(S::members), "QInflux schema error: two tag members have the same name");

    static constexpr std::array<std::size_t, tagCount> tagOrder = sortedTagIndices<Tuple, tagCount>(S::members);

    static const Prefixes &prefixes()
    {
        static const Prefixes p = [] {
            Prefixes r;
            r.measurement = escapeName(S::name, true);
            std::array<std::string_view, memberCount> names{};
            std::size_t i = 0;
            forEach(S::members, [&](const auto &m) { names[i++] = m.name; }, std::make_index_sequence<memberCount>{});
            for (std::size_t t : tagOrder)
                r.tagKeys.push_back(',' + escapeName(names[t], false) + '=');
            for (std::size_t k = 0; k < memberCount; ++k)
                r.fieldKeys.push_back(escapeName(names[k], false) + '=');
            return r;
        }();
        return p;
    }
};

template<typename V>
std::string_view stringOf(const V &v)
{
    if constexpr (std::is_convertible_v<const V &, std::string_view>)
        return std::string_view(v);
    else
        static_assert(sizeof(V) == 0, "QInflux schema error: use std::string, std::string_view or QString here");
}

} // namespace Schema::detail

namespace LineProtocol {

/// Appends one schema-described object; false with `error` set when it cannot be written (the
/// buffer is then unchanged).
template<HasLineProtocolSchema T>
bool append(LineWriter &w, const T &object, const Options &options, QString *error)
{
    using namespace Schema;
    using namespace Schema::detail;
    using C = Compiled<T>;
    const Prefixes &prefix = C::prefixes();
    constexpr auto &members = LineProtocolSchema<T>::members;
    w.begin();
    bool ok = true;

    // measurement
    if constexpr (C::measurementCount == 1) {
        forEach(members, [&](const auto &m) {
            if constexpr (std::remove_cvref_t<decltype(m)>::role == Role::Measurement) {
                const auto &v = object.*(m.pointer);
                if constexpr (std::is_convertible_v<decltype(v), QStringView> && !std::is_convertible_v<decltype(v), std::string_view>)
                    ok = w.measurement(QStringView(v));
                else
                    ok = w.measurement(stringOf(v));
            }
        }, std::make_index_sequence<C::memberCount>{});
    } else {
        w.raw(prefix.measurement);
    }

    // tags, in the server's order (compile-time), merged with the extra tags
    qsizetype extra = 0;
    auto writeExtraBefore = [&](std::string_view key) {
        // extra tags whose key sorts before `key` (all remaining when key is empty)
        while (ok && extra < options.extraTags.size()) {
            const auto &[k, v] = options.extraTags[extra];
            const QByteArray k8 = k.toUtf8();
            const std::string_view k8v(k8.constData(), size_t(k8.size()));
            if (!key.empty() && k8v == key) {
                ++extra; // the object's own tag wins
                continue;
            }
            if (!key.empty() && !(k8v < key))
                break;
            ok = w.tag(QStringView(k), QStringView(v));
            ++extra;
        }
    };
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        auto one = [&](auto index) {
            constexpr std::size_t memberIndex = C::tagOrder[decltype(index)::value];
            const auto &m = std::get<memberIndex>(members);
            if (!ok)
                return;
            if (!options.extraTags.isEmpty())
                writeExtraBefore(m.name);
            const auto &raw = object.*(m.pointer);
            using Raw = std::remove_cvref_t<decltype(raw)>;
            const typename Unwrapped<Raw>::type *value = nullptr;
            if constexpr (IsOptional<Raw>::value)
                value = raw ? &*raw : nullptr;
            else
                value = &raw;
            if (!value)
                return;
            using V = typename Unwrapped<Raw>::type;
            if constexpr (std::remove_cvref_t<decltype(m)>::role == Role::TagEnum)
                ok = w.tagValue(prefix.tagKeys[decltype(index)::value], enumName(*value));
            else if constexpr (std::is_same_v<V, QString>)
                ok = w.tagValue(prefix.tagKeys[decltype(index)::value], QStringView(*value));
            else
                ok = w.tagValue(prefix.tagKeys[decltype(index)::value], stringOf(*value));
        };
        (one(std::integral_constant<std::size_t, I>{}), ...);
    }(std::make_index_sequence<C::tagCount>{});
    if (ok && !options.extraTags.isEmpty())
        writeExtraBefore({});

    // fields, in declaration order
    std::optional<std::int64_t> time;
    std::size_t memberIndex = 0;
    forEach(members, [&](const auto &m) {
        const std::size_t index = memberIndex++;
        constexpr Role role = std::remove_cvref_t<decltype(m)>::role;
        if (!ok)
            return;
        const auto &raw = object.*(m.pointer);
        using Raw = std::remove_cvref_t<decltype(raw)>;
        using V = typename Unwrapped<Raw>::type;
        const V *value = nullptr;
        if constexpr (IsOptional<Raw>::value)
            value = raw ? &*raw : nullptr;
        else
            value = &raw;
        if constexpr (role == Role::TimeInt) {
            static_assert(std::is_integral_v<V>, "QInflux schema error: a TIMEINT member must be an integer (nanoseconds)");
            if (value)
                time = std::int64_t(*value);
        } else if constexpr (role == Role::TimeStr) {
            if (value) {
                std::optional<std::int64_t> parsed;
                if constexpr (std::is_same_v<V, QString>)
                    parsed = Timestamp::fromRfc3339(*value);
                else
                    parsed = Timestamp::fromRfc3339(QString::fromUtf8(stringOf(*value).data(), qsizetype(stringOf(*value).size())));
                if (!parsed)
                    ok = w.failWith("the TIMESTR member is not an RFC 3339 / ISO 8601 time");
                time = parsed;
            }
        } else if constexpr (role == Role::TimeDt) {
            if (value) {
                std::optional<std::int64_t> ns;
                if constexpr (std::is_same_v<V, QDateTime>)
                    ns = Time::fromDateTime(*value);
                else
                    ns = Time::fromTimePoint(*value);
                if (!ns)
                    ok = w.failWith("the TIMEDT member is invalid or out of range");
                time = ns;
            }
        } else if constexpr (isFieldRole(role)) {
            if (!value)
                return;
            const std::string &key = prefix.fieldKeys[index];
            if constexpr (role == Role::Bool) {
                ok = w.fieldValue(key, bool(*value));
            } else if constexpr (role == Role::Int) {
                static_assert(std::is_integral_v<V>, "QInflux schema error: an INT member must be an integer type");
                if constexpr (std::is_unsigned_v<V> && sizeof(V) == 8) {
                    if (*value > std::uint64_t(std::numeric_limits<std::int64_t>::max()))
                        ok = w.failWith("an INT member is beyond the int64 range");
                    else
                        ok = w.fieldValue(key, std::int64_t(*value));
                } else {
                    ok = w.fieldValue(key, std::int64_t(*value));
                }
            } else if constexpr (role == Role::Float) {
                static_assert(std::is_arithmetic_v<V>, "QInflux schema error: a FLOAT member must be a number");
                ok = w.fieldValue(key, double(*value));
            } else if constexpr (role == Role::Enum) {
                ok = w.fieldValue(key, enumName(*value));
            } else if constexpr (std::is_same_v<V, QString>) {
                ok = w.fieldValue(key, QStringView(*value));
            } else {
                ok = w.fieldValue(key, stringOf(*value));
            }
        }
    }, std::make_index_sequence<C::memberCount>{});
    if (ok && C::placeholder && w.fieldCount() == 0)
        ok = w.fieldValue(std::string_view("_="), true);
    if (ok)
        ok = time ? w.end(*time) : w.end();
    if (!ok && error)
        *error = w.error();
    return ok;
}

/// Serializes a range of schema-described objects; refused ones become Problems (by index).
template<std::ranges::input_range Range>
    requires HasLineProtocolSchema<std::ranges::range_value_t<Range>>
Output serialize(const Range &objects, const Options &options = {})
{
    Output out;
    if constexpr (std::ranges::sized_range<Range>)
        LineWriter::reserve(out.lines, qsizetype(std::ranges::size(objects)) * 128);
    LineWriter w(out.lines, options.precision, options.allowUnsigned);
    Tags extra = options.extraTags;
    std::sort(extra.begin(), extra.end());
    Options sorted = options;
    sorted.extraTags = extra;
    QString error;
    qsizetype index = 0;
    for (const auto &object : objects) {
        if (append(w, object, sorted, &error))
            ++out.points;
        else
            out.problems.append({index, error});
        ++index;
    }
    return out;
}

} // namespace LineProtocol
} // namespace QInflux

/// Describes `Type` for the line-protocol writers: QINFLUX_LINEPROTOCOL(Trade, QINFLUX_TIMEINT(ts), ...).
/// Use at global namespace scope.
#define QINFLUX_LINEPROTOCOL(Type, ...)                                                                    \
    template<>                                                                                             \
    struct QInflux::LineProtocolSchema<Type>                                                               \
    {                                                                                                      \
        using Self = Type;                                                                                 \
        static constexpr std::string_view name = #Type;                                                    \
        static constexpr auto members = ::QInflux::Schema::members(__VA_ARGS__);                           \
    }

#define QINFLUX_SCHEMA_MEMBER_(role, m) ::QInflux::Schema::member<::QInflux::Schema::Role::role>(#m, &Self::m)
#define QINFLUX_MEASUREMENT(m) QINFLUX_SCHEMA_MEMBER_(Measurement, m)
#define QINFLUX_TIMEINT(m) QINFLUX_SCHEMA_MEMBER_(TimeInt, m)
#define QINFLUX_TIMESTR(m) QINFLUX_SCHEMA_MEMBER_(TimeStr, m)
#define QINFLUX_TIMEDT(m) QINFLUX_SCHEMA_MEMBER_(TimeDt, m)
#define QINFLUX_TAG(m) QINFLUX_SCHEMA_MEMBER_(Tag, m)
#define QINFLUX_TAGENUM(m) QINFLUX_SCHEMA_MEMBER_(TagEnum, m)
#define QINFLUX_BOOL(m) QINFLUX_SCHEMA_MEMBER_(Bool, m)
#define QINFLUX_INT(m) QINFLUX_SCHEMA_MEMBER_(Int, m)
#define QINFLUX_FLOAT(m) QINFLUX_SCHEMA_MEMBER_(Float, m)
#define QINFLUX_STR(m) QINFLUX_SCHEMA_MEMBER_(Str, m)
#define QINFLUX_ENUM(m) QINFLUX_SCHEMA_MEMBER_(Enum, m)
