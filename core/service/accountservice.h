#pragma once

#include "accountcredentials.h"
#include "accounts/account.h"
#include "common/mailerror.h"
#include "common/messagesource.h"
#include "foldereditor.h"
#include "mime/mimepart.h"
#include "models/messagegroups.h"
#include "oauth/oauth2provider.h"
#include "store/folderrecord.h"
#include "store/messagerecord.h"
#include "store/pendingoperation.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>
#include <utility>

class FolderPush;
class FolderSync;
class FolderTreeModel;
class ImapConnection;
class InboxWatcher;
class MessageListModel;
class MessageReader;
class MessageStore;
class OfflineKeeper;
class OperationQueue;
class OrderedChanges;
class SecretStore;
class Transport;
class TransportFactory;

// Everything one account does, behind one object: its cache, its IMAP session, its folder and
// message models. The UI talks to this facade and to the models, never to a connection or a task.
//
// connectToServer() reads the password from the SecretStore, opens the session, lists the
// folders into the cache, replays the changes made while offline and synchronises the open
// folder; afterwards the connection idles on that folder and unsolicited changes flow into the
// cache and from there into the models. While another folder than the Inbox is open, a second
// session (InboxWatcher) idles on the Inbox, so new mail is seen wherever the user is. A lost
// connection is retried with growing delays; an authentication or certificate refusal is not.
//
// Questions for the user travel up and wait for their answer: a certificate as
// trustRequested() / answerTrust(), a password as passwordRequested() / answerPassword(). A
// password the user typed is stored only once a login with it succeeded.
//
// Changes to messages name their folder and UIDs; they show in the cache at once and reach
// the server through the account's OperationQueue, now or after the next connection. Reads name
// their folder and UID too: what is cached comes from the cache without the network; the rest
// is read on the connection, with the message's folder selected. A read of the folder selected
// goes at once; a read of another folder waits, in order, until neither the synchronisation nor
// the queue uses the connection, selects its folder, and the open folder is selected again
// afterwards by its synchronisation, as after the queue. Transports come from the
// TransportFactory given, so the whole service runs against a scripted server.
class OAuth2TokenManager;

class AccountService : public QObject
{
    Q_OBJECT
public:
    enum class State { Offline, Connecting, Online, Failed };
    Q_ENUM(State)
    using PasswordReason = AccountCredentials::Reason;

    // transports: null for SslTransports; it must outlive the service.
    AccountService(const Account &account, SecretStore *secrets,
                   TransportFactory *transports = nullptr, QObject *parent = nullptr);
    ~AccountService() override;

    // Opens (or creates) the account's cache database at path and creates the models, which
    // read from it at once, so a cached folder is on screen before any network traffic. The
    // models do not exist before.
    MailError openCache(const QString &path);

    Account account() const { return m_account; }
    void setAccount(const Account &account);
    State state() const { return m_state; }
    QString stateDetail() const { return m_stateDetail; }
    MessageStore *store() const { return m_store.get(); }
    FolderTreeModel *folderModel() const { return m_folderModel.get(); }
    MessageListModel *messageModel() const { return m_messageModel.get(); }
    ImapConnection *connection() const { return m_connection.get(); }
    // The session that idles on the Inbox while another folder is open; null when none runs.
    ImapConnection *inboxConnection() const;

    void connectToServer();
    void disconnectFromServer();
    // Shows the folder's cached messages at once and synchronises it when online.
    void openFolder(qint64 folderId);
    qint64 currentFolderId() const { return m_currentFolder; }
    qint64 folderId(FolderRecord::SpecialUse use) const;
    // The cached message with that Message-ID ("<...>") as (folder id, UID): the Inbox's copy
    // first, then one of an ordinary folder, then Archive, Sent, Junk, Trash, Drafts. (0, 0)
    // when none is cached.
    std::pair<qint64, quint32> findMessage(const QByteArray &messageId) const;
    // Synchronises the folder list and the open folder again.
    void refresh();

    // How the counts of the folders not open follow the server while online (FolderPush):
    // NOTIFY where offered, else a STATUS of each subscribed folder every interval; a folder
    // the server reports changed is synchronised in the background when it has cached messages.
    enum class PushMode { Off, Notify, Polling };
    Q_ENUM(PushMode)
    PushMode pushMode() const;
    void setStatusPollInterval(int ms);
    int statusPollInterval() const;

