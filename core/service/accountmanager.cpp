#include "accountmanager.h"

#include "accounts/accountstore.h"
#include "accountservice.h"
#include "crossaccounttransfer.h"
#include "models/accountfoldermodel.h"
#include "models/outboxmodel.h"
#include "models/searchresultsmodel.h"
#include "models/unifiedinboxmodel.h"
#include "newmailmonitor.h"
#include "oauth/oauth2providers.h"
#include "outbox/messagesender.h"
#include "runningaccount.h"

#include <QSettings>

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
    , m_search(std::make_unique<SearchResultsModel>())
    , m_transfers(std::make_unique<CrossAccountTransfer>([this](const QString &accountId) {
        RunningAccount *running = m_running.value(accountId);
        return running ? running->service() : nullptr;
    }))
{
    m_serverSearchTimer.setSingleShot(true);
    m_serverSearchTimer.setInterval(serverSearchDelayMs);
    connect(&m_serverSearchTimer, &QTimer::timeout, this, [this] {
        for (RunningAccount *running : std::as_const(m_running))
            running->service()->searchServer(m_search->searchText());
        updateServerSearching();
    });
    connect(m_search.get(), &SearchResultsModel::searchFinished, this,
            &AccountManager::updateServerSearching);
    connect(m_newMail.get(), &NewMailMonitor::unreadCountChanged, m_folders.get(),
            &AccountFolderModel::setAllInboxesUnread);
    connect(m_outbox.get(), &QAbstractItemModel::modelReset, this,
            [this] { m_folders->setOutboxCount(m_outbox->rowCount()); });
}

std::optional<OAuth2Provider> AccountManager::oauth2Provider(const Account &account) const
{
    if (!isOAuthMechanism(account.authMethod()))
        return std::nullopt;
    const QSettings *settings = m_accounts->settings();
    std::optional<OAuth2Provider> provider
            = account.oauthProvider().isEmpty()
                      ? OAuth2Providers::forAccount(account.address(), account.imapHost(), settings)
                      : OAuth2Providers::find(account.oauthProvider(), settings);
    // Without a client ID there is no sign-in: the token is typed, as the dialog explains.
    if (provider && !provider->hasClientId())
        return std::nullopt;
    return provider;
}

AccountManager::~AccountManager()
{
    // The models that span the accounts let go of each account before it goes.
    const QStringList ids = m_running.keys();
    for (const QString &id : ids)
        stopAccount(id);
}

void AccountManager::start()
{
    if (std::exchange(m_started, true))
        return;
    followStore();
    const QList<Account> accounts = m_accounts->accounts();
    for (int i = 0; i < accounts.size(); ++i)
        startAccount(accounts.at(i), i);
}

void AccountManager::followStore()
{
    connect(m_accounts, &AccountStore::accountAdded, this, [this](const QString &id) {
        const QList<Account> accounts = m_accounts->accounts();
        for (int i = 0; i < accounts.size(); ++i) {
            if (accounts.at(i).id() == id)
                startAccount(accounts.at(i), i);
        }
    });
    connect(m_accounts, &AccountStore::accountChanged, this, [this](const QString &id) {
        RunningAccount *running = m_running.value(id);
        const std::optional<Account> account = m_accounts->account(id);
        if (!running || !account)
            return;
        running->service()->setAccount(*account);
        running->service()->setOAuth2Provider(oauth2Provider(*account));
        m_folders->setAccountName(id, account->displayName(), account->address());
        m_search->setAccountName(id, account->displayName());
    });
    connect(m_accounts, &AccountStore::accountRemoved, this, &AccountManager::stopAccount);
}

