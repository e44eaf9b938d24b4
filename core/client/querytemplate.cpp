#include <QInflux/querytemplate.h>

#include <array>
#include <limits>

using namespace Qt::StringLiterals;

namespace QInflux {

namespace {

constexpr qint64 s_second = 1'000'000'000LL;
constexpr qint64 s_minute = 60 * s_second;
constexpr qint64 s_hour = 60 * s_minute;
constexpr qint64 s_day = 24 * s_hour;

struct MacroUse
{
    qsizetype position = 0;
    qsizetype length = 0;
    QString name; ///< without the '$'
};

bool isNameStart(QChar c)
{
    return c.isLetter() || c == u'_';
}

bool isNamePart(QChar c)
{
    return c.isLetterOrNumber() || c == u'_';
}

/// "line L, column C" (1-based) of `position` in `text`.
QString where(const QString &text, qsizetype position)
{
    const QStringView before = QStringView(text).left(position);
    const qsizetype line = before.count(u'\n') + 1;
    const qsizetype column = position - (before.lastIndexOf(u'\n') + 1) + 1;
    return u"line %1, column %2"_s.arg(line).arg(column);
}

/// The $names of `text` outside strings, quoted identifiers, regexes and comments.
QList<MacroUse> scan(const QString &text)
{
    QList<MacroUse> uses;
    QChar lastSignificant[2]; // the two last non-space characters outside literals, for "=~ /re/"
    const qsizetype n = text.size();
    qsizetype i = 0;
    const auto skipQuoted = [&](QChar close) {
        for (++i; i < n; ++i) {
            if (text[i] == u'\\')
                ++i;
            else if (text[i] == close)
                break;
        }
        ++i;
    };
    while (i < n) {
        const QChar c = text[i];
        if (c == u'\'' || c == u'"') {
            skipQuoted(c);
        } else if (c == u'/' && lastSignificant[1] == u'~' && (lastSignificant[0] == u'=' || lastSignificant[0] == u'!')) {
            skipQuoted(u'/');
        } else if (c == u'-' && i + 1 < n && text[i + 1] == u'-') {
            while (i < n && text[i] != u'\n')
                ++i;
        } else if (c == u'$' && i + 1 < n && isNameStart(text[i + 1])) {
            qsizetype end = i + 2;
            while (end < n && isNamePart(text[end]))
                ++end;
            uses.append({i, end - i, text.mid(i + 1, end - i - 1)});
            i = end;
        } else {
            ++i;
        }
        if (!c.isSpace()) {
            lastSignificant[0] = lastSignificant[1];
            lastSignificant[1] = c;
        }
    }
    return uses;
}

} // namespace

QStringList QueryTemplate::knownMacros()
{
    return {u"$timeFilter"_s, u"$from"_s, u"$to"_s, u"$interval"_s};
}

QStringList QueryTemplate::macros() const
{
    QStringList names;
    for (const MacroUse &use : scan(m_text)) {
        const QString name = u'$' + use.name;
        if (knownMacros().contains(name) && !names.contains(name))
            names << name;
    }
    return names;
}

Result<QString> QueryTemplate::expand(const TimeRange &range) const
{
    return expand(range, Options{});
}

Result<QString> QueryTemplate::expand(const TimeRange &range, const Options &options) const
{
    QList<MacroUse> uses = scan(m_text);
    uses.removeIf([&](const MacroUse &use) { return options.parameters.contains(use.name); });
    for (const MacroUse &use : uses) {
        if (!knownMacros().contains(u'$' + use.name)) {
            return Error(Error::Kind::Usage,
                         u"Unknown macro $%1 at %2; the macros are %3"_s.arg(
                             use.name, where(m_text, use.position), knownMacros().join(u", "_s)));
        }
    }
    if (uses.isEmpty())
        return m_text;
    const auto resolved = range.resolve(options.nowNs);
    if (!resolved)
        return resolved.error();
    qint64 span = 0; // from minTime to maxTime does not fit
    if (__builtin_sub_overflow(resolved->to, resolved->from, &span))
        span = std::numeric_limits<qint64>::max();
    const QString from = QString::number(resolved->from) + u"ns"_s;
    const QString to = QString::number(resolved->to) + u"ns"_s;
    QString out;
    out.reserve(m_text.size() + 64 * uses.size());
    qsizetype copied = 0;
    for (const MacroUse &use : uses) {
        out += QStringView(m_text).mid(copied, use.position - copied);
        if (use.name == "timeFilter"_L1)
            out += u"time >= "_s + from + u" AND time < "_s + to;
        else if (use.name == "from"_L1)
            out += from;
        else if (use.name == "to"_L1)
            out += to;
        else
            out += Duration::toInfluxQL(interval(span, options.pixelWidth));
        copied = use.position + use.length;
    }
    out += QStringView(m_text).mid(copied);
    return out;
}

qint64 QueryTemplate::interval(qint64 spanNs, int pixelWidth)
{
    const qint64 width = std::max(1, pixelWidth);
    const qint64 wanted = std::max<qint64>(1, spanNs / width + (spanNs % width != 0 ? 1 : 0));
    // Below a second: 1, 2, 5 x 10^k ns.
    if (wanted < s_second) {
        for (qint64 decade = 1; decade < s_second; decade *= 10) {
            for (const qint64 step : {decade, 2 * decade, 5 * decade}) {
                if (step >= wanted)
                    return step;
            }
        }
    }
    static constexpr std::array s_steps{
        s_second,      5 * s_second,  10 * s_second, 15 * s_second, 30 * s_second, s_minute,
        5 * s_minute,  10 * s_minute, 15 * s_minute, 30 * s_minute, s_hour,        3 * s_hour,
        6 * s_hour,    12 * s_hour,   s_day,         7 * s_day,     30 * s_day,    90 * s_day,
        180 * s_day,   365 * s_day,
    };
    for (const qint64 step : s_steps) {
        if (step >= wanted)
            return step;
    }
    // Whole years (of 365 days): 2, 5, 10, 20, 50, 100, 200 (the most 64-bit nanoseconds hold).
    for (const qint64 years : {2, 5, 10, 20, 50, 100}) {
        if (years * 365 * s_day >= wanted)
            return years * 365 * s_day;
    }
    return 200 * 365 * s_day;
}

} // namespace QInflux
