#pragma once

// Shared by the tests of the IMAP tasks: a logged-in session over a scripted server, and a
// task run to its end.

#include "faketransport.h"
#include "imap/imapconnection.h"
#include "imap/tasks/imaptask.h"
#include "imaptestsession.h"
#include "scriptedserver.h"

#include <QSignalSpy>

#include <memory>

namespace ImapTestSession {

// A logged-in session with the given capabilities; with enable, CONDSTORE and QRESYNC are
// enabled (the tasks' commands then start at tag h3, else at h2).
class Session
{
public:
    Session(const QByteArray &caps, const QList<QByteArray> &steps, bool enable = false)
    {
        QList<QByteArray> script = prologue(caps + (enable ? " ENABLE CONDSTORE QRESYNC" : ""));
        if (enable)
            script += {"C: h2 ENABLE CONDSTORE QRESYNC", "S: * ENABLED CONDSTORE QRESYNC",
                       "S: h2 OK Enabled"};
        script += steps;
        server = std::make_unique<ScriptedServer>(&transport, script);
        connection.open(settings());
    }

    FakeTransport transport;
    std::unique_ptr<ScriptedServer> server;
    ImapConnection connection {&transport};
};

// Runs a task to its end; true when it succeeded.
inline bool run(ImapTask *task)
{
    QSignalSpy finished(task, &ImapTask::finished);
    QSignalSpy succeeded(task, &ImapTask::succeeded);
    task->start();
    if (!finished.wait(5000) && finished.isEmpty())
        return false;
    return succeeded.size() == 1 && !task->error().isError();
}

} // namespace ImapTestSession
