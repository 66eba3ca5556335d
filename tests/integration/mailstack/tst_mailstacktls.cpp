// The local mail stack's four ports speak TLS with a certificate that verifies against the stack's
// own CA under the name mail.example.test, and against nothing else: not the system CAs, not
// another name. If TLS validation were switched off or the wrong CA used, the negative rows fail.
#include "mailstackinfo.h"

#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslError>
#include <QSslSocket>
#include <QTest>

#include <iterator>

namespace {

constexpr int kTimeout = 15000;

enum class Protocol { Imap, Smtp };
enum class Mode { ImplicitTls, StartTls };
enum class Trust { StackCa, SystemCas, StackCaWrongName };

struct Port
{
    const char *name;
    Protocol protocol;
    Mode mode;
    quint16 (MailStackInfo::*port)() const;
};

const Port kPorts[] = {
        {"IMAP STARTTLS", Protocol::Imap, Mode::StartTls, &MailStackInfo::imapStartTlsPort},
        {"IMAP TLS", Protocol::Imap, Mode::ImplicitTls, &MailStackInfo::imapTlsPort},
        {"SMTP STARTTLS", Protocol::Smtp, Mode::StartTls, &MailStackInfo::smtpStartTlsPort},
        {"SMTP TLS", Protocol::Smtp, Mode::ImplicitTls, &MailStackInfo::smtpTlsPort},
};

// Waits (processing events) for one CRLF-terminated line and returns it without the line end.
void readLine(QSslSocket &socket, QByteArray &line)
{
    QTRY_VERIFY2_WITH_TIMEOUT(socket.canReadLine()
                                      || socket.state() == QAbstractSocket::UnconnectedState,
                              "no line from the server in time", kTimeout);
    QVERIFY2(socket.canReadLine(), qPrintable(QStringLiteral("the server closed the connection: %1")
                                                      .arg(socket.errorString())));
    line = socket.readLine().trimmed();
}

// An SMTP reply: continuation lines ("250-...") up to the last one ("250 ..."). Returns all lines.
void readSmtpReply(QSslSocket &socket, QList<QByteArray> &lines)
{
    lines.clear();
    for (;;) {
        QByteArray line;
        readLine(socket, line);
        if (QTest::currentTestFailed())
            return;
        lines.append(line);
        QVERIFY2(line.size() >= 3, line.constData());
        if (line.size() == 3 || line.at(3) != '-')
            return;
    }
}

// An IMAP command's answer: untagged lines up to the tagged one, which is returned.
void readTagged(QSslSocket &socket, const QByteArray &tag, QList<QByteArray> &untagged,
                QByteArray &tagged)
{
    untagged.clear();
    for (;;) {
        QByteArray line;
        readLine(socket, line);
        if (QTest::currentTestFailed())
            return;
        if (line.startsWith(tag + ' ')) {
            tagged = line;
            return;
        }
        untagged.append(line);
    }
}

void send(QSslSocket &socket, const QByteArray &command)
{
    QCOMPARE(socket.write(command + "\r\n"), command.size() + 2);
}

QSslConfiguration configurationFor(Trust trust, const MailStackInfo &info)
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (trust == Trust::SystemCas)
        config.setCaCertificates(QSslConfiguration::systemCaCertificates());
    else
        config.setCaCertificates(info.caCertificates()); // replaces the system list
    return config;
}

bool isCertificateTrustError(QSslError::SslError e)
{
    switch (e) {
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::CertificateUntrusted:
        return true;
    default:
        return false;
    }
}

} // namespace

class TstMailStackTls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void handshake_data();
    void handshake();

private:
    // One command after TLS: IMAP CAPABILITY / SMTP EHLO, which must now offer login.
    void commandAfterTls(QSslSocket &socket, Protocol protocol);

    MailStackInfo m_info;
};

void TstMailStackTls::initTestCase()
{
    m_info = MailStackInfo::fromEnvironment();
    QVERIFY2(m_info.isValid(), qPrintable(m_info.error()));
    QVERIFY2(!m_info.caCertificates().isEmpty(),
             qPrintable(QStringLiteral("no CA certificate in %1").arg(m_info.caFile())));
    QCOMPARE(m_info.tlsName(), QStringLiteral("mail.example.test"));
    for (const Port &p : kPorts)
        QVERIFY2((m_info.*p.port)() != 0, p.name);
    QVERIFY(QSslSocket::supportsSsl());
}

void TstMailStackTls::handshake_data()
{
    QTest::addColumn<int>("portIndex");
    QTest::addColumn<Trust>("trust");
    for (int i = 0; i < static_cast<int>(std::size(kPorts)); ++i) {
        QTest::addRow("%s, stack CA", kPorts[i].name) << i << Trust::StackCa;
        QTest::addRow("%s, system CAs only: rejected", kPorts[i].name) << i << Trust::SystemCas;
        QTest::addRow("%s, stack CA, wrong name: rejected", kPorts[i].name)
                << i << Trust::StackCaWrongName;
    }
}

