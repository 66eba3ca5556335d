#include "smtpclient.h"

#include "common/logging.h"
#include "net/transport.h"

#include <QBuffer>
#include <QIODevice>

namespace {

constexpr qint64 ReadChunk = 64 * 1024;
constexpr qint64 HighWater = 256 * 1024;
constexpr qint64 BdatChunk = 1024 * 1024;

bool isAscii(QByteArrayView bytes)
{
    for (char c : bytes) {
        if (static_cast<unsigned char>(c) >= 0x80)
            return false;
    }
    return true;
}

} // namespace

using Stage = SmtpSubmission::Stage;
using Delivery = SmtpSubmission::Delivery;

SmtpClient::SmtpClient(Transport *transport, QObject *parent)
    : QObject(parent), m_transport(transport)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SmtpClient::onTimeout);
    connect(m_transport, &Transport::connected, this, &SmtpClient::onConnected);
    connect(m_transport, &Transport::encrypted, this, &SmtpClient::onEncrypted);
    connect(m_transport, &Transport::readyRead, this, &SmtpClient::onReadyRead);
    connect(m_transport, &Transport::bytesWritten, this, &SmtpClient::onBytesWritten);
    connect(m_transport, &Transport::disconnected, this, &SmtpClient::onDisconnected);
    connect(m_transport, &Transport::errorOccurred, this,
            [this](const MailError &error) { m_transportError = error; });
}

SmtpClient::~SmtpClient() = default;

SmtpSubmission *SmtpClient::submit(const SmtpEnvelope &envelope, QIODevice *message)
{
    return start(envelope, message);
}

SmtpSubmission *SmtpClient::submit(const SmtpEnvelope &envelope, const QByteArray &message)
{
    if (isBusy())
        return start(envelope, nullptr);
    // QBuffer shares the bytes: no copy of the message is made.
    auto *buffer = new QBuffer(this);
    buffer->setData(message);
    buffer->open(QIODevice::ReadOnly);
    SmtpSubmission *submission = start(envelope, buffer);
    buffer->setParent(submission);
    return submission;
}

SmtpSubmission *SmtpClient::start(const SmtpEnvelope &envelope, QIODevice *message)
{
    auto *submission = new SmtpSubmission(this);
    if (isBusy() || !message || !message->isReadable()) {
        submission->m_error = MailError(MailError::Kind::Policy,
                                        isBusy() ? QStringLiteral("A submission is already running")
                                                 : QStringLiteral("The message is not readable"));
        submission->m_stage = Stage::Connect;
        submission->m_finished = true;
        QMetaObject::invokeMethod(submission, &SmtpSubmission::finished, Qt::QueuedConnection);
        return submission;
    }
    m_submission = submission;
    m_envelope = envelope;
    m_device = message;
    m_source = SmtpMessageSource(message);
    m_parser.clear();
    m_caps = SmtpCapabilities();
    m_transportError = MailError();
    m_expected.clear();
    m_rcptIndex = 0;
    m_acceptedCount = 0;
    m_mailAccepted = false;
    m_pipelined = false;
    m_bodyDone = false;
    m_abortingData = false;
    m_resultKnown = false;
    submission->m_total = m_source.size();
    for (const QString &r : envelope.recipients)
        submission->m_recipients.append({r, {}});
    // Non-ASCII in an address or in the header section needs SMTPUTF8 (RFC 6531/6532);
    // anywhere else it needs 8BITMIME (RFC 6152).
    m_source.scan();
    m_needsUtf8 = m_source.hasNonAsciiHeaders() || !isAscii(envelope.from.toUtf8());
    for (const QString &r : envelope.recipients)
        m_needsUtf8 = m_needsUtf8 || !isAscii(r.toUtf8());

    setState(State::Connecting);
    m_transport->connectToHost(m_settings.host, m_settings.port, m_settings.security);
    return submission;
}

void SmtpClient::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void SmtpClient::armTimer(int msecs)
{
    if (msecs > 0)
        m_timer.start(msecs);
    else
        m_timer.stop();
}

