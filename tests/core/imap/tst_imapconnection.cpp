#include "imap/imapconnection.h"

#include "faketransport.h"
#include "imaptestsession.h"
#include "scriptedserver.h"

#include <QSignalSpy>
#include <QTest>

using namespace ImapTestSession;

class TestImapConnection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void opening_data();
    void opening();
    void mechanisms_data();
    void mechanisms();
    void plainTextAfterStartTlsIsDiscarded();
    void commandsWaitUntilReady();
    void pipelinedCommandsRoutedByTag();
    void untaggedRouting();
    void synchronizingLiteralWaitsForContinuation();
    void disconnectInsideLiteral();
    void byeMidFetch();
    void idleEndsForWorkAndRestarts();
    void idleRenews();
    void idleRefusedIsNotRetried();
    void oversizedLiteralFailsConnection();
    void largeLiteralBeforeLoginFailsAtOnce_data();
    void largeLiteralBeforeLoginFailsAtOnce();
    void longFieldIsCutAndTheSessionGoesOn();
    void unparsableResponseFailsConnection();
    void logoutClosesQuietly();
};

void TestImapConnection::opening_data()
{
    QTest::addColumn<int>("security");
    QTest::addColumn<QByteArray>("password");
    QTest::addColumn<QByteArray>("script");
    QTest::addColumn<int>("errorKind"); // MailError::Kind::None when the session opens
    QTest::addColumn<QByteArrayList>("capabilitiesAfter");

    const int tls = int(Security::ImplicitTls);
    const int starttls = int(Security::StartTls);
    const int none = int(Security::None);
    const int ok = int(MailError::Kind::None);

    QTest::newRow("implicit TLS, SASL-IR, ID and ENABLE")
            << tls << QByteArray("secret")
            << QByteArray("S: * OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN ID] ready\n"
                          "C: h1 AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==\n"
                          "S: h1 OK [CAPABILITY IMAP4rev1 ID ENABLE CONDSTORE QRESYNC IDLE] in\n"
                          "C: h2 ID (\"name\" \"Heron\" \"version\" \"0.1\")\n"
                          "C: h3 ENABLE CONDSTORE QRESYNC\n"
                          "S: * ID (\"name\" \"Dovecot\")\n"
                          "S: h2 OK ID completed\n"
                          "S: * ENABLED CONDSTORE QRESYNC\n"
                          "S: h3 OK Enabled\n")
            << ok << QByteArrayList {"IMAP4REV1", "ID", "ENABLE", "CONDSTORE", "QRESYNC", "IDLE"};
    QTest::newRow("greeting without capabilities, login refreshes them")
            << tls << QByteArray("secret")
            << QByteArray("S: * OK ready\n"
                          "C: h1 CAPABILITY\n"
                          "S: * CAPABILITY IMAP4rev1 AUTH=PLAIN\n"
                          "S: h1 OK done\n"
                          "C: h2 AUTHENTICATE PLAIN\n"
                          "S: +\n"
                          "C: AGFsaWNlAHNlY3JldA==\n"
                          "S: h2 OK Logged in\n"
                          "C: h3 CAPABILITY\n"
                          "S: * CAPABILITY IMAP4rev1 MOVE UIDPLUS\n"
                          "S: h3 OK done\n")
            << ok << QByteArrayList {"IMAP4REV1", "MOVE", "UIDPLUS"};
    QTest::newRow("STARTTLS, capabilities asked again after the handshake")
            << starttls << QByteArray("secret")
            << QByteArray("S: * OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready\n"
                          "C: h1 STARTTLS\n"
                          "S: h1 OK Begin TLS negotiation now\n"
                          "S: <starttls>\n"
                          "C: h2 CAPABILITY\n"
                          "S: * CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR\n"
                          "S: h2 OK done\n"
                          "C: h3 AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==\n"
                          "S: h3 OK [CAPABILITY IMAP4rev1 IDLE] Logged in\n")
            << ok << QByteArrayList {"IMAP4REV1", "IDLE"};
    QTest::newRow("STARTTLS required but not offered: no credentials sent")
            << starttls << QByteArray("secret")
            << QByteArray("S: * OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR] ready\n"
                          "C: <close>\n")
            << int(MailError::Kind::Policy) << QByteArrayList {};
    QTest::newRow("STARTTLS not offered, found through CAPABILITY")
            << starttls << QByteArray("secret")
            << QByteArray("S: * OK ready\n"
                          "C: h1 CAPABILITY\n"
                          "S: * CAPABILITY IMAP4rev1 AUTH=PLAIN\n"
                          "S: h1 OK done\n"
                          "C: <close>\n")
            << int(MailError::Kind::Policy) << QByteArrayList {};
    QTest::newRow("STARTTLS refused")
            << starttls << QByteArray("secret")
            << QByteArray("S: * OK [CAPABILITY IMAP4rev1 STARTTLS] ready\n"
                          "C: h1 STARTTLS\n"
                          "S: h1 BAD not now\n"
                          "C: <close>\n")
            << int(MailError::Kind::Policy) << QByteArrayList {};
    QTest::newRow("PREAUTH on a link that needed STARTTLS")
            << starttls << QByteArray("secret")
            << QByteArray("S: * PREAUTH [CAPABILITY IMAP4rev1 STARTTLS] hi\n"
                          "C: <close>\n")
            << int(MailError::Kind::Policy) << QByteArrayList {};
    QTest::newRow("LOGIN fallback with quoting")
            << tls << QByteArray("se cr\"et")
            << QByteArray("S: * OK [CAPABILITY IMAP4rev1] ready\n"
                          "C: h1 LOGIN alice \"se cr\\\"et\"\n"
                          "S: h1 OK Logged in\n"
                          "C: h2 CAPABILITY\n"
                          "S: * CAPABILITY IMAP4rev1\n"
                          "S: h2 OK done\n")
            << ok << QByteArrayList {"IMAP4REV1"};
    QTest::newRow("LOGIN with a synchronising literal password")
            << tls << QByteArray("p\xc3\xa4ss")
            << QByteArray("S: * OK [CAPABILITY IMAP4rev1] ready\n"
                          "C: h1 LOGIN alice {5}\n"
                          "S: + go ahead\n"
                          "C: p\xc3\xa4ss\n"
                          "S: h1 OK [CAPABILITY IMAP4rev1 X] Logged in\n")
            << ok << QByteArrayList {"IMAP4REV1", "X"};
    QTest::newRow("plain link allowed when chosen")
            << none << QByteArray("secret")
            << QByteArray("S: * OK [CAPABILITY IMAP4rev1] ready\n"
                          "C: h1 LOGIN alice secret\n"
                          "S: h1 OK [CAPABILITY IMAP4rev1] Logged in\n")
            << ok << QByteArrayList {"IMAP4REV1"};
    QTest::newRow("LOGINDISABLED and no mechanism")
            << tls << QByteArray("secret")
            << QByteArray("S: * OK [CAPABILITY IMAP4rev1 LOGINDISABLED AUTH=GSSAPI] ready\n"
                          "C: <close>\n")
            << int(MailError::Kind::Authentication) << QByteArrayList {};
    QTest::newRow("wrong password")
            << tls << QByteArray("secret")
            << QByteArray("S: * OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR] ready\n"
                          "C: h1 AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==\n"
                          "S: h1 NO [AUTHENTICATIONFAILED] Authentication failed.\n"
                          "C: <close>\n")
            << int(MailError::Kind::Authentication) << QByteArrayList {};
    QTest::newRow("greeting BYE") << tls << QByteArray("secret")
                                  << QByteArray("S: * BYE Too many connections\n"
                                                "C: <close>\n")
                                  << int(MailError::Kind::Protocol) << QByteArrayList {};
    QTest::newRow("PREAUTH over TLS") << tls << QByteArray("secret")
                                      << QByteArray("S: * PREAUTH ready\n"
                                                    "C: h1 CAPABILITY\n"
                                                    "S: * CAPABILITY IMAP4rev1 IDLE\n"
                                                    "S: h1 OK done\n")
                                      << ok << QByteArrayList {"IMAP4REV1", "IDLE"};
    QTest::newRow("server hangs up during login")
            << tls << QByteArray("secret")
            << QByteArray("S: * OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR] ready\n"
                          "C: h1 AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==\n"
                          "S: <disconnect>\n")
            << int(MailError::Kind::Network) << QByteArrayList {};
}

