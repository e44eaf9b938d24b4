#include "influxql.h"

namespace QInflux::InfluxQL {

namespace {

// InfluxQL's scanner reads \\, \", \' and \n inside quotes; a raw newline ends the token with an error.
QString quote(QStringView text, QChar quoteChar)
{
    QString out;
    out.reserve(text.size() + 2);
    out += quoteChar;
    for (QChar c : text) {
        if (c == u'\\' || c == quoteChar) {
            out += u'\\';
            out += c;
        } else if (c == u'\n') {
            out += QLatin1StringView("\\n");
        } else {
            out += c;
        }
    }
    out += quoteChar;
    return out;
}

} // namespace

QString quoteIdentifier(QStringView name)
{
    return quote(name, u'"');
}

QString quoteString(QStringView text)
{
    return quote(text, u'\'');
}

} // namespace QInflux::InfluxQL
