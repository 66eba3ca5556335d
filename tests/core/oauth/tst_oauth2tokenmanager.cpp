#include "accounts/memorysecretstore.h"
#include "oauth/oauth2tokenmanager.h"
#include "oauthtestserver.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using Reason = OAuth2TokenManager::Reason;

namespace {

const QString AccountId = QStringLiteral("acct-1");

// What the secret store holds under key; empty when nothing.
QString stored(SecretStore &store, const QString &key)
{
    QString value;
    bool answered = false;
    QObject context;
    store.readPassword(key, &context, [&](const SecretStore::Reply &reply) {
        value = reply.password;
        answered = true;
    });
    if (!QTest::qWaitFor([&] { return answered; }))
        return QStringLiteral("<no answer>");
    return value;
}

void put(SecretStore &store, const QString &key, const QString &value)
{
    bool answered = false;
    QObject context;
    store.writePassword(key, value, &context, [&](const SecretStore::Reply &) { answered = true; });
    QVERIFY(QTest::qWaitFor([&] { return answered; }));
}

// The user's browser: follows the authorization request to the test server and the redirect
// back to Heron's loopback listener.
class Browser : public QObject
{
public:
    enum class Choice { Approve, Deny };

    Browser(OAuthTestServer *server, OAuth2TokenManager *tokens, Choice choice = Choice::Approve)
    {
        connect(tokens, &OAuth2TokenManager::browserRequested, this,
                [this, server, choice](const QUrl &url) {
                    requests << url;
                    const QUrl redirect = choice == Choice::Approve
                                                  ? server->approve(url, QStringLiteral("alice"))
                                                  : server->deny(url);
                    if (!redirect.isValid())
                        return; // a wrong request: the user sees an error page and gives up
                    QNetworkReply *reply = m_network.get(QNetworkRequest(redirect));
                    connect(reply, &QNetworkReply::finished, this, [this, reply] {
                        reply->deleteLater();
                        pages << reply->readAll();
                    });
                });
    }

    QList<QUrl> requests;
    QList<QByteArray> pages;

private:
    QNetworkAccessManager m_network;
};

} // namespace

class TestOAuth2TokenManager : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void signInWithPkceAndLoopbackRedirect();
    void storedRefreshTokenNeedsNoBrowser();
    void rotatedRefreshTokenIsStored();
    void refreshedBeforeExpiry();
    void refusedTokenIsReplacedOnce();
    void refusedRefreshAsksToSignInAgain();
    void deniedSignIn();
    void refusedCodeEndsTheSignIn();
    void declinedSignInAnswersEmpty();
    void keychainFailureIsTheReason();
    void unreachableProviderAnswersEmpty();
    void newerSignInInTheStoreAnswersTheQuestion();
    void unchangedStoreKeepsTheToken();
};

