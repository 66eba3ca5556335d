// Feeds arbitrary bytes to every MIME parser: the message tree, what a reader would show, and
// the header parsers. Besides crashes it checks two invariants: a decoded header value that is
// encoded again decodes to the same text, and base64 output always decodes back.

#include "mime/addressparser.h"
#include "mime/dateparser.h"
#include "mime/encodedwords.h"
#include "mime/flowedtext.h"
#include "mime/headerparameters.h"
#include "mime/messagecontent.h"
#include "mime/mimepart.h"
#include "mime/transferencoding.h"

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
    (void) MessageContent::fromMessage(root, MessageContent::Preference::PlainText);
    (void) MessageContent::fromMessage(root, MessageContent::Preference::Html);

    const QByteArrayView head = QByteArrayView(bytes).first(qMin(bytes.size(), qsizetype(4096)));
    (void) AddressParser::parseList(head);
    (void) DateParser::parse(head);
    (void) HeaderParameters::parse(head);
    (void) TransferEncoding::decodeQuotedPrintable(head);
    (void) FlowedText::unflow(QString::fromUtf8(head), true);

    const QString decoded = EncodedWords::decode(head);
    QString expected = decoded;
    expected.replace(u'\r', u' ').replace(u'\n', u' ');
    expected = QString::fromUtf8(expected.toUtf8()); // lone surrogates cannot be sent
    if (EncodedWords::decode(EncodedWords::encodeUnstructured(decoded)) != expected)
        std::abort();

    if (TransferEncoding::decodeBase64(TransferEncoding::encodeBase64Lines(head)) != head)
        std::abort();
    return 0;
}
