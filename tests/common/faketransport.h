#pragma once

#include "net/transport.h"

#include <QByteArray>
#include <QList>
#include <QSslCertificate>
#include <QString>

// An in-process Transport for protocol tests. It records everything the client writes and lets
// the test play the server: push bytes, close the link, fail, answer STARTTLS, ask for trust.
//
// Every notification to the client (connected, readyRead, bytesWritten, encrypted, disconnected)
// is delivered queued, like a real socket, so a client never re-enters itself from write().
class FakeTransport : public Transport
{
    Q_OBJECT
public:
    // What happens when the client connects (connectToHost) or upgrades (startTls).
    enum class Outcome {
        Succeed, // connected()/encrypted() on the next event loop turn
        Fail, // errorOccurred(failureError()) then disconnected()
        AskTrust, // certificateTrustRequested(); answerTrust() decides
        Manual, // nothing happens until the test calls completeConnect()/completeStartTls()
    };
    enum class State { Idle, Connecting, Connected, Closed };
    // When bytesWritten() is emitted for the bytes of a write.
    enum class WriteSignals {
        AfterSending, // once they have left the queue (a plain socket)
        // As a TLS socket: first on the next turn while they still count in bytesToWrite()
        // (being encrypted), then again as they leave the queue on later turns.
        BeforeAndAfterSending,
    };

    explicit FakeTransport(QObject *parent = nullptr);
    ~FakeTransport() override;

    // Transport
    void connectToHost(const QString &host, quint16 port, Security security) override;
    void startTls() override;
    void write(const QByteArray &bytes) override;
    QByteArray readAll() override;
    void discardPending() override;
    void close() override;
    bool isEncrypted() const override { return m_encrypted; }
    qint64 bytesToWrite() const override { return m_unsent; }
    void answerTrust(bool trust) override;

    // Configuration, before the client acts.
    void setConnectOutcome(Outcome outcome) { m_connectOutcome = outcome; }
    void setStartTlsOutcome(Outcome outcome) { m_startTlsOutcome = outcome; }
    // The error used for Outcome::Fail and for a refused trust request.
    void setFailureError(const MailError &error) { m_failureError = error; }
    MailError failureError() const { return m_failureError; }
    // The chain and reasons sent with certificateTrustRequested().
    void setTrustRequest(const QList<QSslCertificate> &chain, const QString &reasons);
    // How many bytes one simulated network turn sends: lets tests see bytesToWrite() pacing.
    // 0 (the default) sends each write in one turn.
    void setWriteChunkSize(qint64 bytes) { m_chunkSize = bytes; }
    void setWriteSignals(WriteSignals signalling) { m_writeSignals = signalling; }

    // Playing the server.
    void serverSend(const QByteArray &bytes);
    void serverSendLine(const QByteArray &line) { serverSend(line + "\r\n"); }
    // The server closes the link: pending bytes are still delivered, then disconnected().
    void serverDisconnect();
    // A network failure: errorOccurred(error) then disconnected().
    void simulateError(const MailError &error);
    void completeConnect(bool success = true);
    void completeStartTls(bool success = true);

    // What the client did.
    State state() const { return m_state; }
    QString host() const { return m_host; }
    quint16 port() const { return m_port; }
    Security security() const { return m_security; }
    QByteArray written() const { return m_written; }
    // Returns and forgets what the client wrote so far.
    QByteArray takeWritten();
    // The writes one by one, as the client issued them (pipelining shows as one entry).
    QList<QByteArray> writes() const { return m_writes; }
    int startTlsCount() const { return m_startTlsCount; }
    int connectCount() const { return m_connectCount; }
    // Bytes the client threw away through discardPending().
    QByteArray discarded() const { return m_discarded; }
    // Bytes written while not connected or after close(): a client bug.
    QByteArray writtenWhileClosed() const { return m_writtenWhileClosed; }
    bool trustAnswered() const { return m_trustAnswered; }
    bool trustAnswer() const { return m_trustAnswer; }
    // Bytes pushed by serverSend() that the client has not read yet.
    qsizetype pendingServerBytes() const { return m_incoming.size(); }

Q_SIGNALS:
    // For the scripted server: raised synchronously inside the client's own call.
    void clientWrote(const QByteArray &bytes);
    void connectRequested();
    void startTlsRequested();
    void clientClosed();

private:
    enum class Pending { None, Connect, StartTls };

    void post(void (FakeTransport::*method)());
    void deliverConnected();
    void deliverEncrypted();
    void deliverReadyRead();
    void deliverDisconnected();
    void deliverFailure();
    void flushWrites();
    void fail(const MailError &error);

    State m_state = State::Idle;
    Outcome m_connectOutcome = Outcome::Succeed;
    Outcome m_startTlsOutcome = Outcome::Succeed;
    Pending m_pending = Pending::None;
    MailError m_failureError {MailError::Kind::Tls, QStringLiteral("simulated TLS failure")};
    MailError m_error;
    QList<QSslCertificate> m_chain;
    QString m_reasons = QStringLiteral("simulated: certificate not trusted");
    QString m_host;
    quint16 m_port = 0;
    Security m_security = Security::None;
    bool m_encrypted = false;
    bool m_readyReadPosted = false;
    bool m_flushPosted = false;
    bool m_disconnectPosted = false;
    bool m_trustAnswered = false;
    bool m_trustAnswer = false;
    int m_startTlsCount = 0;
    int m_connectCount = 0;
    qint64 m_chunkSize = 0;
    qint64 m_unsent = 0;
    qint64 m_unannounced = 0; // BeforeAndAfterSending: written, not yet announced as taken in
    WriteSignals m_writeSignals = WriteSignals::AfterSending;
    QByteArray m_incoming;
    QByteArray m_written;
    QList<QByteArray> m_writes;
    QByteArray m_discarded;
    QByteArray m_writtenWhileClosed;
};