    // Reads of a message of any folder of the account, from the cache or the server; offline,
    // what is not cached fails.
    // The whole message: messageFetched() or messageFetchFailed().
    void fetchMessage(qint64 folderId, quint32 uid);
    // What a reader shows of it (header, text bodies, inline images; no attachments):
    // messagePartsFetched() or messageFetchFailed().
    void fetchDisplayParts(qint64 folderId, quint32 uid);
    // One numbered section (an attachment), decoded: partProgress(), then partFetched() or
    // partFetchFailed().
    void fetchPart(qint64 folderId, quint32 uid, const QByteArray &section);
    // Changes to messages of any folder of the account, at once in the cache, on the server
    // now or after the next connection, in the order they were made.
    void changeFlags(qint64 folderId, const QList<quint32> &uids, MessageRecord::Flags add,
                     MessageRecord::Flags remove);
    void moveMessages(qint64 folderId, const QList<quint32> &uids, qint64 targetFolderId);
    // The same on the messages of a list's selection (MessageGroups::of()). When the group is
    // a whole folder, its UIDs are read on a worker first, and the changes asked for meanwhile
    // wait behind it.
    void changeFlags(const MessageGroup &messages, MessageRecord::Flags add,
                     MessageRecord::Flags remove);
    void moveMessages(const MessageGroup &messages, qint64 targetFolderId);
    void deleteMessages(const MessageGroup &messages);
    // Marks every cached message of the folder read (a folder's "Mark All as Read").
    void markFolderRead(qint64 folderId);
    // Empty Trash, Empty Junk: every cached message of the folder leaves the cache at once, and
    // every message the server has there, cached or not, leaves the server (\Deleted on 1:*,
    // then EXPUNGE), now or after the next connection. Other folders are refused with a
    // message for the user.
    MailError emptyFolder(qint64 folderId);
    // Moves to Trash; in Trash (or without one) marks \Deleted and expunges. When the server
    // marks no folder as Trash and none has a usual Trash name, the user is asked once which
    // folder is Trash (trashFolderRequested()); the deletion waits for answerTrashFolder().
    void deleteMessages(qint64 folderId, const QList<quint32> &uids);
    // Stores a message in a special folder (Sent, Drafts) with the given flags, now or after
    // the next connection. done, when given, hears whether it is kept (a null error): it is
    // written to the account's journal first, so it survives a restart until it is filed.
    void appendMessage(FolderRecord::SpecialUse folder, const QByteArray &message,
                       const QList<QByteArray> &flags,
                       std::function<void(const MailError &)> done = {});
    // The same, unless the folder holds a message with its Message-ID by the time the server is
    // asked (a sent message the submission server filed itself); the answer, for Sent, sets
    // the account's SentFiling if it was not known yet (sentFilingFound()).
    void appendMessageUnlessFiled(FolderRecord::SpecialUse folder, const QByteArray &message,
                                  const QList<QByteArray> &flags,
                                  std::function<void(const MailError &)> done = {});
    // The same two for a message in a file (a large sent message), which is never read whole:
    // the file becomes the journal's, removed once the server stored the message (or refused
    // it). Not kept (done hears an error), it stays the caller's.
    void appendMessage(FolderRecord::SpecialUse folder, const MessageSource &message,
                       const QList<QByteArray> &flags,
                       std::function<void(const MailError &)> done = {});
    void appendMessageUnlessFiled(FolderRecord::SpecialUse folder, const MessageSource &message,
                                  const QList<QByteArray> &flags,
                                  std::function<void(const MailError &)> done = {});
    // Kept as the account's (not stored: the owner of the settings hears sentFilingFound()).
    void setSentFiling(Account::SentFiling filing) { m_account.setSentFiling(filing); }
    // The same, replacing a copy kept before (a draft saved again): uids of replacedFolderId
    // leave the cache at once and the server once the new copy is stored there.
    void replaceMessage(FolderRecord::SpecialUse folder, const QByteArray &message,
                        const QList<QByteArray> &flags, qint64 replacedFolderId,
                        const QList<quint32> &replacedUids,
                        std::function<void(const MailError &)> done = {});
    // Marks \Deleted and expunges, wherever the messages are (a draft that was sent).
    void expungeMessages(qint64 folderId, const QList<quint32> &uids);
    // Changes kept for the server, not confirmed yet.
    int pendingOperationCount() const;

