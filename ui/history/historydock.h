#pragma once

#include <QDockWidget>

#include <functional>

class QLineEdit;
class QListView;
class QSortFilterProxyModel;
class QTabWidget;
class QTreeView;

namespace QInflux {

class QueryHistory;
class SavedQueries;

/// A dock with the query history and the saved queries, both filtered by one search box.
/// Double-click (or Enter) on an entry emits queryChosen() with its text. Neither model is owned.
class HistoryDock : public QDockWidget
{
    Q_OBJECT
public:
    HistoryDock(QueryHistory *history, SavedQueries *saved, QWidget *parent = nullptr);

    /// Where "Save current query..." takes its text from (the current editor).
    void setCurrentQueryProvider(std::function<QString()> provider) { m_currentQuery = std::move(provider); }

    QLineEdit *filterEdit() const { return m_filter; }
    QTreeView *historyView() const { return m_historyView; }
    QListView *savedView() const { return m_savedView; }
    QTabWidget *pages() const { return m_pages; }

    /// Asks (non-blocking) for a name and saves the current query under it.
    void saveCurrentQuery();
    /// Starts editing the name of the selected saved query.
    void renameSelected();
    /// Deletes the selected saved query after a (non-blocking) confirmation.
    void deleteSelected();

Q_SIGNALS:
    void queryChosen(const QString &query);

private:
    int selectedSavedRow() const;

    QueryHistory *m_history = nullptr;
    SavedQueries *m_saved = nullptr;
    std::function<QString()> m_currentQuery;
    QLineEdit *m_filter = nullptr;
    QTabWidget *m_pages = nullptr;
    QTreeView *m_historyView = nullptr;
    QListView *m_savedView = nullptr;
    QSortFilterProxyModel *m_historyFilter = nullptr;
    QSortFilterProxyModel *m_savedFilter = nullptr;
};

} // namespace QInflux
