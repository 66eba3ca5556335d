#include "oauthtestserver.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QUrlQuery>

namespace {

QHash<QString, QString> formFields(const QByteArray &body)
{
    QByteArray plus = body;
    plus.replace('+', ' ');
    QHash<QString, QString> fields;
    for (const QByteArray &pair : plus.split('&')) {
        const qsizetype eq = pair.indexOf('=');
        if (eq < 0)
            continue;
        fields.insert(QString::fromUtf8(QByteArray::fromPercentEncoding(pair.left(eq))),
                      QString::fromUtf8(QByteArray::fromPercentEncoding(pair.mid(eq + 1))));
    }
    return fields;
}

HttpTestServer::Response json(int status, const QJsonObject &object)
{
    HttpTestServer::Response r;
    r.status = status;
    r.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    r.headers = {{"Content-Type", "application/json;charset=UTF-8"}, {"Cache-Control", "no-store"}};
    return r;
}

} // namespace

OAuthTestServer::OAuthTestServer(QObject *parent)
    : QObject(parent)
{
    m_http.setHandler("/token", [this](const HttpTestServer::Request &r) { return token(r); });
    m_http.setHandler("/introspect",
                      [this](const HttpTestServer::Request &r) { return introspect(r); });
}

OAuth2Provider OAuthTestServer::provider() const
{
    OAuth2Provider p;
    p.id = QStringLiteral("test");
    p.name = QStringLiteral("Test Provider");
    p.authorizationUrl = m_http.url("/authorize");
    p.tokenUrl = tokenUrl();
    p.scopes = {QStringLiteral("mail"), QStringLiteral("offline_access")};
    p.domains = {QStringLiteral("example.test")};
    p.clientId = clientId();
    return p;
}

QUrl OAuthTestServer::tokenUrl() const
{
    return m_http.url("/token");
}

QUrl OAuthTestServer::introspectionUrl() const
{
    return m_http.url("/introspect");
}

QString OAuthTestServer::newToken(const char *prefix)
{
    return QString::fromLatin1(prefix) + QString::number(++m_serial) + QLatin1Char('-')
           + QString::number(QRandomGenerator::global()->generate64(), 36);
}

QUrl OAuthTestServer::approve(const QUrl &authorizationRequest, const QString &user)
{
    const QUrlQuery query(authorizationRequest);
    const auto item = [&query](const char *key) {
        return query.queryItemValue(QString::fromLatin1(key), QUrl::FullyDecoded);
    };
    if (authorizationRequest.path() != QLatin1String("/authorize")
        || item("response_type") != QLatin1String("code") || item("client_id") != clientId())
        return {};
    QUrl redirect(item("redirect_uri"));
    if (!redirect.isValid() || redirect.host() != QLatin1String("127.0.0.1"))
        return {};
    Code code {user, item("code_challenge"), item("code_challenge_method"), item("redirect_uri"),
               item("client_id")};
    const QString value = newToken("code-");
    m_codes.insert(value, code);
    QUrlQuery answer;
    answer.addQueryItem(QStringLiteral("code"), value);
    answer.addQueryItem(QStringLiteral("state"), item("state"));
    redirect.setQuery(answer);
    return redirect;
}

void OAuthTestServer::setAutoApprove(const QString &user)
{
    m_http.setHandler("/authorize", [this, user](const HttpTestServer::Request &r) {
        const QUrl redirect = approve(m_http.url(r.path), user);
        HttpTestServer::Response response;
        if (!redirect.isValid()) {
            response.status = 400;
            response.body = "Not an authorization request this server accepts.";
            return response;
        }
        response.status = 302;
        response.headers.append({"Location", redirect.toEncoded()});
        return response;
    });
}

QUrl OAuthTestServer::deny(const QUrl &authorizationRequest)
{
    const QUrlQuery query(authorizationRequest);
    QUrl redirect(query.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
    QUrlQuery answer;
    answer.addQueryItem(QStringLiteral("error"), QStringLiteral("access_denied"));
    answer.addQueryItem(QStringLiteral("error_description"),
                        QStringLiteral("The user denied access"));
    answer.addQueryItem(QStringLiteral("state"),
                        query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded));
    redirect.setQuery(answer);
    return redirect;
}

QString OAuthTestServer::issueRefreshToken(const QString &user)
{
    const QString token = newToken("rt-");
    m_refreshTokens.insert(token, user);
    return token;
}

void OAuthTestServer::expireAccessTokens()
{
    for (Access &a : m_accessTokens)
        a.expires = QDateTime::currentDateTimeUtc().addSecs(-1);
}

