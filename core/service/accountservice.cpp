#include "accountservice.h"

#include "accountcredentials.h"
#include "accountendpoints.h"
#include "common/logging.h"
#include "common/spoolfile.h"
#include "folderpush.h"
#include "imap/imapcommandbuilder.h"
#include "imap/imapconnection.h"
#include "imap/tasks/imaplisttask.h"
#include "imap/tasks/imapnamespacetask.h"
#include "imap/tasks/imapselecttask.h"
#include "inboxwatcher.h"
#include "messagepartloader.h"
#include "messagereader.h"
#include "models/folderdisplayname.h"
#include "models/foldertreemodel.h"
#include "models/messagelistmodel.h"
#include "net/ssltransportfactory.h"
#include "net/transport.h"
#include "oauth/oauth2tokenmanager.h"
#include "offlinekeeper.h"
#include "operationqueue.h"
#include "orderedchanges.h"
#include "specialfoldernames.h"
#include "store/messagestore.h"
#include "sync/foldersync.h"
#include "unsolicitedupdates.h"

#include <QCryptographicHash>
#include <QFileInfo>

namespace {

FolderRecord::SpecialUse specialUseOf(const ImapMailboxListing &listing)
{
    using A = ImapMailboxListing;
    if (FolderRecord::isInboxPath(QString::fromLatin1(listing.name)))
        return FolderRecord::SpecialUse::Inbox;
    if (listing.has(A::Drafts))
        return FolderRecord::SpecialUse::Drafts;
    if (listing.has(A::Sent))
        return FolderRecord::SpecialUse::Sent;
    if (listing.has(A::Trash))
        return FolderRecord::SpecialUse::Trash;
    if (listing.has(A::Junk))
        return FolderRecord::SpecialUse::Junk;
    if (listing.has(A::Archive))
        return FolderRecord::SpecialUse::Archive;
    return FolderRecord::SpecialUse::None;
}

template<typename Task>
void whenDone(Task *task, QObject *context, std::function<void(Task *)> done)
{
    QObject::connect(task, &ImapTask::finished, context, [task, done] {
        done(task);
        task->deleteLater();
    });
    task->start();
}

} // namespace

