#pragma once

#include <QList>
#include <QString>

// A change to another message of some account, due once a message of the outbox was accepted by
// the submission server: the message it answers gets \Answered, the one it forwards $Forwarded,
// and the draft it was written from leaves the server.
struct OutboxFollowUp
{
    enum class Action {
        MarkAnswered = 1,
        MarkForwarded = 2,
        DeleteDraft = 3,
    };

    Action action = Action::MarkAnswered;
    QString accountId;
    qint64 folderId = 0;
    quint32 uid = 0;

    bool isValid() const { return !accountId.isEmpty() && folderId != 0 && uid != 0; }
    bool operator==(const OutboxFollowUp &) const = default;
};
