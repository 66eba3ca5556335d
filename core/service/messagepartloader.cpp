#include "messagepartloader.h"

#include "bodystructuretree.h"
#include "imap/imapconnection.h"
#include "imap/parser/uidset.h"
#include "imap/tasks/imapfetchmetadatatask.h"
#include "imap/tasks/imapfetchparttask.h"
#include "mime/chunkedtransferdecoder.h"
#include "mime/transferencoding.h"
#include "sectionfetchregistry.h"
#include "store/messagestore.h"
#include "sync/bodystructurecodec.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <limits>

namespace {

bool isNumbered(const QByteArray &section)
{
    if (section.isEmpty())
        return false;
    for (char c : section) {
        if (!((c >= '0' && c <= '9') || c == '.'))
            return false;
    }
    return true;
}

// Where a beginning of at most limit bytes of a text ends: after its last line end in the second
// half, else before a UTF-8 sequence the limit would split.
qsizetype textCut(const QByteArray &start, qint64 limit)
{
    if (start.size() < limit)
        return start.size();
    const qsizetype lineEnd = start.lastIndexOf('\n');
    if (lineEnd >= start.size() / 2)
        return lineEnd + 1;
    qsizetype cut = start.size();
    for (int back = 0; back < 3 && cut > 0 && (uchar(start.at(cut - 1)) & 0xC0) == 0x80; ++back)
        --cut;
    if (cut > 0 && uchar(start.at(cut - 1)) >= 0xC0)
        --cut;
    return cut;
}

} // namespace

