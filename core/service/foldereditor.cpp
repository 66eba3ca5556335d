#include "foldereditor.h"

#include "common/logging.h"
#include "imap/imapconnection.h"
#include "imap/tasks/imapmailboxtask.h"
#include "store/folderrecord.h"
#include "store/messagestore.h"
#include "sync/foldersync.h"

namespace {

void whenFinished(ImapMailboxTask *task, QObject *context,
                  std::function<void(const MailError &)> done)
{
    QObject::connect(task, &ImapTask::finished, context, [task, done] {
        done(task->error());
        task->deleteLater();
    });
    task->start();
}

QString specialName(FolderRecord::SpecialUse use)
{
    switch (use) {
    case FolderRecord::SpecialUse::Inbox:
        return FolderEditor::tr("Inbox");
    case FolderRecord::SpecialUse::Drafts:
        return FolderEditor::tr("Drafts");
    case FolderRecord::SpecialUse::Sent:
        return FolderEditor::tr("Sent");
    case FolderRecord::SpecialUse::Trash:
        return FolderEditor::tr("Trash");
    case FolderRecord::SpecialUse::Junk:
        return FolderEditor::tr("Junk");
    case FolderRecord::SpecialUse::Archive:
        return FolderEditor::tr("Archive");
    case FolderRecord::SpecialUse::None:
        break;
    }
    return QString();
}

} // namespace

