#include "smtpclient.h"

#include "common/logging.h"
#include "common/saslresponse.h"
#include "net/transport.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QIODevice>

using Stage = SmtpSubmission::Stage;
using Delivery = SmtpSubmission::Delivery;

SmtpClient::SmtpClient(Transport *transport, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
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

SmtpClient::~SmtpClient()
{
    if (m_submission)
        m_submission->disconnect(this);
}

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
        submission->m_error
                = MailError(MailError::Kind::Policy,
                            isBusy()
                                    ? QCoreApplication::translate("SmtpClient",
                                                                  "A submission is already running")
                                    : QCoreApplication::translate("SmtpClient",
                                                                  "The message is not readable"));
        submission->m_stage = Stage::Connect;
        submission->m_finished = true;
        QMetaObject::invokeMethod(submission, &SmtpSubmission::finished, Qt::QueuedConnection);
        return submission;
    }
    m_submission = submission;
    m_envelope = envelope;
    m_source = SmtpMessageSource(message);
    m_parser.clear();
    m_caps = SmtpCapabilities();
    m_transportError = MailError();
    m_transaction.reset();
    m_resultKnown = false;
    submission->m_total = m_source.size();
    m_recipients.clear();
    for (const QString &r : envelope.recipients)
        m_recipients.append({r, {}});
    // A submission deleted by its owner ends the session.
    connect(submission, &QObject::destroyed, this, [this] {
        if (isBusy())
            abort();
    });
    m_source.scan();

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
    if (next != State::AuthLoginPassword && next != State::Auth && next != State::AuthOAuth)
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
            fail(MailError(MailError::Kind::Parse,
                           QCoreApplication::translate("SmtpClient", "Malformed server reply"),
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
            protocolFailure(reply, Stage::Greeting,
                            QCoreApplication::translate("SmtpClient",
                                                        "The server refused the session"));
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
            sendCommand(secret.toUtf8().toBase64(),
                        m_state == State::AuthLoginUser ? State::AuthLoginPassword : State::Auth);
            return;
        }
        Q_FALLTHROUGH();
    case State::AuthOAuth:
        if (m_state == State::AuthOAuth && reply.code() == 334) {
            // The token was refused; the challenge holds the reason. Acknowledging it makes the
            // server end the exchange with its failure reply.
            const bool bearer = m_mechanism == SaslMechanism::OAuthBearer;
            sendCommand(SaslResponse::oauthErrorAcknowledgement(bearer).toBase64(), State::Auth);
            return;
        }
        Q_FALLTHROUGH();
    case State::Auth:
        if (reply.code() == 235) {
            startTransaction();
            return;
        }
        fail(MailError(MailError::Kind::Authentication,
                       QCoreApplication::translate("SmtpClient",
                                                   "The server rejected the user name or password"),
                       reply.toString()),
             Stage::Auth, reply);
        return;
    case State::MailFrom:
    case State::RcptTo:
    case State::Data:
    case State::DataBody:
    case State::Bdat:
        apply(m_transaction->handleReply(reply));
        return;
    case State::Quit:
        if (m_transaction && m_transaction->outstandingReplies() > 0) {
            m_transaction->takeOutstandingReply(); // a pipelined reply due before QUIT's
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
        m_caps = m_state == State::Helo ? SmtpCapabilities()
                                        : SmtpCapabilities::fromEhloReply(reply);
        afterEhlo();
        return;
    }
    if (m_state == State::Ehlo && (reply.code() == 500 || reply.code() == 502)) {
        sendCommand("HELO " + m_settings.ehloName, State::Helo);
        return;
    }
    protocolFailure(reply, Stage::Ehlo,
                    QCoreApplication::translate("SmtpClient", "The server refused EHLO"));
}