void SmtpClient::sendCommand(const QByteArray &line, State next)
{
    setState(next);
    if (next != State::AuthLoginPassword && next != State::Auth)
        qCDebug(lcSmtp) << "C:" << line;
    m_transport->write(line + "\r\n");
    armTimer(next == State::Data ? m_settings.timeouts.dataStart : m_settings.timeouts.command);
}

void SmtpClient::onConnected()
{
    if (m_state != State::Connecting)
        return;
    setState(State::Greeting);
    armTimer(m_settings.timeouts.greeting);
}

void SmtpClient::onEncrypted()
{
    if (m_state != State::TlsHandshake)
        return;
    sendCommand("EHLO " + m_settings.ehloName, State::EhloAfterTls);
}

void SmtpClient::onReadyRead()
{
    const QByteArray bytes = m_transport->readAll();
    if (m_state == State::Idle || m_state == State::Connecting || m_state == State::TlsHandshake)
        return; // nothing is awaited: bytes before the TLS handshake are never trusted
    m_parser.addData(bytes);
    while (m_state != State::Idle && m_state != State::TlsHandshake) {
        const SmtpReplyParser::Result result = m_parser.next();
        if (result.status == SmtpReplyParser::Status::NeedMore)
            return;
        if (result.status == SmtpReplyParser::Status::Error) {
            fail(MailError(MailError::Kind::Parse, QStringLiteral("Malformed server reply"),
                           result.error),
                 currentStage());
            closeSession();
            return;
        }
        qCDebug(lcSmtp) << "S:" << result.reply.toString();
        handleReply(result.reply);
    }
}

void SmtpClient::handleReply(const SmtpReply &reply)
{
    m_timer.stop();
    switch (m_state) {
    case State::Greeting:
        if (reply.isPositive())
            sendCommand("EHLO " + m_settings.ehloName, State::Ehlo);
        else
            protocolFailure(reply, Stage::Greeting, QStringLiteral("The server refused the session"));
        return;
    case State::Ehlo:
    case State::EhloAfterTls:
    case State::Helo:
        handleEhlo(reply);
        return;
    case State::StartTls:
        if (reply.code() != 220) {
            protocolFailure(reply, Stage::StartTls, QStringLiteral("STARTTLS was refused"));
            return;
        }
        // Anything the server sent after its 220 came before TLS: it must not be trusted.
        m_parser.clear();
        m_transport->discardPending();
        setState(State::TlsHandshake);
        m_transport->startTls();
        return;
    case State::AuthLoginUser:
    case State::AuthLoginPassword:
        if (reply.code() == 334) {
            const QString &secret = m_state == State::AuthLoginUser ? m_settings.userName
                                                                   : m_settings.password;
            sendCommand(secret.toUtf8().toBase64(), m_state == State::AuthLoginUser
                                                            ? State::AuthLoginPassword
                                                            : State::Auth);
            return;
        }
        Q_FALLTHROUGH();
    case State::Auth:
        if (reply.code() == 235) {
            startTransaction();
            return;
        }
        fail(MailError(MailError::Kind::Authentication,
                       QStringLiteral("The server rejected the user name or password"),
                       reply.toString()),
             Stage::Auth, reply);
        return;
    case State::MailFrom:
    case State::RcptTo:
    case State::Data:
        handleTransactionReply(reply);
        return;
    case State::DataBody:
    case State::Bdat:
        handleEndOfMessage(reply);
        return;
    case State::Quit:
        if (!m_expected.isEmpty()) {
            m_expected.removeFirst(); // a pipelined reply still due before the one to QUIT
            return;
        }
        closeSession();
        return;
    case State::Idle:
    case State::Connecting:
    case State::TlsHandshake:
        return;
    }
}

