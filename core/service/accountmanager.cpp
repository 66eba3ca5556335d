#include "accountmanager.h"

#include "accounts/accountstore.h"
#include "accountservice.h"
#include "accountsession.h"
#include "models/accountfoldermodel.h"
#include "models/outboxmodel.h"
#include "models/unifiedinboxmodel.h"
#include "newmailmonitor.h"
#include "outbox/messagesender.h"

AccountManager::AccountManager(AccountStore *accounts, SecretStore *secrets,
                               const QString &dataDirectory, TransportFactory *transports,
                               QObject *parent)
    : QObject(parent)
    , m_accounts(accounts)
    , m_secrets(secrets)
    , m_dataDirectory(dataDirectory)
    , m_transports(transports)
    , m_folders(std::make_unique<AccountFolderModel>())
    , m_unified(std::make_unique<UnifiedInboxModel>())
    , m_outbox(std::make_unique<OutboxModel>())
    , m_newMail(std::make_unique<NewMailMonitor>())
{
    connect(m_newMail.get(), &NewMailMonitor::unreadCountChanged, m_folders.get(),
            &AccountFolderModel::setAllInboxesUnread);
    connect(m_outbox.get(), &QAbstractItemModel::modelReset, this,
            [this] { m_folders->setOutboxCount(m_outbox->rowCount()); });
}

AccountManager::~AccountManager()
{
    // The models that span the accounts let go of each session before it goes.
    const QStringList ids = m_sessions.keys();
    for (const QString &id : ids)
        removeSession(id);
}

void AccountManager::start()
{
    if (std::exchange(m_started, true))
        return;
    followStore();
    const QList<Account> accounts = m_accounts->accounts();
    for (int i = 0; i < accounts.size(); ++i)
        addSession(accounts.at(i), i);
}

void AccountManager::followStore()
{
    connect(m_accounts, &AccountStore::accountAdded, this, [this](const QString &id) {
        const QList<Account> accounts = m_accounts->accounts();
        for (int i = 0; i < accounts.size(); ++i) {
            if (accounts.at(i).id() == id)
                addSession(accounts.at(i), i);
        }
    });
    connect(m_accounts, &AccountStore::accountChanged, this, [this](const QString &id) {
        AccountSession *session = m_sessions.value(id);
        const std::optional<Account> account = m_accounts->account(id);
        if (!session || !account)
            return;
        session->service()->setAccount(*account);
        m_folders->setAccountName(id, account->displayName(), account->address());
    });
    connect(m_accounts, &AccountStore::accountRemoved, this, &AccountManager::removeSession);
}

void AccountManager::addSession(const Account &account, int position)
{
    if (m_sessions.contains(account.id()))
        return;
    auto *session = new AccountSession(account, m_secrets, m_transports, m_dataDirectory, this);
    if (MailError error = session->open()) {
        Q_EMIT errorOccurred(tr("The account %1 cannot be opened: %2")
                                     .arg(account.displayName(), error.toString()));
        delete session;
        return;
    }
    m_sessions.insert(account.id(), session);
    AccountService *service = session->service();
    m_folders->addAccount(position, account.id(), account.displayName(), account.address(),
                          service->folderModel());
    connect(service, &AccountService::stateChanged, this,
            [this, id = account.id()](AccountService::State state, const QString &detail) {
                m_folders->setConnectionState(id, int(state), detail);
            });
    m_unified->addAccount(account.id(), service->store());
    m_outbox->addSender(account.id(), session->sender());
    m_newMail->addAccount(account.id(), account.displayName(), service->store());
    Q_EMIT sessionAdded(session);
    service->connectToServer();
}

void AccountManager::removeSession(const QString &accountId)
{
    AccountSession *session = m_sessions.value(accountId);
    if (!session)
        return;
    Q_EMIT sessionAboutToBeRemoved(session);
    m_newMail->removeAccount(accountId);
    m_outbox->removeSender(accountId);
    m_unified->removeAccount(accountId);
    m_folders->removeAccount(accountId);
    m_sessions.remove(accountId);
    delete session;
}

QList<AccountSession *> AccountManager::sessions() const
{
    QList<AccountSession *> ordered;
    for (const Account &account : m_accounts->accounts()) {
        if (AccountSession *session = m_sessions.value(account.id()))
            ordered.append(session);
    }
    return ordered;
}

AccountSession *AccountManager::session(const QString &accountId) const
{
    return m_sessions.value(accountId);
}

bool AccountManager::hasUnsentMail() const
{
    for (AccountSession *session : m_sessions) {
        if (session->sender()->hasUnsent())
            return true;
    }
    return false;
}

void AccountManager::pinCertificate(const QString &accountId, bool submission,
                                    const QByteArray &fingerprint)
{
    AccountSession *session = m_sessions.value(accountId);
    if (!session || fingerprint.isEmpty())
        return;
    const Account pinned = AccountSession::withPinned(session->account(), submission, fingerprint);
    if (MailError error = m_accounts->saveAccount(pinned))
        Q_EMIT errorOccurred(error.toString());
}