void TestImapConnection::opening()
{
    QFETCH(int, security);
    QFETCH(QByteArray, password);
    QFETCH(QByteArray, script);
    QFETCH(int, errorKind);
    QFETCH(QByteArrayList, capabilitiesAfter);

    FakeTransport transport;
    ScriptedServer server(&transport, ScriptedServer::lines(script));
    ImapConnection connection(&transport);
    QSignalSpy ready(&connection, &ImapConnection::ready);
    QSignalSpy failed(&connection, &ImapConnection::failed);
    ImapConnectionSettings s = settings(Security(security));
    s.password = QString::fromUtf8(password);
    connection.open(s);

    if (errorKind == int(MailError::Kind::None)) {
        QTRY_COMPARE(ready.size(), 1);
        QVERIFY2(server.isComplete(), qPrintable(server.status()));
        QCOMPARE(connection.state(), ImapConnection::State::Ready);
        QCOMPARE(connection.capabilities(), capabilitiesAfter);
        QCOMPARE(failed.size(), 0);
    } else {
        QTRY_COMPARE(failed.size(), 1);
        QTRY_VERIFY2(server.isComplete(), qPrintable(server.status()));
        QCOMPARE(int(failed.at(0).at(0).value<MailError>().kind()), errorKind);
        QCOMPARE(ready.size(), 0);
        QCOMPARE(connection.state(), ImapConnection::State::Disconnected);
        if (errorKind == int(MailError::Kind::Policy)) {
            QVERIFY(!transport.written().contains("LOGIN"));
            QVERIFY(!transport.written().contains("AUTHENTICATE"));
        }
    }
    QVERIFY(transport.writtenWhileClosed().isEmpty());
}

