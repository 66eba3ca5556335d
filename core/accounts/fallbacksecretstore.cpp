#include "accounts/fallbacksecretstore.h"

#include <QPointer>

FallbackSecretStore::FallbackSecretStore(SecretStore *primary, SecretStore *fallback,
                                         QObject *parent)
    : SecretStore(parent)
    , m_primary(primary)
    , m_fallback(fallback)
{
    Q_ASSERT(primary && fallback);
}

void FallbackSecretStore::readPassword(const QString &accountId, QObject *context, Callback callback)
{
    QPointer<SecretStore> fallback = m_fallback;
    m_primary->readPassword(accountId, context,
                            [accountId, context, fallback,
                             callback = std::move(callback)](const Reply &reply) {
                                const bool tryFallback = reply.status == Status::Unavailable
                                                         || reply.status == Status::NotFound;
                                if (!tryFallback || !fallback)
                                    return callback(reply);
                                fallback->readPassword(accountId, context,
                                                       [reply, callback](const Reply &second) {
                                                           // A miss in both: report the primary's answer.
                                                           callback(second.isOk() ? second : reply);
                                                       });
                            });
}

void FallbackSecretStore::writePassword(const QString &accountId, const QString &password,
                                        QObject *context, Callback callback)
{
    QPointer<SecretStore> fallback = m_fallback;
    m_primary->writePassword(accountId, password, context,
                             [accountId, password, context, fallback,
                              callback = std::move(callback)](const Reply &reply) {
                                 if (reply.status != Status::Unavailable || !fallback)
                                     return callback(reply);
                                 fallback->writePassword(accountId, password, context, callback);
                             });
}

void FallbackSecretStore::deletePassword(const QString &accountId, QObject *context,
                                         Callback callback)
{
    QPointer<SecretStore> fallback = m_fallback;
    m_primary->deletePassword(
            accountId, context,
            [accountId, context, fallback, callback = std::move(callback)](const Reply &reply) {
                if (!fallback)
                    return callback(reply);
                fallback->deletePassword(accountId, context, [reply, callback](const Reply &) {
                    callback(reply.status == Status::Unavailable ? Reply {} : reply);
                });
            });
}
