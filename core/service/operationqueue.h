#pragma once

#include "common/mailerror.h"
#include "common/messagesource.h"
#include "store/pendingoperation.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>

#include <utility>

class ImapConnection;
class ImapTask;
class UidSet;
class MessageStore;

// Every change the user makes to messages on the server (flags, moves, deletions, messages to
// file into a folder) goes through this queue. enqueue() writes the change to the cache's
// journal before any network step and shows it in the cache at once; run() replays the journal
// in order over a ready connection, selecting each operation's folder itself, and removes each
// entry once the server confirmed it. A lost connection stops the replay with the entry kept,
// so the next connection continues where this one stopped; a restart does too.
//
// The server refusing a change drops it with errorOccurred(); a flag change, move or deletion
// it refused is backed out of the cache by reading the messages' metadata (flags included)
// again. A message that vanished
// meanwhile costs a notice(), nothing more.
class OperationQueue : public QObject
{
    Q_OBJECT
public:
    explicit OperationQueue(MessageStore *store, QObject *parent = nullptr);
    ~OperationQueue() override;

    // Persists the operation and applies it to the cache. Nothing goes to the server until
    // run().
    MailError enqueue(PendingOperation operation);
    // Entries in the journal, the one being replayed included.
    int pendingCount() const;
    // The Message-ID header of message ("<...>"), empty when it has none.
    static QByteArray messageIdOf(const QByteArray &message);
    // The message an append operation stores: its bytes, or its file.
    static MessageSource sourceOf(const PendingOperation &operation);
    // The header field that marks the copy an AppendUnlessFiled operation stores, so that a
    // replay after a crash tells it from a copy the server filed by itself.
    static constexpr const char *ownCopyField = "X-Heron-Sent-Copy";
    // Replays the journal over connection, which the queue then uses alone (it selects
    // mailboxes) until drained().
    void run(ImapConnection *connection);
    bool isRunning() const { return m_running; }
    // The replay waits for answerExpungeAll() (see expungeAllRequested()).
    bool isAwaitingExpungeAnswer() const { return bool(m_afterExpungeAnswer); }
    // The answer to expungeAllRequested(): true removes every message of the folder marked
    // \Deleted (a plain EXPUNGE), the other program's too; false leaves them all marked, the
    // ones of this deletion or move included. Either way the replay goes on.
    void answerExpungeAll(bool expungeAll);

Q_SIGNALS:
    // The replay ended: the journal is empty, or the connection was lost.
    void drained();
    // A move reached the server: the UIDs of the messages in the target folder by their UIDs
    // in the source, as far as the server told (COPYUID), and how many were asked to move.
    void moved(qint64 sourceFolderId, qint64 targetFolderId,
               const QList<std::pair<quint32, quint32>> &mapping, int requested);
    // A message was stored in folderId.
    void appended(qint64 folderId);
    // An AppendUnlessFiled operation looked for its message in folderId: found, it was not
    // stored again; else it is stored next.
    void copyChecked(qint64 folderId, bool found);
    // The server has no UID EXPUNGE, and besides the count messages a deletion or a move takes
    // out of folderId, others are marked \Deleted there (by another program): the ones cannot
    // be removed without the others. They are marked and wait; so does the replay, holding the
    // connection, until answerExpungeAll(). A connection lost meanwhile answers false
    // (expungeQuestionWithdrawn()).
    void expungeAllRequested(qint64 folderId, int count, int others);
    void expungeQuestionWithdrawn();
    void notice(const QString &text);
    void errorOccurred(const MailError &error);
    void pendingCountChanged(int count);
    // The replay works on the server: text says what (a user can read it), done of total
    // changes of this replay are confirmed. An empty text once it ended.
    void progress(const QString &text, int done, int total);

private:
    void next();
    void execute(const PendingOperation &operation);
    void select(qint64 folderId, std::function<void()> then);
    void runFlags(const PendingOperation &operation);
    void runMove(const PendingOperation &operation);
    void runExpunge(const PendingOperation &operation);
    // Empty: every message of the selected folder marked \Deleted and expunged.
    void runEmpty();
    // The server lacks UID EXPUNGE and other messages of the folder are marked \Deleted: the
    // current operation's messages stay marked, and the user hears so.
    void noteWithheld();
    // The same, with the user asked whether to remove every marked message of folderId
    // (expungeAllRequested()); then() follows the answer.
    void askExpungeAll(qint64 folderId, const UidSet &others, std::function<void()> then);
    // Marks uids of the selected folder \Deleted and expunges them, then completes. With ask,
    // what a missing UID EXPUNGE withholds is asked about, else only told.
    void expunge(const QList<quint32> &uids, bool ask);
    void runAppend(const PendingOperation &operation);
    // Which copies of a message a search looks for: any, those Heron stored (ownCopyField), or
    // the others (filed by the server).
    enum class Copies { Any, Own, Others };
    // Searches the selected folder for messageId; refused: the server answered NO or BAD.
    void searchCopy(const QByteArray &messageId, Copies copies,
                    std::function<void(bool found, bool refused)> then);
    // Stores the current operation's message; a folder the server lost is created once.
    void append(qint64 folderId, const QByteArray &mailbox, bool mayCreate);
    // The server refused: the cache gets the messages back as the server still has them.
    void restore(const PendingOperation &operation);
    // The current entry is done (or dropped): removed from the journal, then the next.
    void complete();
    // Ends the replay after a failure: a lost connection keeps the entry, a refusal drops it.
    void fail(const MailError &error);
    QByteArray wireName(qint64 folderId) const;
    // What progress() says while operation runs.
    static QString describe(const PendingOperation &operation);
    template<typename Task>
    void whenDone(Task *task, std::function<void(Task *)> done);

    MessageStore *m_store;
    QPointer<ImapConnection> m_connection;
    PendingOperation m_current;
    // What follows the answer to expungeAllRequested(); empty when no question is open.
    std::function<void()> m_afterExpungeAnswer;
    qint64 m_questionFolderId = 0;
    QList<quint32> m_othersDeleted; // of m_questionFolderId
    int m_pendingCount = 0;
    int m_replayed = 0; // changes confirmed since run()
    bool m_running = false;
};