    // For work of the core beside this service that needs the session to itself for a moment
    // (CrossAccountTransfer storing a message here): job runs once nothing else uses the
    // connection, with it, and calls release() when done with it; meanwhile nothing else is
    // sent. Offline, or when the connection is lost before the job's turn, job runs (queued)
    // with a null connection and release() does nothing. A job whose context is gone is dropped.
    using ConnectionJob
            = std::function<void(ImapConnection *connection, std::function<void()> release)>;
    void useConnection(QObject *context, ConnectionJob job);

    // The folders themselves (FolderEditor), online only: each either refuses at once with a
    // message for the user (offline, the Inbox or a special folder, a bad or taken name) or
    // ends with folderChanged(), its error the server's refusal. The cache follows the server
    // (a renamed folder keeps its messages, a deleted one's leave), and the folder list is read
    // again afterwards. Deleting the open folder opens the Inbox.
    using FolderOperation = FolderEditor::Operation;
    // Inside parentFolderId, or at the top level for 0, with the server's hierarchy delimiter.
    MailError createFolder(qint64 parentFolderId, const QString &name);
    // name: the new last part of the folder's path.
    MailError renameFolder(qint64 folderId, const QString &name);
    MailError deleteFolder(qint64 folderId);
    // Why the folder cannot be renamed (deleting false) or deleted, before anything is asked.
    MailError checkFolderChange(qint64 folderId, bool deleting) const;
    MailError setFolderSubscribed(qint64 folderId, bool subscribed);

    // Asks the server too which messages match what a user typed (SearchQuery), a folder at a
    // time as reads are (FolderSearch), in each folder the cache cannot answer for alone: one
    // with messages whose body is not indexed, or not synchronised as far as the server has
    // messages. serverMatches() tells each folder's matches, serverSearchFinished() the end;
    // offline, or with nothing a server can search for, it ends at once. A new search
    // replaces the one running: its folders not asked yet are not asked.
    void searchServer(const QString &text);
    bool isSearchingServer() const { return m_serverSearch.remaining > 0; }

    // Keeps the folder's messages for offline use: their bodies are downloaded and indexed in
    // the background while online (OfflineKeeper), offlineProgress() telling how far.
    void setKeepOffline(qint64 folderId, bool keep);
    bool isKeptOffline(qint64 folderId) const;
    // The folder's name as a user reads it ("Inbox", the last part of its path).
    QString folderName(qint64 folderId) const;

    // The last move or deletion into Trash that reached the server can be taken back: the
    // messages move back to their folder (their new UIDs known from COPYUID).
    bool canUndo() const { return !m_undo.mapping.isEmpty(); }
    void undo();

    // The answer to trashFolderRequested(): the path of the folder to use as Trash, or empty for
    // none (deletions then remove messages for good). Kept in the account
    // (trashFolderChosen()), so the question comes once.
    void answerTrashFolder(const QString &path);
    // The user closed the question unanswered: the waiting deletions are dropped (the messages
    // stay), and the next deletion asks again.
    void cancelTrashQuestion();
    bool isAwaitingTrashFolder() const { return !m_deletesAwaitingTrash.isEmpty(); }

    // The answer to expungeAllRequested(): true removes every message of the folder marked as
    // deleted, false leaves them (the ones of this deletion or move too) marked on the server.
    void answerExpungeAll(bool expungeAll);
    bool isAwaitingExpungeAnswer() const;

