#pragma once

#include <QStringList>

// Peak memory of the client against a hostile IMAP server on loopback that announces and sends
// huge literals: in the greeting (before any login), in an ENVELOPE field after the login, and
// as two body sections in one FETCH. Arguments: --case greeting|envelope|two-bodies [--mb N]
// [--limits current|unbounded] ("unbounded" gives the framer the former caps everywhere: 256 MiB
// per literal, 512 MiB per response, nothing cut). Prints hostile_* lines; returns 0 on success.
int runHostileBench(const QStringList &args);
