#include "viewermessagefactory.h"

#include "mime/addressparser.h"
#include "mime/dateparser.h"
#include "mime/messagecontent.h"
#include "mime/mimepart.h"

namespace {

QList<ViewerMessage::Address> addresses(const MimePart &message, const char *header)
{
    QList<ViewerMessage::Address> result;
    for (const MailAddress &a : AddressParser::parseList(message.header(header)))
        result.append({a.name, a.address});
    return result;
}

QString joinBodies(const MessageContent &content, MessageContent::Body::Kind kind)
{
    QStringList parts;
    for (const MessageContent::Body &body : content.bodies()) {
        if (body.kind == kind)
            parts.append(body.text);
    }
    return parts.join(kind == MessageContent::Body::Kind::Html ? QStringLiteral("<hr>")
                                                               : QStringLiteral("\n\n"));
}

} // namespace

ViewerMessage ViewerMessageFactory::fromMessage(const QByteArray &raw)
{
    return fromPart(MimePart::parse(raw));
}

ViewerMessage ViewerMessageFactory::fromPart(const MimePart &root)
{
    ViewerMessage m;
    const QList<ViewerMessage::Address> from = addresses(root, "From");
    if (!from.isEmpty())
        m.from = from.first();
    m.to = addresses(root, "To");
    m.cc = addresses(root, "Cc");
    m.date = DateParser::parse(root.header("Date"));
    m.subject = root.decodedHeader("Subject");

    const MessageContent plain = MessageContent::fromMessage(root);
    const MessageContent html = MessageContent::fromMessage(root, MessageContent::Preference::Html);
    m.plainText = joinBodies(plain, MessageContent::Body::Kind::PlainText);
    m.html = joinBodies(html, MessageContent::Body::Kind::Html);
    for (const MessageContent::Attachment &resource : html.relatedResources()) {
        const MimePart *part = root.findSection(resource.section);
        if (part && part->hasBody()) {
            m.inlineImages.insert(QString::fromLatin1(resource.contentId),
                                  {part->decodedBody(), QString::fromLatin1(resource.mimeType)});
        }
    }
    for (const MessageContent::Attachment &a : plain.attachments()) {
        m.attachments.append({QString::fromLatin1(a.section), a.fileName, qint64(a.size),
                              QString::fromLatin1(a.mimeType)});
    }
    return m;
}

QByteArray ViewerMessageFactory::attachmentData(const QByteArray &raw, const QString &partId)
{
    const MimePart root = MimePart::parse(raw);
    const MimePart *part = root.findSection(partId.toLatin1());
    return part ? part->decodedBody() : QByteArray();
}