AccountService::AccountService(const Account &account, SecretStore *secrets,
                               TransportFactory *transports, QObject *parent)
    : QObject(parent)
    , m_account(account)
    , m_transports(transports)
    , m_secrets(secrets)
{
    if (!m_transports) {
        m_ownTransports = std::make_unique<SslTransportFactory>();
        m_transports = m_ownTransports.get();
    }
    m_credentials = std::make_unique<AccountCredentials>(account.id(), secrets);
    connect(m_credentials.get(), &AccountCredentials::passwordRequested, this,
            [this](AccountCredentials::Reason reason, const QString &detail) {
                setState(State::Offline, tr("Waiting for the password"));
                Q_EMIT passwordRequested(reason, detail);
            });
    connect(m_credentials.get(), &AccountCredentials::notice, this, &AccountService::notice);
    m_submissionCredentials = std::make_unique<AccountCredentials>(Account::submissionSecretId(
                                                                           account.id()),
                                                                   secrets);
    connect(m_submissionCredentials.get(), &AccountCredentials::passwordRequested, this,
            &AccountService::submissionPasswordRequested);
    connect(m_submissionCredentials.get(), &AccountCredentials::notice, this,
            &AccountService::notice);
    m_store = std::make_unique<MessageStore>();
    connect(m_store.get(), &MessageStore::backgroundWriteFailed, this,
            &AccountService::errorOccurred);
    m_operations = std::make_unique<OperationQueue>(m_store.get());
    m_changes = new OrderedChanges(this);
    m_folderEditor = std::make_unique<FolderEditor>(m_store.get());
    connect(m_folderEditor.get(), &FolderEditor::finished, this, &AccountService::onFolderChanged);
    m_offline = new OfflineKeeper(this);
    connect(m_offline, &OfflineKeeper::progress, this, &AccountService::offlineProgress);
    // The folders kept for offline use are looked at once online, and after each
    // synchronisation, which may have brought messages.
    connect(this, &AccountService::syncFinished, m_offline, [this] { m_offline->start(); });
    connect(this, &AccountService::stateChanged, m_offline, [this](State state) {
        if (state == State::Online)
            m_offline->start();
    });
    connect(m_operations.get(), &OperationQueue::drained, this,
            &AccountService::onOperationsDrained);
    connect(m_operations.get(), &OperationQueue::moved, this, &AccountService::onMoved);
    connect(m_operations.get(), &OperationQueue::appended, this, [this](qint64 folderId) {
        if (folderId == m_currentFolder)
            scheduleResync();
    });
    connect(m_operations.get(), &OperationQueue::copyChecked, this, &AccountService::onCopyChecked);
    connect(m_operations.get(), &OperationQueue::notice, this, &AccountService::notice);
    connect(m_operations.get(), &OperationQueue::expungeAllRequested, this,
            &AccountService::expungeAllRequested);
    connect(m_operations.get(), &OperationQueue::expungeQuestionWithdrawn, this,
            &AccountService::expungeQuestionWithdrawn);
    connect(m_operations.get(), &OperationQueue::errorOccurred, this,
            &AccountService::errorOccurred);
    connect(m_operations.get(), &OperationQueue::pendingCountChanged, this,
            &AccountService::pendingOperationCountChanged);
    connect(m_operations.get(), &OperationQueue::progress, this, &AccountService::changesProgress);
    m_reader = new MessageReader(m_store.get(), this);
    connect(m_reader, &MessageReader::messageFetched, this, &AccountService::messageFetched);
    connect(m_reader, &MessageReader::messageFetchFailed, this, &AccountService::messageFetchFailed);
    connect(m_reader, &MessageReader::messagePartsFetched, this,
            &AccountService::messagePartsFetched);
    connect(m_reader, &MessageReader::partProgress, this, &AccountService::partProgress);
    connect(m_reader, &MessageReader::partFetched, this, &AccountService::partFetched);
    connect(m_reader, &MessageReader::partFileFetched, this, &AccountService::partFileFetched);
    connect(m_reader, &MessageReader::partFetchFailed, this, &AccountService::partFetchFailed);
    connect(m_reader, &MessageReader::errorOccurred, this, &AccountService::errorOccurred);
    m_resyncTimer.setSingleShot(true);
    m_resyncTimer.setInterval(300);
    connect(&m_resyncTimer, &QTimer::timeout, this, &AccountService::syncCurrentFolder);
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &AccountService::connectToServer);
    m_inboxWatcher = std::make_unique<InboxWatcher>(m_store.get(), m_transports);
    connect(m_inboxWatcher.get(), &InboxWatcher::errorOccurred, this,
            &AccountService::errorOccurred);
    connect(m_inboxWatcher.get(), &InboxWatcher::messageSkipped, this,
            &AccountService::reportSkippedMessage);
    connect(m_inboxWatcher.get(), &InboxWatcher::synchronised, this,
            [this] { m_inboxWatchAttempts = 0; });
    connect(m_inboxWatcher.get(), &InboxWatcher::stopped, this,
            &AccountService::onInboxWatchStopped);
    m_inboxWatchRetryTimer.setSingleShot(true);
    connect(&m_inboxWatchRetryTimer, &QTimer::timeout, this, &AccountService::updateInboxWatch);
    m_push = std::make_unique<FolderPush>(m_store.get());
    m_push->setExcluded([this] {
        // The open folder is watched where it is selected, the Inbox by its own session.
        QList<qint64> excluded {m_currentFolder};
        if (m_inboxWatcher->isRunning())
            excluded.append(m_inboxWatcher->folderId());
        return excluded;
    });
    connect(m_push.get(), &FolderPush::folderChanged, this, &AccountService::onFolderPushed);
    connect(m_push.get(), &FolderPush::errorOccurred, this, &AccountService::reportTaskError);
}

AccountService::~AccountService()
{
    m_push.reset();
    m_inboxWatcher.reset();
    m_operations.reset();
    m_folderEditor.reset();
    m_connection.reset();
    m_transport.reset();
}

void AccountService::setAccount(const Account &account)
{
    // The account dialog may have changed the stored password.
    m_credentials->forgetStored();
    if (account.smtpUserName() != m_account.smtpUserName())
        m_submissionCredentials->forget(); // another login: its password is not known yet
    m_submissionCredentials->forgetStored();
    m_account = account;
}

