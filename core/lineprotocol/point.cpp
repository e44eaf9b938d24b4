#include <QInflux/point.h>

#include <QInflux/timestamp.h>
#include "jsontext_p.h"

#include <QJsonArray>
#include <QJsonValue>

#include <QTimeZone>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace QInflux {

namespace Time {

std::optional<std::int64_t> fromDateTime(const QDateTime &dateTime)
{
    if (!dateTime.isValid())
        return std::nullopt;
    std::int64_t ns = 0;
    if (__builtin_mul_overflow(std::int64_t(dateTime.toMSecsSinceEpoch()), std::int64_t(1'000'000), &ns))
        return std::nullopt;
    return ns;
}

Result<std::int64_t> fromVariant(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::LongLong:
    case QMetaType::Int:
    case QMetaType::Long:
        return std::int64_t(value.toLongLong());
    case QMetaType::UInt:
        return std::int64_t(value.toUInt());
    case QMetaType::ULongLong: {
        const quint64 v = value.toULongLong();
        if (v > quint64(std::numeric_limits<std::int64_t>::max()))
            return Error(Error::Kind::Usage, u"the time %1 is beyond the int64 nanosecond range"_s.arg(v));
        return std::int64_t(v);
    }
    case QMetaType::QString: {
        const QString text = value.toString();
        if (auto ns = Timestamp::fromRfc3339(text))
            return *ns;
        return Error(Error::Kind::Usage, u"the time \"%1\" is not an RFC 3339 / ISO 8601 date or date-time"_s.arg(text));
    }
    case QMetaType::QDateTime:
        if (auto ns = fromDateTime(value.toDateTime()))
            return *ns;
        return Error(Error::Kind::Usage, u"the time is an invalid or out-of-range QDateTime"_s);
    case QMetaType::QDate: {
        const QDate date = value.toDate();
        if (auto ns = fromDateTime(QDateTime(date, QTime(0, 0), Qt::UTC)))
            return *ns;
        return Error(Error::Kind::Usage, u"the time is an invalid QDate"_s);
    }
    case QMetaType::Double: {
        const double d = value.toDouble();
        if (d == std::floor(d) && std::abs(d) < 9.2e18)
            return std::int64_t(d);
        return Error(Error::Kind::Usage, std::abs(d) >= 9.2e18 ? u"the time %1 is outside the int64 nanosecond range"_s.arg(d)
                                                           : u"the time %1 is not a whole number of nanoseconds"_s.arg(d));
    }
    default:
        return Error(Error::Kind::Usage, u"the time has type %1; expected integer nanoseconds, a date string or a QDateTime"_s
                                             .arg(QString::fromLatin1(value.typeName())));
    }
}

} // namespace Time

namespace {

Result<FieldValue> fieldFromVariant(const QString &key, const QVariant &v)
{
    switch (v.typeId()) {
    case QMetaType::Bool: return FieldValue(v.toBool());
    case QMetaType::Int:
    case QMetaType::Long:
    case QMetaType::LongLong:
    case QMetaType::Short:
    case QMetaType::UInt:
    case QMetaType::UShort:
    case QMetaType::Char:
    case QMetaType::SChar:
    case QMetaType::UChar: return FieldValue(std::int64_t(v.toLongLong()));
    case QMetaType::ULong:
    case QMetaType::ULongLong: return FieldValue(std::uint64_t(v.toULongLong()));
    case QMetaType::Double:
    case QMetaType::Float: return FieldValue(v.toDouble());
    case QMetaType::QString: return FieldValue(v.toString());
    case QMetaType::QByteArray: return FieldValue(QString::fromUtf8(v.toByteArray()));
    default:
        return Error(Error::Kind::Usage, u"field \"%1\" has type %2; expected a number, bool or string"_s.arg(
                                             key, QString::fromLatin1(v.typeName())));
    }
}

} // namespace

