#include "faketransport.h"
#include "scriptedserver.h"
#include "smtp/smtpclient.h"

#include <QBuffer>
#include <QSignalSpy>
#include <QTest>

using Script = QList<QByteArray>;
using Stage = SmtpSubmission::Stage;
using Delivery = SmtpSubmission::Delivery;
using Kind = MailError::Kind;

namespace {

const QByteArray Message = "Subject: hi\r\n\r\nHello\r\n";

Script ehloReply(const QList<QByteArray> &keywords)
{
    Script s {"S: 250" + QByteArray(keywords.isEmpty() ? " " : "-") + "mail.example.org"};
    for (qsizetype i = 0; i < keywords.size(); ++i)
        s.append("S: 250" + QByteArray(i + 1 == keywords.size() ? " " : "-") + keywords.at(i));
    return s;
}

// Greeting, EHLO, STARTTLS and EHLO again, answered with the given keywords.
Script tls(const QList<QByteArray> &keywords)
{
    return Script {"S: 220 mail.example.org ESMTP", "C: EHLO heron.test"}
           + ehloReply({"PIPELINING", "STARTTLS"})
           + Script {"C: STARTTLS", "S: 220 2.0.0 Ready to start TLS", "S: <starttls>",
                     "C: EHLO heron.test"}
           + ehloReply(keywords);
}

const Script Auth {"C: AUTH PLAIN AGFsaWNlAHNlY3JldA==", "S: 235 2.7.0 Authentication successful"};
const Script Quit {"C: QUIT", "S: 221 2.0.0 Bye", "C: <close>"};
const Script Body {"C: Subject: hi", "C: ", "C: Hello", "C: ."};
const Script Mail {"C: MAIL FROM:<alice@example.org>", "S: 250 2.1.0 Ok"};
const Script Rcpt {"C: RCPT TO:<bob@example.org>", "S: 250 2.1.5 Ok"};
const QList<QByteArray> Plain {"AUTH PLAIN LOGIN", "8BITMIME"};

} // namespace

class TestSmtpClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void conversation_data();
    void conversation();
    void mechanisms_data();
    void mechanisms();
    void pacedDataStreamsInChunks_data();
    void pacedDataStreamsInChunks();
    void timeouts_data();
    void timeouts();
    void abortDuringData();
    void busyClientRefusesSecondSubmission();
    void deletingTheSubmissionEndsTheSession();
    void unsafeSenderNeverReachesTheWire_data();
    void unsafeSenderNeverReachesTheWire();
};

