#pragma once

#include <QByteArray>
#include <QList>

#include <optional>
#include <utility>

// A STATUS response (also sent for each mailbox by LIST-STATUS, RFC 5819).
struct ImapMailboxStatus
{
    QByteArray name; // as sent, see ImapMailboxListing::name
    std::optional<quint32> messages;
    std::optional<quint32> recent;
    std::optional<quint32> uidNext;
    std::optional<quint32> uidValidity;
    std::optional<quint32> unseen;
    std::optional<quint32> deleted;
    std::optional<quint64> size;
    std::optional<quint64> highestModSeq;
    QList<std::pair<QByteArray, quint64>> other; // items this client does not know
};
