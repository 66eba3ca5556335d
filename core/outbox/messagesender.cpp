#include "messagesender.h"

#include "common/filelink.h"
#include "common/logging.h"
#include "mime/messagebuilder.h"
#include "mime/outgoingmessage.h"
#include "net/transport.h"
#include "outbox/outboxstore.h"
#include "smtp/smtpclient.h"
#include "smtp/smtpenvelope.h"
#include "smtp/smtpsubmission.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QIODevice>
#include <QMetaMethod>
#include <QPointer>

#include <algorithm>
#include <limits>

using Delivery = SmtpSubmission::Delivery;

namespace {

MailError policyError(const QString &message)
{
    return MailError(MailError::Kind::Policy, message);
}

// Worth trying again later by itself: a 4xx reply, or the link lost before the server had the
// message. Certificates, policy refusals, size limits and 5xx replies need the user.
bool isTransient(const SmtpSubmission *submission)
{
    if (submission->isTransientFailure())
        return true;
    return submission->error().kind() == MailError::Kind::Network;
}

} // namespace

MessageSender::MessageSender(OutboxStore *store, QString accountId, SettingsProvider settings,
                             TransportFactory transports, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_accountId(std::move(accountId))
    , m_settings(std::move(settings))
    , m_transports(std::move(transports))
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &MessageSender::processQueue);
}

MessageSender::~MessageSender()
{
    if (m_submission)
        m_submission->disconnect(this);
    delete m_client; // before its transport
}

namespace {

bool needsSmtpUtf8(const OutgoingMessage &message)
{
    const auto nonAsciiLocalPart = [](const MailAddress &a) {
        const QString local = a.address.section(QLatin1Char('@'), 0, 0);
        return std::any_of(local.cbegin(), local.cend(), [](QChar c) { return c.unicode() > 0x7f; });
    };
    if (nonAsciiLocalPart(message.from))
        return true;
    for (const auto *list : {&message.to, &message.cc, &message.bcc}) {
        if (std::any_of(list->cbegin(), list->cend(), nonAsciiLocalPart))
            return true;
    }
    return false;
}

} // namespace

QString MessageSender::send(const OutgoingMessage &message, MailError *error,
                            const QList<OutboxFollowUp> &followUps)
{
    auto report = [error](const MailError &e) {
        if (error)
            *error = e;
        return QString();
    };
    if (error)
        *error = MailError();
    if (message.from.address.isEmpty())
        return report(policyError(
                QCoreApplication::translate("MessageSender", "The message has no sender")));
    QStringList recipients = message.recipientAddresses();
    recipients.removeAll(QString());
    recipients.removeDuplicates();
    if (recipients.isEmpty())
        return report(policyError(
                QCoreApplication::translate("MessageSender", "The message has no recipients")));
    // The envelope (Bcc included, which no header shows) is checked here as well as when it
    // is sent: a message that could never leave safely does not enter the outbox.
    if (!SmtpEnvelope::isSafeAddress(message.from.address))
        return report(SmtpEnvelope::unsafeAddressError(message.from.address));
    for (const QString &recipient : std::as_const(recipients)) {
        if (!SmtpEnvelope::isSafeAddress(recipient))
            return report(SmtpEnvelope::unsafeAddressError(recipient));
    }

    OutboxEntry entry;
    entry.accountId = m_accountId;
    entry.envelopeFrom = message.from.address;
    entry.recipients = recipients;
    entry.subject = message.subject;
    entry.state = OutboxEntry::State::Queued;
    entry.followUps = followUps;
    // Strictly increasing, so the queue keeps the order of send() calls.
    entry.queuedAt = QDateTime::currentDateTimeUtc();
    if (m_lastQueuedAt.isValid() && entry.queuedAt <= m_lastQueuedAt)
        entry.queuedAt = m_lastQueuedAt.addMSecs(1);
    m_lastQueuedAt = entry.queuedAt;

    MessageBuilder builder(message);
    // A non-ASCII local part can only travel with SMTPUTF8; the client refuses such a message
    // before MAIL FROM when the server does not offer it.
    builder.setSmtpUtf8(needsSmtpUtf8(message));
    const MailError saved = m_store->enqueue(entry, [&builder](QIODevice *device) {
        return builder.write(device);
    });
    if (saved)
        return report(saved);

    qCDebug(lcSmtp) << "outbox: queued" << entry.id;
    if (m_sendDelay > 0)
        m_notBefore.insert(entry.id, {QDeadlineTimer(m_sendDelay),
                                      QDateTime::currentDateTime().addMSecs(m_sendDelay)});
    m_stopped = false;
    Q_EMIT entriesChanged();
    scheduleQueue();
    return entry.id;
}

void MessageSender::start()
{
    m_stopped = false;
    scheduleQueue();
}

