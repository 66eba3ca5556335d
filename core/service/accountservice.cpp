#include "accountservice.h"

#include "accounts/secretstore.h"
#include "common/logging.h"
#include "imap/imapcommandbuilder.h"
#include "imap/imapconnection.h"
#include "imap/tasks/imapappendtask.h"
#include "imap/tasks/imapexpungetask.h"
#include "imap/tasks/imapfetchparttask.h"
#include "imap/tasks/imaplisttask.h"
#include "imap/tasks/imapmovetask.h"
#include "imap/tasks/imapstoretask.h"
#include "inboxwatcher.h"
#include "messagepartloader.h"
#include "models/foldertreemodel.h"
#include "models/messagelistmodel.h"
#include "net/ssltransport.h"
#include "partdownload.h"
#include "sectionfetchregistry.h"
#include "store/messagestore.h"
#include "sync/foldersync.h"
#include "sync/messagerecordfactory.h"
#include "unsolicitedupdates.h"

#include <QCryptographicHash>

namespace {

// The cache key of a whole message among the body parts (IMAP's BODY[] has an empty section).
const QByteArray wholeMessage = QByteArrayLiteral("");

FolderRecord::SpecialUse specialUseOf(const ImapMailboxListing &listing)
{
    using A = ImapMailboxListing;
    if (listing.name == "INBOX")
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

AccountService::AccountService(const Account &account, SecretStore *secrets, QObject *parent)
    : QObject(parent)
    , m_account(account)
    , m_secrets(secrets)
{
    m_store = std::make_unique<MessageStore>();
    m_sectionFetches = std::make_unique<SectionFetchRegistry>();
    m_resyncTimer.setSingleShot(true);
    m_resyncTimer.setInterval(300);
    connect(&m_resyncTimer, &QTimer::timeout, this, &AccountService::syncCurrentFolder);
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &AccountService::connectToServer);
    m_inboxWatcher = std::make_unique<InboxWatcher>(m_store.get());
    connect(m_inboxWatcher.get(), &InboxWatcher::errorOccurred, this,
            &AccountService::errorOccurred);
    connect(m_inboxWatcher.get(), &InboxWatcher::synchronised, this,
            [this] { m_inboxWatchAttempts = 0; });
    connect(m_inboxWatcher.get(), &InboxWatcher::stopped, this,
            &AccountService::onInboxWatchStopped);
    m_inboxWatchRetryTimer.setSingleShot(true);
    connect(&m_inboxWatchRetryTimer, &QTimer::timeout, this, &AccountService::updateInboxWatch);
}

AccountService::~AccountService()
{
    m_inboxWatcher.reset();
    m_connection.reset();
    m_transport.reset();
}

MailError AccountService::openCache(const QString &path)
{
    if (MailError error = m_store->open(path))
        return error;
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
    if (m_state == State::Connecting || m_state == State::Online)
        return;
    setState(State::Connecting, tr("Connecting to %1").arg(m_account.imapHost()));
    m_secrets->readPassword(m_account.id(), this, [this](const SecretStore::Reply &reply) {
        if (!reply.isOk()) {
            m_wantOnline = false;
            setState(State::Failed, reply.status == SecretStore::Status::NotFound
                                            ? tr("No password is stored for this account")
                                            : reply.errorString);
            return;
        }
        openSession(reply.password);
    });
}

void AccountService::openSession(const QString &password)
{
    m_connection.reset();
    m_transport = std::make_unique<SslTransport>();
    m_transport->setCaCertificates(caCertificates());
    if (!m_account.imapPinnedFingerprints().isEmpty())
        m_transport->setPinnedDigest(QByteArray::fromHex(m_account.imapPinnedFingerprints().last()));
    m_transport->setConnectTimeout(30000);
    connect(m_transport.get(), &Transport::certificateTrustRequested, this,
            &AccountService::trustRequested);

    m_connection = std::make_unique<ImapConnection>(m_transport.get());
    ImapConnection *connection = m_connection.get();
    connect(connection, &ImapConnection::ready, this, &AccountService::onReady);
    connect(connection, &ImapConnection::failed, this, &AccountService::onConnectionFailed);
    connect(connection, &ImapConnection::mailboxSelected, this, [this](const QByteArray &name) {
        if (m_waitingDisplay && name == wireName(m_currentFolder)
            && (!m_sync || m_sync->folderId() == m_currentFolder))
            startWaitingDisplay();
    });
    UnsolicitedUpdates updates;
    updates.folderId = [this] {
        return m_currentFolder;
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

    connection->open(sessionSettings(password));
}

ImapConnectionSettings AccountService::sessionSettings(const QString &password) const
{
    ImapConnectionSettings settings;
    settings.host = m_account.imapHost();
    settings.port = m_account.imapPort();
    settings.security = m_account.imapSecurity();
    settings.username = m_account.userName().isEmpty() ? m_account.address() : m_account.userName();
    settings.password = password;
    return settings;
}

QList<QSslCertificate> AccountService::caCertificates() const
{
    if (m_account.caFilePath().isEmpty())
        return {};
    return QSslCertificate::fromPath(m_account.caFilePath());
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
    m_secrets->readPassword(m_account.id(), this, [this, inbox](const SecretStore::Reply &reply) {
        const bool stillWanted = m_state == State::Online && m_currentFolder != inbox
                                 && inbox == folderId(FolderRecord::SpecialUse::Inbox);
        if (!reply.isOk() || !stillWanted || m_inboxWatcher->isRunning() || !m_transport)
            return;
        m_inboxWatcher->setCaCertificates(caCertificates());
        // The certificate the main session was accepted with, whether by the CAs or the user.
        const QSslCertificate accepted = m_transport->peerCertificate();
        m_inboxWatcher->setPinnedDigest(
                accepted.isNull() ? QByteArray() : accepted.digest(QCryptographicHash::Sha256));
        m_inboxWatcher->start(inbox, sessionSettings(reply.password));
    });
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
    setState(State::Online, tr("Connected"));
    listFolders();
}

void AccountService::onConnectionFailed(const MailError &error)
{
    qCInfo(lcImap) << "connection failed:" << error.toString();
    m_sync.clear();
    setState(State::Failed, error.toString());
    startWaitingDisplay(); // from the cache, or with the offline error
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
    if (m_connection)
        m_connection->close();
    setState(State::Offline);
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
        QSet<QString> listed;
        for (const ImapMailboxListing &mailbox : list->mailboxes()) {
            FolderRecord folder;
            folder.path = ImapCommandBuilder::decodeMailboxName(mailbox.name, utf8);
            folder.delimiter = mailbox.delimiter.isEmpty() ? QChar()
                                                           : QLatin1Char(mailbox.delimiter.at(0));
            for (const QByteArray &attribute : mailbox.rawAttributes)
                folder.attributes.append(QString::fromUtf8(attribute));
            folder.specialUse = specialUseOf(mailbox);
            folder.subscribed = mailbox.has(ImapMailboxListing::Subscribed);
            const StoreResult<qint64> id = m_store->upsertFolder(folder);
            if (!id) {
                reportTaskError(id.error());
                return;
            }
            listed.insert(folder.path);
            const auto status = list->statuses().constFind(mailbox.name);
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
        if (m_currentFolder == 0 || !m_store->folder(m_currentFolder))
            openFolder(folderId(FolderRecord::SpecialUse::Inbox));
        else
            syncCurrentFolder();
    });
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

void AccountService::openFolder(qint64 folderId)
{
    if (folderId == 0)
        return;
    const bool changed = folderId != m_currentFolder;
    m_currentFolder = folderId;
    if (changed) {
        m_waitingDisplay.reset();
        m_messageModel->setFolderId(folderId);
    }
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
    if (m_sync) {
        // One synchronisation at a time; the running one is followed by another.
        m_resyncPending = true;
        return;
    }
    m_connection->setIdleEnabled(false);
    auto *sync = new FolderSync(m_connection.get(), m_store.get(), m_currentFolder, this);
    m_sync = sync;
    connect(sync, &FolderSync::progress, this, &AccountService::syncProgress);
    connect(sync, &FolderSync::finished, this, [this, sync](const MailError &error) {
        sync->deleteLater();
        m_sync.clear();
        Q_EMIT syncFinished(sync->folderId(), error);
        if (error) {
            reportTaskError(error);
            startWaitingDisplay();
            return;
        }
        if (m_resyncPending || sync->folderId() != m_currentFolder) {
            m_resyncPending = false;
            syncCurrentFolder();
            return;
        }
        m_connection->setIdleEnabled(true);
    });
    sync->start();
}

QByteArray AccountService::wireName(qint64 folderId) const
{
    const StoreResult<FolderRecord> folder = m_store->folder(folderId);
    return folder ? FolderSync::wireName(m_connection.get(), folder.value().path) : QByteArray();
}

void AccountService::fetchMessage(quint32 uid)
{
    const qint64 folder = m_currentFolder;
    const StoreResult<BodyPartRecord> cached = m_store->bodyPart(folder, uid, wholeMessage);
    if (cached && !cached.value().data.isEmpty()) {
        const QByteArray data = cached.value().data;
        QMetaObject::invokeMethod(
                this, [this, folder, uid, data] { Q_EMIT messageFetched(folder, uid, data); },
                Qt::QueuedConnection);
        return;
    }
    if (m_state != State::Online) {
        const MailError offline(MailError::Kind::Network, tr("The message is not cached and "
                                                             "the account is offline"));
        QMetaObject::invokeMethod(
                this,
                [this, folder, uid, offline] { Q_EMIT messageFetchFailed(folder, uid, offline); },
                Qt::QueuedConnection);
        return;
    }
    auto *task = new ImapFetchPartTask(m_connection.get(), uid, QByteArray(), this);
    task->setMailbox(wireName(folder));
    whenDone<ImapFetchPartTask>(task, this, [this, folder, uid](ImapFetchPartTask *fetch) {
        if (fetch->error()) {
            Q_EMIT messageFetchFailed(folder, uid, fetch->error());
            return;
        }
        reportTaskError(m_store->storeBodyPart(folder, uid, wholeMessage, fetch->data()));
        Q_EMIT messageFetched(folder, uid, fetch->data());
    });
}

ImapConnection *AccountService::onlineConnection() const
{
    return m_state == State::Online ? m_connection.get() : nullptr;
}

void AccountService::fetchDisplayParts(quint32 uid)
{
    // Commands run in order, so a fetch issued while another folder is selected, or about to
    // be, would read that folder.
    ImapConnection *connection = onlineConnection();
    const bool otherFolderSyncing = m_sync && m_sync->folderId() != m_currentFolder;
    if (connection
        && (otherFolderSyncing || connection->selectedMailbox() != wireName(m_currentFolder))) {
        m_waitingDisplay = uid;
        return;
    }
    startDisplayParts(uid);
}

void AccountService::startWaitingDisplay()
{
    if (const std::optional<quint32> uid = std::exchange(m_waitingDisplay, std::nullopt))
        startDisplayParts(*uid);
}

void AccountService::startDisplayParts(quint32 uid)
{
    auto *loader = new MessagePartLoader(onlineConnection(), m_store.get(), m_currentFolder, uid,
                                         this);
    if (onlineConnection())
        loader->setMailbox(wireName(m_currentFolder));
    loader->setSectionFetches(m_sectionFetches.get());
    connect(loader, &MessagePartLoader::finished, this, [this, loader] {
        loader->deleteLater();
        if (loader->error())
            Q_EMIT messageFetchFailed(loader->folderId(), loader->uid(), loader->error());
        else
            Q_EMIT messagePartsFetched(loader->folderId(), loader->uid(), loader->message());
    });
    loader->start();
}

void AccountService::fetchPart(qint64 folderId, quint32 uid, const QByteArray &section)
{
    // Only the open folder is selected on the connection.
    ImapConnection *connection = folderId == m_currentFolder ? onlineConnection() : nullptr;
    auto *download = new PartDownload(connection, m_store.get(), folderId, uid, section, this);
    if (connection)
        download->setMailbox(wireName(folderId));
    download->setSectionFetches(m_sectionFetches.get());
    connect(download, &PartDownload::progress, this,
            [this, download](qint64 received, qint64 total) {
                Q_EMIT partProgress(download->folderId(), download->uid(), download->section(),
                                    received, total);
            });
    connect(download, &PartDownload::finished, this, [this, download] {
        download->deleteLater();
        if (download->error())
            Q_EMIT partFetchFailed(download->folderId(), download->uid(), download->section(),
                                   download->error());
        else
            Q_EMIT partFetched(download->folderId(), download->uid(), download->section(),
                               download->data());
    });
    download->start();
}

void AccountService::changeFlags(const QList<quint32> &uids, MessageRecord::Flags add,
                                 MessageRecord::Flags remove)
{
    if (uids.isEmpty() || m_currentFolder == 0)
        return;
    // The cache changes at once; the server follows.
    reportTaskError(m_store->changeFlags(m_currentFolder, uids, add, remove));
    if (m_state != State::Online)
        return;
    const UidSet set = UidSet::fromList(uids);
    for (auto [mode, flags] : {std::pair {ImapStoreTask::Mode::Add, add},
                               std::pair {ImapStoreTask::Mode::Remove, remove}}) {
        if (!flags)
            continue;
        auto *task = new ImapStoreTask(m_connection.get(), set, mode,
                                       MessageRecordFactory::flagsToList(flags), this);
        whenDone<ImapStoreTask>(task, this, [this](ImapStoreTask *t) {
            if (t->error()) {
                reportTaskError(t->error());
                scheduleResync();
            }
        });
    }
}

void AccountService::moveMessages(const QList<quint32> &uids, qint64 targetFolderId)
{
    if (uids.isEmpty() || m_currentFolder == 0 || targetFolderId == m_currentFolder)
        return;
    if (m_state != State::Online) {
        Q_EMIT errorOccurred(MailError(MailError::Kind::Network,
                                       tr("Messages can only be moved while connected")));
        return;
    }
    const qint64 source = m_currentFolder;
    auto *task = new ImapMoveTask(m_connection.get(), UidSet::fromList(uids),
                                  wireName(targetFolderId), this);
    whenDone<ImapMoveTask>(task, this, [this, source, uids](ImapMoveTask *move) {
        if (move->error()) {
            reportTaskError(move->error());
            return;
        }
        reportTaskError(m_store->removeMessages(source, uids));
    });
}

void AccountService::deleteMessages(const QList<quint32> &uids)
{
    const qint64 trash = folderId(FolderRecord::SpecialUse::Trash);
    if (trash != 0 && trash != m_currentFolder) {
        moveMessages(uids, trash);
        return;
    }
    if (uids.isEmpty() || m_state != State::Online)
        return;
    const UidSet set = UidSet::fromList(uids);
    const qint64 folder = m_currentFolder;
    auto *store = new ImapStoreTask(m_connection.get(), set, ImapStoreTask::Mode::Add,
                                    {QByteArrayLiteral("\\Deleted")}, this);
    whenDone<ImapStoreTask>(store, this, [this, set, folder, uids](ImapStoreTask *t) {
        if (t->error()) {
            reportTaskError(t->error());
            return;
        }
        auto *expunge = new ImapExpungeTask(m_connection.get(), set, this);
        whenDone<ImapExpungeTask>(expunge, this, [this, folder, uids](ImapExpungeTask *e) {
            if (e->error())
                reportTaskError(e->error());
            else
                reportTaskError(m_store->removeMessages(folder, uids));
        });
    });
}

void AccountService::appendMessage(FolderRecord::SpecialUse folder, const QByteArray &message,
                                   const QList<QByteArray> &flags,
                                   std::function<void(const MailError &)> done)
{
    const qint64 id = folderId(folder);
    if (id == 0 || m_state != State::Online) {
        const MailError error(MailError::Kind::Protocol,
                              tr("The message could not be stored on the server"));
        Q_EMIT errorOccurred(error);
        if (done)
            done(error);
        return;
    }
    auto *task = new ImapAppendTask(m_connection.get(), wireName(id), message, this);
    task->setFlags(flags);
    whenDone<ImapAppendTask>(task, this, [this, id, done](ImapAppendTask *append) {
        reportTaskError(append->error());
        if (!append->error() && id == m_currentFolder)
            scheduleResync();
        if (done)
            done(append->error());
    });
}

void AccountService::reportTaskError(const MailError &error)
{
    if (error)
        Q_EMIT errorOccurred(error);
}
