#pragma once

#include "httptestserver.h"
#include "oauth/oauth2provider.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QString>
#include <QUrl>

// A local OAuth 2.0 authorization server for the tests, over HttpTestServer: the authorization
// step (what the browser would do: approve() or deny() an authorization request), the token
// endpoint (authorization code with PKCE S256 checked, refresh token), and an RFC 7662
// introspection endpoint, against which Dovecot's oauth2 passdb validates tokens.
class OAuthTestServer : public QObject
{
    Q_OBJECT
public:
    struct TokenRequest
    {
        QString grantType;
        QHash<QString, QString> fields;
    };

    explicit OAuthTestServer(QObject *parent = nullptr);
    // Serves on this port of 127.0.0.1 (the one the mail stack's Dovecot asks); false when taken.
    bool listenOn(quint16 port) { return m_http.listenOn(port); }

    // A provider pointing at this server, with the client ID it accepts.
    OAuth2Provider provider() const;
    QUrl tokenUrl() const;
    QUrl introspectionUrl() const;
    QString clientId() const { return QStringLiteral("heron-test-client"); }

    // Seconds an access token lives; one hour unless set.
    void setAccessTokenLifetime(qint64 seconds) { m_lifetime = seconds; }
    // Issue a new refresh token with each refresh.
    void setRotateRefreshTokens(bool rotate) { m_rotate = rotate; }

    // The browser's part: the user approves (as user) or denies the authorization request; the
    // answer is the redirect the browser would follow. An invalid URL when the request is wrong.
    QUrl approve(const QUrl &authorizationRequest, const QString &user);
    QUrl deny(const QUrl &authorizationRequest);
    // The authorization page itself approves every request as user, redirecting the browser
    // back at once (to try the sign-in by hand with any browser, or curl -L).
    void setAutoApprove(const QString &user);

    // A refresh token for user, as if signed in earlier.
    QString issueRefreshToken(const QString &user);
    // Every access token stops being valid (expired), refresh tokens go on working.
    void expireAccessTokens();
    // Every token stops being valid: the user revoked Heron's access.
    void revokeAll();

    QList<TokenRequest> tokenRequests() const { return m_tokenRequests; }
    QStringList issuedAccessTokens() const { return m_issued; }
    bool isActive(const QString &accessToken) const;
    int introspections() const { return m_introspections; }
    // Why the last token request was refused; empty when none was.
    QString lastRefusal() const { return m_lastRefusal; }

Q_SIGNALS:
    void accessTokenIssued(const QString &token);

private:
    struct Code
    {
        QString user;
        QString challenge;
        QString method;
        QString redirectUri;
        QString clientId;
    };
    struct Access
    {
        QString user;
        QDateTime expires;
    };

    HttpTestServer::Response token(const HttpTestServer::Request &request);
    HttpTestServer::Response introspect(const HttpTestServer::Request &request);
    HttpTestServer::Response refuse(const QString &error, const QString &description);
    HttpTestServer::Response issue(const QString &user, const QString &refreshToken);
    QString newToken(const char *prefix);

    HttpTestServer m_http;
    qint64 m_lifetime = 3600;
    bool m_rotate = false;
    int m_serial = 0;
    QHash<QString, Code> m_codes;
    QHash<QString, QString> m_refreshTokens; // token -> user
    QHash<QString, Access> m_accessTokens;
    QStringList m_issued;
    QList<TokenRequest> m_tokenRequests;
    int m_introspections = 0;
    QString m_lastRefusal;
};
