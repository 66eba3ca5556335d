#pragma once

#include "uidset.h"

// A VANISHED response (RFC 7162): UIDs expunged; EARLIER when answering a QRESYNC resync.
struct ImapVanished
{
    bool earlier = false;
    UidSet uids;
};
