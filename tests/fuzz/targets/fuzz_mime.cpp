// Feeds arbitrary bytes to the MIME message parser and to what a reader shows of the message:
// the part tree, each part's decoded text and file name, both display preferences, and the
// plain-text rendering of every text body. Besides crashes it checks that base64 output always
// decodes back.

#include "mime/messagecontent.h"
#include "mime/mimepart.h"
#include "mime/plaintextrenderer.h"
#include "mime/transferencoding.h"

#include <cstdint>
#include <cstdlib>

namespace {

void walk(const MimePart &part)
{
    (void) part.text();
    (void) part.fileName();
    (void) part.decodedSize();
    for (const MimePart &child : part.children())
        walk(child);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));

    const MimePart root = MimePart::parse(bytes);
    walk(root);
    (void) MessageContent::fromMessage(root, MessageContent::Preference::Html);
    const MessageContent content
            = MessageContent::fromMessage(root, MessageContent::Preference::PlainText);
    PlainTextRenderer renderer;
    renderer.setFlowed(true);
    for (const MessageContent::Body &body : content.bodies()) {
        if (body.kind == MessageContent::Body::Kind::PlainText)
            (void) renderer.render(body.text);
    }

    const QByteArrayView head = QByteArrayView(bytes).first(qMin(bytes.size(), qsizetype(4096)));
    if (TransferEncoding::decodeBase64(TransferEncoding::encodeBase64Lines(head)) != head)
        std::abort();
    return 0;
}
