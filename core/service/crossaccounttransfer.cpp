#include "crossaccounttransfer.h"

#include "accountservice.h"
#include "imap/imapcommandbuilder.h"
#include "imap/tasks/imapappendtask.h"
#include "imap/tasks/imapsearchtask.h"
#include "imap/tasks/imapselecttask.h"
#include "store/messagestore.h"
#include "sync/foldersync.h"
#include "sync/messagerecordfactory.h"

#include <QFutureWatcher>
#include <QMetaObject>

CrossAccountTransfer::CrossAccountTransfer(ServiceLookup services, QObject *parent)
    : QObject(parent)
    , m_services(std::move(services))
{ }

CrossAccountTransfer::~CrossAccountTransfer() = default;

void CrossAccountTransfer::addAccount(const QString &accountId)
{
    AccountService *service = m_services(accountId);
    if (!service || !service->store())
        return;
    if (!m_followed.value(accountId)) {
        m_followed.insert(accountId, service);
        connect(service, &AccountService::messageFetched, this,
                [this, accountId](qint64 folderId, quint32 uid, const MessageSource &message) {
                    onFetched(accountId, folderId, uid, message.readAll());
                });
        connect(service, &AccountService::messageFetchFailed, this,
                [this, accountId](qint64 folderId, quint32 uid, const MailError &error) {
                    onFetchFailed(accountId, folderId, uid, error);
                });
        connect(service, &AccountService::stateChanged, this, [this](AccountService::State state) {
            if (state != AccountService::State::Online || m_parked.isEmpty())
                return;
            m_total += int(m_parked.size());
            m_queue += std::exchange(m_parked, {});
            next();
        });
    }
    // What waited for this account to start (as the target) goes again.
    m_total += int(m_parked.size());
    m_queue += std::exchange(m_parked, {});
    const StoreResult<QList<TransferRecord>> kept = service->store()->transfers();
    if (!kept) {
        Q_EMIT errorOccurred(kept.error());
        return;
    }
    for (const TransferRecord &record : kept.value()) {
        const auto known = [&](const Item &item) {
            return item.sourceAccountId == accountId && item.record.id == record.id;
        };
        if (std::any_of(m_queue.cbegin(), m_queue.cend(), known)
            || (m_active && known(m_active->item)))
            continue;
        m_queue.append(Item {accountId, record});
        ++m_total;
    }
    emitProgress();
    next();
}

void CrossAccountTransfer::removeAccount(const QString &accountId)
{
    AccountService *service = m_followed.take(accountId);
    if (service)
        disconnect(service, nullptr, this, nullptr);
    // Its own entries wait in its journal; those for it as the target wait here for its return.
    const auto fromIt = [&](const Item &item) {
        return item.sourceAccountId == accountId;
    };
    m_total -= int(std::count_if(m_queue.cbegin(), m_queue.cend(), fromIt));
    m_queue.removeIf(fromIt);
    m_parked.removeIf(fromIt);
    if (m_active && (fromIt(m_active->item) || m_active->item.record.targetAccountId == accountId)) {
        const Item item = m_active->item;
        m_active.reset();
        --m_total;
        if (!fromIt(item))
            m_parked.append(item);
        QMetaObject::invokeMethod(this, &CrossAccountTransfer::next, Qt::QueuedConnection);
    }
    emitProgress();
}