void SmtpClient::handleEhlo(const SmtpReply &reply)
{
    if (reply.isPositive()) {
        m_caps = m_state == State::Helo ? SmtpCapabilities() : SmtpCapabilities::fromEhloReply(reply);
        afterEhlo();
        return;
    }
    if (m_state == State::Ehlo && (reply.code() == 500 || reply.code() == 502)) {
        sendCommand("HELO " + m_settings.ehloName, State::Helo);
        return;
    }
    protocolFailure(reply, Stage::Ehlo, QStringLiteral("The server refused EHLO"));
}

void SmtpClient::afterEhlo()
{
    if (m_settings.security == Security::StartTls && !m_transport->isEncrypted()) {
        if (!m_caps.supportsStartTls()) {
            fail(MailError(MailError::Kind::Policy,
                           QStringLiteral("The server does not offer STARTTLS; nothing was sent")),
                 Stage::StartTls);
            return;
        }
        sendCommand("STARTTLS", State::StartTls);
        return;
    }
    startAuth();
}

void SmtpClient::startAuth()
{
    if (m_settings.userName.isEmpty()) {
        startTransaction();
        return;
    }
    if (!m_transport->isEncrypted() && m_settings.security != Security::None) {
        fail(MailError(MailError::Kind::Policy,
                       QStringLiteral("Refusing to send credentials over an unencrypted link")),
             Stage::Auth);
        return;
    }
    if (m_caps.supportsAuth("PLAIN")) {
        const QByteArray token = '\0' + m_settings.userName.toUtf8() + '\0'
                + m_settings.password.toUtf8();
        sendCommand("AUTH PLAIN " + token.toBase64(), State::Auth);
    } else if (m_caps.supportsAuth("LOGIN")) {
        sendCommand("AUTH LOGIN", State::AuthLoginUser);
    } else {
        fail(MailError(MailError::Kind::Authentication,
                       QStringLiteral("The server offers no supported way to log in"),
                       QString::fromLatin1(m_caps.authMechanisms().join(' '))),
             Stage::Auth);
    }
}

QByteArray SmtpClient::encodeAddress(const QString &address) const
{
    return '<' + address.toUtf8() + '>';
}

QByteArray SmtpClient::mailFromCommand() const
{
    QByteArray line = "MAIL FROM:" + encodeAddress(m_envelope.from);
    const qint64 total = m_submission ? m_submission->m_total : -1;
    if (m_caps.supportsSize() && total >= 0)
        line += " SIZE=" + QByteArray::number(total);
    if (m_source.hasEightBit() && m_caps.supports8BitMime())
        line += " BODY=8BITMIME";
    if (m_needsUtf8)
        line += " SMTPUTF8";
    return line;
}

QByteArray SmtpClient::rcptCommand(const QString &address) const
{
    return "RCPT TO:" + encodeAddress(address);
}

void SmtpClient::startTransaction()
{
    if (m_envelope.recipients.isEmpty()) {
        fail(MailError(MailError::Kind::Policy, QStringLiteral("The message has no recipient")),
             Stage::RcptTo);
        return;
    }
    if (m_needsUtf8 && !m_caps.supportsSmtpUtf8()) {
        fail(MailError(MailError::Kind::Policy,
                       QStringLiteral("The server does not accept internationalized addresses or "
                                      "headers (no SMTPUTF8)")),
             Stage::MailFrom);
        return;
    }
    const bool sequential = m_device->isSequential();
    if (m_source.hasEightBit() && !sequential && !m_caps.supports8BitMime()) {
        fail(MailError(MailError::Kind::Policy,
                       QStringLiteral("The message holds 8-bit data and the server does not "
                                      "accept it (no 8BITMIME)")),
             Stage::MailFrom);
        return;
    }
    const qint64 limit = m_caps.sizeLimit();
    if (limit > 0 && m_submission->m_total > limit) {
        fail(MailError(MailError::Kind::Limit,
                       QStringLiteral("The message (%1 bytes) is larger than the server accepts "
                                      "(%2 bytes)")
                               .arg(m_submission->m_total)
                               .arg(limit)),
             Stage::MailFrom);
        return;
    }
    m_pipelined = m_caps.supportsPipelining();
    m_expected = {Expect::Mail};
    for (qsizetype i = 0; i < m_envelope.recipients.size(); ++i)
        m_expected.append(Expect::Rcpt);
    if (!m_caps.supportsChunking())
        m_expected.append(Expect::Data);
    if (!m_pipelined) {
        sendCommand(mailFromCommand(), State::MailFrom);
        return;
    }
    // RFC 2920: MAIL, every RCPT and DATA leave in one write; replies are read in order.
    QByteArray batch = mailFromCommand() + "\r\n";
    for (const QString &r : std::as_const(m_envelope.recipients))
        batch += rcptCommand(r) + "\r\n";
    if (!m_caps.supportsChunking())
        batch += "DATA\r\n";
    qCDebug(lcSmtp) << "C:" << batch;
    setState(State::MailFrom);
    m_transport->write(batch);
    armTimer(m_settings.timeouts.command);
}

