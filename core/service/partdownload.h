#pragma once

#include "common/mailerror.h"
#include "mime/transferencoding.h"

#include <QByteArray>
#include <QFile>
#include <QObject>
#include <QPointer>

#include <memory>

class ImapConnection;
class ImapFetchPartTask;
class MessageStore;
class SectionFetchRegistry;

// Downloads one numbered section of a message (an attachment) on request: from the cache, or
// from the server in chunks of chunkSize() bytes (BINARY.PEEK[2]<0.n>, falling back to
// BODY.PEEK when BINARY is missing or refused) so that progress() can be reported. The bytes,
// after transfer decoding, are cached and handed back with finished(); always queued.
//
// A chunk the server answers with NIL, or not at all, fails the download and nothing is cached.
// With a SectionFetchRegistry, a section already being fetched (by a MessagePartLoader or
// another download) is not asked for again: the download waits and reads it from the cache.
class PartDownload : public QObject
{
    Q_OBJECT
public:
    PartDownload(ImapConnection *connection, MessageStore *store, qint64 folderId, quint32 uid,
                 const QByteArray &section, QObject *parent = nullptr);

    // The mailbox the message is in, as selected on the connection (see MessagePartLoader).
    void setMailbox(const QByteArray &wireName) { m_mailbox = wireName; }
    // The fetches in flight that this download joins instead of fetching the section twice.
    void setSectionFetches(SectionFetchRegistry *registry);
    void setChunkSize(qint64 bytes) { m_chunkSize = bytes; }
    qint64 chunkSize() const { return m_chunkSize; }
    void start();

    qint64 folderId() const { return m_folderId; }
    quint32 uid() const { return m_uid; }
    QByteArray section() const { return m_section; }
    // The decoded bytes: in memory for a small part, or (filePath() set) in a file of the cache
    // for one over FileThreshold, which came to that file a chunk at a time and is not read.
    QByteArray data() const { return m_data; }
    QString filePath() const { return m_filePath; }
    static constexpr qint64 FileThreshold = 1024 * 1024;
    MailError error() const { return m_error; }

Q_SIGNALS:
    void progress(qint64 received, qint64 total);
    void finished();

private:
    void fetchChunk();
    void onChunk(ImapFetchPartTask *task);
    void onShared(const MailError &error);
    // Ends a fetch this download claimed: others waiting for the section hear of it.
    void endFetch(const MailError &error = {});
    void finish(const MailError &error = {});
    // Takes what was cached for the section: false when nothing is.
    bool takeCached();
    bool appendToFile(const ImapFetchPartTask *task, const QByteArray &chunk);
    MailError keepFile();

    QPointer<ImapConnection> m_connection;
    QPointer<SectionFetchRegistry> m_sectionFetches;
    MessageStore *m_store;
    qint64 m_folderId;
    quint32 m_uid;
    QByteArray m_section;
    QByteArray m_mailbox;
    TransferEncoding::Kind m_encoding = TransferEncoding::Kind::SevenBit;
    qint64 m_declaredSize = 0;
    qint64 m_chunkSize = 1024 * 1024;
    bool m_binary = true;
    bool m_claimed = false;
    QByteArray m_data;
    std::unique_ptr<QFile> m_file; // the download so far, once over FileThreshold
    QString m_filePath;
    qint64 m_received = 0;
    MailError m_error;
    bool m_finished = false;
};
