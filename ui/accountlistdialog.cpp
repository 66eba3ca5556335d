#include "accountlistdialog.h"

#include "accountdialog.h"
#include "accounts/accountstore.h"
#include "accounts/secretstore.h"
#include "icons.h"
#include "oauth/oauth2tokenmanager.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

AccountListDialog::AccountListDialog(AccountStore *accounts, SecretStore *secrets, QWidget *parent)
    : QDialog(parent)
    , m_accounts(accounts)
    , m_secrets(secrets)
    , m_list(new QListWidget)
    , m_edit(new QPushButton(tr("&Edit…")))
    , m_remove(new QPushButton(tr("&Remove")))
{
    setWindowTitle(tr("Accounts"));
    setWindowIcon(Icons::icon(QStringLiteral("accounts")));
    auto *add = new QPushButton(tr("&Add…"));
    auto *side = new QVBoxLayout;
    side->addWidget(add);
    side->addWidget(m_edit);
    side->addWidget(m_remove);
    side->addStretch(1);
    auto *top = new QHBoxLayout;
    top->addWidget(m_list, 1);
    top->addLayout(side);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(add, &QPushButton::clicked, this, &AccountListDialog::addAccount);
    connect(m_edit, &QPushButton::clicked, this, [this] { editAccount(currentId()); });
    connect(m_remove, &QPushButton::clicked, this, [this] { removeAccount(currentId()); });
    connect(m_list, &QListWidget::itemActivated, this, [this] { editAccount(currentId()); });
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        m_edit->setEnabled(row >= 0);
        m_remove->setEnabled(row >= 0);
    });
    connect(m_accounts, &AccountStore::changed, this, &AccountListDialog::reload);
    reload();
    resize(480, 300);
}

void AccountListDialog::reload()
{
    const QString selected = currentId();
    m_list->clear();
    for (const Account &account : m_accounts->accounts()) {
        auto *item = new QListWidgetItem(Icons::icon(QStringLiteral("accounts")),
                                         tr("%1 <%2>").arg(account.displayName(),
                                                           account.address()));
        item->setData(Qt::UserRole, account.id());
        m_list->addItem(item);
        if (account.id() == selected)
            m_list->setCurrentItem(item);
    }
    m_edit->setEnabled(m_list->currentRow() >= 0);
    m_remove->setEnabled(m_list->currentRow() >= 0);
}

QString AccountListDialog::currentId() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

void AccountListDialog::addAccount()
{
    openDialog({});
}

void AccountListDialog::editAccount(const QString &id)
{
    if (m_accounts->contains(id))
        openDialog(id);
}

void AccountListDialog::openDialog(const QString &id)
{
    auto *dialog = new AccountDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setConnectionTester(m_tester);
    dialog->setAutoconfigSettings(m_autoconfig);
    if (!id.isEmpty()) {
        dialog->setAccount(m_accounts->account(id).value());
        dialog->passwordField()->setPlaceholderText(tr("Unchanged"));
    }
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const Account account = dialog->account();
        const auto save = [this, account] {
            if (const MailError error = m_accounts->saveAccount(account))
                Q_EMIT saveFailed(error.toString());
        };
        // An empty password field while editing keeps the stored password. New passwords are
        // stored first: saving the account starts its session, which reads them.
        QList<std::pair<QString, QString>> secrets;
        if (!dialog->password().isEmpty())
            secrets.append({account.id(), dialog->password()});
        if (!dialog->submissionPassword().isEmpty())
            secrets.append(
                    {Account::submissionSecretId(account.id()), dialog->submissionPassword()});
        // The OAuth 2.0 sign-in made in the dialog; nothing of it is kept on Cancel.
        if (!dialog->oauthRefreshToken().isEmpty())
            secrets.append({OAuth2TokenManager::refreshTokenSecretId(account.id()),
                            dialog->oauthRefreshToken()});
        storeThenSave(secrets, save);
    });
    dialog->open();
}

void AccountListDialog::removeAccount(const QString &id)
{
    const std::optional<Account> account = m_accounts->account(id);
    if (!account)
        return;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Remove Account"),
                                tr("Remove the account “%1”? Its settings and saved password "
                                   "are deleted; the mail stays on the server.")
                                        .arg(account->displayName()),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setDefaultButton(QMessageBox::Cancel);
    connect(box, &QMessageBox::accepted, this, [this, id] {
        m_accounts->removeAccount(id);
        m_secrets->deletePassword(id, this, [this](const SecretStore::Reply &reply) {
            if (!reply.isOk())
                Q_EMIT saveFailed(reply.errorString);
        });
        // The outgoing server's own password, where there was one; none stored is no failure.
        m_secrets->deletePassword(Account::submissionSecretId(id), this,
                                  [](const SecretStore::Reply &) {});
        // The OAuth 2.0 sign-in, where there was one.
        m_secrets->deletePassword(OAuth2TokenManager::refreshTokenSecretId(id), this,
                                  [](const SecretStore::Reply &) {});
    });
    box->open();
}

void AccountListDialog::storeThenSave(QList<std::pair<QString, QString>> secrets,
                                      std::function<void()> save)
{
    if (secrets.isEmpty()) {
        save();
        return;
    }
    const auto [key, password] = secrets.takeFirst();
    m_secrets->writePassword(key, password, this,
                             [this, secrets, save](const SecretStore::Reply &reply) {
                                 if (!reply.isOk())
                                     Q_EMIT saveFailed(reply.errorString);
                                 storeThenSave(secrets, save);
                             });
}
