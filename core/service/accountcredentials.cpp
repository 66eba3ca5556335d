#include "accountcredentials.h"

#include "accounts/secretstore.h"

#include <QPointer>

AccountCredentials::AccountCredentials(const QString &accountId, SecretStore *secrets,
                                       QObject *parent)
    : QObject(parent)
    , m_accountId(accountId)
    , m_secrets(secrets)
{ }

void AccountCredentials::read(QObject *context, std::function<void(const QString &)> deliver)
{
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
    m_password.clear();
    m_typed = false;
    if (!m_awaiting)
        ask(Reason::Rejected, serverText);
}

void AccountCredentials::forgetStored()
{
    if (!m_typed)
        m_password.clear();
}

void AccountCredentials::forget()
{
    m_password.clear();
    m_typed = false;
}