MessagePartLoader::MessagePartLoader(ImapConnection *connection, MessageStore *store,
                                     qint64 folderId, quint32 uid, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_store(store)
    , m_folderId(folderId)
    , m_uid(uid)
{ }

void MessagePartLoader::setSectionFetches(SectionFetchRegistry *registry)
{
    m_sectionFetches = registry;
}

std::optional<QByteArray> MessagePartLoader::cachedSection(MessageStore *store, qint64 folderId,
                                                           quint32 uid, const QByteArray &section)
{
    qint64 wholeSize = -1;
    return cachedSectionStart(store, folderId, uid, section, std::numeric_limits<qint64>::max(),
                              &wholeSize);
}

QString MessagePartLoader::partFilePath(MessageStore *store, qint64 folderId, quint32 uid,
                                        const QByteArray &section)
{
    return QFileInfo(store->path())
            .absoluteDir()
            .filePath(QStringLiteral("part-%1-%2-%3.bin")
                              .arg(folderId)
                              .arg(uid)
                              .arg(QString::fromLatin1(section.isEmpty() ? "all" : section)));
}

std::optional<QByteArray> MessagePartLoader::cachedSectionStart(MessageStore *store,
                                                                qint64 folderId, quint32 uid,
                                                                const QByteArray &section,
                                                                qint64 limit, qint64 *wholeSize)
{
    *wholeSize = -1;
    const StoreResult<BodyPartRecord> cached = store->bodyPart(folderId, uid, section);
    if (!cached)
        return std::nullopt;
    if (!cached.value().isFile())
        return cached.value().data;
    QFile file(cached.value().filePath);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    if (file.size() <= limit)
        return file.readAll();
    QByteArray start = file.read(limit);
    if (start.size() != limit)
        return std::nullopt;
    start.truncate(textCut(start, limit));
    *wholeSize = file.size();
    return start;
}

std::optional<ImapBodyPart> MessagePartLoader::cachedStructure(MessageStore *store, qint64 folderId,
                                                               quint32 uid)
{
    const StoreResult<MessageRecord> record = store->message(folderId, uid);
    if (!record)
        return std::nullopt;
    return BodyStructureCodec::decode(record.value().bodyStructure);
}

bool MessagePartLoader::isCached(MessageStore *store, qint64 folderId, quint32 uid)
{
    const std::optional<ImapBodyPart> structure = cachedStructure(store, folderId, uid);
    if (!structure)
        return false;
    const MimePart described = displayTree(store, folderId, uid, *structure);
    const QList<QByteArray> sections = BodyStructureTree::displaySections(described);
    return std::all_of(sections.cbegin(), sections.cend(), [&](const QByteArray &section) {
        return hasCachedSection(store, folderId, uid, section);
    });
}

bool MessagePartLoader::isOnline() const
{
    return m_connection && m_connection->state() != ImapConnection::State::Disconnected
           && m_connection->state() != ImapConnection::State::LoggingOut;
}

bool MessagePartLoader::isStillSelected() const
{
    return m_mailbox.isEmpty() || (m_connection && m_connection->selectedMailbox() == m_mailbox);
}

void MessagePartLoader::start()
{
    if (const std::optional<ImapBodyPart> structure = cachedStructure(m_store, m_folderId, m_uid)) {
        m_structure = *structure;
        fetchMissing();
    } else {
        fetchStructure();
    }
}

void MessagePartLoader::fetchStructure()
{
    if (!isOnline()) {
        finish(MailError(MailError::Kind::Network,
                         tr("The message is not cached and the account is offline")));
        return;
    }
    auto *task = new ImapFetchMetadataTask(m_connection, UidSet::fromList({m_uid}), this);
    connect(task, &ImapTask::finished, this, [this, task] {
        task->deleteLater();
        if (task->error()) {
            finish(task->error());
            return;
        }
        if (!isStillSelected()) {
            finish(MailError(MailError::Kind::Protocol,
                             tr("The folder changed while the message was read")));
            return;
        }
        for (const ImapFetch &fetch : task->messages()) {
            if (fetch.uid == m_uid && fetch.bodyStructure) {
                m_structure = *fetch.bodyStructure;
                fetchMissing();
                return;
            }
        }
        finish(MailError(MailError::Kind::Protocol, tr("The message is gone")));
    });
    task->start();
}

MimePart MessagePartLoader::buildTree() const
{
    return displayTree(m_store, m_folderId, m_uid, m_structure);
}

MimePart MessagePartLoader::displayTree(MessageStore *store, qint64 folderId, quint32 uid,
                                        const ImapBodyPart &structure)
{
    // A long text is held by its beginning only; every other part whole.
    QList<std::pair<QByteArray, qint64>> cut;
    MimePart tree = BodyStructureTree::build(structure, [&](const QByteArray &section) {
        const ImapBodyPart *part = structure.findPart(section);
        if (!part || part->type.compare("text", Qt::CaseInsensitive) != 0)
            return cachedSection(store, folderId, uid, section);
        qint64 wholeSize = -1;
        std::optional<QByteArray> start = cachedSectionStart(store, folderId, uid, section,
                                                             DisplayLimit, &wholeSize);
        if (wholeSize >= 0)
            cut.append({section, wholeSize});
        return start;
    });
    for (const auto &[section, wholeSize] : std::as_const(cut)) {
        if (MimePart *part = tree.findSection(section))
            part->setBodyCut(wholeSize);
    }
    return tree;
}

bool MessagePartLoader::hasCachedSection(MessageStore *store, qint64 folderId, quint32 uid,
                                         const QByteArray &section)
{
    const StoreResult<BodyPartRecord> cached = store->bodyPart(folderId, uid, section);
    return cached && (!cached.value().isFile() || QFileInfo::exists(cached.value().filePath));
}

void MessagePartLoader::fetchMissing()
{
    const MimePart described = buildTree();
    QList<QByteArray> missing;
    for (const QByteArray &section : BodyStructureTree::displaySections(described)) {
        if (!hasCachedSection(m_store, m_folderId, m_uid, section))
            missing.append(section);
    }
    if (missing.isEmpty()) {
        m_message = described;
        finish();
        return;
    }
    if (!isOnline()) {
        finish(MailError(MailError::Kind::Network,
                         tr("The message is not cached and the account is offline")));
        return;
    }
    // All requests go out at once; the connection pipelines them. A section fetched already
    // for someone else is waited for instead.
    for (const QByteArray &section : std::as_const(missing)) {
        if (m_sectionFetches
            && !m_sectionFetches->claim(m_folderId, m_uid, section, this, this,
                                        [this](const MailError &error) {
                                            onSectionShared(error);
                                        })) {
            ++m_pending;
            continue;
        }
        fetchSection(section, isNumbered(section));
    }
}

void MessagePartLoader::fetchSection(const QByteArray &section, bool binary)
{
    ++m_pending;
    m_fetched.append(section);
    auto *task = new ImapFetchPartTask(m_connection, m_uid, section, this);
    task->setPreferBinary(binary);
    // An answer from another mailbox would belong to another message.
    task->setMailbox(m_mailbox);
    connect(task, &ImapTask::finished, this, [this, task, section] {
        task->deleteLater();
        onSectionFetched(task, section);
    });
    task->start();
}

void MessagePartLoader::onSectionFetched(ImapFetchPartTask *task, const QByteArray &section)
{
    --m_pending;
    if (task->error()) {
        // BINARY is refused for content the server cannot decode (RFC 3516 UNKNOWN-CTE).
        if (task->isRefused() && task->isBinary() && isOnline() && !m_finished) {
            fetchSection(section, false);
            return;
        }
        // Nothing is cached: NIL, no answer or a refusal leave the section missing.
        releaseSection(section, task->error());
        finish(task->error());
        return;
    }
    if (!task->spoolFile().isNull()) {
        const MailError error = keepSpooled(section, task->spoolFile(), task->isBinary());
        releaseSection(section, error);
        sectionDone(error);
        return;
    }
    QByteArray data = task->data();
    if (isNumbered(section) && !task->isBinary()) {
        const ImapBodyPart *part = m_structure.findPart(section);
        if (part)
            data = TransferEncoding::decode(data, TransferEncoding::fromHeader(part->encoding));
    }
    const MailError error = m_store->storeBodyPart(m_folderId, m_uid, section, data);
    releaseSection(section, error);
    sectionDone(error);
}

MailError MessagePartLoader::keepSpooled(const QByteArray &section, const SpoolFile &spool,
                                         bool decoded)
{
    const QString path = partFilePath(m_store, m_folderId, m_uid, section);
    TransferEncoding::Kind encoding = TransferEncoding::Kind::Binary;
    if (isNumbered(section) && !decoded) {
        if (const ImapBodyPart *part = m_structure.findPart(section))
            encoding = TransferEncoding::fromHeader(part->encoding);
    }
    QString reason;
    bool kept = false;
    if (encoding == TransferEncoding::Kind::Base64
        || encoding == TransferEncoding::Kind::QuotedPrintable) {
        kept = ChunkedTransferDecoder::decodeFile(spool.fileName(), encoding, path, &reason);
    } else {
        SpoolFile file = spool;
        kept = file.keepAs(path);
    }
    if (!kept) {
        return MailError(MailError::Kind::Storage,
                         tr("Cannot keep part %1 of message %2 in the cache at %3 %4")
                                 .arg(QString::fromLatin1(section))
                                 .arg(m_uid)
                                 .arg(path, reason)
                                 .trimmed());
    }
    return m_store->storeBodyPartFile(m_folderId, m_uid, section, path);
}

void MessagePartLoader::onSectionShared(const MailError &error)
{
    --m_pending;
    sectionDone(error);
}

void MessagePartLoader::sectionDone(const MailError &error)
{
    if (error) {
        finish(error);
        return;
    }
    if (m_pending == 0 && !m_finished) {
        m_message = buildTree();
        finish();
    }
}

void MessagePartLoader::releaseSection(const QByteArray &section, const MailError &error)
{
    if (m_sectionFetches)
        m_sectionFetches->release(m_folderId, m_uid, section, error);
}

void MessagePartLoader::finish(const MailError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    QMetaObject::invokeMethod(this, &MessagePartLoader::finished, Qt::QueuedConnection);
}
