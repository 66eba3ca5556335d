#pragma once

#include "folderrecord.h"
#include "messagerecord.h"

#include <QByteArray>
#include <QList>
#include <QString>

// A change the user made that the server has not confirmed yet, kept in the account's cache
// until it has: written before any network step, replayed in order, removed once done.
struct PendingOperation
{
    enum class Kind {
        Flags = 1, // add and remove flags on uids in folderId
        Move = 2, // move uids from folderId to targetFolderId
        Expunge = 3, // mark uids in folderId \Deleted and expunge them
        Append = 4, // store message in folderId, or in the folder of specialUse; once stored,
        // expunge uids from targetFolderId (the earlier copy of a draft), if any
        AppendUnlessFiled = 5, // as Append, unless the folder holds a message with the same
        // Message-ID already (the submission server filed a sent message itself)
        Empty = 6, // mark every message of folderId \Deleted and expunge them all: those the
        // cache never saw too (Empty Trash, Empty Junk)
    };

    qint64 id = 0;
    Kind kind = Kind::Flags;
    qint64 folderId = 0;
    QList<quint32> uids;
    MessageRecord::Flags addFlags;
    MessageRecord::Flags removeFlags;
    qint64 targetFolderId = 0;
    FolderRecord::SpecialUse specialUse = FolderRecord::SpecialUse::None;
    QByteArray message;
    // A message to append kept in a file rather than in message (a large sent message): the
    // file is the journal's, removed with the operation (OperationQueue).
    QString messageFile;
    QList<QByteArray> appendFlags;
};
