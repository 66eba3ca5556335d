#pragma once

#include "autoconfig/autoconfiglookup.h"

#include <QDialog>
#include <QList>
#include <QString>

#include <functional>
#include <utility>

class AccountStore;
class ConnectionTester;
class QListWidget;
class QPushButton;
class SecretStore;

// Lists the accounts of an AccountStore, and adds, edits and removes them through the
// AccountDialog. Passwords go to the SecretStore, never to the account store.
class AccountListDialog : public QDialog
{
    Q_OBJECT
public:
    AccountListDialog(AccountStore *accounts, SecretStore *secrets, QWidget *parent = nullptr);

    // Not owned; handed to each account dialog.
    void setConnectionTester(ConnectionTester *tester) { m_tester = tester; }
    // Where the account dialogs look up servers from an address.
    void setAutoconfigSettings(const AutoconfigLookup::Settings &settings)
    {
        m_autoconfig = settings;
    }

    QListWidget *list() const { return m_list; }
    void addAccount();
    void editAccount(const QString &id);
    void removeAccount(const QString &id);

Q_SIGNALS:
    // An account or its password could not be saved or removed; `message` says why.
    void saveFailed(const QString &message);

private:
    void reload();
    QString currentId() const;
    void openDialog(const QString &id);
    // Writes each (key, password) to the secret store, one after the other, then calls save.
    void storeThenSave(QList<std::pair<QString, QString>> secrets, std::function<void()> save);

    AccountStore *m_accounts;
    SecretStore *m_secrets;
    ConnectionTester *m_tester = nullptr;
    AutoconfigLookup::Settings m_autoconfig;
    QListWidget *m_list;
    QPushButton *m_edit;
    QPushButton *m_remove;
};
