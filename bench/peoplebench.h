#pragma once

#include <QStringList>

// Completion in the address book: fills one with --entries people (default 10000) of made-up
// names (with accents) and use counts, reopens it, and times --queries completions (default
// 500) of one to four typed letters. Prints people_fill_ms, people_open_ms,
// people_complete_{median,p99,max}_ms (wall clock) and people_complete_cpu_{median,p99,max}_ms
// (the thread's CPU time, which a busy machine does not inflate).
int runPeopleBench(const QStringList &args);
