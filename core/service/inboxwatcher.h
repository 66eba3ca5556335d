#pragma once

#include "common/mailerror.h"
#include "imap/imapconnectionsettings.h"

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
class SslTransport;

// Keeps one folder of an account's cache, its Inbox, current over a session of its own while
// the account's main session works in another folder. IDLE reports only on the selected
// mailbox, so watching a second folder takes a second connection.
//
// start() logs in, synchronises the folder, then idles on it; what the server reports there
// (EXISTS, EXPUNGE, VANISHED, FETCH) reaches the cache, new and expunged messages through a
// short resynchronisation. The watcher never asks about a certificate: it accepts what the CA
// certificates or the pinned digest accept (the certificate the main session was accepted
// with) and fails otherwise. When the session ends for any reason, stopped() tells why; the
// owner decides whether to start again.
class InboxWatcher : public QObject
{
    Q_OBJECT
public:
    explicit InboxWatcher(MessageStore *store, QObject *parent = nullptr);
    ~InboxWatcher() override;

    void setCaCertificates(const QList<QSslCertificate> &certificates);
    void setPinnedDigest(const QByteArray &sha256);

    void start(qint64 folderId, const ImapConnectionSettings &settings);
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

private:
    void synchronise();
    void onFailed(const MailError &error);

    MessageStore *m_store;
    QList<QSslCertificate> m_caCertificates;
    QByteArray m_pinnedDigest;
    qint64 m_folderId = 0;
    std::unique_ptr<SslTransport> m_transport;
    std::unique_ptr<ImapConnection> m_connection;
    QPointer<FolderSync> m_sync;
    bool m_resyncPending = false;
    QTimer m_resyncTimer;
};
