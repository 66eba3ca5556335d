#include "messagereader.h"

#include "imap/tasks/imapfetchparttask.h"
#include "messagepartloader.h"
#include "mime/mimepart.h"
#include "mime/searchabletext.h"
#include "partdownload.h"
#include "sectionfetchregistry.h"
#include "store/messagestore.h"

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

bool MessageReader::isWholeMessageCached(qint64 folderId, quint32 uid) const
{
    const StoreResult<BodyPartRecord> cached = m_store->bodyPart(folderId, uid, wholeMessage);
    return cached && !cached.value().data.isEmpty();
}

void MessageReader::readWhole(qint64 folderId, quint32 uid, ImapConnection *connection,
                              const QByteArray &mailbox, const std::function<void()> &ended)
{
    const StoreResult<BodyPartRecord> cached = m_store->bodyPart(folderId, uid, wholeMessage);
    if (cached && !cached.value().data.isEmpty()) {
        const QByteArray data = cached.value().data;
        QMetaObject::invokeMethod(
                this,
                [this, folderId, uid, data, ended] {
                    Q_EMIT messageFetched(folderId, uid, data);
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
        } else {
            // Read once: a large message arrived in a file (ImapFetchPartTask::spoolFile()).
            const QByteArray data = task->data();
            report(m_store->storeBodyPart(folderId, uid, wholeMessage, data));
            indexBody(folderId, uid, MimePart::parse(data));
            Q_EMIT messageFetched(folderId, uid, data);
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
        else
            Q_EMIT partFetched(download->folderId(), download->uid(), download->section(),
                               download->data());
        ended();
    });
    download->start();
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
