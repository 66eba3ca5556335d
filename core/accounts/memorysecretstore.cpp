#include "accounts/memorysecretstore.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace {
SecretStore::Reply unavailable()
{
    return {SecretStore::Status::Unavailable,
            {},
            QCoreApplication::translate("MemorySecretStore",
                                        "The password store is not available.")};
}
} // namespace

void MemorySecretStore::readPassword(const QString &accountId, QObject *context, Callback callback)
{
    if (!m_available)
        return deliver(context, std::move(callback), unavailable());
    const auto it = m_passwords.constFind(accountId);
    if (it == m_passwords.constEnd())
        return deliver(context, std::move(callback),
                       {Status::NotFound,
                        {},
                        QCoreApplication::translate("MemorySecretStore",
                                                    "No password is stored for this account.")});
    deliver(context, std::move(callback), {Status::Ok, it.value(), {}});
}

void MemorySecretStore::writePassword(const QString &accountId, const QString &password,
                                      QObject *context, Callback callback)
{
    if (!m_available)
        return deliver(context, std::move(callback), unavailable());
    m_passwords.insert(accountId, password);
    deliver(context, std::move(callback), {});
}

void MemorySecretStore::deletePassword(const QString &accountId, QObject *context, Callback callback)
{
    if (!m_available)
        return deliver(context, std::move(callback), unavailable());
    m_passwords.remove(accountId);
    deliver(context, std::move(callback), {});
}
