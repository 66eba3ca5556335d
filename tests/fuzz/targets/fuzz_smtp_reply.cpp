// Feeds arbitrary bytes to the SMTP reply parser all at once and in small pieces whose sizes
// come from the input itself. Both feedings must give the same replies and the same error, and
// every reply must have a code in the range the grammar allows.

#include "smtp/smtpreplyparser.h"

#include <cstdint>
#include <cstdlib>

namespace {

struct Outcome
{
    QList<SmtpReply> replies;
    QString error;
    qsizetype pending = 0;
    bool operator==(const Outcome &) const = default;
};

bool drain(SmtpReplyParser &parser, Outcome *out)
{
    for (;;) {
        SmtpReplyParser::Result result = parser.next();
        switch (result.status) {
        case SmtpReplyParser::Status::NeedMore:
            return true;
        case SmtpReplyParser::Status::Error:
            out->error = result.error;
            if (out->error.isEmpty())
                std::abort();
            return false;
        case SmtpReplyParser::Status::Reply:
            if (result.reply.code() < 100 || result.reply.code() > 599)
                std::abort();
            (void) result.reply.toString();
            out->replies.append(std::move(result.reply));
            break;
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));

    Outcome whole;
    SmtpReplyParser a;
    a.setMaxLineLength(512);
    a.addData(bytes);
    if (drain(a, &whole))
        whole.pending = a.pendingBytes();

    Outcome pieces;
    SmtpReplyParser b;
    b.setMaxLineLength(512);
    qsizetype pos = 0;
    qsizetype step = 0;
    bool going = true;
    while (pos < bytes.size() && going) {
        const qsizetype length = qMin(bytes.size() - pos, qsizetype(1 + data[step++ % size] % 7));
        b.addData(bytes.sliced(pos, length));
        pos += length;
        going = drain(b, &pieces);
    }
    if (going)
        pieces.pending = b.pendingBytes();

    if (!(whole == pieces))
        std::abort();

    (void) SmtpReplyParser::parse(bytes);
    return 0;
}