void SmtpClient::handleTransactionReply(const SmtpReply &reply)
{
    if (m_expected.isEmpty())
        return;
    const Expect expect = m_expected.takeFirst();
    switch (expect) {
    case Expect::Mail:
        m_mailAccepted = reply.isPositive();
        if (!m_mailAccepted) {
            const bool tooBig = reply.code() == 552 || reply.enhancedCode() == "5.3.4";
            fail(MailError(tooBig ? MailError::Kind::Limit : MailError::Kind::Protocol,
                           QStringLiteral("The server refused the sender"), reply.toString()),
                 Stage::MailFrom, reply);
            return;
        }
        if (!m_pipelined)
            sendCommand(rcptCommand(m_envelope.recipients.at(0)), State::RcptTo);
        else
            setState(State::RcptTo);
        armTimer(m_settings.timeouts.command);
        return;
    case Expect::Rcpt:
        m_submission->m_recipients[m_rcptIndex].reply = reply;
        if (reply.isPositive())
            ++m_acceptedCount;
        ++m_rcptIndex;
        if (m_rcptIndex < m_envelope.recipients.size()) {
            if (!m_pipelined)
                sendCommand(rcptCommand(m_envelope.recipients.at(m_rcptIndex)), State::RcptTo);
            else
                armTimer(m_settings.timeouts.command);
            return;
        }
        afterRecipients();
        return;
    case Expect::Data:
        if (reply.code() != 354) {
            if (m_acceptedCount == 0)
                afterRecipients(); // reports the refused recipients
            else
                protocolFailure(reply, Stage::Data, QStringLiteral("The server refused DATA"));
            return;
        }
        if (m_acceptedCount == 0) {
            // RFC 2920 3.1: DATA was accepted with no valid recipient: end it empty.
            m_abortingData = true;
            setState(State::DataBody);
            m_transport->write(".\r\n");
            armTimer(m_settings.timeouts.dataEnd);
            return;
        }
        startBody();
        return;
    }
}

void SmtpClient::afterRecipients()
{
    if (m_acceptedCount == 0) {
        const SmtpReply last = m_submission->m_recipients.constLast().reply;
        if (m_pipelined && !m_expected.isEmpty()) {
            // The DATA reply is still due; it decides how the transaction ends.
            setState(State::Data);
            armTimer(m_settings.timeouts.dataStart);
            m_submission->m_failureReply = last;
            return;
        }
        fail(MailError(MailError::Kind::Protocol,
                       QStringLiteral("The server refused every recipient: %1")
                               .arg(m_submission->refusedRecipients().join(QStringLiteral(", "))),
                       last.toString()),
             Stage::RcptTo, last);
        return;
    }
    if (m_caps.supportsChunking()) {
        startBody();
        return;
    }
    if (m_pipelined) {
        setState(State::Data);
        armTimer(m_settings.timeouts.dataStart);
        return;
    }
    sendCommand("DATA", State::Data);
}

