#include "messagereader.h"

#include "common/mappedfile.h"
#include "imap/tasks/imapfetchparttask.h"
#include "messagepartloader.h"
#include "mime/mimepart.h"
#include "mime/searchabletext.h"
#include "partdownload.h"
#include "sectionfetchregistry.h"
#include "store/messagestore.h"

#include <QDir>
#include <QFileInfo>

namespace {

// The cache key of a whole message among the body parts (IMAP's BODY[] has an empty section).
const QByteArray wholeMessage = QByteArrayLiteral("");

} // namespace

MessageReader::MessageReader(MessageStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_sectionFetches(std::make_unique<SectionFetchRegistry>())
{ }

MessageReader::~MessageReader() = default;

// The whole message as cached: inline in the database, or in a file of its own (a large one).
MessageSource MessageReader::cachedWholeMessage(qint64 folderId, quint32 uid) const
{
    const StoreResult<BodyPartRecord> cached = m_store->bodyPart(folderId, uid, wholeMessage);
    if (!cached)
        return MessageSource();
    if (cached.value().isFile()) {
        return QFileInfo::exists(cached.value().filePath)
                       ? MessageSource::fromFile(cached.value().filePath)
                       : MessageSource();
    }
    return cached.value().data.isEmpty() ? MessageSource()
                                         : MessageSource::fromBytes(cached.value().data);
}

bool MessageReader::isWholeMessageCached(qint64 folderId, quint32 uid) const
{
    return !cachedWholeMessage(folderId, uid).isNull();
}

void MessageReader::readWhole(qint64 folderId, quint32 uid, ImapConnection *connection,
                              const QByteArray &mailbox, const std::function<void()> &ended)
{
    const MessageSource cached = cachedWholeMessage(folderId, uid);
    if (!cached.isNull()) {
        QMetaObject::invokeMethod(
                this,
                [this, folderId, uid, cached, ended] {
                    Q_EMIT messageFetched(folderId, uid, cached);
                    ended();
                },
                Qt::QueuedConnection);
        return;
    }
    if (!connection) {
        const MailError error(MailError::Kind::Network,
                              tr("The message is not cached and the account is offline"));
        QMetaObject::invokeMethod(
                this,
                [this, folderId, uid, error] { Q_EMIT messageFetchFailed(folderId, uid, error); },
                Qt::QueuedConnection);
        ended();
        return;
    }
    auto *task = new ImapFetchPartTask(connection, uid, QByteArray(), this);
    task->setMailbox(mailbox);
    connect(task, &ImapTask::finished, this, [this, task, folderId, uid, ended] {
        task->deleteLater();
        if (task->error()) {
            Q_EMIT messageFetchFailed(folderId, uid, task->error());
        } else if (!task->spoolFile().isNull()) {
            keepSpooled(folderId, uid, task->spoolFile());
        } else {
            const QByteArray data = task->data();
            report(m_store->storeBodyPart(folderId, uid, wholeMessage, data));
            indexBody(folderId, uid, MimePart::parse(data));
            Q_EMIT messageFetched(folderId, uid, MessageSource::fromBytes(data));
        }
        ended();
    });
    task->start();
}

void MessageReader::loadDisplayParts(qint64 folderId, quint32 uid, ImapConnection *connection,
                                     const QByteArray &mailbox, const std::function<void()> &ended)
{
    auto *loader = new MessagePartLoader(connection, m_store, folderId, uid, this);
    if (connection)
        loader->setMailbox(mailbox);
    loader->setSectionFetches(m_sectionFetches.get());
    connect(loader, &MessagePartLoader::finished, this, [this, loader, ended] {
        loader->deleteLater();
        if (loader->error()) {
            Q_EMIT messageFetchFailed(loader->folderId(), loader->uid(), loader->error());
        } else {
            indexBody(loader->folderId(), loader->uid(), loader->message());
            Q_EMIT messagePartsFetched(loader->folderId(), loader->uid(), loader->message());
        }
        ended();
    });
    loader->start();
}

void MessageReader::downloadPart(qint64 folderId, quint32 uid, const QByteArray &section,
                                 ImapConnection *connection, const QByteArray &mailbox,
                                 const std::function<void()> &ended)
{
    auto *download = new PartDownload(connection, m_store, folderId, uid, section, this);
    if (connection)
        download->setMailbox(mailbox);
    download->setSectionFetches(m_sectionFetches.get());
    connect(download, &PartDownload::progress, this,
            [this, download](qint64 received, qint64 total) {
                Q_EMIT partProgress(download->folderId(), download->uid(), download->section(),
                                    received, total);
            });
    connect(download, &PartDownload::finished, this, [this, download, ended] {
        download->deleteLater();
        if (download->error())
            Q_EMIT partFetchFailed(download->folderId(), download->uid(), download->section(),
                                   download->error());
        else if (!download->filePath().isEmpty())
            Q_EMIT partFileFetched(download->folderId(), download->uid(), download->section(),
                                   download->filePath());
        else
            Q_EMIT partFetched(download->folderId(), download->uid(), download->section(),
                               download->data());
        ended();
    });
    download->start();
}

// A large message arrived in a file (ImapFetchPartTask::spoolFile()): the file becomes the
// cache's copy, and the message is parsed for the index where it lies, mapped, never read whole
// into memory.
void MessageReader::keepSpooled(qint64 folderId, quint32 uid, SpoolFile spool)
{
    const QString path = QFileInfo(m_store->path())
                                 .absoluteDir()
                                 .filePath(
                                         QStringLiteral("message-%1-%2.eml").arg(folderId).arg(uid));
    if (!spool.keepAs(path)) {
        const MailError error(MailError::Kind::Storage,
                              tr("Cannot keep message %1 in the cache at %2").arg(uid).arg(path));
        report(error);
        Q_EMIT messageFetchFailed(folderId, uid, error);
        return;
    }
    const MailError stored = m_store->storeBodyPartFile(folderId, uid, wholeMessage, path);
    report(stored);
    {
        MappedFile mapped;
        if (mapped.open(path))
            indexBody(folderId, uid, MimePart::parse(mapped.bytes()));
    }
    if (stored)
        Q_EMIT messageFetchFailed(folderId, uid, stored);
    else
        Q_EMIT messageFetched(folderId, uid, MessageSource::fromFile(path));
}

void MessageReader::indexBody(qint64 folderId, quint32 uid, const MimePart &message)
{
    const StoreResult<bool> indexed = m_store->isBodyIndexed(folderId, uid);
    if (!indexed || indexed.value())
        return;
    report(m_store->indexBody(folderId, uid, SearchableText::of(message)));
}

void MessageReader::report(const MailError &error)
{
    if (error)
        Q_EMIT errorOccurred(error);
}