void TestSmtpClient::conversation_data()
{
    QTest::addColumn<int>("security");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QStringList>("recipients");
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<Script>("script");
    QTest::addColumn<int>("errorKind");
    QTest::addColumn<int>("stage");
    QTest::addColumn<int>("delivery");
    QTest::addColumn<QStringList>("refused");

    const int startTls = int(Security::StartTls);
    const int implicit = int(Security::ImplicitTls);
    const int none = int(Security::None);
    const QString alice = QStringLiteral("alice");
    const QStringList bob {QStringLiteral("bob@example.org")};
    const QStringList two {QStringLiteral("bob@example.org"), QStringLiteral("carol@example.org")};
    const int ok = int(Kind::None);
    const int noStage = int(Stage::None);
    const int accepted = int(Delivery::Accepted);
    const int notSent = int(Delivery::NotSent);
    const int unknown = int(Delivery::Unknown);
    const QStringList nobody;

    const Script happy = tls(Plain) + Auth + Mail + Rcpt
                         + Script {"C: DATA", "S: 354 End data with <CR><LF>.<CR><LF>"} + Body
                         + Script {"S: 250 2.0.0 Ok: queued as 1234"} + Quit;
    QTest::newRow("starttls, unpipelined DATA")
            << startTls << alice << bob << Message << happy << ok << noStage << accepted << nobody;

    QTest::newRow("implicit TLS, pipelined, two recipients")
            << implicit << alice << two << Message
            << Script {"S: 220 mail.example.org ESMTP", "C: EHLO heron.test"}
                       + ehloReply({"PIPELINING", "SIZE 1000", "AUTH PLAIN"}) + Auth
                       + Script {"C: MAIL FROM:<alice@example.org> SIZE=22",
                                 "C: RCPT TO:<bob@example.org>",
                                 "C: RCPT TO:<carol@example.org>",
                                 "C: DATA",
                                 "S: 250 2.1.0 Ok",
                                 "S: 250 2.1.5 Ok",
                                 "S: 250 2.1.5 Ok",
                                 "S: 354 go"}
                       + Body + Script {"S: 250 2.0.0 queued"} + Quit
            << ok << noStage << accepted << nobody;

    QTest::newRow("BDAT when CHUNKING is offered")
            << startTls << alice << bob << Message
            << tls({"PIPELINING", "CHUNKING", "AUTH PLAIN"}) + Auth
                       + Script {"C: MAIL FROM:<alice@example.org>",
                                 "C: RCPT TO:<bob@example.org>",
                                 "S: 250 2.1.0 Ok",
                                 "S: 250 2.1.5 Ok",
                                 "C: BDAT 22 LAST",
                                 "C: Subject: hi",
                                 "C: ",
                                 "C: Hello",
                                 "S: 250 2.0.0 queued"}
                       + Quit
            << ok << noStage << accepted << nobody;

    QTest::newRow("dot-stuffing and bare LF")
            << startTls << alice << bob << QByteArray(".first\n\n.\n..two\nlast")
            << tls(Plain) + Auth + Mail + Rcpt + Script {"C: DATA", "S: 354 go"}
                       + Script {"C: ..first", "C: ",  "C: ..",    "C: ...two",
                                 "C: last",    "C: .", "S: 250 ok"}
                       + Quit
            << ok << noStage << accepted << nobody;

    QTest::newRow("AUTH LOGIN fallback")
            << startTls << alice << bob << Message
            << tls({"AUTH LOGIN", "8BITMIME"}) + Script {"C: AUTH LOGIN", "S: 334 VXNlcm5hbWU6",
                                                         "C: YWxpY2U=",   "S: 334 UGFzc3dvcmQ6",
                                                         "C: c2VjcmV0",   "S: 235 ok"}
                       + Mail + Rcpt + Script {"C: DATA", "S: 354 go"} + Body + Script {"S: 250 ok"}
                       + Quit
            << ok << noStage << accepted << nobody;

    QTest::newRow("plain link chosen explicitly allows AUTH")
            << none << alice << bob << Message
            << Script {"S: 220 hi", "C: EHLO heron.test"} + ehloReply({"AUTH PLAIN"}) + Auth + Mail
                       + Rcpt + Script {"C: DATA", "S: 354 go"} + Body + Script {"S: 250 ok"} + Quit
            << ok << noStage << accepted << nobody;

    QTest::newRow("HELO fallback, no credentials")
            << none << QString() << bob << Message
            << Script {"S: 220 old", "C: EHLO heron.test", "S: 502 5.5.2 what?",
                       "C: HELO heron.test", "S: 250 old"}
                       + Mail + Rcpt + Script {"C: DATA", "S: 354 go"} + Body + Script {"S: 250 ok"}
                       + Quit
            << ok << noStage << accepted << nobody;

    QTest::newRow("SMTPUTF8 used for a non-ASCII recipient")
            << startTls << alice << QStringList {QStringLiteral("j\u00f6rg@example.org")} << Message
            << tls({"SMTPUTF8", "AUTH PLAIN"}) + Auth
                       + Script {"C: MAIL FROM:<alice@example.org> SMTPUTF8",
                                 "S: 250 ok",
                                 "C: RCPT TO:<j\xc3\xb6rg@example.org>",
                                 "S: 250 ok",
                                 "C: DATA",
                                 "S: 354 go"}
                       + Body + Script {"S: 250 ok"} + Quit
            << ok << noStage << accepted << nobody;

    QTest::newRow("8BITMIME declared for 8-bit content")
            << startTls << alice << bob << QByteArray("Subject: x\r\n\r\nd\xc3\xa9j\xc3\xa0\r\n")
            << tls(Plain) + Auth
                       + Script {"C: MAIL FROM:<alice@example.org> BODY=8BITMIME", "S: 250 ok"}
                       + Rcpt + Script {"C: DATA",
                                        "S: 354 go",
                                        "C: Subject: x",
                                        "C: ",
                                        "C: d\xc3\xa9j\xc3\xa0",
                                        "C: .",
                                        "S: 250 ok"}
                       + Quit
            << ok << noStage << accepted << nobody;

    // Refusals by our own rules, before anything is sent.
    QTest::newRow("STARTTLS required but not offered")
            << startTls << alice << bob << Message
            << Script {"S: 220 hi", "C: EHLO heron.test"} + ehloReply({"AUTH PLAIN"}) + Quit
            << int(Kind::Policy) << int(Stage::StartTls) << notSent << nobody;
    QTest::newRow("SMTPUTF8 missing")
            << startTls << alice << QStringList {QStringLiteral("j\u00f6rg@example.org")} << Message
            << tls(Plain) + Auth + Quit << int(Kind::Policy) << int(Stage::MailFrom) << notSent
            << nobody;
    QTest::newRow("non-ASCII header without SMTPUTF8")
            << startTls << alice << bob << QByteArray("Subject: \xc3\xa9t\xc3\xa9\r\n\r\nx\r\n")
            << tls(Plain) + Auth + Quit << int(Kind::Policy) << int(Stage::MailFrom) << notSent
            << nobody;
    QTest::newRow("8-bit body without 8BITMIME")
            << startTls << alice << bob << QByteArray("Subject: x\r\n\r\n\xc3\xa9\r\n")
            << tls({"AUTH PLAIN"}) + Auth + Quit << int(Kind::Policy) << int(Stage::MailFrom)
            << notSent << nobody;
    QTest::newRow("larger than SIZE")
            << startTls << alice << bob << Message << tls({"SIZE 10", "AUTH PLAIN"}) + Auth + Quit
            << int(Kind::Limit) << int(Stage::MailFrom) << notSent << nobody;
    QTest::newRow("no usable AUTH mechanism")
            << startTls << alice << bob << Message << tls({"AUTH CRAM-MD5"}) + Quit
            << int(Kind::Authentication) << int(Stage::Auth) << notSent << nobody;

    // Server refusals at each step.
    const Script greet {"S: 220 hi", "C: EHLO heron.test"};
    QTest::newRow("greeting 554") << startTls << alice << bob << Message
                                  << Script {"S: 554 5.3.2 go away"} + Quit << int(Kind::Protocol)
                                  << int(Stage::Greeting) << notSent << nobody;
    QTest::newRow("greeting 421") << startTls << alice << bob << Message
                                  << Script {"S: 421 4.3.2 busy"} + Quit << int(Kind::Protocol)
                                  << int(Stage::Greeting) << notSent << nobody;
    QTest::newRow("EHLO 554") << startTls << alice << bob << Message
                              << greet + Script {"S: 554 no"} + Quit << int(Kind::Protocol)
                              << int(Stage::Ehlo) << notSent << nobody;
    QTest::newRow("EHLO 421") << startTls << alice << bob << Message
                              << greet + Script {"S: 421 later"} + Quit << int(Kind::Protocol)
                              << int(Stage::Ehlo) << notSent << nobody;
    QTest::newRow("STARTTLS 454") << startTls << alice << bob << Message
                                  << greet + ehloReply({"STARTTLS"})
                                             + Script {"C: STARTTLS",
                                                       "S: 454 4.7.0 TLS not available"}
                                             + Quit
                                  << int(Kind::Protocol) << int(Stage::StartTls) << notSent
                                  << nobody;
    QTest::newRow("TLS handshake fails after STARTTLS")
            << startTls << alice << bob << Message
            << greet + ehloReply({"STARTTLS"})
                       + Script {"C: STARTTLS", "S: 220 go", "S: <starttls-fail>"}
            << int(Kind::Tls) << int(Stage::StartTls) << notSent << nobody;
    QTest::newRow("AUTH 535") << startTls << alice << bob << Message
                              << tls(Plain)
                                         + Script {"C: AUTH PLAIN AGFsaWNlAHNlY3JldA==",
                                                   "S: 535 5.7.8 Authentication failed"}
                                         + Quit
                              << int(Kind::Authentication) << int(Stage::Auth) << notSent << nobody;
    QTest::newRow("AUTH 454") << startTls << alice << bob << Message
                              << tls(Plain)
                                         + Script {"C: AUTH PLAIN AGFsaWNlAHNlY3JldA==",
                                                   "S: 454 4.7.0 Temporary failure"}
                                         + Quit
                              << int(Kind::Authentication) << int(Stage::Auth) << notSent << nobody;
    QTest::newRow("MAIL 553") << startTls << alice << bob << Message
                              << tls(Plain) + Auth
                                         + Script {"C: MAIL FROM:<alice@example.org>",
                                                   "S: 553 5.7.1 Sender rejected"}
                                         + Quit
                              << int(Kind::Protocol) << int(Stage::MailFrom) << notSent << nobody;
    QTest::newRow("MAIL 452") << startTls << alice << bob << Message
                              << tls(Plain) + Auth
                                         + Script {"C: MAIL FROM:<alice@example.org>",
                                                   "S: 452 4.3.1 Insufficient storage"}
                                         + Quit
                              << int(Kind::Protocol) << int(Stage::MailFrom) << notSent << nobody;
    QTest::newRow("first RCPT refused: partial")
            << startTls << alice << two << Message
            << tls(Plain) + Auth + Mail
                       + Script {"C: RCPT TO:<bob@example.org>",
                                 "S: 550 5.1.1 unknown",
                                 "C: RCPT TO:<carol@example.org>",
                                 "S: 250 ok",
                                 "C: DATA",
                                 "S: 354 go"}
                       + Body + Script {"S: 250 ok"} + Quit
            << int(Kind::Protocol) << int(Stage::RcptTo) << accepted << bob;
    QTest::newRow("second RCPT refused 4xx: partial")
            << startTls << alice << two << Message
            << tls(Plain) + Auth + Mail + Script {"C: RCPT TO:<bob@example.org>",
                                                  "S: 250 ok",
                                                  "C: RCPT TO:<carol@example.org>",
                                                  "S: 450 4.2.0 later",
                                                  "C: DATA",
                                                  "S: 354 go"}
                       + Body + Script {"S: 250 ok"} + Quit
            << int(Kind::Protocol) << int(Stage::RcptTo) << accepted
            << QStringList {QStringLiteral("carol@example.org")};
    QTest::newRow("every RCPT refused")
            << startTls << alice << two << Message
            << tls(Plain) + Auth + Mail
                       + Script {"C: RCPT TO:<bob@example.org>", "S: 550 no",
                                 "C: RCPT TO:<carol@example.org>", "S: 550 no"}
                       + Quit
            << int(Kind::Protocol) << int(Stage::RcptTo) << notSent << two;
    QTest::newRow("pipelined, every RCPT refused, DATA 554")
            << implicit << QString() << bob << Message
            << Script {"S: 220 hi", "C: EHLO heron.test"} + ehloReply({"PIPELINING"})
                       + Script {"C: MAIL FROM:<alice@example.org>",
                                 "C: RCPT TO:<bob@example.org>",
                                 "C: DATA",
                                 "S: 250 ok",
                                 "S: 550 5.1.1 no such user",
                                 "S: 554 5.5.1 no valid recipients"}
                       + Quit
            << int(Kind::Protocol) << int(Stage::RcptTo) << notSent << bob;
    QTest::newRow("pipelined, every RCPT refused, DATA 354 anyway")
            << implicit << QString() << bob << Message
            << Script {"S: 220 hi", "C: EHLO heron.test"} + ehloReply({"PIPELINING"})
                       + Script {"C: MAIL FROM:<alice@example.org>",
                                 "C: RCPT TO:<bob@example.org>",
                                 "C: DATA",
                                 "S: 250 ok",
                                 "S: 550 no",
                                 "S: 354 go",
                                 "C: .",
                                 "S: 554 no recipients"}
                       + Quit
            << int(Kind::Protocol) << int(Stage::RcptTo) << notSent << bob;
    QTest::newRow("pipelined, MAIL refused")
            << implicit << QString() << bob << Message
            << Script {"S: 220 hi", "C: EHLO heron.test"} + ehloReply({"PIPELINING"})
                       + Script {"C: MAIL FROM:<alice@example.org>",
                                 "C: RCPT TO:<bob@example.org>",
                                 "C: DATA",
                                 "S: 550 5.7.1 sender",
                                 "S: 503 5.5.1 need MAIL",
                                 "S: 503 5.5.1 need RCPT"}
                       + Quit
            << int(Kind::Protocol) << int(Stage::MailFrom) << notSent << nobody;
    QTest::newRow("DATA 554") << startTls << alice << bob << Message
                              << tls(Plain) + Auth + Mail + Rcpt
                                         + Script {"C: DATA", "S: 554 5.5.1 nope"} + Quit
                              << int(Kind::Protocol) << int(Stage::Data) << notSent << nobody;
    QTest::newRow("after the dot 554")
            << startTls << alice << bob << Message
            << tls(Plain) + Auth + Mail + Rcpt + Script {"C: DATA", "S: 354 go"} + Body
                       + Script {"S: 554 5.7.1 spam"} + Quit
            << int(Kind::Protocol) << int(Stage::Message) << notSent << nobody;
    // Once the final dot left, a reply that cannot be read says nothing about the message: it
    // may have been delivered, so it must not be sent again by itself.
    QTest::newRow("garbage after the final dot")
            << startTls << alice << bob << Message
            << tls(Plain) + Auth + Mail + Rcpt + Script {"C: DATA", "S: 354 go"} + Body
                       + Script {"S: xyz not a reply", "C: QUIT", "C: <close>"}
            << int(Kind::Parse) << int(Stage::Message) << unknown << nobody;
    QTest::newRow("garbage after BDAT LAST")
            << startTls << alice << bob << Message
            << tls({"CHUNKING", "AUTH PLAIN"}) + Auth + Mail + Rcpt
                       + Script {"C: BDAT 22 LAST",    "C: Subject: hi", "C: ",       "C: Hello",
                                 "S: xyz not a reply", "C: QUIT",        "C: <close>"}
            << int(Kind::Parse) << int(Stage::Message) << unknown << nobody;
    QTest::newRow("garbage for DATA: nothing sent")
            << startTls << alice << bob << Message
            << tls(Plain) + Auth + Mail + Rcpt
                       + Script {"C: DATA", "S: xyz not a reply", "C: QUIT", "C: <close>"}
            << int(Kind::Parse) << int(Stage::Data) << notSent << nobody;
    // Envelope addresses go on the wire only when they cannot end their command.
    QTest::newRow("recipient smuggling a command")
            << startTls << alice
            << QStringList {QStringLiteral("x@example.test>\r\nRCPT TO:<smuggled@evil.example")}
            << Message << tls(Plain) + Auth + Quit << int(Kind::Policy) << int(Stage::RcptTo)
            << notSent << nobody;
    QTest::newRow("second recipient with a bare LF")
            << startTls << alice
            << QStringList {QStringLiteral("bob@example.org"),
                            QStringLiteral("c@example.org\nRSET")}
            << Message << tls(Plain) + Auth + Quit << int(Kind::Policy) << int(Stage::RcptTo)
            << notSent << nobody;
    QTest::newRow("recipient with NUL")
            << startTls << alice
            << QStringList {QStringLiteral("b") + QChar(0) + QStringLiteral("ob@example.org")}
            << Message << tls(Plain) + Auth + Quit << int(Kind::Policy) << int(Stage::RcptTo)
            << notSent << nobody;
    QTest::newRow("recipient with '>' and a parameter")
            << startTls << alice << QStringList {QStringLiteral("bob@example.org> NOTIFY=NEVER")}
            << Message << tls(Plain) + Auth + Quit << int(Kind::Policy) << int(Stage::RcptTo)
            << notSent << nobody;
    QTest::newRow("after the dot 451")
            << startTls << alice << bob << Message
            << tls(Plain) + Auth + Mail + Rcpt + Script {"C: DATA", "S: 354 go"} + Body
                       + Script {"S: 451 4.3.0 try later"} + Quit
            << int(Kind::Protocol) << int(Stage::Message) << notSent << nobody;
    QTest::newRow("BDAT refused") << startTls << alice << bob << Message
                                  << tls({"CHUNKING", "AUTH PLAIN"}) + Auth + Mail + Rcpt
                                             + Script {"C: BDAT 22 LAST", "C: Subject: hi",
                                                       "C: ", "C: Hello", "S: 552 5.3.4 too big"}
                                             + Quit
                                  << int(Kind::Protocol) << int(Stage::Message) << notSent
                                  << nobody;

    // The link breaks at every stage.
    const Script drop {"S: <disconnect>"};
    const int net = int(Kind::Network);
    QTest::newRow("lost before greeting") << startTls << alice << bob << Message << drop << net
                                          << int(Stage::Greeting) << notSent << nobody;
    QTest::newRow("lost at EHLO") << startTls << alice << bob << Message << greet + drop << net
                                  << int(Stage::Ehlo) << notSent << nobody;
    QTest::newRow("lost at STARTTLS")
            << startTls << alice << bob << Message
            << greet + ehloReply({"STARTTLS"}) + Script {"C: STARTTLS"} + drop << net
            << int(Stage::StartTls) << notSent << nobody;
    QTest::newRow("lost at EHLO after TLS")
            << startTls << alice << bob << Message
            << greet + ehloReply({"STARTTLS"})
                       + Script {"C: STARTTLS", "S: 220 go", "S: <starttls>", "C: EHLO heron.test"}
                       + drop
            << net << int(Stage::Ehlo) << notSent << nobody;
    QTest::newRow("lost at AUTH") << startTls << alice << bob << Message
                                  << tls(Plain) + Script {"C: AUTH PLAIN AGFsaWNlAHNlY3JldA=="}
                                             + drop
                                  << net << int(Stage::Auth) << notSent << nobody;
    QTest::newRow("lost at MAIL") << startTls << alice << bob << Message
                                  << tls(Plain) + Auth + Script {"C: MAIL FROM:<alice@example.org>"}
                                             + drop
                                  << net << int(Stage::MailFrom) << notSent << nobody;
    QTest::newRow("lost at RCPT") << startTls << alice << bob << Message
                                  << tls(Plain) + Auth + Mail
                                             + Script {"C: RCPT TO:<bob@example.org>"} + drop
                                  << net << int(Stage::RcptTo) << notSent << nobody;
    QTest::newRow("lost at DATA") << startTls << alice << bob << Message
                                  << tls(Plain) + Auth + Mail + Rcpt + Script {"C: DATA"} + drop
                                  << net << int(Stage::Data) << notSent << nobody;
    QTest::newRow("lost after the final dot")
            << startTls << alice << bob << Message
            << tls(Plain) + Auth + Mail + Rcpt + Script {"C: DATA", "S: 354 go"} + Body + drop
            << net << int(Stage::Message) << unknown << nobody;
    QTest::newRow("lost after BDAT LAST")
            << startTls << alice << bob << Message
            << tls({"CHUNKING", "AUTH PLAIN"}) + Auth + Mail + Rcpt
                       + Script {"C: BDAT 22 LAST", "C: Subject: hi", "C: ", "C: Hello"} + drop
            << net << int(Stage::Message) << unknown << nobody;
    QTest::newRow("lost at QUIT after success")
            << startTls << alice << bob << Message
            << tls(Plain) + Auth + Mail + Rcpt + Script {"C: DATA", "S: 354 go"} + Body
                       + Script {"S: 250 ok", "C: QUIT"} + drop
            << ok << noStage << accepted << nobody;

    // Plaintext injected behind the 220 to STARTTLS must be dropped, never read as a reply.
    QTest::newRow("STARTTLS injection discarded")
            << startTls << alice << bob << Message
            << Script {"S: 220 hi", "C: EHLO heron.test"} + ehloReply({"STARTTLS"})
                       + Script {"C: STARTTLS",     "S: 220 go",     "S: 250-evil",
                                 "S: 250 8BITMIME", "S: <starttls>", "C: EHLO heron.test"}
                       + ehloReply(Plain) + Auth + Mail + Rcpt + Script {"C: DATA", "S: 354 go"}
                       + Body + Script {"S: 250 ok"} + Quit
            << ok << noStage << accepted << nobody;
}

