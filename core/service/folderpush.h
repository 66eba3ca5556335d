#pragma once

#include "common/mailerror.h"
#include "imap/parser/imapmailboxstatus.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <optional>

class ImapConnection;
class MessageStore;

// Keeps the counts of an account's folders current while another one is selected, over the
// account's session (the one that idles on the open folder).
//
// Where the server offers NOTIFY (RFC 5465), start() asks it to report every personal mailbox
// (ImapNotifyTask): the selected one as before, any other as an untagged STATUS. Elsewhere the
// subscribed folders (and the Inbox) other than the ones excluded are asked for their STATUS
// every pollInterval(). Either way the server's message and unread counts go into the folder's
// record at once (the folder tree shows them while nothing of the folder is cached), and
// folderChanged() tells the owner which folder changed on the server: reported by NOTIFY, or
// its UIDNEXT, HIGHESTMODSEQ or counts moved since the last look (at first: since its last
// synchronisation). The owner synchronises it (its cached messages, and so the counts read from
// them, follow).
class FolderPush : public QObject
{
    Q_OBJECT
public:
    enum class Mode { Off, Notify, Polling };
    Q_ENUM(Mode)

    static constexpr int DefaultPollIntervalMs = 30000;

    explicit FolderPush(MessageStore *store, QObject *parent = nullptr);
    ~FolderPush() override;

    // On a connection that is ready, after the folder list is cached. Again on the same
    // connection: nothing changes (a poll starts over); on another: starts over there.
    void start(ImapConnection *connection);
    void stop();
    Mode mode() const { return m_mode; }

    void setPollInterval(int ms);
    int pollInterval() const { return m_pollTimer.interval(); }
    // Folders a poll leaves out: the selected one (its selection reports on it) and any another
    // session watches.
    void setExcluded(std::function<QList<qint64>()> excluded) { m_excluded = std::move(excluded); }

    // Asks for the STATUS of every folder a poll covers now (also in Mode::Notify: after a
    // NOTIFICATIONOVERFLOW, or to catch up). While a round runs, the next one follows it.
    void poll();

Q_SIGNALS:
    void modeChanged(FolderPush::Mode mode);
    void folderChanged(qint64 folderId);
    void errorOccurred(const MailError &error);

private:
    struct Seen
    {
        std::optional<quint32> messages;
        std::optional<quint32> unseen;
        std::optional<quint32> uidNext;
        std::optional<quint64> highestModSeq;
    };

    void setMode(Mode mode);
    void requestNotify();
    // notified: NOTIFY sent it unasked, so something changed whatever the values say.
    void apply(const ImapMailboxStatus &status, bool notified);
    qint64 folderOfMailbox(const QByteArray &name) const;

    MessageStore *m_store;
    QPointer<ImapConnection> m_connection;
    Mode m_mode = Mode::Off;
    QTimer m_pollTimer;
    int m_pollsRunning = 0;
    bool m_pollAgain = false;
    quint64 m_generation = 0; // bumped by start()/stop(): answers of an earlier round are dropped
    std::function<QList<qint64>()> m_excluded;
    QHash<qint64, Seen> m_seen;
};
