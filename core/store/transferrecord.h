#pragma once

#include <QByteArray>
#include <QString>

// One message on its way to a folder of another account (a copy or a move across accounts),
// kept in the source account's cache from before anything is sent until it is done, so that a
// restart resumes it: it is never in neither place, and never twice without a word.
struct TransferRecord
{
    enum class Stage {
        Waiting = 0, // nothing sent to the target yet
        Appending = 1, // the APPEND may have reached the target: look for it before sending again
        Appended = 2, // the target has it; a move still removes it from the source
    };

    qint64 id = 0;
    qint64 folderId = 0; // in the source account
    quint32 uid = 0;
    QString targetAccountId;
    QString targetPath; // the target folder's path in the target account
    bool move = false;
    Stage stage = Stage::Waiting;
    QByteArray messageId; // "<...>", known once the message was read; may stay empty
};
