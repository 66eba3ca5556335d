#pragma once

#include "accounts/secretstore.h"

// Asks a primary store (the keychain) and, when it is unavailable, a fallback (memory for the
// session). A password written while the primary was unavailable is found again in the
// fallback. Does not own the two stores.
class FallbackSecretStore : public SecretStore
{
    Q_OBJECT
public:
    FallbackSecretStore(SecretStore *primary, SecretStore *fallback, QObject *parent = nullptr);

    void readPassword(const QString &accountId, QObject *context, Callback callback) override;
    void writePassword(const QString &accountId, const QString &password, QObject *context,
                       Callback callback) override;
    void deletePassword(const QString &accountId, QObject *context, Callback callback) override;

private:
    SecretStore *m_primary;
    SecretStore *m_fallback;
};