void TestSmtpClient::conversation()
{
    QFETCH(int, security);
    QFETCH(QString, user);
    QFETCH(QStringList, recipients);
    QFETCH(QByteArray, message);
    QFETCH(Script, script);

    FakeTransport transport;
    ScriptedServer server(&transport, script);
    SmtpClient client(&transport);
    SmtpSettings settings;
    settings.host = QStringLiteral("mail.example.org");
    settings.port = 587;
    settings.security = Security(security);
    settings.userName = user;
    settings.password = QStringLiteral("secret");
    settings.ehloName = "heron.test";
    client.setSettings(settings);

    SmtpSubmission *submission = client.submit({QStringLiteral("alice@example.org"), recipients},
                                               message);
    QSignalSpy finished(submission, &SmtpSubmission::finished);
    QTRY_VERIFY2(server.isComplete(), qPrintable(server.status()));
    QTRY_COMPARE(finished.size(), 1);
    QTRY_VERIFY(!client.isBusy());
    QVERIFY(submission->isFinished());
    QCOMPARE(transport.host(), settings.host);
    QCOMPARE(transport.security(), settings.security);

    const MailError error = submission->error();
    if (error.isError())
        qDebug() << "error:" << error.toString();
    QTEST(int(error.kind()), "errorKind");
    QTEST(int(submission->failedStage()), "stage");
    QTEST(int(submission->delivery()), "delivery");
    QTEST(submission->refusedRecipients(), "refused");
    if (error.isError())
        QVERIFY(!error.message().isEmpty());
    QCOMPARE(transport.writtenWhileClosed(), QByteArray());
    QCOMPARE(finished.size(), 1);
}

