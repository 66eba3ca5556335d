#pragma once

#include "service/newmailmonitor.h"

#include <QDBusConnection>
#include <QHash>
#include <QObject>
#include <QString>

class QDBusPendingCallWatcher;

// Announces new mail through the desktop's notification service (org.freedesktop.Notifications
// on the session bus), one notice per account: mail that arrives while an account's notice is
// still up replaces it with the sum ("5 new messages in Work"). The notice's default action
// asks to open the newest message. Where no service answers, notificationFailed() hands the
// news on (to the tray icon, if there is one).
class DesktopNotifier : public QObject
{
    Q_OBJECT
public:
    explicit DesktopNotifier(NewMailMonitor *monitor,
                             const QDBusConnection &bus = QDBusConnection::sessionBus(),
                             QObject *parent = nullptr);
    ~DesktopNotifier() override;

    static QString serviceName();
    static QString objectPath();

    // The notice's texts for the news gathered so far.
    static QString summaryFor(const NewMailMonitor::NewMail &mail);
    static QString bodyFor(const NewMailMonitor::NewMail &mail);

    // The id the service gave the account's notice on screen; 0 when none is.
    uint notificationId(const QString &accountId) const;

Q_SIGNALS:
    // The user chose a notice: show the message uid of folderId in the account.
    void openRequested(const QString &accountId, qint64 folderId, quint32 uid);
    // No notification service took the news.
    void notificationFailed(const NewMailMonitor::NewMail &mail);

private Q_SLOTS:
    void onActionInvoked(uint id, const QString &action);
    void onNotificationClosed(uint id, uint reason);

private:
    struct Notice
    {
        NewMailMonitor::NewMail mail; // count: all the news the notice tells
        uint id = 0; // the service's id once it answered
        bool pending = false; // a Notify call is on its way
        bool stale = false; // news came while it was: send again when it answers
    };
    void add(const NewMailMonitor::NewMail &mail);
    void send(const QString &accountId);
    void onReply(const QString &accountId, QDBusPendingCallWatcher *watcher);

    QDBusConnection m_bus;
    QHash<QString, Notice> m_notices; // by account id
};