void SmtpClient::afterEhlo()
{
    if (m_settings.security == Security::StartTls && !m_transport->isEncrypted()) {
        if (!m_caps.supportsStartTls()) {
            fail(MailError(MailError::Kind::Policy,
                           QCoreApplication::translate(
                                   "SmtpClient",
                                   "The server does not offer STARTTLS; nothing was sent")),
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
                       QCoreApplication::translate(
                               "SmtpClient",
                               "Refusing to send credentials over an unencrypted link")),
             Stage::Auth);
        return;
    }
    const SaslMechanism wanted = m_settings.mechanism;
    if (wanted == SaslMechanism::OAuth2 && !m_caps.supportsAuth("OAUTHBEARER")
        && !m_caps.supportsAuth("XOAUTH2")) {
        fail(MailError(MailError::Kind::Policy,
                       QCoreApplication::translate("SmtpClient",
                                                   "The server offers neither OAUTHBEARER nor "
                                                   "XOAUTH2, so the account's OAuth 2.0 sign-in "
                                                   "cannot be used"),
                       QString::fromLatin1(m_caps.authMechanisms().join(' '))),
             Stage::Auth);
        return;
    }
    if (wanted != SaslMechanism::Auto && wanted != SaslMechanism::OAuth2
        && !m_caps.supportsAuth(saslMechanismName(wanted))) {
        fail(MailError(MailError::Kind::Policy,
                       QCoreApplication::translate(
                               "SmtpClient", "The server does not offer the %1 authentication the "
                                             "account is set to use")
                               .arg(QString::fromLatin1(saslMechanismName(wanted))),
                       QString::fromLatin1(m_caps.authMechanisms().join(' '))),
             Stage::Auth);
        return;
    }
    SaslMechanism mechanism = wanted;
    if (wanted == SaslMechanism::Auto) {
        if (m_caps.supportsAuth("PLAIN"))
            mechanism = SaslMechanism::Plain;
        else if (m_caps.supportsAuth("LOGIN"))
            mechanism = SaslMechanism::Login;
    } else if (wanted == SaslMechanism::OAuth2) {
        mechanism = m_caps.supportsAuth("OAUTHBEARER") ? SaslMechanism::OAuthBearer
                                                       : SaslMechanism::XOAuth2;
    }
    m_mechanism = mechanism;
    switch (mechanism) {
    case SaslMechanism::Plain:
        sendCommand("AUTH PLAIN "
                            + SaslResponse::plain(m_settings.userName, m_settings.password)
                                      .toBase64(),
                    State::Auth);
        return;
    case SaslMechanism::Login:
        sendCommand("AUTH LOGIN", State::AuthLoginUser);
        return;
    case SaslMechanism::XOAuth2:
        sendCommand("AUTH XOAUTH2 "
                            + SaslResponse::xoauth2(m_settings.userName, m_settings.password)
                                      .toBase64(),
                    State::AuthOAuth);
        return;
    case SaslMechanism::OAuthBearer:
        sendCommand("AUTH OAUTHBEARER "
                            + SaslResponse::oauthBearer(m_settings.userName, m_settings.host,
                                                        m_settings.port, m_settings.password)
                                      .toBase64(),
                    State::AuthOAuth);
        return;
    case SaslMechanism::Auto:
    case SaslMechanism::OAuth2:
        break;
    }
    fail(MailError(MailError::Kind::Authentication,
                   QCoreApplication::translate("SmtpClient",
                                               "The server offers no supported way to log in"),
                   QString::fromLatin1(m_caps.authMechanisms().join(' '))),
         Stage::Auth);
}

void SmtpClient::startTransaction()
{
    m_transaction = std::make_unique<SmtpTransaction>(m_transport, m_caps, m_envelope, &m_source,
                                                      &m_recipients);
    apply(m_transaction->start());
}