void TestSmtpClient::mechanisms_data()
{
    QTest::addColumn<int>("mechanism");
    QTest::addColumn<QByteArray>("authKeyword");
    QTest::addColumn<Script>("auth"); // the login, up to its final reply
    QTest::addColumn<int>("errorKind");

    const int ok = int(Kind::None);
    QTest::newRow("auto prefers PLAIN")
            << int(SaslMechanism::Auto) << QByteArray("AUTH LOGIN PLAIN") << Auth << ok;
    QTest::newRow("PLAIN chosen") << int(SaslMechanism::Plain) << QByteArray("AUTH LOGIN PLAIN")
                                  << Auth << ok;
    QTest::newRow("PLAIN chosen, not offered: nothing sent")
            << int(SaslMechanism::Plain) << QByteArray("AUTH LOGIN") << Script {}
            << int(Kind::Policy);
    QTest::newRow("LOGIN chosen although PLAIN is offered")
            << int(SaslMechanism::Login)
            << QByteArray("AUTH PLAIN LOGIN") << Script {"C: AUTH LOGIN", "S: 334 VXNlcm5hbWU6",
                                                         "C: YWxpY2U=",   "S: 334 UGFzc3dvcmQ6",
                                                         "C: c2VjcmV0",   "S: 235 2.7.0 Accepted"}
            << ok;
    QTest::newRow("LOGIN chosen, not offered")
            << int(SaslMechanism::Login) << QByteArray("AUTH PLAIN") << Script {}
            << int(Kind::Policy);
    QTest::newRow("XOAUTH2") << int(SaslMechanism::XOAuth2) << QByteArray("AUTH PLAIN XOAUTH2")
                             << Script {"C: AUTH XOAUTH2 dXNlcj1hbGljZQFhdXRoPUJlYXJlciB0b2sBAQ==",
                                        "S: 235 2.7.0 Accepted"}
                             << ok;
    QTest::newRow("XOAUTH2 token refused: the challenge is answered empty")
            << int(SaslMechanism::XOAuth2) << QByteArray("AUTH XOAUTH2")
            << Script {"C: AUTH XOAUTH2 dXNlcj1hbGljZQFhdXRoPUJlYXJlciB0b2sBAQ==",
                       "S: 334 eyJzdGF0dXMiOiI0MDEifQ==", "C: ",
                       "S: 535 5.7.8 Username and Password not accepted"}
            << int(Kind::Authentication);
    QTest::newRow("XOAUTH2 chosen, not offered: no token sent")
            << int(SaslMechanism::XOAuth2) << QByteArray("AUTH PLAIN LOGIN") << Script {}
            << int(Kind::Policy);
    QTest::newRow("OAUTHBEARER")
            << int(SaslMechanism::OAuthBearer) << QByteArray("AUTH OAUTHBEARER")
            << Script {"C: AUTH OAUTHBEARER "
                       "bixhPWFsaWNlLAFob3N0PXNtdHAuZXhhbXBsZS50ZXN0AXBvcnQ9NDY1AWF1dGg9QmVhcmVy"
                       "IHRvawEB",
                       "S: 235 2.7.0 Accepted"}
            << ok;
    QTest::newRow("OAUTHBEARER refused: the challenge is answered with ^A")
            << int(SaslMechanism::OAuthBearer) << QByteArray("AUTH OAUTHBEARER")
            << Script {"C: AUTH OAUTHBEARER "
                       "bixhPWFsaWNlLAFob3N0PXNtdHAuZXhhbXBsZS50ZXN0AXBvcnQ9NDY1AWF1dGg9QmVhcmVy"
                       "IHRvawEB",
                       "S: 334 eyJzdGF0dXMiOiJpbnZhbGlkX3Rva2VuIn0=", "C: AQ==",
                       "S: 535 5.7.8 Authentication failed"}
            << int(Kind::Authentication);
    QTest::newRow("OAuth 2.0 takes OAUTHBEARER where offered")
            << int(SaslMechanism::OAuth2) << QByteArray("AUTH PLAIN XOAUTH2 OAUTHBEARER")
            << Script {"C: AUTH OAUTHBEARER "
                       "bixhPWFsaWNlLAFob3N0PXNtdHAuZXhhbXBsZS50ZXN0AXBvcnQ9NDY1AWF1dGg9QmVhcmVyIHR"
                       "vawEB",
                       "S: 235 2.7.0 Accepted"}
            << ok;
    QTest::newRow("OAuth 2.0 takes XOAUTH2 when OAUTHBEARER is not offered")
            << int(SaslMechanism::OAuth2) << QByteArray("AUTH PLAIN XOAUTH2")
            << Script {"C: AUTH XOAUTH2 dXNlcj1hbGljZQFhdXRoPUJlYXJlciB0b2sBAQ==",
                       "S: 235 2.7.0 Accepted"}
            << ok;
    QTest::newRow("OAuth 2.0 refused through OAUTHBEARER: answered with ^A")
            << int(SaslMechanism::OAuth2) << QByteArray("AUTH XOAUTH2 OAUTHBEARER")
            << Script {"C: AUTH OAUTHBEARER "
                       "bixhPWFsaWNlLAFob3N0PXNtdHAuZXhhbXBsZS50ZXN0AXBvcnQ9NDY1AWF1dGg9QmVhcmVyIHR"
                       "vawEB",
                       "S: 334 eyJzdGF0dXMiOiJpbnZhbGlkX3Rva2VuIn0=", "C: AQ==",
                       "S: 535 5.7.8 Authentication failed"}
            << int(Kind::Authentication);
    QTest::newRow("OAuth 2.0 refused through XOAUTH2: answered empty")
            << int(SaslMechanism::OAuth2) << QByteArray("AUTH XOAUTH2")
            << Script {"C: AUTH XOAUTH2 dXNlcj1hbGljZQFhdXRoPUJlYXJlciB0b2sBAQ==",
                       "S: 334 eyJzdGF0dXMiOiI0MDEifQ==", "C: ",
                       "S: 535 5.7.8 Username and Password not accepted"}
            << int(Kind::Authentication);
    QTest::newRow("OAuth 2.0, neither mechanism offered: no token sent")
            << int(SaslMechanism::OAuth2) << QByteArray("AUTH PLAIN LOGIN") << Script {}
            << int(Kind::Policy);
}