void TstMailStackTls::commandAfterTls(QSslSocket &socket, Protocol protocol)
{
    if (protocol == Protocol::Imap) {
        send(socket, "b CAPABILITY");
        QList<QByteArray> untagged;
        QByteArray tagged;
        readTagged(socket, "b", untagged, tagged);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(tagged.startsWith("b OK"), tagged.constData());
        QVERIFY2(!untagged.isEmpty() && untagged.first().startsWith("* CAPABILITY"),
                 untagged.join('\n').constData());
        QVERIFY2(!untagged.first().contains("STARTTLS"), "STARTTLS still offered inside TLS");
        QVERIFY2(untagged.first().contains("AUTH=PLAIN"), untagged.first().constData());
        send(socket, "c LOGOUT");
    } else {
        send(socket, "EHLO client.example.test");
        QList<QByteArray> lines;
        readSmtpReply(socket, lines);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(lines.last().startsWith("250 "), lines.join('\n').constData());
        const QByteArray all = lines.join('\n');
        QVERIFY2(!all.contains("STARTTLS"), "STARTTLS still offered inside TLS");
        QVERIFY2(all.contains("AUTH PLAIN") || all.contains("AUTH LOGIN PLAIN"), all.constData());
        send(socket, "QUIT");
    }
}

void TstMailStackTls::handshake()
{
    QFETCH(int, portIndex);
    QFETCH(Trust, trust);
    const Port &p = kPorts[portIndex];
    const quint16 port = (m_info.*p.port)();
    const QString verifyName = trust == Trust::StackCaWrongName
                                       ? QStringLiteral("wrong.example.test")
                                       : m_info.tlsName();

    QSslSocket socket;
    socket.setSslConfiguration(configurationFor(trust, m_info));
    QSignalSpy encrypted(&socket, &QSslSocket::encrypted);
    QSignalSpy sslErrors(&socket, &QSslSocket::sslErrors);
    QVERIFY(encrypted.isValid());
    QVERIFY(sslErrors.isValid());

    if (p.mode == Mode::ImplicitTls) {
        socket.connectToHostEncrypted(m_info.host(), port, verifyName);
    } else {
        // Plain greeting first, then STARTTLS, then the handshake.
        QSignalSpy connected(&socket, &QAbstractSocket::connected);
        socket.connectToHost(m_info.host(), port);
        QTRY_COMPARE_WITH_TIMEOUT(connected.count(), 1, kTimeout);
        QVERIFY(!socket.isEncrypted());
        if (p.protocol == Protocol::Imap) {
            QByteArray greeting;
            readLine(socket, greeting);
            if (QTest::currentTestFailed())
                return;
            QVERIFY2(greeting.startsWith("* OK"), greeting.constData());
            send(socket, "a STARTTLS");
            QList<QByteArray> untagged;
            QByteArray tagged;
            readTagged(socket, "a", untagged, tagged);
            if (QTest::currentTestFailed())
                return;
            QVERIFY2(tagged.startsWith("a OK"), tagged.constData());
        } else {
            QList<QByteArray> lines;
            readSmtpReply(socket, lines);
            if (QTest::currentTestFailed())
                return;
            QVERIFY2(lines.last().startsWith("220 "), lines.last().constData());
            send(socket, "EHLO client.example.test");
            readSmtpReply(socket, lines);
            if (QTest::currentTestFailed())
                return;
            QVERIFY2(lines.join('\n').contains("STARTTLS"), lines.join('\n').constData());
            send(socket, "STARTTLS");
            readSmtpReply(socket, lines);
            if (QTest::currentTestFailed())
                return;
            QVERIFY2(lines.last().startsWith("220 "), lines.last().constData());
        }
        QVERIFY2(socket.bytesAvailable() == 0, "data after the STARTTLS answer");
        socket.setPeerVerifyName(verifyName);
        socket.startClientEncryption();
    }

    if (trust != Trust::StackCa) {
        // The handshake must fail on the certificate; nothing may arrive in clear or encrypted.
        QTRY_VERIFY_WITH_TIMEOUT(!sslErrors.isEmpty(), kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, kTimeout);
        QCOMPARE(encrypted.count(), 0);
        const auto errors = sslErrors.first().first().value<QList<QSslError>>();
        QStringList described;
        bool expected = false;
        for (const QSslError &e : errors) {
            described << e.errorString();
            if (trust == Trust::SystemCas)
                expected = expected || isCertificateTrustError(e.error());
            else
                expected = expected || e.error() == QSslError::HostNameMismatch;
        }
        QVERIFY2(expected, qPrintable(described.join(QStringLiteral("; "))));
        if (trust == Trust::StackCaWrongName) {
            // The chain itself was fine: only the name was wrong.
            for (const QSslError &e : errors)
                QVERIFY2(!isCertificateTrustError(e.error()), qPrintable(e.errorString()));
        }
        return;
    }

    QTRY_COMPARE_WITH_TIMEOUT(encrypted.count(), 1, kTimeout);
    QVERIFY2(sslErrors.isEmpty(), "certificate errors with the stack's own CA");
    QVERIFY(socket.isEncrypted());
    const QSslCertificate peer = socket.peerCertificate();
    QVERIFY(!peer.isNull());
    QVERIFY2(peer.subjectInfo(QSslCertificate::CommonName).contains(m_info.tlsName()),
             qPrintable(peer.subjectInfo(QSslCertificate::CommonName).join(QLatin1Char(','))));
    QVERIFY(!peer.isSelfSigned());

    if (p.mode == Mode::ImplicitTls) {
        if (p.protocol == Protocol::Imap) {
            QByteArray greeting;
            readLine(socket, greeting);
            if (QTest::currentTestFailed())
                return;
            QVERIFY2(greeting.startsWith("* OK"), greeting.constData());
            send(socket, "a LOGOUT");
        } else {
            QList<QByteArray> lines;
            readSmtpReply(socket, lines);
            if (QTest::currentTestFailed())
                return;
            QVERIFY2(lines.last().startsWith("220 "), lines.last().constData());
            send(socket, "QUIT");
        }
        return;
    }
    commandAfterTls(socket, p.protocol);
}

QTEST_GUILESS_MAIN(TstMailStackTls)
#include "tst_mailstacktls.moc"
