#pragma once

#include <QInflux/qinfluxcore_export.h>

#include <QString>
#include <QtGlobal>

namespace QInflux {

/// The one error type of QInflux. It travels with the value (see Result<T>), never as a stored
/// "last error" and never as an exception across the API.
class QINFLUX_CORE_EXPORT Error
{
public:
    enum class Kind {
        Network,   ///< cannot connect, connection refused or dropped, TLS failure
        Timeout,   ///< no answer within the configured time
        Auth,      ///< 401/403: wrong or missing credentials
        NotFound,  ///< 404: e.g. the database does not exist
        Http,      ///< any other unexpected HTTP status
        Server,    ///< the server answered but is not InfluxDB, or failed internally
        Statement, ///< an InfluxQL statement failed (HTTP 200 with an error inside)
        PartialWrite, ///< some lines were written, others were rejected
        Parse,     ///< a response or input could not be decoded
        Cancelled, ///< the caller cancelled the request
        Io,        ///< local files, processes
        Usage,     ///< the caller passed invalid arguments
    };

    Error() = default;
    Error(Kind kind, QString message, QString detail = {}, int httpStatus = 0)
        : m_kind(kind), m_message(std::move(message)), m_detail(std::move(detail)), m_httpStatus(httpStatus)
    {
    }

    Kind kind() const { return m_kind; }
    /// One sentence a user can act on.
    const QString &message() const { return m_message; }
    /// Extra detail: the server's own words, a log tail, an URL.
    const QString &detail() const { return m_detail; }
    /// HTTP status code, 0 when there was none.
    int httpStatus() const { return m_httpStatus; }
    /// Statement id for Kind::Statement, -1 otherwise.
    int statementId() const { return m_statementId; }
    void setStatementId(int id) { m_statementId = id; }

    /// message, then detail on a new line when there is one.
    QString toString() const;
    static QString kindName(Kind kind);

private:
    Kind m_kind = Kind::Http;
    QString m_message;
    QString m_detail;
    int m_httpStatus = 0;
    int m_statementId = -1;
};

} // namespace QInflux