void TestOAuth2TokenManager::signInWithPkceAndLoopbackRedirect()
{
    OAuthTestServer server;
    MemorySecretStore secrets;
    OAuth2TokenManager tokens(AccountId, server.provider(), &secrets);
    Browser browser(&server, &tokens);
    QSignalSpy asked(&tokens, &OAuth2TokenManager::signInRequested);

    QStringList delivered;
    QObject context;
    tokens.read(&context, [&](const QString &token) { delivered << token; });
    tokens.read(&context, [&](const QString &token) { delivered << token; });
    QTRY_COMPARE(asked.size(), 1);
    QCOMPARE(asked.at(0).at(0).value<Reason>(), Reason::NotSignedIn);
    QCOMPARE(tokens.state(), OAuth2TokenManager::State::AwaitingUser);
    QVERIFY(delivered.isEmpty());

    tokens.signIn();
    QTRY_COMPARE(delivered.size(), 2);
    QCOMPARE(browser.requests.size(), 1);
    const QUrlQuery request(browser.requests.at(0));
    QCOMPARE(request.queryItemValue(QStringLiteral("code_challenge_method")),
             QStringLiteral("S256"));
    QCOMPARE(request.queryItemValue(QStringLiteral("code_challenge")).size(), 43);
    QCOMPARE(request.queryItemValue(QStringLiteral("client_id")), server.clientId());
    QCOMPARE(request.queryItemValue(QStringLiteral("scope"), QUrl::FullyDecoded),
             QStringLiteral("mail offline_access"));
    const QUrl redirect(request.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
    QCOMPARE(redirect.scheme(), QStringLiteral("http"));
    QCOMPARE(redirect.host(), QStringLiteral("127.0.0.1"));
    QVERIFY(redirect.port() > 0);

    // The server checked the verifier against the challenge before it issued the token.
    QCOMPARE(server.issuedAccessTokens().size(), 1);
    QCOMPARE(delivered, QStringList(2, server.issuedAccessTokens().at(0)));
    QCOMPARE(server.tokenRequests().size(), 1);
    QCOMPARE(server.tokenRequests().at(0).grantType, QStringLiteral("authorization_code"));
    QVERIFY(server.lastRefusal().isEmpty());
    QCOMPARE(tokens.accessToken(), delivered.at(0));
    QVERIFY(tokens.expiresAt() > QDateTime::currentDateTimeUtc().addSecs(3000));
    QTRY_VERIFY(!browser.pages.isEmpty());

    // The refresh token is in the keychain, not the access token.
    const QString refresh = stored(secrets, OAuth2TokenManager::refreshTokenSecretId(AccountId));
    QVERIFY(refresh.startsWith(QStringLiteral("rt-")));
    QVERIFY(!secrets.contains(AccountId));

    // A fresh token is handed over without asking anyone.
    QString again;
    tokens.read(&context, [&](const QString &token) { again = token; });
    QTRY_COMPARE(again, delivered.at(0));
    QCOMPARE(server.tokenRequests().size(), 1);
}

void TestOAuth2TokenManager::storedRefreshTokenNeedsNoBrowser()
{
    OAuthTestServer server;
    MemorySecretStore secrets;
    put(secrets, OAuth2TokenManager::refreshTokenSecretId(AccountId),
        server.issueRefreshToken(QStringLiteral("alice")));
    OAuth2TokenManager tokens(AccountId, server.provider(), &secrets);
    QSignalSpy asked(&tokens, &OAuth2TokenManager::signInRequested);
    QSignalSpy browser(&tokens, &OAuth2TokenManager::browserRequested);

    QString delivered;
    QObject context;
    tokens.read(&context, [&](const QString &token) { delivered = token; });
    QTRY_VERIFY(!delivered.isEmpty());
    QVERIFY(server.isActive(delivered));
    QCOMPARE(server.tokenRequests().size(), 1);
    QCOMPARE(server.tokenRequests().at(0).grantType, QStringLiteral("refresh_token"));
    QCOMPARE(asked.size(), 0);
    QCOMPARE(browser.size(), 0);
}

void TestOAuth2TokenManager::rotatedRefreshTokenIsStored()
{
    OAuthTestServer server;
    server.setRotateRefreshTokens(true);
    MemorySecretStore secrets;
    const QString first = server.issueRefreshToken(QStringLiteral("alice"));
    const QString key = OAuth2TokenManager::refreshTokenSecretId(AccountId);
    put(secrets, key, first);
    OAuth2TokenManager tokens(AccountId, server.provider(), &secrets);
    QString delivered;
    QObject context;
    tokens.read(&context, [&](const QString &token) { delivered = token; });
    QTRY_VERIFY(!delivered.isEmpty());
    QTRY_VERIFY(stored(secrets, key) != first);
    QVERIFY(stored(secrets, key).startsWith(QStringLiteral("rt-")));
}

void TestOAuth2TokenManager::refreshedBeforeExpiry()
{
    OAuthTestServer server;
    server.setAccessTokenLifetime(3);
    MemorySecretStore secrets;
    put(secrets, OAuth2TokenManager::refreshTokenSecretId(AccountId),
        server.issueRefreshToken(QStringLiteral("alice")));
    OAuth2TokenManager tokens(AccountId, server.provider(), &secrets);
    tokens.setRefreshMargin(std::chrono::seconds(2));
    QSignalSpy changed(&tokens, &OAuth2TokenManager::accessTokenChanged);
    QObject context;
    tokens.read(&context, [](const QString &) {});
    QTRY_COMPARE(changed.size(), 1);
    const QString first = changed.at(0).at(0).toString();
    // Nobody asks: the token is replaced while the first one is still valid.
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 2, 15000);
    const QString second = changed.at(1).at(0).toString();
    QVERIFY(second != first);
    QVERIFY(server.isActive(second));
    QCOMPARE(server.tokenRequests().size(), 2);
    QCOMPARE(server.tokenRequests().at(1).grantType, QStringLiteral("refresh_token"));
}

