#include "inboxwatcher.h"

#include "common/logging.h"
#include "imap/imapconnection.h"
#include "net/transport.h"
#include "net/transportfactory.h"
#include "sync/foldersync.h"
#include "unsolicitedupdates.h"

InboxWatcher::InboxWatcher(MessageStore *store, TransportFactory *transports, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_transports(transports)
{
    // Several reports in a row (a burst of deliveries) make one resynchronisation.
    m_resyncTimer.setSingleShot(true);
    m_resyncTimer.setInterval(300);
    connect(&m_resyncTimer, &QTimer::timeout, this, &InboxWatcher::synchronise);
}

InboxWatcher::~InboxWatcher()
{
    stop();
}

void InboxWatcher::start(qint64 folderId, const ImapConnectionSettings &settings,
                         const TransportPolicy &policy)
{
    stop();
    m_folderId = folderId;
    m_transport = m_transports->create(policy);
    connect(m_transport.get(), &Transport::certificateTrustRequested, this,
            [transport = QPointer<Transport>(m_transport.get())] {
                // Answered later, not from inside the transport's handshake slot.
                QMetaObject::invokeMethod(
                        transport,
                        [transport] {
                            if (transport)
                                transport->answerTrust(false);
                        },
                        Qt::QueuedConnection);
            });

    m_connection = std::make_unique<ImapConnection>(m_transport.get());
    ImapConnection *connection = m_connection.get();
    connect(connection, &ImapConnection::ready, this, &InboxWatcher::synchronise);
    connect(connection, &ImapConnection::failed, this, &InboxWatcher::onFailed);
    UnsolicitedUpdates updates;
    updates.folderId = [this] {
        return m_folderId;
    };
    updates.resync = [this] {
        m_resyncTimer.start();
    };
    updates.report = [this](const MailError &error) {
        if (error)
            Q_EMIT errorOccurred(error);
    };
    updates.connect(connection, m_store, this);
    connection->open(settings);
}

void InboxWatcher::stop()
{
    m_resyncTimer.stop();
    m_resyncPending = false;
    delete m_sync;
    if (m_connection) {
        disconnect(m_connection.get(), nullptr, this, nullptr);
        m_connection->close();
    }
    m_connection.reset();
    m_transport.reset();
}

void InboxWatcher::synchronise()
{
    if (!m_connection || !m_connection->isReady())
        return;
    if (m_sync) {
        m_resyncPending = true;
        return;
    }
    m_connection->setIdleEnabled(false);
    auto *sync = new FolderSync(m_connection.get(), m_store, m_folderId, this);
    m_sync = sync;
    connect(sync, &FolderSync::messageSkipped, this,
            [this, sync](quint32 uid, const QString &reason) {
                Q_EMIT messageSkipped(sync->folderId(), uid, reason);
            });
    connect(sync, &FolderSync::finished, this, [this, sync](const MailError &error) {
        sync->deleteLater();
        m_sync.clear();
        if (error) {
            Q_EMIT errorOccurred(error);
            return;
        }
        if (std::exchange(m_resyncPending, false)) {
            synchronise();
            return;
        }
        m_connection->setIdleEnabled(true);
        Q_EMIT synchronised();
    });
    sync->start();
}

void InboxWatcher::onFailed(const MailError &error)
{
    qCInfo(lcImap) << "inbox watch ended:" << error.toString();
    // The connection emitted this; it is deleted once the signal has returned.
    QMetaObject::invokeMethod(
            this,
            [this, error] {
                stop();
                Q_EMIT stopped(error);
            },
            Qt::QueuedConnection);
}
