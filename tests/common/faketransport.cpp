#include "faketransport.h"

#include <QMetaObject>

FakeTransport::FakeTransport(QObject *parent)
    : Transport(parent)
{ }

FakeTransport::~FakeTransport() = default;

void FakeTransport::post(void (FakeTransport::*method)())
{
    QMetaObject::invokeMethod(
            this, [this, method] { (this->*method)(); }, Qt::QueuedConnection);
}

void FakeTransport::connectToHost(const QString &host, quint16 port, Security security)
{
    m_host = host;
    m_port = port;
    m_security = security;
    m_state = State::Connecting;
    m_encrypted = false;
    m_disconnectPosted = false;
    m_incoming.clear();
    m_unsent = 0;
    m_unannounced = 0;
    ++m_connectCount;
    m_pending = Pending::Connect;
    switch (m_connectOutcome) {
    case Outcome::Succeed:
        completeConnect(true);
        break;
    case Outcome::Fail:
        completeConnect(false);
        break;
    case Outcome::AskTrust:
        QMetaObject::invokeMethod(
                this, [this] { Q_EMIT certificateTrustRequested(m_chain, m_reasons); },
                Qt::QueuedConnection);
        break;
    case Outcome::Manual:
        break;
    }
    Q_EMIT connectRequested();
}

void FakeTransport::startTls()
{
    ++m_startTlsCount;
    m_pending = Pending::StartTls;
    switch (m_startTlsOutcome) {
    case Outcome::Succeed:
        completeStartTls(true);
        break;
    case Outcome::Fail:
        completeStartTls(false);
        break;
    case Outcome::AskTrust:
        QMetaObject::invokeMethod(
                this, [this] { Q_EMIT certificateTrustRequested(m_chain, m_reasons); },
                Qt::QueuedConnection);
        break;
    case Outcome::Manual:
        break;
    }
    Q_EMIT startTlsRequested();
}

void FakeTransport::write(const QByteArray &bytes)
{
    if (m_state != State::Connected) {
        m_writtenWhileClosed += bytes;
        return;
    }
    m_written += bytes;
    m_writes.append(bytes);
    m_unsent += bytes.size();
    if (m_writeSignals == WriteSignals::BeforeAndAfterSending)
        m_unannounced += bytes.size();
    Q_EMIT clientWrote(bytes);
    if (!m_flushPosted) {
        m_flushPosted = true;
        post(&FakeTransport::flushWrites);
    }
}

QByteArray FakeTransport::readAll()
{
    return std::exchange(m_incoming, QByteArray());
}

void FakeTransport::discardPending()
{
    m_discarded += m_incoming;
    m_incoming.clear();
}

void FakeTransport::close()
{
    if (m_state == State::Idle || m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_pending = Pending::None;
    m_incoming.clear();
    m_unsent = 0;
    m_unannounced = 0;
    Q_EMIT clientClosed();
    if (!m_disconnectPosted) {
        m_disconnectPosted = true;
        post(&FakeTransport::deliverDisconnected);
    }
}

void FakeTransport::answerTrust(bool trust)
{
    m_trustAnswered = true;
    m_trustAnswer = trust;
    if (m_pending == Pending::Connect)
        completeConnect(trust);
    else if (m_pending == Pending::StartTls)
        completeStartTls(trust);
}

void FakeTransport::setTrustRequest(const QList<QSslCertificate> &chain, const QString &reasons)
{
    m_chain = chain;
    m_reasons = reasons;
}

void FakeTransport::serverSend(const QByteArray &bytes)
{
    if (m_state == State::Closed || m_state == State::Idle)
        return;
    m_incoming += bytes;
    if (!m_readyReadPosted) {
        m_readyReadPosted = true;
        post(&FakeTransport::deliverReadyRead);
    }
}

void FakeTransport::serverDisconnect()
{
    if (m_state == State::Idle || m_disconnectPosted)
        return;
    m_disconnectPosted = true;
    post(&FakeTransport::deliverDisconnected);
}

void FakeTransport::simulateError(const MailError &error)
{
    fail(error);
}

void FakeTransport::completeConnect(bool success)
{
    if (m_pending != Pending::Connect)
        return;
    m_pending = Pending::None;
    if (success)
        post(&FakeTransport::deliverConnected);
    else
        fail(m_failureError);
}

void FakeTransport::completeStartTls(bool success)
{
    if (m_pending != Pending::StartTls)
        return;
    m_pending = Pending::None;
    if (success)
        post(&FakeTransport::deliverEncrypted);
    else
        fail(m_failureError);
}

QByteArray FakeTransport::takeWritten()
{
    return std::exchange(m_written, QByteArray());
}

void FakeTransport::fail(const MailError &error)
{
    if (m_disconnectPosted)
        return;
    m_error = error;
    m_disconnectPosted = true;
    post(&FakeTransport::deliverFailure);
}

void FakeTransport::deliverConnected()
{
    if (m_state != State::Connecting)
        return;
    m_state = State::Connected;
    m_encrypted = m_security == Security::ImplicitTls;
    Q_EMIT connected();
}

void FakeTransport::deliverEncrypted()
{
    if (m_state != State::Connected)
        return;
    m_encrypted = true;
    Q_EMIT encrypted();
}

void FakeTransport::deliverReadyRead()
{
    m_readyReadPosted = false;
    if (m_state == State::Connected && !m_incoming.isEmpty())
        Q_EMIT readyRead();
}

void FakeTransport::deliverDisconnected()
{
    const bool wasOpen = m_state != State::Idle;
    m_state = State::Closed;
    m_pending = Pending::None;
    m_unsent = 0;
    m_unannounced = 0;
    if (wasOpen)
        Q_EMIT disconnected();
}

void FakeTransport::deliverFailure()
{
    if (m_state == State::Idle)
        return;
    Q_EMIT errorOccurred(m_error);
    deliverDisconnected();
}

void FakeTransport::flushWrites()
{
    m_flushPosted = false;
    if (m_state != State::Connected || m_unsent == 0)
        return;
    if (m_unannounced > 0) {
        // Taken in, not sent: the queue is as full as before; the bytes leave on a later turn.
        const qint64 taken = std::exchange(m_unannounced, 0);
        m_flushPosted = true;
        post(&FakeTransport::flushWrites);
        Q_EMIT bytesWritten(taken);
        return;
    }
    const qint64 n = m_chunkSize > 0 ? qMin(m_chunkSize, m_unsent) : m_unsent;
    m_unsent -= n;
    if (m_unsent > 0) {
        m_flushPosted = true;
        post(&FakeTransport::flushWrites);
    }
    Q_EMIT bytesWritten(n);
}
