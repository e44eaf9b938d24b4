#include "queryhistory.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QSaveFile>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace QInflux {

namespace {

QByteArray toLine(const HistoryEntry &e)
{
    QJsonObject o{
        {u"query"_s, e.query},
        {u"time"_s, e.time.toUTC().toString(Qt::ISODateWithMs)},
        {u"durationMs"_s, e.durationMs},
        {u"rows"_s, e.rows},
        {u"ok"_s, e.ok},
    };
    if (!e.queryTemplate.isEmpty())
        o.insert(u"template"_s, e.queryTemplate);
    if (!e.database.isEmpty())
        o.insert(u"database"_s, e.database);
    if (e.cancelled)
        o.insert(u"cancelled"_s, true);
    if (!e.error.isEmpty())
        o.insert(u"error"_s, e.error);
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

std::optional<HistoryEntry> fromLine(const QByteArray &line, QString *why)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError) {
        *why = u"%1 at byte %2"_s.arg(error.errorString()).arg(error.offset);
        return std::nullopt;
    }
    const QJsonObject o = doc.object();
    if (!o.value(u"query"_s).isString()) {
        *why = u"no \"query\" string"_s;
        return std::nullopt;
    }
    HistoryEntry e;
    e.query = o.value(u"query"_s).toString();
    e.queryTemplate = o.value(u"template"_s).toString(); // absent in files written before templates
    e.database = o.value(u"database"_s).toString();
    e.time = QDateTime::fromString(o.value(u"time"_s).toString(), Qt::ISODateWithMs);
    if (!e.time.isValid()) {
        *why = u"\"time\" is not an ISO 8601 date"_s;
        return std::nullopt;
    }
    e.durationMs = o.value(u"durationMs"_s).toInteger();
    e.rows = o.value(u"rows"_s).toInteger();
    e.ok = o.value(u"ok"_s).toBool();
    e.cancelled = o.value(u"cancelled"_s).toBool();
    e.error = o.value(u"error"_s).toString();
    return e;
}

} // namespace

QueryHistory::QueryHistory(const QString &path, int maxEntries, QObject *parent)
    : QAbstractTableModel(parent), m_path(path), m_maxEntries(std::max(1, maxEntries))
{
    load();
}

QString QueryHistory::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/history.jsonl"_s;
}

void QueryHistory::load()
{
    if (m_path.isEmpty())
        return;
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return; // no history yet
    qsizetype lineNumber = 0;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine();
        ++lineNumber;
        if (line.trimmed().isEmpty())
            continue;
        QString why;
        if (auto entry = fromLine(line, &why))
            m_entries.append(std::move(*entry));
        else
            m_warnings << tr("%1 line %2: %3").arg(m_path).arg(lineNumber).arg(why);
    }
    m_fileLines = lineNumber;
    if (m_entries.size() > m_maxEntries)
        m_entries.remove(0, m_entries.size() - m_maxEntries);
}

void QueryHistory::add(const QueryRunSummary &summary, const QString &database, const QString &queryTemplate)
{
    HistoryEntry e;
    e.query = summary.query;
    if (queryTemplate != summary.query)
        e.queryTemplate = queryTemplate;
    e.database = database;
    e.time = QDateTime::currentDateTimeUtc();
    e.durationMs = summary.elapsedMs;
    e.rows = summary.rows;
    e.ok = summary.ok;
    e.cancelled = summary.cancelled;
    if (summary.error)
        e.error = summary.error->message();
    add(e);
}

void QueryHistory::add(const HistoryEntry &entry)
{
    // Row 0 is the newest: the new entry goes in at the top, the oldest falls off the bottom.
    beginInsertRows({}, 0, 0);
    m_entries.append(entry);
    endInsertRows();
    if (m_entries.size() > m_maxEntries) {
        const int excess = int(m_entries.size()) - m_maxEntries;
        beginRemoveRows({}, int(m_entries.size()) - excess, int(m_entries.size()) - 1);
        m_entries.remove(0, excess);
        endRemoveRows();
    }
    if (m_path.isEmpty())
        return;
    if (m_fileLines + 1 >= 2 * qsizetype(m_maxEntries)) {
        if (compact())
            return;
    }
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QFile file(m_path);
    const QByteArray line = toLine(entry);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append) || file.write(line) != line.size() || !file.flush()) {
        Q_EMIT writeFailed(tr("Cannot write the query history to %1: %2").arg(m_path, file.errorString()));
        return;
    }
    ++m_fileLines;
}

bool QueryHistory::compact()
{
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly)) {
        Q_EMIT writeFailed(tr("Cannot rewrite the query history %1: %2").arg(m_path, file.errorString()));
        return false;
    }
    for (const HistoryEntry &e : std::as_const(m_entries))
        file.write(toLine(e));
    if (!file.commit()) {
        Q_EMIT writeFailed(tr("Cannot rewrite the query history %1: %2").arg(m_path, file.errorString()));
        return false;
    }
    m_fileLines = m_entries.size();
    return true;
}

const HistoryEntry &QueryHistory::entry(int row) const
{
    return m_entries[m_entries.size() - 1 - row];
}

int QueryHistory::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int QueryHistory::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QueryHistory::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const HistoryEntry &e = entry(index.row());
    if (role == QueryRole)
        return e.query;
    if (role == TemplateRole)
        return e.queryTemplate.isEmpty() ? e.query : e.queryTemplate;
    if (role == Qt::ToolTipRole) {
        QString tip = e.queryTemplate.isEmpty() ? e.query : e.queryTemplate + u"\n\n"_s + tr("Ran as: %1").arg(e.query);
        if (!e.database.isEmpty())
            tip += u"\n\n"_s + tr("Database: %1").arg(e.database);
        if (!e.error.isEmpty())
            tip += u"\n"_s + e.error;
        return tip;
    }
    if (role == Qt::TextAlignmentRole && (index.column() == DurationColumn || index.column() == RowsColumn))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case TimeColumn: return QLocale().toString(e.time.toLocalTime(), u"yyyy-MM-dd HH:mm:ss"_s);
    case QueryColumn: return (e.queryTemplate.isEmpty() ? e.query : e.queryTemplate).simplified();
    case DurationColumn: return tr("%1 ms").arg(e.durationMs);
    case RowsColumn: return e.rows;
    case ResultColumn: return e.cancelled ? tr("cancelled") : e.ok ? tr("ok") : tr("error"); // the message is in the tooltip
    }
    return {};
}

QVariant QueryHistory::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn: return tr("Time");
    case QueryColumn: return tr("Query");
    case DurationColumn: return tr("Duration");
    case RowsColumn: return tr("Rows");
    case ResultColumn: return tr("Result");
    }
    return {};
}

} // namespace QInflux
