#pragma once

#include "common/mailerror.h"
#include "outbox/outboxentry.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>
#include <memory>

class QIODevice;

// The durable send queue: a folder holding, per message, its bytes (<id>.eml) and its state
// (<id>.json). A message is written to disk, completely and atomically, before any network step,
// so nothing the user asked to send is lost by a crash, a quit or a failed connection.
//
// A message found in state Sending when the store opens was interrupted mid-submission; it is
// moved to Unknown, never silently back to Queued, so it cannot be sent twice without the user
// deciding so.
class OutboxStore
{
public:
    explicit OutboxStore(QString directory);

    // Creates the folder if needed and recovers interrupted submissions.
    MailError open();

    // Persists a new message; on success entry.id is set.
    MailError enqueue(OutboxEntry &entry, const QByteArray &message);
    // The same, with the bytes produced by writeMessage into the (not yet committed) file, so a
    // large message is never held in memory whole. Nothing is kept when it returns an error.
    MailError enqueue(OutboxEntry &entry,
                      const std::function<MailError(QIODevice *device)> &writeMessage);
    MailError update(const OutboxEntry &entry);
    MailError remove(const QString &id);

    QList<OutboxEntry> entries() const; // oldest first
    OutboxEntry entry(const QString &id, bool *found = nullptr) const;
    // The message bytes, opened for reading; null when missing.
    std::unique_ptr<QIODevice> openMessage(const QString &id) const;
    QString messagePath(const QString &id) const;

    // A file of the outbox's own that names the bytes of path (a hard link, or a copy on another
    // file system), called fileName in a folder of its own under attached/: what the composer
    // attaches instead of a file that may go before the message is sent (a file of the cache,
    // which goes when its message is moved or deleted). Empty (error set) when it cannot be made.
    QString keepAttachment(const QString &path, const QString &fileName,
                           MailError *error = nullptr) const;
    // Removes the kept attachments no path of inUse names (no draft holds them, no composer
    // is open); returns how many went.
    int removeKeptAttachmentsExcept(const QStringList &inUse) const;
    QString keptAttachmentsDirectory() const;

    static QString stateName(OutboxEntry::State state);
    static OutboxEntry::State stateFromName(const QString &name, bool *ok);

private:
    QString metadataPath(const QString &id) const;
    MailError writeMetadata(const OutboxEntry &entry);

    QString m_directory;
};