void TestOAuth2TokenManager::refusedTokenIsReplacedOnce()
{
    OAuthTestServer server;
    MemorySecretStore secrets;
    put(secrets, OAuth2TokenManager::refreshTokenSecretId(AccountId),
        server.issueRefreshToken(QStringLiteral("alice")));
    OAuth2TokenManager tokens(AccountId, server.provider(), &secrets);
    QSignalSpy asked(&tokens, &OAuth2TokenManager::signInRequested);
    QObject context;
    QStringList delivered;
    tokens.read(&context, [&](const QString &token) { delivered << token; });
    QTRY_COMPARE(delivered.size(), 1);

    // The server refuses it (it expired early): a fresh one, no question.
    tokens.rejected(QStringLiteral("NO [AUTHENTICATIONFAILED]"));
    QVERIFY(tokens.accessToken().isEmpty());
    tokens.read(&context, [&](const QString &token) { delivered << token; });
    QTRY_COMPARE(delivered.size(), 2);
    QVERIFY(delivered.at(1) != delivered.at(0));
    QCOMPARE(server.tokenRequests().size(), 2);
    QCOMPARE(asked.size(), 0);

    // The fresh one is refused too: fetching more would not help, the user signs in again.
    tokens.rejected(QStringLiteral("NO [AUTHENTICATIONFAILED] still"));
    QTRY_COMPARE(asked.size(), 1);
    QCOMPARE(asked.at(0).at(0).value<Reason>(), Reason::Refused);
    QCOMPARE(asked.at(0).at(1).toString(), QStringLiteral("NO [AUTHENTICATIONFAILED] still"));
    QCOMPARE(server.tokenRequests().size(), 2);

    // After a login that worked, a later refusal gets its one retry again.
    OAuth2TokenManager second(AccountId, server.provider(), &secrets);
    QSignalSpy asked2(&second, &OAuth2TokenManager::signInRequested);
    delivered.clear();
    second.read(&context, [&](const QString &token) { delivered << token; });
    QTRY_COMPARE(delivered.size(), 1);
    second.loginSucceeded();
    second.rejected(QStringLiteral("first"));
    second.read(&context, [&](const QString &token) { delivered << token; });
    QTRY_COMPARE(delivered.size(), 2);
    second.loginSucceeded();
    second.rejected(QStringLiteral("second"));
    second.read(&context, [&](const QString &token) { delivered << token; });
    QTRY_COMPARE(delivered.size(), 3);
    QCOMPARE(asked2.size(), 0);
}

