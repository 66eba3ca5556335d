#pragma once

#include "mimepart.h"

#include <QByteArray>
#include <QList>
#include <QString>

// What a reader shows of a parsed message: the bodies to display in order, the attachments
// to list, and notes about what could not be shown or checked.
//   multipart/alternative: the preferred form (plain or HTML), else the richest readable one
//   multipart/related:     the root part; the others are resources reached through cid:
//   message/rfc822:        a header marker, then the nested message's own content
//   multipart/signed:      the signed content, with a note that the signature is not verified
//   multipart/encrypted, application/pkcs7-mime: a note that the content is not readable
class MessageContent
{
public:
    enum class Preference { PlainText, Html };
    enum class Note { SignatureNotVerified, EncryptedNotReadable };

    struct Body
    {
        enum class Kind { PlainText, Html, EmbeddedMessage };
        Kind kind = Kind::PlainText;
        QByteArray section; // the part's IMAP section (for an embedded message: its part)
        QString text; // the decoded text; for EmbeddedMessage its decoded Subject
        int depth = 0; // how many message/rfc822 levels it is nested in
    };

    struct Attachment
    {
        QString fileName;
        QByteArray mimeType;
        qsizetype size = 0; // decoded size in bytes
        QByteArray section; // IMAP section number, e.g. "2.1"
        QByteArray contentId;
        bool isInline = false;
    };

    static MessageContent fromMessage(const MimePart &message,
                                      Preference preference = Preference::PlainText);

    QList<Body> bodies() const { return m_bodies; }
    QList<Attachment> attachments() const { return m_attachments; }
    // Parts of multipart/related that the HTML refers to by cid: (not listed as attachments).
    QList<Attachment> relatedResources() const { return m_related; }
    QList<Note> notes() const { return m_notes; }

private:
    void visit(const MimePart &part, int depth);
    void visitAlternative(const MimePart &part, int depth);
    void visitRelated(const MimePart &part, int depth);
    void collectAttachments(const MimePart &part);
    void addAttachment(const MimePart &part, QList<Attachment> *list);
    void addNote(Note note);

    Preference m_preference = Preference::PlainText;
    QList<Body> m_bodies;
    QList<Attachment> m_attachments;
    QList<Attachment> m_related;
    QList<Note> m_notes;
};