MailError MessageSender::retry(const QString &id)
{
    bool found = false;
    OutboxEntry entry = m_store->entry(id, &found);
    if (!found || entry.accountId != m_accountId)
        return MailError(MailError::Kind::Storage,
                         QCoreApplication::translate("MessageSender",
                                                     "No such message in the outbox"),
                         id);
    // Sending, or about to (its settings on their way): it is going already.
    if (entry.state == OutboxEntry::State::Sending || (id == m_currentId && isBusy()))
        return policyError(
                QCoreApplication::translate("MessageSender", "The message is being sent"));
    // A Queued one may be waiting for its automatic retry: it goes now, the wait is cancelled.
    entry.state = OutboxEntry::State::Queued;
    if (MailError error = m_store->update(entry))
        return error;
    m_autoRetries.remove(id);
    m_notBefore.remove(id);
    m_skipped.remove(id);
    m_stopped = false;
    Q_EMIT entriesChanged();
    scheduleQueue();
    return {};
}

MailError MessageSender::discard(const QString &id)
{
    if (id == m_currentId && m_phase == Phase::Submitting)
        return policyError(
                QCoreApplication::translate("MessageSender", "The message is being sent"));
    bool found = false;
    const OutboxEntry entry = m_store->entry(id, &found);
    if (!found || entry.accountId != m_accountId)
        return MailError(MailError::Kind::Storage,
                         QCoreApplication::translate("MessageSender",
                                                     "No such message in the outbox"),
                         id);
    if (MailError error = m_store->remove(id))
        return error;
    m_autoRetries.remove(id);
    m_notBefore.remove(id);
    m_skipped.remove(id);
    Q_EMIT entriesChanged();
    return {};
}

void MessageSender::abort()
{
    m_stopped = true;
    if (m_phase == Phase::AwaitingSettings) {
        ++m_generation; // the settings answer, when it comes, is ignored
        m_currentId.clear();
        setPhase(Phase::Idle);
        return;
    }
    if (m_phase == Phase::Submitting && m_submission)
        m_submission->abort(); // finished() follows, queued
}

QList<OutboxEntry> MessageSender::entries() const
{
    QList<OutboxEntry> result = m_store->entries();
    result.removeIf([this](const OutboxEntry &e) { return e.accountId != m_accountId; });
    for (OutboxEntry &entry : result)
        entry.nextAttempt = nextAttempt(entry.id);
    return result;
}

QDateTime MessageSender::nextAttempt(const QString &id) const
{
    const auto it = m_notBefore.constFind(id);
    return it == m_notBefore.constEnd() ? QDateTime() : it->due;
}

bool MessageSender::hasUnsent() const
{
    if (isBusy())
        return true;
    const QList<OutboxEntry> all = entries();
    return std::any_of(all.begin(), all.end(), [this](const OutboxEntry &e) {
        return e.state == OutboxEntry::State::Queued && !m_skipped.contains(e.id);
    });
}

void MessageSender::scheduleQueue()
{
    if (m_queuePosted)
        return;
    m_queuePosted = true;
    QMetaObject::invokeMethod(
            this,
            [this] {
                m_queuePosted = false;
                processQueue();
            },
            Qt::QueuedConnection);
}

bool MessageSender::isDue(const OutboxEntry &entry) const
{
    if (entry.state != OutboxEntry::State::Queued || m_skipped.contains(entry.id))
        return false;
    const auto it = m_notBefore.constFind(entry.id);
    return it == m_notBefore.constEnd() || it->deadline.hasExpired();
}

void MessageSender::processQueue()
{
    if (m_phase != Phase::Idle || m_stopped)
        return;
    const QList<OutboxEntry> all = entries();
    const auto next = std::find_if(all.begin(), all.end(),
                                   [this](const OutboxEntry &e) { return isDue(e); });
    if (next == all.end()) {
        armRetryTimer();
        return;
    }
    m_retryTimer.stop();
    m_notBefore.remove(next->id);
    m_currentId = next->id;
    setPhase(Phase::AwaitingSettings);
    const quint64 generation = ++m_generation;
    QPointer<MessageSender> self(this);
    m_settings([self, generation](SmtpSettings settings) {
        if (!self || self->m_generation != generation || self->m_phase != Phase::AwaitingSettings)
            return;
        // Never act inside the provider's own call: it may be ours (a synchronous answer).
        QMetaObject::invokeMethod(
                self,
                [self, generation, settings] {
                    if (self->m_generation == generation && self->m_phase == Phase::AwaitingSettings)
                        self->submit(settings);
                },
                Qt::QueuedConnection);
    });
}

void MessageSender::armRetryTimer()
{
    qint64 soonest = std::numeric_limits<qint64>::max();
    for (auto it = m_notBefore.constBegin(); it != m_notBefore.constEnd(); ++it)
        soonest = qMin(soonest, it->deadline.remainingTime());
    if (soonest == std::numeric_limits<qint64>::max())
        m_retryTimer.stop();
    else
        m_retryTimer.start(int(std::clamp<qint64>(soonest, 0, std::numeric_limits<int>::max())));
}

