#include "tlstestserver.h"

#include <QSslSocket>

TlsTestServer::TlsTestServer(Mode mode, const QSslCertificate &certificate, const QSslKey &key,
                             QObject *parent)
    : QTcpServer(parent)
    , m_mode(mode)
    , m_certificate(certificate)
    , m_key(key)
{ }

void TlsTestServer::incomingConnection(qintptr handle)
{
    auto *socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(handle)) {
        delete socket;
        return;
    }
    socket->setLocalCertificate(m_certificate);
    socket->setPrivateKey(m_key);
    socket->setPeerVerifyMode(QSslSocket::VerifyNone);
    connect(socket, &QSslSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
    connect(socket, &QSslSocket::disconnected, socket, &QObject::deleteLater);
    switch (m_mode) {
    case Mode::ImplicitTls:
    case Mode::Sink:
        socket->startServerEncryption();
        break;
    case Mode::StartTls:
        socket->write("220 hi\r\n");
        break;
    case Mode::Silent:
        break;
    }
}

void TlsTestServer::onReadyRead(QSslSocket *socket)
{
    if (m_mode == Mode::Sink) {
        m_receivedBytes += socket->readAll().size();
        return;
    }
    while (socket->canReadLine()) {
        const QByteArray line = socket->readLine().trimmed();
        m_lines.append(line);
        if (!socket->isEncrypted()) {
            if (m_mode == Mode::StartTls && line == "STARTTLS") {
                socket->write("220 go\r\n" + m_injected);
                socket->flush();
                socket->startServerEncryption();
            }
            continue;
        }
        socket->write("echo " + line + "\r\n");
    }
}
