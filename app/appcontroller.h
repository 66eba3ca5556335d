#pragma once

#include "accounts/accountstore.h"
#include "accounts/memorysecretstore.h"
#include "accounts/remotecontentpolicy.h"
#include "net/remoteimagefetcher.h"
#include "service/accountservice.h"

#include <QObject>
#include <QPointer>
#include <QSettings>
#include <QStringListModel>

#include <functional>
#include <memory>
#include <utility>

class AccountManager;
class RunningAccount;
class ComposerWindow;
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
    ComposerWindow *openComposer(const ComposeRequest &request);
    void openAccounts();
    void openSettings();
    // An .eml file in a window of its own; false (and a message in the status bar) when the
    // file cannot be read.
    bool openMessageFile(const QString &path);
    RemoteContentPolicy *remoteContentPolicy() { return &m_remoteContent; }
    // True when a message is still waiting in some outbox.
    bool hasUnsentMail() const;

private:
    enum class Response { Reply, ReplyAll, Forward };

    // The addresses of the accounts' identities, for completing recipients.
    void updateAddresses();
    // Opens the composer answering or forwarding the message on display.
    void respond(Response response);
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
    struct MessageGroup
    {
        RunningAccount *session;
        qint64 folderId;
        QList<quint32> uids;
    };
    // The UIDs of the given rows per account and folder: the row's own account in the unified
    // Inbox, else the account on display.
    QList<MessageGroup> byFolder(const QModelIndexList &rows) const;
    // sourceAccountId empty: the account on display.
    void moveDropped(const QModelIndex &target, qint64 sourceFolderId, const QList<quint32> &uids,
                     const QString &sourceAccountId);
    void askPassword(RunningAccount *session, AccountService::PasswordReason reason,
                     const QString &detail);
    // submission: the question comes from the SMTP server (else from IMAP).
    void askTrust(RunningAccount *session, const QList<QSslCertificate> &chain,
                  const QString &reasons, bool submission);
    void showStatus(const QString &message);
    // The whole message of a list row, handed to use once fetched.
    void withWholeMessage(const QModelIndex &row, QObject *context,
                          std::function<void(const QByteArray &)> use);
    void openInWindow(const QModelIndex &row);
    // Remote content, composing to and searching from an address, for a message window.
    void connectMessageWindow(MessageWindow *window);
    // A composer set up with the accounts and preferences, its draft kept under draftId.
    ComposerWindow *createComposer(const QString &draftId = {});
    void restoreDrafts();
    void uploadDraft(const QString &id, const QString &accountId, const OutgoingMessage &message);

    QSettings m_settings;
    AccountStore m_accounts;
    RemoteContentPolicy m_remoteContent;
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
    QStringListModel m_addresses;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<OutboxController> m_outbox;
    std::unique_ptr<DraftKeeper> m_drafts;
    std::unique_ptr<TrayIndicator> m_tray;
    std::unique_ptr<ThreadListModel> m_threads;
    QPointer<QWidget> m_accountsDialog;
    QPointer<QWidget> m_settingsDialog;
};
