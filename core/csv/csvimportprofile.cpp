#include <QInflux/csvimportprofile.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSet>

using namespace Qt::StringLiterals;

namespace QInflux {

namespace {

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

bool toStringList(const QJsonValue &value, const QString &key, QStringList *out, QString *error)
{
    if (!value.isArray()) {
        *error = u"\"%1\" must be an array of column names"_s.arg(key);
        return false;
    }
    out->clear();
    for (const QJsonValue &v : value.toArray()) {
        if (!v.isString()) {
            *error = u"\"%1\" must hold strings only"_s.arg(key);
            return false;
        }
        out->append(v.toString());
    }
    return true;
}

const QString kOnError = u"onError"_s;

} // namespace

QJsonObject CsvImportProfile::toJson() const
{
    QJsonObject o;
    o[u"dialect"_s] = dialect.toJson();
    o[u"decimalComma"_s] = decimalComma;
    o[u"sampleRows"_s] = sampleRows;
    if (!measurement.isEmpty())
        o[u"measurement"_s] = measurement;
    if (!measurementColumn.isEmpty())
        o[u"measurementColumn"_s] = measurementColumn;
    o[u"timeColumns"_s] = toArray(timeColumns);
    o[u"timeFormat"_s] = timeFormat.isEmpty() ? u"auto"_s : timeFormat;
    o[u"timeZone"_s] = timeZone.isEmpty() ? u"UTC"_s : timeZone;
    o[u"tagColumns"_s] = toArray(tagColumns);
    QJsonObject fields;
    QJsonArray fieldOrder;
    for (const CsvFieldColumn &f : fieldColumns)
        fieldOrder.append(QJsonObject{{u"name"_s, f.name}, {u"type"_s, csvTypeName(f.type)}});
    o[u"fieldColumns"_s] = fieldOrder;
    o[u"ignoreColumns"_s] = toArray(ignoreColumns);
    QJsonObject tags;
    for (const auto &[k, v] : extraTags)
        tags[k] = v;
    o[u"extraTags"_s] = tags;
    o[u"precision"_s] = precisionParameter(precision);
    o[kOnError] = onError == CsvOnError::Stop ? u"stop"_s : u"skip"_s;
    return o;
}

std::optional<CsvImportProfile> CsvImportProfile::fromJson(const QJsonObject &o, QString *error)
{
    static const QSet<QString> known = {u"dialect"_s, u"decimalComma"_s, u"sampleRows"_s, u"measurement"_s, u"measurementColumn"_s,
                                        u"timeColumns"_s, u"timeFormat"_s, u"timeZone"_s, u"tagColumns"_s, u"fieldColumns"_s,
                                        u"ignoreColumns"_s, u"extraTags"_s, u"precision"_s, kOnError};
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!known.contains(it.key())) {
            *error = u"unknown key \"%1\""_s.arg(it.key());
            return std::nullopt;
        }
    }
    CsvImportProfile p;
    if (o.contains(u"dialect"_s) && !CsvDialect::fromJson(o[u"dialect"_s].toObject(), &p.dialect, error))
        return std::nullopt;
    p.decimalComma = o[u"decimalComma"_s].toBool(false);
    p.sampleRows = o[u"sampleRows"_s].toInt(1000);
    if (p.sampleRows < 1) {
        *error = u"sampleRows must be at least 1"_s;
        return std::nullopt;
    }
    p.measurement = o[u"measurement"_s].toString();
    p.measurementColumn = o[u"measurementColumn"_s].toString();
    for (const auto &[key, list] : {std::pair{u"timeColumns"_s, &p.timeColumns}, std::pair{u"tagColumns"_s, &p.tagColumns},
                                    std::pair{u"ignoreColumns"_s, &p.ignoreColumns}}) {
        if (o.contains(key) && !toStringList(o[key], key, list, error))
            return std::nullopt;
    }
    if (p.timeColumns.size() > 2) {
        *error = u"timeColumns takes one column, or two (a date and a time)"_s;
        return std::nullopt;
    }
    p.timeFormat = o[u"timeFormat"_s].toString();
    p.timeZone = o[u"timeZone"_s].toString();
    for (const QJsonValue &v : o[u"fieldColumns"_s].toArray()) {
        CsvFieldColumn f;
        f.name = v[u"name"_s].toString();
        if (f.name.isEmpty() || !parseCsvType(v[u"type"_s].toString(u"auto"_s), &f.type) || f.type == CsvType::Time) {
            *error = u"fieldColumns: each entry needs a name and a type (auto, int, float, bool, string)"_s;
            return std::nullopt;
        }
        p.fieldColumns.append(f);
    }
    const QJsonObject tags = o[u"extraTags"_s].toObject();
    for (auto it = tags.begin(); it != tags.end(); ++it)
        p.extraTags.append({it.key(), it.value().toString()});
    const QString precision = o[u"precision"_s].toString(u"n"_s);
    bool found = false;
    for (TimeUnit unit : {TimeUnit::Nanoseconds, TimeUnit::Microseconds, TimeUnit::Milliseconds, TimeUnit::Seconds, TimeUnit::Minutes,
                          TimeUnit::Hours}) {
        if (precision == precisionParameter(unit) || precision == epochParameter(unit)) {
            p.precision = unit;
            found = true;
        }
    }
    if (!found) {
        *error = u"precision \"%1\" is not one of n, u, ms, s, m, h"_s.arg(precision);
        return std::nullopt;
    }
    const QString onError = o[kOnError].toString(u"skip"_s);
    if (onError != "skip"_L1 && onError != "stop"_L1) {
        *error = u"onError must be skip or stop, not \"%1\""_s.arg(onError);
        return std::nullopt;
    }
    p.onError = onError == "stop"_L1 ? CsvOnError::Stop : CsvOnError::Skip;
    return p;
}

bool CsvImportProfile::save(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = u"cannot write %1: %2"_s.arg(path, file.errorString());
        return false;
    }
    file.write(QJsonDocument(toJson()).toJson());
    if (!file.commit()) {
        *error = u"cannot write %1: %2"_s.arg(path, file.errorString());
        return false;
    }
    return true;
}

std::optional<CsvImportProfile> CsvImportProfile::load(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read %1: %2"_s.arg(path, file.errorString());
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isObject()) {
        *error = u"%1 is not a JSON object: %2 at byte %3"_s.arg(path, parseError.errorString()).arg(parseError.offset);
        return std::nullopt;
    }
    QString why;
    auto profile = fromJson(doc.object(), &why);
    if (!profile)
        *error = u"%1: %2"_s.arg(path, why);
    return profile;
}

bool CsvImportProfile::parseFieldList(const QString &text, QList<CsvFieldColumn> *fields, QString *error)
{
    fields->clear();
    for (const QString &item : text.split(u',', Qt::SkipEmptyParts)) {
        CsvFieldColumn f;
        const qsizetype colon = item.lastIndexOf(u':');
        f.name = (colon < 0 ? item : item.left(colon)).trimmed();
        if (colon >= 0 && (!parseCsvType(QStringView(item).sliced(colon + 1), &f.type) || f.type == CsvType::Time)) {
            *error = u"field column \"%1\": the type must be int, float, bool, string or auto"_s.arg(item);
            return false;
        }
        if (f.name.isEmpty()) {
            *error = u"an empty field column name in \"%1\""_s.arg(text);
            return false;
        }
        fields->append(f);
    }
    return true;
}

} // namespace QInflux
