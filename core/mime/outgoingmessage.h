#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

// A mailbox as the user typed it: display name and address (the address may hold non-ASCII).
struct MailAddress
{
    QString name;
    QString address;

    bool operator==(const MailAddress &) const = default;
};

// A file to attach, read from disk when the message is assembled and never held in memory
// whole; or, without a file path, bytes held in memory (a forwarded message).
struct OutgoingAttachment
{
    QString filePath; // empty: the attachment is data
    QString fileName; // the name shown to the recipient; defaults to the file's own name
    QByteArray mimeType; // empty: guessed from the content and name
    QByteArray contentId; // set for inline parts referenced as cid: from the HTML body
    bool isInline = false;
    QByteArray data; // the content when filePath is empty

    bool operator==(const OutgoingAttachment &) const = default;
};

// What the composer hands to the message builder: everything needed to assemble RFC 5322 bytes.
struct OutgoingMessage
{
    MailAddress from;
    QList<MailAddress> replyTo; // empty: no Reply-To header
    QList<MailAddress> to;
    QList<MailAddress> cc;
    QList<MailAddress> bcc; // envelope only: never written into the headers
    QString subject;
    QString plainBody; // always present
    QString htmlBody; // empty: a text/plain message
    QList<OutgoingAttachment> attachments;
    QByteArray inReplyTo; // message id of the message replied to, with angle brackets
    QList<QByteArray> references;
    // The message forwarded, with angle brackets; written into drafts only
    // (X-Forwarded-Message-Id), so that a draft opened again still knows what it forwards.
    QByteArray forwardedMessageId;
    // The language the text is written in, as a language tag ("de-DE"): written as
    // Content-Language (RFC 3282). Empty: none.
    QString language;
    QDateTime date; // invalid: now

    // Every envelope recipient: To, Cc and Bcc.
    QStringList recipientAddresses() const
    {
        QStringList all;
        for (const auto *list : {&to, &cc, &bcc})
            for (const MailAddress &a : *list)
                all.append(a.address);
        return all;
    }
};
