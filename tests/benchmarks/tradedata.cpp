#include "tradedata.h"

#include <QInflux/timestamp.h>

#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>

#include <charconv>
#include <map>
#include <string_view>

using namespace Qt::StringLiterals;

namespace QInflux::Bench {

namespace {

std::string_view viewOf(const QByteArray &bytes, qsizetype begin, qsizetype end)
{
    return std::string_view(bytes.constData() + begin, size_t(end - begin));
}

QString qstringOf(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

template<typename T>
bool parseNumber(std::string_view text, T &value)
{
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return ec == std::errc() && end == text.data() + text.size();
}

int decimalDigits(std::int64_t v)
{
    char buffer[24];
    return int(std::to_chars(buffer, buffer + sizeof buffer, v).ptr - buffer);
}

int shortestDoubleChars(double v)
{
    char buffer[32];
    return int(std::to_chars(buffer, buffer + sizeof buffer, v).ptr - buffer);
}

// One QString per distinct value, shared by every row that has it.
class Interner
{
public:
    const QString &operator()(const std::string &s)
    {
        auto it = m_strings.find(s);
        if (it == m_strings.end())
            it = m_strings.emplace(s, qstringOf(s)).first;
        return it->second;
    }

private:
    std::map<std::string, QString, std::less<>> m_strings;
};

// A line-protocol line split into its parts (no validation beyond what the comparison needs).
struct DecodedLine
{
    QString measurement;
    QList<std::pair<QString, QString>> tags;
    QList<std::pair<QString, QString>> fields; // raw value text: 1.5, 3i, "text" unquoted
    QString time;
};

QString unescape(std::string_view s)
{
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size())
            ++i;
        out += s[i];
    }
    return qstringOf(out);
}

// Splits at `separator` outside of backslash escapes (and of double quotes when `quotes`).
std::vector<std::string_view> split(std::string_view s, char separator, bool quotes)
{
    std::vector<std::string_view> parts;
    bool inQuotes = false;
    size_t start = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '\\') {
            ++i;
        } else if (quotes && c == '"') {
            inQuotes = !inQuotes;
        } else if (c == separator && !inQuotes) {
            parts.push_back(s.substr(start, i - start));
            start = i + 1;
        }
    }
    parts.push_back(s.substr(start));
    return parts;
}

std::optional<DecodedLine> decode(std::string_view line)
{
    const auto sections = split(line, ' ', true);
    if (sections.size() != 3)
        return std::nullopt;
    DecodedLine d;
    const auto key = split(sections[0], ',', false);
    d.measurement = unescape(key[0]);
    for (size_t i = 1; i < key.size(); ++i) {
        const auto kv = split(key[i], '=', false);
        if (kv.size() != 2)
            return std::nullopt;
        d.tags.append({unescape(kv[0]), unescape(kv[1])});
    }
    for (std::string_view field : split(sections[1], ',', true)) {
        const size_t eq = field.find('=');
        if (eq == std::string_view::npos)
            return std::nullopt;
        std::string_view value = field.substr(eq + 1);
        QString text;
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
            text = unescape(value.substr(1, value.size() - 2));
        else
            text = qstringOf(value);
        d.fields.append({unescape(field.substr(0, eq)), text});
    }
    d.time = qstringOf(sections[2]);
    return d;
}

} // namespace

std::optional<TradeSet> loadTradeCsv(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read %1: %2"_s.arg(path, file.errorString());
        return std::nullopt;
    }
    const QByteArray data = file.readAll();
    TradeSet set;
    qsizetype pos = data.indexOf('\n');
    if (pos < 0 || viewOf(data, 0, pos) != "time,instrument,source,side,price,size,trade_id") {
        *error = u"%1 is not a gen_data.py trade CSV (unexpected header)"_s.arg(path);
        return std::nullopt;
    }
    ++pos;
    qsizetype row = 0;
    // "Trade,instrument=" + ",source=" + ",side=" + " price=" + ",size=" + "i,trade_id=\"" + "\" " + "\n"
    constexpr std::int64_t kConstantBytes = 17 + 8 + 6 + 7 + 6 + 12 + 2 + 1;
    while (pos < data.size()) {
        qsizetype eol = data.indexOf('\n', pos);
        if (eol < 0)
            eol = data.size();
        ++row;
        const auto cells = split(viewOf(data, pos, eol), ',', false);
        pos = eol + 1;
        if (cells.size() != 7) {
            *error = u"%1 row %2: expected 7 cells, found %3"_s.arg(path).arg(row).arg(cells.size());
            return std::nullopt;
        }
        Trade t;
        const auto time = Timestamp::fromRfc3339(QString::fromLatin1(cells[0].data(), qsizetype(cells[0].size())));
        if (!time || !parseNumber(cells[4], t.price) || !parseNumber(cells[5], t.size)) {
            *error = u"%1 row %2: bad time, price or size"_s.arg(path).arg(row);
            return std::nullopt;
        }
        t.timestamp = *time;
        t.instrument = cells[1];
        t.source = cells[2];
        t.side = cells[3];
        t.trade_id = cells[6];
        set.referenceBytes += kConstantBytes + std::int64_t(cells[1].size() + cells[2].size() + cells[3].size()
                                                            + cells[4].size() + cells[5].size() + cells[6].size())
            + decimalDigits(t.timestamp);
        set.reprExtraBytes += std::int64_t(cells[4].size()) - shortestDoubleChars(t.price);
        set.trades.push_back(std::move(t));
    }
    return set;
}

