#pragma once

#include <QtGlobal>

// A thread root in a threaded list's order: enough to lay the list out without reading rows.
struct ThreadRoot
{
    quint32 uid = 0;
    bool hasReplies = false;
};