void SmtpClient::apply(const SmtpTransaction::Outcome &outcome)
{
    // Indexed by SmtpTransaction::Step.
    static constexpr State StepStates[] = {State::MailFrom, State::RcptTo, State::Data,
                                           State::DataBody, State::Bdat};
    setState(StepStates[int(m_transaction->step())]);
    switch (outcome.kind) {
    case SmtpTransaction::Outcome::Kind::Pending:
        armTransactionTimer();
        updateProgress();
        return;
    case SmtpTransaction::Outcome::Kind::Failed:
        fail(outcome.error, outcome.stage, outcome.reply);
        return;
    case SmtpTransaction::Outcome::Kind::Completed:
        if (m_submission && m_submission->m_sent != m_source.consumed()) {
            m_submission->m_sent = m_source.consumed();
            Q_EMIT m_submission->progress(m_submission->m_sent, m_submission->m_total);
        }
        complete(outcome.delivery, outcome.error, outcome.stage);
        return;
    }
}

void SmtpClient::armTransactionTimer()
{
    const SmtpTimeouts &t = m_settings.timeouts;
    switch (m_state) {
    case State::Data:
        armTimer(t.dataStart);
        return;
    case State::DataBody:
    case State::Bdat:
        armTimer(bodyDone() ? t.dataEnd : t.dataBlock);
        return;
    default:
        armTimer(t.command);
        return;
    }
}

bool SmtpClient::bodyDone() const
{
    return m_transaction && m_transaction->isBodyDone();
}

void SmtpClient::onBytesWritten()
{
    if (m_state == State::DataBody && m_transaction && !m_transaction->isBodyDone()) {
        m_transaction->pump();
        armTransactionTimer();
    }
    if (m_state == State::DataBody || m_state == State::Bdat)
        updateProgress();
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
                          QCoreApplication::translate("SmtpClient",
                                                      "The server closed the connection"));
    }
    m_state = was; // for the stage
    const Stage stage = currentStage();
    m_state = State::Idle;
    m_submission->m_error = error;
    m_submission->m_stage = stage;
    m_submission->m_delivery = bodyDone() ? Delivery::Unknown : Delivery::NotSent;
    m_resultKnown = true;
    finishSubmission();
}

void SmtpClient::onTimeout()
{
    const Stage stage = currentStage();
    const MailError error(MailError::Kind::Network,
                          QCoreApplication::translate("SmtpClient",
                                                      "The server did not answer in time"));
    if (!m_resultKnown && m_submission) {
        m_submission->m_error = error;
        m_submission->m_stage = stage;
        m_submission->m_delivery = bodyDone() ? Delivery::Unknown : Delivery::NotSent;
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
        // Once the end of the message left, only the server's own refusal says it was not
        // taken; anything else (a reply that cannot be read, a local error) leaves it open.
        m_submission->m_delivery = bodyDone() && !reply.isValid() ? Delivery::Unknown
                                                                  : Delivery::NotSent;
        if (reply.isValid())
            m_submission->m_failureReply = reply;
        m_resultKnown = true;
    }
    quit();
}

void SmtpClient::complete(Delivery delivery, const MailError &error, Stage stage)
{
    if (!m_resultKnown && m_submission) {
        m_submission->m_delivery = delivery;
        m_submission->m_error = error;
        m_submission->m_stage = stage;
        m_resultKnown = true;
    }
    quit();
}

void SmtpClient::quit()
{
    // The outcome is known: tell the caller now, then leave politely.
    finishSubmission();
    if (m_state == State::Idle || m_state == State::Connecting || m_state == State::TlsHandshake
        || m_state == State::Quit) {
        closeSession();
        return;
    }
    if (m_state == State::DataBody && !bodyDone()) {
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
    submission->m_recipients = m_recipients;
    qCDebug(lcSmtp) << "submission finished:" << submission->m_error.toString();
    QMetaObject::invokeMethod(submission, &SmtpSubmission::finished, Qt::QueuedConnection);
}

void SmtpClient::abort()
{
    if (!m_resultKnown && m_submission) {
        m_submission->m_error = MailError(MailError::Kind::Cancelled,
                                          QCoreApplication::translate("SmtpClient",
                                                                      "Sending was cancelled"));
        m_submission->m_stage = currentStage();
        m_submission->m_delivery = bodyDone() ? Delivery::Unknown : Delivery::NotSent;
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
    case State::AuthOAuth:
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
