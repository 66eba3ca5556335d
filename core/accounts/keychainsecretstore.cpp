#include "accounts/keychainsecretstore.h"

#include <qt6keychain/keychain.h>

namespace {

SecretStore::Status statusOf(QKeychain::Error error)
{
    switch (error) {
    case QKeychain::NoError:
        return SecretStore::Status::Ok;
    case QKeychain::EntryNotFound:
        return SecretStore::Status::NotFound;
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return SecretStore::Status::AccessDenied;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return SecretStore::Status::Unavailable;
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
        break;
    }
    return SecretStore::Status::Failed;
}

SecretStore::Reply replyOf(const QKeychain::Job *job)
{
    SecretStore::Reply reply;
    reply.status = statusOf(job->error());
    if (!reply.isOk())
        reply.errorString = job->errorString();
    return reply;
}

} // namespace

KeychainSecretStore::KeychainSecretStore(const QString &serviceName, QObject *parent)
    : SecretStore(parent)
    , m_serviceName(serviceName)
{ }

void KeychainSecretStore::readPassword(const QString &accountId, QObject *context, Callback callback)
{
    auto *job = new QKeychain::ReadPasswordJob(m_serviceName, this);
    job->setKey(accountId);
    // Replies are taken from the job as soon as it finishes (it deletes itself afterwards) and
    // delivered through the event loop.
    connect(job, &QKeychain::Job::finished, this,
            [context, callback = std::move(callback)](QKeychain::Job *finished) {
                Reply reply = replyOf(finished);
                if (reply.isOk())
                    reply.password = static_cast<QKeychain::ReadPasswordJob *>(finished)->textData();
                deliver(context, callback, reply);
            });
    job->start();
}

void KeychainSecretStore::writePassword(const QString &accountId, const QString &password,
                                        QObject *context, Callback callback)
{
    auto *job = new QKeychain::WritePasswordJob(m_serviceName, this);
    job->setKey(accountId);
    job->setTextData(password);
    connect(job, &QKeychain::Job::finished, this,
            [context, callback = std::move(callback)](QKeychain::Job *finished) {
                deliver(context, callback, replyOf(finished));
            });
    job->start();
}

void KeychainSecretStore::deletePassword(const QString &accountId, QObject *context,
                                         Callback callback)
{
    auto *job = new QKeychain::DeletePasswordJob(m_serviceName, this);
    job->setKey(accountId);
    connect(job, &QKeychain::Job::finished, this,
            [context, callback = std::move(callback)](QKeychain::Job *finished) {
                Reply reply = replyOf(finished);
                if (reply.status == Status::NotFound)
                    reply = {}; // nothing to delete is success
                deliver(context, callback, reply);
            });
    job->start();
}