void TestImapConnection::mechanisms_data()
{
    QTest::addColumn<int>("mechanism");
    QTest::addColumn<QByteArray>("script");
    QTest::addColumn<int>("errorKind"); // MailError::Kind::None when the session opens

    const int ok = int(MailError::Kind::None);
    const int policy = int(MailError::Kind::Policy);
    const int refused = int(MailError::Kind::Authentication);
    const QByteArray loggedIn = "S: h1 OK [CAPABILITY IMAP4rev1] Logged in\n";

    QTest::newRow("auto prefers PLAIN")
            << int(SaslMechanism::Auto)
            << "S: * OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=LOGIN AUTH=PLAIN] ready\n"
               "C: h1 AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==\n"
                       + loggedIn
            << ok;
    QTest::newRow("PLAIN chosen and offered")
            << int(SaslMechanism::Plain)
            << "S: * OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN AUTH=LOGIN] ready\n"
               "C: h1 AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==\n"
                       + loggedIn
            << ok;
    QTest::newRow("PLAIN chosen, only LOGIN offered: nothing sent")
            << int(SaslMechanism::Plain)
            << QByteArray("S: * OK [CAPABILITY IMAP4rev1 AUTH=LOGIN] ready\n"
                          "C: <close>\n")
            << policy;
    QTest::newRow("LOGIN chosen: the SASL mechanism although PLAIN is offered")
            << int(SaslMechanism::Login)
            << "S: * OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN AUTH=LOGIN] ready\n"
               "C: h1 AUTHENTICATE LOGIN\n"
               "S: + VXNlcm5hbWU6\n"
               "C: YWxpY2U=\n"
               "S: + UGFzc3dvcmQ6\n"
               "C: c2VjcmV0\n"
                       + loggedIn
            << ok;
    QTest::newRow("LOGIN chosen without AUTH=LOGIN: the LOGIN command")
            << int(SaslMechanism::Login)
            << "S: * OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] ready\n"
               "C: h1 LOGIN alice secret\n"
                       + loggedIn
            << ok;
    QTest::newRow("LOGIN chosen but LOGINDISABLED")
            << int(SaslMechanism::Login)
            << QByteArray("S: * OK [CAPABILITY IMAP4rev1 AUTH=PLAIN LOGINDISABLED] ready\n"
                          "C: <close>\n")
            << policy;
    QTest::newRow("XOAUTH2 with SASL-IR")
            << int(SaslMechanism::XOAuth2)
            << "S: * OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN AUTH=XOAUTH2] ready\n"
               "C: h1 AUTHENTICATE XOAUTH2 dXNlcj1hbGljZQFhdXRoPUJlYXJlciB0b2sBAQ==\n"
                       + loggedIn
            << ok;
    QTest::newRow("XOAUTH2 token refused: the error challenge is answered empty")
            << int(SaslMechanism::XOAuth2)
            << QByteArray("S: * OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=XOAUTH2] ready\n"
                          "C: h1 AUTHENTICATE XOAUTH2 dXNlcj1hbGljZQFhdXRoPUJlYXJlciB0b2sBAQ==\n"
                          "S: + eyJzdGF0dXMiOiI0MDEifQ==\n"
                          "C: \n"
                          "S: h1 NO [AUTHENTICATIONFAILED] Invalid credentials\n"
                          "C: <close>\n")
            << refused;
    QTest::newRow("XOAUTH2 chosen, not offered: no token sent")
            << int(SaslMechanism::XOAuth2)
            << QByteArray("S: * OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] ready\n"
                          "C: <close>\n")
            << policy;
    QTest::newRow("OAUTHBEARER without SASL-IR")
            << int(SaslMechanism::OAuthBearer)
            << "S: * OK [CAPABILITY IMAP4rev1 AUTH=OAUTHBEARER] ready\n"
               "C: h1 AUTHENTICATE OAUTHBEARER\n"
               "S: +\n"
               "C: "
               "bixhPWFsaWNlLAFob3N0PWltYXAuZXhhbXBsZS50ZXN0AXBvcnQ9OTkzAWF1dGg9QmVhcmVyIHRvawEB\n"
                       + loggedIn
            << ok;
    QTest::newRow("OAUTHBEARER refused: the error challenge is answered with ^A")
            << int(SaslMechanism::OAuthBearer)
            << QByteArray("S: * OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=OAUTHBEARER] ready\n"
                          "C: h1 AUTHENTICATE OAUTHBEARER "
                          "bixhPWFsaWNlLAFob3N0PWltYXAuZXhhbXBsZS50ZXN0AXBvcnQ9OTkzAWF1dGg9QmVhcmVy"
                          "IHRvawEB\n"
                          "S: + eyJzdGF0dXMiOiJpbnZhbGlkX3Rva2VuIn0=\n"
                          "C: AQ==\n"
                          "S: h1 NO [AUTHENTICATIONFAILED] Invalid token\n"
                          "C: <close>\n")
            << refused;
    QTest::newRow("XOAUTH2 without SASL-IR refused: the error challenge after the token")
            << int(SaslMechanism::XOAuth2)
            << QByteArray("S: * OK [CAPABILITY IMAP4rev1 AUTH=XOAUTH2] ready\n"
                          "C: h1 AUTHENTICATE XOAUTH2\n"
                          "S: +\n"
                          "C: dXNlcj1hbGljZQFhdXRoPUJlYXJlciB0b2sBAQ==\n"
                          "S: + eyJzdGF0dXMiOiI0MDEifQ==\n"
                          "C: \n"
                          "S: h1 NO [AUTHENTICATIONFAILED] Invalid credentials\n"
                          "C: <close>\n")
            << refused;
    QTest::newRow("OAuth 2.0 takes OAUTHBEARER where offered")
            << int(SaslMechanism::OAuth2)
            << "S: * OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=XOAUTH2 AUTH=OAUTHBEARER] ready\n"
               "C: h1 AUTHENTICATE OAUTHBEARER "
               "bixhPWFsaWNlLAFob3N0PWltYXAuZXhhbXBsZS50ZXN0AXBvcnQ9OTkzAWF1dGg9QmVhcmVyIHRvawEB\n"
                       + loggedIn
            << ok;
    QTest::newRow("OAuth 2.0 takes XOAUTH2 when OAUTHBEARER is not offered")
            << int(SaslMechanism::OAuth2)
            << "S: * OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN AUTH=XOAUTH2] ready\n"
               "C: h1 AUTHENTICATE XOAUTH2 dXNlcj1hbGljZQFhdXRoPUJlYXJlciB0b2sBAQ==\n"
                       + loggedIn
            << ok;
    QTest::newRow("OAuth 2.0 refused through OAUTHBEARER: answered with ^A")
            << int(SaslMechanism::OAuth2)
            << QByteArray("S: * OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=XOAUTH2 "
                          "AUTH=OAUTHBEARER] ready\n"
                          "C: h1 AUTHENTICATE OAUTHBEARER "
                          "bixhPWFsaWNlLAFob3N0PWltYXAuZXhhbXBsZS50ZXN0AXBvcnQ9OTkzAWF1dGg9QmVhcmVy"
                          "IHRvawEB\n"
                          "S: + eyJzdGF0dXMiOiJpbnZhbGlkX3Rva2VuIn0=\n"
                          "C: AQ==\n"
                          "S: h1 NO [AUTHENTICATIONFAILED] Invalid token\n"
                          "C: <close>\n")
            << refused;
    QTest::newRow("OAuth 2.0 refused through XOAUTH2: answered empty")
            << int(SaslMechanism::OAuth2)
            << QByteArray("S: * OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=XOAUTH2] ready\n"
                          "C: h1 AUTHENTICATE XOAUTH2 dXNlcj1hbGljZQFhdXRoPUJlYXJlciB0b2sBAQ==\n"
                          "S: + eyJzdGF0dXMiOiI0MDEifQ==\n"
                          "C: \n"
                          "S: h1 NO [AUTHENTICATIONFAILED] Invalid credentials\n"
                          "C: <close>\n")
            << refused;
    QTest::newRow("OAuth 2.0, neither mechanism offered: no token sent")
            << int(SaslMechanism::OAuth2)
            << QByteArray("S: * OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN AUTH=LOGIN] ready\n"
                          "C: <close>\n")
            << policy;
}