    void answerTrust(bool trust);
    // The answer to passwordRequested(); an empty one declines, and the account stays offline.
    void answerPassword(const QString &password);
    // The OAuth 2.0 provider the account signs in with: with one, and an OAuth Authentication
    // choice, the account's secret is an access token the service fetches itself (the refresh
    // token kept in the SecretStore); the question is then passwordRequested(SignInRequired),
    // answered by signIn() or declined by answerPassword() with an empty one. Without, a token
    // is typed like a password.
    void setOAuth2Provider(const std::optional<OAuth2Provider> &provider);
    bool usesOAuth2() const { return bool(m_tokens); }
    // Starts the OAuth 2.0 sign-in in the browser (browserRequested()); also without a question.
    void signIn();
    bool isAwaitingPassword() const;
    // The password the account logs in with (for the submission server): the one given this
    // session, else the stored one. With none stored or the keychain failing, the user is asked
    // (passwordRequested()) and deliver waits for the answer; empty when the user declines.
    void readPassword(QObject *context, std::function<void(const QString &)> deliver);
    // The submission server's password: readPassword()'s when the account has no login of its
    // own for it, else the one kept under Account::submissionSecretId(), asked for as
    // submissionPasswordRequested() when none is known.
    void readSubmissionPassword(QObject *context, std::function<void(const QString &)> deliver);
    // The answer to submissionPasswordRequested(); an empty one declines.
    void answerSubmissionPassword(const QString &password);
    bool isAwaitingSubmissionPassword() const;
    // The submission server accepted or refused the password readSubmissionPassword() gave: a
    // typed one is stored, a refused one forgotten and asked for again.
    void submissionLoginSucceeded();
    void submissionLoginRefused(const QString &serverText);

Q_SIGNALS:
    void stateChanged(AccountService::State state, const QString &detail);
    // The server's certificate did not validate; the session waits for answerTrust().
    void trustRequested(const QList<QSslCertificate> &chain, const QString &reasons);
    // The user trusted a certificate: its SHA-256 fingerprint (hex) should be pinned.
    void certificateTrusted(const QByteArray &hexFingerprint);
    // The session waits for answerPassword().
    void passwordRequested(AccountCredentials::Reason reason, const QString &detail);
    // The OAuth 2.0 sign-in: open url in the system browser.
    void browserRequested(const QUrl &url);
    // The sender waits for answerSubmissionPassword() (only for a submission server with a
    // login of its own).
    void submissionPasswordRequested(AccountCredentials::Reason reason, const QString &detail);
    // No folder is known as Trash: which one is it? candidates are the paths of the account's
    // folders that could be (not the Inbox, none with another special role). Deletions wait for answerTrashFolder().
    void trashFolderRequested(const QStringList &candidates);
    // The first sent message looked for in Sent tells who files the copies of sent messages;
    // the account should keep it.
    void sentFilingFound(Account::SentFiling filing);
    // The user named the Trash folder (empty: none); the account should keep it.
    void trashFolderChosen(const QString &path);
    // The server cannot remove the count messages deleted or moved out of folderId without
    // also removing the others that another program marked as deleted there: remove them all,
    // or leave them all marked? The changes wait for answerExpungeAll(); a connection lost
    // meanwhile withdraws the question (expungeQuestionWithdrawn()), leaving them marked.
    void expungeAllRequested(qint64 folderId, int count, int others);
    void expungeQuestionWithdrawn();
    // Something the user should read in passing ("Moved 3 messages to Archive").
    void notice(const QString &text);
    // canUndo() became true; text says what undo() takes back.
    void undoAvailable(const QString &text);
    void pendingOperationCountChanged(int count);
    // Changes on their way to the server (flags, moves, deletions, copies filed): text says
    // what is being done now, done of total changes of this replay are confirmed; an empty
    // text when none is left or the connection stopped the replay.
    void changesProgress(const QString &text, int done, int total);
    void syncProgress(qint64 done, qint64 total);
    void syncFinished(qint64 folderId, const MailError &error);
    // A large message comes as a file of the cache (MessageSource::isFile()).
    void messageFetched(qint64 folderId, quint32 uid, const MessageSource &message);
    void messageFetchFailed(qint64 folderId, quint32 uid, const MailError &error);
    void messagePartsFetched(qint64 folderId, quint32 uid, const MimePart &message);
    void partProgress(qint64 folderId, quint32 uid, const QByteArray &section, qint64 received,
                      qint64 total);
    void partFetched(qint64 folderId, quint32 uid, const QByteArray &section,
                     const QByteArray &data);
    // A large part: its decoded bytes are the file at path, a file of the cache.
    void partFileFetched(qint64 folderId, quint32 uid, const QByteArray &section,
                         const QString &path);
    void partFetchFailed(qint64 folderId, quint32 uid, const QByteArray &section,
                         const MailError &error);
    void errorOccurred(const MailError &error);
    void serverMatches(qint64 folderId, const QList<quint32> &uids);
    void serverSearchFinished();
    // A folder operation ended (createFolder() and the others): folderId the folder changed
    // (a created one's new id), path its path before, newPath after a rename; error tells the
    // user what the server refused.
    void folderChanged(FolderEditor::Operation operation, qint64 folderId, const QString &path,
                       const QString &newPath, const MailError &error);
    // done of total messages of the folder kept for offline use are here.
    void offlineProgress(qint64 folderId, int done, int total);

private:
    // What changeFlags(), moveMessages() and deleteMessages() do once their turn has come
    // (OrderedChanges).
    void applyFlags(qint64 folderId, const QList<quint32> &uids, MessageRecord::Flags add,
                    MessageRecord::Flags remove);
    void applyMove(qint64 folderId, const QList<quint32> &uids, qint64 targetFolderId);
    void applyDelete(qint64 folderId, const QList<quint32> &uids);
    // Runs change on the group's UIDs after the changes asked for before it.
    void inTurn(const MessageGroup &messages, std::function<void(const QList<quint32> &)> change);
    void setState(State state, const QString &detail = {});
    // Opens the session once the password is known (read, or answered by the user).
    void connectWithPassword();
    void openSession(const QString &password);
    void onReady();
    void onConnectionFailed(const MailError &error);
    // A read of one message: whole, the parts a reader shows, or one section.
    struct Read
    {
        enum class Kind { Whole, Display, Part, Search };
        Kind kind = Kind::Display;
        qint64 folderId = 0;
        quint32 uid = 0;
        QByteArray section;
        quint64 search = 0; // Search: which searchServer() asked
    };
    void requestRead(const Read &read);
    bool isCached(const Read &read) const;
    // Whether a read of folderId may go on the connection now: the folder is selected, and
    // neither the queue nor the synchronisation of another folder uses the connection.
    bool canReadNow(qint64 folderId) const;
    // Online, and nothing (synchronisation, queue, reads) uses the connection.
    bool isConnectionFree() const;
    // Starts the waiting reads that may go now, in order.
    void runReadyReads();
    // runReadyReads(); then, with the connection free, lets the first read that still waits
    // have its folder selected. True when that took the connection.
    bool startWaitingReads();
    void selectForReads(qint64 folderId);
    // Every waiting read goes without the connection: from the cache, or with the offline error.
    void flushWaitingReads();
    void failWaitingReads(qint64 folderId, const MailError &error);
    // connection: null to read from the cache alone.
    void startRead(const Read &read, ImapConnection *connection);
    void searchFolder(const Read &read, ImapConnection *connection, std::function<void()> ended);
    // One folder of server search number search is answered (or could not be asked).
    void endFolderSearch(quint64 search);
    void failRead(const Read &read, const MailError &error);
    // A read that used the connection of session ended; the last one frees the connection.
    void onReadEnded(quint64 session);
    // Tells the folder editor the server's personal name space (NAMESPACE), where offered.
    void readNamespace();
    void listFolders();
    void syncCurrentFolder();
    // Starts the synchronisation of folderId on the connection (the open folder, or one the
    // server reported changed).
    void startSync(qint64 folderId);
    // FolderPush reported a change in a folder.
    void onFolderPushed(qint64 folderId);
    // With the connection free, synchronises the first folder the server reported changed; the
    // open folder is selected again afterwards. True when one started.
    bool syncStaleFolder();
    void scheduleResync();
    void scheduleReconnect();
    void reportTaskError(const MailError &error);
    void reportSkippedMessage(qint64 folderId, quint32 uid, const QString &reason);
    void enqueue(const PendingOperation &operation);
    // Lets the queue replay what it holds when the connection is free for it.
    void runOperations();
    // The queue, or the reads of another folder, left the connection: waiting reads go next,
    // then the open folder is selected again by its synchronisation.
    void onOperationsDrained();
    void onFolderChanged(FolderOperation operation, qint64 folderId, const QString &path,
                         const QString &newPath, const MailError &error);
    // Refuses a folder operation while offline; else keeps it until the connection is free.
    MailError queueFolderChange(const MailError &refused, const FolderEditor::Change &change);
    // Starts the next folder change, else the next job of useConnection(), when the connection
    // is free; true when one runs.
    bool runFolderChanges();
    void onCopyChecked(qint64 folderId, bool found);
    void enqueueAppend(PendingOperation::Kind kind, FolderRecord::SpecialUse folder,
                       const MessageSource &message, const QList<QByteArray> &flags,
                       qint64 replacedFolderId, const QList<quint32> &replacedUids,
                       std::function<void(const MailError &)> done);
    // A job of useConnection() let the connection go.
    void onConnectionJobReleased();
    // Every job waiting for the connection runs without it.
    void failConnectionJobs();
    void onMoved(qint64 sourceFolderId, qint64 targetFolderId,
                 const QList<std::pair<quint32, quint32>> &mapping, int requested);
    // The folder of a mailbox name as selected on the connection; 0 when not cached.
    qint64 folderOfMailbox(const QByteArray &wireName) const;
    // Starts or stops the Inbox watcher for the current state and open folder.
    void updateInboxWatch();
    void onInboxWatchStopped(const MailError &error);
    QByteArray wireName(qint64 folderId) const;
    // Gives the special folders no SPECIAL-USE attribute marks (marked: the roles that are, a
    // bit per FolderRecord::SpecialUse) by their usual names, and Trash by the user's choice.
    void assignSpecialFolders(QList<FolderRecord> &folders, quint32 marked) const;
    // The connection when it can carry commands for the open folder, else null.
    ImapConnection *onlineConnection() const;

