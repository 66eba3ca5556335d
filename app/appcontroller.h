#pragma once

#include "accounts/accountstore.h"
#include "accounts/memorysecretstore.h"

#include <QObject>
#include <QPointer>
#include <QSettings>
#include <QStandardItemModel>
#include <QStringListModel>

#include <memory>

class ComposerWindow;
class FolderIconProxyModel;
class MainWindow;
class SecretStore;
struct ComposeRequest;

// The composition root: builds the settings, account and password stores and the windows, and
// connects the main window's requests to what answers them today. The per-account services
// plug in here once they exist.
class AppController : public QObject
{
    Q_OBJECT
public:
    explicit AppController(QObject *parent = nullptr);
    ~AppController() override;

    MainWindow *mainWindow() const { return m_window.get(); }
    ComposerWindow *openComposer(const ComposeRequest &request);
    void openAccounts();

private:
    void reloadAccounts();
    void showStatus(const QString &message);

    QSettings m_settings;
    AccountStore m_accounts;
    MemorySecretStore m_sessionSecrets;
    std::unique_ptr<SecretStore> m_primarySecrets;
    std::unique_ptr<SecretStore> m_secrets;
    QStandardItemModel m_folders;
    std::unique_ptr<FolderIconProxyModel> m_folderIcons;
    QStandardItemModel m_messages;
    QStringListModel m_addresses;
    std::unique_ptr<MainWindow> m_window;
    QPointer<QWidget> m_accountsDialog;
};
