// New mail through the desktop's notification service, against a service on a private session
// bus (the test runs under dbus-run-session) that records every call and answers like a real one.
#include "desktopnotifier.h"
#include "service/newmailmonitor.h"
#include "store/messagestore.h"
#include "translationloader.h"
#include "trayindicator.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace {

struct NotifyCall
{
    QString appName;
    uint replacesId = 0;
    QString appIcon;
    QString summary;
    QString body;
    QStringList actions;
    QVariantMap hints;
    int timeout = 0;
    uint answeredId = 0;
};

} // namespace

// org.freedesktop.Notifications as a notification daemon offers it, recording what it receives.
class RecordingNotificationService : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")
public:
    explicit RecordingNotificationService(const QString &connectionName)
        : m_bus(QDBusConnection::connectToBus(QDBusConnection::SessionBus, connectionName))
    {
        m_registered = m_bus.registerObject(DesktopNotifier::objectPath(), this,
                                            QDBusConnection::ExportAllSlots
                                                    | QDBusConnection::ExportAllSignals)
                       && m_bus.registerService(DesktopNotifier::serviceName());
    }
    ~RecordingNotificationService() override
    {
        m_bus.unregisterService(DesktopNotifier::serviceName());
        m_bus.unregisterObject(DesktopNotifier::objectPath());
        QDBusConnection::disconnectFromBus(m_bus.name());
    }
    bool isRegistered() const { return m_registered; }
    QList<NotifyCall> calls;

    // What the user does with a notice on screen.
    void invoke(uint id, const QString &action) { Q_EMIT ActionInvoked(id, action); }
    void close(uint id, uint reason) { Q_EMIT NotificationClosed(id, reason); }

public Q_SLOTS:
    uint Notify(const QString &appName, uint replacesId, const QString &appIcon,
                const QString &summary, const QString &body, const QStringList &actions,
                const QVariantMap &hints, int timeout)
    {
        const uint id = replacesId != 0 ? replacesId : ++m_lastId;
        calls.append({appName, replacesId, appIcon, summary, body, actions, hints, timeout, id});
        return id;
    }
    QStringList GetCapabilities() { return {u"actions"_s, u"body"_s, u"body-markup"_s}; }
    void CloseNotification(uint id) { Q_EMIT NotificationClosed(id, 3); }

Q_SIGNALS:
    void ActionInvoked(uint id, const QString &actionKey);
    void NotificationClosed(uint id, uint reason);

private:
    QDBusConnection m_bus;
    bool m_registered = false;
    uint m_lastId = 40;
};

