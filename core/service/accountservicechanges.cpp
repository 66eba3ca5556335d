// AccountService: the changes people make to messages and folders (flags, moves, deletions,
// copies filed in a special folder, undo, and creating, renaming, deleting and subscribing to
// folders), kept in the operation queue or run on the connection when it is free. The
// connection, synchronisation and reads are in accountservice.cpp.
#include "accountservice.h"

#include "imap/imapconnection.h"
#include "models/foldertreemodel.h"
#include "operationqueue.h"
#include "orderedchanges.h"
#include "store/messagestore.h"

void AccountService::inTurn(const MessageGroup &messages,
                            std::function<void(const QList<quint32> &)> change)
{
    if (messages.folderId == 0 || (!messages.wholeFolder && messages.uids.isEmpty()))
        return;
    auto run = [this, change](const OrderedChanges::Uids &uids) {
        if (!uids)
            Q_EMIT errorOccurred(uids.error());
        else if (!uids.value().isEmpty())
            change(uids.value());
    };
    if (messages.wholeFolder)
        m_changes->add(m_store->uidsInBackground(messages.folderId), run);
    else
        m_changes->add(messages.uids, run);
}

void AccountService::changeFlags(qint64 folderId, const QList<quint32> &uids,
                                 MessageRecord::Flags add, MessageRecord::Flags remove)
{
    changeFlags(MessageGroup {QString(), folderId, uids}, add, remove);
}

void AccountService::changeFlags(const MessageGroup &messages, MessageRecord::Flags add,
                                 MessageRecord::Flags remove)
{
    const qint64 folderId = messages.folderId;
    inTurn(messages, [this, folderId, add, remove](const QList<quint32> &uids) {
        applyFlags(folderId, uids, add, remove);
    });
}

void AccountService::applyFlags(qint64 folderId, const QList<quint32> &uids,
                                MessageRecord::Flags add, MessageRecord::Flags remove)
{
    if (uids.isEmpty() || folderId == 0 || (!add && !remove))
        return;
    PendingOperation operation;
    operation.kind = PendingOperation::Kind::Flags;
    operation.folderId = folderId;
    operation.uids = uids;
    operation.addFlags = add;
    operation.removeFlags = remove;
    enqueue(operation);
}

void AccountService::markFolderRead(qint64 folderId)
{
    MessageGroup folder;
    folder.folderId = folderId;
    folder.wholeFolder = true;
    changeFlags(folder, MessageRecord::Seen, {});
}

MailError AccountService::emptyFolder(qint64 folderId)
{
    const StoreResult<FolderRecord> folder = m_store->folder(folderId);
    if (!folder
        || (folder.value().specialUse != FolderRecord::SpecialUse::Trash
            && folder.value().specialUse != FolderRecord::SpecialUse::Junk)) {
        return MailError(MailError::Kind::Policy,
                         tr("Only the Trash and Junk folders can be emptied."));
    }
    // The server's count when it is known and larger: messages never synchronised go too.
    const StoreResult<int> cached = m_store->messageCount(folderId);
    if (!cached)
        return cached.error();
    const int count = qMax(cached.value(), int(folder.value().exists));
    PendingOperation operation;
    operation.kind = PendingOperation::Kind::Empty;
    operation.folderId = folderId;
    enqueue(operation);
    if (count > 0)
        Q_EMIT notice(tr("Emptied %1: %n message(s) deleted", nullptr, int(count))
                              .arg(folderName(folderId)));
    return {};
}

void AccountService::moveMessages(qint64 folderId, const QList<quint32> &uids, qint64 targetFolderId)
{
    moveMessages(MessageGroup {QString(), folderId, uids}, targetFolderId);
}

void AccountService::moveMessages(const MessageGroup &messages, qint64 targetFolderId)
{
    const qint64 folderId = messages.folderId;
    inTurn(messages, [this, folderId, targetFolderId](const QList<quint32> &uids) {
        applyMove(folderId, uids, targetFolderId);
    });
}

void AccountService::deleteMessages(qint64 folderId, const QList<quint32> &uids)
{
    deleteMessages(MessageGroup {QString(), folderId, uids});
}

void AccountService::deleteMessages(const MessageGroup &messages)
{
    const qint64 folderId = messages.folderId;
    inTurn(messages, [this, folderId](const QList<quint32> &uids) { applyDelete(folderId, uids); });
}