MailError AccountService::openCache(const QString &path)
{
    if (MailError error = m_store->open(path))
        return error;
    // Large sections arrive into files beside the cache (connectToServer()); those a crash left
    // there are of no use to anyone.
    if (const int stale = SpoolFile::removeStale(QFileInfo(m_store->path()).absolutePath()))
        qCInfo(lcStore) << "removed" << stale << "spool files left by an earlier run";
    m_folderModel = std::make_unique<FolderTreeModel>(m_store.get());
    m_messageModel = std::make_unique<MessageListModel>(m_store.get());
    return {};
}

void AccountService::setState(State state, const QString &detail)
{
    m_state = state;
    m_stateDetail = detail;
    updateInboxWatch();
    Q_EMIT stateChanged(state, detail);
}

void AccountService::connectToServer()
{
    m_wantOnline = true;
    if (m_state == State::Connecting || m_state == State::Online
        || m_credentials->isAwaitingAnswer())
        return;
    setState(State::Connecting, tr("Connecting to %1").arg(m_account.imapHost()));
    connectWithPassword();
}

void AccountService::connectWithPassword()
{
    m_credentials->read(this, [this](const QString &password) {
        if (password.isEmpty()) {
            m_wantOnline = false;
            setState(State::Failed, tr("No password was given"));
            return;
        }
        if (m_state == State::Online || !m_wantOnline)
            return;
        setState(State::Connecting, tr("Connecting to %1").arg(m_account.imapHost()));
        openSession(password);
    });
}

void AccountService::openSession(const QString &password)
{
    m_connection.reset();
    m_selectedFolder = 0;
    // Reads still running on an earlier connection no longer hold this one.
    ++m_session;
    m_readsRunning = 0;
    m_transport = m_transports->create(
            AccountEndpoints::transportPolicy(m_account, AccountEndpoints::Server::Imap));
    connect(m_transport.get(), &Transport::certificateTrustRequested, this,
            &AccountService::trustRequested);

    m_connection = std::make_unique<ImapConnection>(m_transport.get());
    ImapConnection *connection = m_connection.get();
    connect(connection, &ImapConnection::ready, this, &AccountService::onReady);
    connect(connection, &ImapConnection::failed, this, &AccountService::onConnectionFailed);
    connect(connection, &ImapConnection::mailboxSelected, this, [this](const QByteArray &name) {
        m_selectedFolder = folderOfMailbox(name);
        runReadyReads();
    });
    UnsolicitedUpdates updates;
    // What the server reports concerns the mailbox selected at that moment, which is not
    // always the open folder (the operation queue selects the folders it changes).
    updates.folderId = [this] {
        return m_connection && !m_connection->selectedMailbox().isEmpty() ? m_selectedFolder : 0;
    };
    updates.resync = [this] {
        scheduleResync();
    };
    updates.report = [this](const MailError &error) {
        reportTaskError(error);
    };
    updates.connect(connection, m_store.get(), this);
    connect(connection, &ImapConnection::alertReceived, this, [this](const QString &text) {
        Q_EMIT errorOccurred(MailError(MailError::Kind::Protocol, text));
    });

    ImapConnectionSettings settings = AccountEndpoints::imap(m_account, password);
    // Large body sections arrive into files beside the cache, not into memory.
    if (m_store)
        settings.spoolDirectory = QFileInfo(m_store->path()).absolutePath();
    connection->open(settings);
}

qint64 AccountService::folderOfMailbox(const QByteArray &name) const
{
    const StoreResult<QList<FolderRecord>> folders = m_store->folders();
    for (const FolderRecord &folder : folders.value()) {
        if (FolderSync::wireName(m_connection.get(), folder.path) == name)
            return folder.id;
    }
    return 0;
}

ImapConnection *AccountService::inboxConnection() const
{
    return m_inboxWatcher->connection();
}

void AccountService::updateInboxWatch()
{
    const qint64 inbox = folderId(FolderRecord::SpecialUse::Inbox);
    if (m_state != State::Online || inbox == 0 || m_currentFolder == 0 || m_currentFolder == inbox) {
        m_inboxWatchRetryTimer.stop();
        m_inboxWatcher->stop();
        return;
    }
    if (m_inboxWatcher->isRunning() || m_inboxWatchRetryTimer.isActive())
        return;
    if (m_credentials->password().isEmpty() || !m_transport)
        return;
    TransportPolicy policy = AccountEndpoints::transportPolicy(m_account,
                                                               AccountEndpoints::Server::Imap);
    // The certificate the main session was accepted with, whether by the CAs or the user.
    const QSslCertificate accepted = m_transport->peerCertificate();
    if (!accepted.isNull())
        policy.pinnedDigest = accepted.digest(QCryptographicHash::Sha256);
    m_inboxWatcher->start(inbox, AccountEndpoints::imap(m_account, m_credentials->password()),
                          policy);
}

