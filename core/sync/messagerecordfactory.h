#pragma once

#include "imap/parser/imapfetch.h"
#include "store/messagerecord.h"

#include <QByteArray>
#include <QList>

// Turns the metadata of one FETCH response into the row the cache keeps: flags as bits,
// envelope fields decoded to text, the structure kept for fetching parts later.
class MessageRecordFactory
{
public:
    static MessageRecord fromFetch(const ImapFetch &fetch, qint64 folderId);
    // The row kept for a message the cache cannot hold as it is (a field cut on arrival, a row
    // too big for SQLite): its UID, flags, dates and size, and a subject that says so. Keeping
    // the UID means the next synchronisation does not fetch it again and fail the same way.
    static MessageRecord placeholder(const MessageRecord &message);
    static MessageRecord::Flags flagsFromList(const QList<QByteArray> &flags, QString *keywords);
    static QList<QByteArray> flagsToList(MessageRecord::Flags flags);
    // True when the structure holds a part meant to be saved rather than read inline.
    static bool hasAttachments(const ImapBodyPart &part);
};