void TestImapConnection::mechanisms()
{
    QFETCH(int, mechanism);
    QFETCH(QByteArray, script);
    QFETCH(int, errorKind);

    FakeTransport transport;
    ScriptedServer server(&transport, ScriptedServer::lines(script));
    ImapConnection connection(&transport);
    QSignalSpy ready(&connection, &ImapConnection::ready);
    QSignalSpy failed(&connection, &ImapConnection::failed);
    ImapConnectionSettings s = settings(Security::ImplicitTls);
    s.mechanism = SaslMechanism(mechanism);
    const bool oauth = isOAuthMechanism(s.mechanism);
    s.password = oauth ? QStringLiteral("tok") : QStringLiteral("secret");
    s.enableExtensions = false;
    s.clientId.clear();
    connection.open(s);

    if (errorKind == int(MailError::Kind::None)) {
        QTRY_COMPARE(ready.size(), 1);
        QVERIFY2(server.isComplete(), qPrintable(server.status()));
    } else {
        QTRY_COMPARE(failed.size(), 1);
        QTRY_VERIFY2(server.isComplete(), qPrintable(server.status()));
        const MailError error = failed.at(0).at(0).value<MailError>();
        QCOMPARE(int(error.kind()), errorKind);
        QVERIFY(!error.message().isEmpty());
        QCOMPARE(ready.size(), 0);
        if (errorKind == int(MailError::Kind::Policy)) {
            QVERIFY(!transport.written().contains("LOGIN"));
            QVERIFY(!transport.written().contains("AUTHENTICATE"));
        }
    }
}

