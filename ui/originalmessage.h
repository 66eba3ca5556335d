#pragma once

#include "mime/outgoingmessage.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

// The fields of a received message that replying and forwarding need.
struct OriginalMessage
{
    QString accountId; // the account holding the message; empty: unknown
    MailAddress from;
    QList<MailAddress> replyTo; // empty: reply to `from`
    QList<MailAddress> to;
    QList<MailAddress> cc;
    QString subject;
    QDateTime date;
    QString plainBody;
    QString htmlBody; // empty for text/plain messages; already sanitised for display
    QByteArray messageId; // with angle brackets
    QList<QByteArray> references;
    QString listPost; // the mailing list's posting address (List-Post); empty: none
    // The attached files, with their bytes: a forward carries them on.
    QList<OutgoingAttachment> attachments;
};
