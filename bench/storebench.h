#pragma once

#include <QStringList>

// Timings of the local cache and the message list model over a large folder.
// Arguments: [--messages N] [--dir PATH]. Prints one line per measurement; returns 0 on success.
int runStoreBench(const QStringList &args);