void TestSmtpClient::mechanisms()
{
    QFETCH(int, mechanism);
    QFETCH(QByteArray, authKeyword);
    QFETCH(Script, auth);
    QFETCH(int, errorKind);

    const bool oauth = isOAuthMechanism(SaslMechanism(mechanism));
    Script script = Script {"S: 220 smtp.example.test ESMTP", "C: EHLO heron.test"}
                    + ehloReply({authKeyword}) + auth;
    if (errorKind == int(Kind::None))
        script += Mail + Rcpt + Script {"C: DATA", "S: 354 go"} + Body
                  + Script {"S: 250 2.0.0 queued"};
    script += Quit;

    FakeTransport transport;
    ScriptedServer server(&transport, script);
    SmtpClient client(&transport);
    SmtpSettings settings;
    settings.host = QStringLiteral("smtp.example.test");
    settings.port = 465;
    settings.security = Security::ImplicitTls;
    settings.userName = QStringLiteral("alice");
    settings.password = oauth ? QStringLiteral("tok") : QStringLiteral("secret");
    settings.mechanism = SaslMechanism(mechanism);
    settings.ehloName = "heron.test";
    client.setSettings(settings);

    SmtpSubmission *submission = client.submit({QStringLiteral("alice@example.org"),
                                                {QStringLiteral("bob@example.org")}},
                                               Message);
    QSignalSpy finished(submission, &SmtpSubmission::finished);
    QTRY_VERIFY2(server.isComplete(), qPrintable(server.status()));
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(int(submission->error().kind()), errorKind);
    if (errorKind != int(Kind::None)) {
        QCOMPARE(submission->failedStage(), Stage::Auth);
        QCOMPARE(submission->delivery(), Delivery::NotSent);
    }
    if (errorKind == int(Kind::Policy))
        QVERIFY(!transport.written().contains("AUTH"));
}

