#include <QInflux/error.h>

using namespace Qt::StringLiterals;

namespace QInflux {

QString Error::toString() const
{
    if (m_detail.isEmpty())
        return m_message;
    return m_message + u'\n' + m_detail;
}

QString Error::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Network: return u"network"_s;
    case Kind::Timeout: return u"timeout"_s;
    case Kind::Auth: return u"auth"_s;
    case Kind::NotFound: return u"not found"_s;
    case Kind::Http: return u"http"_s;
    case Kind::Server: return u"server"_s;
    case Kind::Statement: return u"statement"_s;
    case Kind::PartialWrite: return u"partial write"_s;
    case Kind::Parse: return u"parse"_s;
    case Kind::Cancelled: return u"cancelled"_s;
    case Kind::Io: return u"io"_s;
    case Kind::Usage: return u"usage"_s;
    }
    return u"unknown"_s;
}

} // namespace QInflux
