#include <QInflux/influxql.h>

#include <QRegularExpression>

using namespace Qt::StringLiterals;

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

/// Calls `onCode(index)` for every character outside quoted strings, quoted identifiers and `--` comments.
template<typename Code>
void scanCode(QStringView query, Code onCode)
{
    QChar quote;
    for (qsizetype i = 0; i < query.size(); ++i) {
        const QChar c = query[i];
        if (!quote.isNull()) {
            if (c == u'\\')
                ++i;
            else if (c == quote)
                quote = QChar();
            continue;
        }
        if (c == u'\'' || c == u'"') {
            quote = c;
        } else if (c == u'-' && i + 1 < query.size() && query[i + 1] == u'-') {
            while (i < query.size() && query[i] != u'\n')
                ++i;
        } else {
            onCode(i);
        }
    }
}

} // namespace

QStringList splitStatements(QStringView query)
{
    QStringList statements;
    qsizetype start = 0;
    scanCode(query, [&](qsizetype i) {
        if (query[i] == u';') {
            statements.append(query.mid(start, i - start).trimmed().toString());
            start = i + 1;
        }
    });
    statements.append(query.mid(start).trimmed().toString());
    statements.removeIf([](const QString &st) { return st.isEmpty(); });
    return statements;
}

bool aggregatesWithoutTime(QStringView statement)
{
    // The statement's code with quoted text and comments blanked out, in lower case.
    QString code(statement.size(), u' ');
    scanCode(statement, [&](qsizetype i) { code[i] = statement[i].toLower(); });
    static const QRegularExpression select(u"^\\s*select\\b"_s);
    static const QRegularExpression aggregate(u"\\b(count|distinct|integral|mean|median|mode|spread|stddev|sum)\\s*\\("_s);
    static const QRegularExpression byTime(u"\\bgroup\\s+by\\b[^;]*\\btime\\s*\\("_s);
    return select.match(code).hasMatch() && aggregate.match(code).hasMatch() && !byTime.match(code).hasMatch();
}

QSet<int> timelessStatements(QStringView query)
{
    QSet<int> ids;
    const QStringList statements = splitStatements(query);
    for (int i = 0; i < statements.size(); ++i) {
        if (aggregatesWithoutTime(statements[i]))
            ids.insert(i);
    }
    return ids;
}

QString quoteIdentifier(QStringView name)
{
    return quote(name, u'"');
}

QString quoteString(QStringView text)
{
    return quote(text, u'\'');
}

} // namespace QInflux::InfluxQL
