#pragma once

#include "common/mailerror.h"
#include "imap/imapconnectionsettings.h"
#include "net/transportpolicy.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QTimer>

#include <memory>

class FolderSync;
class ImapConnection;
class MessageStore;
class Transport;
class TransportFactory;

// Keeps one folder of an account's cache, its Inbox, current over a session of its own while
// the account's main session works in another folder. IDLE reports only on the selected
// mailbox, so watching a second folder takes a second connection.
//
// start() logs in, synchronises the folder, then idles on it; what the server reports there
// (EXISTS, EXPUNGE, VANISHED, FETCH) reaches the cache, new and expunged messages through a
// short resynchronisation. The watcher never asks about a certificate: it accepts what the
// policy's CA certificates or pinned digest accept (the owner pins the certificate the main
// session was accepted with) and fails otherwise. When the session ends for any reason,
// stopped() tells why; the owner decides whether to start again.
class InboxWatcher : public QObject
{
    Q_OBJECT
public:
    InboxWatcher(MessageStore *store, TransportFactory *transports, QObject *parent = nullptr);
    ~InboxWatcher() override;

    void start(qint64 folderId, const ImapConnectionSettings &settings,
               const TransportPolicy &policy);
    // Ends the session at once, without stopped().
    void stop();

    bool isRunning() const { return m_connection != nullptr; }
    qint64 folderId() const { return m_folderId; }
    ImapConnection *connection() const { return m_connection.get(); }

Q_SIGNALS:
    // A synchronisation of the folder completed; the session idles next.
    void synchronised();
    // The session ended by itself (lost, refused); error says why.
    void stopped(const MailError &error);
    // A change could not be written to the cache.
    void errorOccurred(const MailError &error);
    // See FolderSync::messageSkipped().
    void messageSkipped(qint64 folderId, quint32 uid, const QString &reason);

private:
    void synchronise();
    void onFailed(const MailError &error);

    MessageStore *m_store;
    TransportFactory *m_transports;
    qint64 m_folderId = 0;
    std::unique_ptr<Transport> m_transport;
    std::unique_ptr<ImapConnection> m_connection;
    QPointer<FolderSync> m_sync;
    bool m_resyncPending = false;
    QTimer m_resyncTimer;
};
