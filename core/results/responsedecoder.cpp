#include "responsedecoder.h"

// STUB (temporary, replaced by the real decoders on this branch): every feed() fails with a
// Kind::Parse "not implemented" error so that callers can be written against the API.

using namespace Qt::StringLiterals;

namespace QInflux {

struct ResponseDecoder::Private
{
    ResponseFormat format;
    TimeUnit epoch;
    QHash<QString, ColumnType> fieldTypes;
    qint64 consumed = 0;
};

ResponseDecoder::ResponseDecoder(ResponseFormat format, TimeUnit epoch)
    : d(std::make_unique<Private>(Private{format, epoch, {}, 0}))
{
}

ResponseDecoder::~ResponseDecoder() = default;
ResponseDecoder::ResponseDecoder(ResponseDecoder &&) noexcept = default;
ResponseDecoder &ResponseDecoder::operator=(ResponseDecoder &&) noexcept = default;

ResponseFormat ResponseDecoder::format() const { return d->format; }
TimeUnit ResponseDecoder::epoch() const { return d->epoch; }
void ResponseDecoder::setFieldTypes(QHash<QString, ColumnType> types) { d->fieldTypes = std::move(types); }

Result<void> ResponseDecoder::feed(QByteArrayView)
{
    return Error(Error::Kind::Parse, u"ResponseDecoder is not implemented yet (stub)"_s);
}

std::optional<QueryResult> ResponseDecoder::takeResult() { return std::nullopt; }

Result<void> ResponseDecoder::finish()
{
    return Error(Error::Kind::Parse, u"ResponseDecoder is not implemented yet (stub)"_s);
}

qint64 ResponseDecoder::bytesConsumed() const { return d->consumed; }

Result<QueryResult> decodeResponse(QByteArrayView, ResponseFormat, TimeUnit)
{
    return Error(Error::Kind::Parse, u"ResponseDecoder is not implemented yet (stub)"_s);
}

} // namespace QInflux