void TestSmtpClient::pacedDataStreamsInChunks_data()
{
    QTest::addColumn<FakeTransport::WriteSignals>("writeSignals");
    QTest::newRow("signals-after-sending") << FakeTransport::WriteSignals::AfterSending;
    // As under TLS: the first bytesWritten() comes while the queue is still above the client's
    // high-water mark, so only the later ones, as the bytes leave, can wake the client.
    QTest::newRow("signals-before-sending-tls")
            << FakeTransport::WriteSignals::BeforeAndAfterSending;
}

void TestSmtpClient::pacedDataStreamsInChunks()
{
    // A 3 MB message over a link that sends 100 KB per turn, without CHUNKING: the client must
    // never queue much more than its high-water mark, and progress must reach the total.
    QFETCH(FakeTransport::WriteSignals, writeSignals);
    QByteArray message = "Subject: big\r\n\r\n";
    const QByteArray line = QByteArray(76, 'x') + "\r\n";
    while (message.size() < 3 * 1024 * 1024)
        message += line;

    FakeTransport transport;
    transport.setWriteChunkSize(100 * 1024);
    transport.setWriteSignals(writeSignals);
    Script script = tls(Plain) + Auth + Mail + Rcpt + Script {"C: DATA", "S: 354 go"};
    ScriptedServer server(&transport, script);
    server.appendExpect(message + ".\r\n");
    server.appendSend("250 ok\r\n");
    for (const QByteArray &l : Quit)
        server.appendExpect(l == "C: QUIT" ? QByteArray("QUIT\r\n") : QByteArray());
    server.appendSend("221 bye\r\n");

    SmtpClient client(&transport);
    SmtpSettings settings;
    settings.host = QStringLiteral("h");
    settings.security = Security::StartTls;
    settings.userName = QStringLiteral("alice");
    settings.password = QStringLiteral("secret");
    settings.ehloName = "heron.test";
    client.setSettings(settings);

    qint64 maxQueued = 0;
    connect(&transport, &FakeTransport::clientWrote, this,
            [&] { maxQueued = qMax(maxQueued, transport.bytesToWrite()); });
    SmtpSubmission *submission = client.submit({QStringLiteral("alice@example.org"),
                                                {QStringLiteral("bob@example.org")}},
                                               message);
    QSignalSpy progress(submission, &SmtpSubmission::progress);
    QSignalSpy finished(submission, &SmtpSubmission::finished);
    QTRY_VERIFY2_WITH_TIMEOUT(server.isComplete(), qPrintable(server.status()), 20000);
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(submission->error().kind(), Kind::None);
    QCOMPARE(submission->delivery(), Delivery::Accepted);
    QVERIFY2(maxQueued < 512 * 1024, qPrintable(QString::number(maxQueued)));
    QVERIFY(progress.size() > 10);
    QCOMPARE(progress.constLast().at(0).toLongLong(), qint64(message.size()));
    QCOMPARE(progress.constLast().at(1).toLongLong(), qint64(message.size()));
}