void AccountService::onInboxWatchStopped(const MailError &error)
{
    if (error.isPermanent()) {
        Q_EMIT errorOccurred(
                MailError(error.kind(),
                          tr("New mail in the Inbox is not watched: %1").arg(error.toString())));
        return;
    }
    m_inboxWatchRetryTimer.start(qMin(60000, 2000 << qMin(m_inboxWatchAttempts, 5)));
    ++m_inboxWatchAttempts;
}

void AccountService::answerTrust(bool trust)
{
    if (!m_transport)
        return;
    if (trust)
        Q_EMIT certificateTrusted(Account::fingerprint(m_transport->peerCertificate()));
    m_transport->answerTrust(trust);
}

void AccountService::onReady()
{
    m_reconnectAttempts = 0;
    m_credentials->loginSucceeded();
    setState(State::Online, tr("Connected"));
    readNamespace();
    listFolders();
}

void AccountService::onConnectionFailed(const MailError &error)
{
    qCInfo(lcImap) << "connection failed:" << error.toString();
    m_push->stop();
    m_staleFolders.clear();
    m_sync.clear();
    m_folderChangeRunning = false;
    // Folder changes not sent yet are dropped: the user hears they were not made.
    for (const FolderEditor::Change &change : std::exchange(m_folderChanges, {}))
        Q_EMIT folderChanged(change.operation, change.folderId, change.path, change.newPath, error);
    failConnectionJobs();
    m_selectedFolder = 0;
    // The reads on the lost connection fail with it; those waiting go to the cache.
    ++m_session;
    m_readsRunning = 0;
    if (error.kind() == MailError::Kind::Authentication) {
        flushWaitingReads();
        m_credentials->rejected(error.serverText().isEmpty() ? error.message() : error.serverText());
        connectWithPassword(); // with the answer
        return;
    }
    setState(State::Failed, error.toString());
    flushWaitingReads(); // from the cache, or with the offline error
    if (m_wantOnline && !error.isPermanent())
        scheduleReconnect();
}

void AccountService::scheduleReconnect()
{
    const int delay = qMin(60000, 2000 << qMin(m_reconnectAttempts, 5));
    ++m_reconnectAttempts;
    m_state = State::Offline;
    m_reconnectTimer.start(delay);
}

void AccountService::disconnectFromServer()
{
    m_wantOnline = false;
    m_reconnectTimer.stop();
    m_staleFolders.clear();
    if (m_connection)
        m_connection->close();
    failConnectionJobs();
    setState(State::Offline);
}

void AccountService::readNamespace()
{
    if (!m_connection || !m_connection->hasCapability("NAMESPACE"))
        return;
    // Pipelined before the listing: its answer is known when the folders are.
    auto *task = new ImapNamespaceTask(m_connection.get(), this);
    whenDone<ImapNamespaceTask>(task, this, [this](ImapNamespaceTask *names) {
        if (names->error() || names->namespaces().personal.isEmpty()) {
            m_folderEditor->setPersonalNamespace({}, {});
            return;
        }
        const ImapNamespace::Entry &personal = names->namespaces().personal.constFirst();
        const bool utf8 = m_connection && m_connection->isEnabled("UTF8=ACCEPT");
        m_folderEditor->setPersonalNamespace(ImapCommandBuilder::decodeMailboxName(personal.prefix,
                                                                                   utf8),
                                             personal.delimiter.isEmpty()
                                                     ? QChar()
                                                     : QLatin1Char(personal.delimiter.at(0)));
    });
}

