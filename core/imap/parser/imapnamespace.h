#pragma once

#include <QByteArray>
#include <QList>

// The NAMESPACE response (RFC 2342): personal, other users' and shared name spaces.
struct ImapNamespace
{
    struct Entry
    {
        QByteArray prefix;
        QByteArray delimiter; // empty for NIL
        friend bool operator==(const Entry &, const Entry &) = default;
    };
    QList<Entry> personal;
    QList<Entry> otherUsers;
    QList<Entry> shared;
};