void AccountService::applyMove(qint64 folderId, const QList<quint32> &uids, qint64 targetFolderId)
{
    if (uids.isEmpty() || folderId == 0 || targetFolderId == 0 || targetFolderId == folderId)
        return;
    PendingOperation operation;
    operation.kind = PendingOperation::Kind::Move;
    operation.folderId = folderId;
    operation.uids = uids;
    operation.targetFolderId = targetFolderId;
    enqueue(operation);
    Q_EMIT notice(
            tr("Moved %n message(s) to %1", "", int(uids.size())).arg(folderName(targetFolderId)));
}

void AccountService::applyDelete(qint64 folderId, const QList<quint32> &uids)
{
    const qint64 trash = this->folderId(FolderRecord::SpecialUse::Trash);
    if (trash != 0 && trash != folderId) {
        applyMove(folderId, uids, trash);
        return;
    }
    if (uids.isEmpty() || folderId == 0)
        return;
    if (trash == 0 && !m_account.trashFolder()) {
        // Nothing is known as Trash: the user says which folder it is, once, before anything
        // is removed for good.
        const bool ask = m_deletesAwaitingTrash.isEmpty();
        m_deletesAwaitingTrash.append({folderId, uids});
        if (ask) {
            QStringList candidates;
            const StoreResult<QList<FolderRecord>> folders = m_store->folders();
            for (const FolderRecord &folder : folders.value()) {
                // Not the Inbox, nor a folder that already has another role (Sent, Junk, ...).
                if (folder.specialUse == FolderRecord::SpecialUse::None && !folder.isInbox()
                    && folder.isSelectable())
                    candidates.append(folder.path);
            }
            Q_EMIT trashFolderRequested(candidates);
        }
        return;
    }
    PendingOperation operation;
    operation.kind = PendingOperation::Kind::Expunge;
    operation.folderId = folderId;
    operation.uids = uids;
    enqueue(operation);
    Q_EMIT notice(tr("Deleted %n message(s) for good", "", int(uids.size())));
}

void AccountService::answerExpungeAll(bool expungeAll)
{
    m_operations->answerExpungeAll(expungeAll);
}

bool AccountService::isAwaitingExpungeAnswer() const
{
    return m_operations && m_operations->isAwaitingExpungeAnswer();
}

void AccountService::cancelTrashQuestion()
{
    m_deletesAwaitingTrash.clear();
}

void AccountService::answerTrashFolder(const QString &path)
{
    if (m_deletesAwaitingTrash.isEmpty() && m_account.trashFolder())
        return;
    QString chosen;
    if (!path.isEmpty() && this->folderId(FolderRecord::SpecialUse::Trash) == 0) {
        const StoreResult<FolderRecord> folder = m_store->folderByPath(path);
        if (folder) {
            FolderRecord trash = folder.value();
            trash.specialUse = FolderRecord::SpecialUse::Trash;
            if (const StoreResult<qint64> id = m_store->upsertFolder(trash); !id)
                reportTaskError(id.error());
            else
                chosen = path;
            m_folderModel->reload();
        }
    }
    m_account.setTrashFolder(chosen);
    Q_EMIT trashFolderChosen(chosen);
    const QList<std::pair<qint64, QList<quint32>>> waiting = std::exchange(m_deletesAwaitingTrash,
                                                                           {});
    for (const auto &[folderId, uids] : waiting)
        deleteMessages(folderId, uids);
}

void AccountService::appendMessage(FolderRecord::SpecialUse folder, const QByteArray &message,
                                   const QList<QByteArray> &flags,
                                   std::function<void(const MailError &)> done)
{
    replaceMessage(folder, message, flags, 0, {}, std::move(done));
}

void AccountService::expungeMessages(qint64 folderId, const QList<quint32> &uids)
{
    if (uids.isEmpty() || folderId == 0)
        return;
    PendingOperation operation;
    operation.kind = PendingOperation::Kind::Expunge;
    operation.folderId = folderId;
    operation.uids = uids;
    enqueue(operation);
}

