#include "net/certificateinfo.h"
#include "net/ssltransport.h"
#include "tlstestserver.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSslKey>
#include <QTemporaryDir>
#include <QTest>

namespace {
const QString TlsName = QStringLiteral("mail.heron.test");
}

class TestSslTransport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void validChainConnects();
    void untrustedAsks_data();
    void untrustedAsks();
    void pinnedConnectsWithoutAsking();
    void nameMismatchAsks();
    void startTls();
    void startTlsUntrustedAsks();
    void refused();
    void handshakeTimeout();
    void readTimeout();
    void pacedWriteDrains();
    void certificateInfo();

private:
    bool runOpenssl(const QStringList &args);
    QString path(const QString &name) const { return m_dir.filePath(name); }
    quint16 listen(TlsTestServer &server);
    // Connects and waits for connected() or errorOccurred(); returns the error (none if ok).
    static QByteArray echo(SslTransport &transport, const QByteArray &line);

    QTemporaryDir m_dir;
    QSslCertificate m_ca;
    QSslCertificate m_serverCert;
    QSslKey m_serverKey;
};

bool TestSslTransport::runOpenssl(const QStringList &args)
{
    QProcess process;
    process.setWorkingDirectory(m_dir.path());
    process.start(QStringLiteral("openssl"), args);
    if (!process.waitForFinished(30000) || process.exitCode() != 0) {
        qWarning() << "openssl" << args << process.readAllStandardError();
        return false;
    }
    return true;
}

void TestSslTransport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QFile ext(path(QStringLiteral("ext.cnf")));
    QVERIFY(ext.open(QIODevice::WriteOnly));
    ext.write("subjectAltName=DNS:" + TlsName.toLatin1() + "\nbasicConstraints=CA:FALSE\n");
    ext.close();
    const QString ec = QStringLiteral("ec_paramgen_curve:prime256v1");
    QVERIFY(runOpenssl({"req", "-x509", "-newkey", "ec", "-pkeyopt", ec, "-nodes", "-keyout",
                        "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=Heron Test CA"}));
    QVERIFY(runOpenssl({"req", "-newkey", "ec", "-pkeyopt", ec, "-nodes", "-keyout", "server.key",
                        "-out", "server.csr", "-subj", "/CN=" + TlsName}));
    QVERIFY(runOpenssl({"x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                        "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile",
                        "ext.cnf"}));
    m_ca = QSslCertificate::fromPath(path(QStringLiteral("ca.pem"))).value(0);
    m_serverCert = QSslCertificate::fromPath(path(QStringLiteral("server.pem"))).value(0);
    QFile keyFile(path(QStringLiteral("server.key")));
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    m_serverKey = QSslKey(&keyFile, QSsl::Ec);
    QVERIFY(!m_ca.isNull());
    QVERIFY(!m_serverCert.isNull());
    QVERIFY(!m_serverKey.isNull());
}

quint16 TestSslTransport::listen(TlsTestServer &server)
{
    if (!server.listen(QHostAddress::LocalHost))
        return 0;
    return server.serverPort();
}

QByteArray TestSslTransport::echo(SslTransport &transport, const QByteArray &line)
{
    QSignalSpy readyRead(&transport, &Transport::readyRead);
    transport.write(line + "\r\n");
    QByteArray got;
    for (int i = 0; i < 50 && !got.endsWith("\r\n"); ++i) {
        if (readyRead.wait(100))
            got += transport.readAll();
    }
    return got;
}

void TestSslTransport::validChainConnects()
{
    TlsTestServer server(TlsTestServer::Mode::ImplicitTls, m_serverCert, m_serverKey);
    const quint16 port = listen(server);
    QVERIFY(port);
    SslTransport transport;
    transport.setCaCertificates({m_ca});
    transport.setPeerVerifyName(TlsName);
    QSignalSpy connected(&transport, &Transport::connected);
    QSignalSpy asked(&transport, &Transport::certificateTrustRequested);
    QSignalSpy error(&transport, &Transport::errorOccurred);
    transport.connectToHost(QStringLiteral("127.0.0.1"), port, Security::ImplicitTls);
    QTRY_COMPARE(connected.size(), 1);
    QVERIFY(transport.isEncrypted());
    QCOMPARE(asked.size(), 0);
    QCOMPARE(error.size(), 0);
    QCOMPARE(echo(transport, "ping"), QByteArray("echo ping\r\n"));
    QCOMPARE(transport.peerCertificate(), m_serverCert);

    QSignalSpy disconnected(&transport, &Transport::disconnected);
    transport.close();
    QTRY_COMPARE(disconnected.size(), 1);
    QCOMPARE(error.size(), 0);
}

