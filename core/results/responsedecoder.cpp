#include <QInflux/responsedecoder.h>

#include "answerbuilder_p.h"
#include "jsonparser_p.h"
#include "msgpackparser_p.h"

using namespace Qt::StringLiterals;

namespace QInflux {

namespace {
// One row (or one token) may not exceed this: a length header claiming more is garbage or an attack.
constexpr qsizetype MaxPendingBytes = 256 * 1024 * 1024;
} // namespace

struct ResponseDecoder::Private
{
    Private(ResponseFormat f, TimeUnit e) : format(f), builder(e)
    {
        if (format == ResponseFormat::Json)
            parser = std::make_unique<detail::JsonParser>(builder);
        else
            parser = std::make_unique<detail::MsgpackParser>(builder);
    }

    // Parses data[0, n) at absolute offset `decoded`; keeps the unparsed tail in `pending`.
    bool parseDirect(const char *data, qsizetype n)
    {
        const qsizetype used = parser->parse(data, n, decoded, &error);
        decoded += used;
        if (error)
            return false;
        if (used < n)
            pending = QByteArray(data + used, n - used);
        return true;
    }

    ResponseFormat format;
    detail::AnswerBuilder builder;
    std::unique_ptr<detail::FormatParser> parser;
    QByteArray pending;      ///< bytes of an incomplete row or token, from decoded on
    qint64 decoded = 0;      ///< absolute offset of the first byte not yet decoded
    std::optional<Error> error;
};

ResponseDecoder::ResponseDecoder(ResponseFormat format, TimeUnit epoch)
    : d(std::make_unique<Private>(format, epoch))
{
}

ResponseDecoder::~ResponseDecoder() = default;
ResponseDecoder::ResponseDecoder(ResponseDecoder &&) noexcept = default;
ResponseDecoder &ResponseDecoder::operator=(ResponseDecoder &&) noexcept = default;

ResponseFormat ResponseDecoder::format() const { return d->format; }
TimeUnit ResponseDecoder::epoch() const { return d->builder.epoch(); }
void ResponseDecoder::setFieldTypes(QHash<QString, ColumnType> types) { d->builder.setFieldTypes(std::move(types)); }
void ResponseDecoder::setTimelessStatements(QSet<int> ids) { d->builder.setTimelessStatements(std::move(ids)); }

Result<void> ResponseDecoder::feed(QByteArrayView bytes)
{
    if (d->error)
        return *d->error;
    const char *data = bytes.data();
    const qsizetype n = bytes.size();
    qsizetype taken = 0;
    if (!d->pending.isEmpty()) {
        // Complete the pending item with as few new bytes as possible, then go on in place.
        while (true) {
            if (taken == n)
                return {};
            const qsizetype step = std::min(n - taken, std::max<qsizetype>(4096, d->pending.size()));
            d->pending.append(data + taken, step);
            taken += step;
            const qsizetype used = d->parser->parse(d->pending.constData(), d->pending.size(), d->decoded, &d->error);
            d->decoded += used;
            if (d->error)
                return *d->error;
            if (used > 0) {
                taken -= d->pending.size() - used; // the unused tail lies in what was just appended
                d->pending.clear();
                break;
            }
            if (d->pending.size() > MaxPendingBytes) {
                d->error = detail::parseError(d->format == ResponseFormat::Json ? "JSON" : "MessagePack",
                                              u"a single row or value is larger than %1 MiB"_s.arg(MaxPendingBytes >> 20),
                                              d->decoded);
                return *d->error;
            }
        }
    }
    if (!d->parseDirect(data + taken, n - taken))
        return *d->error;
    return {};
}

std::optional<QueryResult> ResponseDecoder::takeResult() { return d->builder.takeResult(); }

Result<void> ResponseDecoder::finish()
{
    if (d->error)
        return *d->error;
    if (!d->pending.isEmpty() || !d->parser->idle()) {
        d->error = detail::parseError(d->format == ResponseFormat::Json ? "JSON" : "MessagePack",
                                      u"the body ends inside an answer (truncated)"_s, d->decoded + d->pending.size());
        return *d->error;
    }
    return {};
}

qint64 ResponseDecoder::bytesConsumed() const { return d->decoded + d->pending.size(); }

Result<QueryResult> decodeResponse(QByteArrayView body, ResponseFormat format, TimeUnit epoch)
{
    ResponseDecoder decoder(format, epoch);
    if (auto fed = decoder.feed(body); !fed)
        return fed.error();
    if (auto done = decoder.finish(); !done)
        return done.error();
    std::optional<QueryResult> result = decoder.takeResult();
    if (!result)
        return Error(Error::Kind::Parse, u"The server's answer is empty."_s);
    while (auto next = decoder.takeResult()) {
        if (auto merged = result->append(std::move(*next)); !merged)
            return merged.error();
    }
    return std::move(*result);
}

} // namespace QInflux
