#include "messagecontent.h"

namespace {

bool isAttachmentDisposition(const MimePart &part)
{
    return part.contentDisposition().value() == "attachment";
}

// Whether a part can be shown as a body: plain or HTML text, or a container of such.
bool isReadable(const MimePart &part)
{
    if (part.mimeType() == "text/plain" || part.mimeType() == "text/html")
        return true;
    if (part.isMultipart() && part.subtype() != "encrypted") {
        for (const MimePart &child : part.children()) {
            if (isReadable(child))
                return true;
        }
    }
    return false;
}

bool containsType(const MimePart &part, QByteArrayView type)
{
    if (part.mimeType() == type)
        return true;
    if (part.isMultipart() && part.subtype() != "alternative") {
        for (const MimePart &child : part.children()) {
            if (containsType(child, type))
                return true;
        }
    }
    return false;
}

} // namespace

MessageContent MessageContent::fromMessage(const MimePart &message, Preference preference)
{
    MessageContent content;
    content.m_preference = preference;
    content.visit(message, 0);
    return content;
}

void MessageContent::addNote(Note note)
{
    if (!m_notes.contains(note))
        m_notes.append(note);
}

void MessageContent::addAttachment(const MimePart &part, QList<Attachment> *list)
{
    Attachment a;
    a.fileName = part.fileName();
    if (a.fileName.isEmpty() && part.isMessage()) {
        const QString subject = part.children().first().decodedHeader("Subject");
        a.fileName = (subject.isEmpty() ? QStringLiteral("message") : subject)
                     + QStringLiteral(".eml");
    }
    a.mimeType = part.mimeType();
    a.size = part.decodedSize();
    a.section = part.section();
    a.contentId = part.contentId();
    a.isInline = part.contentDisposition().value() == "inline";
    list->append(a);
}

void MessageContent::visit(const MimePart &part, int depth)
{
    const QByteArray type = part.mimeType();
    if (part.isMultipart()) {
        const QByteArray sub = part.subtype();
        if (part.children().isEmpty()) {
            // No usable boundary: show what is there as text.
            m_bodies.append(Body {Body::Kind::PlainText, part.section(), part.text(), depth});
        } else if (sub == "alternative") {
            visitAlternative(part, depth);
        } else if (sub == "related") {
            visitRelated(part, depth);
        } else if (sub == "signed") {
            addNote(Note::SignatureNotVerified);
            visit(part.children().first(), depth);
        } else if (sub == "encrypted") {
            addNote(Note::EncryptedNotReadable);
        } else {
            for (const MimePart &child : part.children())
                visit(child, depth);
        }
        return;
    }
    if (part.isMessage()) {
        const MimePart &inner = part.children().first();
        if (isAttachmentDisposition(part))
            addAttachment(part, &m_attachments);
        m_bodies.append(Body {Body::Kind::EmbeddedMessage, part.section(),
                              inner.decodedHeader("Subject"), depth + 1});
        visit(inner, depth + 1);
        return;
    }
    if (type == "application/pkcs7-mime" || type == "application/x-pkcs7-mime") {
        addNote(Note::EncryptedNotReadable);
        addAttachment(part, &m_attachments);
        return;
    }
    if (type == "application/pgp-signature" || type == "application/pkcs7-signature"
        || type == "application/x-pkcs7-signature") {
        addNote(Note::SignatureNotVerified);
        return;
    }
    const bool named = !part.fileName().isEmpty();
    if ((type == "text/plain" || type == "text/html") && !isAttachmentDisposition(part)
        && !(named && part.contentDisposition().value().isEmpty() && !m_bodies.isEmpty())) {
        const auto kind = type == "text/html" ? Body::Kind::Html : Body::Kind::PlainText;
        m_bodies.append(Body {kind, part.section(), part.text(), depth});
        return;
    }
    addAttachment(part, &m_attachments);
}

void MessageContent::visitAlternative(const MimePart &part, int depth)
{
    const QByteArrayView wanted = m_preference == Preference::Html ? QByteArrayView("text/html")
                                                                   : "text/plain";
    const MimePart *chosen = nullptr;
    // The preferred form: for HTML the last (richest) match, for plain text the first.
    for (const MimePart &child : part.children()) {
        if (!containsType(child, wanted))
            continue;
        chosen = &child;
        if (m_preference == Preference::PlainText)
            break;
    }
    if (!chosen) {
        for (const MimePart &child : part.children()) {
            if (isReadable(child))
                chosen = &child; // the last readable one is the richest
        }
    }
    if (!chosen)
        chosen = &part.children().last();
    visit(*chosen, depth);
    // Files attached inside the forms not shown must still be listed.
    for (const MimePart &child : part.children()) {
        if (&child != chosen)
            collectAttachments(child);
    }
}

void MessageContent::collectAttachments(const MimePart &part)
{
    if (part.isMultipart()) {
        for (const MimePart &child : part.children())
            collectAttachments(child);
    } else if (isAttachmentDisposition(part)) {
        addAttachment(part, &m_attachments);
    }
}

void MessageContent::visitRelated(const MimePart &part, int depth)
{
    // The root is the part named by the start parameter, else the first one (RFC 2387).
    const QString start = part.contentType().parameter("start");
    const MimePart *root = &part.children().first();
    if (!start.isEmpty()) {
        for (const MimePart &child : part.children()) {
            if (child.findContentId(start.toUtf8()) == &child)
                root = &child;
        }
    }
    visit(*root, depth);
    for (const MimePart &child : part.children()) {
        if (&child == root)
            continue;
        if (child.contentId().isEmpty() || isAttachmentDisposition(child))
            addAttachment(child, &m_attachments);
        else
            addAttachment(child, &m_related);
    }
}
