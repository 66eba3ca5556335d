#pragma once

#include "accounts/secretstore.h"

#include <QHash>

// Keeps passwords in memory for the session: used by tests, and where no keychain answers.
class MemorySecretStore : public SecretStore
{
    Q_OBJECT
public:
    using SecretStore::SecretStore;

    void readPassword(const QString &accountId, QObject *context, Callback callback) override;
    void writePassword(const QString &accountId, const QString &password, QObject *context,
                       Callback callback) override;
    void deletePassword(const QString &accountId, QObject *context, Callback callback) override;

    // When false, every call answers Status::Unavailable, as a missing keychain would.
    void setAvailable(bool available) { m_available = available; }
    bool isAvailable() const { return m_available; }

    bool contains(const QString &accountId) const { return m_passwords.contains(accountId); }

private:
    QHash<QString, QString> m_passwords;
    bool m_available = true;
};
