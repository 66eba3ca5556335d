#pragma once

#include "common/mailerror.h"

#include <QObject>
#include <QPointer>
#include <QString>

class ImapConnection;
class MessageStore;

// Creates, renames, deletes, subscribes and unsubscribes an account's folders: on the server
// first (CREATE, RENAME, DELETE, SUBSCRIBE, UNSUBSCRIBE), then in the cache, which follows only
// what the server did. A renamed folder keeps its cached messages under its new path (the
// folders below it move with it); a deleted folder's messages and bodies leave the cache; a
// created folder is subscribed as well.
//
// What the rules refuse fails at once, before any command, with a message for the user: the
// Inbox and the special folders (Drafts, Sent, Trash, Junk, Archive) are neither renamed nor
// deleted; a name may not be empty or hold the server's hierarchy delimiter; a new name may
// not be taken. What the server refuses ends as finished() with its text.
class FolderEditor : public QObject
{
    Q_OBJECT
public:
    enum class Operation { Create, Rename, Delete, Subscribe, Unsubscribe };
    Q_ENUM(Operation)

    explicit FolderEditor(MessageStore *store, QObject *parent = nullptr);

    // One operation, checked, ready to go.
    struct Change
    {
        Operation operation = Operation::Create;
        qint64 folderId = 0; // 0 for a Create
        QString path; // for a Create, the new folder's
        QString newPath; // for a Rename
    };

    // Each checks what the user asked for against the cache and the rules and fills change;
    // a returned error says why not, for the user.
    // A new folder named name inside parentFolderId, or at the top level for 0.
    MailError planCreate(qint64 parentFolderId, const QString &name, Change *change) const;
    // The folder's last name becomes name; it stays where it is in the hierarchy.
    MailError planRename(qint64 folderId, const QString &name, Change *change) const;
    MailError planDelete(qint64 folderId, Change *change) const;
    MailError planSubscribe(qint64 folderId, bool subscribed, Change *change) const;
    // Whether the folder may be renamed or deleted: the Inbox and the special folders keep
    // their names and stay.
    MailError checkChangeable(qint64 folderId, Operation operation) const;
    // Sends change over connection (a ready session it may use alone until finished(); a
    // folder selected there is left first when it is renamed or deleted), then updates the
    // cache.
    void start(ImapConnection *connection, const Change &change);

    // The server's personal name space (NAMESPACE, RFC 2342): a new top-level folder goes
    // inside its prefix ("INBOX." on servers that keep every folder below the Inbox), with its
    // delimiter. Empty prefix: the top level is the root.
    void setPersonalNamespace(const QString &prefix, QChar delimiter);

    // The path a folder named name gets inside parentFolderId (0: the top level), or why it
    // cannot be created there.
    MailError newFolderPath(qint64 parentFolderId, const QString &name, QString *path) const;

Q_SIGNALS:
    // An operation ended, the cache updated when it succeeded. path: the folder's path before
    // (for Create: the new folder's), newPath: after a Rename. error: the server's refusal or a
    // lost connection, as a message for the user with the server's text.
    void finished(FolderEditor::Operation operation, qint64 folderId, const QString &path,
                  const QString &newPath, const MailError &error);

private:
    // The folder's name as the user knows it, for messages.
    QString displayName(const QString &path, QChar delimiter) const;
    MailError checkName(const QString &name, QChar delimiter) const;
    void run(ImapConnection *connection, Operation operation, qint64 folderId, const QString &path,
             const QString &newPath);
    void send(ImapConnection *connection, Operation operation, qint64 folderId, const QString &path,
              const QString &newPath);
    void done(Operation operation, qint64 folderId, const QString &path, const QString &newPath,
              const MailError &serverError);
    MailError failure(Operation operation, const QString &path, const QString &newPath,
                      const MailError &serverError) const;

    QPointer<MessageStore> m_store;
    QString m_personalPrefix;
    QChar m_personalDelimiter;
};
