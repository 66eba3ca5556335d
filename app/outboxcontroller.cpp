#include "outboxcontroller.h"

#include "mainwindow.h"
#include "outbox/messagesender.h"
#include "outboxview.h"
#include "statusarea.h"

#include <algorithm>

OutboxController::OutboxController(MainWindow *window, OutboxModel *model, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_model(model)
{
    m_window->setOutboxModel(m_model);
    connect(m_window->outboxView(), &OutboxView::retryRequested, this, &OutboxController::retry);
    connect(m_window->outboxView(), &OutboxView::deleteRequested, this, &OutboxController::discard);
}

void OutboxController::addSender(const QString &accountId, MessageSender *sender)
{
    connect(sender, &MessageSender::progress, this,
            [this, sender](const QString &id, qint64 done, qint64 total) {
                QString subject;
                for (const OutboxEntry &entry : sender->entries()) {
                    if (entry.id == id)
                        subject = entry.subject;
                }
                // Kilobytes keep large messages inside the progress bar's int range.
                const int maximum = int(std::max<qint64>(1, total / 1024));
                m_window->statusArea()->showProgress(subject.isEmpty()
                                                             ? tr("Sending")
                                                             : tr("Sending “%1”").arg(subject),
                                                     int(std::min<qint64>(maximum, done / 1024)),
                                                     maximum);
            });
    // Each attempt ends in the status bar with its outcome; one that ends without any (stopped,
    // or its message discarded meanwhile) says so, so "Sending…" never stays behind.
    connect(sender, &MessageSender::busyChanged, this, [this, sender](bool busy) {
        if (busy) {
            m_attemptOpen.insert(sender);
            m_window->statusArea()->showProgress(tr("Sending"), 0, 0);
            return;
        }
        m_window->statusArea()->clearProgress();
        if (m_attemptOpen.remove(sender))
            Q_EMIT statusMessage(tr("Sending stopped."));
    });
    connect(sender, &MessageSender::sent, this,
            [this, sender](const QString &, const MessageSource &,
                           const QList<SmtpRecipientResult> &refused) {
                m_attemptOpen.remove(sender);
                QStringList addresses;
                for (const SmtpRecipientResult &r : refused)
                    addresses.append(r.address);
                Q_EMIT statusMessage(addresses.isEmpty()
                                             ? tr("Message sent.")
                                             : tr("Message sent, but refused for %1.")
                                                       .arg(addresses.join(QStringLiteral(", "))));
            });
    connect(sender, &MessageSender::failed, this,
            [this, sender](const QString &, const MailError &error) {
                m_attemptOpen.remove(sender);
                Q_EMIT statusMessage(tr("Not sent: %1").arg(error.toString()));
            });
    connect(sender, &MessageSender::retryScheduled, this,
            [this, sender](const QString &id, const MailError &error) {
                m_attemptOpen.remove(sender);
                const QString at = OutboxModel::attemptTimeText(sender->nextAttempt(id));
                if (sender->submissionState() == MessageSender::SubmissionState::Unreachable)
                    Q_EMIT statusMessage(
                            tr("Not sent: could not reach %1: %2; next attempt at %3")
                                    .arg(sender->submissionHost(), error.toString(), at));
                else
                    Q_EMIT statusMessage(
                            tr("Not sent yet: %1; next attempt at %2").arg(error.toString(), at));
            });
    connect(sender, &MessageSender::outcomeUnknown, this,
            [this, sender](const QString &, const MailError &error) {
                m_attemptOpen.remove(sender);
                Q_EMIT statusMessage(tr("The message may or may not have been sent (%1); it waits "
                                        "in the Outbox for your decision.")
                                             .arg(error.toString()));
            });
    auto showSubmission = [this, accountId, sender] {
        StatusArea::SendingState state = StatusArea::SendingState::Unknown;
        if (sender->submissionState() == MessageSender::SubmissionState::Reachable)
            state = StatusArea::SendingState::Reachable;
        else if (sender->submissionState() == MessageSender::SubmissionState::Unreachable)
            state = StatusArea::SendingState::Unreachable;
        m_window->statusArea()->setSendingState(accountId, state, sender->submissionHost(),
                                                sender->submissionError());
    };
    connect(sender, &MessageSender::submissionStateChanged, this, showSubmission);
    if (sender->submissionState() != MessageSender::SubmissionState::Unknown)
        showSubmission();
    connect(sender, &QObject::destroyed, this, [this, sender] { m_attemptOpen.remove(sender); });
}

void OutboxController::removeSender(const QString &accountId)
{
    if (MessageSender *sender = m_model->sender(accountId)) {
        sender->disconnect(this);
        m_attemptOpen.remove(sender);
    }
}

void OutboxController::retry(const QModelIndex &entry)
{
    MessageSender *sender = m_model->sender(entry.data(OutboxModel::AccountIdRole).toString());
    if (!sender)
        return;
    if (MailError error = sender->retry(entry.data(OutboxModel::EntryIdRole).toString()))
        Q_EMIT statusMessage(error.toString());
    else
        Q_EMIT statusMessage(tr("Sending again…"));
}

void OutboxController::discard(const QModelIndex &entry)
{
    MessageSender *sender = m_model->sender(entry.data(OutboxModel::AccountIdRole).toString());
    if (!sender)
        return;
    if (MailError error = sender->discard(entry.data(OutboxModel::EntryIdRole).toString()))
        Q_EMIT statusMessage(error.toString());
}
