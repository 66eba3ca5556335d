#include "viewermessagefactory.h"

#include "mime/addressparser.h"
#include "mime/dateparser.h"
#include "mime/messagecontent.h"
#include "mime/mimepart.h"

#include <QCoreApplication>

namespace {

QList<ViewerMessage::Address> addresses(const MimePart &message, const char *header)
{
    QList<ViewerMessage::Address> result;
    for (const MailAddress &a : AddressParser::parseList(message.header(header)))
        result.append({a.name, a.address});
    return result;
}

// The header lines of a message attached to the one shown, set off before its text.
QStringList embeddedHeader(const MimePart &root, const MessageContent::Body &body)
{
    const MimePart *part = root.findSection(body.section);
    if (!part || part->children().isEmpty())
        return {};
    const MimePart &inner = part->children().first();
    QStringList from;
    for (const MailAddress &a : AddressParser::parseList(inner.header("From")))
        from.append(a.name.isEmpty() ? a.address : a.name + QStringLiteral(" <") + a.address + u'>');
    QStringList lines {QCoreApplication::translate("ViewerMessageFactory", "Attached message")};
    if (!from.isEmpty())
        lines.append(QCoreApplication::translate("ViewerMessageFactory", "From: %1")
                             .arg(from.join(QStringLiteral(", "))));
    lines.append(QCoreApplication::translate("ViewerMessageFactory", "Subject: %1").arg(body.text));
    return lines;
}

QString joinBodies(const MimePart &root, const MessageContent &content,
                   MessageContent::Body::Kind kind)
{
    const bool html = kind == MessageContent::Body::Kind::Html;
    QStringList parts;
    bool any = false;
    for (const MessageContent::Body &body : content.bodies()) {
        if (body.kind == kind) {
            parts.append(body.text);
            any = true;
        } else if (body.kind == MessageContent::Body::Kind::EmbeddedMessage) {
            const QStringList lines = embeddedHeader(root, body);
            if (lines.isEmpty())
                continue;
            if (!html) {
                parts.append(QStringLiteral("----- ") + lines.join(QStringLiteral("\n")));
                continue;
            }
            QStringList escaped;
            for (const QString &line : lines)
                escaped.append(line.toHtmlEscaped());
            parts.append(QStringLiteral("<p><b>") + escaped.takeFirst() + QStringLiteral("</b><br>")
                         + escaped.join(QStringLiteral("<br>")) + QStringLiteral("</p>"));
        }
    }
    if (!any)
        return QString();
    return parts.join(html ? QStringLiteral("<hr>") : QStringLiteral("\n\n"));
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
    m.plainText = joinBodies(root, plain, MessageContent::Body::Kind::PlainText);
    m.html = joinBodies(root, html, MessageContent::Body::Kind::Html);
    for (const MessageContent *content : {&plain, &html}) {
        for (const MessageContent::Body &body : content->bodies()) {
            const MimePart *part = root.findSection(body.section);
            if (part && part->isBodyCut() && part->wholeBodySize() > m.heldBackTextSize) {
                m.heldBackTextSize = part->wholeBodySize();
                m.heldBackShownSize = part->decodedSize();
            }
        }
    }
    for (const MessageContent::Attachment &resource : html.relatedResources()) {
        const MimePart *part = root.findSection(resource.section);
        if (part && part->hasBody()) {
            m.inlineImages.insert(QString::fromLatin1(resource.contentId),
                                  {part->decodedBody(), QString::fromLatin1(resource.mimeType)});
        }
    }
    for (MessageContent::Note note : plain.notes()) {
        switch (note) {
        case MessageContent::Note::SignatureNotVerified:
            m.notes.append(QCoreApplication::translate(
                    "ViewerMessageFactory",
                    "This message is signed. Heron does not check signatures: who sent it and "
                    "whether it was changed on the way are not verified."));
            break;
        case MessageContent::Note::EncryptedNotReadable:
            m.notes.append(QCoreApplication::translate(
                    "ViewerMessageFactory",
                    "This message is encrypted. Heron cannot decrypt it, so its content is not "
                    "shown."));
            break;
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
