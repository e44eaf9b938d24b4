#pragma once

// The requests a Client sends, read from its own debug log: for "nothing was sent" checks, which
// must look at the moment that would have sent it rather than wait for an answer that never comes.

#include <QLoggingCategory>
#include <QString>
#include <QStringList>

namespace QInflux::Test {

/// While it lives, records every request line the client logs on qinflux.client ("GET /ping...",
/// "POST /query?..." from either transport), with that category's debug output on whatever
/// QT_LOGGING_RULES says. One at a time; GUI-thread use only.
class RequestLog
{
public:
    RequestLog()
    {
        s_lines.clear();
        s_previousHandler = qInstallMessageHandler(&RequestLog::handle);
        s_previousFilter = QLoggingCategory::installFilter(&RequestLog::filter);
    }
    ~RequestLog()
    {
        QLoggingCategory::installFilter(s_previousFilter);
        qInstallMessageHandler(s_previousHandler);
    }
    RequestLog(const RequestLog &) = delete;
    RequestLog &operator=(const RequestLog &) = delete;

    /// The request lines logged so far, oldest first.
    QStringList requests() const { return s_lines; }

private:
    static void filter(QLoggingCategory *category)
    {
        if (s_previousFilter)
            s_previousFilter(category);
        if (qstrcmp(category->categoryName(), "qinflux.client") == 0)
            category->setEnabled(QtDebugMsg, true);
    }
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &text)
    {
        if (type == QtDebugMsg && qstrcmp(context.category, "qinflux.client") == 0) {
            if (text.startsWith(QLatin1String("GET ")) || text.startsWith(QLatin1String("POST ")))
                s_lines.append(text);
            return;
        }
        if (s_previousHandler)
            s_previousHandler(type, context, text);
    }

    static inline QStringList s_lines;
    static inline QtMessageHandler s_previousHandler = nullptr;
    static inline QLoggingCategory::CategoryFilter s_previousFilter = nullptr;
};

} // namespace QInflux::Test