void SmtpClient::startBody()
{
    if (m_caps.supportsChunking()) {
        m_source.begin(SmtpDataEncoder::Mode::Bdat);
        setState(State::Bdat);
        sendNextChunk();
        return;
    }
    m_source.begin(SmtpDataEncoder::Mode::Data);
    setState(State::DataBody);
    armTimer(m_settings.timeouts.dataBlock);
    pumpData();
}

void SmtpClient::pumpData()
{
    if (m_state != State::DataBody || m_bodyDone || m_abortingData)
        return;
    while (!m_bodyDone && m_transport->bytesToWrite() < HighWater) {
        QByteArray out;
        m_bodyDone = m_source.readEncoded(ReadChunk, out);
        if (!out.isEmpty())
            m_transport->write(out);
    }
    if (m_bodyDone)
        armTimer(m_settings.timeouts.dataEnd);
    updateProgress();
}

void SmtpClient::sendNextChunk()
{
    QByteArray out;
    const bool last = m_source.readEncoded(BdatChunk, out);
    QByteArray command = "BDAT " + QByteArray::number(out.size());
    if (last)
        command += " LAST";
    qCDebug(lcSmtp) << "C:" << command;
    m_transport->write(command + "\r\n");
    m_transport->write(out);
    m_bodyDone = last;
    armTimer(last ? m_settings.timeouts.dataEnd : m_settings.timeouts.dataBlock);
    updateProgress();
}

void SmtpClient::handleEndOfMessage(const SmtpReply &reply)
{
    if (m_abortingData) {
        m_abortingData = false;
        setState(State::Data);
        afterRecipients(); // m_acceptedCount is 0 and nothing is expected: reports the refusal
        return;
    }
    if (!reply.isPositive()) {
        protocolFailure(reply, Stage::Message, QStringLiteral("The server refused the message"));
        return;
    }
    if (m_state == State::Bdat && !m_bodyDone) {
        sendNextChunk();
        return;
    }
    if (!m_bodyDone)
        return; // a reply before the end of DATA is out of order; the final one decides
    if (m_submission->m_sent != m_source.consumed()) {
        m_submission->m_sent = m_source.consumed();
        Q_EMIT m_submission->progress(m_submission->m_sent, m_submission->m_total);
    }
    const QStringList refused = m_submission->refusedRecipients();
    MailError partial;
    if (!refused.isEmpty()) {
        partial = MailError(MailError::Kind::Protocol,
                            QStringLiteral("Sent, but the server refused some recipients: %1")
                                    .arg(refused.join(QStringLiteral(", "))));
    }
    complete(Delivery::Accepted, partial);
}

void SmtpClient::onBytesWritten()
{
    if (m_state == State::DataBody && !m_bodyDone) {
        armTimer(m_settings.timeouts.dataBlock);
        pumpData();
    } else if (m_state == State::DataBody || m_state == State::Bdat) {
        updateProgress();
    }
}

void SmtpClient::updateProgress()
{
    if (!m_submission)
        return;
    const qint64 sent = qMax<qint64>(0, m_source.consumed() - m_transport->bytesToWrite());
    if (sent == m_submission->m_sent)
        return;
    m_submission->m_sent = sent;
    Q_EMIT m_submission->progress(sent, m_submission->m_total);
}

void SmtpClient::onDisconnected()
{
    m_timer.stop();
    if (m_state == State::Idle)
        return;
    const State was = m_state;
    setState(State::Idle);
    if (!m_submission || m_resultKnown || was == State::Quit) {
        finishSubmission();
        return;
    }
    MailError error = m_transportError;
    if (!error.isError()) {
        error = MailError(MailError::Kind::Network,
                          QStringLiteral("The server closed the connection"));
    }
    m_state = was; // for the stage
    const Stage stage = currentStage();
    m_state = State::Idle;
    m_submission->m_error = error;
    m_submission->m_stage = stage;
    m_submission->m_delivery = m_bodyDone ? Delivery::Unknown : Delivery::NotSent;
    m_resultKnown = true;
    finishSubmission();
}