Result<Point> Point::fromVariantMap(const QVariantMap &map)
{
    Point point;
    if (auto it = map.find(u"measurement"_s); it != map.end() && !it->isNull())
        point.measurement = it->toString();
    if (auto it = map.find(u"time"_s); it != map.end() && !it->isNull()) {
        auto ns = Time::fromVariant(*it);
        if (!ns)
            return ns.error();
        point.time = *ns;
    }
    if (auto it = map.find(u"tags"_s); it != map.end() && !it->isNull()) {
        if (it->typeId() != QMetaType::QVariantMap)
            return Error(Error::Kind::Usage, u"\"tags\" must be a mapping of tag keys to strings"_s);
        const QVariantMap tags = it->toMap();
        for (auto t = tags.begin(); t != tags.end(); ++t) {
            if (t->isNull())
                continue;
            if (t->typeId() != QMetaType::QString)
                return Error(Error::Kind::Usage, u"tag \"%1\" is not a string"_s.arg(t.key()));
            point.tags.append({t.key(), t->toString()});
        }
    }
    const auto fields = map.find(u"fields"_s);
    if (fields == map.end() || fields->typeId() != QMetaType::QVariantMap)
        return Error(Error::Kind::Usage, u"\"fields\" is missing or not a mapping"_s);
    const QVariantMap f = fields->toMap();
    for (auto it = f.begin(); it != f.end(); ++it) {
        if (it->isNull())
            continue;
        auto value = fieldFromVariant(it.key(), *it);
        if (!value)
            return value.error();
        point.fields.append({it.key(), std::move(value).value()});
    }
    return point;
}

Result<Point> Point::fromJsonText(QByteArrayView json)
{
    auto parsed = JsonText::parse(json);
    if (!parsed)
        return parsed.error();
    if (parsed->typeId() != QMetaType::QVariantMap)
        return Error(Error::Kind::Usage, u"the JSON value is not an object"_s);
    return fromVariantMap(parsed->toMap());
}

Result<Point> Point::fromJson(const QJsonObject &object)
{
    Point point;
    const QJsonValue measurement = object.value("measurement"_L1);
    if (!measurement.isUndefined() && !measurement.isNull()) {
        if (!measurement.isString())
            return Error(Error::Kind::Usage, u"\"measurement\" is not a string"_s);
        point.measurement = measurement.toString();
    }
    const QJsonValue time = object.value("time"_L1);
    if (!time.isUndefined() && !time.isNull()) {
        // toVariant() keeps JSON integers as qint64 and numbers with a fraction or exponent as double.
        auto ns = Time::fromVariant(time.toVariant());
        if (!ns)
            return ns.error();
        point.time = *ns;
    }
    const QJsonValue tags = object.value("tags"_L1);
    if (!tags.isUndefined() && !tags.isNull()) {
        if (!tags.isObject())
            return Error(Error::Kind::Usage, u"\"tags\" is not an object"_s);
        const QJsonObject t = tags.toObject();
        for (auto it = t.begin(); it != t.end(); ++it) {
            if (it->isNull())
                continue;
            if (!it->isString())
                return Error(Error::Kind::Usage, u"tag \"%1\" is not a string"_s.arg(it.key()));
            point.tags.append({it.key(), it->toString()});
        }
    }
    const QJsonValue fields = object.value("fields"_L1);
    if (!fields.isObject())
        return Error(Error::Kind::Usage, u"\"fields\" is missing or not an object"_s);
    const QJsonObject f = fields.toObject();
    for (auto it = f.begin(); it != f.end(); ++it) {
        const QJsonValue v = it.value();
        switch (v.type()) {
        case QJsonValue::Null: break;
        case QJsonValue::Bool: point.fields.append({it.key(), FieldValue(v.toBool())}); break;
        case QJsonValue::String: point.fields.append({it.key(), FieldValue(v.toString())}); break;
        case QJsonValue::Double: {
            const QVariant number = v.toVariant();
            if (number.typeId() == QMetaType::LongLong)
                point.fields.append({it.key(), FieldValue(std::int64_t(number.toLongLong()))});
            else
                point.fields.append({it.key(), FieldValue(number.toDouble())});
            break;
        }
        default:
            return Error(Error::Kind::Usage, u"field \"%1\" is an array or object; expected a number, bool or string"_s.arg(it.key()));
        }
    }
    return point;
}

} // namespace QInflux
