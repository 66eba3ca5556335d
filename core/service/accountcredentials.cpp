#include "accountcredentials.h"

#include "accounts/secretstore.h"
#include "oauth/oauth2tokenmanager.h"

#include <QPointer>

AccountCredentials::AccountCredentials(const QString &accountId, SecretStore *secrets,
                                       QObject *parent)
    : QObject(parent)
    , m_accountId(accountId)
    , m_secrets(secrets)
{ }

void AccountCredentials::setTokens(OAuth2TokenManager *tokens)
{
    if (m_tokens == tokens)
        return;
    if (m_tokens)
        m_tokens->disconnect(this);
    m_tokens = tokens;
    if (!tokens)
        return;
    connect(tokens, &OAuth2TokenManager::signInRequested, this,
            [this, tokens](OAuth2TokenManager::Reason reason, const QString &detail) {
                const QString name = tokens->provider().name;
                QString why;
                switch (reason) {
                case OAuth2TokenManager::Reason::NotSignedIn:
                    why = tr("Not signed in with %1 yet.").arg(name);
                    break;
                case OAuth2TokenManager::Reason::StoreFailed:
                    why = tr("The sign-in with %1 could not be read from the keychain: %2")
                                  .arg(name, detail);
                    break;
                case OAuth2TokenManager::Reason::Refused:
                    why = tr("%1 no longer accepts this sign-in: %2").arg(name, detail);
                    break;
                case OAuth2TokenManager::Reason::SignInFailed:
                    why = tr("The sign-in with %1 failed: %2").arg(name, detail);
                    break;
                }
                Q_EMIT passwordRequested(Reason::SignInRequired, why);
            });
    connect(tokens, &OAuth2TokenManager::notice, this, &AccountCredentials::notice);
}

QString AccountCredentials::password() const
{
    return m_tokens ? m_tokens->accessToken() : m_password;
}

bool AccountCredentials::isAwaitingAnswer() const
{
    if (m_tokens)
        return m_tokens->isAwaitingUser()
               || m_tokens->state() == OAuth2TokenManager::State::Authorizing;
    return m_awaiting;
}

void AccountCredentials::read(QObject *context, std::function<void(const QString &)> deliver)
{
    if (m_tokens) {
        m_tokens->read(context, std::move(deliver));
        return;
    }
    QPointer<QObject> receiver = context;
    auto handOver = [receiver, deliver](const QString &password) {
        if (receiver)
            deliver(password);
    };
    if (!m_password.isEmpty()) {
        QMetaObject::invokeMethod(
                context, [handOver, password = m_password] { handOver(password); },
                Qt::QueuedConnection);
        return;
    }
    m_waiters.append(handOver);
    if (m_awaiting || m_waiters.size() > 1)
        return; // a read or a question is under way; its answer serves this one too
    m_secrets->readPassword(m_accountId, this, [this](const SecretStore::Reply &reply) {
        if (reply.isOk() && !reply.password.isEmpty()) {
            m_password = reply.password;
            answerWaiters();
        } else if (reply.isOk() || reply.status == SecretStore::Status::NotFound) {
            ask(Reason::NoneStored, {});
        } else {
            ask(Reason::StoreFailed, reply.errorString.isEmpty() ? tr("The keychain did not answer")
                                                                 : reply.errorString);
        }
    });
}

void AccountCredentials::ask(Reason reason, const QString &detail)
{
    m_awaiting = true;
    Q_EMIT passwordRequested(reason, detail);
}

void AccountCredentials::answer(const QString &password)
{
    if (m_tokens) {
        // The answer to a sign-in question comes through the browser; here it can only decline.
        if (password.isEmpty())
            m_tokens->declineSignIn();
        return;
    }
    if (!m_awaiting)
        return;
    m_awaiting = false;
    m_password = password;
    m_typed = !password.isEmpty();
    answerWaiters();
}

void AccountCredentials::answerWaiters()
{
    const QList<std::function<void(const QString &)>> waiters = std::exchange(m_waiters, {});
    for (const auto &waiter : waiters)
        waiter(m_password);
}

void AccountCredentials::loginSucceeded()
{
    if (m_tokens) {
        m_tokens->loginSucceeded();
        return;
    }
    if (!std::exchange(m_typed, false))
        return;
    m_secrets->writePassword(m_accountId, m_password, this, [this](const SecretStore::Reply &reply) {
        if (!reply.isOk())
            Q_EMIT notice(tr("The password could not be stored (%1); it is kept until Heron quits.")
                                  .arg(reply.errorString));
    });
}

void AccountCredentials::rejected(const QString &serverText)
{
    if (m_tokens) {
        m_tokens->rejected(serverText);
        return;
    }
    m_password.clear();
    m_typed = false;
    if (!m_awaiting)
        ask(Reason::Rejected, serverText);
}

void AccountCredentials::forgetStored()
{
    if (m_tokens) {
        m_tokens->reloadStore();
        return;
    }
    if (!m_typed)
        m_password.clear();
}

void AccountCredentials::forget()
{
    m_password.clear();
    m_typed = false;
}