void MessageSender::submit(const SmtpSettings &settings)
{
    bool found = false;
    OutboxEntry entry = m_store->entry(m_currentId, &found);
    if (!found || entry.state != OutboxEntry::State::Queued) {
        // Discarded or changed while the settings were on their way.
        m_currentId.clear();
        setPhase(Phase::Idle);
        scheduleQueue();
        return;
    }
    m_message = m_store->openMessage(entry.id);
    if (!m_message) {
        storageFailure(entry.id, MailError(MailError::Kind::Storage,
                                           QCoreApplication::translate(
                                                   "MessageSender",
                                                   "Cannot read the message from the outbox"),
                                           m_store->messagePath(entry.id)));
        return;
    }
    // The mark that keeps a crash from sending it twice: persisted before any network step.
    entry.state = OutboxEntry::State::Sending;
    if (MailError error = m_store->update(entry)) {
        m_message.reset();
        storageFailure(entry.id, error);
        return;
    }
    Q_EMIT entriesChanged();

    m_submissionHost = settings.host;
    m_reachedServer = false;
    m_transport = m_transports();
    if (!m_transport) {
        // Nothing left the machine: the message waits for the user like any refused one.
        m_message.reset();
        m_currentId.clear();
        const MailError
                error(MailError::Kind::Network,
                      QCoreApplication::translate("MessageSender",
                                                  "No connection to the server could be made"));
        setSubmissionState(SubmissionState::Unreachable, error.toString());
        handleNotSent(entry, error, false);
        setPhase(Phase::Idle);
        scheduleQueue();
        return;
    }
    setPhase(Phase::Submitting);
    connect(m_transport.get(), &Transport::certificateTrustRequested, this,
            &MessageSender::onTrustRequested);
    connect(m_transport.get(), &Transport::connected, this, [this] { m_reachedServer = true; });
    m_client = new SmtpClient(m_transport.get());
    m_client->setSettings(settings);
    const QString id = entry.id;
    m_submission = m_client->submit({entry.envelopeFrom, entry.recipients}, m_message.get());
    connect(m_submission, &SmtpSubmission::progress, this,
            [this, id](qint64 sent, qint64 total) { Q_EMIT progress(id, sent, total); });
    connect(m_submission, &SmtpSubmission::finished, this, &MessageSender::onFinished);
}

void MessageSender::onFinished()
{
    SmtpSubmission *submission = m_submission;
    if (!submission)
        return;
    const QString id = m_currentId;
    const MailError error = submission->error();
    const Delivery delivery = submission->delivery();
    const bool transient = isTransient(submission);
    QList<SmtpRecipientResult> refused = submission->recipientResults();
    refused.removeIf([](const SmtpRecipientResult &r) { return r.isAccepted(); });
    qCDebug(lcSmtp) << "outbox:" << id << delivery << error.toString();

    retireSession();
    m_message.reset();
    m_currentId.clear();

    // Told before the outcome, so that its receivers know how the server was found.
    if (m_reachedServer || delivery != Delivery::NotSent)
        setSubmissionState(SubmissionState::Reachable);
    else if (error.kind() == MailError::Kind::Network || error.kind() == MailError::Kind::Tls)
        setSubmissionState(SubmissionState::Unreachable, error.toString());

    bool found = false;
    OutboxEntry entry = m_store->entry(id, &found);
    switch (delivery) {
    case Delivery::Accepted:
        handleAccepted(id, refused);
        break;
    case Delivery::Unknown:
        if (found)
            handleUnknown(entry, error);
        break;
    case Delivery::NotSent:
        if (found)
            handleNotSent(entry, error, transient && error.kind() != MailError::Kind::Cancelled);
        break;
    }
    setPhase(Phase::Idle);
    scheduleQueue();
}

void MessageSender::handleAccepted(const QString &id, const QList<SmtpRecipientResult> &refused)
{
    // The message's file outlives its entry under a second name until sent() was delivered:
    // the Sent copy streams from it, however large.
    const QString outboxPath = m_store->messagePath(id);
    const QString sentDirectory = QFileInfo(outboxPath).absolutePath() + QStringLiteral("/sent");
    const QString sentPath = sentDirectory + QLatin1Char('/') + id + QStringLiteral(".eml");
    MessageSource message;
    QString why;
    QFile::remove(sentPath); // left by an earlier run that ended here
    if (QDir().mkpath(sentDirectory) && FileLink::linkOrCopy(outboxPath, sentPath, &why))
        message = MessageSource::fromFile(sentPath);
    else
        qCWarning(lcSmtp) << "outbox: the sent message cannot be kept for its Sent copy:" << why;
    const QList<OutboxFollowUp> followUps = m_store->entry(id).followUps;
    m_autoRetries.remove(id);
    if (MailError error = m_store->remove(id)) {
        // It stays marked Sending on disk and becomes Unknown at the next start: never resent.
        qCWarning(lcSmtp) << "outbox: sent but not removed:" << id << error.toString();
        m_skipped.insert(id);
    }
    Q_EMIT entriesChanged();
    if (!followUps.isEmpty())
        Q_EMIT followUpsDue(followUps);
    Q_EMIT sent(id, message, refused);
    if (message.isFile())
        QFile::remove(sentPath);
}