void TestImapConnection::plainTextAfterStartTlsIsDiscarded()
{
    // A man in the middle appends a response to the STARTTLS answer: it must not count.
    FakeTransport transport;
    ScriptedServer server(&transport,
                          {"S: * OK [CAPABILITY IMAP4rev1 STARTTLS] ready", "C: h1 STARTTLS",
                           "S: h1 OK Begin TLS", "S: * CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR",
                           "S: <starttls>", "C: h2 CAPABILITY", "S: * CAPABILITY IMAP4rev1",
                           "S: h2 OK done", "C: h3 LOGIN alice secret",
                           "S: h3 OK [CAPABILITY IMAP4rev1] in"});
    ImapConnection connection(&transport);
    QSignalSpy ready(&connection, &ImapConnection::ready);
    connection.open(settings(Security::StartTls));
    QTRY_COMPARE(ready.size(), 1);
    QVERIFY2(server.isComplete(), qPrintable(server.status()));
    QVERIFY(transport.isEncrypted());
}

void TestImapConnection::commandsWaitUntilReady()
{
    FakeTransport transport;
    QList<QByteArray> script = prologue("IDLE");
    script += {"C: h2 NOOP", "S: h2 OK done"};
    ScriptedServer server(&transport, script);
    ImapConnection connection(&transport);
    connection.open(settings());
    ImapCommandBuilder b;
    b.atom("NOOP");
    bool done = false;
    connection.send(b.build(), this, [&](const ImapCommandResult &r) { done = r.isOk(); });
    QTRY_VERIFY2(done, qPrintable(server.status()));
    QVERIFY2(server.isComplete(), qPrintable(server.status()));
}

void TestImapConnection::pipelinedCommandsRoutedByTag()
{
    FakeTransport transport;
    QList<QByteArray> script = prologue("IDLE");
    script += {"C: h2 NOOP",       "C: h3 CHECK",   "C: h4 SELECT INBOX",
               "S: h3 OK checked", "S: h2 NO nope", "S: h4 OK [READ-WRITE] selected",
               "C: h5 NOOP",       "S: h5 OK"};
    ScriptedServer server(&transport, script);
    ImapConnection connection(&transport);
    QSignalSpy ready(&connection, &ImapConnection::ready);
    connection.open(settings());
    QTRY_COMPARE(ready.size(), 1);

    QList<QByteArray> order;
    auto cmd = [](const char *text, bool barrier = false) {
        ImapCommand c({QByteArray(text) + "\r\n"});
        c.setBarrier(barrier);
        return c;
    };
    connection.send(cmd("NOOP"), this, [&](const ImapCommandResult &r) {
        order.append("NOOP:" + r.status.text + ':' + QByteArray::number(int(r.error.kind())));
    });
    connection.send(cmd("CHECK"), this,
                    [&](const ImapCommandResult &r) { order.append("CHECK:" + r.status.text); });
    // Not a barrier itself, but the next one waits for it as it is.
    connection.send(cmd("SELECT INBOX"), this,
                    [&](const ImapCommandResult &r) { order.append("SELECT:" + r.status.text); });
    connection.send(cmd("NOOP", true), this,
                    [&](const ImapCommandResult &r) { order.append("BARRIER:" + r.status.text); });
    QTRY_COMPARE(order.size(), 4);
    QCOMPARE(order,
             (QList<QByteArray> {"CHECK:checked",
                                 "NOOP:nope:" + QByteArray::number(int(MailError::Kind::Protocol)),
                                 "SELECT:selected", "BARRIER:"}));
    QVERIFY2(server.isComplete(), qPrintable(server.status()));
}

