#pragma once

#include "imapaddress.h"

#include <QByteArray>
#include <QList>

// The ENVELOPE fetch item. Header values stay as the server sent them (raw bytes).
struct ImapEnvelope
{
    QByteArray date;
    QByteArray subject;
    QList<ImapAddress> from;
    QList<ImapAddress> sender;
    QList<ImapAddress> replyTo;
    QList<ImapAddress> to;
    QList<ImapAddress> cc;
    QList<ImapAddress> bcc;
    QByteArray inReplyTo;
    QByteArray messageId;
};
