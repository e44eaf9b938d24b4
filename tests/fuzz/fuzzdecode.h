#pragma once

// Shared body of the fuzz targets: decode the input whole and in pieces; both must agree exactly
// (the decoders are resumable), and an error must be a Parse (or the server's own) error.

#include "resultdump.h"
#include <QInflux/responsedecoder.h>

#include <cstdio>
#include <cstdlib>

namespace QInflux::Fuzz {

inline QString describe(const Result<QueryResult> &r)
{
    return r.ok() ? dumpResult(*r) : QStringLiteral("error ") + r.error().message();
}

inline Result<QueryResult> decodeSplit(QByteArrayView body, ResponseFormat format, size_t seed)
{
    ResponseDecoder decoder(format);
    QList<QueryResult> answers;
    qsizetype pos = 0;
    while (pos < body.size()) {
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        const qsizetype n = std::min<qsizetype>(body.size() - pos, qsizetype(1 + (seed >> 33) % 17));
        if (auto fed = decoder.feed(body.sliced(pos, n)); !fed)
            return fed.error();
        pos += n;
        while (auto r = decoder.takeResult())
            answers.append(std::move(*r));
    }
    if (auto done = decoder.finish(); !done)
        return done.error();
    if (answers.isEmpty())
        return Error(Error::Kind::Parse, QStringLiteral("The server's answer is empty."));
    // merged after the end, like decodeResponse (a later syntax error wins over a merge conflict)
    QueryResult merged = answers.takeFirst();
    for (QueryResult &next : answers) {
        if (auto ok = merged.append(std::move(next)); !ok)
            return ok.error();
    }
    return merged;
}

/// Empty when the body decodes the same whole and in pieces, to a result or a Parse/Server error;
/// else what went wrong.
inline QString checkOne(QByteArrayView body, ResponseFormat format)
{
    const auto whole = decodeResponse(body, format);
    if (!whole.ok() && whole.error().kind() != Error::Kind::Parse && whole.error().kind() != Error::Kind::Server)
        return QStringLiteral("unexpected error kind: ") + whole.error().message();
    if (!whole.ok() && whole.error().kind() == Error::Kind::Parse && !whole.error().message().contains(QStringLiteral(" at byte "))
        && !whole.error().message().contains(QStringLiteral("empty")) && !whole.error().message().contains(QStringLiteral("chunk")))
        return QStringLiteral("a parse error without its byte offset: ") + whole.error().message();
    const QString a = describe(whole);
    const QString b = describe(decodeSplit(body, format, size_t(body.size())));
    if (a != b)
        return QStringLiteral("whole and split differ:\n") + a + QStringLiteral("\n---\n") + b;
    return {};
}

inline int fuzzOne(const uint8_t *data, size_t size, ResponseFormat format)
{
    const QString problem = checkOne(QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)), format);
    if (!problem.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(problem));
        std::abort();
    }
    return 0;
}

} // namespace QInflux::Fuzz
