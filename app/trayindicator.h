#pragma once

#include "service/newmailmonitor.h"

#include <QObject>
#include <QPointer>

class QMenu;
class QSystemTrayIcon;
class QWidget;

// The tray icon: the unread count across all Inboxes in its tooltip and drawn on the icon,
// a notification for new mail, and a click that brings the main window up. Without a system
// tray it keeps the texts (for tests and for a later tray) and shows nothing.
class TrayIndicator : public QObject
{
    Q_OBJECT
public:
    TrayIndicator(NewMailMonitor *monitor, QWidget *window, bool useSystemTray,
                  QObject *parent = nullptr);
    ~TrayIndicator() override;

    QString toolTip() const { return m_toolTip; }
    QString lastTitle() const { return m_lastTitle; }
    QString lastMessage() const { return m_lastMessage; }
    int notificationCount() const { return m_notifications; }
    QSystemTrayIcon *trayIcon() const { return m_tray; }

    static QString toolTipFor(int unread);
    static QString titleFor(const NewMailMonitor::NewMail &mail);
    static QString messageFor(const NewMailMonitor::NewMail &mail);

    // Whether the monitor's news shows as a tray message (the default). Off where the desktop's
    // notification service announces it; notify() then shows what that service could not.
    void setAnnouncesNewMail(bool announces);
    void notify(const NewMailMonitor::NewMail &mail);

private:
    void updateUnread(int unread);
    void showWindow();

    QPointer<QWidget> m_window;
    QPointer<NewMailMonitor> m_monitor;
    QSystemTrayIcon *m_tray = nullptr;
    QMenu *m_menu = nullptr;
    QString m_toolTip;
    QString m_lastTitle;
    QString m_lastMessage;
    int m_notifications = 0;
};