void AccountService::replaceMessage(FolderRecord::SpecialUse folder, const QByteArray &message,
                                    const QList<QByteArray> &flags, qint64 replacedFolderId,
                                    const QList<quint32> &replacedUids,
                                    std::function<void(const MailError &)> done)
{
    enqueueAppend(PendingOperation::Kind::Append, folder, MessageSource::fromBytes(message), flags,
                  replacedFolderId, replacedUids, std::move(done));
}

void AccountService::appendMessageUnlessFiled(FolderRecord::SpecialUse folder,
                                              const QByteArray &message,
                                              const QList<QByteArray> &flags,
                                              std::function<void(const MailError &)> done)
{
    enqueueAppend(PendingOperation::Kind::AppendUnlessFiled, folder,
                  MessageSource::fromBytes(message), flags, 0, {}, std::move(done));
}

void AccountService::appendMessage(FolderRecord::SpecialUse folder, const MessageSource &message,
                                   const QList<QByteArray> &flags,
                                   std::function<void(const MailError &)> done)
{
    enqueueAppend(PendingOperation::Kind::Append, folder, message, flags, 0, {}, std::move(done));
}

void AccountService::appendMessageUnlessFiled(FolderRecord::SpecialUse folder,
                                              const MessageSource &message,
                                              const QList<QByteArray> &flags,
                                              std::function<void(const MailError &)> done)
{
    enqueueAppend(PendingOperation::Kind::AppendUnlessFiled, folder, message, flags, 0, {},
                  std::move(done));
}

void AccountService::onCopyChecked(qint64 folderId, bool found)
{
    const StoreResult<FolderRecord> folder = m_store->folder(folderId);
    if (!folder || folder.value().specialUse != FolderRecord::SpecialUse::Sent
        || m_account.sentFiling() != Account::SentFiling::Unknown)
        return;
    const Account::SentFiling filing = found ? Account::SentFiling::Server
                                             : Account::SentFiling::Client;
    m_account.setSentFiling(filing);
    Q_EMIT sentFilingFound(filing);
}

void AccountService::enqueueAppend(PendingOperation::Kind kind, FolderRecord::SpecialUse folder,
                                   const MessageSource &message, const QList<QByteArray> &flags,
                                   qint64 replacedFolderId, const QList<quint32> &replacedUids,
                                   std::function<void(const MailError &)> done)
{
    PendingOperation operation;
    operation.kind = kind;
    operation.folderId = folderId(folder);
    operation.specialUse = folder;
    if (message.isFile())
        operation.messageFile = message.filePath();
    else
        operation.message = message.readAll();
    operation.appendFlags = flags;
    if (replacedFolderId != 0) {
        operation.targetFolderId = replacedFolderId;
        operation.uids = replacedUids;
    }
    const MailError error = m_operations->enqueue(operation);
    reportTaskError(error);
    if (done)
        done(error);
    runOperations();
}

int AccountService::pendingOperationCount() const
{
    return m_operations->pendingCount();
}

MailError AccountService::queueFolderChange(const MailError &refused,
                                            const FolderEditor::Change &change)
{
    if (!onlineConnection()) {
        return MailError(MailError::Kind::Network,
                         tr("Folders can be changed only while the account is connected to its "
                            "server."));
    }
    if (refused)
        return refused;
    m_folderChanges.append(change);
    runFolderChanges();
    return {};
}

bool AccountService::runFolderChanges()
{
    while (!m_connectionJobs.isEmpty() && !m_connectionJobs.constFirst().context)
        m_connectionJobs.removeFirst();
    if ((m_folderChanges.isEmpty() && m_connectionJobs.isEmpty()) || !isConnectionFree())
        return false;
    m_folderChangeRunning = true;
    m_connection->setIdleEnabled(false);
    if (!m_folderChanges.isEmpty()) {
        m_folderEditor->start(m_connection.get(), m_folderChanges.takeFirst());
        return true;
    }
    const WaitingJob waiting = m_connectionJobs.takeFirst();
    const quint64 session = m_session;
    QPointer<AccountService> self(this);
    waiting.job(m_connection.get(), [self, session] {
        if (!self || session != self->m_session || !self->m_folderChangeRunning)
            return;
        self->m_folderChangeRunning = false;
        // Queued: the job may release the connection from inside one of its tasks' slots.
        QMetaObject::invokeMethod(self.data(), &AccountService::onConnectionJobReleased,
                                  Qt::QueuedConnection);
    });
    return true;
}

