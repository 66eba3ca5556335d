#include "outboxstore.h"

#include "common/filelink.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSet>
#include <QUuid>

#include <algorithm>

namespace {

MailError storageError(const QString &what, const QString &detail)
{
    return MailError(MailError::Kind::Storage, what, detail);
}

// Commits only what reached the disk whole. Qt 6.4's QSaveFile::commit() reports success when
// its buffered bytes could not be written (a full disk): it then replaces the target with an
// empty file. Flushing first turns that into an error, and the old file stays.
bool commitWhole(QSaveFile &file)
{
    if (!file.flush()) {
        file.cancelWriting();
        file.commit();
        return false;
    }
    return file.commit();
}

QJsonObject toJson(const OutboxEntry &entry)
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), entry.id);
    o.insert(QStringLiteral("account"), entry.accountId);
    o.insert(QStringLiteral("from"), entry.envelopeFrom);
    o.insert(QStringLiteral("recipients"), QJsonArray::fromStringList(entry.recipients));
    o.insert(QStringLiteral("subject"), entry.subject);
    o.insert(QStringLiteral("state"), OutboxStore::stateName(entry.state));
    o.insert(QStringLiteral("attempts"), entry.attempts);
    o.insert(QStringLiteral("lastError"), entry.lastError);
    o.insert(QStringLiteral("queuedAt"), entry.queuedAt.toUTC().toString(Qt::ISODateWithMs));
    QJsonArray followUps;
    for (const OutboxFollowUp &followUp : entry.followUps) {
        QJsonObject f;
        f.insert(QStringLiteral("action"), int(followUp.action));
        f.insert(QStringLiteral("account"), followUp.accountId);
        f.insert(QStringLiteral("folder"), followUp.folderId);
        f.insert(QStringLiteral("uid"), qint64(followUp.uid));
        followUps.append(f);
    }
    if (!followUps.isEmpty())
        o.insert(QStringLiteral("followUps"), followUps);
    return o;
}

bool fromJson(const QJsonObject &o, OutboxEntry *entry)
{
    bool ok = false;
    entry->id = o.value(QStringLiteral("id")).toString();
    entry->accountId = o.value(QStringLiteral("account")).toString();
    entry->envelopeFrom = o.value(QStringLiteral("from")).toString();
    entry->recipients.clear();
    const QJsonArray recipients = o.value(QStringLiteral("recipients")).toArray();
    for (const QJsonValue &r : recipients)
        entry->recipients.append(r.toString());
    entry->subject = o.value(QStringLiteral("subject")).toString();
    entry->state = OutboxStore::stateFromName(o.value(QStringLiteral("state")).toString(), &ok);
    entry->attempts = o.value(QStringLiteral("attempts")).toInt();
    entry->lastError = o.value(QStringLiteral("lastError")).toString();
    entry->queuedAt = QDateTime::fromString(o.value(QStringLiteral("queuedAt")).toString(),
                                            Qt::ISODateWithMs);
    entry->followUps.clear();
    const QJsonArray followUps = o.value(QStringLiteral("followUps")).toArray();
    for (const QJsonValue &value : followUps) {
        const QJsonObject f = value.toObject();
        OutboxFollowUp followUp;
        const int action = f.value(QStringLiteral("action")).toInt();
        if (action < int(OutboxFollowUp::Action::MarkAnswered)
            || action > int(OutboxFollowUp::Action::DeleteDraft))
            continue;
        followUp.action = OutboxFollowUp::Action(action);
        followUp.accountId = f.value(QStringLiteral("account")).toString();
        followUp.folderId = f.value(QStringLiteral("folder")).toInteger();
        followUp.uid = quint32(f.value(QStringLiteral("uid")).toInteger());
        if (followUp.isValid())
            entry->followUps.append(followUp);
    }
    return ok && !entry->id.isEmpty();
}

} // namespace

OutboxStore::OutboxStore(QString directory)
    : m_directory(std::move(directory))
{ }

MailError OutboxStore::open()
{
    if (!QDir().mkpath(m_directory))
        return storageError(QCoreApplication::translate("OutboxStore",
                                                        "Cannot create the outbox folder"),
                            m_directory);
    const QList<OutboxEntry> all = entries();
    for (OutboxEntry e : all) {
        if (e.state != OutboxEntry::State::Sending)
            continue;
        e.state = OutboxEntry::State::Unknown;
        e.lastError = QCoreApplication::translate(
                "OutboxStore", "Sending was interrupted; the message may have been sent");
        if (MailError error = writeMetadata(e))
            return error;
    }
    return {};
}

MailError OutboxStore::enqueue(OutboxEntry &entry, const QByteArray &message)
{
    entry.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (!entry.queuedAt.isValid())
        entry.queuedAt = QDateTime::currentDateTimeUtc();

    // The bytes first, then the metadata that makes the entry visible: a crash in between
    // leaves only an orphan file, never an entry without its message.
    QSaveFile file(messagePath(entry.id));
    if (!file.open(QIODevice::WriteOnly) || file.write(message) != message.size()
        || !commitWhole(file))
        return storageError(QCoreApplication::translate("OutboxStore",
                                                        "Cannot save the message to the outbox"),
                            file.errorString());
    if (MailError error = writeMetadata(entry)) {
        QFile::remove(messagePath(entry.id));
        return error;
    }
    return {};
}

