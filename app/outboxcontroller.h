#pragma once

#include "models/outboxmodel.h"

#include <QObject>
#include <QSet>

class AccountSession;
class MessageSender;
class MainWindow;

// The Outbox in the window: one OutboxModel over every session's sender, the Outbox view's
// Retry Now and Delete sent to the right sender, the progress of a running submission in the
// status bar and each attempt's outcome as a status message (statusMessage()), and each
// account's submission server reachability in the status area.
class OutboxController : public QObject
{
    Q_OBJECT
public:
    explicit OutboxController(MainWindow *window, QObject *parent = nullptr);

    void addSession(AccountSession *session);
    // Follows one account's sender (what addSession() does with the session's sender).
    void addSender(const QString &accountId, MessageSender *sender);
    void removeSession(const QString &accountId);
    OutboxModel *model() { return &m_model; }
    // Messages in the outboxes, whatever their state.
    int count() const { return m_model.rowCount(); }

Q_SIGNALS:
    void countChanged(int count);
    // A message for the status bar.
    void statusMessage(const QString &text);

private:
    void retry(const QModelIndex &entry);
    void discard(const QModelIndex &entry);

    MainWindow *m_window;
    OutboxModel m_model;
    int m_lastCount = 0;
    QSet<const MessageSender *> m_attemptOpen; // senders whose attempt has no outcome yet
};
