#include "messagepartloader.h"

#include "bodystructuretree.h"
#include "imap/imapconnection.h"
#include "imap/parser/uidset.h"
#include "imap/tasks/imapfetchmetadatatask.h"
#include "imap/tasks/imapfetchparttask.h"
#include "mime/transferencoding.h"
#include "sectionfetchregistry.h"
#include "store/messagestore.h"
#include "sync/bodystructurecodec.h"

#include <QFile>

#include <algorithm>

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
    const StoreResult<BodyPartRecord> cached = store->bodyPart(folderId, uid, section);
    if (!cached)
        return std::nullopt;
    if (!cached.value().isFile())
        return cached.value().data;
    QFile file(cached.value().filePath);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    return file.readAll();
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
    const auto lookup = [store, folderId, uid](const QByteArray &section) {
        return cachedSection(store, folderId, uid, section);
    };
    const MimePart described = BodyStructureTree::build(*structure, lookup);
    const QList<QByteArray> sections = BodyStructureTree::displaySections(described);
    return std::all_of(sections.cbegin(), sections.cend(),
                       [&](const QByteArray &section) { return lookup(section).has_value(); });
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
    return BodyStructureTree::build(m_structure, [this](const QByteArray &section) {
        return cachedSection(m_store, m_folderId, m_uid, section);
    });
}

void MessagePartLoader::fetchMissing()
{
    const MimePart described = buildTree();
    QList<QByteArray> missing;
    for (const QByteArray &section : BodyStructureTree::displaySections(described)) {
        if (!cachedSection(m_store, m_folderId, m_uid, section))
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