void AccountService::listFolders()
{
    auto *task = new ImapListTask(m_connection.get(), this);
    whenDone<ImapListTask>(task, this, [this](ImapListTask *list) {
        if (list->error()) {
            reportTaskError(list->error());
            return;
        }
        const bool utf8 = m_connection && m_connection->isEnabled("UTF8=ACCEPT");
        QList<FolderRecord> folders;
        quint32 marked = 0; // bit per FolderRecord::SpecialUse
        for (const ImapMailboxListing &mailbox : list->mailboxes()) {
            FolderRecord folder;
            folder.path = ImapCommandBuilder::decodeMailboxName(mailbox.name, utf8);
            folder.delimiter = mailbox.delimiter.isEmpty() ? QChar()
                                                           : QLatin1Char(mailbox.delimiter.at(0));
            for (const QByteArray &attribute : mailbox.rawAttributes)
                folder.attributes.append(QString::fromUtf8(attribute));
            folder.specialUse = specialUseOf(mailbox);
            folder.subscribed = mailbox.has(ImapMailboxListing::Subscribed);
            marked |= 1u << int(folder.specialUse);
            folders.append(folder);
        }
        assignSpecialFolders(folders, marked);
        QSet<QString> listed;
        for (qsizetype i = 0; i < folders.size(); ++i) {
            const FolderRecord &folder = folders.at(i);
            const StoreResult<qint64> id = m_store->upsertFolder(folder);
            if (!id) {
                reportTaskError(id.error());
                return;
            }
            listed.insert(folder.path);
            const QByteArray &name = list->mailboxes().at(i).name;
            const auto status = list->statuses().constFind(name);
            if (status != list->statuses().constEnd()) {
                FolderRecord stored = m_store->folder(id.value()).value();
                stored.exists = status->messages.value_or(stored.exists);
                stored.unseen = status->unseen.value_or(stored.unseen);
                reportTaskError(m_store->updateFolderState(stored));
            }
        }
        const StoreResult<QList<FolderRecord>> cached = m_store->folders();
        for (const FolderRecord &folder : cached.value()) {
            if (!listed.contains(folder.path))
                reportTaskError(m_store->removeFolder(folder.id));
        }
        m_folderModel->reload();
        updateInboxWatch();
        m_push->start(m_connection.get());
        // Changes made offline reach the server before the open folder is compared with it.
        runOperations();
        if (m_currentFolder == 0 || !m_store->folder(m_currentFolder))
            openFolder(folderId(FolderRecord::SpecialUse::Inbox));
        else
            syncCurrentFolder();
    });
}

void AccountService::assignSpecialFolders(QList<FolderRecord> &folders, quint32 marked) const
{
    // Roles no folder carries as a SPECIAL-USE attribute go to the first folder with one of
    // their usual names; Trash, failing that, to the folder the user named.
    quint32 taken = marked;
    auto bit = [](FolderRecord::SpecialUse use) {
        return 1u << int(use);
    };
    for (FolderRecord &folder : folders) {
        if (folder.specialUse != FolderRecord::SpecialUse::None)
            continue;
        const FolderRecord::SpecialUse guess = SpecialFolderNames::roleOf(folder.path,
                                                                          folder.delimiter);
        if (guess != FolderRecord::SpecialUse::None && !(taken & bit(guess))) {
            folder.specialUse = guess;
            taken |= bit(guess);
        }
    }
    const std::optional<QString> chosen = m_account.trashFolder();
    if ((taken & bit(FolderRecord::SpecialUse::Trash)) || !chosen || chosen->isEmpty())
        return;
    for (FolderRecord &folder : folders) {
        if (folder.path == *chosen && folder.specialUse == FolderRecord::SpecialUse::None)
            folder.specialUse = FolderRecord::SpecialUse::Trash;
    }
}

qint64 AccountService::folderId(FolderRecord::SpecialUse use) const
{
    const StoreResult<QList<FolderRecord>> folders = m_store->folders();
    for (const FolderRecord &folder : folders.value()) {
        if (folder.specialUse == use)
            return folder.id;
    }
    return 0;
}

std::pair<qint64, quint32> AccountService::findMessage(const QByteArray &messageId) const
{
    const auto found = m_store->findByMessageId(messageId);
    if (!found || found.value().isEmpty())
        return {0, 0};
    const StoreResult<QList<FolderRecord>> folders = m_store->folders();
    auto rank = [&folders](qint64 id) {
        using Use = FolderRecord::SpecialUse;
        for (const FolderRecord &folder : folders.value()) {
            if (folder.id != id)
                continue;
            switch (folder.specialUse) {
            case Use::Inbox:
                return 0;
            case Use::None:
                return 1;
            case Use::Archive:
                return 2;
            case Use::Sent:
                return 3;
            case Use::Junk:
                return 4;
            case Use::Trash:
                return 5;
            default:
                return 6;
            }
        }
        return 7;
    };
    std::pair<qint64, quint32> best = found.value().first();
    for (const auto &candidate : found.value())
        if (rank(candidate.first) < rank(best.first))
            best = candidate;
    return best;
}

