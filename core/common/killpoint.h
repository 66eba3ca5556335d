#pragma once

// Fault injection for the tests that stop the process at a chosen step, as a crash or a
// kill -9 there would: when the environment variable HERON_KILL_POINT names the point reached,
// the process kills itself with SIGKILL (no destructor runs, nothing is flushed). Without the
// variable, reaching a point costs a comparison.
class KillPoint
{
public:
    // Kill points, by the step just done.
    static constexpr const char *afterAppend = "after-append"; // the server stored an APPEND

    static void reach(const char *name);
};