void AccountService::useConnection(QObject *context, ConnectionJob job)
{
    if (!onlineConnection()) {
        QMetaObject::invokeMethod(
                context, [job] { job(nullptr, [] {}); }, Qt::QueuedConnection);
        return;
    }
    m_connectionJobs.append(WaitingJob {context, std::move(job)});
    runFolderChanges();
}

void AccountService::onConnectionJobReleased()
{
    if (m_state != State::Online || !m_connection || !isConnectionFree())
        return;
    if (runFolderChanges())
        return;
    if (m_operations->pendingCount() > 0) {
        runOperations();
        if (m_operations->isRunning())
            return;
    }
    onOperationsDrained();
}

void AccountService::failConnectionJobs()
{
    for (const WaitingJob &waiting : std::exchange(m_connectionJobs, {})) {
        if (waiting.context) {
            QMetaObject::invokeMethod(
                    waiting.context.data(), [job = waiting.job] { job(nullptr, [] {}); },
                    Qt::QueuedConnection);
        }
    }
}

MailError AccountService::createFolder(qint64 parentFolderId, const QString &name)
{
    FolderEditor::Change change;
    return queueFolderChange(m_folderEditor->planCreate(parentFolderId, name, &change), change);
}

MailError AccountService::renameFolder(qint64 folderId, const QString &name)
{
    FolderEditor::Change change;
    return queueFolderChange(m_folderEditor->planRename(folderId, name, &change), change);
}

MailError AccountService::deleteFolder(qint64 folderId)
{
    FolderEditor::Change change;
    return queueFolderChange(m_folderEditor->planDelete(folderId, &change), change);
}

MailError AccountService::checkFolderChange(qint64 folderId, bool deleting) const
{
    return m_folderEditor->checkChangeable(folderId, deleting ? FolderOperation::Delete
                                                              : FolderOperation::Rename);
}

MailError AccountService::setFolderSubscribed(qint64 folderId, bool subscribed)
{
    FolderEditor::Change change;
    return queueFolderChange(m_folderEditor->planSubscribe(folderId, subscribed, &change), change);
}

void AccountService::onFolderChanged(FolderOperation operation, qint64 folderId,
                                     const QString &path, const QString &newPath,
                                     const MailError &error)
{
    m_folderChangeRunning = false;
    if (!error && operation == FolderOperation::Delete && folderId == m_currentFolder) {
        m_currentFolder = 0;
        openFolder(this->folderId(FolderRecord::SpecialUse::Inbox));
    }
    // What else the server says of the folders (attributes, counts) comes with LIST; after a
    // refusal too, as the cache may have been behind the server (a folder deleted elsewhere).
    // Its synchronisation of the open folder waits for the changes still waiting.
    if (m_state == State::Online && m_connection) {
        runFolderChanges();
        listFolders();
    }
    Q_EMIT folderChanged(operation, folderId, path, newPath, error);
}

void AccountService::onMoved(qint64 sourceFolderId, qint64 targetFolderId,
                             const QList<std::pair<quint32, quint32>> &mapping, int requested)
{
    Q_UNUSED(requested)
    if (m_undoing && sourceFolderId == m_undone.targetFolderId
        && targetFolderId == m_undone.sourceFolderId) {
        m_undoing = false;
        return; // the messages went back: not a move to offer undoing
    }
    if (mapping.isEmpty())
        return; // without COPYUID the moved messages cannot be named in the target
    m_undo = Undo {sourceFolderId, targetFolderId, mapping};
    Q_EMIT undoAvailable(tr("Moved %n message(s) to %1", "", int(mapping.size()))
                                 .arg(folderName(targetFolderId)));
}

void AccountService::undo()
{
    if (!canUndo())
        return;
    const Undo undo = std::exchange(m_undo, Undo());
    m_undone = undo;
    m_undoing = true;
    QList<quint32> uids;
    for (const auto &[source, target] : undo.mapping)
        uids.append(target);
    PendingOperation operation;
    operation.kind = PendingOperation::Kind::Move;
    operation.folderId = undo.targetFolderId;
    operation.uids = uids;
    operation.targetFolderId = undo.sourceFolderId;
    enqueue(operation);
    Q_EMIT notice(tr("Moved %n message(s) back to %1", "", int(uids.size()))
                          .arg(folderName(undo.sourceFolderId)));
}
