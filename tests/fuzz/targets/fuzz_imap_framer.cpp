// Feeds arbitrary bytes to the IMAP framer twice, all at once and in pieces whose sizes come
// from the input itself (1 to 7 bytes, or up to 64 for one byte in four, so that long inputs
// are split at every kind of place without being fed a few bytes at a time throughout), and parses every response it frames. Both feedings must frame the
// same responses and end in the same state; the parser must answer every response with a value
// or a parse error. The describe() of each response reads every accessor of the result.
//
// Every byte fed is framed or held, except where a field literal over its cap is cut (a shorter
// announcement, the rest of the literal dropped): a third framer that refuses such literals
// instead of cutting them tells whether that happened. When it did not, that framer frames the
// same responses and the bytes add up exactly; when it did, fewer bytes are kept than were fed.

#include "imap/imapframer.h"
#include "imap/parser/imapparser.h"

#include "../../core/imap/imapdescribe.h"

#include <cstdint>
#include <cstdlib>

namespace {

struct Framed
{
    QList<QByteArray> responses;
    bool failed = false;
};

void drain(ImapFramer &framer, Framed *out)
{
    for (;;) {
        QByteArray response;
        const ImapFramer::Status status = framer.next(&response);
        if (status == ImapFramer::Status::NeedMore)
            return;
        if (status == ImapFramer::Status::Error) {
            out->failed = true;
            return;
        }
        out->responses.append(response);
    }
}

ImapFramer::Limits smallLimits()
{
    // Small caps, so that inputs of a few kilobytes reach them.
    ImapFramer::Limits limits;
    limits.maxLineLength = 200;
    limits.maxLiteralSize = 300;
    limits.maxResponseSize = 1000;
    return limits;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const ImapFramer::Limits limits = size > 0 && data[0] % 2 ? smallLimits()
                                                              : ImapFramer::Limits();

    Framed whole;
    ImapFramer a(limits);
    a.feed(bytes);
    drain(a, &whole);

    Framed pieces;
    ImapFramer b(limits);
    qsizetype pos = 0;
    qsizetype step = 0;
    while (pos < bytes.size() && !pieces.failed) {
        const uint8_t choice = data[step++ % size];
        const qsizetype piece = choice % 4 == 0 ? 1 + choice / 4 : 1 + choice % 7;
        const qsizetype length = qMin(bytes.size() - pos, piece);
        b.feed(bytes.sliced(pos, length));
        pos += length;
        drain(b, &pieces);
    }

    if (whole.failed != pieces.failed || whole.responses != pieces.responses)
        std::abort();
    if (!whole.failed && a.bufferedBytes() != b.bufferedBytes())
        std::abort();

    ImapFramer::Limits strictLimits = limits;
    strictLimits.cutFieldLiterals = false;
    Framed strict;
    ImapFramer c(strictLimits);
    c.feed(bytes);
    drain(c, &strict);
    const bool nothingCut = !strict.failed;
    if (nothingCut && (whole.failed || strict.responses != whole.responses))
        std::abort();

    qsizetype framed = 0;
    for (const QByteArray &response : std::as_const(whole.responses)) {
        framed += response.size();
        const ImapParser::Result result = ImapParser::parse(response);
        if (result.isOk() == result.error.isError())
            std::abort();
        (void) ImapDescribe::describe(result.response);
    }
    if (!whole.failed && framed + a.bufferedBytes() > bytes.size())
        std::abort();
    if (nothingCut && framed + a.bufferedBytes() != bytes.size())
        std::abort();
    return 0;
}
