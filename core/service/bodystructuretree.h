#pragma once

#include "imap/parser/imapbodypart.h"
#include "mime/mimepart.h"

#include <QByteArray>
#include <QList>

#include <functional>
#include <optional>

// The MimePart tree of a message as its BODYSTRUCTURE describes it, so that the reader's choices
// (MessageContent) work on it exactly as on a parsed message. Bytes come from a lookup by IMAP
// section: "HEADER" for the message's header, "2.HEADER" for the header of the message inside
// part 2, "1.2" for the body of part 1.2 after transfer decoding. What the lookup does not have
// stays described only: a part without body, a nested message's header made from its envelope.
class BodyStructureTree
{
public:
    using Lookup = std::function<std::optional<QByteArray>(const QByteArray &section)>;

    static MimePart build(const ImapBodyPart &structure, const Lookup &lookup);
    // What a reader needs to show the message: its header, the headers of the messages inside
    // it, its text bodies in both forms (plain and HTML) and the images the HTML refers to.
    // Attachments are not among them.
    static QList<QByteArray> displaySections(const MimePart &tree);
    // The header of the message a section number belongs to: "HEADER" for the top level,
    // "2.HEADER" for the message/rfc822 part 2.
    static QByteArray headerSection(const QByteArray &messagePart);
    // Header fields describing one part's content (Content-Type, -Transfer-Encoding, -ID, ...).
    static QByteArray contentHeader(const ImapBodyPart &part);
    // Header fields of a message made from its ENVELOPE, when its own header is not at hand.
    static QByteArray envelopeHeader(const ImapEnvelope &envelope);
};
