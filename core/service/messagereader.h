#pragma once

#include "common/mailerror.h"
#include "common/messagesource.h"

#include <QByteArray>
#include <QObject>

#include <functional>
#include <memory>

class ImapConnection;
class MessageStore;
class MimePart;
class SectionFetchRegistry;
class SpoolFile;

// Reads one message of an account: whole, the parts a reader shows, or one section; from the
// cache, or over a connection that has the message's folder selected. What comes from the server
// is cached, and the text of a message read joins the search index. Deciding when a read may use
// the connection is the account's (AccountService); each read here calls its ended() once over.
class MessageReader : public QObject
{
    Q_OBJECT
public:
    explicit MessageReader(MessageStore *store, QObject *parent = nullptr);
    ~MessageReader() override;

    bool isWholeMessageCached(qint64 folderId, quint32 uid) const;

    // connection: null to read from the cache alone. mailbox: the folder's name on the wire, so
    // that an answer from another mailbox is not taken for the message.
    void readWhole(qint64 folderId, quint32 uid, ImapConnection *connection,
                   const QByteArray &mailbox, const std::function<void()> &ended);
    void loadDisplayParts(qint64 folderId, quint32 uid, ImapConnection *connection,
                          const QByteArray &mailbox, const std::function<void()> &ended);
    void downloadPart(qint64 folderId, quint32 uid, const QByteArray &section,
                      ImapConnection *connection, const QByteArray &mailbox,
                      const std::function<void()> &ended);

Q_SIGNALS:
    // A large message comes as a file of the cache (MessageSource::isFile()): nothing here read
    // it whole into memory.
    void messageFetched(qint64 folderId, quint32 uid, const MessageSource &message);
    void messageFetchFailed(qint64 folderId, quint32 uid, const MailError &error);
    void messagePartsFetched(qint64 folderId, quint32 uid, const MimePart &message);
    void partProgress(qint64 folderId, quint32 uid, const QByteArray &section, qint64 received,
                      qint64 total);
    void partFetched(qint64 folderId, quint32 uid, const QByteArray &section,
                     const QByteArray &data);
    // The same for a part over PartDownload::FileThreshold: its decoded bytes are the file at
    // path, a file of the cache, never read into memory here.
    void partFileFetched(qint64 folderId, quint32 uid, const QByteArray &section,
                         const QString &path);
    void partFetchFailed(qint64 folderId, quint32 uid, const QByteArray &section,
                         const MailError &error);
    // The cache could not keep what was read.
    void errorOccurred(const MailError &error);

private:
    MessageSource cachedWholeMessage(qint64 folderId, quint32 uid) const;
    void keepSpooled(qint64 folderId, quint32 uid, SpoolFile spool);
    void indexBody(qint64 folderId, quint32 uid, const MimePart &message);
    void report(const MailError &error);

    MessageStore *m_store;
    // The section fetches in flight, shared by the display loads and the part downloads.
    std::unique_ptr<SectionFetchRegistry> m_sectionFetches;
};
