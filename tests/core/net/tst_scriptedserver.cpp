// The test harness itself: FakeTransport and ScriptedServer must catch what they claim to catch.
#include "faketransport.h"
#include "scriptedserver.h"

#include <QSignalSpy>
#include <QTest>

class TestScriptedServer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void conversation_data();
    void conversation();
    void disconnectMarker();
    void startTlsMarker();
    void startTlsFailMarker();
    void closeMarker();
    void extraBytesFail();
    void writePacing();
    void trustRequest_data();
    void trustRequest();
    void discardPending();
};

void TestScriptedServer::conversation_data()
{
    QTest::addColumn<QList<QByteArray>>("writes");
    QTest::addColumn<bool>("complete");

    QTest::newRow("one write per line") << QList<QByteArray> {"A\r\n", "B\r\n"} << true;
    QTest::newRow("pipelined") << QList<QByteArray> {"A\r\nB\r\n"} << true;
    QTest::newRow("split inside a line") << QList<QByteArray> {"A\r", "\nB", "\r\n"} << true;
    QTest::newRow("wrong line") << QList<QByteArray> {"A\r\n", "C\r\n"} << false;
    QTest::newRow("missing CRLF") << QList<QByteArray> {"A\r\n", "BX"} << false;
    QTest::newRow("incomplete") << QList<QByteArray> {"A\r\n"} << false;
}

void TestScriptedServer::conversation()
{
    QFETCH(QList<QByteArray>, writes);
    QFETCH(bool, complete);

    FakeTransport transport;
    ScriptedServer server(&transport, ScriptedServer::lines("S: hello\n"
                                                            "C: A\n"
                                                            "S: one\n"
                                                            "C: B\n"
                                                            "S: two\n"));
    QSignalSpy readyRead(&transport, &Transport::readyRead);
    transport.connectToHost(QStringLiteral("h"), 1, Security::None);
    QTRY_COMPARE(readyRead.size(), 1);
    QCOMPARE(transport.readAll(), QByteArray("hello\r\n"));
    for (const QByteArray &w : writes)
        transport.write(w);
    if (complete) {
        QTRY_VERIFY2(server.isComplete(), qPrintable(server.status()));
        QTRY_COMPARE(readyRead.size(), 2);
        QCOMPARE(transport.readAll(), QByteArray("one\r\ntwo\r\n"));
    } else {
        QTest::qWait(20);
        QVERIFY(!server.isComplete());
    }
}

void TestScriptedServer::disconnectMarker()
{
    FakeTransport transport;
    ScriptedServer server(&transport, {"S: bye", "S: <disconnect>"});
    QSignalSpy readyRead(&transport, &Transport::readyRead);
    QSignalSpy disconnected(&transport, &Transport::disconnected);
    transport.connectToHost(QStringLiteral("h"), 1, Security::None);
    QTRY_COMPARE(disconnected.size(), 1);
    QCOMPARE(readyRead.size(), 1); // the bytes come before the close
    QVERIFY(server.isComplete());
    QCOMPARE(transport.state(), FakeTransport::State::Closed);
}

void TestScriptedServer::startTlsMarker()
{
    FakeTransport transport;
    ScriptedServer server(&transport, {"C: STARTTLS", "S: 220 go", "S: <starttls>", "C: EHLO"});
    QSignalSpy encrypted(&transport, &Transport::encrypted);
    transport.connectToHost(QStringLiteral("h"), 1, Security::StartTls);
    QTRY_COMPARE(transport.state(), FakeTransport::State::Connected);
    QVERIFY(!transport.isEncrypted());
    transport.write("STARTTLS\r\n");
    QTRY_VERIFY(transport.pendingServerBytes() > 0);
    QTest::qWait(10);
    QCOMPARE(encrypted.size(), 0); // frozen until the client asks
    transport.startTls();
    QTRY_COMPARE(encrypted.size(), 1);
    QVERIFY(transport.isEncrypted());
    transport.write("EHLO\r\n");
    QTRY_VERIFY2(server.isComplete(), qPrintable(server.status()));
}