void TestImapConnection::untaggedRouting()
{
    FakeTransport transport;
    QList<QByteArray> script = prologue("IDLE");
    script += {"C: h2 UID SEARCH ALL",
               "S: * 4 EXISTS",
               "S: * SEARCH 1 2 3",
               "S: * 2 FETCH (UID 9 FLAGS (\\Seen))",
               "S: * VANISHED 5:6",
               "S: * 3 EXPUNGE",
               "S: * OK [ALERT] disk almost full",
               "S: h2 OK done"};
    ScriptedServer server(&transport, script);
    ImapConnection connection(&transport);
    connection.open(settings());
    QSignalSpy exists(&connection, &ImapConnection::existsReceived);
    QSignalSpy fetches(&connection, &ImapConnection::fetchReceived);
    QSignalSpy vanished(&connection, &ImapConnection::vanishedReceived);
    QSignalSpy expunged(&connection, &ImapConnection::expungeReceived);
    QSignalSpy alerts(&connection, &ImapConnection::alertReceived);
    QList<quint32> found;
    bool done = false;
    connection.send(
            ImapCommand({"UID SEARCH ALL\r\n"}), this,
            [&](const ImapCommandResult &) { done = true; },
            [&](const ImapResponse &r) {
                if (r.type() != ImapResponse::Type::Search)
                    return false;
                found = r.search().numbers;
                return true;
            });
    QTRY_VERIFY(done);
    QCOMPARE(found, (QList<quint32> {1, 2, 3}));
    // Unsolicited updates arrive as signals, queued.
    QTRY_COMPARE(alerts.size(), 1);
    QCOMPARE(exists.size(), 1);
    QCOMPARE(exists.at(0).at(0).toUInt(), 4u);
    QCOMPARE(fetches.size(), 1);
    QCOMPARE(*fetches.at(0).at(0).value<ImapFetch>().uid, 9u);
    QCOMPARE(vanished.size(), 1);
    QCOMPARE(vanished.at(0).at(0).value<UidSet>().toString(), QByteArray("5:6"));
    QCOMPARE(expunged.at(0).at(0).toUInt(), 3u);
    QCOMPARE(alerts.at(0).at(0).toString(), QStringLiteral("disk almost full"));
}

void TestImapConnection::synchronizingLiteralWaitsForContinuation()
{
    FakeTransport transport;
    QList<QByteArray> script = prologue("IDLE");
    script += {"C: h2 APPEND INBOX {5}", "S: + Ready for literal data", "C: hello",
               "S: h2 OK [APPENDUID 1 7] done"};
    ScriptedServer server(&transport, script);
    ImapConnection connection(&transport);
    connection.open(settings());
    ImapCommandBuilder b = connection.builder();
    b.atom("APPEND").mailbox(QStringLiteral("INBOX")).literal("hello");
    ImapCommandResult result;
    bool done = false;
    connection.send(b.build(), this, [&](const ImapCommandResult &r) {
        result = r;
        done = true;
    });
    QTRY_VERIFY(done);
    QVERIFY(result.isOk());
    QCOMPARE(result.status.code.uids.toString(), QByteArray("7"));
    QVERIFY2(server.isComplete(), qPrintable(server.status()));
}

void TestImapConnection::disconnectInsideLiteral()
{
    FakeTransport transport;
    QList<QByteArray> script = prologue("IDLE");
    script += {"C: h2 UID FETCH 1 BODY.PEEK[]", "S: * 1 FETCH (UID 1 BODY[] {100}",
               "S: only part of it", "S: <disconnect>"};
    ScriptedServer server(&transport, script);
    ImapConnection connection(&transport);
    QSignalSpy failed(&connection, &ImapConnection::failed);
    QSignalSpy closed(&connection, &ImapConnection::closed);
    QSignalSpy fetches(&connection, &ImapConnection::fetchReceived);
    connection.open(settings());
    ImapCommandResult result;
    bool done = false;
    connection.send(ImapCommand({"UID FETCH 1 BODY.PEEK[]\r\n"}), this,
                    [&](const ImapCommandResult &r) {
                        result = r;
                        done = true;
                    });
    QTRY_VERIFY(done);
    QCOMPARE(result.error.kind(), MailError::Kind::Network);
    QTRY_COMPARE(failed.size(), 1);
    QTRY_COMPARE(closed.size(), 1);
    QCOMPARE(fetches.size(), 0);
    QCOMPARE(connection.state(), ImapConnection::State::Disconnected);
}

void TestImapConnection::byeMidFetch()
{
    FakeTransport transport;
    QList<QByteArray> script = prologue("IDLE");
    script += {"C: h2 UID FETCH 1:* (FLAGS)", "S: * 1 FETCH (UID 1 FLAGS ())",
               "S: * BYE Server shutting down", "S: <disconnect>"};
    ScriptedServer server(&transport, script);
    ImapConnection connection(&transport);
    QSignalSpy failed(&connection, &ImapConnection::failed);
    connection.open(settings());
    int fetched = 0;
    ImapCommandResult result;
    bool done = false;
    connection.send(
            ImapCommand({"UID FETCH 1:* (FLAGS)\r\n"}), this,
            [&](const ImapCommandResult &r) {
                result = r;
                done = true;
            },
            [&](const ImapResponse &r) {
                return r.type() == ImapResponse::Type::Fetch && ++fetched;
            });
    QTRY_VERIFY(done);
    QCOMPARE(fetched, 1);
    QCOMPARE(result.error.kind(), MailError::Kind::Network);
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.at(0).at(0).value<MailError>().serverText(),
             QStringLiteral("Server shutting down"));
}

