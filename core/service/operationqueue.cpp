#include "operationqueue.h"

#include "common/killpoint.h"
#include "common/logging.h"
#include "imap/imapcommandbuilder.h"
#include "imap/imapconnection.h"
#include "imap/parser/uidset.h"
#include "imap/tasks/imapappendtask.h"
#include "imap/tasks/imapexpungetask.h"
#include "imap/tasks/imapfetchmetadatatask.h"
#include "imap/tasks/imapmailboxtask.h"
#include "imap/tasks/imapmovetask.h"
#include "imap/tasks/imapsearchtask.h"
#include "imap/tasks/imapselecttask.h"
#include "imap/tasks/imapstoretask.h"
#include "mime/mimepart.h"
#include "store/messagestore.h"
#include "sync/foldersync.h"
#include "sync/messagerecordfactory.h"

#include <QFile>

namespace {

// A failure that says nothing about the change itself: the next connection tries it again.
bool isConnectionLost(const MailError &error)
{
    switch (error.kind()) {
    case MailError::Kind::Network:
    case MailError::Kind::Tls:
    case MailError::Kind::Cancelled:
        return true;
    default:
        return false;
    }
}

bool isAppend(PendingOperation::Kind kind)
{
    return kind == PendingOperation::Kind::Append
           || kind == PendingOperation::Kind::AppendUnlessFiled;
}

} // namespace

QByteArray OperationQueue::messageIdOf(const QByteArray &message)
{
    // The header alone: a sent message may be tens of megabytes.
    qsizetype end = message.indexOf("\r\n\r\n");
    if (end < 0)
        end = message.indexOf("\n\n");
    const QByteArray header = end < 0 ? message : message.left(end + 2);
    return MimePart::parse(header + "\r\n").header("Message-ID").trimmed();
}

MessageSource OperationQueue::sourceOf(const PendingOperation &operation)
{
    return operation.messageFile.isEmpty() ? MessageSource::fromBytes(operation.message)
                                           : MessageSource::fromFile(operation.messageFile);
}