void AccountService::openFolder(qint64 folderId)
{
    if (folderId == 0)
        return;
    const bool changed = folderId != m_currentFolder;
    m_currentFolder = folderId;
    if (changed)
        m_messageModel->setFolderId(folderId);
    if (m_state == State::Online && (changed || !m_sync))
        syncCurrentFolder();
    updateInboxWatch();
}

void AccountService::refresh()
{
    if (m_state == State::Online)
        listFolders();
    else
        connectToServer();
}

void AccountService::scheduleResync()
{
    m_resyncTimer.start();
}

void AccountService::syncCurrentFolder()
{
    if (m_state != State::Online || m_currentFolder == 0)
        return;
    if (m_sync || m_operations->isRunning() || m_readsRunning > 0 || m_folderChangeRunning) {
        // One synchronisation at a time, and none while the queue or reads select other folders
        // or read on the selected one; the running work is followed by another.
        m_resyncPending = true;
        return;
    }
    startSync(m_currentFolder);
}

void AccountService::startSync(qint64 folderId)
{
    m_connection->setIdleEnabled(false);
    auto *sync = new FolderSync(m_connection.get(), m_store.get(), folderId, this);
    m_sync = sync;
    // Only the open folder's progress is shown; others are brought up to date unseen.
    if (folderId == m_currentFolder)
        connect(sync, &FolderSync::progress, this, &AccountService::syncProgress);
    connect(sync, &FolderSync::messageSkipped, this,
            [this, sync](quint32 uid, const QString &reason) {
                reportSkippedMessage(sync->folderId(), uid, reason);
            });
    connect(sync, &FolderSync::finished, this, [this, sync](const MailError &error) {
        sync->deleteLater();
        m_sync.clear();
        Q_EMIT syncFinished(sync->folderId(), error);
        if (error) {
            reportTaskError(error);
            // Reads of a folder that could not be selected would wait for it again and again.
            if (!m_connection || m_connection->selectedMailbox() != wireName(sync->folderId()))
                failWaitingReads(sync->folderId(), error);
            if (!runFolderChanges() && !startWaitingReads() && sync->folderId() != m_currentFolder)
                syncCurrentFolder(); // a folder synchronised in passing: back to the open one
            return;
        }
        // Folder changes wait for a free connection; the listing after them synchronises the
        // open folder again.
        if (runFolderChanges())
            return;
        if (m_operations->pendingCount() > 0) {
            runOperations();
            return;
        }
        if (m_resyncPending || sync->folderId() != m_currentFolder) {
            m_resyncPending = false;
            syncCurrentFolder();
            return;
        }
        // Reads of other folders select them; the open one is selected again afterwards.
        if (startWaitingReads() || syncStaleFolder())
            return;
        m_connection->setIdleEnabled(true);
    });
    sync->start();
}

AccountService::PushMode AccountService::pushMode() const
{
    switch (m_push->mode()) {
    case FolderPush::Mode::Notify:
        return PushMode::Notify;
    case FolderPush::Mode::Polling:
        return PushMode::Polling;
    case FolderPush::Mode::Off:
        break;
    }
    return PushMode::Off;
}

void AccountService::setStatusPollInterval(int ms)
{
    m_push->setPollInterval(ms);
}

int AccountService::statusPollInterval() const
{
    return m_push->pollInterval();
}

void AccountService::onFolderPushed(qint64 folderId)
{
    if (folderId == m_currentFolder) {
        // Not selected right now (the queue or a read has another one): as IDLE would.
        scheduleResync();
        return;
    }
    if (m_inboxWatcher->isRunning() && m_inboxWatcher->folderId() == folderId)
        return; // its own session synchronises it
    // Nothing cached: the folder tree shows the server's counts, which FolderPush stored.
    const StoreResult<int> cached = m_store->messageCount(folderId);
    if (!cached || cached.value() == 0)
        return;
    if (!m_staleFolders.contains(folderId))
        m_staleFolders.append(folderId);
    syncStaleFolder();
}

bool AccountService::syncStaleFolder()
{
    if (m_staleFolders.isEmpty() || !isConnectionFree() || !m_waitingReads.isEmpty()
        || m_operations->pendingCount() > 0 || m_resyncPending)
        return false;
    const qint64 folderId = m_staleFolders.takeFirst();
    if (folderId == m_currentFolder || !m_store->folder(folderId))
        return syncStaleFolder();
    qCDebug(lcImap) << "synchronising a folder the server reported changed:" << folderId;
    startSync(folderId);
    return true;
}