void MessageSender::handleNotSent(OutboxEntry entry, const MailError &error, bool transient)
{
    entry.attempts += 1;
    entry.lastError = error.toString();
    const int retries = m_autoRetries.value(entry.id);
    const bool retryLater = transient && retries < m_retryDelays.size() && !m_stopped;
    if (error.kind() == MailError::Kind::Cancelled || (transient && m_stopped))
        entry.state = OutboxEntry::State::Queued; // stopped on purpose: it goes at the next start
    else
        entry.state = retryLater ? OutboxEntry::State::Queued : OutboxEntry::State::Failed;
    if (MailError saved = m_store->update(entry)) {
        storageFailure(entry.id, saved);
        return;
    }
    Q_EMIT entriesChanged();
    if (entry.state == OutboxEntry::State::Failed) {
        m_autoRetries.remove(entry.id);
        Q_EMIT failed(entry.id, error);
        return;
    }
    if (retryLater) {
        const int delay = m_retryDelays.at(retries);
        m_autoRetries.insert(entry.id, retries + 1);
        m_notBefore.insert(entry.id,
                           {QDeadlineTimer(delay), QDateTime::currentDateTime().addMSecs(delay)});
        Q_EMIT retryScheduled(entry.id, error, delay);
    }
}

void MessageSender::handleUnknown(OutboxEntry entry, const MailError &error)
{
    entry.attempts += 1;
    entry.lastError = error.toString();
    entry.state = OutboxEntry::State::Unknown;
    m_autoRetries.remove(entry.id);
    if (MailError saved = m_store->update(entry)) {
        // Still Sending on disk: Unknown at the next start as well.
        qCWarning(lcSmtp) << "outbox: cannot save the unknown outcome" << saved.toString();
        m_skipped.insert(entry.id);
    }
    Q_EMIT entriesChanged();
    Q_EMIT outcomeUnknown(entry.id, error);
}

void MessageSender::storageFailure(const QString &id, const MailError &error)
{
    qCWarning(lcSmtp) << "outbox:" << id << error.toString();
    m_skipped.insert(id); // its state on disk cannot be trusted to change: leave it alone
    m_currentId.clear();
    setPhase(Phase::Idle);
    Q_EMIT failed(id, error);
    scheduleQueue();
}

void MessageSender::onTrustRequested(const QList<QSslCertificate> &chain, const QString &reasons)
{
    if (!m_transport || sender() != m_transport.get())
        return;
    if (!isSignalConnected(QMetaMethod::fromSignal(&MessageSender::trustRequested))) {
        m_transport->answerTrust(false);
        return;
    }
    m_awaitingTrust = true;
    Q_EMIT trustRequested(m_currentId, chain, reasons);
}

void MessageSender::answerTrust(bool trust)
{
    if (!m_awaitingTrust)
        return;
    m_awaitingTrust = false;
    if (m_transport)
        m_transport->answerTrust(trust);
}

void MessageSender::retireSession()
{
    m_awaitingTrust = false;
    if (m_transport)
        m_transport->disconnect(this);
    SmtpClient *client = m_client;
    Transport *transport = m_transport.release();
    m_client = nullptr;
    m_submission = nullptr;
    if (!client) {
        delete transport;
        return;
    }
    // The client may still be saying QUIT: it and its transport go once the session is over.
    client->setParent(this);
    transport->setParent(client);
    if (!client->isBusy()) {
        client->deleteLater();
        return;
    }
    connect(client, &SmtpClient::stateChanged, client, [client](SmtpClient::State state) {
        if (state == SmtpClient::State::Idle)
            client->deleteLater();
    });
}

void MessageSender::setSubmissionState(SubmissionState state, const QString &error)
{
    const QString detail = state == SubmissionState::Unreachable ? error : QString();
    if (state == m_submissionState && detail == m_submissionError)
        return;
    m_submissionState = state;
    m_submissionError = detail;
    Q_EMIT submissionStateChanged(state, detail);
}

void MessageSender::setPhase(Phase phase)
{
    const bool wasBusy = isBusy();
    m_phase = phase;
    if (wasBusy != isBusy())
        Q_EMIT busyChanged(isBusy());
}