void TestImapConnection::idleEndsForWorkAndRestarts()
{
    FakeTransport transport;
    QList<QByteArray> script = prologue("IDLE");
    script += {"C: h2 IDLE", "S: + idling", "S: * 5 EXISTS", "C: DONE",    "S: h2 OK Idle done",
               "C: h3 NOOP", "S: h3 OK",    "C: h4 IDLE",    "S: + idling"};
    ScriptedServer server(&transport, script);
    ImapConnection connection(&transport);
    QSignalSpy idle(&connection, &ImapConnection::idleStarted);
    QSignalSpy exists(&connection, &ImapConnection::existsReceived);
    connection.open(settings());
    connection.setSelectedMailbox("INBOX");
    connection.setIdleEnabled(true);
    QTRY_COMPARE(exists.size(), 1);
    QVERIFY(connection.isIdling());
    bool done = false;
    connection.send(ImapCommand({"NOOP\r\n"}), this,
                    [&](const ImapCommandResult &r) { done = r.isOk(); });
    QTRY_VERIFY(done);
    QTRY_COMPARE(idle.size(), 2);
    QTRY_VERIFY2(server.isComplete(), qPrintable(server.status()));
    QVERIFY(connection.isIdling());
}

void TestImapConnection::idleRenews()
{
    FakeTransport transport;
    QList<QByteArray> script = prologue("IDLE");
    script += {"C: h2 IDLE", "S: + idling", "C: DONE", "S: h2 OK", "C: h3 IDLE", "S: + idling"};
    ScriptedServer server(&transport, script);
    ImapConnection connection(&transport);
    QSignalSpy idle(&connection, &ImapConnection::idleStarted);
    ImapConnectionSettings s = settings();
    s.idleRenewMs = 100;
    connection.open(s);
    connection.setSelectedMailbox("INBOX");
    connection.setIdleEnabled(true);
    QTRY_COMPARE(idle.size(), 2);
    QVERIFY2(server.isComplete(), qPrintable(server.status()));
}

void TestImapConnection::idleRefusedIsNotRetried()
{
    FakeTransport transport;
    QList<QByteArray> script = prologue("IDLE");
    script += {"C: h2 IDLE", "S: h2 NO IDLE not allowed here", "C: h3 NOOP", "S: h3 OK"};
    ScriptedServer server(&transport, script);
    ImapConnection connection(&transport);
    connection.open(settings());
    connection.setSelectedMailbox("INBOX");
    connection.setIdleEnabled(true);
    QTRY_COMPARE(server.position(), 5);
    bool done = false;
    connection.send(ImapCommand({"NOOP\r\n"}), this,
                    [&](const ImapCommandResult &r) { done = r.isOk(); });
    QTRY_VERIFY(done);
    // Nothing more is written: no second IDLE after the refusal.
    QTest::qWait(50);
    QVERIFY2(server.isComplete(), qPrintable(server.status()));
    QVERIFY(!connection.isIdling());
}

void TestImapConnection::oversizedLiteralFailsConnection()
{
    FakeTransport transport;
    QList<QByteArray> script = prologue("IDLE");
    script += {"C: h2 UID FETCH 1 BODY.PEEK[]", "S: * 1 FETCH (UID 1 BODY[] {2147483648}",
               "C: <close>"};
    ScriptedServer server(&transport, script);
    ImapConnection connection(&transport);
    QSignalSpy failed(&connection, &ImapConnection::failed);
    connection.open(settings());
    connection.send(ImapCommand({"UID FETCH 1 BODY.PEEK[]\r\n"}), this,
                    [](const ImapCommandResult &) {});
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.at(0).at(0).value<MailError>().kind(), MailError::Kind::Limit);
    QTRY_VERIFY2(server.isComplete(), qPrintable(server.status()));
}

void TestImapConnection::largeLiteralBeforeLoginFailsAtOnce_data()
{
    QTest::addColumn<QList<QByteArray>>("script");
    QTest::newRow("250 MiB literal in the greeting")
            << QList<QByteArray> {"S: * OK {262144000}", "C: <close>"};
    QTest::newRow("70 KB literal in the greeting")
            << QList<QByteArray> {"S: * OK {70000}", "C: <close>"};
    QTest::newRow("250 MiB literal in the login reply")
            << QList<QByteArray> {"S: * OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] ready",
                                  "C: h1 AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==",
                                  "S: * 1 FETCH (BODY[] {262144000}", "C: <close>"};
}

