#include "answerbuilder_p.h"

using namespace Qt::StringLiterals;

namespace QInflux::detail {

void AnswerBuilder::beginAnswer()
{
    m_inAnswer = true;
    m_answer = {};
    m_topError.reset();
}

std::optional<Error> AnswerBuilder::endAnswer()
{
    m_inAnswer = false;
    if (m_topError)
        return Error(Error::Kind::Server, *m_topError);
    m_ready.push_back(std::move(m_answer));
    m_answer = {};
    return std::nullopt;
}

void AnswerBuilder::beginStatement()
{
    m_statement = {};
    m_statement.statementId = -1;
}

void AnswerBuilder::setStatementError(QString message)
{
    Error error(Error::Kind::Statement, std::move(message));
    error.setStatementId(m_statement.statementId);
    m_statement.error = std::move(error);
}

void AnswerBuilder::endStatement()
{
    if (m_statement.statementId < 0)
        m_statement.statementId = m_lastPartial ? std::max(0, m_lastStatementId) : m_lastStatementId + 1;
    m_lastStatementId = m_statement.statementId;
    m_lastPartial = m_statement.partial;
    if (m_statement.error)
        m_statement.error->setStatementId(m_statement.statementId);
    m_answer.statements.append(std::move(m_statement));
    m_statement = {};
}

void AnswerBuilder::beginSeries()
{
    m_seriesName.clear();
    m_tags.clear();
    m_seriesPartial = false;
    m_builder.reset();
    m_rowWidth = 0;
}

void AnswerBuilder::setColumns(QStringList columns)
{
    m_rowWidth = columns.size();
    const bool hasTime = !columns.isEmpty() && columns.front() == "time"_L1;
    if (hasTime)
        columns.removeFirst();
    m_builder.emplace(QString(), Tags(), columns, hasTime);
    if (!m_fieldTypes.isEmpty()) {
        for (qsizetype c = 0; c < columns.size(); ++c) {
            const auto it = m_fieldTypes.constFind(columns[c]);
            if (it != m_fieldTypes.constEnd())
                m_builder->setColumnType(c, *it);
        }
    }
}

void AnswerBuilder::endSeries()
{
    if (!m_builder)
        setColumns({});
    m_builder->setSeries(std::move(m_seriesName), std::move(m_tags));
    // Aggregates without GROUP BY time come with time 0 on every row: no time index for them, when
    // the caller said which statements those are (a point at time 0 looks the same, and 0 is a
    // real timestamp). A chunk that the next one continues keeps its times.
    const bool keepTime = !m_timeless.contains(m_statement.statementId) || m_seriesPartial
        || !m_builder->timeIsAllZero() || m_builder->rowCount() == 0;
    m_statement.series.append(m_builder->build(keepTime));
    m_statement.seriesPartial.append(m_seriesPartial);
    m_builder.reset();
}

std::optional<QueryResult> AnswerBuilder::takeResult()
{
    if (m_ready.empty())
        return std::nullopt;
    QueryResult r = std::move(m_ready.front());
    m_ready.pop_front();
    return r;
}

namespace {

int digits(const char *p, int n)
{
    int v = 0;
    for (int i = 0; i < n; ++i) {
        if (p[i] < '0' || p[i] > '9')
            return -1;
        v = v * 10 + (p[i] - '0');
    }
    return v;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t daysFromCivil(int y, int m, int d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return std::int64_t(era) * 146097 + doe - 719468;
}

} // namespace

std::optional<std::int64_t> parseTime(QByteArrayView text)
{
    const char *p = text.data();
    const qsizetype n = text.size();
    // YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z
    if (n >= 20 && n <= 30 && p[4] == '-' && p[7] == '-' && p[10] == 'T' && p[13] == ':' && p[16] == ':'
        && p[n - 1] == 'Z') {
        const int y = digits(p, 4), mo = digits(p + 5, 2), d = digits(p + 8, 2);
        const int h = digits(p + 11, 2), mi = digits(p + 14, 2), s = digits(p + 17, 2);
        std::int64_t frac = 0;
        bool ok = y >= 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h >= 0 && h < 24 && mi >= 0 && mi < 60
            && s >= 0 && s < 60;
        if (ok && n > 20) {
            const int fn = int(n - 21);
            ok = p[19] == '.' && fn >= 1 && fn <= 9;
            for (int i = 0; ok && i < 9; ++i) {
                const char c = i < fn ? p[20 + i] : '0';
                ok = c >= '0' && c <= '9';
                frac = frac * 10 + (c - '0');
            }
        }
        static constexpr int monthDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        ok = ok && d <= monthDays[mo - 1] && (mo != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)));
        if (ok && y >= 1678 && y <= 2261) {
            const std::int64_t secs = daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
            std::int64_t ns;
            if (!__builtin_mul_overflow(secs, std::int64_t(1000000000), &ns) && !__builtin_add_overflow(ns, frac, &ns))
                return ns;
            return std::nullopt;
        }
    }
    return Timestamp::fromRfc3339(QString::fromUtf8(text));
}

Error parseError(const char *format, const QString &what, qint64 offset)
{
    return Error(Error::Kind::Parse,
                 u"The server's %1 answer could not be decoded: %2 at byte %3"_s.arg(QLatin1StringView(format), what)
                     .arg(offset));
}

} // namespace QInflux::detail