void TestSslTransport::untrustedAsks_data()
{
    QTest::addColumn<bool>("answer");
    QTest::newRow("trusted") << true;
    QTest::newRow("refused") << false;
}

void TestSslTransport::untrustedAsks()
{
    QFETCH(bool, answer);
    TlsTestServer server(TlsTestServer::Mode::ImplicitTls, m_serverCert, m_serverKey);
    const quint16 port = listen(server);
    QVERIFY(port);
    SslTransport transport; // no extra CA: the chain does not validate
    transport.setPeerVerifyName(TlsName);
    QSignalSpy connected(&transport, &Transport::connected);
    QSignalSpy asked(&transport, &Transport::certificateTrustRequested);
    QSignalSpy error(&transport, &Transport::errorOccurred);
    QSignalSpy disconnected(&transport, &Transport::disconnected);
    transport.connectToHost(QStringLiteral("127.0.0.1"), port, Security::ImplicitTls);
    QTRY_COMPARE(asked.size(), 1);
    const auto chain = asked.at(0).at(0).value<QList<QSslCertificate>>();
    QVERIFY(!chain.isEmpty());
    QCOMPARE(chain.constFirst(), m_serverCert);
    QVERIFY(!asked.at(0).at(1).toString().isEmpty());

    // Frozen: nothing happens while the question is open.
    QTest::qWait(300);
    QCOMPARE(connected.size(), 0);
    QCOMPARE(error.size(), 0);
    QVERIFY(!transport.isEncrypted());

    transport.answerTrust(answer);
    if (answer) {
        QTRY_COMPARE(connected.size(), 1);
        QVERIFY(transport.isEncrypted());
        QCOMPARE(echo(transport, "after trust"), QByteArray("echo after trust\r\n"));
        QCOMPARE(error.size(), 0);
    } else {
        QTRY_COMPARE(disconnected.size(), 1);
        QCOMPARE(error.size(), 1);
        QCOMPARE(error.at(0).at(0).value<MailError>().kind(), MailError::Kind::Tls);
        QCOMPARE(connected.size(), 0);
    }
}

void TestSslTransport::pinnedConnectsWithoutAsking()
{
    TlsTestServer server(TlsTestServer::Mode::ImplicitTls, m_serverCert, m_serverKey);
    const quint16 port = listen(server);
    QVERIFY(port);
    SslTransport transport;
    transport.setPinnedDigest(CertificateInfo::sha256Digest(m_serverCert));
    QSignalSpy connected(&transport, &Transport::connected);
    QSignalSpy asked(&transport, &Transport::certificateTrustRequested);
    // Neither the chain nor the name (127.0.0.1) validates: the pin alone is enough.
    transport.connectToHost(QStringLiteral("127.0.0.1"), port, Security::ImplicitTls);
    QTRY_COMPARE(connected.size(), 1);
    QCOMPARE(asked.size(), 0);
    QCOMPARE(echo(transport, "pinned"), QByteArray("echo pinned\r\n"));

    // A different pin does not match: the question is asked.
    SslTransport other;
    other.setPinnedDigest(QByteArray(32, 'x'));
    QSignalSpy otherAsked(&other, &Transport::certificateTrustRequested);
    other.connectToHost(QStringLiteral("127.0.0.1"), port, Security::ImplicitTls);
    QTRY_COMPARE(otherAsked.size(), 1);
}

void TestSslTransport::nameMismatchAsks()
{
    TlsTestServer server(TlsTestServer::Mode::ImplicitTls, m_serverCert, m_serverKey);
    const quint16 port = listen(server);
    QVERIFY(port);
    SslTransport transport;
    transport.setCaCertificates({m_ca}); // valid chain, but verified against 127.0.0.1
    QSignalSpy asked(&transport, &Transport::certificateTrustRequested);
    QSignalSpy connected(&transport, &Transport::connected);
    transport.connectToHost(QStringLiteral("127.0.0.1"), port, Security::ImplicitTls);
    QTRY_COMPARE(asked.size(), 1);
    QCOMPARE(transport.sslErrors().size(), 1);
    QCOMPARE(transport.sslErrors().constFirst().error(), QSslError::HostNameMismatch);
    QCOMPARE(connected.size(), 0);
}

