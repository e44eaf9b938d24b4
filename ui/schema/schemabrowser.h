#pragma once

#include <QInflux/error.h>

#include <QModelIndex>
#include <QWidget>

#include <QCoroTask>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QPlainTextEdit;
class QTimer;
class QToolButton;
class QTreeView;

namespace QInflux {

class Client;
class ConnectionSession;
class SchemaModel;

/// The schema browser (the explorer's left dock): a filter bar over a lazy SchemaModel tree, with a
/// context menu per row (SELECT template, SHOW queries, use / drop database, drop measurement, copy
/// the quoted name). It never touches the editor itself: it asks through insertRequested() and
/// useDatabaseRequested(), which MainWindow wires.
class SchemaBrowser : public QWidget
{
    Q_OBJECT
public:
    /// What the filter box applies to.
    enum class FilterScope { Measurements, TagValues };

    explicit SchemaBrowser(QWidget *parent = nullptr);
    ~SchemaBrowser() override;

    /// Follows `session`: each ConnectionSession::changed() lists the new client's databases.
    void setSession(ConnectionSession *session);
    /// Lists `client`'s databases (not owned; nullptr empties the tree).
    void setClient(Client *client);

    SchemaModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }
    QComboBox *filterScope() const { return m_scope; }
    QToolButton *regexButton() const { return m_regex; }
    QAction *refreshAction() const { return m_refresh; }

    /// Applies the filter box now (it also applies itself shortly after typing stops, and on Enter).
    void applyFilter();

    /// The context menu for `index` (the caller owns it). Actions carry object names: useDatabase,
    /// selectTemplate, showFieldKeys, showTagKeys, showSeries, showSeriesCardinality,
    /// showMeasurementCardinality, showTagValues, showTagValuesCardinality, copyName, copyQualifiedName,
    /// dropMeasurement, dropDatabase, retry, loadMore, refresh.
    QMenu *createContextMenu(const QModelIndex &index);

    /// Expands each path of row names (e.g. {"sandbox", "autogen", "cpu", "Fields"}) in turn, loading
    /// what is needed, the last row's children included; emits pathsExpanded() at the end.
    void expandPaths(const QList<QStringList> &paths);

    /// Appends `statement` to `editor` on a line of its own and selects it (so that running the
    /// selection runs it); undoable, the rest of the text stays.
    static void insertStatement(QPlainTextEdit *editor, const QString &statement);

Q_SIGNALS:
    /// Put `statement` into the current editor (MainWindow::editor()); `run`: and run it.
    void insertRequested(const QString &statement, bool run);
    /// The user chose `database` as the current database.
    void useDatabaseRequested(const QString &database);
    /// An action failed (e.g. a drop the server refused); the error holds the server's words.
    void failed(const QString &title, const QInflux::Error &error);
    /// A measurement or database (measurement empty) was dropped.
    void dropped(const QString &database, const QString &measurement);
    /// expandPaths() ended: ok false with the reason when a row was missing or failed to load.
    void pathsExpanded(bool ok, const QString &reason);

private:
    void onActivated(const QModelIndex &index);
    void copyName(const QModelIndex &index, bool qualified);
    void confirmDrop(const QModelIndex &index);
    QCoro::Task<> dropTask(QString database, QString measurement);
    void stepPaths();

    SchemaModel *m_model = nullptr;
    QTreeView *m_view = nullptr;
    QLineEdit *m_filter = nullptr;
    QComboBox *m_scope = nullptr;
    QToolButton *m_regex = nullptr;
    QLabel *m_filterProblem = nullptr;
    QTimer *m_filterTimer = nullptr;
    QAction *m_refresh = nullptr;
    QAction *m_copy = nullptr;
    QList<QStringList> m_paths;
};

} // namespace QInflux
