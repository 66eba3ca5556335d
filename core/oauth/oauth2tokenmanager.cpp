#include "oauth2tokenmanager.h"

#include "accounts/secretstore.h"

#include <QCryptographicHash>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QOAuth2AuthorizationCodeFlow>
#include <QOAuthHttpServerReplyHandler>
#include <QRandomGenerator>
#include <QUrl>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcOAuth, "mail.oauth", QtWarningMsg)

namespace {

constexpr auto Base64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

// RFC 7636 4.1: 32 random bytes make a 43-character verifier.
QByteArray makeCodeVerifier()
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()),
                                          bytes.size() / int(sizeof(quint32)));
    return bytes.toBase64(Base64Url);
}

QByteArray codeChallenge(const QByteArray &verifier)
{
    return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256).toBase64(Base64Url);
}

// application/x-www-form-urlencoded, every byte outside the unreserved set escaped.
QByteArray formBody(const QList<QPair<QString, QString>> &fields)
{
    QByteArray body;
    for (const auto &[key, value] : fields) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    return body;
}

// The token endpoint's JSON answer (RFC 6749 5.1 and 5.2); empty when it is none.
QJsonObject tokenAnswer(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object();
}

qint64 expiresIn(const QJsonObject &answer)
{
    const QJsonValue value = answer.value("expires_in"_L1);
    return value.isString() ? value.toString().toLongLong() : value.toInteger(-1);
}

// The reason the endpoint gives, for people: its description, else its error code.
QString errorText(const QJsonObject &answer, QNetworkReply *reply)
{
    const QString description = answer.value("error_description"_L1).toString();
    const QString code = answer.value("error"_L1).toString();
    if (!description.isEmpty())
        return code.isEmpty() ? description : description + " ("_L1 + code + u')';
    return code.isEmpty() ? reply->errorString() : code;
}

} // namespace

OAuth2TokenManager::OAuth2TokenManager(const QString &accountId, const OAuth2Provider &provider,
                                       SecretStore *secrets, QObject *parent)
    : QObject(parent)
    , m_accountId(accountId)
    , m_provider(provider)
    , m_secrets(secrets)
{
    m_refreshTimer.setSingleShot(true);
    connect(&m_refreshTimer, &QTimer::timeout, this, [this] {
        // Replaced before it runs out, unless something else is under way.
        if (m_state == State::Idle && !m_refreshToken.isEmpty())
            refresh();
    });
}

OAuth2TokenManager::~OAuth2TokenManager() = default;

QString OAuth2TokenManager::refreshTokenSecretId(const QString &accountId)
{
    return accountId + "/oauth2-refresh-token"_L1;
}

void OAuth2TokenManager::setNetworkAccessManager(QNetworkAccessManager *manager)
{
    m_network = manager;
}

QNetworkAccessManager *OAuth2TokenManager::network()
{
    if (m_network)
        return m_network;
    if (!m_ownNetwork)
        m_ownNetwork = new QNetworkAccessManager(this);
    return m_ownNetwork;
}

bool OAuth2TokenManager::hasFreshToken() const
{
    if (m_accessToken.isEmpty())
        return false;
    if (!m_expiresAt.isValid())
        return true; // good until a server refuses it
    return QDateTime::currentDateTimeUtc().addMSecs(m_effectiveMargin) < m_expiresAt;
}

void OAuth2TokenManager::read(QObject *context, std::function<void(const QString &)> deliver)
{
    QPointer<QObject> receiver = context;
    auto handOver = [receiver, deliver](const QString &token) {
        if (receiver)
            deliver(token);
    };
    if (hasFreshToken()) {
        QMetaObject::invokeMethod(
                context, [handOver, token = m_accessToken] { handOver(token); },
                Qt::QueuedConnection);
        return;
    }
    m_waiters.append(handOver);
    if (m_state == State::Idle)
        obtain();
}