void TestSslTransport::startTls()
{
    TlsTestServer server(TlsTestServer::Mode::StartTls, m_serverCert, m_serverKey);
    server.setInjectedBytes("250 injected\r\n");
    const quint16 port = listen(server);
    QVERIFY(port);
    SslTransport transport;
    transport.setCaCertificates({m_ca});
    transport.setPeerVerifyName(TlsName);
    QSignalSpy connected(&transport, &Transport::connected);
    QSignalSpy encrypted(&transport, &Transport::encrypted);
    transport.connectToHost(QStringLiteral("127.0.0.1"), port, Security::StartTls);
    QTRY_COMPARE(connected.size(), 1);
    QVERIFY(!transport.isEncrypted());
    QByteArray got;
    QTRY_VERIFY((got += transport.readAll()).contains("220 hi\r\n"));
    transport.write("STARTTLS\r\n");
    got.clear();
    QTRY_VERIFY((got += transport.readAll()).contains("220 go\r\n"));
    // The injected plaintext sits behind the reply: drop it before the handshake.
    QTest::qWait(50);
    transport.discardPending();
    transport.startTls();
    QTRY_COMPARE(encrypted.size(), 1);
    QVERIFY(transport.isEncrypted());
    QCOMPARE(echo(transport, "secret"), QByteArray("echo secret\r\n"));
    QCOMPARE(server.receivedLines(), (QList<QByteArray> {"STARTTLS", "secret"}));
}

void TestSslTransport::startTlsUntrustedAsks()
{
    TlsTestServer server(TlsTestServer::Mode::StartTls, m_serverCert, m_serverKey);
    const quint16 port = listen(server);
    QVERIFY(port);
    SslTransport transport;
    transport.setPeerVerifyName(TlsName);
    QSignalSpy connected(&transport, &Transport::connected);
    QSignalSpy encrypted(&transport, &Transport::encrypted);
    QSignalSpy asked(&transport, &Transport::certificateTrustRequested);
    transport.connectToHost(QStringLiteral("127.0.0.1"), port, Security::StartTls);
    QTRY_COMPARE(connected.size(), 1);
    QByteArray got;
    QTRY_VERIFY((got += transport.readAll()).contains("220 hi\r\n"));
    transport.write("STARTTLS\r\n");
    got.clear();
    QTRY_VERIFY((got += transport.readAll()).contains("220 go\r\n"));
    transport.startTls();
    QTRY_COMPARE(asked.size(), 1);
    QTest::qWait(100);
    QCOMPARE(encrypted.size(), 0);
    transport.answerTrust(true);
    QTRY_COMPARE(encrypted.size(), 1);
    QCOMPARE(echo(transport, "ok"), QByteArray("echo ok\r\n"));
}

void TestSslTransport::refused()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        port = probe.serverPort();
    }
    SslTransport transport;
    QSignalSpy error(&transport, &Transport::errorOccurred);
    QSignalSpy disconnected(&transport, &Transport::disconnected);
    transport.connectToHost(QStringLiteral("127.0.0.1"), port, Security::StartTls);
    QTRY_COMPARE(disconnected.size(), 1);
    QCOMPARE(error.size(), 1);
    const auto e = error.at(0).at(0).value<MailError>();
    QCOMPARE(e.kind(), MailError::Kind::Network);
    QVERIFY2(e.message().contains(QStringLiteral("refused")), qPrintable(e.toString()));
}

void TestSslTransport::handshakeTimeout()
{
    TlsTestServer server(TlsTestServer::Mode::Silent, m_serverCert, m_serverKey);
    const quint16 port = listen(server);
    QVERIFY(port);
    SslTransport transport;
    transport.setConnectTimeout(300);
    QSignalSpy error(&transport, &Transport::errorOccurred);
    QSignalSpy disconnected(&transport, &Transport::disconnected);
    QSignalSpy connected(&transport, &Transport::connected);
    transport.connectToHost(QStringLiteral("127.0.0.1"), port, Security::ImplicitTls);
    QTRY_COMPARE(disconnected.size(), 1);
    QCOMPARE(error.size(), 1);
    QCOMPARE(connected.size(), 0);
    const auto e = error.at(0).at(0).value<MailError>();
    QCOMPARE(e.kind(), MailError::Kind::Network);
    QVERIFY2(e.message().contains(QStringLiteral("Timed out")), qPrintable(e.toString()));
}

