#include "benchoutput.h"

#include <QFile>
#include <QStringList>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace QInflux::Bench {

namespace {

void writeLine(std::FILE *stream, const QString &line)
{
    const QByteArray utf8 = (line + u'\n').toUtf8();
    std::fwrite(utf8.constData(), 1, size_t(utf8.size()), stream);
    std::fflush(stream);
}

} // namespace

void emit(const char *name, double value, const char *unit)
{
    QString text;
    if (value >= 1000)
        text = QString::number(value, 'f', 0);
    else if (value >= 1)
        text = QString::number(value, 'f', 3);
    else
        text = QString::number(value, 'g', 4);
    writeLine(stdout, QString::fromLatin1(name) + u'\t' + text + u'\t' + QString::fromLatin1(unit));
}

void emitCount(const char *name, std::int64_t value, const char *unit)
{
    writeLine(stdout, QString::fromLatin1(name) + u'\t' + QString::number(value) + u'\t' + QString::fromLatin1(unit));
}

void note(const QString &text)
{
    writeLine(stderr, u"# "_s + text);
}

double median(std::vector<double> values)
{
    if (values.empty())
        return 0.0;
    std::sort(values.begin(), values.end());
    const size_t mid = values.size() / 2;
    return values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

QString formatRuns(const std::vector<double> &seconds)
{
    QStringList parts;
    for (double s : seconds)
        parts << u"'%1'"_s.arg(s, 0, 'f', 3);
    return u'[' + parts.join(u", "_s) + u']';
}

/// Resident set size now, in KiB (VmRSS of /proc/self/status).
qint64 currentRssKib()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}


} // namespace QInflux::Bench
