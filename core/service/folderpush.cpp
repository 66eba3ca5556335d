#include "folderpush.h"

#include "common/logging.h"
#include "imap/imapconnection.h"
#include "imap/tasks/imapnotifytask.h"
#include "imap/tasks/imapstatustask.h"
#include "store/messagestore.h"
#include "sync/foldersync.h"

#include <utility>

namespace {

template<typename T>
bool moved(const std::optional<T> &now, const std::optional<T> &before)
{
    return now && before && *now != *before;
}

} // namespace

FolderPush::FolderPush(MessageStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    m_pollTimer.setInterval(DefaultPollIntervalMs);
    connect(&m_pollTimer, &QTimer::timeout, this, &FolderPush::poll);
}

FolderPush::~FolderPush() = default;

void FolderPush::setPollInterval(int ms)
{
    m_pollTimer.setInterval(ms);
    if (m_pollTimer.isActive())
        m_pollTimer.start();
}

void FolderPush::start(ImapConnection *connection)
{
    if (!connection || !connection->isReady())
        return;
    if (connection == m_connection && m_mode != Mode::Off)
        return;
    stop();
    m_connection = connection;
    connect(connection, &ImapConnection::mailboxStatusReceived, this,
            [this](const ImapMailboxStatus &status) { apply(status, true); });
    connect(connection, &ImapConnection::notificationOverflow, this, [this] {
        // The server stopped reporting: catch up, and ask again.
        qCInfo(lcImap) << "NOTIFY overflowed; asking again";
        poll();
        requestNotify();
    });
    connect(connection, &ImapConnection::closed, this, &FolderPush::stop);
    if (connection->hasCapability("NOTIFY")) {
        requestNotify();
        return;
    }
    setMode(Mode::Polling);
    m_pollTimer.start();
}

void FolderPush::stop()
{
    ++m_generation;
    m_pollTimer.stop();
    m_pollsRunning = 0;
    m_pollAgain = false;
    if (m_connection)
        disconnect(m_connection, nullptr, this, nullptr);
    m_connection.clear();
    m_seen.clear();
    setMode(Mode::Off);
}

void FolderPush::setMode(Mode mode)
{
    if (m_mode == mode)
        return;
    m_mode = mode;
    Q_EMIT modeChanged(mode);
}

void FolderPush::requestNotify()
{
    auto *task = new ImapNotifyTask(m_connection, ImapNotifyTask::Mode::AllPersonal, this);
    const quint64 generation = m_generation;
    connect(task, &ImapTask::finished, this, [this, task, generation] {
        task->deleteLater();
        if (generation != m_generation)
            return;
        if (!task->error()) {
            setMode(Mode::Notify);
            return;
        }
        // Refused (a server announcing more than it does): look from time to time instead.
        qCInfo(lcImap) << "NOTIFY refused, polling STATUS instead:" << task->error().toString();
        setMode(Mode::Polling);
        m_pollTimer.start();
    });
    task->start();
}

void FolderPush::poll()
{
    if (!m_connection || !m_connection->isReady())
        return;
    if (m_pollsRunning > 0) {
        m_pollAgain = true; // once the round running has its answers
        return;
    }
    const StoreResult<QList<FolderRecord>> folders = m_store->folders();
    if (!folders) {
        Q_EMIT errorOccurred(folders.error());
        return;
    }
    const QList<qint64> excluded = m_excluded ? m_excluded() : QList<qint64>();
    const quint64 generation = m_generation;
    for (const FolderRecord &folder : folders.value()) {
        if (!folder.isSelectable() || excluded.contains(folder.id)
            || (!folder.subscribed && !folder.isInbox()))
            continue;
        const QByteArray name = FolderSync::wireName(m_connection, folder.path);
        if (name == m_connection->selectedMailbox())
            continue;
        auto *task = new ImapStatusTask(m_connection, name, this);
        ++m_pollsRunning;
        connect(task, &ImapTask::finished, this, [this, task, generation] {
            task->deleteLater();
            if (generation != m_generation)
                return;
            --m_pollsRunning;
            // A folder gone meanwhile, or one the server cannot open: the next listing says.
            if (!task->error())
                apply(task->status(), false);
            if (m_pollsRunning == 0 && std::exchange(m_pollAgain, false))
                poll();
        });
        task->start();
    }
}

qint64 FolderPush::folderOfMailbox(const QByteArray &name) const
{
    const StoreResult<QList<FolderRecord>> folders = m_store->folders();
    for (const FolderRecord &folder : folders.value()) {
        if (FolderSync::wireName(m_connection, folder.path) == name
            || (folder.isInbox() && FolderRecord::isInboxPath(QString::fromUtf8(name))))
            return folder.id;
    }
    return 0;
}

void FolderPush::apply(const ImapMailboxStatus &status, bool notified)
{
    const qint64 folderId = folderOfMailbox(status.name);
    if (folderId == 0)
        return; // not listed yet: the listing a new folder brings reads it
    StoreResult<FolderRecord> stored = m_store->folder(folderId);
    if (!stored)
        return;
    FolderRecord record = stored.value();

    Seen now {status.messages, status.unseen, status.uidNext, status.highestModSeq};
    const auto known = m_seen.constFind(folderId);
    bool changed = notified;
    if (known != m_seen.constEnd()) {
        changed = changed || moved(now.messages, known->messages)
                  || moved(now.unseen, known->unseen) || moved(now.uidNext, known->uidNext)
                  || moved(now.highestModSeq, known->highestModSeq);
        // NOTIFY sends what changed only (a flag change: UNSEEN alone); keep the rest.
        Seen merged = *known;
        if (now.messages)
            merged.messages = now.messages;
        if (now.unseen)
            merged.unseen = now.unseen;
        if (now.uidNext)
            merged.uidNext = now.uidNext;
        if (now.highestModSeq)
            merged.highestModSeq = now.highestModSeq;
        now = merged;
    } else {
        // First look: against the state the last synchronisation left, where there was one.
        changed = changed || (record.uidNext != 0 && now.uidNext && *now.uidNext != record.uidNext)
                  || (record.highestModSeq != 0 && now.highestModSeq
                      && *now.highestModSeq != record.highestModSeq)
                  || (now.messages && *now.messages != record.exists)
                  || (now.unseen && *now.unseen != record.unseen);
    }
    m_seen.insert(folderId, now);

    if ((status.messages && *status.messages != record.exists)
        || (status.unseen && *status.unseen != record.unseen)) {
        record.exists = status.messages.value_or(record.exists);
        record.unseen = status.unseen.value_or(record.unseen);
        if (MailError error = m_store->updateFolderState(record))
            Q_EMIT errorOccurred(error);
    }
    if (changed)
        Q_EMIT folderChanged(folderId);
}