void TestOAuth2TokenManager::refusedRefreshAsksToSignInAgain()
{
    OAuthTestServer server;
    MemorySecretStore secrets;
    const QString key = OAuth2TokenManager::refreshTokenSecretId(AccountId);
    put(secrets, key, server.issueRefreshToken(QStringLiteral("alice")));
    OAuth2TokenManager tokens(AccountId, server.provider(), &secrets);
    Browser browser(&server, &tokens);
    QSignalSpy asked(&tokens, &OAuth2TokenManager::signInRequested);
    QObject context;
    QStringList delivered;
    tokens.read(&context, [&](const QString &token) { delivered << token; });
    QTRY_COMPARE(delivered.size(), 1);

    // The user revoked Heron's access at the provider.
    server.revokeAll();
    tokens.rejected(QStringLiteral("NO revoked"));
    tokens.read(&context, [&](const QString &token) { delivered << token; });
    QTRY_COMPARE(asked.size(), 1);
    QCOMPARE(asked.at(0).at(0).value<Reason>(), Reason::Refused);
    QVERIFY2(asked.at(0).at(1).toString().contains(QStringLiteral("invalid_grant")),
             qPrintable(asked.at(0).at(1).toString()));
    QCOMPARE(delivered.size(), 1); // waiting for the user
    QTRY_VERIFY(!secrets.contains(key)); // the refused refresh token is gone

    // Signing in again answers the waiting read.
    tokens.signIn();
    QTRY_COMPARE(delivered.size(), 2);
    QVERIFY(server.isActive(delivered.at(1)));
    QTRY_VERIFY(stored(secrets, key).startsWith(QStringLiteral("rt-")));
}

void TestOAuth2TokenManager::deniedSignIn()
{
    OAuthTestServer server;
    MemorySecretStore secrets;
    OAuth2TokenManager tokens(AccountId, server.provider(), &secrets);
    Browser browser(&server, &tokens, Browser::Choice::Deny);
    QSignalSpy asked(&tokens, &OAuth2TokenManager::signInRequested);
    QObject context;
    QStringList delivered;
    tokens.read(&context, [&](const QString &token) { delivered << token; });
    QTRY_COMPARE(asked.size(), 1);
    tokens.signIn();
    QTRY_COMPARE(asked.size(), 2);
    QCOMPARE(asked.at(1).at(0).value<Reason>(), Reason::SignInFailed);
    QVERIFY2(asked.at(1).at(1).toString().contains(QStringLiteral("denied")),
             qPrintable(asked.at(1).at(1).toString()));
    QVERIFY(server.tokenRequests().isEmpty());
    QVERIFY(delivered.isEmpty());
    tokens.declineSignIn();
    QTRY_COMPARE(delivered, QStringList {QString()});
}

void TestOAuth2TokenManager::refusedCodeEndsTheSignIn()
{
    OAuthTestServer server;
    MemorySecretStore secrets;
    OAuth2Provider provider = server.provider();
    provider.clientSecret = QStringLiteral("x"); // harmless
    OAuth2TokenManager tokens(AccountId, provider, &secrets);
    // The user approves, but the code is spent before Heron redeems it.
    connect(&tokens, &OAuth2TokenManager::browserRequested, this, [&server](const QUrl &url) {
        QUrl redirect = server.approve(url, QStringLiteral("alice"));
        QUrlQuery query(redirect);
        query.removeAllQueryItems(QStringLiteral("code"));
        query.addQueryItem(QStringLiteral("code"), QStringLiteral("spent"));
        redirect.setQuery(query);
        auto *network = new QNetworkAccessManager(&server);
        network->get(QNetworkRequest(redirect));
    });
    QSignalSpy asked(&tokens, &OAuth2TokenManager::signInRequested);
    tokens.signIn();
    QTRY_COMPARE(asked.size(), 1);
    QCOMPARE(asked.at(0).at(0).value<Reason>(), Reason::SignInFailed);
    QVERIFY2(asked.at(0).at(1).toString().contains(QStringLiteral("Unknown code")),
             qPrintable(asked.at(0).at(1).toString()));
    QCOMPARE(tokens.state(), OAuth2TokenManager::State::AwaitingUser);
}

void TestOAuth2TokenManager::declinedSignInAnswersEmpty()
{
    OAuthTestServer server;
    MemorySecretStore secrets;
    OAuth2TokenManager tokens(AccountId, server.provider(), &secrets);
    QSignalSpy asked(&tokens, &OAuth2TokenManager::signInRequested);
    QObject context;
    QStringList delivered;
    tokens.read(&context, [&](const QString &token) { delivered << token; });
    QTRY_COMPARE(asked.size(), 1);
    tokens.declineSignIn();
    QTRY_COMPARE(delivered, QStringList {QString()});
    QCOMPARE(tokens.state(), OAuth2TokenManager::State::Idle);
    // Asked again next time.
    tokens.read(&context, [&](const QString &token) { delivered << token; });
    QTRY_COMPARE(asked.size(), 2);
}