bool generateTradeCsv(const QString &genData, qint64 n, int seed, const QString &out, QString *error)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"PYENV_VERSION"_s, u"system"_s);
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.setStandardOutputFile(QProcess::nullDevice());
    process.start(u"python3"_s, {genData, u"--shape"_s, u"trade"_s, u"-n"_s, QString::number(n), u"--seed"_s,
                                 QString::number(seed), u"--format"_s, u"csv"_s, u"--out"_s, out});
    if (!process.waitForStarted()) {
        *error = u"cannot start python3: %1"_s.arg(process.errorString());
        return false;
    }
    process.waitForFinished(-1);
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        *error = u"%1 failed (exit code %2)"_s.arg(genData).arg(process.exitCode());
        return false;
    }
    return true;
}

Frame toFrame(const std::vector<Trade> &trades)
{
    Interner intern;
    std::vector<std::int64_t> time;
    std::vector<QString> instrument, source, side, tradeId;
    std::vector<double> price;
    std::vector<std::int64_t> size;
    for (auto *v : {&instrument, &source, &side, &tradeId})
        v->reserve(trades.size());
    time.reserve(trades.size());
    price.reserve(trades.size());
    size.reserve(trades.size());
    for (const Trade &t : trades) {
        time.push_back(t.timestamp);
        instrument.push_back(intern(t.instrument));
        source.push_back(intern(t.source));
        side.push_back(intern(t.side));
        price.push_back(t.price);
        size.push_back(t.size);
        tradeId.push_back(qstringOf(t.trade_id));
    }
    std::vector<Column> columns;
    columns.emplace_back(u"instrument"_s, std::move(instrument));
    columns.emplace_back(u"source"_s, std::move(source));
    columns.emplace_back(u"side"_s, std::move(side));
    columns.emplace_back(u"price"_s, std::move(price));
    columns.emplace_back(u"size"_s, std::move(size));
    columns.emplace_back(u"trade_id"_s, std::move(tradeId));
    return Frame(u"Trade"_s, {}, std::move(time), std::move(columns));
}

QList<Point> toPoints(const std::vector<Trade> &trades)
{
    Interner intern;
    const QString measurement = u"Trade"_s;
    const QString instrument = u"instrument"_s, source = u"source"_s, side = u"side"_s;
    const QString price = u"price"_s, size = u"size"_s, tradeId = u"trade_id"_s;
    QList<Point> points;
    points.reserve(qsizetype(trades.size()));
    for (const Trade &t : trades) {
        Point p;
        p.measurement = measurement;
        p.tag(instrument, intern(t.instrument)).tag(source, intern(t.source)).tag(side, intern(t.side));
        p.field(price, t.price).field(size, t.size).field(tradeId, qstringOf(t.trade_id));
        p.at(t.timestamp);
        points.append(std::move(p));
    }
    return points;
}

QString checkLine(const QByteArray &lines, qsizetype index, const Trade &expected)
{
    qsizetype begin = 0;
    for (qsizetype i = 0; i < index; ++i) {
        begin = lines.indexOf('\n', begin);
        if (begin < 0)
            return u"there is no line %1"_s.arg(index);
        ++begin;
    }
    qsizetype end = lines.indexOf('\n', begin);
    if (end < 0)
        end = lines.size();
    const std::string_view line = viewOf(lines, begin, end);
    const auto decoded = decode(line);
    const QString shown = u"line %1 \"%2\""_s.arg(index).arg(qstringOf(line));
    if (!decoded)
        return shown + u" cannot be decoded"_s;
    const auto s = [](const std::string &v) { return qstringOf(v); };
    const QList<std::pair<QString, QString>> tags{{u"instrument"_s, s(expected.instrument)},
                                                  {u"side"_s, s(expected.side)},
                                                  {u"source"_s, s(expected.source)}};
    if (decoded->measurement != "Trade"_L1)
        return shown + u": measurement is not Trade"_s;
    if (decoded->tags != tags)
        return shown + u": tags differ from the input"_s;
    if (decoded->fields.size() != 3 || decoded->fields[0].first != "price"_L1 || decoded->fields[1].first != "size"_L1
        || decoded->fields[2].first != "trade_id"_L1)
        return shown + u": field keys are not price, size, trade_id"_s;
    double price = 0;
    const QByteArray priceText = decoded->fields[0].second.toLatin1();
    if (!parseNumber(viewOf(priceText, 0, priceText.size()), price) || price != expected.price)
        return shown + u": price differs from %1"_s.arg(expected.price, 0, 'g', 17);
    if (decoded->fields[1].second != QString::number(expected.size) + u'i')
        return shown + u": size differs from %1"_s.arg(expected.size);
    if (decoded->fields[2].second != s(expected.trade_id))
        return shown + u": trade_id differs"_s;
    if (decoded->time != QString::number(expected.timestamp))
        return shown + u": time differs from %1"_s.arg(expected.timestamp);
    return {};
}

} // namespace QInflux::Bench
