#include "completionmodel.h"

#include <QInflux/client.h>
#include "connections/connectionsession.h"
#include "influxqlvocabulary.h"

#include <QIcon>

#include <array>

using namespace Qt::StringLiterals;

namespace QInflux {

namespace {

/// The values of the string column `column` over every series of every statement of `result`.
QStringList columnValues(const QueryResult &result, QStringView column)
{
    QStringList values;
    for (const StatementResult &statement : result.statements) {
        for (const Frame &frame : statement.series) {
            const Column *c = frame.column(column);
            if (!c)
                continue;
            for (qsizetype row = 0; row < c->size(); ++row)
                values << c->value(row).toString();
        }
    }
    return values;
}

} // namespace

CompletionModel::CompletionModel(QObject *parent) : QAbstractListModel(parent)
{
    setSchemaWords({});
}

void CompletionModel::setSession(ConnectionSession *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (session)
        connect(session, &ConnectionSession::changed, this, [this] {
            m_client = nullptr; // a new Client, even if it got the old one's address
            refresh();
        });
    refresh();
}

void CompletionModel::refresh()
{
    Client *client = m_session ? m_session->client() : nullptr;
    if (!client) {
        m_client = nullptr;
        m_database.clear();
        setSchemaWords({});
        return;
    }
    if (client == m_client && client->settings().database == m_database)
        return;
    if (m_loading) {
        m_reloadPending = true;
        return;
    }
    QCoro::connect(load(), this, [] {});
}

QCoro::Task<> CompletionModel::load()
{
    QPointer<CompletionModel> self(this);
    m_loading = true;
    Client *sessionClient = m_session->client();
    const QString database = sessionClient->settings().database;
    m_client = sessionClient;
    m_database = database;
    // The session's Client can go while these requests wait (reconnect, window closed): they then
    // end as cancelled (Client guarantees it) and the check below starts over for the new one.
    Client *client = sessionClient;
    QList<Word> schema;
    QString error;
    if (!database.isEmpty()) {
        // Three small requests: the names of a database (not its values) are what the editor completes.
        struct Step
        {
            QStringView column;
            Kind kind;
        };
        const std::array<Step, 3> steps{{{u"name", Kind::Measurement}, {u"fieldKey", Kind::Field}, {u"tagKey", Kind::Tag}}};
        for (const Step &step : steps) {
            Result<QueryResult> result = Error(Error::Kind::Usage, {});
            if (step.kind == Kind::Measurement)
                result = co_await client->showMeasurements(database);
            else if (step.kind == Kind::Field)
                result = co_await client->showFieldKeys({}, database);
            else
                result = co_await client->showTagKeys({}, database);
            if (!self)
                co_return;
            if (!m_session || m_session->client() != sessionClient || sessionClient->settings().database != database) {
                // The connection or database changed while we waited: load for the new one.
                m_loading = false;
                refresh();
                co_return;
            }
            if (!result) {
                error = result.error().message();
                continue;
            }
            if (const auto statementError = result->firstError())
                error = statementError->message();
            for (const QString &name : columnValues(*result, step.column))
                schema.append({name, step.kind});
        }
    }
    m_loading = false;
    setSchemaWords(std::move(schema));
    Q_EMIT schemaLoaded(error);
    if (m_reloadPending) {
        m_reloadPending = false;
        refresh();
    }
}

void CompletionModel::setSchemaWords(QList<Word> schema)
{
    beginResetModel();
    m_words.clear();
    for (const QString &k : InfluxQLVocabulary::keywords())
        m_words.append({k, Kind::Keyword});
    for (const QString &f : InfluxQLVocabulary::functions())
        m_words.append({f, Kind::Function});
    m_words.append(schema);
    // Stable: for a name that is several things, the first kind (keyword, function, measurement, field) wins.
    std::stable_sort(m_words.begin(), m_words.end(), [](const Word &a, const Word &b) {
        const int byCase = a.name.compare(b.name, Qt::CaseInsensitive);
        return byCase != 0 ? byCase < 0 : a.name < b.name;
    });
    m_words.erase(std::unique(m_words.begin(), m_words.end(), [](const Word &a, const Word &b) { return a.name == b.name; }),
                  m_words.end());
    endResetModel();
}

int CompletionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_words.size());
}

QVariant CompletionModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Word &word = m_words[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return word.name;
    case Qt::ToolTipRole:
        switch (word.kind) {
        case Kind::Keyword: return tr("Keyword");
        case Kind::Function: return tr("Function");
        case Kind::Measurement: return tr("Measurement in %1").arg(m_database);
        case Kind::Field: return tr("Field key in %1").arg(m_database);
        case Kind::Tag: return tr("Tag key in %1").arg(m_database);
        }
        return {};
    case Qt::DecorationRole:
        switch (word.kind) {
        case Kind::Keyword: return QIcon::fromTheme(u"format-text-bold"_s);
        case Kind::Function: return QIcon::fromTheme(u"code-function"_s);
        case Kind::Measurement: return QIcon::fromTheme(u"table"_s);
        case Kind::Field: return QIcon::fromTheme(u"code-variable"_s);
        case Kind::Tag: return QIcon::fromTheme(u"tag"_s);
        }
        return {};
    case KindRole:
        return int(word.kind);
    case InsertRole:
        switch (word.kind) {
        case Kind::Keyword: return word.name;
        case Kind::Function: return QString(word.name + u'(');
        default: return InfluxQLVocabulary::identifier(word.name);
        }
    default:
        return {};
    }
}

QHash<int, QByteArray> CompletionModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert(KindRole, "kind");
    names.insert(InsertRole, "insert");
    return names;
}

} // namespace QInflux
