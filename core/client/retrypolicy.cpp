#include <QInflux/retrypolicy.h>

#include <QDateTime>
#include <QLocale>
#include <QRandomGenerator>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace QInflux {

std::chrono::milliseconds RetryPolicy::delayBefore(int retry) const
{
    const double ms = double(firstDelay.count()) * std::pow(backoffBase, std::max(0, retry - 1));
    return std::chrono::milliseconds(qint64(std::min(ms, double(maxDelay.count()))));
}

std::chrono::milliseconds RetryPolicy::jitteredDelayBefore(int retry) const
{
    const double factor = 1.0 + jitter * (2.0 * QRandomGenerator::global()->generateDouble() - 1.0);
    return std::chrono::milliseconds(qint64(double(delayBefore(retry).count()) * std::max(0.0, factor)));
}

std::optional<std::chrono::milliseconds> RetryPolicy::parseRetryAfter(const QByteArray &value)
{
    const QByteArray v = value.trimmed();
    if (v.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 seconds = v.toLongLong(&ok);
    if (ok)
        return seconds >= 0 ? std::optional(std::chrono::milliseconds(seconds * 1000)) : std::nullopt;
    // IMF-fixdate, e.g. "Wed, 21 Oct 2015 07:28:00 GMT"
    const QDateTime when = QLocale::c().toDateTime(QString::fromLatin1(v), u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s);
    if (!when.isValid())
        return std::nullopt;
    QDateTime utc = when;
    utc.setTimeSpec(Qt::UTC);
    const qint64 ms = QDateTime::currentDateTimeUtc().msecsTo(utc);
    return std::chrono::milliseconds(std::max<qint64>(0, ms));
}

} // namespace QInflux