MailError CrossAccountTransfer::transfer(const QString &sourceAccountId, qint64 folderId,
                                         const QList<quint32> &uids, const QString &targetAccountId,
                                         qint64 targetFolderId, bool move)
{
    AccountService *sourceService = m_services(sourceAccountId);
    AccountService *targetService = m_services(targetAccountId);
    if (!sourceService || !targetService || !sourceService->store() || !targetService->store())
        return MailError(MailError::Kind::Policy, tr("The account is not available."));
    const StoreResult<FolderRecord> folder = targetService->store()->folder(targetFolderId);
    if (!folder || !folder.value().isSelectable())
        return MailError(MailError::Kind::Policy,
                         tr("Choose a folder to copy or move the messages to."));
    if (uids.isEmpty())
        return {};
    QList<TransferRecord> records;
    records.reserve(uids.size());
    for (quint32 uid : uids) {
        TransferRecord record;
        record.folderId = folderId;
        record.uid = uid;
        record.targetAccountId = targetAccountId;
        record.targetPath = folder.value().path;
        record.move = move;
        const StoreResult<MessageRecord> message = sourceService->store()->message(folderId, uid);
        if (message)
            record.messageId = message.value().messageId;
        records.append(record);
    }
    const StoreResult<QList<qint64>> ids = sourceService->store()->addTransfers(records);
    if (!ids)
        return ids.error();
    if (!m_followed.value(sourceAccountId))
        addAccount(sourceAccountId); // reads the journal, these included
    else {
        for (qsizetype i = 0; i < records.size(); ++i) {
            records[i].id = ids.value().at(i);
            m_queue.append(Item {sourceAccountId, records.at(i)});
        }
        m_total += int(records.size());
        emitProgress();
        next();
    }
    return {};
}

MailError CrossAccountTransfer::transfer(const QString &sourceAccountId,
                                         const MessageGroup &messages,
                                         const QString &targetAccountId, qint64 targetFolderId,
                                         bool move)
{
    if (!messages.wholeFolder)
        return transfer(sourceAccountId, messages.folderId, messages.uids, targetAccountId,
                        targetFolderId, move);
    // Refused at once for what a list of UIDs would be refused for.
    if (MailError refused = transfer(sourceAccountId, messages.folderId, {}, targetAccountId,
                                     targetFolderId, move))
        return refused;
    using Uids = StoreResult<QList<quint32>>;
    auto *watcher = new QFutureWatcher<Uids>(this);
    connect(watcher, &QFutureWatcherBase::finished, this,
            [this, watcher, sourceAccountId, folderId = messages.folderId, targetAccountId,
             targetFolderId, move] {
                watcher->deleteLater();
                const Uids uids = watcher->result();
                const MailError error = uids ? transfer(sourceAccountId, folderId, uids.value(),
                                                        targetAccountId, targetFolderId, move)
                                             : uids.error();
                if (error)
                    Q_EMIT errorOccurred(error);
            });
    watcher->setFuture(m_services(sourceAccountId)->store()->uidsInBackground(messages.folderId));
    return {};
}

int CrossAccountTransfer::remaining() const
{
    return int(m_queue.size() + m_parked.size()) + (m_active ? 1 : 0);
}

AccountService *CrossAccountTransfer::source(const Item &item) const
{
    return m_followed.value(item.sourceAccountId);
}

AccountService *CrossAccountTransfer::target(const Item &item) const
{
    return m_services(item.record.targetAccountId);
}

qint64 CrossAccountTransfer::targetFolderId(const Item &item) const
{
    AccountService *service = target(item);
    if (!service || !service->store())
        return 0;
    const StoreResult<FolderRecord> folder = service->store()->folderByPath(item.record.targetPath);
    return folder ? folder.value().id : 0;
}

QString CrossAccountTransfer::describe(const Item &item) const
{
    AccountService *service = target(item);
    const qint64 folder = targetFolderId(item);
    const QString name = service && folder ? service->folderName(folder) : item.record.targetPath;
    const QString account = service ? service->account().displayName() : QString();
    return account.isEmpty() ? name : tr("%1: %2").arg(account, name);
}

