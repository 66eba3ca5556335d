// FolderPush against a scripted server: NOTIFY where offered, STATUS polls elsewhere, and what
// each does to the folder records and folderChanged().
#include "imap/imapconnection.h"
#include "service/folderpush.h"
#include "store/messagestore.h"

#include "faketransport.h"
#include "scriptedserver.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

const QByteArray notifyCommand = "C: h2 NOTIFY SET (selected-delayed (MessageNew MessageExpunge "
                                 "FlagChange)) (personal (MessageNew MessageExpunge FlagChange))";

class Session
{
public:
    Session(const QByteArray &caps, const QList<QByteArray> &steps)
    {
        QList<QByteArray> script {"S: * OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] ready",
                                  "C: h1 AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==",
                                  "S: h1 OK [CAPABILITY IMAP4rev1 " + caps + "] Logged in"};
        script += steps;
        server = std::make_unique<ScriptedServer>(&transport, script);
        ImapConnectionSettings s;
        s.host = QStringLiteral("imap.example.test");
        s.port = 993;
        s.security = Security::ImplicitTls;
        s.username = QStringLiteral("alice");
        s.password = QStringLiteral("secret");
        connection.open(s);
    }

    FakeTransport transport;
    std::unique_ptr<ScriptedServer> server;
    ImapConnection connection {&transport};
};

} // namespace

class TestFolderPushScripted : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void notifyUpdatesCountsAndReportsChanges();
    void notifyRefusedFallsBackToPolling();
    void pollReportsOnlyWhatMoved();

private:
    qint64 addFolder(const QString &path, bool subscribed);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MessageStore> m_store;
};

void TestFolderPushScripted::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<MessageStore>();
    QVERIFY(!m_store->open(m_dir->filePath(QStringLiteral("cache.sqlite"))));
}

void TestFolderPushScripted::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

qint64 TestFolderPushScripted::addFolder(const QString &path, bool subscribed)
{
    FolderRecord folder;
    folder.path = path;
    folder.delimiter = QLatin1Char('/');
    folder.subscribed = subscribed;
    if (FolderRecord::isInboxPath(path))
        folder.specialUse = FolderRecord::SpecialUse::Inbox;
    const StoreResult<qint64> id = m_store->upsertFolder(folder);
    return id ? id.value() : 0;
}

void TestFolderPushScripted::notifyUpdatesCountsAndReportsChanges()
{
    addFolder(QStringLiteral("INBOX"), true);
    const qint64 archive = addFolder(QStringLiteral("Archive"), true);
    Session s("NOTIFY IDLE", {notifyCommand, "S: h2 OK NOTIFY completed",
                              "S: * STATUS Archive (MESSAGES 3 UIDNEXT 4 UIDVALIDITY 9 UNSEEN 2)",
                              "S: * STATUS Archive (UNSEEN 1)", "S: * STATUS Unknown (MESSAGES 1)"});
    QTRY_VERIFY(s.connection.isReady());
    FolderPush push(m_store.get());
    QSignalSpy changed(&push, &FolderPush::folderChanged);
    push.start(&s.connection);
    QTRY_COMPARE(push.mode(), FolderPush::Mode::Notify);
    QTRY_VERIFY2(s.server->isComplete(), qPrintable(s.server->status()));
    // Each report is a change of its folder; one of a folder not listed is dropped.
    QTRY_COMPARE(changed.size(), 2);
    QCOMPARE(changed.at(0).at(0).toLongLong(), archive);
    QCOMPARE(changed.at(1).at(0).toLongLong(), archive);
    const FolderRecord record = m_store->folder(archive).value();
    QCOMPARE(record.exists, 3u);
    QCOMPARE(record.unseen, 1u);
    // Only the counts: UIDNEXT stays what the last synchronisation left.
    QCOMPARE(record.uidNext, 0u);
}

void TestFolderPushScripted::notifyRefusedFallsBackToPolling()
{
    addFolder(QStringLiteral("INBOX"), true);
    Session s("NOTIFY IDLE", {notifyCommand, "S: h2 NO [BADEVENT (MessageNew)] Not supported"});
    QTRY_VERIFY(s.connection.isReady());
    FolderPush push(m_store.get());
    push.setPollInterval(3600 * 1000);
    push.start(&s.connection);
    QTRY_COMPARE(push.mode(), FolderPush::Mode::Polling);
    QVERIFY2(s.server->isComplete(), qPrintable(s.server->status()));
}

void TestFolderPushScripted::pollReportsOnlyWhatMoved()
{
    const qint64 inbox = addFolder(QStringLiteral("INBOX"), true);
    const qint64 archive = addFolder(QStringLiteral("Archive"), true);
    addFolder(QStringLiteral("Old"), false); // not subscribed: not asked about
    Session s("IDLE CONDSTORE",
              {// First look: differs from the (empty) record.
               "C: h2 STATUS Archive (MESSAGES UNSEEN UIDNEXT HIGHESTMODSEQ)",
               "S: * STATUS Archive (MESSAGES 3 UNSEEN 1 UIDNEXT 4 HIGHESTMODSEQ 10)",
               "S: h2 OK done",
               // Nothing moved.
               "C: h3 STATUS Archive (MESSAGES UNSEEN UIDNEXT HIGHESTMODSEQ)",
               "S: * STATUS Archive (MESSAGES 3 UNSEEN 1 UIDNEXT 4 HIGHESTMODSEQ 10)",
               "S: h3 OK done",
               // A flag changed: only HIGHESTMODSEQ and UNSEEN tell.
               "C: h4 STATUS Archive (MESSAGES UNSEEN UIDNEXT HIGHESTMODSEQ)",
               "S: * STATUS Archive (MESSAGES 3 UNSEEN 0 UIDNEXT 4 HIGHESTMODSEQ 11)",
               "S: h4 OK done"});
    QTRY_VERIFY(s.connection.isReady());
    FolderPush push(m_store.get());
    push.setPollInterval(3600 * 1000);
    push.setExcluded([inbox] { return QList<qint64> {inbox}; });
    QSignalSpy changed(&push, &FolderPush::folderChanged);
    push.start(&s.connection);
    QCOMPARE(push.mode(), FolderPush::Mode::Polling);

    push.poll();
    QTRY_COMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toLongLong(), archive);
    QCOMPARE(m_store->folder(archive).value().exists, 3u);
    QCOMPARE(m_store->folder(archive).value().unseen, 1u);

    QTRY_COMPARE(s.server->position(), 6); // the first round completed
    push.poll();
    QTRY_COMPARE(s.server->position(), 9);

    push.poll();
    QTRY_VERIFY2(s.server->isComplete(), qPrintable(s.server->status()));
    // Two reports in three rounds: the second round, where nothing moved, made none.
    QTRY_COMPARE(changed.size(), 2);
    QCOMPARE(changed.at(1).at(0).toLongLong(), archive);
    QCOMPARE(m_store->folder(archive).value().unseen, 0u);
    QVERIFY2(s.server->isComplete(), qPrintable(s.server->status()));
}

QTEST_GUILESS_MAIN(TestFolderPushScripted)
#include "tst_folderpushscripted.moc"
