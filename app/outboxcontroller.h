#pragma once

#include "models/outboxmodel.h"

#include <QObject>
#include <QSet>

class MessageSender;
class MainWindow;

// The Outbox in the window: the OutboxModel over every account's sender shown, the Outbox view's
// Retry Now and Delete sent to the right sender, the progress of a running submission in the
// status bar and each attempt's outcome as a status message (statusMessage()), and each
// account's submission server reachability in the status area.
class OutboxController : public QObject
{
    Q_OBJECT
public:
    // model: the outboxes of every account (AccountManager::outboxModel()); it must outlive the
    // controller.
    OutboxController(MainWindow *window, OutboxModel *model, QObject *parent = nullptr);

    // Follows one account's sender for the status bar and the status area.
    void addSender(const QString &accountId, MessageSender *sender);
    void removeSender(const QString &accountId);

Q_SIGNALS:
    // A message for the status bar.
    void statusMessage(const QString &text);

private:
    void retry(const QModelIndex &entry);
    void discard(const QModelIndex &entry);

    MainWindow *m_window;
    OutboxModel *m_model;
    QSet<const MessageSender *> m_attemptOpen; // senders whose attempt has no outcome yet
};