void TestSmtpClient::timeouts_data()
{
    QTest::addColumn<Script>("script");
    QTest::addColumn<int>("stage");
    QTest::addColumn<int>("delivery");

    QTest::newRow("no greeting") << Script {} << int(Stage::Greeting) << int(Delivery::NotSent);
    QTest::newRow("no EHLO reply") << Script {"S: 220 hi", "C: EHLO heron.test"} << int(Stage::Ehlo)
                                   << int(Delivery::NotSent);
    QTest::newRow("no reply to the dot")
            << Script {"S: 220 hi", "C: EHLO heron.test"} + ehloReply({}) + Mail + Rcpt
                       + Script {"C: DATA", "S: 354 go"} + Body
            << int(Stage::Message) << int(Delivery::Unknown);
}

void TestSmtpClient::timeouts()
{
    QFETCH(Script, script);
    FakeTransport transport;
    ScriptedServer server(&transport, script);
    SmtpClient client(&transport);
    SmtpSettings settings;
    settings.host = QStringLiteral("h");
    settings.security = Security::None;
    settings.ehloName = "heron.test";
    settings.timeouts = {200, 200, 200, 200, 200};
    client.setSettings(settings);
    SmtpSubmission *submission = client.submit({QStringLiteral("alice@example.org"),
                                                {QStringLiteral("bob@example.org")}},
                                               Message);
    QSignalSpy finished(submission, &SmtpSubmission::finished);
    QTRY_COMPARE(finished.size(), 1);
    QVERIFY2(server.isComplete(), qPrintable(server.status()));
    QCOMPARE(submission->error().kind(), Kind::Network);
    QTEST(int(submission->failedStage()), "stage");
    QTEST(int(submission->delivery()), "delivery");
    QCOMPARE(transport.state(), FakeTransport::State::Closed);
}

