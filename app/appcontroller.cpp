#include "appcontroller.h"

#include "accountlistdialog.h"
#include "accounts/fallbacksecretstore.h"
#include "accounts/filesecretstore.h"
#include "accounts/keychainsecretstore.h"
#include "addresslist.h"
#include "composerequest.h"
#include "composerwindow.h"
#include "foldericonproxymodel.h"
#include "icons.h"
#include "mainwindow.h"
#include "statusarea.h"

#include <QStatusBar>
#include <QTreeView>

AppController::AppController(QObject *parent)
    : QObject(parent)
    , m_accounts(&m_settings)
    , m_folderIcons(std::make_unique<FolderIconProxyModel>())
    , m_window(std::make_unique<MainWindow>(&m_settings))
{
    // Passwords: the demo's private file when HERON_DEMO_PASSWORD_FILE names one; otherwise the
    // system keychain, falling back to memory for this session when no keychain answers.
    const QString demoFile = FileSecretStore::pathFromEnvironment();
    if (!demoFile.isEmpty()) {
        m_secrets = std::make_unique<FileSecretStore>(demoFile);
    } else {
        m_primarySecrets = std::make_unique<KeychainSecretStore>(QStringLiteral("heron"));
        m_secrets = std::make_unique<FallbackSecretStore>(m_primarySecrets.get(), &m_sessionSecrets);
    }

    m_messages.setHorizontalHeaderLabels({tr("Subject"), tr("From"), tr("Date"), tr("Size")});
    m_folderIcons->setSourceModel(&m_folders);
    m_window->setFolderModel(m_folderIcons.get());
    m_window->setMessageModel(&m_messages);

    connect(m_window.get(), &MainWindow::newMessageRequested, this,
            [this] { openComposer(ComposeRequest()); });
    connect(m_window.get(), &MainWindow::accountsRequested, this, &AppController::openAccounts);
    const QString notYet = tr("Not available yet: no mail service is connected.");
    connect(m_window.get(), &MainWindow::refreshRequested, this,
            [this, notYet] { showStatus(notYet); });
    for (auto signal : {&MainWindow::replyRequested, &MainWindow::replyAllRequested,
                        &MainWindow::forwardRequested})
        connect(m_window.get(), signal, this, [this, notYet] { showStatus(notYet); });
    connect(&m_accounts, &AccountStore::changed, this, &AppController::reloadAccounts);
    reloadAccounts();
}

AppController::~AppController() = default;

void AppController::reloadAccounts()
{
    m_folders.clear();
    QStringList addresses;
    for (const Account &account : m_accounts.accounts()) {
        // Every IMAP account has an INBOX; the other folders come with the account's service.
        auto *accountItem = new QStandardItem(Icons::icon(QStringLiteral("accounts")),
                                              account.displayName());
        accountItem->setToolTip(account.address());
        accountItem->appendRow(
                new QStandardItem(Icons::icon(QStringLiteral("inbox")), tr("Inbox")));
        m_folders.appendRow(accountItem);
        m_window->statusArea()->setConnectionState(account.id(), account.displayName(),
                                                   StatusArea::ConnectionState::Offline);
        for (const Identity &identity : account.identities())
            addresses.append(AddressList::format(MailAddress {identity.name, identity.address}));
    }
    m_addresses.setStringList(addresses);
    m_window->folderView()->expandAll();
}

void AppController::showStatus(const QString &message)
{
    m_window->statusBar()->showMessage(message, 8000);
}

ComposerWindow *AppController::openComposer(const ComposeRequest &request)
{
    auto *composer = new ComposerWindow;
    composer->setAttribute(Qt::WA_DeleteOnClose);
    composer->setAccounts(m_accounts.accounts());
    composer->setAddressModel(&m_addresses);
    composer->setRichText(m_settings.value(QStringLiteral("composer/richText"), false).toBool());
    composer->applyRequest(request);
    connect(composer, &ComposerWindow::sendRequested, composer, [composer] {
        composer->statusBar()->showMessage(
                tr("Not sent: no mail service is connected yet. The message stays open."), 10000);
    });
    composer->show();
    return composer;
}

void AppController::openAccounts()
{
    if (m_accountsDialog) {
        m_accountsDialog->raise();
        m_accountsDialog->activateWindow();
        return;
    }
    auto *dialog = new AccountListDialog(&m_accounts, m_secrets.get(), m_window.get());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &AccountListDialog::saveFailed, this, &AppController::showStatus);
    m_accountsDialog = dialog;
    dialog->open();
    if (m_accounts.accounts().isEmpty())
        dialog->addAccount();
}
