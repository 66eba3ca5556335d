#pragma once

#include "common/mailerror.h"
#include "models/messagegroups.h"
#include "store/transferrecord.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <optional>

class AccountService;
class ImapConnection;

// Copies and moves messages from a folder of one account into a folder of another: each is
// read from the source (its cache or server), stored in the target with APPEND keeping its
// flags and internal date, and, for a move, only then marked deleted and expunged in the source
// (through the source's operation queue, so that too survives a restart).
//
// Every message is written to the source account's cache (TransferJournal) before anything is
// sent, and its stage is kept there: a restart (or a lost connection) resumes it. One whose
// APPEND may have reached the target is first looked for there by its Message-ID, so it is
// not stored twice; one without a Message-ID is then left in the source and the user told it
// may be in both places. What the target refuses (the folder is gone, the server says NO) or
// what the source no longer has is dropped with an error: the message stays where it was.
// Messages whose account is offline wait until it is connected again.
//
// One message is on its way at a time, in the order asked; progress() counts them.
class CrossAccountTransfer : public QObject
{
    Q_OBJECT
public:
    // The service of an account by its id, null when there is none (any more).
    using ServiceLookup = std::function<AccountService *(const QString &accountId)>;
    explicit CrossAccountTransfer(ServiceLookup services, QObject *parent = nullptr);
    ~CrossAccountTransfer() override;

    // Follows the account's service (its fetched messages, its connection) and resumes what its
    // journal holds. Called once per account, when it starts.
    void addAccount(const QString &accountId);
    // The account stops: what it was sending waits in its journal for the next start.
    void removeAccount(const QString &accountId);

    // Copies (move false) or moves the messages uids of folderId in sourceAccountId into the
    // folder targetFolderId of targetAccountId. Refused at once, with a message for the user,
    // when an account or folder is unknown or the journal cannot be written.
    MailError transfer(const QString &sourceAccountId, qint64 folderId, const QList<quint32> &uids,
                       const QString &targetAccountId, qint64 targetFolderId, bool move);
    // The same for a group of messages. Those of a whole folder (MessageGroup::wholeFolder) are
    // the ones its cache holds now, their UIDs read on a worker first: a failure to read them
    // comes as errorOccurred().
    MailError transfer(const QString &sourceAccountId, const MessageGroup &messages,
                       const QString &targetAccountId, qint64 targetFolderId, bool move);

    // Messages asked for and not done yet, the one on its way included.
    int remaining() const;
    bool isBusy() const { return remaining() > 0; }

Q_SIGNALS:
    // done of total messages since the work began; done == total when all are done. Messages
    // waiting for an account to connect count as not done.
    void progress(int done, int total);
    // Something the user should read in passing ("Moved 3 messages to bob: Archive").
    void notice(const QString &text);
    // A message could not be copied or moved; where it stays is said.
    void errorOccurred(const MailError &error);

private:
    struct Item
    {
        QString sourceAccountId;
        TransferRecord record;
    };
    struct Active
    {
        Item item;
        QByteArray message;
        QList<QByteArray> flags;
        QDateTime internalDate;
        QString subject;
    };

    void next();
    void read();
    void onFetched(const QString &accountId, qint64 folderId, quint32 uid,
                   const QByteArray &message);
    void onFetchFailed(const QString &accountId, qint64 folderId, quint32 uid,
                       const MailError &error);
    // The APPEND may have reached the target before: is it there by its Message-ID?
    void lookForCopy();
    void append();
    void onAppended(const MailError &error);
    // The target has the message: the source lets it go (a move), the entry goes.
    void finish();
    // The active message waits for its accounts to connect.
    void park();
    // The active message is dropped from the journal, with error for the user.
    void drop(const MailError &error);
    void done();
    void removeEntry(const Item &item);
    // The target folder's path and its account's service, or null.
    AccountService *source(const Item &item) const;
    AccountService *target(const Item &item) const;
    qint64 targetFolderId(const Item &item) const;
    QString describe(const Item &item) const;
    void emitProgress();

    ServiceLookup m_services;
    QHash<QString, QPointer<AccountService>> m_followed;
    QList<Item> m_queue; // in order; the active one not included
    QList<Item> m_parked; // waiting for an account to connect
    std::optional<Active> m_active;
    int m_done = 0;
    int m_total = 0;
    int m_moved = 0;
    int m_copied = 0;
};
