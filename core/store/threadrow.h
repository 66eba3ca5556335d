#pragma once

#include "messagerecord.h"

// One message of a threaded list with the number of direct replies to it in the same folder.
struct ThreadRow
{
    MessageRecord message;
    int replyCount = 0;
};
