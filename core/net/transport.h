#pragma once

#include "common/mailerror.h"
#include "net/security.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QSslCertificate>

// A byte stream to a mail server. Protocol clients talk only to this interface, so tests can
// drive them through an in-process fake, and the real implementation wraps QSslSocket.
//
// Life cycle: connectToHost() -> connected() (for ImplicitTls only once TLS is established and
// the certificate accepted). startTls() upgrades a plain link -> encrypted(). readyRead() tells
// that readAll() has new bytes. Any failure -> errorOccurred() followed by disconnected().
class Transport : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~Transport() override = default;

    virtual void connectToHost(const QString &host, quint16 port, Security security) = 0;
    virtual void startTls() = 0;
    virtual void write(const QByteArray &bytes) = 0;
    virtual QByteArray readAll() = 0;
    // Discards bytes received but not read yet (used after STARTTLS is accepted).
    virtual void discardPending() = 0;
    virtual void close() = 0;
    virtual bool isEncrypted() const = 0;
    // The link compresses what it carries already (TLS compression), so compressing again on
    // top (IMAP COMPRESS) would only cost time.
    virtual bool isCompressed() const { return false; }
    // Bytes handed to write() not yet sent (under TLS: plain bytes not yet encrypted plus
    // encrypted bytes not yet on the wire); lets callers pace uploads and report progress.
    // bytesWritten() is emitted after each drop of this count, including the one that brings
    // it to 0, so a writer that waits for the queue to fall below a mark is always woken.
    virtual qint64 bytesToWrite() const = 0;

    // The answer to certificateTrustRequested(): continue the handshake or abort it.
    virtual void answerTrust(bool trust) = 0;
    // The certificate the server was accepted with; null without TLS.
    virtual QSslCertificate peerCertificate() const { return QSslCertificate(); }

Q_SIGNALS:
    void connected();
    void encrypted();
    void readyRead();
    void bytesWritten(qint64 bytes);
    void disconnected();
    void errorOccurred(const MailError &error);
    // The server's chain failed validation. The handshake is frozen until answerTrust().
    void certificateTrustRequested(const QList<QSslCertificate> &chain, const QString &reasons);
};