void TestImapConnection::largeLiteralBeforeLoginFailsAtOnce()
{
    // Before the login anyone on the path may speak: the framer's caps are small, and the
    // connection ends at the announcement instead of waiting for (and holding) the bytes.
    QFETCH(QList<QByteArray>, script);
    FakeTransport transport;
    ScriptedServer server(&transport, script);
    ImapConnection connection(&transport);
    QSignalSpy failed(&connection, &ImapConnection::failed);
    connection.open(settings());
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.at(0).at(0).value<MailError>().kind(), MailError::Kind::Limit);
    QTRY_VERIFY2(server.isComplete(), qPrintable(server.status()));
}

void TestImapConnection::longFieldIsCutAndTheSessionGoesOn()
{
    // After the login an ENVELOPE field of 200 KB is cut to the field cap as it arrives; the
    // message is still read and the session goes on.
    const QByteArray subject(200000, 's');
    FakeTransport transport;
    QList<QByteArray> script = prologue("IDLE");
    script += {"C: h2 UID FETCH 1:2 (UID ENVELOPE)",
               "S: * 1 FETCH (UID 1 ENVELOPE (NIL {200000}\r\n" + subject
                       + " NIL NIL NIL NIL NIL NIL NIL NIL))",
               "S: * 2 FETCH (UID 2 ENVELOPE (NIL \"short\" NIL NIL NIL NIL NIL NIL NIL NIL))",
               "S: h2 OK done",
               "C: h3 NOOP",
               "S: h3 OK still here"};
    ScriptedServer server(&transport, script);
    ImapConnection connection(&transport);
    QSignalSpy failed(&connection, &ImapConnection::failed);
    connection.open(settings());
    QList<ImapFetch> fetches;
    bool fetched = false;
    connection.send(
            ImapCommand({"UID FETCH 1:2 (UID ENVELOPE)\r\n"}), this,
            [&](const ImapCommandResult &r) { fetched = r.isOk(); },
            [&](const ImapResponse &r) {
                if (r.type() != ImapResponse::Type::Fetch)
                    return false;
                fetches.append(r.fetch());
                return true;
            });
    bool alive = false;
    connection.send(ImapCommand({"NOOP\r\n"}), this,
                    [&](const ImapCommandResult &r) { alive = r.isOk(); });
    QTRY_VERIFY(alive);
    QVERIFY(fetched);
    QCOMPARE(failed.size(), 0);
    QCOMPARE(fetches.size(), 2);
    QVERIFY(fetches.at(0).envelope.has_value());
    const qint64 cap = ImapFramer::Limits().maxFieldLiteralSize;
    QCOMPARE(fetches.at(0).envelope->subject, QByteArray(qsizetype(cap), 's'));
    QCOMPARE(fetches.at(1).envelope->subject, QByteArray("short"));
    QTRY_VERIFY2(server.isComplete(), qPrintable(server.status()));
}

void TestImapConnection::unparsableResponseFailsConnection()
{
    FakeTransport transport;
    QList<QByteArray> script = prologue("IDLE");
    script += {"C: h2 NOOP", "S: * 1 FETCH (UID 1", "C: <close>"};
    ScriptedServer server(&transport, script);
    ImapConnection connection(&transport);
    QSignalSpy failed(&connection, &ImapConnection::failed);
    connection.open(settings());
    MailError error;
    connection.send(ImapCommand({"NOOP\r\n"}), this,
                    [&](const ImapCommandResult &r) { error = r.error; });
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(error.kind(), MailError::Kind::Parse);
    QTRY_VERIFY2(server.isComplete(), qPrintable(server.status()));
}

void TestImapConnection::logoutClosesQuietly()
{
    FakeTransport transport;
    QList<QByteArray> script = prologue("IDLE");
    script += {"C: h2 LOGOUT", "S: * BYE Logging out", "S: h2 OK Logout completed", "C: <close>"};
    ScriptedServer server(&transport, script);
    ImapConnection connection(&transport);
    QSignalSpy failed(&connection, &ImapConnection::failed);
    QSignalSpy closed(&connection, &ImapConnection::closed);
    connection.open(settings());
    bool ok = false;
    connection.send(ImapCommand({"LOGOUT\r\n"}), this,
                    [&](const ImapCommandResult &r) { ok = r.isOk(); });
    QTRY_COMPARE(closed.size(), 1);
    QVERIFY(ok);
    QCOMPARE(failed.size(), 0);
    QTRY_VERIFY2(server.isComplete(), qPrintable(server.status()));
}

QTEST_GUILESS_MAIN(TestImapConnection)
#include "tst_imapconnection.moc"