void OAuthTestServer::revokeAll()
{
    m_accessTokens.clear();
    m_refreshTokens.clear();
}

bool OAuthTestServer::isActive(const QString &accessToken) const
{
    const auto it = m_accessTokens.constFind(accessToken);
    return it != m_accessTokens.cend() && it->expires > QDateTime::currentDateTimeUtc();
}

HttpTestServer::Response OAuthTestServer::refuse(const QString &error, const QString &description)
{
    m_lastRefusal = error + QLatin1String(": ") + description;
    return json(400, {{QStringLiteral("error"), error},
                      {QStringLiteral("error_description"), description}});
}

HttpTestServer::Response OAuthTestServer::issue(const QString &user, const QString &refreshToken)
{
    const QString access = newToken("at-");
    m_accessTokens.insert(access, {user, QDateTime::currentDateTimeUtc().addSecs(m_lifetime)});
    m_issued << access;
    Q_EMIT accessTokenIssued(access);
    QJsonObject answer {{QStringLiteral("access_token"), access},
                        {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                        {QStringLiteral("expires_in"), m_lifetime},
                        {QStringLiteral("scope"), QStringLiteral("mail offline_access")}};
    if (!refreshToken.isEmpty())
        answer.insert(QStringLiteral("refresh_token"), refreshToken);
    return json(200, answer);
}

HttpTestServer::Response OAuthTestServer::token(const HttpTestServer::Request &request)
{
    const QHash<QString, QString> fields = formFields(request.body);
    const QString grant = fields.value(QStringLiteral("grant_type"));
    m_tokenRequests << TokenRequest {grant, fields};
    if (request.method != "POST")
        return refuse(QStringLiteral("invalid_request"), QStringLiteral("POST only"));
    if (fields.value(QStringLiteral("client_id")) != clientId())
        return refuse(QStringLiteral("invalid_client"), QStringLiteral("Unknown client"));
    if (grant == QLatin1String("authorization_code")) {
        const Code code = m_codes.take(fields.value(QStringLiteral("code")));
        if (code.user.isEmpty())
            return refuse(QStringLiteral("invalid_grant"), QStringLiteral("Unknown code"));
        if (fields.value(QStringLiteral("redirect_uri")) != code.redirectUri)
            return refuse(QStringLiteral("invalid_grant"),
                          QStringLiteral("redirect_uri differs: ")
                                  + fields.value(QStringLiteral("redirect_uri")));
        // RFC 7636 4.6: S256 of the verifier must be the challenge of the authorization request.
        const QByteArray verifier = fields.value(QStringLiteral("code_verifier")).toLatin1();
        const QByteArray computed = QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
                                            .toBase64(QByteArray::Base64UrlEncoding
                                                      | QByteArray::OmitTrailingEquals);
        if (code.method != QLatin1String("S256") || verifier.size() < 43
            || QString::fromLatin1(computed) != code.challenge)
            return refuse(QStringLiteral("invalid_grant"), QStringLiteral("PKCE check failed"));
        return issue(code.user, issueRefreshToken(code.user));
    }
    if (grant == QLatin1String("refresh_token")) {
        const QString old = fields.value(QStringLiteral("refresh_token"));
        const QString user = m_refreshTokens.value(old);
        if (user.isEmpty())
            return refuse(QStringLiteral("invalid_grant"),
                          QStringLiteral("Token has been expired or revoked."));
        if (!m_rotate)
            return issue(user, {});
        m_refreshTokens.remove(old);
        return issue(user, issueRefreshToken(user));
    }
    return refuse(QStringLiteral("unsupported_grant_type"), grant);
}

HttpTestServer::Response OAuthTestServer::introspect(const HttpTestServer::Request &request)
{
    ++m_introspections;
    // RFC 7662: the token as a form field of a POST, or (Dovecot's "get" mode) in the query.
    QString token = formFields(request.body).value(QStringLiteral("token"));
    if (token.isEmpty()) {
        const qsizetype q = request.path.indexOf('?');
        if (q >= 0)
            token = formFields(request.path.mid(q + 1)).value(QStringLiteral("token"));
    }
    if (token.isEmpty()) {
        const QByteArray auth = request.headers.value("authorization");
        if (auth.startsWith("Bearer "))
            token = QString::fromLatin1(auth.mid(7));
    }
    if (!isActive(token))
        return json(200, {{QStringLiteral("active"), false}});
    const Access a = m_accessTokens.value(token);
    return json(200, {{QStringLiteral("active"), true},
                      {QStringLiteral("username"), a.user},
                      {QStringLiteral("client_id"), clientId()},
                      {QStringLiteral("exp"), a.expires.toSecsSinceEpoch()}});
}