void OAuth2TokenManager::obtain()
{
    if (!m_refreshToken.isEmpty())
        refresh();
    else if (!m_storeRead)
        readStore();
    else
        ask(Reason::NotSignedIn, {});
}

void OAuth2TokenManager::readStore()
{
    m_state = State::ReadingStore;
    m_secrets->readPassword(refreshTokenSecretId(m_accountId), this,
                            [this](const SecretStore::Reply &reply) {
                                if (m_state != State::ReadingStore)
                                    return; // a sign-in started meanwhile
                                m_state = State::Idle;
                                m_storeRead = true;
                                if (reply.isOk() && !reply.password.isEmpty()) {
                                    m_refreshToken = reply.password;
                                    refresh();
                                } else if (reply.isOk()
                                           || reply.status == SecretStore::Status::NotFound) {
                                    ask(Reason::NotSignedIn, {});
                                } else {
                                    ask(Reason::StoreFailed,
                                        reply.errorString.isEmpty()
                                                ? tr("The keychain did not answer")
                                                : reply.errorString);
                                }
                            });
}

// QtNetworkAuth 6.4 reports no refused refresh (the flow stays "refreshing" for good), so the
// refresh grant (RFC 6749 6) is made here.
void OAuth2TokenManager::refresh()
{
    m_state = State::Refreshing;
    m_refreshTimer.stop();
    QList<QPair<QString, QString>> fields {{u"grant_type"_s, u"refresh_token"_s},
                                           {u"refresh_token"_s, m_refreshToken},
                                           {u"client_id"_s, m_provider.clientId}};
    if (!m_provider.clientSecret.isEmpty())
        fields.append({u"client_secret"_s, m_provider.clientSecret});
    QNetworkRequest request(m_provider.tokenUrl);
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded"_ba);
    request.setRawHeader("Accept", "application/json");
    QNetworkReply *reply = network()->post(request, formBody(fields));
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        onRefreshFinished(reply);
    });
}

void OAuth2TokenManager::onRefreshFinished(QNetworkReply *reply)
{
    if (m_state != State::Refreshing)
        return; // a sign-in started meanwhile
    m_state = State::Idle;
    const QJsonObject answer = tokenAnswer(reply->readAll());
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString token = answer.value("access_token"_L1).toString();
    if (reply->error() == QNetworkReply::NoError && !token.isEmpty()) {
        accept(token, expiresIn(answer), answer.value("refresh_token"_L1).toString());
        return;
    }
    if (status == 400 || status == 401) {
        // RFC 6749 5.2: invalid_grant and its kind; the refresh token is of no more use.
        qCInfo(lcOAuth) << "refresh token refused:" << errorText(answer, reply);
        m_refreshToken.clear();
        m_accessToken.clear();
        m_secrets->deletePassword(refreshTokenSecretId(m_accountId), this,
                                  [](const SecretStore::Reply &) {});
        ask(Reason::Refused, errorText(answer, reply));
        return;
    }
    // The provider could not be reached or failed: nobody gets a token this time.
    const QString detail = errorText(answer, reply);
    qCInfo(lcOAuth) << "token refresh failed:" << detail;
    Q_EMIT notice(
            tr("%1 could not be reached for a new access token: %2").arg(m_provider.name, detail));
    answerWaiters({});
}

void OAuth2TokenManager::accept(const QString &accessToken, qint64 expiresInSeconds,
                                const QString &refreshToken)
{
    m_state = State::Idle;
    m_accessToken = accessToken;
    m_expiresAt = expiresInSeconds > 0 ? QDateTime::currentDateTimeUtc().addSecs(expiresInSeconds)
                                       : QDateTime();
    if (!refreshToken.isEmpty() && refreshToken != m_refreshToken) {
        m_refreshToken = refreshToken;
        storeRefreshToken(refreshToken);
    }
    m_refreshTimer.stop();
    // A token that lives shorter than twice the margin is replaced halfway through its life.
    m_effectiveMargin = expiresInSeconds > 0
                                ? qMin<qint64>(m_margin.count(), expiresInSeconds * 500)
                                : m_margin.count();
    if (m_expiresAt.isValid() && !m_refreshToken.isEmpty()) {
        const qint64 due = QDateTime::currentDateTimeUtc().msecsTo(m_expiresAt) - m_effectiveMargin;
        m_refreshTimer.start(std::chrono::milliseconds(qMax<qint64>(0, due)));
    }
    Q_EMIT accessTokenChanged(m_accessToken);
    answerWaiters(m_accessToken);
}

