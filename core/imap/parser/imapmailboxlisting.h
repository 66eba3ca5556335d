#pragma once

#include "imapvalue.h"

#include <QByteArray>
#include <QList>

// One LIST or LSUB line (RFC 3501, LIST-EXTENDED RFC 5258, SPECIAL-USE RFC 6154).
// name is the mailbox name as sent (modified UTF-7 unless UTF8=ACCEPT is enabled; decode with
// ImapCommandBuilder::decodeMailboxName()). INBOX is normalised to upper case.
struct ImapMailboxListing
{
    enum Attribute : quint32 {
        NoInferiors = 1u << 0,
        NoSelect = 1u << 1,
        Marked = 1u << 2,
        Unmarked = 1u << 3,
        HasChildren = 1u << 4,
        HasNoChildren = 1u << 5,
        NonExistent = 1u << 6,
        Subscribed = 1u << 7,
        Remote = 1u << 8,
        All = 1u << 9,
        Archive = 1u << 10,
        Drafts = 1u << 11,
        Flagged = 1u << 12,
        Junk = 1u << 13,
        Sent = 1u << 14,
        Trash = 1u << 15,
        Important = 1u << 16,
    };
    static constexpr quint32 SpecialUseMask = All | Archive | Drafts | Flagged | Junk | Sent | Trash
                                              | Important;

    bool isLsub = false;
    quint32 attributes = 0; // known attributes as Attribute bits
    QList<QByteArray> rawAttributes; // every attribute as sent
    QByteArray delimiter; // one byte, or empty for NIL (flat name space)
    QByteArray name;
    // LIST-EXTENDED extended data items.
    QList<QByteArray> childInfo; // CHILDINFO ("SUBSCRIBED")
    QByteArray oldName; // OLDNAME (RFC 9051)
    QList<std::pair<QByteArray, ImapValue>> extendedData;

    bool has(Attribute a) const { return (attributes & a) != 0; }
    bool isSelectable() const { return !has(NoSelect) && !has(NonExistent); }
};