OperationQueue::OperationQueue(MessageStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{ }

OperationQueue::~OperationQueue() = default;

template<typename Task>
void OperationQueue::whenDone(Task *task, std::function<void(Task *)> done)
{
    connect(task, &ImapTask::finished, this, [task, done] {
        task->deleteLater();
        done(task);
    });
    task->start();
}

MailError OperationQueue::enqueue(PendingOperation operation)
{
    if (!isAppend(operation.kind) && operation.kind != PendingOperation::Kind::Empty
        && operation.uids.isEmpty())
        return {};
    const StoreResult<qint64> id = m_store->addPendingOperation(operation);
    if (!id)
        return id.error();
    MailError local;
    switch (operation.kind) {
    case PendingOperation::Kind::Flags:
        local = m_store->changeFlags(operation.folderId, operation.uids, operation.addFlags,
                                     operation.removeFlags);
        break;
    case PendingOperation::Kind::Move:
    case PendingOperation::Kind::Expunge:
        local = m_store->removeMessages(operation.folderId, operation.uids);
        break;
    case PendingOperation::Kind::Empty:
        if (const StoreResult<QList<quint32>> cached = m_store->uids(operation.folderId); !cached)
            local = cached.error();
        else
            local = m_store->removeMessages(operation.folderId, cached.value());
        break;
    case PendingOperation::Kind::Append:
    case PendingOperation::Kind::AppendUnlessFiled:
        // A replaced copy leaves the view at once; the server loses it after the append.
        if (!operation.uids.isEmpty() && operation.targetFolderId != 0)
            local = m_store->removeMessages(operation.targetFolderId, operation.uids);
        break;
    }
    Q_EMIT pendingCountChanged(pendingCount());
    return local;
}

int OperationQueue::pendingCount() const
{
    return m_store->pendingOperationCount().value();
}

void OperationQueue::run(ImapConnection *connection)
{
    if (m_running)
        return;
    m_connection = connection;
    m_running = true;
    m_replayed = 0;
    next();
}

void OperationQueue::next()
{
    if (!m_connection || !m_connection->isReady()) {
        m_running = false;
        Q_EMIT progress({}, m_replayed, m_replayed);
        Q_EMIT drained();
        return;
    }
    const StoreResult<QList<PendingOperation>> operations = m_store->pendingOperations(1);
    if (!operations || operations.value().isEmpty()) {
        if (!operations)
            Q_EMIT errorOccurred(operations.error());
        m_running = false;
        Q_EMIT progress({}, m_replayed, m_replayed);
        Q_EMIT drained();
        return;
    }
    m_current = operations.value().constFirst();
    Q_EMIT progress(describe(m_current), m_replayed, m_replayed + pendingCount());
    execute(m_current);
}

void OperationQueue::execute(const PendingOperation &operation)
{
    switch (operation.kind) {
    case PendingOperation::Kind::Flags:
        select(operation.folderId, [this] { runFlags(m_current); });
        return;
    case PendingOperation::Kind::Move:
        select(operation.folderId, [this] { runMove(m_current); });
        return;
    case PendingOperation::Kind::Expunge:
        select(operation.folderId, [this] { runExpunge(m_current); });
        return;
    case PendingOperation::Kind::Empty:
        select(operation.folderId, [this] { runEmpty(); });
        return;
    case PendingOperation::Kind::Append:
    case PendingOperation::Kind::AppendUnlessFiled:
        runAppend(operation);
        return;
    }
    fail(MailError(MailError::Kind::Storage, tr("An unknown change was kept for the server")));
}

QString OperationQueue::describe(const PendingOperation &operation)
{
    const int count = int(operation.uids.size());
    switch (operation.kind) {
    case PendingOperation::Kind::Flags:
        return tr("Changing the flags of %n message(s) on the server", "", count);
    case PendingOperation::Kind::Move:
        return tr("Moving %n message(s) on the server", "", count);
    case PendingOperation::Kind::Expunge:
    case PendingOperation::Kind::Empty:
        return tr("Deleting messages on the server");
    case PendingOperation::Kind::Append:
    case PendingOperation::Kind::AppendUnlessFiled:
        break;
    }
    return tr("Storing a message on the server");
}

QByteArray OperationQueue::wireName(qint64 folderId) const
{
    const StoreResult<FolderRecord> folder = m_store->folder(folderId);
    return folder ? FolderSync::wireName(m_connection, folder.value().path) : QByteArray();
}

void OperationQueue::select(qint64 folderId, std::function<void()> then)
{
    const QByteArray name = wireName(folderId);
    if (name.isEmpty()) {
        Q_EMIT notice(tr("A change was dropped: its folder no longer exists."));
        complete();
        return;
    }
    if (m_connection->selectedMailbox() == name) {
        then();
        return;
    }
    whenDone<ImapSelectTask>(new ImapSelectTask(m_connection, name, false, this),
                             [this, then](ImapSelectTask *task) {
                                 if (task->error()) {
                                     fail(task->error());
                                     return;
                                 }
                                 then();
                             });
}

void OperationQueue::runFlags(const PendingOperation &operation)
{
    const UidSet uids = UidSet::fromList(operation.uids);
    auto store = [this, uids](ImapStoreTask::Mode mode, MessageRecord::Flags flags,
                              std::function<void()> then) {
        if (!flags) {
            then();
            return;
        }
        whenDone<ImapStoreTask>(new ImapStoreTask(m_connection, uids, mode,
                                                  MessageRecordFactory::flagsToList(flags), this),
                                [this, then](ImapStoreTask *task) {
                                    if (task->error())
                                        fail(task->error());
                                    else
                                        then();
                                });
    };
    const MessageRecord::Flags remove = operation.removeFlags;
    store(ImapStoreTask::Mode::Add, operation.addFlags, [this, store, remove] {
        store(ImapStoreTask::Mode::Remove, remove, [this] { complete(); });
    });
}

void OperationQueue::runMove(const PendingOperation &operation)
{
    const QByteArray target = wireName(operation.targetFolderId);
    if (target.isEmpty()) {
        Q_EMIT notice(tr("%n message(s) could not be moved: the folder no longer exists.", "",
                         int(operation.uids.size())));
        restore(operation);
        return;
    }
    whenDone<ImapMoveTask>(new ImapMoveTask(m_connection, UidSet::fromList(operation.uids), target,
                                            this),
                           [this](ImapMoveTask *task) {
                               if (task->error()) {
                                   fail(task->error());
                                   return;
                               }
                               const int requested = int(m_current.uids.size());
                               if (task->destinationUidValidity() != 0
                                   && task->uidMapping().size() < requested)
                                   Q_EMIT notice(
                                           tr("%n message(s) had already gone from the server.", "",
                                              requested - int(task->uidMapping().size())));
                               const auto done = [this, mapping = task->uidMapping(), requested] {
                                   Q_EMIT moved(m_current.folderId, m_current.targetFolderId,
                                                mapping, requested);
                                   complete();
                               };
                               if (task->withheld())
                                   askExpungeAll(m_current.folderId, task->othersDeleted(), done);
                               else
                                   done();
                           });
}

void OperationQueue::noteWithheld()
{
    Q_EMIT notice(tr("%n message(s) stay marked as deleted on the server: it cannot remove them "
                     "without also removing messages another program marked as deleted.",
                     "", int(m_current.uids.size())));
}

void OperationQueue::askExpungeAll(qint64 folderId, const UidSet &others, std::function<void()> then)
{
    m_afterExpungeAnswer = std::move(then);
    m_questionFolderId = folderId;
    m_othersDeleted = others.toList();
    // A connection lost before the answer leaves the messages marked, as "no" would.
    connect(
            m_connection, &ImapConnection::closed, this,
            [this] {
                if (!m_afterExpungeAnswer)
                    return;
                answerExpungeAll(false);
                Q_EMIT expungeQuestionWithdrawn();
            },
            Qt::SingleShotConnection);
    Q_EMIT expungeAllRequested(folderId, int(m_current.uids.size()), int(m_othersDeleted.size()));
}

void OperationQueue::answerExpungeAll(bool expungeAll)
{
    if (!m_afterExpungeAnswer)
        return;
    const std::function<void()> then = std::exchange(m_afterExpungeAnswer, {});
    const QList<quint32> others = std::exchange(m_othersDeleted, {});
    const qint64 folderId = std::exchange(m_questionFolderId, 0);
    if (m_connection)
        disconnect(m_connection, &ImapConnection::closed, this, nullptr);
    if (!expungeAll || !m_connection || !m_connection->isReady()) {
        noteWithheld();
        then();
        return;
    }
    // The folder is still selected: the queue kept the connection while it waited.
    whenDone<ImapExpungeTask>(new ImapExpungeTask(m_connection, {}, this),
                              [this, then, others, folderId](ImapExpungeTask *task) {
                                  if (task->error()) {
                                      fail(task->error());
                                      return;
                                  }
                                  // The other program's marked messages went too.
                                  if (MailError error = m_store->removeMessages(folderId, others))
                                      Q_EMIT errorOccurred(error);
                                  then();
                              });
}

void OperationQueue::runExpunge(const PendingOperation &operation)
{
    expunge(operation.uids, true);
}

void OperationQueue::runEmpty()
{
    // Every message the server has, "1:*", whether cached or not; then all that are marked go.
    const UidSet all = UidSet::fromRange(1, 0xFFFFFFFF);
    whenDone<ImapStoreTask>(new ImapStoreTask(m_connection, all, ImapStoreTask::Mode::Add,
                                              {QByteArrayLiteral("\\Deleted")}, this),
                            [this](ImapStoreTask *task) {
                                if (task->error()) {
                                    fail(task->error());
                                    return;
                                }
                                whenDone<ImapExpungeTask>(new ImapExpungeTask(m_connection,
                                                                              UidSet(), this),
                                                          [this](ImapExpungeTask *expunge) {
                                                              if (expunge->error()) {
                                                                  fail(expunge->error());
                                                                  return;
                                                              }
                                                              complete();
                                                          });
                            });
}

void OperationQueue::expunge(const QList<quint32> &list, bool ask)
{
    const UidSet uids = UidSet::fromList(list);
    whenDone<ImapStoreTask>(new ImapStoreTask(m_connection, uids, ImapStoreTask::Mode::Add,
                                              {QByteArrayLiteral("\\Deleted")}, this),
                            [this, uids, ask](ImapStoreTask *task) {
                                if (task->error()) {
                                    fail(task->error());
                                    return;
                                }
                                whenDone<ImapExpungeTask>(
                                        new ImapExpungeTask(m_connection, uids, this),
                                        [this, ask](ImapExpungeTask *expunge) {
                                            if (expunge->error()) {
                                                fail(expunge->error());
                                                return;
                                            }
                                            if (expunge->withheld() && ask) {
                                                askExpungeAll(m_current.folderId,
                                                              expunge->othersDeleted(),
                                                              [this] { complete(); });
                                                return;
                                            }
                                            if (expunge->withheld())
                                                noteWithheld();
                                            complete();
                                        });
                            });
}

void OperationQueue::runAppend(const PendingOperation &operation)
{
    qint64 folderId = operation.folderId;
    if (folderId == 0 && operation.specialUse != FolderRecord::SpecialUse::None) {
        const StoreResult<QList<FolderRecord>> folders = m_store->folders();
        for (const FolderRecord &folder : folders.value()) {
            if (folder.specialUse == operation.specialUse)
                folderId = folder.id;
        }
    }
    const QByteArray name = folderId ? wireName(folderId) : QByteArray();
    if (name.isEmpty()) {
        fail(MailError(MailError::Kind::Protocol,
                       tr("A message could not be filed: the server has no folder for it")));
        return;
    }
    if (!operation.messageFile.isEmpty() && !QFile::exists(operation.messageFile)) {
        // Its literal could never be completed: the change goes, said, not tried at every
        // connection.
        fail(MailError(MailError::Kind::Storage,
                       tr("A message could not be filed: its file is gone"), operation.messageFile));
        return;
    }
    const QByteArray messageId = operation.kind == PendingOperation::Kind::AppendUnlessFiled
                                         ? messageIdOf(sourceOf(operation).header())
                                         : QByteArray();
    if (messageId.isEmpty()) {
        append(folderId, name, true);
        return;
    }
    // Is the message there already? (HEADER matches substrings; with its angle brackets a
    // Message-ID is found only in itself.) A copy Heron stored carries ownCopyField (an empty
    // HEADER string matches every message that has the field): found alone, it is the copy of
    // an earlier try that died before the journal forgot it, and says nothing of the server.
    select(folderId, [this, folderId, name, messageId] {
        const auto decide = [this, folderId, name](bool serverFiled, bool ownFiled) {
            Q_EMIT copyChecked(folderId, serverFiled);
            if (serverFiled || ownFiled)
                complete();
            else
                append(folderId, name, true);
        };
        searchCopy(messageId, Copies::Others,
                   [this, messageId, decide](bool serverFiled, bool refused) {
                       if (refused) {
                           // A server that cannot search for a field's presence: any copy is
                           // taken for the server's, as before the marker.
                           searchCopy(messageId, Copies::Any,
                                      [decide](bool found, bool) { decide(found, false); });
                           return;
                       }
                       if (serverFiled) {
                           decide(true, false);
                           return;
                       }
                       searchCopy(messageId, Copies::Own,
                                  [decide](bool ownFiled, bool) { decide(false, ownFiled); });
                   });
    });
}

void OperationQueue::searchCopy(const QByteArray &messageId, Copies copies,
                                std::function<void(bool found, bool refused)> then)
{
    auto *search = new ImapSearchTask(
            m_connection,
            [messageId, copies](ImapCommandBuilder &b) {
                b.atom("HEADER").astring("Message-ID").astring(messageId);
                if (copies == Copies::Others)
                    b.atom("NOT");
                if (copies != Copies::Any)
                    b.atom("HEADER").astring(ownCopyField).string("");
            },
            this);
    whenDone<ImapSearchTask>(search, [this, then](ImapSearchTask *task) {
        if (task->error() && isConnectionLost(task->error())) {
            fail(task->error());
            return;
        }
        // A server that cannot search gets the copy: better one too many than none.
        then(!task->error() && !task->uids().isEmpty(), bool(task->error()));
    });
}

void OperationQueue::append(qint64 folderId, const QByteArray &mailbox, bool mayCreate)
{
    auto *task = new ImapAppendTask(m_connection, mailbox, sourceOf(m_current), this);
    if (m_current.kind == PendingOperation::Kind::AppendUnlessFiled)
        task->setPrefix(QByteArray(ownCopyField) + ": appended\r\n"); // see runAppend()
    task->setFlags(m_current.appendFlags);
    whenDone<ImapAppendTask>(task, [this, folderId, mailbox, mayCreate](ImapAppendTask *done) {
        if (done->error() && done->needsCreate() && mayCreate) {
            // The folder went from the server (RFC 3501 TRYCREATE): made again, then filled.
            auto *create = new ImapMailboxTask(m_connection, ImapMailboxTask::Operation::Create,
                                               mailbox, {}, this);
            whenDone<ImapMailboxTask>(create, [this, folderId, mailbox](ImapMailboxTask *made) {
                if (made->error())
                    fail(made->error());
                else
                    append(folderId, mailbox, false);
            });
            return;
        }
        if (done->error()) {
            fail(done->error());
            return;
        }
        KillPoint::reach(KillPoint::afterAppend); // before the journal forgets the operation
        Q_EMIT appended(folderId);
        if (!m_current.uids.isEmpty() && m_current.targetFolderId != 0) {
            // The new copy is on the server: only now does the one it replaces go.
            const QList<quint32> replaced = m_current.uids;
            // A copy replaced (a draft saved again) is not worth a question: only told.
            select(m_current.targetFolderId, [this, replaced] { expunge(replaced, false); });
            return;
        }
        complete();
    });
}

void OperationQueue::restore(const PendingOperation &operation)
{
    const qint64 folderId = operation.folderId;
    auto *task = new ImapFetchMetadataTask(m_connection, UidSet::fromList(operation.uids), this);
    whenDone<ImapFetchMetadataTask>(task, [this, folderId](ImapFetchMetadataTask *fetch) {
        if (!fetch->error()) {
            QList<MessageRecord> records;
            for (const ImapFetch &message : fetch->messages())
                records.append(MessageRecordFactory::fromFetch(message, folderId));
            if (MailError error = m_store->upsertMessages(folderId, records))
                Q_EMIT errorOccurred(error);
        }
        complete();
    });
}

void OperationQueue::complete()
{
    if (MailError error = m_store->removePendingOperation(m_current.id)) {
        // Kept, it would be replayed at every connection: stop here and say so.
        Q_EMIT errorOccurred(error);
        m_running = false;
        Q_EMIT progress({}, m_replayed, m_replayed);
        Q_EMIT drained();
        return;
    }
    // The journal forgot the operation: its file goes too.
    if (!m_current.messageFile.isEmpty())
        QFile::remove(m_current.messageFile);
    ++m_replayed;
    Q_EMIT pendingCountChanged(pendingCount());
    next();
}

void OperationQueue::fail(const MailError &error)
{
    if (isConnectionLost(error) || !m_connection || !m_connection->isReady()) {
        qCInfo(lcImap) << "replay stopped, change kept:" << error.toString();
        m_running = false;
        Q_EMIT progress({}, m_replayed, m_replayed);
        Q_EMIT drained();
        return;
    }
    Q_EMIT errorOccurred(MailError(error.kind(),
                                   tr("The server refused a change: %1").arg(error.message()),
                                   error.serverText()));
    // What the cache shows was changed at once: it gets the server's state back (flags the
    // server kept, messages it did not move or delete).
    const bool changedCache = m_current.kind == PendingOperation::Kind::Move
                              || m_current.kind == PendingOperation::Kind::Expunge
                              || m_current.kind == PendingOperation::Kind::Flags;
    if (changedCache && m_connection->selectedMailbox() == wireName(m_current.folderId)) {
        restore(m_current);
        return;
    }
    complete();
}