void OAuth2TokenManager::storeRefreshToken(const QString &refreshToken)
{
    m_storeRead = true;
    m_secrets->writePassword(refreshTokenSecretId(m_accountId), refreshToken, this,
                             [this](const SecretStore::Reply &reply) {
                                 if (!reply.isOk())
                                     Q_EMIT notice(tr("The sign-in could not be stored (%1); it "
                                                      "is kept until Heron quits.")
                                                           .arg(reply.errorString));
                             });
}

void OAuth2TokenManager::rejected(const QString &serverText)
{
    m_accessToken.clear();
    m_expiresAt = QDateTime();
    if (m_state != State::Idle)
        return; // a fresh token or the user's sign-in is on its way
    if (!m_retried && !m_refreshToken.isEmpty()) {
        m_retried = true;
        if (!m_waiters.isEmpty())
            refresh();
        return; // the next read() fetches a fresh one
    }
    m_retried = false;
    ask(Reason::Refused, serverText);
}

void OAuth2TokenManager::ask(Reason reason, const QString &detail)
{
    m_state = State::AwaitingUser;
    Q_EMIT signInRequested(reason, detail);
}

void OAuth2TokenManager::declineSignIn()
{
    if (m_state != State::AwaitingUser && m_state != State::Authorizing)
        return;
    endFlow();
    m_state = State::Idle;
    answerWaiters({});
}

void OAuth2TokenManager::signIn()
{
    endFlow();
    m_state = State::Authorizing;
    m_codeVerifier = makeCodeVerifier();

    auto *flow = new QOAuth2AuthorizationCodeFlow(network(), this);
    m_flow = flow;
    // RFC 8252 7.3: a loopback IP address, any free port, for this one sign-in.
    auto *handler = new QOAuthHttpServerReplyHandler(QHostAddress::LocalHost, 0, flow);
    handler->setCallbackText(tr("Heron is signed in. You can close this page."));
    flow->setReplyHandler(handler);
    flow->setAuthorizationUrl(m_provider.authorizationUrl);
    flow->setAccessTokenUrl(m_provider.tokenUrl);
    flow->setClientIdentifier(m_provider.clientId);
    if (!m_provider.clientSecret.isEmpty())
        flow->setClientIdentifierSharedKey(m_provider.clientSecret);
    flow->setScope(m_provider.scopes.join(u' '));
    // QtNetworkAuth 6.4 knows no PKCE: the challenge goes with the authorization request, the
    // verifier with the token request.
    const QByteArray verifier = m_codeVerifier;
    const QList<QPair<QString, QString>> extra = m_provider.authorizationParameters;
    flow->setModifyParametersFunction([verifier, extra](QAbstractOAuth::Stage stage,
                                                        QMultiMap<QString, QVariant> *parameters) {
        if (stage == QAbstractOAuth::Stage::RequestingAuthorization) {
            parameters->insert(u"code_challenge"_s, QString::fromLatin1(codeChallenge(verifier)));
            parameters->insert(u"code_challenge_method"_s, u"S256"_s);
            for (const auto &[key, value] : extra)
                parameters->insert(key, value);
        } else if (stage == QAbstractOAuth::Stage::RequestingAccessToken) {
            parameters->insert(u"code_verifier"_s, QString::fromLatin1(verifier));
        }
    });
    connect(flow, &QAbstractOAuth::authorizeWithBrowser, this,
            &OAuth2TokenManager::browserRequested);
    connect(flow, &QAbstractOAuth::granted, this, &OAuth2TokenManager::onGranted);
    connect(flow, &QAbstractOAuth2::error, this,
            [this, flow](const QString &error, const QString &description, const QUrl &) {
                if (flow != m_flow)
                    return;
                endFlow();
                ask(Reason::SignInFailed, description.isEmpty() ? error : description);
            });
    // A refused code comes back as an HTTP error, which QtNetworkAuth 6.4 only logs.
    connect(network(), &QNetworkAccessManager::finished, flow, [this](QNetworkReply *reply) {
        if (m_state == State::Authorizing && reply->url() == m_provider.tokenUrl
            && reply->error() != QNetworkReply::NoError)
            onTokenReplyFinished(reply);
    });
    if (!handler->isListening()) {
        endFlow();
        ask(Reason::SignInFailed, tr("No local port is free for the browser's answer"));
        return;
    }
    flow->grant();
}

