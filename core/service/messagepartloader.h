#pragma once

#include "common/mailerror.h"
#include "imap/parser/imapbodypart.h"
#include "mime/mimepart.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>

#include <optional>

class ImapConnection;
class ImapFetchPartTask;
class MessageStore;

// Brings what a reader shows of one message into the cache and hands back the message's part
// tree: the structure from the cache (or one BODYSTRUCTURE fetch), then only the sections
// BodyStructureTree::displaySections() names that are not cached yet, fetched pipelined with
// BINARY.PEEK (BODY.PEEK where BINARY is missing or refused). Attachments are left out.
//
// Numbered sections are cached after transfer decoding, headers as sent. With everything
// cached no command is sent, and a null connection is enough. finished() is always queued.
class MessagePartLoader : public QObject
{
    Q_OBJECT
public:
    MessagePartLoader(ImapConnection *connection, MessageStore *store, qint64 folderId, quint32 uid,
                      QObject *parent = nullptr);

    // The mailbox the message is in, as selected on the connection: an answer that arrives
    // while another mailbox is selected belongs to another message and is not kept.
    void setMailbox(const QByteArray &wireName) { m_mailbox = wireName; }
    void start();

    qint64 folderId() const { return m_folderId; }
    quint32 uid() const { return m_uid; }
    // The tree with the fetched bodies, once finished without error.
    const MimePart &message() const { return m_message; }
    MailError error() const { return m_error; }
    // The sections fetched from the server by this load, in the order asked.
    QList<QByteArray> fetchedSections() const { return m_fetched; }

    // A cached section of a message, or nothing.
    static std::optional<QByteArray> cachedSection(MessageStore *store, qint64 folderId,
                                                   quint32 uid, const QByteArray &section);
    // The cached BODYSTRUCTURE of a message.
    static std::optional<ImapBodyPart> cachedStructure(MessageStore *store, qint64 folderId,
                                                       quint32 uid);

Q_SIGNALS:
    void finished();

private:
    void fetchStructure();
    void fetchMissing();
    void fetchSection(const QByteArray &section, bool binary);
    void onSectionFetched(ImapFetchPartTask *task, const QByteArray &section);
    MimePart buildTree() const;
    void finish(const MailError &error = {});
    bool isOnline() const;
    bool isStillSelected() const;

    QPointer<ImapConnection> m_connection;
    MessageStore *m_store;
    qint64 m_folderId;
    quint32 m_uid;
    QByteArray m_mailbox;
    ImapBodyPart m_structure;
    MimePart m_message;
    MailError m_error;
    QList<QByteArray> m_fetched;
    int m_pending = 0;
    bool m_finished = false;
};