void TestSslTransport::readTimeout()
{
    TlsTestServer server(TlsTestServer::Mode::Silent, m_serverCert, m_serverKey);
    const quint16 port = listen(server);
    QVERIFY(port);
    SslTransport transport;
    transport.setReadTimeout(300);
    QSignalSpy connected(&transport, &Transport::connected);
    QSignalSpy error(&transport, &Transport::errorOccurred);
    transport.connectToHost(QStringLiteral("127.0.0.1"), port, Security::None);
    QTRY_COMPARE(connected.size(), 1);
    QTest::qWait(400);
    QCOMPARE(error.size(), 0); // idle without a request is fine
    transport.write("HELLO\r\n");
    QTRY_COMPARE(error.size(), 1);
    QCOMPARE(error.at(0).at(0).value<MailError>().kind(), MailError::Kind::Network);
}

void TestSslTransport::pacedWriteDrains()
{
    // A writer that tops the queue up to a high-water mark whenever bytesWritten() comes, as
    // the SMTP DATA body does, must be woken until everything has left. Under TLS the socket's
    // own bytesWritten() fires while the encrypted copy still counts in bytesToWrite(); if the
    // transport forwarded only that, the writer would wait forever with a full queue.
    TlsTestServer server(TlsTestServer::Mode::Sink, m_serverCert, m_serverKey);
    const quint16 port = listen(server);
    QVERIFY(port);
    SslTransport transport;
    transport.setCaCertificates({m_ca});
    transport.setPeerVerifyName(TlsName);
    QSignalSpy connected(&transport, &Transport::connected);
    transport.connectToHost(QStringLiteral("127.0.0.1"), port, Security::ImplicitTls);
    QTRY_COMPARE(connected.size(), 1);

    constexpr qint64 Total = 4 * 1024 * 1024;
    constexpr qint64 HighWater = 256 * 1024;
    const QByteArray chunk(64 * 1024, 'x');
    qint64 handedOver = 0;
    qint64 maxQueued = 0;
    int signalsAtEmptyQueue = 0;
    const auto pump = [&] {
        while (handedOver < Total && transport.bytesToWrite() < HighWater) {
            transport.write(chunk);
            handedOver += chunk.size();
            maxQueued = qMax(maxQueued, transport.bytesToWrite());
        }
    };
    connect(&transport, &Transport::bytesWritten, this, [&] {
        if (transport.bytesToWrite() == 0)
            ++signalsAtEmptyQueue;
        pump();
    });
    pump();
    QTRY_COMPARE_WITH_TIMEOUT(server.receivedBytes(), Total, 20000);
    QCOMPARE(handedOver, Total);
    QCOMPARE(transport.bytesToWrite(), 0);
    QVERIFY(signalsAtEmptyQueue > 0); // the last drop, to 0, was announced too
    QVERIFY2(maxQueued < HighWater + 2 * chunk.size(), qPrintable(QString::number(maxQueued)));
}

void TestSslTransport::certificateInfo()
{
    const CertificateInfo info = CertificateInfo::fromCertificate(m_serverCert);
    QVERIFY(!info.isNull());
    QCOMPARE(info.subject(), QStringLiteral("CN=") + TlsName);
    QCOMPARE(info.issuer(), QStringLiteral("CN=Heron Test CA"));
    QCOMPARE(info.subjectAlternativeNames(), QStringList {TlsName});
    QCOMPARE(info.sha256().size(), 32);
    QCOMPARE(info.fingerprint().size(), 32 * 3 - 1);
    QVERIFY(info.expiryDate() > QDateTime::currentDateTimeUtc());
    QVERIFY(!info.isSelfSigned());
    QVERIFY(CertificateInfo::fromCertificate(m_ca).isSelfSigned());
    QCOMPARE(CertificateInfo::formatFingerprint(QByteArray::fromHex("0aff10")),
             QStringLiteral("0A:FF:10"));
    QVERIFY(CertificateInfo::fromCertificate(QSslCertificate()).isNull());
}

QTEST_GUILESS_MAIN(TestSslTransport)
#include "tst_ssltransport.moc"
