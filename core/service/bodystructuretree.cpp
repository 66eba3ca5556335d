#include "bodystructuretree.h"

#include "mime/messagecontent.h"

namespace {

// A parameter value as an RFC 2045 quoted-string; extended (RFC 2231 "name*") values stay as
// they are, being percent-encoded tokens already.
QByteArray parameterText(const QByteArray &name, const QByteArray &value)
{
    QByteArray clean = value;
    clean.replace('\r', ' ').replace('\n', ' ');
    if (name.endsWith('*'))
        return name + '=' + clean;
    clean.replace('\\', "\\\\").replace('"', "\\\"");
    return name + "=\"" + clean + '"';
}

void appendField(QByteArray &out, QByteArrayView name, const QByteArray &value)
{
    if (value.isEmpty())
        return;
    QByteArray clean = value;
    clean.replace('\r', ' ').replace('\n', ' ');
    out += name;
    out += ": ";
    out += clean;
    out += "\r\n";
}

QByteArray withParameters(const QByteArray &value, const ImapBodyPart::Parameters &parameters)
{
    QByteArray out = value;
    for (const auto &[name, parameterValue] : parameters) {
        out += "; ";
        out += parameterText(name, parameterValue);
    }
    return out;
}

QByteArray addressText(const ImapAddress &address)
{
    const QByteArray mailbox = '<' + address.address() + '>';
    if (address.name.isEmpty())
        return mailbox;
    QByteArray name = address.name;
    if (!name.startsWith("=?")) {
        name.replace('\\', "\\\\").replace('"', "\\\"");
        name = '"' + name + '"';
    }
    return name + ' ' + mailbox;
}

QByteArray addressList(const QList<ImapAddress> &addresses)
{
    QByteArray out;
    bool needComma = false;
    for (const ImapAddress &a : addresses) {
        if (a.isGroupEnd()) {
            out += ';';
            needComma = true;
            continue;
        }
        if (needComma)
            out += ", ";
        if (a.isGroupStart()) {
            out += a.mailbox + ':';
            needComma = false;
            continue;
        }
        out += addressText(a);
        needComma = true;
    }
    return out;
}

bool isContentField(QByteArrayView name)
{
    return name.size() >= 8
           && QByteArrayView("content-").compare(name.first(8), Qt::CaseInsensitive) == 0;
}

// The header of a message (its own fields from messageHeader, or its envelope's) joined with
// the content fields of its body.
QByteArray messageRootHeader(const QByteArray &messageHeader, const ImapBodyPart &body)
{
    QByteArray out;
    const MimePart parsed = MimePart::parse(messageHeader + "\r\n");
    for (const MimePart::Header &field : parsed.headers()) {
        if (!isContentField(field.name))
            appendField(out, field.name, field.value);
    }
    return out + BodyStructureTree::contentHeader(body);
}

MimePart buildPart(const ImapBodyPart &part, const QByteArray &header,
                   const BodyStructureTree::Lookup &lookup);

// A message (the top level, or the one inside a message/rfc822 part) from its header and body.
MimePart buildMessage(const ImapBodyPart &body, const QByteArray &messageHeader,
                      const BodyStructureTree::Lookup &lookup)
{
    return buildPart(body, messageRootHeader(messageHeader, body), lookup);
}

MimePart buildPart(const ImapBodyPart &part, const QByteArray &header,
                   const BodyStructureTree::Lookup &lookup)
{
    MimePart node = MimePart::fromHeader(header, part.partNumber);
    if (part.isMultipart()) {
        for (const ImapBodyPart &child : part.children)
            node.appendChild(buildPart(child, BodyStructureTree::contentHeader(child), lookup));
        return node;
    }
    node.setDeclaredSize(qsizetype(part.size));
    if (part.isMessage() && !part.children.isEmpty()) {
        const std::optional<QByteArray> own = lookup(
                BodyStructureTree::headerSection(part.partNumber));
        node.appendChild(buildMessage(part.children.first(),
                                      own ? *own : BodyStructureTree::envelopeHeader(*part.envelope),
                                      lookup));
        return node;
    }
    if (const std::optional<QByteArray> body = lookup(part.partNumber))
        node.setDecodedBody(*body);
    return node;
}

} // namespace

MimePart BodyStructureTree::build(const ImapBodyPart &structure, const Lookup &lookup)
{
    return buildMessage(structure, lookup(headerSection(QByteArray())).value_or(QByteArray()),
                        lookup);
}

QByteArray BodyStructureTree::headerSection(const QByteArray &messagePart)
{
    return messagePart.isEmpty() ? QByteArrayLiteral("HEADER") : messagePart + ".HEADER";
}

QByteArray BodyStructureTree::contentHeader(const ImapBodyPart &part)
{
    QByteArray out;
    appendField(out, "Content-Type", withParameters(part.mimeType(), part.parameters));
    if (!part.isMultipart()) {
        appendField(out, "Content-Transfer-Encoding", part.encoding);
        if (!part.id.isEmpty())
            appendField(out, "Content-ID", part.id);
        appendField(out, "Content-Description", part.description);
    }
    if (!part.disposition.isEmpty()) {
        appendField(out, "Content-Disposition",
                    withParameters(part.disposition, part.dispositionParameters));
    }
    return out;
}

QByteArray BodyStructureTree::envelopeHeader(const ImapEnvelope &envelope)
{
    QByteArray out;
    appendField(out, "Date", envelope.date);
    appendField(out, "Subject", envelope.subject);
    appendField(out, "From", addressList(envelope.from));
    appendField(out, "Sender", addressList(envelope.sender));
    appendField(out, "Reply-To", addressList(envelope.replyTo));
    appendField(out, "To", addressList(envelope.to));
    appendField(out, "Cc", addressList(envelope.cc));
    appendField(out, "In-Reply-To", envelope.inReplyTo);
    appendField(out, "Message-ID", envelope.messageId);
    return out;
}

QList<QByteArray> BodyStructureTree::displaySections(const MimePart &tree)
{
    QList<QByteArray> sections {headerSection(QByteArray())};
    auto add = [&sections](const QByteArray &section) {
        if (!section.isEmpty() && !sections.contains(section))
            sections.append(section);
    };
    const MessageContent plain = MessageContent::fromMessage(tree);
    const MessageContent html = MessageContent::fromMessage(tree, MessageContent::Preference::Html);
    for (const MessageContent *content : {&plain, &html}) {
        for (const MessageContent::Body &body : content->bodies()) {
            if (body.kind == MessageContent::Body::Kind::EmbeddedMessage) {
                add(headerSection(body.section));
                continue;
            }
            const MimePart *part = tree.findSection(body.section);
            if (part && !part->isMultipart())
                add(body.section);
        }
    }
    for (const MessageContent::Attachment &resource : html.relatedResources()) {
        if (resource.mimeType.startsWith("image/"))
            add(resource.section);
    }
    return sections;
}