void CrossAccountTransfer::next()
{
    if (m_active)
        return;
    if (m_queue.isEmpty()) {
        if (m_total > 0 && m_done >= m_total) {
            if (m_moved > 0)
                Q_EMIT notice(tr("Moved %n message(s) to another account", "", m_moved));
            if (m_copied > 0)
                Q_EMIT notice(tr("Copied %n message(s) to another account", "", m_copied));
            // The targets show what they received.
            for (const QPointer<AccountService> &service : std::as_const(m_followed)) {
                if (service && service->state() == AccountService::State::Online)
                    service->refresh();
            }
            m_done = m_total = m_moved = m_copied = 0;
        }
        return;
    }
    m_active = Active {m_queue.takeFirst(), {}, {}, {}, {}};
    const Item &item = m_active->item;
    if (!source(item)) {
        m_active.reset();
        --m_total;
        QMetaObject::invokeMethod(this, &CrossAccountTransfer::next, Qt::QueuedConnection);
        return;
    }
    if (!target(item)) {
        park(); // its account has not started (yet)
        return;
    }
    if (item.record.stage == TransferRecord::Stage::Appended) {
        finish();
        return;
    }
    if (targetFolderId(item) == 0) {
        drop(MailError(MailError::Kind::Protocol,
                       tr("The folder %1 is no longer there; the message stays in %2.")
                               .arg(describe(item),
                                    source(item)->folderName(item.record.folderId))));
        return;
    }
    read();
}

void CrossAccountTransfer::read()
{
    AccountService *service = source(m_active->item);
    const TransferRecord &record = m_active->item.record;
    const StoreResult<MessageRecord> message = service->store()->message(record.folderId,
                                                                         record.uid);
    if (!message) {
        drop(MailError(MailError::Kind::Protocol,
                       tr("A message to copy to %1 is no longer in %2.")
                               .arg(describe(m_active->item),
                                    service->folderName(record.folderId))));
        return;
    }
    const MessageRecord &cached = message.value();
    m_active->flags = MessageRecordFactory::flagsToList(cached.flags & ~MessageRecord::Deleted);
    for (const QString &keyword : cached.keywords.split(QLatin1Char(' '), Qt::SkipEmptyParts))
        m_active->flags.append(keyword.toUtf8());
    m_active->internalDate = cached.internalDate;
    m_active->subject = cached.subject;
    if (m_active->item.record.messageId.isEmpty())
        m_active->item.record.messageId = cached.messageId;
    service->fetchMessage(record.folderId, record.uid);
}

void CrossAccountTransfer::onFetched(const QString &accountId, qint64 folderId, quint32 uid,
                                     const QByteArray &message)
{
    if (!m_active || !m_active->message.isNull() || m_active->item.sourceAccountId != accountId
        || m_active->item.record.folderId != folderId || m_active->item.record.uid != uid)
        return;
    m_active->message = message.isNull() ? QByteArray("") : message;
    if (m_active->item.record.stage == TransferRecord::Stage::Appending)
        lookForCopy();
    else
        append();
}

void CrossAccountTransfer::onFetchFailed(const QString &accountId, qint64 folderId, quint32 uid,
                                         const MailError &error)
{
    if (!m_active || !m_active->message.isNull() || m_active->item.sourceAccountId != accountId
        || m_active->item.record.folderId != folderId || m_active->item.record.uid != uid)
        return;
    if (error.kind() == MailError::Kind::Network) {
        park();
        return;
    }
    drop(MailError(error.kind(),
                   tr("“%1” could not be read from %2, so it was not copied to %3: %4")
                           .arg(m_active->subject, source(m_active->item)->folderName(folderId),
                                describe(m_active->item), error.message()),
                   error.serverText()));
}

void CrossAccountTransfer::lookForCopy()
{
    const Item item = m_active->item;
    if (item.record.messageId.isEmpty()) {
        drop(MailError(MailError::Kind::Cancelled,
                       tr("Copying “%1” to %2 was interrupted and the message has no "
                          "Message-ID to look for: it may be in both places. It stays in %3.")
                               .arg(m_active->subject, describe(item),
                                    source(item)->folderName(item.record.folderId))));
        return;
    }
    const qint64 id = item.record.id;
    const QString path = item.record.targetPath;
    const QByteArray messageId = item.record.messageId;
    target(item)->useConnection(this, [this, id, path, messageId](ImapConnection *connection,
                                                                  std::function<void()> release) {
        if (!m_active || m_active->item.record.id != id)
            return release();
        if (!connection) {
            park();
            return;
        }
        auto *select = new ImapSelectTask(connection, FolderSync::wireName(connection, path), true,
                                          this);
        connect(select, &ImapTask::finished, this,
                [this, select, connection, id, messageId, release] {
                    select->deleteLater();
                    if (select->error()) {
                        release();
                        if (m_active && m_active->item.record.id == id)
                            onAppended(select->error());
                        return;
                    }
                    auto *search = new ImapSearchTask(connection,
                                                      "HEADER Message-ID "
                                                              + ImapCommandBuilder::quoted(
                                                                      messageId),
                                                      this);
                    connect(search, &ImapTask::finished, this, [this, search, id, release] {
                        search->deleteLater();
                        release();
                        if (!m_active || m_active->item.record.id != id)
                            return;
                        if (search->error())
                            onAppended(search->error());
                        else if (!search->uids().isEmpty())
                            onAppended({}); // it arrived before: not again
                        else
                            append();
                    });
                    search->start();
                });
        select->start();
    });
}

