#pragma once

#include "accounts/accountstore.h"
#include "accounts/memorysecretstore.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSettings>
#include <QStandardItemModel>
#include <QStringListModel>

#include <memory>

class AccountSession;
class ComposerWindow;
class FolderIconProxyModel;
class MainWindow;
class MessageDisplay;
class SecretStore;
struct ComposeRequest;

// The composition root: builds the settings, account and password stores, one AccountSession
// per account, and the windows, and connects the main window's requests to the sessions.
class AppController : public QObject
{
    Q_OBJECT
public:
    enum FolderRole { AccountIdRole = Qt::UserRole + 100, FolderIdRole, SpecialUseRole };

    explicit AppController(QObject *parent = nullptr);
    ~AppController() override;

    MainWindow *mainWindow() const { return m_window.get(); }
    ComposerWindow *openComposer(const ComposeRequest &request);
    void openAccounts();
    // True when a message is still waiting in some outbox.
    bool hasUnsentMail() const;

private:
    enum class Response { Reply, ReplyAll, Forward };

    void reloadAccounts();
    // Opens the composer answering or forwarding the message on display.
    void respond(Response response);
    void rebuildFolders();
    void connectSession(AccountSession *session);
    void onFolderSelected(const QModelIndex &index);
    void onMessageSelected(const QModelIndex &index);
    void askPassword(AccountSession *session);
    // submission: the question comes from the SMTP server (else from IMAP).
    void askTrust(AccountSession *session, const QList<QSslCertificate> &chain,
                  const QString &reasons, bool submission);
    QList<quint32> uidsOf(const QModelIndexList &indexes) const;
    void showStatus(const QString &message);

    QSettings m_settings;
    AccountStore m_accounts;
    MemorySecretStore m_sessionSecrets;
    std::unique_ptr<SecretStore> m_primarySecrets;
    std::unique_ptr<SecretStore> m_secrets;
    QHash<QString, AccountSession *> m_sessions;
    QPointer<AccountSession> m_current;
    quint32 m_shownUid = 0;
    MessageDisplay *m_display = nullptr;
    QStandardItemModel m_folders;
    std::unique_ptr<FolderIconProxyModel> m_folderIcons;
    QStringListModel m_addresses;
    std::unique_ptr<MainWindow> m_window;
    QPointer<QWidget> m_accountsDialog;
};
