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
class SpoolFile;

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

    // The most of a text part's decoded body a load holds in memory: a longer one (which
    // arrived in a file and is cached as a file) is shown from its beginning, cut at a line end,
    // and its part says so (MimePart::isBodyCut()).
    static constexpr qint64 DisplayLimit = 4 * 1024 * 1024;

    // Where a section kept in a file of its own lies: beside the cache's database.
    static QString partFilePath(MessageStore *store, qint64 folderId, quint32 uid,
                                const QByteArray &section);

    // A cached section of a message, or nothing.
    static std::optional<QByteArray> cachedSection(MessageStore *store, qint64 folderId,
                                                   quint32 uid, const QByteArray &section);
    // The same for display: of a section cached in a file longer than limit, only its first
    // bytes up to a line end near limit, and *wholeSize set to the file's size (else -1).
    static std::optional<QByteArray> cachedSectionStart(MessageStore *store, qint64 folderId,
                                                        quint32 uid, const QByteArray &section,
                                                        qint64 limit, qint64 *wholeSize);
    // The cached BODYSTRUCTURE of a message.
    static std::optional<ImapBodyPart> cachedStructure(MessageStore *store, qint64 folderId,
                                                       quint32 uid);
    // Whether a section is cached, its bytes not read.
    static bool hasCachedSection(MessageStore *store, qint64 folderId, quint32 uid,
                                 const QByteArray &section);
    // The message's tree as a load shows it from the cache (long texts by their beginning).
    static MimePart displayTree(MessageStore *store, qint64 folderId, quint32 uid,
                                const ImapBodyPart &structure);
    // Whether everything a load of the message needs is cached (it then sends no command).
    static bool isCached(MessageStore *store, qint64 folderId, quint32 uid);

Q_SIGNALS:
    void finished();

private:
    void fetchStructure();
    void fetchMissing();
    void fetchSection(const QByteArray &section, bool binary);
    void onSectionFetched(ImapFetchPartTask *task, const QByteArray &section);
    // A section that came in a file: the file (transfer-decoded where the server did not)
    // becomes the cache's copy without passing through memory.
    MailError keepSpooled(const QByteArray &section, const SpoolFile &spool, bool decoded);
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