void CrossAccountTransfer::append()
{
    Item &item = m_active->item;
    if (MailError error = source(item)->store()->setTransferStage(item.record.id,
                                                                  TransferRecord::Stage::Appending,
                                                                  item.record.messageId)) {
        drop(error);
        return;
    }
    item.record.stage = TransferRecord::Stage::Appending;
    const qint64 id = item.record.id;
    target(item)->useConnection(this, [this, id](ImapConnection *connection,
                                                 std::function<void()> release) {
        if (!m_active || m_active->item.record.id != id)
            return release();
        if (!connection) {
            park();
            return;
        }
        auto *task = new ImapAppendTask(connection,
                                        FolderSync::wireName(connection,
                                                             m_active->item.record.targetPath),
                                        m_active->message, this);
        task->setFlags(m_active->flags);
        if (m_active->internalDate.isValid())
            task->setInternalDate(m_active->internalDate);
        connect(task, &ImapTask::finished, this, [this, task, id, release] {
            task->deleteLater();
            release();
            if (m_active && m_active->item.record.id == id)
                onAppended(task->error());
        });
        task->start();
    });
}

void CrossAccountTransfer::onAppended(const MailError &error)
{
    if (error.kind() == MailError::Kind::Network) {
        park(); // looked for in the target before it is sent again
        return;
    }
    if (error) {
        const Item &item = m_active->item;
        drop(MailError(error.kind(),
                       tr("“%1” could not be stored in %2; it stays in %3: %4")
                               .arg(m_active->subject, describe(item),
                                    source(item)->folderName(item.record.folderId), error.message()),
                       error.serverText()));
        return;
    }
    Item &item = m_active->item;
    if (item.record.move) {
        if (MailError stageError
            = source(item)->store()->setTransferStage(item.record.id,
                                                      TransferRecord::Stage::Appended,
                                                      item.record.messageId)) {
            Q_EMIT errorOccurred(stageError);
        }
        item.record.stage = TransferRecord::Stage::Appended;
    }
    finish();
}

void CrossAccountTransfer::finish()
{
    const Item item = m_active->item;
    if (item.record.move) {
        source(item)->expungeMessages(item.record.folderId, {item.record.uid});
        ++m_moved;
    } else {
        ++m_copied;
    }
    removeEntry(item);
    done();
}

void CrossAccountTransfer::park()
{
    if (!m_active)
        return;
    m_parked.append(m_active->item);
    m_active.reset();
    --m_total;
    emitProgress();
    QMetaObject::invokeMethod(this, &CrossAccountTransfer::next, Qt::QueuedConnection);
}

void CrossAccountTransfer::drop(const MailError &error)
{
    removeEntry(m_active->item);
    Q_EMIT errorOccurred(error);
    done();
}

void CrossAccountTransfer::done()
{
    m_active.reset();
    ++m_done;
    emitProgress();
    QMetaObject::invokeMethod(this, &CrossAccountTransfer::next, Qt::QueuedConnection);
}

void CrossAccountTransfer::removeEntry(const Item &item)
{
    if (AccountService *service = source(item)) {
        if (MailError error = service->store()->removeTransfer(item.record.id))
            Q_EMIT errorOccurred(error);
    }
}

void CrossAccountTransfer::emitProgress()
{
    Q_EMIT progress(m_done, m_total);
}