namespace {

MessageRecord message(quint32 uid, const QString &subject = u"Hello"_s)
{
    MessageRecord m;
    m.uid = uid;
    m.subject = subject;
    m.fromName = u"Sender %1"_s.arg(uid);
    m.fromAddress = u"s%1@example.org"_s.arg(uid);
    m.sentDate = QDateTime::fromSecsSinceEpoch(1'700'000'000 + uid * 60, Qt::UTC);
    return m;
}

// An account's cache whose Inbox already holds mail, so what comes next is news.
struct Cache
{
    explicit Cache(const QString &path)
    {
        QVERIFY(!store.open(path));
        FolderRecord inbox;
        inbox.path = u"INBOX"_s;
        inbox.specialUse = FolderRecord::SpecialUse::Inbox;
        inboxId = store.upsertFolder(inbox).value();
        QVERIFY(!store.upsertMessages(inboxId, {message(1), message(2)}));
    }
    MessageStore store;
    qint64 inboxId = 0;
};

} // namespace

class TestDesktopNotifier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QDBusConnection::sessionBus().isConnected(),
                 "no session bus: run the test under dbus-run-session");
        // English plural forms, as the application loads them.
        QTranslator *english = TranslationLoader::load(QLocale(QLocale::English),
                                                       QStringLiteral(HERON_QM_DIR), this);
        QVERIFY(english);
        QCoreApplication::installTranslator(english);
    }

    void notifiesGroupsAndOpens()
    {
        RecordingNotificationService service(u"recorder1"_s);
        QVERIFY(service.isRegistered());
        QTemporaryDir dir;
        Cache work(dir.filePath(u"work.sqlite"_s));
        NewMailMonitor monitor;
        monitor.addAccount(u"work"_s, u"Work"_s, &work.store);
        DesktopNotifier notifier(&monitor);
        QSignalSpy failed(&notifier, &DesktopNotifier::notificationFailed);
        QSignalSpy open(&notifier, &DesktopNotifier::openRequested);

        // One message: the sender and subject, and an action that opens it.
        QVERIFY(!work.store.upsertMessages(work.inboxId, {message(3, u"Lunch?"_s)}));
        QTRY_COMPARE(service.calls.size(), 1);
        const NotifyCall first = service.calls.at(0);
        QCOMPARE(first.appName, u"Heron"_s);
        QCOMPARE(first.replacesId, 0u);
        QCOMPARE(first.appIcon, u"heron"_s);
        QCOMPARE(first.summary, u"New mail in Work"_s);
        QCOMPARE(first.body, u"Sender 3: Lunch?"_s);
        QCOMPARE(first.actions.size(), 2);
        QCOMPARE(first.actions.at(0), u"default"_s);
        QCOMPARE(first.actions.at(1), u"Open"_s);
        QCOMPARE(first.hints.value(u"desktop-entry"_s).toString(), u"heron"_s);
        QCOMPARE(first.hints.value(u"category"_s).toString(), u"email.arrived"_s);
        QTRY_COMPARE(notifier.notificationId(u"work"_s), first.answeredId);

        // More while it is on screen: the same notice, now telling the sum and the newest.
        QVERIFY(!work.store.upsertMessages(work.inboxId, {message(4)}));
        QVERIFY(!work.store.upsertMessages(work.inboxId, {message(5, u"Minutes"_s)}));
        QTRY_COMPARE(service.calls.last().summary, u"3 new messages in Work"_s);
        for (const NotifyCall &call : std::as_const(service.calls).mid(1))
            QCOMPARE(call.replacesId, first.answeredId);
        QCOMPARE(service.calls.last().body, u"Sender 5: Minutes"_s);

        // Its action opens the newest message; another notice's action is not ours.
        service.invoke(first.answeredId + 100, u"default"_s);
        service.invoke(first.answeredId, u"default"_s);
        QTRY_COMPARE(open.size(), 1);
        QCOMPARE(open.at(0).at(0).toString(), u"work"_s);
        QCOMPARE(open.at(0).at(1).toLongLong(), work.inboxId);
        QCOMPARE(open.at(0).at(2).toUInt(), 5u);

        // Once closed, the next news is a notice of its own.
        service.close(first.answeredId, 2);
        QTRY_COMPARE(notifier.notificationId(u"work"_s), 0u);
        const int before = int(service.calls.size());
        QVERIFY(!work.store.upsertMessages(work.inboxId, {message(6, u"Later"_s)}));
        QTRY_COMPARE(service.calls.size(), before + 1);
        QCOMPARE(service.calls.last().replacesId, 0u);
        QCOMPARE(service.calls.last().summary, u"New mail in Work"_s);
        QVERIFY(service.calls.last().answeredId != first.answeredId);
        QCOMPARE(failed.size(), 0);
    }

    void oneNoticePerAccountWithEscapedText()
    {
        RecordingNotificationService service(u"recorder2"_s);
        QVERIFY(service.isRegistered());
        QTemporaryDir dir;
        Cache work(dir.filePath(u"work.sqlite"_s));
        Cache home(dir.filePath(u"home.sqlite"_s));
        NewMailMonitor monitor;
        monitor.addAccount(u"work"_s, u"Work"_s, &work.store);
        monitor.addAccount(u"home"_s, u"Home"_s, &home.store);
        DesktopNotifier notifier(&monitor);

        QVERIFY(!work.store.upsertMessages(work.inboxId, {message(3, u"<b>A & B</b>"_s)}));
        QTRY_VERIFY(notifier.notificationId(u"work"_s) != 0);
        QVERIFY(!home.store.upsertMessages(home.inboxId, {message(3)}));
        QTRY_VERIFY(notifier.notificationId(u"home"_s) != 0);
        QCOMPARE(service.calls.size(), 2);
        QCOMPARE(service.calls.at(0).body, u"Sender 3: &lt;b&gt;A &amp; B&lt;/b&gt;"_s);
        QCOMPARE(service.calls.at(1).summary, u"New mail in Home"_s);
        QCOMPARE(service.calls.at(1).replacesId, 0u);
        QVERIFY(notifier.notificationId(u"home"_s) != notifier.notificationId(u"work"_s));
    }

    // No notification service: the tray icon (when there is one) shows the news instead.
    void withoutServiceTheTrayTakesOver()
    {
        QVERIFY(!QDBusConnection::sessionBus().interface()->isServiceRegistered(
                DesktopNotifier::serviceName()));
        QTemporaryDir dir;
        Cache work(dir.filePath(u"work.sqlite"_s));
        NewMailMonitor monitor;
        monitor.addAccount(u"work"_s, u"Work"_s, &work.store);
        TrayIndicator tray(&monitor, nullptr, false);
        tray.setAnnouncesNewMail(false);
        DesktopNotifier notifier(&monitor);
        connect(&notifier, &DesktopNotifier::notificationFailed, &tray, &TrayIndicator::notify);
        QSignalSpy failed(&notifier, &DesktopNotifier::notificationFailed);

        QVERIFY(!work.store.upsertMessages(work.inboxId, {message(3, u"Lunch?"_s)}));
        QCOMPARE(tray.notificationCount(), 0); // not before the service has had its say
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(tray.notificationCount(), 1);
        QCOMPARE(tray.lastMessage(), u"Sender 3: Lunch?"_s);
        QCOMPARE(notifier.notificationId(u"work"_s), 0u);
    }
};

QTEST_MAIN(TestDesktopNotifier)
#include "tst_desktopnotifier.moc"
