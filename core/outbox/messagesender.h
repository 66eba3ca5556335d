#pragma once

#include "common/mailerror.h"
#include "common/messagesource.h"
#include "outbox/outboxentry.h"
#include "smtp/smtprecipientresult.h"
#include "smtp/smtpsettings.h"

#include <QByteArray>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QSslCertificate>
#include <QString>
#include <QTimer>

#include <functional>
#include <memory>

class OutboxStore;
class QIODevice;
class SmtpClient;
class SmtpSubmission;
class Transport;
struct OutgoingMessage;

// Sends one account's mail through its outbox: a composed message is built and persisted
// before any network step, then submitted over SMTP one message at a time, oldest first.
//
//   Accepted           the entry is removed; sent() hands over its file (for the Sent folder)
//                      and any recipients the server refused (the others are not sent again)
//   refused (5xx, ...) state Failed with the server's words, failed(); the queue moves on
//   transient (4xx, or the link lost before the message was handed over)
//                      retried automatically after each of retryDelays(), then Failed
//   Unknown            the link broke after the end of the message: state Unknown, never
//                      retried without the user asking (retry())
//
// An entry is marked Sending on disk right before its submission starts, so a crash leaves it
// Unknown when the store opens again (OutboxStore::open()), never silently sent twice. An owner
// that quits calls abort() and waits for busyChanged(false), so an interrupted message goes
// back to Queued instead.
//
// A submission server whose certificate does not validate (and is not pinned) freezes the
// handshake and raises trustRequested(); answerTrust() continues or refuses it. Refused, the
// message fails with the TLS error. Without any receiver for trustRequested() the certificate is
// refused at once.
//
// Each attempt also tells whether the submission server could be reached (submissionState()):
// an account may receive mail over IMAP while its own mail cannot leave.
class MessageSender : public QObject
{
    Q_OBJECT
public:
    // The submission server as the last attempt found it.
    enum class SubmissionState {
        Unknown, // no attempt yet
        Reachable, // a connection was made, whatever the server answered then
        Unreachable, // no connection could be made (name lookup, refused, timeout, TLS)
    };
    Q_ENUM(SubmissionState)

    // Hands the account's SMTP settings, password included, to the callback; may answer later
    // (the password can come from a keychain or the user).
    using SettingsProvider = std::function<void(std::function<void(SmtpSettings)> deliver)>;
    // A new, unconnected transport per submission. The owner configures it (CA certificates,
    // pinned digest, peer verify name); the sender answers its certificate questions.
    using TransportFactory = std::function<std::unique_ptr<Transport>()>;

    // The store must be open and outlive the sender.
    MessageSender(OutboxStore *store, QString accountId, SettingsProvider settings,
                  TransportFactory transports, QObject *parent = nullptr);
    ~MessageSender() override;

    // Builds the message, persists it, and starts the queue. Returns the outbox id, or an empty
    // string when the message could not be built or saved (error says why; nothing is sent).
    // followUps are handed out by followUpsDue() once the server accepted the message.
    QString send(const OutgoingMessage &message, MailError *error = nullptr,
                 const QList<OutboxFollowUp> &followUps = {});

    // How long a message just given to send() waits in the outbox before it goes, so that it
    // can still be taken back (discard()); 0 (the default) sends at once.
    void setSendDelay(int msecs) { m_sendDelay = msecs; }
    int sendDelay() const { return m_sendDelay; }

    // Sends whatever is queued (e.g. at start-up, or when the network is back).
    void start();
    // The user's decision to send a message now: a Failed or Unknown one again, or a Queued one
    // at once instead of after its automatic retry's wait. Refused while it is being sent.
    MailError retry(const QString &id);
    // Removes a message that is not being sent.
    MailError discard(const QString &id);
    // Ends a running submission: a message not handed over goes back to Queued (and the queue
    // stops until start()); one that may have been delivered becomes Unknown.
    void abort();
    // The answer to trustRequested(); ignored when no question is pending.
    void answerTrust(bool trust);
    bool isAwaitingTrust() const { return m_awaitingTrust; }

    // This account's entries, oldest first, each with its nextAttempt.
    QList<OutboxEntry> entries() const;
    // When the automatic retry of message id is due; invalid when none is scheduled.
    QDateTime nextAttempt(const QString &id) const;
    // A submission (or the wait for its settings) is under way.
    bool isBusy() const { return m_phase != Phase::Idle; }
    // The id of the message being sent, if any.
    QString currentId() const { return m_currentId; }
    // Mail that would still leave if the application kept running: a message being sent or
    // queued. Failed and Unknown messages wait for the user and stay in the outbox anyway.
    bool hasUnsent() const;