void TestSmtpClient::abortDuringData()
{
    FakeTransport transport;
    ScriptedServer server(&transport, Script {"S: 220 hi", "C: EHLO heron.test"} + ehloReply({})
                                              + Mail + Rcpt + Script {"C: DATA"});
    SmtpClient client(&transport);
    SmtpSettings settings;
    settings.host = QStringLiteral("h");
    settings.security = Security::None;
    settings.ehloName = "heron.test";
    client.setSettings(settings);
    SmtpSubmission *submission = client.submit({QStringLiteral("alice@example.org"),
                                                {QStringLiteral("bob@example.org")}},
                                               Message);
    QSignalSpy finished(submission, &SmtpSubmission::finished);
    QTRY_VERIFY2(server.isComplete(), qPrintable(server.status()));
    submission->abort();
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(submission->error().kind(), Kind::Cancelled);
    QCOMPARE(submission->delivery(), Delivery::NotSent);
    QTRY_VERIFY(!client.isBusy());
}

void TestSmtpClient::busyClientRefusesSecondSubmission()
{
    FakeTransport transport;
    transport.setConnectOutcome(FakeTransport::Outcome::Manual);
    SmtpClient client(&transport);
    const SmtpEnvelope envelope {QStringLiteral("a@x"), {QStringLiteral("b@x")}};
    SmtpSubmission *first = client.submit(envelope, Message);
    SmtpSubmission *second = client.submit(envelope, Message);
    QSignalSpy finished(second, &SmtpSubmission::finished);
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(second->error().kind(), Kind::Policy);
    QVERIFY(!first->isFinished());
    QCOMPARE(transport.connectCount(), 1);
}

void TestSmtpClient::deletingTheSubmissionEndsTheSession()
{
    FakeTransport transport;
    ScriptedServer server(&transport, Script {"S: 220 hi", "C: EHLO heron.test"});
    SmtpClient client(&transport);
    SmtpSettings settings;
    settings.host = QStringLiteral("h");
    settings.security = Security::None;
    settings.ehloName = "heron.test";
    client.setSettings(settings);
    SmtpSubmission *submission = client.submit({QStringLiteral("alice@example.org"),
                                                {QStringLiteral("bob@example.org")}},
                                               Message);
    QTRY_VERIFY2(server.isComplete(), qPrintable(server.status()));
    delete submission;
    QTRY_COMPARE(transport.state(), FakeTransport::State::Closed);
    QTRY_VERIFY(!client.isBusy());
}

QTEST_GUILESS_MAIN(TestSmtpClient)
#include "tst_smtpclient.moc"

void TestSmtpClient::unsafeSenderNeverReachesTheWire_data()
{
    QTest::addColumn<QString>("from");
    QTest::newRow("CRLF and a command")
            << QStringLiteral("a@example.org>\r\nRCPT TO:<smuggled@evil.example");
    QTest::newRow("bare CR") << QStringLiteral("a@example.org\rRSET");
    QTest::newRow("'<'") << QStringLiteral("<a@example.org");
    QTest::newRow("escape") << QStringLiteral("a\x1b@example.org");
}

void TestSmtpClient::unsafeSenderNeverReachesTheWire()
{
    QFETCH(QString, from);
    FakeTransport transport;
    ScriptedServer server(&transport, tls(Plain) + Auth + Quit);
    SmtpClient client(&transport);
    SmtpSettings settings;
    settings.host = QStringLiteral("mail.example.org");
    settings.port = 587;
    settings.security = Security::StartTls;
    settings.userName = QStringLiteral("alice");
    settings.password = QStringLiteral("secret");
    settings.ehloName = "heron.test";
    client.setSettings(settings);

    SmtpSubmission *submission = client.submit({from, {QStringLiteral("bob@example.org")}}, Message);
    QSignalSpy finished(submission, &SmtpSubmission::finished);
    QTRY_VERIFY2(server.isComplete(), qPrintable(server.status()));
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(submission->error().kind(), Kind::Policy);
    QCOMPARE(submission->failedStage(), Stage::MailFrom);
    QCOMPARE(submission->delivery(), Delivery::NotSent);
    QVERIFY(!transport.written().contains("MAIL FROM"));
    QVERIFY(!transport.written().contains("smuggled"));
}
