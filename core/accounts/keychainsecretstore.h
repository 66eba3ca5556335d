#pragma once

#include "accounts/secretstore.h"

// Passwords in the system keychain (Secret Service, KWallet, macOS Keychain, Windows
// Credential Store) through QtKeychain, one entry per account id under one service name.
class KeychainSecretStore : public SecretStore
{
    Q_OBJECT
public:
    explicit KeychainSecretStore(const QString &serviceName, QObject *parent = nullptr);

    QString serviceName() const { return m_serviceName; }

    void readPassword(const QString &accountId, QObject *context, Callback callback) override;
    void writePassword(const QString &accountId, const QString &password, QObject *context,
                       Callback callback) override;
    void deletePassword(const QString &accountId, QObject *context, Callback callback) override;

private:
    QString m_serviceName;
};