    struct Undo
    {
        qint64 sourceFolderId = 0; // where the messages were
        qint64 targetFolderId = 0; // where they are now
        QList<std::pair<quint32, quint32>> mapping;
    };

    Account m_account;
    TransportFactory *m_transports;
    std::unique_ptr<TransportFactory> m_ownTransports;
    SecretStore *m_secrets;
    std::unique_ptr<OAuth2TokenManager> m_tokens;
    std::unique_ptr<AccountCredentials> m_credentials;
    std::unique_ptr<AccountCredentials> m_submissionCredentials;
    std::unique_ptr<MessageStore> m_store;
    std::unique_ptr<OperationQueue> m_operations;
    OrderedChanges *m_changes = nullptr;
    std::unique_ptr<FolderEditor> m_folderEditor;
    // Folder changes waiting for the connection to be free, and whether one uses it: a folder
    // renamed or deleted while a synchronisation or read has it selected breaks the session.
    QList<FolderEditor::Change> m_folderChanges;
    // The jobs of useConnection() waiting for the connection; one running holds it as a folder
    // change does (m_folderChangeRunning).
    struct WaitingJob
    {
        QPointer<QObject> context;
        ConnectionJob job;
    };
    QList<WaitingJob> m_connectionJobs;
    bool m_folderChangeRunning = false;
    // Reads messages for the reads that go (from the cache, or on the connection).
    MessageReader *m_reader = nullptr;
    std::unique_ptr<FolderTreeModel> m_folderModel;
    std::unique_ptr<MessageListModel> m_messageModel;
    std::unique_ptr<InboxWatcher> m_inboxWatcher;
    std::unique_ptr<FolderPush> m_push;
    // Folders with cached messages the server reported changed, to synchronise in turn.
    QList<qint64> m_staleFolders;
    QTimer m_inboxWatchRetryTimer;
    int m_inboxWatchAttempts = 0;
    std::unique_ptr<Transport> m_transport;
    std::unique_ptr<ImapConnection> m_connection;
    qint64 m_selectedFolder = 0; // the folder selected on m_connection
    // Deletions waiting for the answer to trashFolderRequested(): folder and UIDs.
    QList<std::pair<qint64, QList<quint32>>> m_deletesAwaitingTrash;
    Undo m_undo;
    Undo m_undone; // the last move taken back, on its way back
    bool m_undoing = false;
    QPointer<FolderSync> m_sync;
    State m_state = State::Offline;
    QString m_stateDetail;
    qint64 m_currentFolder = 0;
    bool m_wantOnline = false;
    bool m_resyncPending = false;
    int m_reconnectAttempts = 0;
    QTimer m_resyncTimer;
    QTimer m_reconnectTimer;
    struct ServerSearch
    {
        quint64 id = 0;
        QString text;
        int remaining = 0; // folders not answered yet
    };
    ServerSearch m_serverSearch;
    OfflineKeeper *m_offline = nullptr;
    // Reads that wait for their folder to be selected, in the order asked.
    QList<Read> m_waitingReads;
    // Reads (and their SELECT) using the connection of session m_session.
    int m_readsRunning = 0;
    quint64 m_session = 0;
};
