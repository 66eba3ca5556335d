#include "partdownload.h"

#include "common/mappedfile.h"
#include "imap/imapconnection.h"
#include "imap/tasks/imapfetchparttask.h"
#include "messagepartloader.h"
#include "mime/chunkedtransferdecoder.h"
#include "sectionfetchregistry.h"
#include "store/messagestore.h"

#include <QFileInfo>

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

bool PartDownload::takeCached()
{
    const StoreResult<BodyPartRecord> cached = m_store->bodyPart(m_folderId, m_uid, m_section);
    if (!cached)
        return false;
    if (!cached.value().isFile()) {
        m_data = cached.value().data;
        return true;
    }
    if (!QFileInfo::exists(cached.value().filePath))
        return false;
    m_filePath = cached.value().filePath;
    return true;
}

void PartDownload::start()
{
    if (takeCached()) {
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
    if (!takeCached()) {
        finish(MailError(MailError::Kind::Storage, tr("The attachment could not be read")));
        return;
    }
    const qint64 size = m_filePath.isEmpty() ? m_data.size() : QFileInfo(m_filePath).size();
    Q_EMIT progress(size, size);
    finish();
}

void PartDownload::fetchChunk()
{
    auto *task = new ImapFetchPartTask(m_connection, m_uid, m_section, this);
    task->setPreferBinary(m_binary);
    task->setRange(m_received, m_chunkSize);
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
        if (task->isRefused() && task->isBinary() && m_received == 0) {
            // BINARY refused (RFC 3516 UNKNOWN-CTE): the encoded form, decoded here.
            m_binary = false;
            fetchChunk();
            return;
        }
        // NIL or no answer: the part is gone, and what came so far is not cached either.
        m_data.clear();
        if (m_file) {
            m_file->remove();
            m_file.reset();
        }
        endFetch(task->error());
        return;
    }
    m_binary = task->isBinary();
    // A large chunk came in a file (the connection's spool): copied from there, not read.
    const QByteArray chunk = task->spoolFile().isNull() ? task->data() : QByteArray();
    const qint64 chunkSize = task->spoolFile().isNull() ? chunk.size() : task->spoolFile().size();
    if (m_file || !task->spoolFile().isNull() || m_data.size() + chunkSize > FileThreshold) {
        if (!appendToFile(task, chunk)) {
            endFetch(MailError(MailError::Kind::Storage,
                               tr("Cannot keep the attachment in the cache: %1")
                                       .arg(m_file ? m_file->errorString() : QString())));
            return;
        }
    } else {
        m_data += chunk;
    }
    m_received += chunkSize;
    // Decoded bytes are about 3/4 of base64's; the total is what the structure declared.
    const qint64 total = m_binary && m_encoding == TransferEncoding::Kind::Base64
                                 ? m_declaredSize * 57 / 78
                                 : m_declaredSize;
    Q_EMIT progress(m_received, qMax(total, m_received));
    if (chunkSize >= m_chunkSize) {
        fetchChunk();
        return;
    }
    if (m_file) {
        endFetch(keepFile());
        return;
    }
    if (!m_binary)
        m_data = TransferEncoding::decode(m_data, m_encoding);
    endFetch(m_store->storeBodyPart(m_folderId, m_uid, m_section, m_data));
}

bool PartDownload::appendToFile(const ImapFetchPartTask *task, const QByteArray &chunk)
{
    if (!m_file) {
        m_file = std::make_unique<QFile>(
                MessagePartLoader::partFilePath(m_store, m_folderId, m_uid, m_section)
                + QStringLiteral(".download"));
        if (!m_file->open(QIODevice::WriteOnly | QIODevice::Truncate))
            return false;
        if (m_file->write(m_data) != m_data.size())
            return false;
        m_data.clear();
    }
    if (task->spoolFile().isNull())
        return m_file->write(chunk) == chunk.size();
    MappedFile spooled;
    if (!spooled.open(task->spoolFile().fileName()))
        return false;
    const QByteArray bytes = spooled.bytes();
    for (qsizetype offset = 0; offset < bytes.size(); offset += FileThreshold) {
        const qsizetype n = qMin<qsizetype>(FileThreshold, bytes.size() - offset);
        if (m_file->write(bytes.constData() + offset, n) != n)
            return false;
    }
    return true;
}

// The download is whole in its file: decoded (where the server did not) into the cache's file
// for the section, a piece at a time.
MailError PartDownload::keepFile()
{
    const QString downloaded = m_file->fileName();
    const bool flushed = m_file->flush();
    m_file->close();
    m_file.reset();
    const QString path = MessagePartLoader::partFilePath(m_store, m_folderId, m_uid, m_section);
    QString reason;
    bool kept = flushed;
    if (kept && !m_binary
        && (m_encoding == TransferEncoding::Kind::Base64
            || m_encoding == TransferEncoding::Kind::QuotedPrintable)) {
        kept = ChunkedTransferDecoder::decodeFile(downloaded, m_encoding, path, &reason);
        QFile::remove(downloaded);
    } else if (kept) {
        QFile::remove(path);
        kept = QFile::rename(downloaded, path);
    }
    if (!kept) {
        QFile::remove(downloaded);
        return MailError(MailError::Kind::Storage,
                         tr("Cannot keep the attachment in the cache at %1 %2")
                                 .arg(path, reason)
                                 .trimmed());
    }
    m_filePath = path;
    return m_store->storeBodyPartFile(m_folderId, m_uid, m_section, path);
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
