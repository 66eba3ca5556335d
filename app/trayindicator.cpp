#include "trayindicator.h"

#include "icons.h"

#include <QAction>
#include <QGuiApplication>
#include <QMenu>
#include <QPainter>
#include <QPalette>
#include <QSystemTrayIcon>
#include <QWidget>

namespace {

// The application icon with the unread count in a badge.
QIcon badgeIcon(int unread)
{
    const QIcon base = Icons::icon(QStringLiteral("heron"));
    if (unread <= 0)
        return base;
    QPixmap pixmap = base.pixmap(64, 64);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRect badge(24, 28, 40, 36);
    const QPalette palette = QGuiApplication::palette();
    painter.setBrush(palette.color(QPalette::Highlight));
    painter.setPen(Qt::NoPen);
    painter.drawEllipse(badge);
    QFont font = painter.font();
    font.setBold(true);
    font.setPixelSize(unread > 99 ? 16 : 22);
    painter.setFont(font);
    painter.setPen(palette.color(QPalette::HighlightedText));
    painter.drawText(badge, Qt::AlignCenter,
                     unread > 999 ? QStringLiteral("999+") : QString::number(unread));
    return QIcon(pixmap);
}

} // namespace

TrayIndicator::TrayIndicator(NewMailMonitor *monitor, QWidget *window, bool useSystemTray,
                             QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_monitor(monitor)
{
    if (useSystemTray && QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(this);
        m_menu = new QMenu;
        connect(m_menu->addAction(tr("Show Heron")), &QAction::triggered, this,
                &TrayIndicator::showWindow);
        m_menu->addSeparator();
        connect(m_menu->addAction(tr("Quit")), &QAction::triggered, this, [this] {
            if (m_window)
                m_window->close();
        });
        m_tray->setContextMenu(m_menu);
        connect(m_tray, &QSystemTrayIcon::activated, this,
                [this](QSystemTrayIcon::ActivationReason reason) {
                    if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                        showWindow();
                });
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, &TrayIndicator::showWindow);
    }
    connect(monitor, &NewMailMonitor::unreadCountChanged, this, &TrayIndicator::updateUnread);
    connect(monitor, &NewMailMonitor::newMail, this, &TrayIndicator::notify);
    updateUnread(monitor->unreadCount());
    if (m_tray)
        m_tray->show();
}

TrayIndicator::~TrayIndicator()
{
    delete m_menu;
}

QString TrayIndicator::toolTipFor(int unread)
{
    return unread == 0 ? tr("Heron: no unread mail")
                       : tr("Heron: %n unread message(s)", nullptr, unread);
}

QString TrayIndicator::titleFor(const NewMailMonitor::NewMail &mail)
{
    return mail.count == 1
                   ? tr("New mail in %1").arg(mail.accountName)
                   : tr("%n new message(s) in %1", nullptr, mail.count).arg(mail.accountName);
}

QString TrayIndicator::messageFor(const NewMailMonitor::NewMail &mail)
{
    if (mail.sender.isEmpty())
        return mail.subject;
    return mail.subject.isEmpty() ? mail.sender : tr("%1: %2").arg(mail.sender, mail.subject);
}

void TrayIndicator::setAnnouncesNewMail(bool announces)
{
    if (!m_monitor)
        return;
    disconnect(m_monitor, &NewMailMonitor::newMail, this, &TrayIndicator::notify);
    if (announces)
        connect(m_monitor, &NewMailMonitor::newMail, this, &TrayIndicator::notify);
}

void TrayIndicator::updateUnread(int unread)
{
    m_toolTip = toolTipFor(unread);
    if (m_tray) {
        m_tray->setToolTip(m_toolTip);
        m_tray->setIcon(badgeIcon(unread));
    }
}

void TrayIndicator::notify(const NewMailMonitor::NewMail &mail)
{
    m_lastTitle = titleFor(mail);
    m_lastMessage = messageFor(mail);
    ++m_notifications;
    if (m_tray && m_tray->supportsMessages())
        m_tray->showMessage(m_lastTitle, m_lastMessage, badgeIcon(1), 8000);
}

void TrayIndicator::showWindow()
{
    if (!m_window)
        return;
    m_window->showNormal();
    m_window->raise();
    m_window->activateWindow();
}
