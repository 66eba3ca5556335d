#pragma once

#include "common/mailerror.h"
#include "smtp/smtpcapabilities.h"
#include "smtp/smtpenvelope.h"
#include "smtp/smtprecipientresult.h"
#include "smtp/smtpsubmission.h"

#include <QList>

class SmtpMessageSource;
class Transport;

// The mail transaction of an SMTP session, once the client is greeted, secured and logged in:
// MAIL FROM, one RCPT TO per recipient (all pipelined with DATA when PIPELINING is offered),
// then DATA with the streamed message or BDAT chunks (CHUNKING). It writes its commands to the
// transport; SmtpClient hands it each reply and acts on the outcome.
class SmtpTransaction
{
public:
    // The reply awaited next.
    enum class Step { MailFrom, RcptTo, Data, DataBody, Bdat };

    struct Outcome
    {
        enum class Kind { Pending, Failed, Completed };
        Kind kind = Kind::Pending;
        MailError error;
        SmtpSubmission::Stage stage = SmtpSubmission::Stage::None;
        SmtpReply reply;
        SmtpSubmission::Delivery delivery = SmtpSubmission::Delivery::NotSent;
    };

    // recipients holds one entry per envelope recipient; their replies are filled in.
    SmtpTransaction(Transport *transport, const SmtpCapabilities &caps,
                    const SmtpEnvelope &envelope, SmtpMessageSource *source,
                    QList<SmtpRecipientResult> *recipients);

    // Checks our own rules (SMTPUTF8, 8BITMIME, SIZE), then sends MAIL FROM (and, pipelined,
    // every RCPT and DATA).
    Outcome start();
    Outcome handleReply(const SmtpReply &reply);
    // More of the message may leave (the transport's queue drained).
    void pump();

    Step step() const { return m_step; }
    // The end of the message (final dot or BDAT LAST) was written.
    bool isBodyDone() const { return m_bodyDone; }
    bool isSendingBody() const
    {
        return (m_step == Step::DataBody || m_step == Step::Bdat) && !m_bodyDone;
    }
    // Commands written whose replies have not come yet.
    int outstandingReplies() const { return m_outstanding; }
    void takeOutstandingReply() { m_outstanding = qMax(0, m_outstanding - 1); }

private:
    enum class Expect { Mail, Rcpt, Data };

    Outcome afterRecipients();
    Outcome endOfMessage(const SmtpReply &reply);
    void startBody();
    void sendNextChunk();
    void send(const QByteArray &line, int replies = 1);
    QByteArray mailFromCommand() const;
    QByteArray rcptCommand(qsizetype index) const;
    QStringList refused() const;
    static Outcome failure(MailError::Kind kind, const QString &message,
                           SmtpSubmission::Stage stage, const SmtpReply &reply = {});
    static Outcome refusal(const MailError &error, SmtpSubmission::Stage stage);

    Transport *m_transport;
    SmtpCapabilities m_caps;
    SmtpEnvelope m_envelope;
    SmtpMessageSource *m_source;
    QList<SmtpRecipientResult> *m_recipients;
    QList<Expect> m_expected;
    Step m_step = Step::MailFrom;
    int m_outstanding = 0;
    qsizetype m_rcptIndex = 0;
    int m_accepted = 0;
    bool m_pipelined = false;
    bool m_needsUtf8 = false;
    bool m_bodyDone = false;
    bool m_abortingData = false;
};
