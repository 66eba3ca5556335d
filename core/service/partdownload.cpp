#include "partdownload.h"

#include "imap/imapconnection.h"
#include "imap/tasks/imapfetchparttask.h"
#include "messagepartloader.h"
#include "sectionfetchregistry.h"
#include "store/messagestore.h"

PartDownload::PartDownload(ImapConnection *connection, MessageStore *store, qint64 folderId,
                           quint32 uid, const QByteArray &section, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_store(store)
    , m_folderId(folderId)
    , m_uid(uid)
    , m_section(section)
{ }

void PartDownload::setSectionFetches(SectionFetchRegistry *registry)
{
    m_sectionFetches = registry;
}

void PartDownload::start()
{
    if (std::optional<QByteArray> cached = MessagePartLoader::cachedSection(m_store, m_folderId,
                                                                            m_uid, m_section)) {
        m_data = *cached;
        finish();
        return;
    }
    if (const std::optional<ImapBodyPart> structure = MessagePartLoader::cachedStructure(m_store,
                                                                                         m_folderId,
                                                                                         m_uid)) {
        if (const ImapBodyPart *part = structure->findPart(m_section)) {
            m_encoding = TransferEncoding::fromHeader(part->encoding);
            m_declaredSize = qint64(part->size);
        }
    }
    if (m_sectionFetches
        && !m_sectionFetches->claim(m_folderId, m_uid, m_section, this, this,
                                    [this](const MailError &error) { onShared(error); })) {
        return;
    }
    m_claimed = m_sectionFetches != nullptr;
    if (!m_connection || m_connection->state() == ImapConnection::State::Disconnected) {
        endFetch(MailError(MailError::Kind::Network,
                           tr("The attachment is not cached and the account is offline")));
        return;
    }
    fetchChunk();
}

void PartDownload::onShared(const MailError &error)
{
    if (error) {
        finish(error);
        return;
    }
    const std::optional<QByteArray> cached = MessagePartLoader::cachedSection(m_store, m_folderId,
                                                                              m_uid, m_section);
    if (!cached) {
        finish(MailError(MailError::Kind::Storage, tr("The attachment could not be read")));
        return;
    }
    m_data = *cached;
    Q_EMIT progress(m_data.size(), m_data.size());
    finish();
}

void PartDownload::fetchChunk()
{
    auto *task = new ImapFetchPartTask(m_connection, m_uid, m_section, this);
    task->setPreferBinary(m_binary);
    task->setRange(m_data.size(), m_chunkSize);
    // An answer from another mailbox would belong to another message.
    task->setMailbox(m_mailbox);
    connect(task, &ImapTask::finished, this, [this, task] {
        task->deleteLater();
        onChunk(task);
    });
    task->start();
}

void PartDownload::onChunk(ImapFetchPartTask *task)
{
    if (task->error()) {
        if (task->isRefused() && task->isBinary() && m_data.isEmpty()) {
            // BINARY refused (RFC 3516 UNKNOWN-CTE): the encoded form, decoded here.
            m_binary = false;
            fetchChunk();
            return;
        }
        // NIL or no answer: the part is gone, and what came so far is not cached either.
        m_data.clear();
        endFetch(task->error());
        return;
    }
    m_binary = task->isBinary();
    const QByteArray chunk = task->data();
    m_data += chunk;
    // Decoded bytes are about 3/4 of base64's; the total is what the structure declared.
    const qint64 total = m_binary && m_encoding == TransferEncoding::Kind::Base64
                                 ? m_declaredSize * 57 / 78
                                 : m_declaredSize;
    Q_EMIT progress(m_data.size(), qMax(total, qint64(m_data.size())));
    if (chunk.size() >= m_chunkSize) {
        fetchChunk();
        return;
    }
    if (!m_binary)
        m_data = TransferEncoding::decode(m_data, m_encoding);
    endFetch(m_store->storeBodyPart(m_folderId, m_uid, m_section, m_data));
}

void PartDownload::endFetch(const MailError &error)
{
    if (m_claimed && m_sectionFetches)
        m_sectionFetches->release(m_folderId, m_uid, m_section, error);
    m_claimed = false;
    finish(error);
}

void PartDownload::finish(const MailError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    QMetaObject::invokeMethod(this, &PartDownload::finished, Qt::QueuedConnection);
}
