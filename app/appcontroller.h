#pragma once

#include "accounts/accountstore.h"
#include "accounts/memorysecretstore.h"
#include "accounts/remotecontentpolicy.h"
#include "accounts/sendingpreferences.h"
#include "models/messagegroups.h"
#include "service/accountservice.h"
#include "service/remoteimagefetcher.h"

#include <QModelIndex>
#include <QObject>
#include <QPointer>
#include <QSettings>

#include <functional>
#include <memory>
#include <utility>

class AccountManager;
class AddressBook;
class RunningAccount;
class ComposerWindow;
class DesktopNotifier;
class DraftKeeper;
class ThreadListModel;
class TrayIndicator;
class FolderIconProxyModel;
class MainWindow;
class MessageWindow;
class OutboxController;
class MessagePresenter;
class SecretStore;
struct ComposeRequest;
struct ComposerDraft;
struct OutboxFollowUp;
struct OutgoingMessage;

// The composition root: builds the settings, account and password stores, the AccountManager
// that runs every account, and the windows, and connects the main window's requests and the
// accounts' questions and reports.
class AppController : public QObject
{
    Q_OBJECT
public:
    explicit AppController(QObject *parent = nullptr);
    ~AppController() override;

    MainWindow *mainWindow() const { return m_window.get(); }
    AddressBook *addressBook() const { return m_people.get(); }
    ComposerWindow *openComposer(const ComposeRequest &request);
    void openAccounts();
    // The address book from and to vCard files; the text says what happened.
    QString importContacts(const QString &path);
    QString exportContacts(const QString &path);
    void openSettings();
    // An .eml file in a window of its own; false (and a message in the status bar) when the
    // file cannot be read.
    bool openMessageFile(const QString &path);
    RemoteContentPolicy *remoteContentPolicy() { return &m_remoteContent; }
    // True when a message is still waiting in some outbox.
    bool hasUnsentMail() const;

private:
    enum class Response { Reply, ReplyAll, ReplyList, Forward };

    // The people written to, for completing recipients (addressbook.sqlite beside the accounts).
    void openAddressBook();
    // Asks for a file, then imports or exports.
    void chooseContactsFile(bool import);
    // Opens the composer answering or forwarding the message on display.
    void respond(Response response);
    // A message of the Drafts folder (or marked \Draft) opens in the composer, once fetched;
    // false for any other message.
    bool openDraft(const QModelIndex &index);
    // Opens the composer with the message on display attached whole, once fetched.
    void forwardAsAttachment();
    // Selects the first account's Inbox while nothing is selected in the folder list.
    void openFirstInbox();
    void connectSession(RunningAccount *session);
    void onFolderSelected(const QModelIndex &index);
    void onMessageSelected(const QModelIndex &index);
    // Shows the open folder of m_current flat or as threads, as the window asks.
    void showMessageModel();
    void showUnifiedInbox();
    // The search field's text in the list it filters: the open folder's, or every folder's
    // (the search results, servers asked too) when the window searches all folders.
    void applySearch();
    // The list of the folder selected in the folder tree, after search results.
    void showFolderList();
    // Brings the window up with the message uid of folderId in the account selected.
    void openNotifiedMessage(const QString &accountId, qint64 folderId, quint32 uid);
    struct SessionMessages
    {
        RunningAccount *session;
        MessageGroup messages;
    };
    // The selected messages per account and folder: the row's own account in the unified
    // Inbox, else the account on display.
    QList<SessionMessages> byFolder(const QItemSelection &selection) const;
    // Moves (copy false) or copies the messages to the folder target, of any account.
    void transferMessages(const QModelIndex &target, const MessageGroup &messages, bool copy);
    void askPassword(RunningAccount *session, AccountService::PasswordReason reason,
                     const QString &detail, bool submission = false);
    // An OAuth 2.0 account must sign in (again) in the browser; detail says why.
    void askSignIn(RunningAccount *session, const QString &detail);
    // The server marks no folder as Trash and none has a usual Trash name: which one is it?
    void askTrashFolder(RunningAccount *session, const QStringList &candidates);
    void askExpungeAll(RunningAccount *session, qint64 folderId, int count, int others);
    // submission: the question comes from the SMTP server (else from IMAP).
    void askTrust(RunningAccount *session, const QList<QSslCertificate> &chain,
                  const QString &reasons, bool submission);
    void showStatus(const QString &message);
    // The whole message of a list row, handed to use once fetched.
    void withWholeMessage(const QModelIndex &row, QObject *context,
                          std::function<void(const QByteArray &)> use);
    // The same as it lies: a large message as a file of the cache, not read into memory.
    void withWholeMessageSource(const QModelIndex &row, QObject *context,
                                std::function<void(const MessageSource &)> use);
    void openInWindow(const QModelIndex &row);
    // Remote content, composing to and searching from an address, for a message window.
    void connectMessageWindow(MessageWindow *window);
    // A composer set up with the accounts and preferences, its draft kept under draftId.
    ComposerWindow *createComposer(const QString &draftId = {});
    void restoreDrafts();
    // replaces: the server's copy the draft was opened from, deleted once this one is stored.
    void uploadDraft(const QString &id, const QString &accountId, const OutgoingMessage &message,
                     const OutboxFollowUp &replaces);

    QSettings m_settings;
    AccountStore m_accounts;
    RemoteContentPolicy m_remoteContent;
    SendingPreferences m_sending {&m_settings}; // the undo-send delay, read at each Send
    RemoteImageFetcher m_remoteImages;
    MemorySecretStore m_sessionSecrets;
    std::unique_ptr<SecretStore> m_primarySecrets;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<AccountManager> m_manager;
    QPointer<RunningAccount> m_current;
    QPointer<RunningAccount> m_undoAccount; // the account whose last move can be undone
    quint32 m_shownUid = 0;
    MessagePresenter *m_display = nullptr;
    std::unique_ptr<FolderIconProxyModel> m_folderIcons;
    std::unique_ptr<AddressBook> m_people;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<OutboxController> m_outbox;
    std::unique_ptr<DraftKeeper> m_drafts;
    std::unique_ptr<TrayIndicator> m_tray;
    std::unique_ptr<DesktopNotifier> m_notifier;
    std::unique_ptr<ThreadListModel> m_threads;
    QPointer<QWidget> m_accountsDialog;
    // The message sent last while it waits out the send delay: Undo takes it back into a
    // composer as it was.
    struct UndoSend
    {
        QPointer<RunningAccount> session;
        QString outboxId;
        QString draftId;
        std::shared_ptr<ComposerDraft> draft;
    };
    UndoSend m_undoSend;
    // Takes back the message of m_undoSend: out of the outbox, into a composer. False when it
    // has left already.
    bool undoSend();
    QPointer<QWidget> m_settingsDialog;
};
