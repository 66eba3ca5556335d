#pragma once

#include <QList>
#include <QObject>
#include <QString>

#include <functional>

class OAuth2TokenManager;
class SecretStore;

// The password of one account, and the one place the service layer reads it from the secret
// store. A password is read once per session and kept while it works; where the store has none
// or fails (no keychain, locked, refused), the user is asked with the reason
// (passwordRequested()), and everyone who asked for it meanwhile gets the answer. A password the
// user typed is written to the store only once a login with it succeeded (loginSucceeded()); one
// the server refused is forgotten and asked for again (rejected()).
//
// An account that signs in with OAuth 2.0 has tokens (setTokens()): the secret is then an access
// token they hand over, a refused one is replaced by them, and the question is to sign in in the
// browser (Reason::SignInRequired), answered through the tokens, or declined with an empty
// answer().
class AccountCredentials : public QObject
{
    Q_OBJECT
public:
    enum class Reason {
        NoneStored, // the secret store has none for this account
        StoreFailed, // the keychain did not answer or refused; the detail says how
        Rejected, // the server refused the one used; the detail is its answer
        SignInRequired, // OAuth 2.0: the user signs in in the browser (again); the detail says why
    };
    Q_ENUM(Reason)

    AccountCredentials(const QString &accountId, SecretStore *secrets, QObject *parent = nullptr);

    // The OAuth 2.0 tokens the account signs in with (not owned); null: a password.
    void setTokens(OAuth2TokenManager *tokens);
    OAuth2TokenManager *tokens() const { return m_tokens; }

    // Hands the password over, later, in context's thread: the known one, else the stored one,
    // else the user's answer; empty when the user declines.
    void read(QObject *context, std::function<void(const QString &)> deliver);
    // The password known this session; empty before it was read or given.
    QString password() const;
    bool isAwaitingAnswer() const;
    // The user's answer to passwordRequested(); an empty one declines.
    void answer(const QString &password);
    // A login with password() succeeded: one the user typed is stored now.
    void loginSucceeded();
    // The server refused password(): it is forgotten and the user asked again.
    void rejected(const QString &serverText);
    // The stored password may have changed (the account was edited): it is read again next
    // time, unless the user typed it this session. A sign-in stored by the dialog is taken now.
    void forgetStored();
    // Forgets the password known this session, typed or stored (the login it was for changed).
    void forget();

Q_SIGNALS:
    void passwordRequested(AccountCredentials::Reason reason, const QString &detail);
    // Something the user should know in passing (the password could not be stored).
    void notice(const QString &text);

private:
    void ask(Reason reason, const QString &detail);
    void answerWaiters();

    QString m_accountId;
    SecretStore *m_secrets;
    QString m_password;
    bool m_typed = false; // given by the user, not stored yet
    bool m_awaiting = false;
    OAuth2TokenManager *m_tokens = nullptr;
    QList<std::function<void(const QString &)>> m_waiters;
};
