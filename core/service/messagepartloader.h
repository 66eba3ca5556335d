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
class SectionFetchRegistry;

// Brings what a reader shows of one message into the cache and hands back the message's part
// tree: the structure from the cache (or one BODYSTRUCTURE fetch), then only the sections
// BodyStructureTree::displaySections() names that are not cached yet, fetched pipelined with
// BINARY.PEEK (BODY.PEEK where BINARY is missing or refused). Attachments are left out.
//
// Numbered sections are cached after transfer decoding, headers as sent. With everything
// cached no command is sent, and a null connection is enough. finished() is always queued.
//
// Only what the server sent for a section is cached: a section it answered with NIL, or did
// not answer at all, fails the load and stays missing, to be fetched by the next one. With a
// SectionFetchRegistry, a section another load or download is fetching already is not asked for
// again: the load waits for that fetch and reads the section from the cache.
class MessagePartLoader : public QObject
{
    Q_OBJECT
public:
    MessagePartLoader(ImapConnection *connection, MessageStore *store, qint64 folderId, quint32 uid,
                      QObject *parent = nullptr);

    // The mailbox the message is in, as selected on the connection: a section is not asked for
    // while another mailbox is selected (its UID names another message there), and a structure
    // that arrives after another mailbox was selected is not kept.
    void setMailbox(const QByteArray &wireName) { m_mailbox = wireName; }
    // The fetches in flight that this load joins instead of fetching a section twice.
    void setSectionFetches(SectionFetchRegistry *registry);
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
    // Whether everything a load of the message needs is cached (it then sends no command).
    static bool isCached(MessageStore *store, qint64 folderId, quint32 uid);

Q_SIGNALS:
    void finished();

private:
    void fetchStructure();
    void fetchMissing();
    void fetchSection(const QByteArray &section, bool binary);
    void onSectionFetched(ImapFetchPartTask *task, const QByteArray &section);
    void onSectionShared(const MailError &error);
    // One section is in the cache (or failed): the load ends with the last one, or the error.
    void sectionDone(const MailError &error);
    void releaseSection(const QByteArray &section, const MailError &error);
    MimePart buildTree() const;
    void finish(const MailError &error = {});
    bool isOnline() const;
    bool isStillSelected() const;

    QPointer<ImapConnection> m_connection;
    QPointer<SectionFetchRegistry> m_sectionFetches;
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
