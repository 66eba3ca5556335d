#include "service/newmailmonitor.h"
#include "store/messagestore.h"
#include "trayindicator.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

MessageRecord message(quint32 uid, bool seen, const QString &subject = u"Hello"_s)
{
    MessageRecord m;
    m.uid = uid;
    m.subject = subject;
    m.fromName = u"Sender %1"_s.arg(uid);
    m.fromAddress = u"s%1@example.org"_s.arg(uid);
    m.sentDate = QDateTime::fromSecsSinceEpoch(1'700'000'000 + uid * 60, Qt::UTC);
    m.flags = seen ? MessageRecord::Seen : MessageRecord::NoFlag;
    return m;
}

struct Cache
{
    explicit Cache(const QString &path)
    {
        QVERIFY(!store.open(path));
        FolderRecord inbox;
        inbox.path = u"INBOX"_s;
        inbox.specialUse = FolderRecord::SpecialUse::Inbox;
        inboxId = store.upsertFolder(inbox).value();
        FolderRecord other;
        other.path = u"Lists"_s;
        otherId = store.upsertFolder(other).value();
    }
    MessageStore store;
    qint64 inboxId = 0;
    qint64 otherId = 0;
};

} // namespace

class TestTrayIndicator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void countsUnreadAcrossInboxes()
    {
        QTemporaryDir dir;
        Cache work(dir.filePath(u"work.sqlite"_s));
        Cache home(dir.filePath(u"home.sqlite"_s));
        QVERIFY(!work.store.upsertMessages(work.inboxId, {message(1, false), message(2, true)}));
        QVERIFY(!home.store.upsertMessages(home.inboxId, {message(1, false), message(2, false)}));
        QVERIFY(!home.store.upsertMessages(home.otherId, {message(1, false)})); // not an Inbox

        NewMailMonitor monitor;
        TrayIndicator tray(&monitor, nullptr, false);
        QCOMPARE(tray.toolTip(), TrayIndicator::toolTipFor(0));
        QSignalSpy changed(&monitor, &NewMailMonitor::unreadCountChanged);
        monitor.addAccount(u"work"_s, u"Work"_s, &work.store);
        monitor.addAccount(u"home"_s, u"Home"_s, &home.store);
        QCOMPARE(monitor.unreadCount(), 3);
        QCOMPARE(monitor.unreadCount(u"home"_s), 2);
        QCOMPARE(changed.last().at(0).toInt(), 3);
        QCOMPARE(tray.toolTip(), TrayIndicator::toolTipFor(3));
        QVERIFY(tray.toolTip().contains(u"3"_s));

        QVERIFY(!home.store.changeFlags(home.inboxId, {1}, MessageRecord::Seen, {}));
        QCOMPARE(monitor.unreadCount(), 2);
        QVERIFY(!work.store.removeMessages(work.inboxId, {1}));
        QCOMPARE(monitor.unreadCount(), 1);
        QCOMPARE(tray.toolTip(), TrayIndicator::toolTipFor(1));
        monitor.removeAccount(u"home"_s);
        QCOMPARE(monitor.unreadCount(), 0);
        QCOMPARE(tray.toolTip(), TrayIndicator::toolTipFor(0));
    }

    void announcesNewMailButNotTheFirstFill()
    {
        QTemporaryDir dir;
        Cache work(dir.filePath(u"work.sqlite"_s));
        NewMailMonitor monitor;
        TrayIndicator tray(&monitor, nullptr, false);
        monitor.addAccount(u"work"_s, u"Work"_s, &work.store);
        QSignalSpy news(&monitor, &NewMailMonitor::newMail);

        // The first synchronisation of an empty Inbox.
        QVERIFY(!work.store.upsertMessages(work.inboxId, {message(1, false), message(2, false)}));
        QCOMPARE(news.size(), 0);
        QCOMPARE(tray.notificationCount(), 0);

        // One new unread message arrives.
        QVERIFY(!work.store.upsertMessages(work.inboxId, {message(3, false, u"Lunch?"_s)}));
        QCOMPARE(news.size(), 1);
        const auto mail = news.at(0).at(0).value<NewMailMonitor::NewMail>();
        QCOMPARE(mail.accountName, u"Work"_s);
        QCOMPARE(mail.count, 1);
        QCOMPARE(mail.sender, u"Sender 3"_s);
        QCOMPARE(mail.subject, u"Lunch?"_s);
        QCOMPARE(tray.notificationCount(), 1);
        QCOMPARE(tray.lastTitle(), TrayIndicator::titleFor(mail));
        QVERIFY(tray.lastTitle().contains(u"Work"_s));
        QVERIFY(tray.lastMessage().contains(u"Lunch?"_s));
        QVERIFY(tray.lastMessage().contains(u"Sender 3"_s));
        QCOMPARE(tray.toolTip(), TrayIndicator::toolTipFor(3));

        // Read elsewhere already, or in another folder: no news.
        QVERIFY(!work.store.upsertMessages(work.inboxId, {message(4, true)}));
        QVERIFY(!work.store.upsertMessages(work.otherId, {message(1, false)}));
        QVERIFY(!work.store.upsertMessages(work.otherId, {message(2, false)}));
        QCOMPARE(news.size(), 1);

        // Several at once: counted, the newest named.
        QVERIFY(!work.store.upsertMessages(work.inboxId,
                                           {message(5, false), message(6, false, u"Newest"_s)}));
        QCOMPARE(news.size(), 2);
        const auto two = news.at(1).at(0).value<NewMailMonitor::NewMail>();
        QCOMPARE(two.count, 2);
        QCOMPARE(two.subject, u"Newest"_s);
        QVERIFY(TrayIndicator::titleFor(two).contains(u"2"_s));
    }
};

QTEST_MAIN(TestTrayIndicator)
#include "tst_trayindicator.moc"
