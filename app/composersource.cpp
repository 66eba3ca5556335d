#include "composersource.h"

#include "addresslist.h"
#include "composerdraft.h"
#include "mime/addressparser.h"
#include "mime/dateparser.h"
#include "mime/listpostheader.h"
#include "mime/messagecontent.h"
#include "mime/mimepart.h"
#include "mime/pastedhtml.h"
#include "originalmessage.h"
#include "signatureimages.h"
#include "viewer/viewermessagefactory.h"

namespace {

QList<QByteArray> referencesOf(const MimePart &message)
{
    QList<QByteArray> references = message.header("References").simplified().split(' ');
    references.removeAll(QByteArray());
    return references;
}

// The attached files of a whole message, decoded to the bytes that were attached.
QList<OutgoingAttachment> attachmentsOf(const MimePart &message)
{
    QList<OutgoingAttachment> attachments;
    for (const MessageContent::Attachment &attachment :
         MessageContent::fromMessage(message).attachments()) {
        const MimePart *part = message.findSection(attachment.section);
        if (!part || !part->hasBody())
            continue;
        OutgoingAttachment copy;
        copy.fileName = attachment.fileName;
        copy.mimeType = attachment.mimeType;
        copy.data = part->decodedBody();
        attachments.append(copy);
    }
    return attachments;
}

// The HTML body of a draft filed as HTML, with its cid: pictures as inline images: cleaned as
// pasted HTML is (a draft may come from another program), its pictures kept as parts.
QString htmlTextOf(const MimePart &message, QList<OutgoingAttachment> *images)
{
    const MessageContent content = MessageContent::fromMessage(message,
                                                               MessageContent::Preference::Html);
    QString html;
    for (const MessageContent::Body &body : content.bodies()) {
        if (body.kind == MessageContent::Body::Kind::Html && body.depth == 0)
            html += body.text;
    }
    if (html.isEmpty())
        return {};
    QList<OutgoingAttachment> related;
    for (const MessageContent::Attachment &resource : content.relatedResources()) {
        const MimePart *part = message.findSection(resource.section);
        if (!part || !part->hasBody() || resource.contentId.isEmpty())
            continue;
        OutgoingAttachment picture;
        picture.contentId = resource.contentId;
        picture.mimeType = resource.mimeType;
        picture.data = part->decodedBody();
        related.append(picture);
    }
    // Through data: URLs, the form that survives cleaning, and back to new cid: parts.
    const QString embedded = SignatureImages::embed(html, related);
    const QString cleaned = PastedHtml::clean(SignatureImages::extract(embedded, images));
    return SignatureImages::insertReferences(cleaned, *images);
}

QString plainTextOf(const MimePart &message)
{
    QString text;
    for (const MessageContent::Body &body : MessageContent::fromMessage(message).bodies()) {
        if (body.kind == MessageContent::Body::Kind::PlainText && body.depth == 0)
            text += body.text;
    }
    return text;
}

} // namespace

OriginalMessage ComposerSource::original(const MimePart &message, bool withAttachments)
{
    OriginalMessage original;
    const QList<MailAddress> from = AddressParser::parseList(message.header("From"));
    if (!from.isEmpty())
        original.from = from.first();
    original.replyTo = AddressParser::parseList(message.header("Reply-To"));
    original.to = AddressParser::parseList(message.header("To"));
    original.cc = AddressParser::parseList(message.header("Cc"));
    original.subject = message.decodedHeader("Subject");
    original.date = DateParser::parse(message.header("Date"));
    original.plainBody = ViewerMessageFactory::fromPart(message).plainText;
    original.messageId = message.header("Message-ID").trimmed();
    original.references = referencesOf(message);
    original.listPost = ListPostHeader::address(message.header("List-Post"));
    if (withAttachments)
        original.attachments = attachmentsOf(message);
    return original;
}

ComposerDraft ComposerSource::draft(const MimePart &message, const QString &accountId)
{
    ComposerDraft draft;
    draft.accountId = accountId;
    const QList<MailAddress> from = AddressParser::parseList(message.header("From"));
    if (!from.isEmpty())
        draft.from = AddressList::format(from.first());
    draft.to = AddressList::format(AddressParser::parseList(message.header("To")));
    draft.cc = AddressList::format(AddressParser::parseList(message.header("Cc")));
    draft.bcc = AddressList::format(AddressParser::parseList(message.header("Bcc")));
    draft.subject = message.decodedHeader("Subject");
    draft.body = htmlTextOf(message, &draft.inlineImages);
    draft.richText = !draft.body.isEmpty();
    if (!draft.richText)
        draft.body = plainTextOf(message);
    draft.dataAttachments = attachmentsOf(message);
    draft.inReplyTo = message.header("In-Reply-To").trimmed();
    draft.references = referencesOf(message);
    draft.forwardedMessageId = message.header("X-Forwarded-Message-Id").trimmed();
    // Content-Language (RFC 3282) may list several; the first is the one it was checked in.
    const QByteArray language = message.header("Content-Language").split(',').constFirst();
    draft.spellingLanguage = QString::fromLatin1(language.trimmed()).replace(u'-', u'_');
    return draft;
}