void AccountManager::startAccount(const Account &account, int position)
{
    if (m_running.contains(account.id()))
        return;
    auto *running = new RunningAccount(account, m_secrets, m_transports, m_dataDirectory, this);
    if (MailError error = running->open()) {
        Q_EMIT errorOccurred(tr("The account %1 cannot be opened: %2")
                                     .arg(account.displayName(), error.toString()));
        delete running;
        return;
    }
    m_running.insert(account.id(), running);
    AccountService *service = running->service();
    service->setOAuth2Provider(oauth2Provider(account));
    m_folders->addAccount(position, account.id(), account.displayName(), account.address(),
                          service->folderModel());
    connect(service, &AccountService::stateChanged, this,
            [this, id = account.id()](AccountService::State state, const QString &detail) {
                m_folders->setConnectionState(id, int(state), detail);
            });
    connect(service, &AccountService::trashFolderChosen, this,
            [this, id = account.id()](const QString &path) {
                std::optional<Account> stored = m_accounts->account(id);
                if (!stored)
                    return;
                stored->setTrashFolder(path);
                if (MailError error = m_accounts->saveAccount(*stored))
                    Q_EMIT errorOccurred(error.toString());
            });
    connect(service, &AccountService::sentFilingFound, this,
            [this, id = account.id()](Account::SentFiling filing) {
                std::optional<Account> stored = m_accounts->account(id);
                if (!stored || stored->sentFiling() == filing)
                    return;
                stored->setSentFiling(filing);
                if (MailError error = m_accounts->saveAccount(*stored))
                    Q_EMIT errorOccurred(error.toString());
            });
    m_unified->addAccount(account.id(), service->store());
    m_outbox->addSender(account.id(), running->sender());
    connect(running->sender(), &MessageSender::followUpsDue, this, &AccountManager::applyFollowUps);
    m_newMail->addAccount(account.id(), account.displayName(), service->store());
    m_search->addAccount(account.id(), account.displayName(), service->store());
    connect(service, &AccountService::serverMatches, this,
            [this, id = account.id()](qint64 folderId, const QList<quint32> &uids) {
                m_search->addServerMatches(id, folderId, uids);
            });
    connect(service, &AccountService::serverSearchFinished, this,
            &AccountManager::updateServerSearching);
    Q_EMIT accountStarted(running);
    m_transfers->addAccount(account.id());
    service->connectToServer();
}

void AccountManager::stopAccount(const QString &accountId)
{
    RunningAccount *running = m_running.value(accountId);
    if (!running)
        return;
    Q_EMIT accountStopping(running);
    m_transfers->removeAccount(accountId);
    m_newMail->removeAccount(accountId);
    m_search->removeAccount(accountId);
    m_outbox->removeSender(accountId);
    m_unified->removeAccount(accountId);
    m_folders->removeAccount(accountId);
    m_running.remove(accountId);
    delete running;
    updateServerSearching();
}

void AccountManager::search(const QString &text)
{
    m_search->setSearchText(text);
    if (m_search->searchText().isEmpty()) {
        m_serverSearchTimer.stop();
        for (RunningAccount *running : std::as_const(m_running))
            running->service()->searchServer(QString());
    } else {
        // Servers are asked once the typing pauses; meanwhile the list says they will be.
        m_serverSearchTimer.start();
    }
    updateServerSearching();
}

void AccountManager::updateServerSearching()
{
    // The list says it is searching while a cache or a server still is.
    m_search->setServerSearching(
            m_serverSearchTimer.isActive() || m_search->isSearching()
            || std::any_of(m_running.cbegin(), m_running.cend(), [](const RunningAccount *running) {
                   return running->service()->isSearchingServer();
               }));
}

void AccountManager::applyFollowUps(const QList<OutboxFollowUp> &followUps)
{
    for (const OutboxFollowUp &followUp : followUps) {
        // The message answered may live in another account than the one that sent the answer.
        RunningAccount *owner = m_running.value(followUp.accountId);
        if (!owner || !followUp.isValid())
            continue;
        AccountService *service = owner->service();
        switch (followUp.action) {
        case OutboxFollowUp::Action::MarkAnswered:
            service->changeFlags(followUp.folderId, {followUp.uid}, MessageRecord::Answered, {});
            break;
        case OutboxFollowUp::Action::MarkForwarded:
            service->changeFlags(followUp.folderId, {followUp.uid}, MessageRecord::Forwarded, {});
            break;
        case OutboxFollowUp::Action::DeleteDraft:
            service->expungeMessages(followUp.folderId, {followUp.uid});
            break;
        }
    }
}

QList<RunningAccount *> AccountManager::runningAccounts() const
{
    QList<RunningAccount *> ordered;
    for (const Account &account : m_accounts->accounts()) {
        if (RunningAccount *running = m_running.value(account.id()))
            ordered.append(running);
    }
    return ordered;
}

RunningAccount *AccountManager::runningAccount(const QString &accountId) const
{
    return m_running.value(accountId);
}

bool AccountManager::hasUnsentMail() const
{
    for (RunningAccount *running : m_running) {
        if (running->sender()->hasUnsent())
            return true;
    }
    return false;
}

void AccountManager::pinCertificate(const QString &accountId, bool submission,
                                    const QByteArray &fingerprint)
{
    RunningAccount *running = m_running.value(accountId);
    if (!running || fingerprint.isEmpty())
        return;
    const Account pinned = RunningAccount::withPinned(running->account(), submission, fingerprint);
    if (MailError error = m_accounts->saveAccount(pinned))
        Q_EMIT errorOccurred(error.toString());
}