void SmtpClient::onTimeout()
{
    const Stage stage = currentStage();
    const MailError error(MailError::Kind::Network,
                          QStringLiteral("The server did not answer in time"));
    if (!m_resultKnown && m_submission) {
        m_submission->m_error = error;
        m_submission->m_stage = stage;
        m_submission->m_delivery = m_bodyDone ? Delivery::Unknown : Delivery::NotSent;
        m_resultKnown = true;
    }
    closeSession();
}

void SmtpClient::protocolFailure(const SmtpReply &reply, Stage stage, const QString &what)
{
    fail(MailError(MailError::Kind::Protocol, what, reply.toString()), stage, reply);
}

void SmtpClient::fail(const MailError &error, Stage stage, const SmtpReply &reply)
{
    if (!m_resultKnown && m_submission) {
        m_submission->m_error = error;
        m_submission->m_stage = stage;
        m_submission->m_delivery = Delivery::NotSent;
        if (reply.isValid())
            m_submission->m_failureReply = reply;
        m_resultKnown = true;
    }
    quit();
}

void SmtpClient::complete(Delivery delivery, const MailError &error)
{
    if (!m_resultKnown && m_submission) {
        m_submission->m_delivery = delivery;
        m_submission->m_error = error;
        if (error.isError())
            m_submission->m_stage = Stage::RcptTo;
        m_resultKnown = true;
    }
    quit();
}

void SmtpClient::quit()
{
    // The outcome is known: tell the caller now, then leave politely.
    finishSubmission();
    if (!m_pipelined)
        m_expected.clear(); // only pipelined commands can have replies still due
    if (m_state == State::Idle || m_state == State::Connecting || m_state == State::TlsHandshake
        || m_state == State::Quit) {
        closeSession();
        return;
    }
    if (m_state == State::DataBody && !m_bodyDone) {
        closeSession(); // a QUIT now would be read as message text
        return;
    }
    sendCommand("QUIT", State::Quit);
}

void SmtpClient::closeSession()
{
    m_timer.stop();
    if (m_state == State::Idle) {
        finishSubmission();
        return;
    }
    if (m_state != State::Quit)
        setState(State::Quit);
    m_transport->close();
}

void SmtpClient::finishSubmission()
{
    if (!m_submission || m_submission->m_finished || !m_resultKnown)
        return;
    SmtpSubmission *submission = m_submission;
    submission->m_finished = true;
    m_device = nullptr;
    qCDebug(lcSmtp) << "submission finished:" << submission->m_error.toString();
    QMetaObject::invokeMethod(submission, &SmtpSubmission::finished, Qt::QueuedConnection);
}

void SmtpClient::abort()
{
    if (!m_resultKnown && m_submission) {
        m_submission->m_error = MailError(MailError::Kind::Cancelled,
                                          QStringLiteral("Sending was cancelled"));
        m_submission->m_stage = currentStage();
        m_submission->m_delivery = m_bodyDone ? Delivery::Unknown : Delivery::NotSent;
        m_resultKnown = true;
    }
    closeSession();
}

SmtpSubmission::Stage SmtpClient::currentStage() const
{
    switch (m_state) {
    case State::Idle:
        return Stage::None;
    case State::Connecting:
        return Stage::Connect;
    case State::Greeting:
        return Stage::Greeting;
    case State::Ehlo:
    case State::Helo:
    case State::EhloAfterTls:
        return Stage::Ehlo;
    case State::StartTls:
    case State::TlsHandshake:
        return Stage::StartTls;
    case State::Auth:
    case State::AuthLoginUser:
    case State::AuthLoginPassword:
        return Stage::Auth;
    case State::MailFrom:
        return Stage::MailFrom;
    case State::RcptTo:
        return Stage::RcptTo;
    case State::Data:
        return Stage::Data;
    case State::DataBody:
    case State::Bdat:
        return Stage::Message;
    case State::Quit:
        return Stage::Quit;
    }
    return Stage::None;
}
