#include <QInflux/sandbox.h>

#include <QInflux/client.h>
#include <QInflux/sampledata.h>

#include <QPointer>

using namespace Qt::StringLiterals;

namespace QInflux {

namespace {

LocalServer::Options serverOptions(QString dataDirectory)
{
    LocalServer::Options options;
    options.dataDirectory = std::move(dataDirectory);
    return options;
}

} // namespace

Sandbox::Sandbox(QString dataDirectory, QObject *parent)
    : QObject(parent), m_server(serverOptions(std::move(dataDirectory)))
{
}

Sandbox::~Sandbox() = default;

QCoro::Task<Result<void>> Sandbox::start()
{
    QPointer<Sandbox> self(this);
    if (auto started = co_await m_server.start(); !started)
        co_return started.error();
    if (!self)
        co_return Error(Error::Kind::Cancelled, u"The sandbox was closed while starting."_s);

    Client client(clientSettings());
    auto databases = co_await client.query(u"SHOW DATABASES"_s);
    if (!self)
        co_return Error(Error::Kind::Cancelled, u"The sandbox was closed while starting."_s);
    if (!databases)
        co_return databases.error();
    for (const StatementResult &statement : databases->statements) {
        for (const Frame &frame : statement.series) {
            const Column *names = frame.column(u"name");
            if (names && names->type() == ColumnType::String) {
                for (const QString &name : names->values<QString>()) {
                    if (name == SampleData::databaseName())
                        co_return {}; // kept from an earlier run in the same directory
                }
            }
        }
    }
    co_return co_await SampleData::load(client);
}

void Sandbox::stop()
{
    m_server.stop();
}

ClientSettings Sandbox::clientSettings() const
{
    ClientSettings settings;
    settings.host = m_server.url().host();
    settings.port = m_server.url().port();
    settings.database = SampleData::databaseName();
    return settings;
}

} // namespace QInflux
