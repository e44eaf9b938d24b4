#pragma once

#include "resultview/queryrun.h"

#include <QAbstractTableModel>
#include <QDateTime>

namespace QInflux {

/// One run in the history.
struct HistoryEntry
{
    QString query;
    QString database;
    QDateTime time; ///< when the run finished, UTC
    qint64 durationMs = 0;
    qint64 rows = 0;
    bool ok = false;
    bool cancelled = false;
    QString error; ///< the error's message when the run failed
};

/// The persistent query history, newest first, as a table model (time, query, duration, rows, result).
/// Kept in a JSON-lines file (one object per run, appended with a single write so a crash loses at most
/// the line being written); at twice `maxEntries` lines the file is rewritten atomically (QSaveFile) with
/// the newest `maxEntries`. Lines that do not parse are reported by loadWarnings() and skipped.
class QueryHistory : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, QueryColumn, DurationColumn, RowsColumn, ResultColumn, ColumnCount };
    enum Role { QueryRole = Qt::UserRole + 1 };

    /// Reads `path` (created at the first add()); an empty path keeps the history in memory only.
    explicit QueryHistory(const QString &path = defaultPath(), int maxEntries = 2000, QObject *parent = nullptr);

    /// AppDataLocation/history.jsonl.
    static QString defaultPath();
    QString path() const { return m_path; }
    int maxEntries() const { return m_maxEntries; }

    /// Records a finished run as the newest entry and appends it to the file.
    void add(const QueryRunSummary &summary, const QString &database = {});
    void add(const HistoryEntry &entry);
    /// Row 0 is the newest.
    const HistoryEntry &entry(int row) const;
    /// "line N: reason" for each line of the file that could not be read.
    QStringList loadWarnings() const { return m_warnings; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    /// Writing the history file failed; the entry stays in memory for this session.
    void writeFailed(const QString &message);

private:
    void load();
    bool compact();

    QString m_path;
    int m_maxEntries;
    qsizetype m_fileLines = 0; ///< lines in the file, to know when to compact
    QList<HistoryEntry> m_entries; ///< oldest first
    QStringList m_warnings;
};

} // namespace QInflux
