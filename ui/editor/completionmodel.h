#pragma once

#include <QAbstractListModel>
#include <QPointer>

#include <QCoroTask>

namespace QInflux {

class ConnectionSession;

/// What the editor's completer offers: InfluxQL keywords and functions, and the current database's
/// measurements, field keys and tag keys, which it fetches itself through the session's Client when
/// the connection changes or the database differs from the one loaded (refresh()).
/// Sorted case-insensitively by name, one row per name.
class CompletionModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum class Kind { Keyword, Function, Measurement, Field, Tag };
    Q_ENUM(Kind)
    enum Role {
        KindRole = Qt::UserRole + 1, ///< Kind as int
        InsertRole,                  ///< the text to insert: keywords upper case, "fn(" for functions, names quoted when needed
    };

    explicit CompletionModel(QObject *parent = nullptr);

    /// Follows `session`: reloads the schema words after each ConnectionSession::changed().
    void setSession(ConnectionSession *session);
    /// Fetches the schema words again if the connection or its database changed since the last load.
    void refresh();
    /// The database the schema words come from ("" before any load).
    QString loadedDatabase() const { return m_database; }
    bool isLoading() const { return m_loading; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    /// A schema load finished (successfully or not; `error` is empty on success).
    void schemaLoaded(const QString &error);

private:
    struct Word
    {
        QString name;
        Kind kind;
    };
    QCoro::Task<> load();
    void setSchemaWords(QList<Word> schema);

    QPointer<ConnectionSession> m_session;
    const void *m_client = nullptr; ///< identity of the Client the words came from (never dereferenced)
    QString m_database;
    bool m_loading = false;
    bool m_reloadPending = false;
    QList<Word> m_words;
};

} // namespace QInflux
