#pragma once

#include "messagerecord.h"

// New flags of one message as the server reported them (FETCH FLAGS, with MODSEQ under
// CONDSTORE).
struct FlagUpdate
{
    quint32 uid = 0;
    MessageRecord::Flags flags;
    QString keywords;
    quint64 modSeq = 0; // 0: keep the stored value
};