    // Waits before each automatic retry of a transient failure, in milliseconds; its size is
    // the number of retries. The default is 30 s, 2 min, 10 min.
    void setRetryDelays(const QList<int> &msecs) { m_retryDelays = msecs; }
    QList<int> retryDelays() const { return m_retryDelays; }

    SubmissionState submissionState() const { return m_submissionState; }
    // Why the server could not be reached (Unreachable only).
    QString submissionError() const { return m_submissionError; }
    // The submission server of the last attempt.
    QString submissionHost() const { return m_submissionHost; }

Q_SIGNALS:
    // The server accepted the message for every recipient but the refused ones; the entry is
    // gone by then. message is the file of the bytes as sent (for the Sent folder), never read
    // into memory: a second name of the outbox's file, which exists while the signal is
    // delivered. A receiver that needs it later gives it a name of its own (FileLink) at once.
    void sent(const QString &id, const MessageSource &message,
              const QList<SmtpRecipientResult> &refused);
    // Right before sent(): the changes to other messages the message was queued with.
    void followUpsDue(const QList<OutboxFollowUp> &followUps);
    void failed(const QString &id, const MailError &error);
    void retryScheduled(const QString &id, const MailError &error, int delayMs);
    void outcomeUnknown(const QString &id, const MailError &error);
    void progress(const QString &id, qint64 bytesSent, qint64 bytesTotal);
    // An entry was added, changed state, or was removed.
    void entriesChanged();
    void busyChanged(bool busy);
    // Emitted when an attempt finds the server otherwise than the one before, before that
    // attempt's outcome (sent, failed, retryScheduled, outcomeUnknown).
    void submissionStateChanged(MessageSender::SubmissionState state, const QString &error);
    // The submission server's certificate chain did not validate while sending message id; the
    // handshake waits for answerTrust().
    void trustRequested(const QString &id, const QList<QSslCertificate> &chain,
                        const QString &reasons);

private:
    enum class Phase { Idle, AwaitingSettings, Submitting };

    void scheduleQueue();
    void processQueue();
    bool isDue(const OutboxEntry &entry) const;
    void armRetryTimer();
    void submit(const SmtpSettings &settings);
    void onFinished();
    void handleAccepted(const QString &id, const QList<SmtpRecipientResult> &refused);
    void handleNotSent(OutboxEntry entry, const MailError &error, bool transient);
    void handleUnknown(OutboxEntry entry, const MailError &error);
    void retireSession();
    void setPhase(Phase phase);
    void storageFailure(const QString &id, const MailError &error);
    void onTrustRequested(const QList<QSslCertificate> &chain, const QString &reasons);
    void setSubmissionState(SubmissionState state, const QString &error = {});

    OutboxStore *m_store;
    QString m_accountId;
    SettingsProvider m_settings;
    TransportFactory m_transports;
    QList<int> m_retryDelays {30 * 1000, 2 * 60 * 1000, 10 * 60 * 1000};
    int m_sendDelay = 0;

    Phase m_phase = Phase::Idle;
    QString m_currentId;
    quint64 m_generation = 0; // tells a late settings answer from the current one
    bool m_queuePosted = false;
    bool m_stopped = false;
    bool m_awaitingTrust = false;
    QDateTime m_lastQueuedAt;
    bool m_reachedServer = false; // the current attempt's transport connected

    SubmissionState m_submissionState = SubmissionState::Unknown;
    QString m_submissionError;
    QString m_submissionHost;

    std::unique_ptr<Transport> m_transport;
    SmtpClient *m_client = nullptr;
    SmtpSubmission *m_submission = nullptr;
    std::unique_ptr<QIODevice> m_message;

    QHash<QString, int> m_autoRetries; // automatic retries made per entry
    struct RetryWait
    {
        QDeadlineTimer deadline; // for the timer, immune to clock changes
        QDateTime due; // for the user
    };
    QHash<QString, RetryWait> m_notBefore; // entries waiting for their retry
    QSet<QString> m_skipped; // entries whose state could not be saved: left alone
    QTimer m_retryTimer;
};
