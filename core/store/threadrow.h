#pragma once

#include "messagerecord.h"

// One message of a threaded list with the number of replies under it (see
// MessageStore::fetchReplies()).
struct ThreadRow
{
    MessageRecord message;
    int replyCount = 0;
};
