#pragma once

#include "outbox/outboxfollowup.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

// One message waiting in the outbox, as persisted beside its bytes.
struct OutboxEntry
{
    enum class State {
        Queued, // waiting to be sent
        Sending, // a submission is under way
        Failed, // the server refused it or it never got there; safe to retry
        Unknown, // the connection ended after the message was handed over: it may have been sent
    };

    QString id;
    QString accountId;
    QString envelopeFrom;
    QStringList recipients;
    QString subject; // for the outbox list in the window
    State state = State::Queued;
    int attempts = 0;
    QString lastError;
    QDateTime queuedAt;
    // When the automatic retry of a Queued message is due; invalid when none is scheduled. The
    // sender's own schedule (MessageSender::entries()), not stored: after a restart the queue
    // starts at once.
    QDateTime nextAttempt;
    // What to change on other messages once this one is sent.
    QList<OutboxFollowUp> followUps;

    bool operator==(const OutboxEntry &) const = default;
};
