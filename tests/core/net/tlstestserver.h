#pragma once

#include <QList>
#include <QSslCertificate>
#include <QSslKey>
#include <QTcpServer>

class QSslSocket;

// A loopback TLS server for transport tests. After TLS it answers each line "X" with "echo X".
class TlsTestServer : public QTcpServer
{
    Q_OBJECT
public:
    enum class Mode {
        ImplicitTls, // TLS right after accept
        StartTls, // "220 hi", then on "STARTTLS" "220 go" (+ injected bytes) and TLS
        Silent, // accept and never send a byte
        Sink, // TLS right after accept, then count what arrives and never answer
    };

    TlsTestServer(Mode mode, const QSslCertificate &certificate, const QSslKey &key,
                  QObject *parent = nullptr);

    // Plain bytes sent right after "220 go", before the handshake (a STARTTLS injection).
    void setInjectedBytes(const QByteArray &bytes) { m_injected = bytes; }
    QList<QByteArray> receivedLines() const { return m_lines; }
    // Sink: the plain bytes received after TLS, across connections.
    qint64 receivedBytes() const { return m_receivedBytes; }

protected:
    void incomingConnection(qintptr handle) override;

private:
    void onReadyRead(QSslSocket *socket);

    Mode m_mode;
    QSslCertificate m_certificate;
    QSslKey m_key;
    QByteArray m_injected;
    QList<QByteArray> m_lines;
    qint64 m_receivedBytes = 0;
};