MailError OutboxStore::enqueue(OutboxEntry &entry,
                               const std::function<MailError(QIODevice *device)> &writeMessage)
{
    entry.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (!entry.queuedAt.isValid())
        entry.queuedAt = QDateTime::currentDateTimeUtc();

    QSaveFile file(messagePath(entry.id));
    if (!file.open(QIODevice::WriteOnly))
        return storageError(QCoreApplication::translate("OutboxStore",
                                                        "Cannot save the message to the outbox"),
                            file.errorString());
    if (MailError error = writeMessage(&file)) {
        file.cancelWriting();
        return error;
    }
    if (!commitWhole(file))
        return storageError(QCoreApplication::translate("OutboxStore",
                                                        "Cannot save the message to the outbox"),
                            file.errorString());
    if (MailError error = writeMetadata(entry)) {
        QFile::remove(messagePath(entry.id));
        return error;
    }
    return {};
}

MailError OutboxStore::update(const OutboxEntry &entry)
{
    if (!QFile::exists(metadataPath(entry.id)))
        return storageError(QCoreApplication::translate("OutboxStore",
                                                        "No such message in the outbox"),
                            entry.id);
    return writeMetadata(entry);
}

MailError OutboxStore::remove(const QString &id)
{
    // Metadata first: once it is gone the entry no longer exists, whatever happens next.
    if (!QFile::remove(metadataPath(id)))
        return storageError(QCoreApplication::translate(
                                    "OutboxStore", "Cannot remove the message from the outbox"),
                            id);
    QFile::remove(messagePath(id));
    return {};
}

QList<OutboxEntry> OutboxStore::entries() const
{
    QList<OutboxEntry> result;
    const QStringList files
            = QDir(m_directory).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString &name : files) {
        QFile file(m_directory + QLatin1Char('/') + name);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        OutboxEntry entry;
        if (fromJson(QJsonDocument::fromJson(file.readAll()).object(), &entry)
            && QFile::exists(messagePath(entry.id)))
            result.append(entry);
    }
    std::stable_sort(result.begin(), result.end(), [](const OutboxEntry &a, const OutboxEntry &b) {
        return a.queuedAt < b.queuedAt;
    });
    return result;
}

OutboxEntry OutboxStore::entry(const QString &id, bool *found) const
{
    OutboxEntry result;
    QFile file(metadataPath(id));
    const bool ok = file.open(QIODevice::ReadOnly)
                    && fromJson(QJsonDocument::fromJson(file.readAll()).object(), &result);
    if (found)
        *found = ok;
    return ok ? result : OutboxEntry();
}

std::unique_ptr<QIODevice> OutboxStore::openMessage(const QString &id) const
{
    auto file = std::make_unique<QFile>(messagePath(id));
    if (!file->open(QIODevice::ReadOnly))
        return nullptr;
    return file;
}

QString OutboxStore::messagePath(const QString &id) const
{
    return m_directory + QLatin1Char('/') + id + QStringLiteral(".eml");
}

QString OutboxStore::metadataPath(const QString &id) const
{
    return m_directory + QLatin1Char('/') + id + QStringLiteral(".json");
}

MailError OutboxStore::writeMetadata(const OutboxEntry &entry)
{
    QSaveFile file(metadataPath(entry.id));
    const QByteArray json = QJsonDocument(toJson(entry)).toJson(QJsonDocument::Compact);
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !commitWhole(file))
        return storageError(QCoreApplication::translate("OutboxStore",
                                                        "Cannot save the outbox state"),
                            file.errorString());
    return {};
}

QString OutboxStore::stateName(OutboxEntry::State state)
{
    switch (state) {
    case OutboxEntry::State::Queued:
        return QStringLiteral("queued");
    case OutboxEntry::State::Sending:
        return QStringLiteral("sending");
    case OutboxEntry::State::Failed:
        return QStringLiteral("failed");
    case OutboxEntry::State::Unknown:
        return QStringLiteral("unknown");
    }
    return QString();
}

OutboxEntry::State OutboxStore::stateFromName(const QString &name, bool *ok)
{
    *ok = true;
    for (auto s : {OutboxEntry::State::Queued, OutboxEntry::State::Sending,
                   OutboxEntry::State::Failed, OutboxEntry::State::Unknown}) {
        if (stateName(s) == name)
            return s;
    }
    *ok = false;
    return OutboxEntry::State::Failed;
}

QString OutboxStore::keptAttachmentsDirectory() const
{
    return m_directory + QStringLiteral("/attached");
}

QString OutboxStore::keepAttachment(const QString &path, const QString &fileName,
                                    MailError *error) const
{
    QString name = fileName.isEmpty() ? QFileInfo(path).fileName() : fileName;
    name.replace(QLatin1Char('/'), QLatin1Char('_'));
    if (name.isEmpty() || name == QStringLiteral(".") || name == QStringLiteral(".."))
        name = QStringLiteral("attachment");
    const QString folder = keptAttachmentsDirectory() + QLatin1Char('/')
                           + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString kept = folder + QLatin1Char('/') + name;
    QString why;
    if (QDir().mkpath(folder) && FileLink::linkOrCopy(path, kept, &why))
        return kept;
    QDir(folder).removeRecursively();
    if (error)
        *error = storageError(QCoreApplication::translate("OutboxStore",
                                                          "Cannot keep the attachment %1")
                                      .arg(name),
                              why);
    return QString();
}

int OutboxStore::removeKeptAttachmentsExcept(const QStringList &inUse) const
{
    QSet<QString> keep;
    for (const QString &path : inUse)
        keep.insert(QFileInfo(path).absolutePath());
    const QDir root(keptAttachmentsDirectory());
    int removed = 0;
    for (const QString &folder : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QString folderPath = QFileInfo(root.filePath(folder)).absoluteFilePath();
        if (keep.contains(folderPath))
            continue;
        if (QDir(folderPath).removeRecursively())
            ++removed;
    }
    return removed;
}