void AccountService::reportSkippedMessage(qint64 folderId, quint32 uid, const QString &reason)
{
    const StoreResult<FolderRecord> folder = m_store->folder(folderId);
    const QString path = folder ? folder.value().path : QString();
    Q_EMIT notice(tr("A message in %1 (UID %2) could not be stored and is listed as a "
                     "placeholder: %3")
                          .arg(path)
                          .arg(uid)
                          .arg(reason));
}

QByteArray AccountService::wireName(qint64 folderId) const
{
    const StoreResult<FolderRecord> folder = m_store->folder(folderId);
    return folder ? FolderSync::wireName(m_connection.get(), folder.value().path) : QByteArray();
}

ImapConnection *AccountService::onlineConnection() const
{
    return m_state == State::Online ? m_connection.get() : nullptr;
}

void AccountService::fetchMessage(qint64 folderId, quint32 uid)
{
    requestRead(Read {Read::Kind::Whole, folderId, uid, {}});
}

void AccountService::fetchDisplayParts(qint64 folderId, quint32 uid)
{
    requestRead(Read {Read::Kind::Display, folderId, uid, {}});
}

void AccountService::fetchPart(qint64 folderId, quint32 uid, const QByteArray &section)
{
    requestRead(Read {Read::Kind::Part, folderId, uid, section});
}

void AccountService::requestRead(const Read &read)
{
    if (!onlineConnection() || isCached(read)) {
        startRead(read, nullptr);
        return;
    }
    // Behind the reads that wait already, so that they keep their order.
    m_waitingReads.append(read);
    startWaitingReads();
}

bool AccountService::isCached(const Read &read) const
{
    switch (read.kind) {
    case Read::Kind::Whole:
        return m_reader->isWholeMessageCached(read.folderId, read.uid);
    case Read::Kind::Display:
        return MessagePartLoader::isCached(m_store.get(), read.folderId, read.uid);
    case Read::Kind::Part:
        return MessagePartLoader::cachedSection(m_store.get(), read.folderId, read.uid, read.section)
                .has_value();
    case Read::Kind::Search:
        return false;
    }
    return false;
}

bool AccountService::canReadNow(qint64 folderId) const
{
    // Commands run in order: a read issued while another folder is selected, or about to be
    // (a SELECT clears the selected mailbox when it is sent), would read that folder.
    const QByteArray name = wireName(folderId);
    return !name.isEmpty() && m_connection->selectedMailbox() == name && !m_operations->isRunning()
           && !m_folderChangeRunning && (!m_sync || m_sync->folderId() == folderId);
}

bool AccountService::isConnectionFree() const
{
    return onlineConnection() && !m_sync && !m_operations->isRunning() && m_readsRunning == 0
           && !m_folderChangeRunning;
}

void AccountService::runReadyReads()
{
    while (!m_waitingReads.isEmpty()) {
        const Read read = m_waitingReads.constFirst();
        ImapConnection *connection = onlineConnection();
        if (connection && wireName(read.folderId).isEmpty()) {
            m_waitingReads.removeFirst();
            failRead(read, MailError(MailError::Kind::Protocol,
                                     tr("The message's folder is no longer on the server")));
            continue;
        }
        if (connection && !canReadNow(read.folderId))
            return;
        m_waitingReads.removeFirst();
        startRead(read, connection);
    }
}

bool AccountService::startWaitingReads()
{
    runReadyReads();
    if (m_waitingReads.isEmpty() || !isConnectionFree())
        return false;
    const qint64 folder = m_waitingReads.constFirst().folderId;
    if (folder == m_currentFolder) {
        // Its synchronisation selects it; the reads go once it is selected.
        syncCurrentFolder();
        return true;
    }
    selectForReads(folder);
    return true;
}

void AccountService::selectForReads(qint64 folderId)
{
    m_connection->setIdleEnabled(false);
    ++m_readsRunning;
    const quint64 session = m_session;
    // Selected read-write, as the queue selects: it may run next on the same selection.
    auto *task = new ImapSelectTask(m_connection.get(), wireName(folderId), false, this);
    whenDone<ImapSelectTask>(task, this, [this, folderId, session](ImapSelectTask *select) {
        if (session == m_session) {
            if (select->error())
                failWaitingReads(folderId, select->error());
            else
                runReadyReads();
        }
        onReadEnded(session);
    });
}