void TestOAuth2TokenManager::keychainFailureIsTheReason()
{
    OAuthTestServer server;
    MemorySecretStore secrets;
    secrets.setAvailable(false);
    OAuth2TokenManager tokens(AccountId, server.provider(), &secrets);
    QSignalSpy asked(&tokens, &OAuth2TokenManager::signInRequested);
    QObject context;
    tokens.read(&context, [](const QString &) {});
    QTRY_COMPARE(asked.size(), 1);
    QCOMPARE(asked.at(0).at(0).value<Reason>(), Reason::StoreFailed);
    QVERIFY(!asked.at(0).at(1).toString().isEmpty());
}

void TestOAuth2TokenManager::unreachableProviderAnswersEmpty()
{
    MemorySecretStore secrets;
    put(secrets, OAuth2TokenManager::refreshTokenSecretId(AccountId), QStringLiteral("rt-x"));
    OAuth2Provider provider;
    {
        OAuthTestServer gone;
        provider = gone.provider();
    } // its port is closed now
    OAuth2TokenManager tokens(AccountId, provider, &secrets);
    QSignalSpy asked(&tokens, &OAuth2TokenManager::signInRequested);
    QSignalSpy notice(&tokens, &OAuth2TokenManager::notice);
    QObject context;
    QStringList delivered;
    tokens.read(&context, [&](const QString &token) { delivered << token; });
    QTRY_COMPARE(delivered, QStringList {QString()});
    QCOMPARE(notice.size(), 1);
    QCOMPARE(asked.size(), 0); // the sign-in still stands
    QCOMPARE(stored(secrets, OAuth2TokenManager::refreshTokenSecretId(AccountId)),
             QStringLiteral("rt-x"));
}

QTEST_GUILESS_MAIN(TestOAuth2TokenManager)
#include "tst_oauth2tokenmanager.moc"

void TestOAuth2TokenManager::newerSignInInTheStoreAnswersTheQuestion()
{
    OAuthTestServer server;
    MemorySecretStore secrets;
    OAuth2TokenManager tokens(AccountId, server.provider(), &secrets);
    QSignalSpy asked(&tokens, &OAuth2TokenManager::signInRequested);
    QObject context;
    QStringList delivered;
    tokens.read(&context, [&](const QString &token) { delivered << token; });
    QTRY_COMPARE(asked.size(), 1);
    QVERIFY(tokens.isAwaitingUser());

    // The account dialog signed in and stored its refresh token.
    put(secrets, OAuth2TokenManager::refreshTokenSecretId(AccountId),
        server.issueRefreshToken(QStringLiteral("alice")));
    tokens.reloadStore();
    QTRY_COMPARE(delivered.size(), 1);
    QVERIFY(server.isActive(delivered.at(0)));
    QCOMPARE(tokens.state(), OAuth2TokenManager::State::Idle);
    QCOMPARE(asked.size(), 1);
}

void TestOAuth2TokenManager::unchangedStoreKeepsTheToken()
{
    OAuthTestServer server;
    MemorySecretStore secrets;
    put(secrets, OAuth2TokenManager::refreshTokenSecretId(AccountId),
        server.issueRefreshToken(QStringLiteral("alice")));
    OAuth2TokenManager tokens(AccountId, server.provider(), &secrets);
    QObject context;
    QString first;
    tokens.read(&context, [&](const QString &token) { first = token; });
    QTRY_VERIFY(!first.isEmpty());

    tokens.reloadStore();
    QString second;
    tokens.read(&context, [&](const QString &token) { second = token; });
    QTRY_COMPARE(second, first);
    QCOMPARE(server.tokenRequests().size(), 1);
}