void TestScriptedServer::startTlsFailMarker()
{
    FakeTransport transport;
    ScriptedServer server(&transport, {"S: <starttls-fail>"});
    QSignalSpy error(&transport, &Transport::errorOccurred);
    QSignalSpy disconnected(&transport, &Transport::disconnected);
    transport.connectToHost(QStringLiteral("h"), 1, Security::StartTls);
    QTRY_COMPARE(transport.state(), FakeTransport::State::Connected);
    transport.startTls();
    QTRY_COMPARE(disconnected.size(), 1);
    QCOMPARE(error.size(), 1);
    QCOMPARE(error.at(0).at(0).value<MailError>().kind(), MailError::Kind::Tls);
    QVERIFY(!transport.isEncrypted());
    QVERIFY(server.isComplete());
}

void TestScriptedServer::closeMarker()
{
    FakeTransport transport;
    ScriptedServer server(&transport, {"C: QUIT", "S: 221 bye", "C: <close>"});
    QSignalSpy disconnected(&transport, &Transport::disconnected);
    transport.connectToHost(QStringLiteral("h"), 1, Security::None);
    QTRY_COMPARE(transport.state(), FakeTransport::State::Connected);
    transport.write("QUIT\r\n");
    QTRY_COMPARE(server.position(), 2);
    QVERIFY(!server.isComplete());
    transport.close();
    QVERIFY(server.isComplete());
    QTRY_COMPARE(disconnected.size(), 1);
    transport.write("late\r\n");
    QCOMPARE(transport.writtenWhileClosed(), QByteArray("late\r\n"));
}

void TestScriptedServer::extraBytesFail()
{
    FakeTransport transport;
    ScriptedServer server(&transport, {"C: A"});
    QSignalSpy failed(&server, &ScriptedServer::failed);
    transport.connectToHost(QStringLiteral("h"), 1, Security::None);
    QTRY_COMPARE(transport.state(), FakeTransport::State::Connected);
    transport.write("A\r\nB\r\n");
    QCOMPARE(failed.size(), 1);
    QVERIFY(!server.isComplete());
    QVERIFY(server.failure().contains(QStringLiteral("after the end")));
}

void TestScriptedServer::writePacing()
{
    FakeTransport transport;
    transport.setWriteChunkSize(4);
    QSignalSpy written(&transport, &Transport::bytesWritten);
    transport.connectToHost(QStringLiteral("h"), 1, Security::None);
    QTRY_COMPARE(transport.state(), FakeTransport::State::Connected);
    transport.write("0123456789");
    QCOMPARE(transport.bytesToWrite(), 10);
    QTRY_COMPARE(transport.bytesToWrite(), 0);
    QCOMPARE(written.size(), 3);
    QCOMPARE(written.at(0).at(0).toLongLong(), 4);
    QCOMPARE(written.at(2).at(0).toLongLong(), 2);
}

void TestScriptedServer::trustRequest_data()
{
    QTest::addColumn<bool>("answer");
    QTest::newRow("trusted") << true;
    QTest::newRow("refused") << false;
}

void TestScriptedServer::trustRequest()
{
    QFETCH(bool, answer);
    FakeTransport transport;
    transport.setConnectOutcome(FakeTransport::Outcome::AskTrust);
    QSignalSpy asked(&transport, &Transport::certificateTrustRequested);
    QSignalSpy connected(&transport, &Transport::connected);
    QSignalSpy error(&transport, &Transport::errorOccurred);
    transport.connectToHost(QStringLiteral("h"), 993, Security::ImplicitTls);
    QTRY_COMPARE(asked.size(), 1);
    QTest::qWait(10);
    QCOMPARE(connected.size(), 0);
    transport.answerTrust(answer);
    if (answer) {
        QTRY_COMPARE(connected.size(), 1);
        QVERIFY(transport.isEncrypted());
    } else {
        QTRY_COMPARE(error.size(), 1);
        QCOMPARE(connected.size(), 0);
    }
}

void TestScriptedServer::discardPending()
{
    FakeTransport transport;
    transport.connectToHost(QStringLiteral("h"), 1, Security::None);
    QTRY_COMPARE(transport.state(), FakeTransport::State::Connected);
    transport.serverSend("injected\r\n");
    transport.discardPending();
    QCOMPARE(transport.readAll(), QByteArray());
    QCOMPARE(transport.discarded(), QByteArray("injected\r\n"));
}

QTEST_GUILESS_MAIN(TestScriptedServer)
#include "tst_scriptedserver.moc"
