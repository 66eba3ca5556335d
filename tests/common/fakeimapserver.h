#pragma once

#include "net/transportfactory.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>

class FakeTransport;

// A small IMAP server in the test process, for the service layer: it keeps mailboxes with
// messages, and answers what the account's connections send (LOGIN, LIST, STATUS, SELECT,
// UID SEARCH/FETCH/STORE/MOVE/COPY/EXPUNGE, APPEND, IDLE, NOOP, LOGOUT) over FakeTransports it
// makes itself, as the TransportFactory of the service under test (CREATE, LSUB and a plain
// EXPUNGE too). Capabilities: IMAP4rev1, UIDPLUS, MOVE, IDLE by default; setCapabilities()
// makes a server with fewer or more (LIST-EXTENDED adds \Subscribed to LIST). Commands the server
// does not know are answered BAD.
//
// The server can be taken down (setReachable(false)): open links are cut and new ones are
// refused, as with a server that went away; and every command received is kept (commands())
// so a test can check what reached it, or act as it arrives (commandReceived()).
class FakeImapServer : public QObject, public TransportFactory
{
    Q_OBJECT
public:
    struct Message
    {
        quint32 uid = 0;
        QSet<QByteArray> flags;
        QByteArray raw;
    };
    struct Mailbox
    {
        QByteArray attribute; // special use such as \Trash, or empty
        bool subscribed = true;
        quint32 uidValidity = 1;
        quint32 uidNext = 1;
        QList<Message> messages;
    };

    explicit FakeImapServer(QObject *parent = nullptr);
    ~FakeImapServer() override;

    // TransportFactory
    std::unique_ptr<Transport> create(const TransportPolicy &policy) override;

    void setPassword(const QByteArray &password) { m_password = password; }
    // The capabilities announced in the greeting, after login and to CAPABILITY.
    void setCapabilities(const QByteArray &capabilities) { m_capabilities = capabilities; }
    // The hierarchy separator LIST and LSUB report ('/' by default).
    void setDelimiter(char delimiter) { m_delimiter = delimiter; }
    // The personal name space's prefix NAMESPACE answers with (e.g. "INBOX."); empty by default.
    void setPersonalNamespace(const QByteArray &prefix) { m_personalNamespace = prefix; }
    // SELECT answers with this HIGHESTMODSEQ whatever the capabilities (0: none), as a server
    // may that sends it unasked.
    void setSelectModSeq(quint64 modSeq) { m_selectModSeq = modSeq; }
    void setSubscribed(const QByteArray &mailbox, bool subscribed)
    {
        m_mailboxes[mailbox].subscribed = subscribed;
    }
    // Changes a message's flags directly, as another client would.
    void setFlags(const QByteArray &mailbox, quint32 uid, const QSet<QByteArray> &flags);
    void addMailbox(const QByteArray &name, const QByteArray &attribute = {});
    // The mailbox goes with its messages, as when deleted by another client.
    void removeMailbox(const QByteArray &name) { m_mailboxes.remove(name); }
    // Stores a message; returns its UID.
    quint32 addMessage(const QByteArray &mailbox, const QByteArray &subject,
                       const QSet<QByteArray> &flags = {});
    Mailbox mailbox(const QByteArray &name) const { return m_mailboxes.value(name); }
    QList<quint32> uids(const QByteArray &mailbox) const;
    QSet<QByteArray> flags(const QByteArray &mailbox, quint32 uid) const;

    void setReachable(bool reachable);
    // Commands starting with prefix (as in commands(), "UID MOVE") are answered NO, changing
    // nothing; an empty list accepts them all again.
    void setRefused(const QList<QByteArray> &prefixes) { m_refused = prefixes; }
    // Commands received, without tags ("UID STORE 3 +FLAGS (\Seen)").
    QList<QByteArray> commands() const { return m_commands; }
    int loginCount() const { return m_logins; }
    int connectionCount() const { return m_connections; }

Q_SIGNALS:
    // A command arrived (as in commands()); emitted before it is answered, while the client is
    // still sending it.
    void commandReceived(const QByteArray &command);

private:
    struct Session
    {
        QPointer<FakeTransport> transport;
        QByteArray buffer;
        QByteArray selected;
        bool idling = false;
        QByteArray idleTag;
        // An APPEND waiting for its literal.
        qsizetype literalSize = -1;
        QByteArray pendingLine;
    };

    void onClientWrote(Session *session, const QByteArray &bytes);
    void handleLine(Session *session, const QByteArray &line, const QByteArray &literal);
    void reply(Session *session, const QByteArray &line);
    void select(Session *session, const QByteArray &tag, const QByteArray &name);
    void fetch(Session *session, const QByteArray &tag, const QList<quint32> &uids,
               const QByteArray &items);
    void store(Session *session, const QByteArray &tag, const QList<quint32> &uids,
               const QByteArray &mode, const QList<QByteArray> &flags);
    // Removes the messages from the selected mailbox, answering EXPUNGE for each.
    void expunge(Session *session, const QList<quint32> &uids);
    QList<quint32> parseSet(Session *session, const QByteArray &set) const;
    Message *find(const QByteArray &mailbox, quint32 uid);
    static QByteArray fetchLine(int sequence, const Message &message, const QByteArray &items);
    static QList<QByteArray> words(const QByteArray &line);

    QMap<QByteArray, Mailbox> m_mailboxes;
    QList<Session *> m_sessions;
    QByteArray m_password = "secret";
    QByteArray m_capabilities;
    char m_delimiter = '/';
    QByteArray m_personalNamespace;
    quint64 m_selectModSeq = 0;
    QList<QByteArray> m_commands;
    bool m_reachable = true;
    QList<QByteArray> m_refused;
    int m_logins = 0;
    int m_connections = 0;
};
