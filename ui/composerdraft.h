#pragma once

#include "mime/outgoingmessage.h"
#include "outbox/outboxfollowup.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

// What a composer holds, field by field, as kept in a local draft file: enough to open the
// composer again exactly where the user left it.
struct ComposerDraft
{
    QString accountId;
    QString from; // the chosen identity as shown, e.g. "Alice <alice@example.org>"
    QString to;
    QString cc;
    QString bcc;
    QString subject;
    QString body; // plain text, or HTML when richText
    bool richText = false;
    // The spelling language chosen for the message ("de_DE"); empty: the sender's default.
    QString spellingLanguage;
    QStringList attachments; // local file paths
    QList<OutgoingAttachment> dataAttachments; // held as data: name, type and bytes
    QList<OutgoingAttachment> inlineImages; // the pictures of an HTML body, by content id
    QByteArray inReplyTo;
    QList<QByteArray> references;
    QByteArray forwardedMessageId; // the message forwarded, "<...>"
    // The message answered or forwarded, and the copy on the server this draft was opened from.
    QList<OutboxFollowUp> followUps;

    bool operator==(const ComposerDraft &) const = default;

    QJsonObject toJson() const;
    static ComposerDraft fromJson(const QJsonObject &json);
};
