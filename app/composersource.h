#pragma once

#include <QCoreApplication>
#include <QString>

class MimePart;
struct ComposerDraft;
struct OriginalMessage;

// What a composer starts from, read out of a received or stored message: the fields a reply
// or forward needs, or the fields of a draft kept on the server.
class ComposerSource
{
    Q_DECLARE_TR_FUNCTIONS(ComposerSource)
public:
    // The message's header fields, plain text and List-Post address. withAttachments: also its
    // attached files with their bytes, which needs the whole message (a forward).
    static OriginalMessage original(const MimePart &message, bool withAttachments);
    // A draft: its recipients, subject, text, attachments and threading headers; accountId is
    // the account whose Drafts folder holds it.
    static ComposerDraft draft(const MimePart &message, const QString &accountId);
};
