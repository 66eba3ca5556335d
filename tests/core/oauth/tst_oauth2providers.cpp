#include "oauth/oauth2providers.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

class TestOAuth2Providers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void builtInProvidersHaveEndpointsAndScopes_data();
    void builtInProvidersHaveEndpointsAndScopes();
    void forAccount_data();
    void forAccount();
    void settingsOverrideClientAndEndpoints();
    void missingClientIdIsExplained();
};

void TestOAuth2Providers::builtInProvidersHaveEndpointsAndScopes_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("authorizationHost");
    QTest::addColumn<QString>("scope");
    QTest::addRow("Google") << "google"
                            << "accounts.google.com"
                            << "https://mail.google.com/";
    QTest::addRow("Microsoft") << "microsoft"
                               << "login.microsoftonline.com"
                               << "https://outlook.office.com/IMAP.AccessAsUser.All";
    QTest::addRow("Yahoo") << "yahoo"
                           << "api.login.yahoo.com"
                           << "mail-w";
    QTest::addRow("AOL") << "aol"
                         << "api.login.aol.com"
                         << "mail-w";
}

void TestOAuth2Providers::builtInProvidersHaveEndpointsAndScopes()
{
    QFETCH(QString, id);
    QFETCH(QString, authorizationHost);
    QFETCH(QString, scope);
    const auto provider = OAuth2Providers::find(id, nullptr);
    QVERIFY(provider);
    QVERIFY(provider->isValid());
    QCOMPARE(provider->authorizationUrl.host(), authorizationHost);
    QCOMPARE(provider->authorizationUrl.scheme(), QStringLiteral("https"));
    QCOMPARE(provider->tokenUrl.scheme(), QStringLiteral("https"));
    QVERIFY(provider->scopes.contains(scope));
    QVERIFY(!provider->name.isEmpty());
    QVERIFY(!provider->domains.isEmpty());
    QVERIFY(!provider->hosts.isEmpty());
}

void TestOAuth2Providers::forAccount_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("id"); // empty: none
    QTest::addRow("gmail address") << "ann@gmail.com"
                                   << ""
                                   << "google";
    QTest::addRow("upper case domain") << "Ann@GMail.com"
                                       << ""
                                       << "google";
    QTest::addRow("Google Workspace by host") << "ann@firm.example"
                                              << "imap.gmail.com"
                                              << "google";
    QTest::addRow("outlook.com") << "bob@outlook.com"
                                 << ""
                                 << "microsoft";
    QTest::addRow("Office 365 by host") << "bob@firm.example"
                                        << "outlook.office365.com"
                                        << "microsoft";
    QTest::addRow("yahoo") << "cy@yahoo.com"
                           << ""
                           << "yahoo";
    QTest::addRow("aol") << "di@aol.com"
                         << "imap.aol.com"
                         << "aol";
    QTest::addRow("anyone else") << "eve@example.org"
                                 << "imap.example.org"
                                 << "";
    QTest::addRow("no address") << ""
                                << ""
                                << "";
}

void TestOAuth2Providers::forAccount()
{
    QFETCH(QString, address);
    QFETCH(QString, host);
    QFETCH(QString, id);
    const auto provider = OAuth2Providers::forAccount(address, host, nullptr);
    QCOMPARE(provider ? provider->id : QString(), id);
}

void TestOAuth2Providers::settingsOverrideClientAndEndpoints()
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("heron.conf")), QSettings::IniFormat);
    settings.setValue(QStringLiteral("oauth2/google/clientId"), QStringLiteral("id-123"));
    settings.setValue(QStringLiteral("oauth2/google/clientSecret"), QStringLiteral("s3"));
    settings.setValue(QStringLiteral("oauth2/yahoo/tokenUrl"),
                      QStringLiteral("http://127.0.0.1:9/token"));
    settings.setValue(QStringLiteral("oauth2/yahoo/scopes"), QStringLiteral("a b"));
    const auto google = OAuth2Providers::find(QStringLiteral("google"), &settings);
    QVERIFY(google);
    QCOMPARE(google->clientId, QStringLiteral("id-123"));
    QCOMPARE(google->clientSecret, QStringLiteral("s3"));
    QCOMPARE(google->tokenUrl, QUrl(QStringLiteral("https://oauth2.googleapis.com/token")));
    const auto yahoo = OAuth2Providers::find(QStringLiteral("yahoo"), &settings);
    QCOMPARE(yahoo->tokenUrl, QUrl(QStringLiteral("http://127.0.0.1:9/token")));
    QCOMPARE(yahoo->scopes, QStringList({QStringLiteral("a"), QStringLiteral("b")}));
    QVERIFY(!OAuth2Providers::find(QStringLiteral("nobody"), &settings));
}

void TestOAuth2Providers::missingClientIdIsExplained()
{
    OAuth2Provider provider = *OAuth2Providers::find(QStringLiteral("microsoft"), nullptr);
    provider.clientId.clear();
    const QString text = OAuth2Providers::missingConfiguration(provider);
    QVERIFY(text.contains(QStringLiteral("Microsoft")));
    QVERIFY(text.contains(QStringLiteral("HERON_OAUTH_CLIENT_ID_MICROSOFT")));
    QVERIFY(text.contains(QStringLiteral("microsoft/clientId")));
    QVERIFY(text.contains(QStringLiteral("[oauth2]")));
    provider.clientId = QStringLiteral("configured");
    QVERIFY(OAuth2Providers::missingConfiguration(provider).isEmpty());
}

QTEST_GUILESS_MAIN(TestOAuth2Providers)
#include "tst_oauth2providers.moc"
