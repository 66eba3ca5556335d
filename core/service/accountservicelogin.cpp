// AccountService: the logins, a password or an OAuth 2.0 access token for the incoming server
// and for sending, asked for, answered and judged by the servers.
#include "accountservice.h"

#include "accountcredentials.h"
#include "oauth/oauth2tokenmanager.h"

void AccountService::setOAuth2Provider(const std::optional<OAuth2Provider> &provider)
{
    const bool oauth = provider && provider->isValid() && isOAuthMechanism(m_account.authMethod());
    if (oauth && m_tokens && m_tokens->provider() == *provider)
        return; // the same sign-in goes on
    m_credentials->setTokens(nullptr);
    m_tokens.reset();
    if (!oauth)
        return;
    m_tokens = std::make_unique<OAuth2TokenManager>(m_account.id(), *provider, m_secrets);
    connect(m_tokens.get(), &OAuth2TokenManager::browserRequested, this,
            &AccountService::browserRequested);
    m_credentials->setTokens(m_tokens.get());
}

void AccountService::signIn()
{
    if (m_tokens)
        m_tokens->signIn();
}

void AccountService::answerPassword(const QString &password)
{
    m_credentials->answer(password);
    // Asked for by the sender while IMAP was not connecting: the answer is for IMAP too.
    if (!password.isEmpty())
        connectToServer();
}

bool AccountService::isAwaitingPassword() const
{
    return m_credentials->isAwaitingAnswer();
}

void AccountService::readPassword(QObject *context, std::function<void(const QString &)> deliver)
{
    m_credentials->read(context, std::move(deliver));
}

void AccountService::readSubmissionPassword(QObject *context,
                                            std::function<void(const QString &)> deliver)
{
    if (m_account.hasOwnSubmissionLogin())
        m_submissionCredentials->read(context, std::move(deliver));
    else
        m_credentials->read(context, std::move(deliver));
}

void AccountService::answerSubmissionPassword(const QString &password)
{
    m_submissionCredentials->answer(password);
}

bool AccountService::isAwaitingSubmissionPassword() const
{
    return m_submissionCredentials->isAwaitingAnswer();
}

void AccountService::submissionLoginSucceeded()
{
    if (m_account.hasOwnSubmissionLogin())
        m_submissionCredentials->loginSucceeded();
    else if (m_tokens)
        m_credentials->loginSucceeded();
}

void AccountService::submissionLoginRefused(const QString &serverText)
{
    // The incoming server's password is judged by the incoming server alone; an access token
    // may have expired for either, and is replaced (once) whichever refused it.
    if (m_account.hasOwnSubmissionLogin())
        m_submissionCredentials->rejected(serverText);
    else if (m_tokens)
        m_credentials->rejected(serverText);
}