void AccountService::flushWaitingReads()
{
    const QList<Read> waiting = std::exchange(m_waitingReads, {});
    for (const Read &read : waiting)
        startRead(read, nullptr);
}

void AccountService::failWaitingReads(qint64 folderId, const MailError &error)
{
    for (qsizetype i = 0; i < m_waitingReads.size();) {
        if (m_waitingReads.at(i).folderId == folderId)
            failRead(m_waitingReads.takeAt(i), error);
        else
            ++i;
    }
}

void AccountService::failRead(const Read &read, const MailError &error)
{
    QMetaObject::invokeMethod(
            this,
            [this, read, error] {
                if (read.kind == Read::Kind::Search)
                    endFolderSearch(read.search);
                else if (read.kind == Read::Kind::Part)
                    Q_EMIT partFetchFailed(read.folderId, read.uid, read.section, error);
                else
                    Q_EMIT messageFetchFailed(read.folderId, read.uid, error);
            },
            Qt::QueuedConnection);
}

void AccountService::startRead(const Read &read, ImapConnection *connection)
{
    std::function<void()> ended = [] {
    };
    if (connection) {
        ++m_readsRunning;
        ended = [this, session = m_session] {
            onReadEnded(session);
        };
    }
    switch (read.kind) {
    case Read::Kind::Whole:
        m_reader->readWhole(read.folderId, read.uid, connection, wireName(read.folderId), ended);
        return;
    case Read::Kind::Display:
        m_reader->loadDisplayParts(read.folderId, read.uid, connection, wireName(read.folderId),
                                   ended);
        return;
    case Read::Kind::Part:
        m_reader->downloadPart(read.folderId, read.uid, read.section, connection,
                               wireName(read.folderId), ended);
        return;
    case Read::Kind::Search:
        searchFolder(read, connection, ended);
        return;
    }
}

void AccountService::onReadEnded(quint64 session)
{
    if (session != m_session || --m_readsRunning > 0 || !onlineConnection())
        return;
    // Changes that waited for the reads go first, then what onOperationsDrained() does.
    if (m_operations->pendingCount() > 0) {
        runOperations();
        if (m_operations->isRunning())
            return;
    }
    onOperationsDrained();
}

void AccountService::setKeepOffline(qint64 folderId, bool keep)
{
    if (MailError error = m_store->setKeepOffline(folderId, keep)) {
        reportTaskError(error);
        return;
    }
    if (keep)
        m_offline->start();
    else
        m_offline->forget(folderId);
}

bool AccountService::isKeptOffline(qint64 folderId) const
{
    const StoreResult<FolderRecord> folder = m_store->folder(folderId);
    return folder && folder.value().keepOffline;
}

void AccountService::enqueue(const PendingOperation &operation)
{
    reportTaskError(m_operations->enqueue(operation));
    runOperations();
}

void AccountService::runOperations()
{
    if (m_state != State::Online || !m_connection || m_sync || m_operations->isRunning()
        || m_readsRunning > 0 || m_folderChangeRunning || m_operations->pendingCount() == 0)
        return;
    m_operations->run(m_connection.get());
}

void AccountService::onOperationsDrained()
{
    if (!isConnectionFree() || runFolderChanges())
        return;
    if (startWaitingReads())
        return;
    // The queue or the reads may have left another folder selected: the open one is selected
    // again by its synchronisation, which also brings back what the changes did there.
    if (m_resyncPending || m_connection->selectedMailbox() != wireName(m_currentFolder)) {
        m_resyncPending = false;
        syncCurrentFolder();
    } else if (m_currentFolder != 0 && !syncStaleFolder()) {
        // Nothing else to do: the connection watches the open folder.
        m_connection->setIdleEnabled(true);
    }
}

QString AccountService::folderName(qint64 folderId) const
{
    const StoreResult<FolderRecord> folder = m_store->folder(folderId);
    if (!folder)
        return QString();
    const FolderRecord &record = folder.value();
    return FolderDisplayName::of(record.isInbox() ? FolderRecord::SpecialUse::Inbox
                                                  : record.specialUse,
                                 record.delimiter.isNull()
                                         ? record.path
                                         : record.path.section(record.delimiter, -1));
}

void AccountService::reportTaskError(const MailError &error)
{
    if (error)
        Q_EMIT errorOccurred(error);
}
