#pragma once

#include "uidmapping.h"
#include "uidset.h"

#include <QByteArray>
#include <QList>

#include <utility>

// The bracketed response code of a status response ("* OK [UIDVALIDITY 3857529045] ...").
// kind() names the codes the client acts on; any other code keeps its name and raw arguments.
struct ImapResponseCode
{
    enum class Kind {
        None,
        Alert,
        BadCharset,
        Capability,
        Parse,
        PermanentFlags,
        ReadOnly,
        ReadWrite,
        TryCreate,
        UidNext,
        UidValidity,
        Unseen,
        HighestModSeq, // RFC 7162
        NoModSeq,
        Modified,
        Closed,
        AppendUid, // RFC 4315
        CopyUid,
        UidNotSticky,
        AuthenticationFailed, // RFC 5530
        AuthorizationFailed,
        Expired,
        PrivacyRequired,
        ContactAdmin,
        NoPerm,
        InUse,
        ExpungeIssued,
        Corruption,
        ServerBug,
        ClientBug,
        CannotOpen,
        Limit,
        OverQuota,
        AlreadyExists,
        NonExistent,
        Unavailable,
        NotificationOverflow, // RFC 5465: the server stopped sending notifications
        BadEvent, // RFC 5465: atoms lists the events the server supports
        Other,
    };

    Kind kind = Kind::None;
    QByteArray name; // upper case, e.g. "UIDVALIDITY"
    QByteArray rawArguments; // everything between the name and ']'
    QList<QByteArray> atoms; // CAPABILITY (upper case), PERMANENTFLAGS, BADCHARSET, BADEVENT
    quint64 number = 0; // UIDNEXT, UIDVALIDITY, UNSEEN, HIGHESTMODSEQ, APPENDUID/COPYUID validity
    UidSet uids; // APPENDUID: new UIDs; COPYUID: destination UIDs; MODIFIED: the set
    UidSet sourceUids; // COPYUID: source UIDs
    UidMapping uidMapping; // COPYUID: source UID -> destination UID
};
