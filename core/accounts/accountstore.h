#pragma once

#include "accounts/account.h"
#include "common/mailerror.h"

#include <QList>
#include <QObject>
#include <QString>

#include <optional>

class QSettings;

// Keeps the accounts in an injected QSettings, one group per account under "accounts/<id>".
// Never stores a password: secrets belong to a SecretStore.
class AccountStore : public QObject
{
    Q_OBJECT
public:
    // The settings object must outlive the store.
    explicit AccountStore(QSettings *settings, QObject *parent = nullptr);

    // In the order they were added.
    QList<Account> accounts() const;
    std::optional<Account> account(const QString &id) const;
    bool contains(const QString &id) const;
    // The settings the accounts are kept in, for the settings beside them (OAuth 2.0 clients).
    const QSettings *settings() const { return m_settings; }

    // Adds a new account, or replaces the stored one with the same id.
    MailError saveAccount(const Account &account);
    MailError removeAccount(const QString &id);

Q_SIGNALS:
    void accountAdded(const QString &id);
    void accountChanged(const QString &id);
    void accountRemoved(const QString &id);
    // After any of the above.
    void changed();

private:
    QStringList order() const;
    void writeAccount(const Account &account);
    Account readAccount(const QString &id) const;
    MailError syncSettings();

    QSettings *m_settings;
};
