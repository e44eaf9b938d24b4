#include "jsondecoder_p.h"

#include <QInflux/responsedecoder.h>

namespace QInflux::JsonDecoder {

Result<QueryResult> decode(const QByteArray &body, TimeUnit epoch)
{
    return decodeResponse(body, ResponseFormat::Json, epoch);
}

} // namespace QInflux::JsonDecoder
