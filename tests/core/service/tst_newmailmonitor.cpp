#include "service/newmailmonitor.h"
#include "store/foldercounter.h"
#include "store/messagestore.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// Opens a cache at path with an Inbox; its folder id, 0 on failure.
qint64 openWithInbox(MessageStore *store, const QString &path)
{
    if (store->open(path))
        return 0;
    FolderRecord inbox;
    inbox.path = u"INBOX"_s;
    inbox.specialUse = FolderRecord::SpecialUse::Inbox;
    return store->upsertFolder(inbox).value();
}

} // namespace

class TestNewMailMonitor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void largeInboxCountedOnWorker()
    {
        QTemporaryDir dir;
        MessageStore store;
        const qint64 inboxId = openWithInbox(&store, dir.filePath(u"cache.sqlite"_s));
        QVERIFY(inboxId != 0);
        FolderRecord archive;
        archive.path = u"Archive"_s;
        const qint64 archiveId = store.upsertFolder(archive).value();
        // More messages than are counted on the window's thread.
        const quint32 count = FolderCounter::backgroundMinimum + 1000;
        QList<MessageRecord> messages;
        QList<quint32> uids;
        for (quint32 uid = 1; uid <= count; ++uid) {
            MessageRecord m;
            m.uid = uid;
            messages.append(m);
            uids.append(uid);
        }
        QVERIFY(!store.upsertMessages(inboxId, messages));

        NewMailMonitor monitor;
        QSignalSpy changed(&monitor, &NewMailMonitor::unreadCountChanged);
        monitor.addAccount(u"work"_s, u"Work"_s, &store);
        QCOMPARE(monitor.unreadCount(), int(count));

        // All read: counted on a worker, so the total follows through the event loop.
        QVERIFY(!store.changeFlags(inboxId, uids, MessageRecord::Seen, {}));
        QCOMPARE(monitor.unreadCount(), int(count));
        QTRY_COMPARE(monitor.unreadCount(), 0);
        QCOMPARE(changed.last().at(0).toInt(), 0);

        // Some unread again, and some of those removed: the last count stays.
        QVERIFY(!store.changeFlags(inboxId, uids.mid(0, 500), {}, MessageRecord::Seen));
        QVERIFY(!store.removeMessages(inboxId, uids.mid(0, 200)));
        QTRY_COMPARE(monitor.unreadCount(), 300);
        QTRY_VERIFY(!store.hasBackgroundWrites());
        QTest::qWait(50);
        QCOMPARE(monitor.unreadCount(), 300);
        QCOMPARE(monitor.unreadCount(u"work"_s), 300);

        // Another folder's messages leave the Inbox's count alone.
        const int signals = int(changed.count());
        QVERIFY(!store.upsertMessages(archiveId, messages.mid(0, 10)));
        QVERIFY(!store.changeFlags(archiveId, {1, 2}, MessageRecord::Seen, {}));
        QTest::qWait(50);
        QCOMPARE(changed.count(), signals);
        QCOMPARE(monitor.unreadCount(), 300);
    }

    void inboxFilledNewestFirstIsNotNewMail()
    {
        // A first synchronisation writes the newest messages first, then the older ones in
        // larger batches: none of it is news. A message above them all is, also for a monitor
        // started on the filled cache.
        QTemporaryDir dir;
        MessageStore store;
        const qint64 inboxId = openWithInbox(&store, dir.filePath(u"cache.sqlite"_s));
        QVERIFY(inboxId != 0);
        const auto unread = [](quint32 first, quint32 last) {
            QList<MessageRecord> messages;
            for (quint32 uid = first; uid <= last; ++uid) {
                MessageRecord m;
                m.uid = uid;
                m.subject = u"Message %1"_s.arg(uid);
                messages.append(m);
            }
            return messages;
        };
        NewMailMonitor monitor;
        monitor.addAccount(u"work"_s, u"Work"_s, &store);
        QSignalSpy news(&monitor, &NewMailMonitor::newMail);
        QVERIFY(!store.upsertMessages(inboxId, unread(951, 1000)));
        QVERIFY(!store.upsertMessages(inboxId, unread(451, 950)));
        QVERIFY(!store.upsertMessages(inboxId, unread(1, 450)));
        QCOMPARE(news.size(), 0);
        QCOMPARE(monitor.unreadCount(), 1000);

        QVERIFY(!store.upsertMessages(inboxId, unread(1001, 1001)));
        QCOMPARE(news.size(), 1);
        QCOMPARE(news.last().at(0).value<NewMailMonitor::NewMail>().subject, u"Message 1001"_s);

        NewMailMonitor restarted;
        restarted.addAccount(u"work"_s, u"Work"_s, &store);
        QSignalSpy later(&restarted, &NewMailMonitor::newMail);
        QVERIFY(!store.upsertMessages(inboxId, unread(1002, 1031)));
        QCOMPARE(later.size(), 1);
        QCOMPARE(later.last().at(0).value<NewMailMonitor::NewMail>().count, 30);
    }
};

QTEST_GUILESS_MAIN(TestNewMailMonitor)
#include "tst_newmailmonitor.moc"
