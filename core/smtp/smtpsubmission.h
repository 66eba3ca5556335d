#pragma once

#include "common/mailerror.h"
#include "smtp/smtprecipientresult.h"
#include "smtp/smtpreply.h"

#include <QList>
#include <QObject>

class SmtpClient;

// One message handed to SmtpClient::submit(), in the QNetworkReply style: progress() while the
// message leaves, finished() once the outcome is known. A failed submission says at which stage
// it failed and whether the message may have been delivered anyway.
class SmtpSubmission : public QObject
{
    Q_OBJECT
public:
    enum class Stage {
        None,
        Connect,
        Greeting,
        Ehlo,
        StartTls,
        Auth,
        MailFrom,
        RcptTo,
        Data,
        Message,
        Quit
    };
    Q_ENUM(Stage)
    enum class Delivery {
        NotSent, // the server did not take the message: safe to send again
        Accepted, // the server took responsibility for it
        Unknown, // the link broke after the end of the message: it may have been delivered
    };
    Q_ENUM(Delivery)

    ~SmtpSubmission() override;

    bool isFinished() const { return m_finished; }
    // Set when anything went wrong, including a partial acceptance (some recipients refused).
    MailError error() const { return m_error; }
    Stage failedStage() const { return m_stage; }
    Delivery delivery() const { return m_delivery; }
    // The server reply that caused the failure, if a reply did.
    SmtpReply failureReply() const { return m_failureReply; }
    // True when the failure was a 4xx reply: trying again later may work.
    bool isTransientFailure() const { return m_failureReply.isTransientFailure(); }

    QList<SmtpRecipientResult> recipientResults() const { return m_recipients; }
    QStringList refusedRecipients() const;

    qint64 bytesSent() const { return m_sent; }
    // The message size, or -1 when the source is sequential and its size unknown.
    qint64 bytesTotal() const { return m_total; }

    // Stops the submission: finished() with a Cancelled error.
    void abort();

Q_SIGNALS:
    void progress(qint64 sent, qint64 total);
    void finished();

private:
    friend class SmtpClient;
    explicit SmtpSubmission(SmtpClient *client);

    SmtpClient *m_client;
    bool m_finished = false;
    MailError m_error;
    Stage m_stage = Stage::None;
    Delivery m_delivery = Delivery::NotSent;
    SmtpReply m_failureReply;
    QList<SmtpRecipientResult> m_recipients;
    qint64 m_sent = 0;
    qint64 m_total = -1;
};
