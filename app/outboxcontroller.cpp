#include "outboxcontroller.h"

#include "mainwindow.h"
#include "outbox/messagesender.h"
#include "outboxview.h"
#include "service/accountsession.h"
#include "statusarea.h"

#include <algorithm>

OutboxController::OutboxController(MainWindow *window, QObject *parent)
    : QObject(parent)
    , m_window(window)
{
    m_window->setOutboxModel(&m_model);
    connect(m_window->outboxView(), &OutboxView::retryRequested, this, &OutboxController::retry);
    connect(m_window->outboxView(), &OutboxView::deleteRequested, this, &OutboxController::discard);
    connect(&m_model, &QAbstractItemModel::modelReset, this, [this] {
        if (m_model.rowCount() == m_lastCount)
            return;
        m_lastCount = m_model.rowCount();
        Q_EMIT countChanged(m_lastCount);
    });
}

void OutboxController::addSession(AccountSession *session)
{
    MessageSender *sender = session->sender();
    m_model.addSender(session->account().id(), sender);
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
    connect(sender, &MessageSender::busyChanged, this, [this](bool busy) {
        if (busy)
            m_window->statusArea()->showProgress(tr("Sending"), 0, 0);
        else
            m_window->statusArea()->clearProgress();
    });
}

void OutboxController::removeSession(const QString &accountId)
{
    m_model.removeSender(accountId);
}

void OutboxController::retry(const QModelIndex &entry)
{
    MessageSender *sender = m_model.sender(entry.data(OutboxModel::AccountIdRole).toString());
    if (!sender)
        return;
    if (MailError error = sender->retry(entry.data(OutboxModel::EntryIdRole).toString()))
        Q_EMIT statusMessage(error.toString());
    else
        Q_EMIT statusMessage(tr("Sending again…"));
}

void OutboxController::discard(const QModelIndex &entry)
{
    MessageSender *sender = m_model.sender(entry.data(OutboxModel::AccountIdRole).toString());
    if (!sender)
        return;
    if (MailError error = sender->discard(entry.data(OutboxModel::EntryIdRole).toString()))
        Q_EMIT statusMessage(error.toString());
}