FolderEditor::FolderEditor(MessageStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{ }

QString FolderEditor::displayName(const QString &path, QChar delimiter) const
{
    if (FolderRecord::isInboxPath(path))
        return tr("Inbox");
    return delimiter.isNull() ? path : path.section(delimiter, -1);
}

MailError FolderEditor::checkName(const QString &name, QChar delimiter) const
{
    if (name.trimmed().isEmpty())
        return MailError(MailError::Kind::Policy, tr("A folder needs a name."));
    if (!delimiter.isNull() && name.contains(delimiter)) {
        return MailError(MailError::Kind::Policy,
                         tr("A folder name cannot contain “%1”: the server separates folders "
                            "inside others with it.")
                                 .arg(delimiter));
    }
    return {};
}

MailError FolderEditor::checkChangeable(qint64 folderId, Operation operation) const
{
    const StoreResult<FolderRecord> found = m_store->folder(folderId);
    if (!found)
        return MailError(MailError::Kind::Policy, tr("This is not a folder of the account."));
    const FolderRecord &folder = found.value();
    const bool deleting = operation == Operation::Delete;
    if (folder.isInbox()) {
        return MailError(MailError::Kind::Policy, deleting ? tr("The Inbox cannot be deleted.")
                                                           : tr("The Inbox cannot be renamed."));
    }
    if (folder.specialUse != FolderRecord::SpecialUse::None) {
        const QString name = displayName(folder.path, folder.delimiter);
        const QString role = specialName(folder.specialUse);
        return MailError(MailError::Kind::Policy,
                         deleting ? tr("“%1” is the account's %2 folder and cannot be deleted.")
                                            .arg(name, role)
                                  : tr("“%1” is the account's %2 folder and cannot be renamed.")
                                            .arg(name, role));
    }
    return {};
}

void FolderEditor::setPersonalNamespace(const QString &prefix, QChar delimiter)
{
    m_personalPrefix = prefix;
    m_personalDelimiter = delimiter;
}

MailError FolderEditor::newFolderPath(qint64 parentFolderId, const QString &name,
                                      QString *path) const
{
    const StoreResult<QList<FolderRecord>> folders = m_store->folders();
    if (!folders)
        return folders.error();
    QChar delimiter;
    QString prefix;
    if (parentFolderId != 0) {
        const StoreResult<FolderRecord> parent = m_store->folder(parentFolderId);
        if (!parent)
            return MailError(MailError::Kind::Policy, tr("This is not a folder of the account."));
        delimiter = parent.value().delimiter;
        if (delimiter.isNull()) {
            return MailError(MailError::Kind::Policy,
                             tr("The server keeps no folders inside other folders."));
        }
        if (parent.value().attributes.contains(QLatin1String("\\Noinferiors"),
                                               Qt::CaseInsensitive)) {
            return MailError(MailError::Kind::Policy,
                             tr("The server keeps no folders inside “%1”.")
                                     .arg(displayName(parent.value().path, delimiter)));
        }
        prefix = parent.value().path + delimiter;
    } else {
        // The top level's delimiter is the one the server uses everywhere (the Inbox's first).
        for (const FolderRecord &folder : folders.value()) {
            if (!folder.delimiter.isNull() && (delimiter.isNull() || folder.isInbox()))
                delimiter = folder.delimiter;
        }
        // Inside the personal name space: "INBOX.Projects" where it is "INBOX.".
        if (!m_personalPrefix.isEmpty()) {
            if (!m_personalDelimiter.isNull())
                delimiter = m_personalDelimiter;
            prefix = m_personalPrefix;
        }
    }
    const QString trimmed = name.trimmed();
    if (MailError error = checkName(trimmed, delimiter))
        return error;
    const QString result = prefix + trimmed;
    for (const FolderRecord &folder : folders.value()) {
        if (folder.path == result
            || (FolderRecord::isInboxPath(result) && FolderRecord::isInboxPath(folder.path))) {
            return MailError(MailError::Kind::Policy,
                             tr("A folder “%1” already exists there.").arg(trimmed));
        }
    }
    *path = result;
    return {};
}

MailError FolderEditor::planCreate(qint64 parentFolderId, const QString &name, Change *change) const
{
    QString path;
    if (MailError error = newFolderPath(parentFolderId, name, &path))
        return error;
    *change = {Operation::Create, 0, path, QString()};
    return {};
}

MailError FolderEditor::planRename(qint64 folderId, const QString &name, Change *change) const
{
    if (MailError error = checkChangeable(folderId, Operation::Rename))
        return error;
    const FolderRecord folder = m_store->folder(folderId).value();
    const QString trimmed = name.trimmed();
    if (MailError error = checkName(trimmed, folder.delimiter))
        return error;
    const qsizetype cut = folder.delimiter.isNull() ? -1
                                                    : folder.path.lastIndexOf(folder.delimiter);
    const QString newPath = folder.path.left(cut + 1) + trimmed;
    if (newPath == folder.path)
        return MailError(MailError::Kind::Policy, tr("The folder already has this name."));
    // A name taken in the cache is left for the server to refuse: the cache may be behind it.
    *change = {Operation::Rename, folderId, folder.path, newPath};
    return {};
}

MailError FolderEditor::planDelete(qint64 folderId, Change *change) const
{
    if (MailError error = checkChangeable(folderId, Operation::Delete))
        return error;
    *change = {Operation::Delete, folderId, m_store->folder(folderId).value().path, QString()};
    return {};
}

MailError FolderEditor::planSubscribe(qint64 folderId, bool subscribed, Change *change) const
{
    const StoreResult<FolderRecord> folder = m_store->folder(folderId);
    if (!folder)
        return MailError(MailError::Kind::Policy, tr("This is not a folder of the account."));
    *change = {subscribed ? Operation::Subscribe : Operation::Unsubscribe, folderId,
               folder.value().path, QString()};
    return {};
}

void FolderEditor::start(ImapConnection *connection, const Change &change)
{
    run(connection, change.operation, change.folderId, change.path, change.newPath);
}

void FolderEditor::run(ImapConnection *connection, Operation operation, qint64 folderId,
                       const QString &path, const QString &newPath)
{
    // Dovecot calls the session inconsistent once the mailbox it has selected is renamed or
    // deleted underneath it: the folder, or one below it, is left first (without expunging).
    const QByteArray selected = connection->selectedMailbox();
    const QByteArray wire = FolderSync::wireName(connection, path);
    const StoreResult<FolderRecord> folder = m_store->folder(folderId);
    const QChar delimiter = folder ? folder.value().delimiter : QChar();
    const QByteArray below = delimiter.isNull() ? QByteArray()
                                                : QByteArray(wire + QString(delimiter).toUtf8());
    const bool leavesSelected = (operation == Operation::Rename || operation == Operation::Delete)
                                && !selected.isEmpty()
                                && (selected == wire
                                    || (!below.isEmpty() && selected.startsWith(below)));
    if (leavesSelected && connection->hasCapability("UNSELECT")) {
        auto *unselect = new ImapMailboxTask(connection, ImapMailboxTask::Operation::Unselect,
                                             QByteArray(), QByteArray(), this);
        QPointer<ImapConnection> session(connection);
        whenFinished(unselect, this,
                     [this, session, operation, folderId, path, newPath](const MailError &error) {
                         if (error || !session) {
                             done(operation, folderId, path, newPath,
                                  error ? error
                                        : MailError(MailError::Kind::Network,
                                                    tr("The connection was closed.")));
                             return;
                         }
                         send(session, operation, folderId, path, newPath);
                     });
        return;
    }
    send(connection, operation, folderId, path, newPath);
}

void FolderEditor::send(ImapConnection *connection, Operation operation, qint64 folderId,
                        const QString &path, const QString &newPath)
{
    using Task = ImapMailboxTask::Operation;
    static constexpr Task tasks[] = {Task::Create, Task::Rename, Task::Delete, Task::Subscribe,
                                     Task::Unsubscribe};
    auto *task = new ImapMailboxTask(connection, tasks[int(operation)],
                                     FolderSync::wireName(connection, path),
                                     FolderSync::wireName(connection, newPath), this);
    QPointer<ImapConnection> session(connection);
    whenFinished(task, this,
                 [this, session, operation, folderId, path, newPath](const MailError &error) {
                     if (error || operation != Operation::Create || !session) {
                         done(operation, folderId, path, newPath, error);
                         return;
                     }
                     // A new folder is subscribed too, so it shows wherever subscribed
                     // folders do; it exists either way.
                     auto *subscribe = new ImapMailboxTask(session, Task::Subscribe,
                                                           FolderSync::wireName(session, path),
                                                           QByteArray(), this);
                     whenFinished(subscribe, this, [this, path](const MailError &refused) {
                         if (refused)
                             qCInfo(lcImap) << "new folder not subscribed:" << refused.toString();
                         done(Operation::Create, 0, path, QString(), {});
                     });
                 });
}

void FolderEditor::done(Operation operation, qint64 folderId, const QString &path,
                        const QString &newPath, const MailError &serverError)
{
    if (serverError || !m_store) {
        Q_EMIT finished(operation, folderId, path, newPath,
                        failure(operation, path, newPath, serverError));
        return;
    }
    MailError error;
    switch (operation) {
    case Operation::Create: {
        FolderRecord folder;
        folder.path = path;
        // The delimiter of the folders around it; LIST tells the rest on the next listing.
        const StoreResult<QList<FolderRecord>> folders = m_store->folders();
        for (const FolderRecord &other : folders.value()) {
            if (!other.delimiter.isNull() && (folder.delimiter.isNull() || other.isInbox()))
                folder.delimiter = other.delimiter;
        }
        folder.subscribed = true;
        const StoreResult<qint64> id = m_store->upsertFolder(folder);
        if (id)
            folderId = id.value();
        else
            error = id.error();
        break;
    }
    case Operation::Rename:
        error = m_store->renameFolder(folderId, newPath);
        break;
    case Operation::Delete:
        error = m_store->removeFolder(folderId);
        break;
    case Operation::Subscribe:
    case Operation::Unsubscribe:
        error = m_store->setFolderSubscribed(folderId, operation == Operation::Subscribe);
        break;
    }
    Q_EMIT finished(operation, folderId, path, newPath, error);
}

MailError FolderEditor::failure(Operation operation, const QString &path, const QString &newPath,
                                const MailError &serverError) const
{
    QChar delimiter;
    if (m_store) {
        if (const StoreResult<FolderRecord> folder = m_store->folderByPath(path))
            delimiter = folder.value().delimiter;
    }
    const QString name = displayName(path, delimiter);
    QString message;
    switch (operation) {
    case Operation::Create:
        message = tr("The folder “%1” could not be created.").arg(path);
        break;
    case Operation::Rename:
        message = tr("The folder “%1” could not be renamed to “%2”.")
                          .arg(name, displayName(newPath, delimiter));
        break;
    case Operation::Delete:
        message = tr("The folder “%1” could not be deleted.").arg(name);
        break;
    case Operation::Subscribe:
        message = tr("The folder “%1” could not be subscribed to.").arg(name);
        break;
    case Operation::Unsubscribe:
        message = tr("The folder “%1” could not be unsubscribed from.").arg(name);
        break;
    }
    const QString server = serverError.serverText().isEmpty() ? serverError.message()
                                                              : serverError.serverText();
    return MailError(serverError ? serverError.kind() : MailError::Kind::Storage, message, server);
}