void OAuth2TokenManager::onTokenReplyFinished(QNetworkReply *reply)
{
    const QString detail = errorText(tokenAnswer(reply->readAll()), reply);
    qCInfo(lcOAuth) << "authorization code refused:" << detail;
    endFlow();
    ask(Reason::SignInFailed, detail);
}

void OAuth2TokenManager::onGranted()
{
    QOAuth2AuthorizationCodeFlow *flow = m_flow;
    if (!flow || m_state != State::Authorizing)
        return;
    const QString token = flow->token();
    const QString refreshToken = flow->refreshToken();
    const QDateTime expiry = flow->expirationAt();
    endFlow();
    m_retried = false;
    const qint64 seconds = expiry.isValid()
                                   ? qMax<qint64>(1, QDateTime::currentDateTimeUtc().secsTo(expiry))
                                   : -1;
    accept(token, seconds, refreshToken);
}

void OAuth2TokenManager::endFlow()
{
    if (!m_flow)
        return;
    if (auto *handler = qobject_cast<QOAuthHttpServerReplyHandler *>(m_flow->replyHandler()))
        handler->close();
    m_flow->disconnect(this);
    m_flow->deleteLater();
    m_flow = nullptr;
    if (m_state == State::Authorizing)
        m_state = State::Idle;
}

void OAuth2TokenManager::answerWaiters(const QString &token)
{
    const QList<std::function<void(const QString &)>> waiters = std::exchange(m_waiters, {});
    for (const auto &waiter : waiters)
        waiter(token);
}

void OAuth2TokenManager::reloadStore()
{
    m_secrets->readPassword(refreshTokenSecretId(m_accountId), this,
                            [this](const SecretStore::Reply &reply) {
                                // A refresh or a browser sign-in under way ends with a token of its own.
                                const bool quiet = m_state == State::Idle
                                                   || m_state == State::AwaitingUser;
                                if (!quiet || !reply.isOk() || reply.password.isEmpty()
                                    || reply.password == m_refreshToken)
                                    return;
                                const bool waiting = m_state == State::AwaitingUser
                                                     || !m_waiters.isEmpty();
                                m_storeRead = true;
                                m_refreshToken = reply.password;
                                m_accessToken.clear();
                                m_expiresAt = QDateTime();
                                m_refreshTimer.stop();
                                m_state = State::Idle;
                                if (waiting)
                                    refresh();
                            });
}

void OAuth2TokenManager::signOut()
{
    endFlow();
    m_refreshTimer.stop();
    m_state = State::Idle;
    m_accessToken.clear();
    m_expiresAt = QDateTime();
    m_refreshToken.clear();
    m_storeRead = true;
    m_secrets->deletePassword(refreshTokenSecretId(m_accountId), this,
                              [](const SecretStore::Reply &) {});
    answerWaiters({});
}
