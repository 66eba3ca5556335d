#pragma once

#include "common/mailerror.h"
#include "smtp/smtpcapabilities.h"
#include "smtp/smtpenvelope.h"
#include "smtp/smtpmessagesource.h"
#include "smtp/smtpreplyparser.h"
#include "smtp/smtpsettings.h"
#include "smtp/smtpsubmission.h"
#include "smtp/smtptransaction.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

class QIODevice;
class Transport;

// Submits one message per session over a Transport (RFC 5321, 6409): greeting, EHLO, STARTTLS
// when configured (then EHLO again), AUTH (PLAIN or LOGIN, or the mechanism the settings name), MAIL/RCPT (pipelined when offered),
// DATA or BDAT, QUIT. Each state is named after the reply it awaits.
//
// Refuses before sending anything it should not: credentials over an unencrypted link (unless
// Security::None was chosen), STARTTLS required but not offered, a message over the server's
// SIZE, non-ASCII addresses or headers without SMTPUTF8, 8-bit content without 8BITMIME.
// Certificate questions are the transport's: connect to its certificateTrustRequested().
class SmtpClient : public QObject
{
    Q_OBJECT
public:
    enum class State {
        Idle,
        Connecting,
        Greeting,
        Ehlo,
        Helo,
        StartTls,
        TlsHandshake,
        EhloAfterTls,
        Auth,
        AuthLoginUser,
        AuthLoginPassword,
        AuthOAuth, // an OAuth token sent; 235, or 334 with the reason it was refused
        MailFrom,
        RcptTo,
        Data,
        DataBody,
        Bdat,
        Quit
    };
    Q_ENUM(State)

    // The transport is not owned; it must outlive the client's session.
    explicit SmtpClient(Transport *transport, QObject *parent = nullptr);
    ~SmtpClient() override;

    void setSettings(const SmtpSettings &settings) { m_settings = settings; }
    SmtpSettings settings() const { return m_settings; }

    // Connects and submits the message. The device is read from its current position to its
    // end and must stay open until finished(). Only one submission at a time: a second one
    // while busy finishes at once with an error. The submission is a child of the client.
    SmtpSubmission *submit(const SmtpEnvelope &envelope, QIODevice *message);
    SmtpSubmission *submit(const SmtpEnvelope &envelope, const QByteArray &message);

    State state() const { return m_state; }
    bool isBusy() const { return m_state != State::Idle; }
    // What the server announced in its last EHLO reply.
    SmtpCapabilities capabilities() const { return m_caps; }

    // Ends the session at once; a running submission finishes with a Cancelled error.
    void abort();

Q_SIGNALS:
    void stateChanged(SmtpClient::State state);

private:
    SmtpSubmission *start(const SmtpEnvelope &envelope, QIODevice *message);
    void setState(State state);
    void sendCommand(const QByteArray &line, State next);
    void armTimer(int msecs);
    void armTransactionTimer();

    void onConnected();
    void onEncrypted();
    void onReadyRead();
    void onBytesWritten();
    void onDisconnected();
    void onTimeout();

    void handleReply(const SmtpReply &reply);
    void handleEhlo(const SmtpReply &reply);
    void afterEhlo();
    void startAuth();
    void startTransaction();
    void apply(const SmtpTransaction::Outcome &outcome);
    bool bodyDone() const;
    void updateProgress();

    // Ends the submission with this outcome, then leaves politely (QUIT) when the link allows.
    void fail(const MailError &error, SmtpSubmission::Stage stage, const SmtpReply &reply = {});
    void protocolFailure(const SmtpReply &reply, SmtpSubmission::Stage stage, const QString &what);
    void complete(SmtpSubmission::Delivery delivery, const MailError &error,
                  SmtpSubmission::Stage stage);
    void quit();
    void finishSubmission();
    void closeSession();
    SmtpSubmission::Stage currentStage() const;

    Transport *m_transport;
    SmtpSettings m_settings;
    State m_state = State::Idle;
    SmtpReplyParser m_parser;
    SmtpCapabilities m_caps;
    SaslMechanism m_mechanism = SaslMechanism::Auto; // the one AUTH uses, once chosen
    QTimer m_timer;
    QPointer<SmtpSubmission> m_submission;
    SmtpEnvelope m_envelope;
    SmtpMessageSource m_source;
    MailError m_transportError;
    std::unique_ptr<SmtpTransaction> m_transaction;
    QList<SmtpRecipientResult> m_recipients; // copied to the submission when it finishes
    bool m_resultKnown = false;
};
