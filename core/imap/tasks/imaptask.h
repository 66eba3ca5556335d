#pragma once

#include "imap/imapconnection.h"
#include "imap/parser/uidset.h"

#include "common/mailerror.h"

#include <QObject>
#include <QPointer>

#include <functional>

// One IMAP operation over an ImapConnection: a small state machine that sends its commands,
// reads the responses meant for it and ends with succeeded() or failed(error), then
// finished(). Those signals are always emitted queued, never from inside start(), so a slot
// may delete the task. A task runs once; it does not own the connection.
//
// Usage: auto *task = new ImapSelectTask(connection, "INBOX"); connect(task,
// &ImapTask::finished, ...); task->start();
class ImapTask : public QObject
{
    Q_OBJECT
public:
    explicit ImapTask(ImapConnection *connection, QObject *parent = nullptr);
    ~ImapTask() override;

    // Runs the task; on a connection still opening, as soon as it is ready.
    void start();
    bool isStarted() const { return m_started; }
    bool isFinished() const { return m_finished; }
    // The failure, once failed() was emitted; Kind::None after success.
    MailError error() const { return m_error; }

Q_SIGNALS:
    void succeeded();
    void failed(const MailError &error);
    void finished();

protected:
    virtual void run() = 0;

    ImapConnection *connection() const { return m_connection; }
    ImapCommandBuilder builder() const;
    void send(const ImapCommand &command, ImapConnection::CompletionHandler done,
              ImapConnection::UntaggedHandler untagged = {});
    // One command per piece of uids, each piece's sequence set short enough to keep the line
    // under 8 KiB (UidSet::splitByLength()), so that a run of contiguous UIDs, however long,
    // travels as one range. The commands are pipelined; eachOk gets every piece's success (for
    // its response codes), done the first failure, or the last success once all answered.
    // The number of commands sent.
    static constexpr qsizetype maxSequenceSetBytes = 8000;
    int sendPerPiece(const UidSet &uids, const std::function<ImapCommand(const UidSet &)> &build,
                     ImapConnection::CompletionHandler done,
                     ImapConnection::UntaggedHandler untagged = {},
                     ImapConnection::CompletionHandler eachOk = {});
    void succeed();
    void fail(const MailError &error);

private:
    QPointer<ImapConnection> m_connection;
    MailError m_error;
    bool m_started = false;
    bool m_finished = false;
};
