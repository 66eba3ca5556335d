#include "desktopnotifier.h"

#include "trayindicator.h"

#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>

namespace {

const QString notificationsInterface = QStringLiteral("org.freedesktop.Notifications");
const QString defaultAction = QStringLiteral("default");

} // namespace

DesktopNotifier::DesktopNotifier(NewMailMonitor *monitor, const QDBusConnection &bus,
                                 QObject *parent)
    : QObject(parent)
    , m_bus(bus)
{
    connect(monitor, &NewMailMonitor::newMail, this, &DesktopNotifier::add);
    if (m_bus.isConnected()) {
        m_bus.connect(serviceName(), objectPath(), notificationsInterface,
                      QStringLiteral("ActionInvoked"), this, SLOT(onActionInvoked(uint, QString)));
        m_bus.connect(serviceName(), objectPath(), notificationsInterface,
                      QStringLiteral("NotificationClosed"), this,
                      SLOT(onNotificationClosed(uint, uint)));
    }
}

DesktopNotifier::~DesktopNotifier() = default;

QString DesktopNotifier::serviceName()
{
    return notificationsInterface;
}

QString DesktopNotifier::objectPath()
{
    return QStringLiteral("/org/freedesktop/Notifications");
}

QString DesktopNotifier::summaryFor(const NewMailMonitor::NewMail &mail)
{
    return TrayIndicator::titleFor(mail);
}

QString DesktopNotifier::bodyFor(const NewMailMonitor::NewMail &mail)
{
    // The specification allows simple markup in the body: the texts are escaped.
    return TrayIndicator::messageFor(mail).toHtmlEscaped();
}

uint DesktopNotifier::notificationId(const QString &accountId) const
{
    return m_notices.value(accountId).id;
}

void DesktopNotifier::add(const NewMailMonitor::NewMail &mail)
{
    if (!m_bus.isConnected()) {
        Q_EMIT notificationFailed(mail);
        return;
    }
    Notice &notice = m_notices[mail.accountId];
    const int before = notice.id != 0 || notice.pending ? notice.mail.count : 0;
    notice.mail = mail;
    notice.mail.count += before;
    if (notice.pending) {
        notice.stale = true;
        return;
    }
    send(mail.accountId);
}

void DesktopNotifier::send(const QString &accountId)
{
    Notice &notice = m_notices[accountId];
    notice.pending = true;
    notice.stale = false;
    QDBusMessage call = QDBusMessage::createMethodCall(serviceName(), objectPath(),
                                                       notificationsInterface,
                                                       QStringLiteral("Notify"));
    const QVariantMap hints {
            {QStringLiteral("desktop-entry"), QStringLiteral("heron")},
            {QStringLiteral("category"), QStringLiteral("email.arrived")},
    };
    call << QStringLiteral("Heron") << notice.id << QStringLiteral("heron")
         << summaryFor(notice.mail) << bodyFor(notice.mail)
         << QStringList {defaultAction, tr("Open")} << hints << qint32(-1);
    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, accountId](QDBusPendingCallWatcher *w) { onReply(accountId, w); });
}

void DesktopNotifier::onReply(const QString &accountId, QDBusPendingCallWatcher *watcher)
{
    watcher->deleteLater();
    const QDBusPendingReply<uint> reply = *watcher;
    auto found = m_notices.find(accountId);
    if (found == m_notices.end())
        return;
    found->pending = false;
    if (reply.isError()) {
        const NewMailMonitor::NewMail mail = found->mail;
        m_notices.erase(found);
        Q_EMIT notificationFailed(mail);
        return;
    }
    found->id = reply.value();
    if (found->stale)
        send(accountId);
}

void DesktopNotifier::onActionInvoked(uint id, const QString &action)
{
    if (id == 0 || action != defaultAction)
        return;
    for (auto it = m_notices.cbegin(); it != m_notices.cend(); ++it) {
        if (it->id == id) {
            const NewMailMonitor::NewMail mail = it->mail;
            Q_EMIT openRequested(mail.accountId, mail.folderId, mail.uid);
            return;
        }
    }
}

void DesktopNotifier::onNotificationClosed(uint id, uint reason)
{
    Q_UNUSED(reason);
    if (id == 0)
        return;
    for (auto it = m_notices.begin(); it != m_notices.end(); ++it) {
        if (it->id == id && !it->pending) {
            // The next news starts a notice of its own.
            m_notices.erase(it);
            return;
        }
    }
}
