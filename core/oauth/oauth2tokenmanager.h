#pragma once

#include "oauth/oauth2provider.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <chrono>
#include <functional>

class QNetworkAccessManager;
class QNetworkReply;
class QOAuth2AuthorizationCodeFlow;
class SecretStore;

// The OAuth 2.0 tokens of one account. The user signs in once in the system browser through the
// authorization code flow with PKCE (RFC 7636, S256) and a loopback redirect (RFC 8252), run by
// QtNetworkAuth; the refresh token then lives in the SecretStore, and access tokens are fetched
// with it when needed, again shortly before each expires, and once more when a server refuses
// one. When there is no refresh token, or the provider refuses it, the user is asked to sign in
// again (signInRequested()); the front end answers with signIn(), and opens the URL of
// browserRequested() in the system browser, or declines with declineSignIn().
class OAuth2TokenManager : public QObject
{
    Q_OBJECT
public:
    enum class Reason {
        NotSignedIn, // no refresh token is stored for this account
        StoreFailed, // the keychain did not answer or refused; the detail says how
        Refused, // the provider refused the refresh token, or the servers every fresh token
        SignInFailed, // the browser sign-in ended with an error; the detail says which
    };
    Q_ENUM(Reason)

    enum class State { Idle, ReadingStore, Refreshing, AwaitingUser, Authorizing };
    Q_ENUM(State)

    OAuth2TokenManager(const QString &accountId, const OAuth2Provider &provider,
                       SecretStore *secrets, QObject *parent = nullptr);
    ~OAuth2TokenManager() override;

    // The key the refresh token is kept under in the SecretStore.
    static QString refreshTokenSecretId(const QString &accountId);

    OAuth2Provider provider() const { return m_provider; }
    // Token requests go through manager (not owned); by default through one of its own.
    void setNetworkAccessManager(QNetworkAccessManager *manager);
    // How long before its expiry an access token is replaced; one minute by default, at most
    // half of the token's lifetime.
    void setRefreshMargin(std::chrono::milliseconds margin) { m_margin = margin; }

    // Hands a valid access token over, later, in context's thread: the current one, else one
    // fetched with the refresh token, else one from the user's sign-in; empty when the user
    // declines or the provider cannot be reached.
    void read(QObject *context, std::function<void(const QString &)> deliver);
    QString accessToken() const { return m_accessToken; }
    // The refresh token of the sign-in (as stored in the SecretStore); empty when none.
    QString refreshToken() const { return m_refreshToken; }
    // When accessToken() expires; invalid when unknown.
    QDateTime expiresAt() const { return m_expiresAt; }
    State state() const { return m_state; }
    bool isAwaitingUser() const { return m_state == State::AwaitingUser; }

    // Starts the browser sign-in (also when nobody asked): browserRequested() follows.
    void signIn();
    // The user does not sign in now: whoever waits for a token gets an empty one.
    void declineSignIn();
    // A server refused accessToken(). The first time a fresh one is fetched with the refresh
    // token; if that one is refused as well, the user is asked to sign in again.
    void rejected(const QString &serverText);
    // A server accepted accessToken().
    void loginSucceeded() { m_retried = false; }
    // Forgets every token, the stored refresh token included.
    void signOut();
    // The keychain may hold a newer sign-in than this one (the account dialog signs in on its
    // own): reads it, and a different refresh token replaces this one, answering whoever waits.
    void reloadStore();

Q_SIGNALS:
    // The question for the user: sign in (again) in the browser, with the reason.
    void signInRequested(OAuth2TokenManager::Reason reason, const QString &detail);
    // Open url in the system browser; the loopback redirect brings the answer back.
    void browserRequested(const QUrl &url);
    void accessTokenChanged(const QString &accessToken);
    // Something the user should know in passing (the token could not be stored).
    void notice(const QString &text);

private:
    void obtain();
    void readStore();
    void refresh();
    void onRefreshFinished(QNetworkReply *reply);
    void onTokenReplyFinished(QNetworkReply *reply);
    void onGranted();
    void accept(const QString &accessToken, qint64 expiresInSeconds, const QString &refreshToken);
    void storeRefreshToken(const QString &refreshToken);
    void ask(Reason reason, const QString &detail);
    void answerWaiters(const QString &token);
    void endFlow();
    bool hasFreshToken() const;
    QNetworkAccessManager *network();

    QString m_accountId;
    OAuth2Provider m_provider;
    SecretStore *m_secrets;
    QPointer<QNetworkAccessManager> m_network;
    QNetworkAccessManager *m_ownNetwork = nullptr;
    std::chrono::milliseconds m_margin {60000};
    qint64 m_effectiveMargin = 60000; // for the current token, in ms
    State m_state = State::Idle;
    QString m_accessToken;
    QDateTime m_expiresAt;
    QString m_refreshToken;
    bool m_storeRead = false;
    bool m_retried = false; // a refused token was already replaced once
    QTimer m_refreshTimer;
    QOAuth2AuthorizationCodeFlow *m_flow = nullptr;
    QByteArray m_codeVerifier;
    QList<std::function<void(const QString &)>> m_waiters;
};
