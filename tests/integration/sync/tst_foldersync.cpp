// Synchronises folders of the local Dovecot into a fresh cache and checks the cache against
// what Dovecot itself reports, before and after changes made behind the client's back.
#include "imap/imapconnection.h"
#include "mailstackinfo.h"
#include "models/messagelistmodel.h"
#include "net/ssltransport.h"
#include "store/messagestore.h"
#include "sync/foldersync.h"

#include <QAbstractItemModelTester>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUuid>

#include <algorithm>
#include <utility>

class TestFolderSync : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void firstSyncMatchesServer();
    void firstSyncShowsNewestFirst();
    void resyncSeesFlagsAndExpunges_data();
    void resyncSeesFlagsAndExpunges();
    void uidValidityChangeDropsCache();
    void bulkFirstSyncBuildsIndexesAtTheEnd();
    void stopDuringBulkSyncLeavesUsableCache();

private:
    bool open(bool enableExtensions = true);
    QString doveadm(const QStringList &arguments);
    QList<quint32> serverUids(const QString &folder);
    QString seedFolder(int count);
    MailError sync(const QString &folder, QByteArray *method = nullptr, int bulkWriteThreshold = 0,
                   bool *deferredMeanwhile = nullptr);
    QStringList indexes();
    qint64 folderId(const QString &path);

    MailStackInfo m_stack;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SslTransport> m_transport;
    std::unique_ptr<ImapConnection> m_connection;
    std::unique_ptr<MessageStore> m_store;
    const QString m_user = QStringLiteral("carol");
};

void TestFolderSync::initTestCase()
{
    m_stack = MailStackInfo::fromEnvironment();
    if (!m_stack.isValid())
        QFAIL(qPrintable(m_stack.error()));
}

void TestFolderSync::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<MessageStore>();
    QVERIFY(!m_store->open(m_dir->filePath(QStringLiteral("cache.sqlite"))));
}

void TestFolderSync::cleanup()
{
    m_connection.reset();
    m_transport.reset();
    m_store.reset();
}

bool TestFolderSync::open(bool enableExtensions)
{
    m_connection.reset();
    m_transport = std::make_unique<SslTransport>();
    m_transport->setCaCertificates(m_stack.caCertificates());
    m_transport->setPeerVerifyName(m_stack.tlsName());
    m_transport->setConnectTimeout(15000);
    m_connection = std::make_unique<ImapConnection>(m_transport.get());
    ImapConnectionSettings settings;
    settings.host = m_stack.host();
    settings.port = m_stack.imapTlsPort();
    settings.security = Security::ImplicitTls;
    settings.username = m_stack.address(m_user);
    settings.password = m_stack.password();
    settings.enableExtensions = enableExtensions;
    QSignalSpy ready(m_connection.get(), &ImapConnection::ready);
    QSignalSpy failed(m_connection.get(), &ImapConnection::failed);
    m_connection->open(settings);
    if (!QTest::qWaitFor([&] { return !ready.isEmpty() || !failed.isEmpty(); }, 20000))
        return false;
    if (!failed.isEmpty())
        qWarning() << failed.first().first().value<MailError>().toString();
    return !ready.isEmpty();
}

QString TestFolderSync::doveadm(const QStringList &arguments)
{
    return QString::fromUtf8(m_stack.doveadm(arguments));
}

QList<quint32> TestFolderSync::serverUids(const QString &folder)
{
    const QString out = doveadm({QStringLiteral("-f"), QStringLiteral("flow"),
                                 QStringLiteral("fetch"), QStringLiteral("-u"), m_user,
                                 QStringLiteral("uid"), QStringLiteral("mailbox"), folder,
                                 QStringLiteral("all")});
    QList<quint32> uids;
    for (const QString &line : out.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        uids.append(line.section(QLatin1Char('='), 1).trimmed().toUInt());
    std::sort(uids.begin(), uids.end());
    return uids;
}

QString TestFolderSync::seedFolder(int count)
{
    const QString folder = QStringLiteral("Sync")
                           + QUuid::createUuid().toString(QUuid::Id128).left(8);
    const QString error = m_stack.seed(m_user, folder, count);
    if (!error.isEmpty())
        qWarning() << error;
    return folder;
}

qint64 TestFolderSync::folderId(const QString &path)
{
    const StoreResult<FolderRecord> known = m_store->folderByPath(path);
    if (known)
        return known.value().id;
    FolderRecord folder;
    folder.path = path;
    folder.delimiter = QLatin1Char('/');
    const StoreResult<qint64> id = m_store->upsertFolder(folder);
    return id ? id.value() : 0;
}

MailError TestFolderSync::sync(const QString &folder, QByteArray *method, int bulkWriteThreshold,
                               bool *deferredMeanwhile)
{
    FolderSync sync(m_connection.get(), m_store.get(), folderId(folder));
    sync.setBatchSizes(20, 100);
    if (bulkWriteThreshold > 0)
        sync.setBulkWriteThreshold(bulkWriteThreshold);
    if (deferredMeanwhile) {
        *deferredMeanwhile = false;
        connect(&sync, &FolderSync::progress, this, [this, deferredMeanwhile] {
            *deferredMeanwhile = *deferredMeanwhile || m_store->listIndexesDeferred();
        });
    }
    QSignalSpy finished(&sync, &FolderSync::finished);
    sync.start();
    if (!QTest::qWaitFor([&] { return !finished.isEmpty(); }, 60000))
        return MailError(MailError::Kind::Network, QStringLiteral("sync timed out"));
    if (method)
        *method = sync.method();
    return finished.first().first().value<MailError>();
}

QStringList TestFolderSync::indexes()
{
    QSqlQuery query(QSqlDatabase::database(m_store->connectionName(), false));
    QStringList names;
    if (query.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'index'"))) {
        while (query.next())
            names.append(query.value(0).toString());
    }
    return names;
}

void TestFolderSync::firstSyncMatchesServer()
{
    const QString folder = seedFolder(600);
    const QList<quint32> expected = serverUids(folder);
    QCOMPARE(expected.size(), 600);
    QVERIFY(open());
    QByteArray method;
    const MailError error = sync(folder, &method);
    QVERIFY2(!error, qPrintable(error.toString()));
    QCOMPARE(method, QByteArray("full"));
    const qint64 id = folderId(folder);
    QCOMPARE(m_store->uids(id).value(), expected);
    const FolderRecord record = m_store->folder(id).value();
    QVERIFY(record.uidValidity != 0);
    QCOMPARE(record.exists, 600u);
    // Every row carries its envelope.
    const MessageRecord newest = m_store->message(id, expected.last()).value();
    QVERIFY(!newest.subject.isEmpty());
    QVERIFY(!newest.fromAddress.isEmpty());
    QVERIFY(newest.size > 0);
    QVERIFY(!newest.bodyStructure.isEmpty());
    // Unseen count as the server counts it.
    const QString unseen = doveadm({QStringLiteral("search"), QStringLiteral("-u"), m_user,
                                    QStringLiteral("mailbox"), folder, QStringLiteral("unseen")});
    QCOMPARE(m_store->unseenCount(id).value(),
             int(unseen.split(QLatin1Char('\n'), Qt::SkipEmptyParts).size()));
    // Threads need References, which ENVELOPE lacks: each message that has one has it cached,
    // as the server has it.
    const QStringList withReferences = doveadm({QStringLiteral("search"), QStringLiteral("-u"),
                                                m_user, QStringLiteral("mailbox"), folder,
                                                QStringLiteral("header"),
                                                QStringLiteral("references"), QString()})
                                               .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY(withReferences.size() > 10);
    int cached = 0;
    for (quint32 uid : expected)
        cached += m_store->message(id, uid).value().references.isEmpty() ? 0 : 1;
    QCOMPARE(cached, int(withReferences.size()));
    const quint32 reply = withReferences.last().section(QLatin1Char(' '), 1).toUInt();
    const QString header = doveadm({QStringLiteral("-f"), QStringLiteral("flow"),
                                    QStringLiteral("fetch"), QStringLiteral("-u"), m_user,
                                    QStringLiteral("hdr.references"), QStringLiteral("mailbox"),
                                    folder, QStringLiteral("uid"), QString::number(reply)});
    const QByteArray references = m_store->message(id, reply).value().references;
    QVERIFY2(!references.isEmpty() && header.simplified().endsWith(QString::fromLatin1(references)),
             qPrintable(header + QStringLiteral(" / ") + QString::fromLatin1(references)));
}

void TestFolderSync::firstSyncShowsNewestFirst()
{
    // Seeded dates grow with the UID: the newest messages are those with the highest UIDs.
    const QString folder = seedFolder(300);
    const QList<quint32> expected = serverUids(folder);
    QCOMPARE(expected.size(), 300);
    QVERIFY(open());
    const qint64 id = folderId(folder);
    FolderSync sync(m_connection.get(), m_store.get(), id);
    sync.setBatchSizes(20, 100);
    sync.setPipelineDepth(1);
    // At every step the cache holds the newest messages and only those, and a list opened on
    // the folder as the first rows arrive shows them, the newest on top.
    QList<qsizetype> cachedAtEachStep;
    QList<quint32> firstListed;
    QString misordered;
    connect(&sync, &FolderSync::progress, this, [&](qint64 done, qint64 total) {
        QCOMPARE_LE(done, total);
        const QList<quint32> cached = m_store->uids(id).value();
        if (cached != expected.mid(expected.size() - cached.size()))
            misordered = QStringLiteral("step %1 cached UIDs %2..%3, not the newest")
                                 .arg(cachedAtEachStep.size())
                                 .arg(cached.value(0))
                                 .arg(cached.value(cached.size() - 1));
        if (cachedAtEachStep.isEmpty()) {
            MessageListModel model(m_store.get());
            QAbstractItemModelTester tester(&model);
            model.setFolderId(id);
            for (int row = 0; row < model.rowCount(); ++row)
                firstListed.append(model.index(row, 0).data(MessageListModel::UidRole).toUInt());
        }
        cachedAtEachStep.append(cached.size());
    });
    QSignalSpy finished(&sync, &FolderSync::finished);
    sync.start();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 60000);
    QVERIFY2(!finished.first().first().value<MailError>(),
             qPrintable(finished.first().first().value<MailError>().toString()));
    QVERIFY2(misordered.isEmpty(), qPrintable(misordered));
    QVERIFY(cachedAtEachStep.size() >= 2);
    QCOMPARE(cachedAtEachStep.first(), 20);
    QCOMPARE(cachedAtEachStep.last(), 300);
    QList<quint32> newest20 = expected.mid(280);
    std::reverse(newest20.begin(), newest20.end());
    QCOMPARE(firstListed, newest20);
}

void TestFolderSync::resyncSeesFlagsAndExpunges_data()
{
    QTest::addColumn<bool>("extensions");
    QTest::addColumn<QByteArray>("method");
    QTest::newRow("qresync") << true << QByteArray("qresync");
    QTest::newRow("plain flags") << false << QByteArray("flags");
}

void TestFolderSync::resyncSeesFlagsAndExpunges()
{
    QFETCH(bool, extensions);
    QFETCH(QByteArray, method);
    const QString folder = seedFolder(120);
    QVERIFY(open(extensions));
    QVERIFY(!sync(folder));
    const qint64 id = folderId(folder);
    QList<quint32> uids = m_store->uids(id).value();
    QCOMPARE(uids.size(), 120);

    // Another client flags one message, expunges two and delivers new ones.
    const QString flagged = QString::number(uids.at(10));
    doveadm({QStringLiteral("flags"), QStringLiteral("add"), QStringLiteral("-u"), m_user,
             QStringLiteral("\\Flagged \\Seen"), QStringLiteral("mailbox"), folder,
             QStringLiteral("uid"), flagged});
    doveadm({QStringLiteral("expunge"), QStringLiteral("-u"), m_user, QStringLiteral("mailbox"),
             folder, QStringLiteral("uid"),
             QString::number(uids.at(3)) + QLatin1Char(',') + QString::number(uids.at(50))});
    QCOMPARE(m_stack.seed(m_user, folder, 5), QString());

    // A new session, as after a restart.
    QVERIFY(open(extensions));
    QByteArray used;
    const MailError error = sync(folder, &used);
    QVERIFY2(!error, qPrintable(error.toString()));
    QCOMPARE(used, method);
    QCOMPARE(m_store->uids(id).value(), serverUids(folder));
    QCOMPARE(m_store->uids(id).value().size(), 123);
    const MessageRecord changed = m_store->message(id, uids.at(10)).value();
    QVERIFY(changed.flags.testFlag(MessageRecord::Flagged));
    QVERIFY(changed.flags.testFlag(MessageRecord::Seen));
}

void TestFolderSync::uidValidityChangeDropsCache()
{
    const QString folder = seedFolder(30);
    QVERIFY(open());
    QVERIFY(!sync(folder));
    const qint64 id = folderId(folder);
    const quint32 oldValidity = m_store->folder(id).value().uidValidity;

    // Recreate the mailbox: same name, new UIDVALIDITY, other messages.
    doveadm({QStringLiteral("mailbox"), QStringLiteral("delete"), QStringLiteral("-u"), m_user,
             folder});
    QCOMPARE(m_stack.seed(m_user, folder, 7), QString());

    QVERIFY(open());
    QVERIFY(!sync(folder));
    QVERIFY(m_store->folder(id).value().uidValidity != oldValidity);
    QCOMPARE(m_store->uids(id).value(), serverUids(folder));
    QCOMPARE(m_store->uids(id).value().size(), 7);
}

void TestFolderSync::bulkFirstSyncBuildsIndexesAtTheEnd()
{
    const QString folder = seedFolder(400);
    QVERIFY(open());
    MessageQuery bySender;
    bySender.sortKey = MessageQuery::SortKey::Sender;
    QVERIFY(m_store->fetchMessages(bySender, 0, 1)); // a list was sorted by sender before
    QVERIFY(indexes().contains(QStringLiteral("messages_by_sender")));
    bool deferred = false;
    const MailError error = sync(folder, nullptr, 100, &deferred);
    QVERIFY2(!error, qPrintable(error.toString()));
    QVERIFY(deferred); // the rows went in without the list indexes
    QVERIFY(!m_store->listIndexesDeferred());
    // The index that existed is back; those of orders never used are still not made.
    const QStringList present = indexes();
    QVERIFY(present.contains(QStringLiteral("messages_by_sender")));
    QVERIFY(!present.contains(QStringLiteral("messages_by_size")));
    QVERIFY(!present.contains(QStringLiteral("messages_by_subject")));
    const qint64 id = folderId(folder);
    QCOMPARE(m_store->uids(id).value(), serverUids(folder));
    bySender.folderId = id;
    bySender.sortKey = MessageQuery::SortKey::Sender;
    QCOMPARE(m_store->fetchMessages(bySender, 0, 500).value().size(), 400);
    QVERIFY(!m_store->checkIntegrity());

    // A folder smaller than what the cache already holds is written with every index.
    const QString small = seedFolder(150);
    QVERIFY(!sync(small, nullptr, 100, &deferred));
    QVERIFY(!deferred);
}

void TestFolderSync::stopDuringBulkSyncLeavesUsableCache()
{
    const QString folder = seedFolder(500);
    const QList<quint32> expected = serverUids(folder);
    QVERIFY(open());
    const qint64 id = folderId(folder);
    const QString cache = m_dir->filePath(QStringLiteral("cache.sqlite"));
    const QString crashed = m_dir->filePath(QStringLiteral("crashed.sqlite"));
    {
        auto sync = std::make_unique<FolderSync>(m_connection.get(), m_store.get(), id);
        sync->setBatchSizes(20, 100);
        sync->setBulkWriteThreshold(100);
        // One batch on the wire at a time: the first batch's rows are written before the second
        // is even asked for, so the copy below holds some rows and not all.
        sync->setPipelineDepth(1);
        // When the first rows are written, the files are copied as a crash would leave them:
        // the database and its write-ahead log, indexes still dropped, no restore run. (An event
        // loop told to quit may still dispatch the rest of the synchronisation first.)
        bool firstRowsSeen = false;
        bool deferredAtFirstRows = false;
        bool copied = false;
        QEventLoop firstRows;
        connect(sync.get(), &FolderSync::progress, &firstRows, [&] {
            if (std::exchange(firstRowsSeen, true))
                return;
            deferredAtFirstRows = m_store->listIndexesDeferred();
            copied = QFile::copy(cache, crashed)
                     && QFile::copy(cache + QStringLiteral("-wal"),
                                    crashed + QStringLiteral("-wal"));
            firstRows.quit();
        });
        QTimer::singleShot(30000, &firstRows, &QEventLoop::quit);
        sync->start();
        firstRows.exec();
        QVERIFY(firstRowsSeen);
        QVERIFY(deferredAtFirstRows);
        QVERIFY(copied);
        sync.reset();
        m_connection.reset();
        m_store.reset();
    }
    m_store = std::make_unique<MessageStore>();
    const MailError openError = m_store->open(crashed);
    QVERIFY2(!openError, qPrintable(openError.toString()));
    QVERIFY(!m_store->checkIntegrity());
    const QList<quint32> partial = m_store->uids(id).value();
    QVERIFY(!partial.isEmpty());
    QVERIFY(partial.size() < expected.size());

    // The next synchronisation fetches the rest.
    QVERIFY(open());
    const MailError error = sync(folder, nullptr, 100);
    QVERIFY2(!error, qPrintable(error.toString()));
    QCOMPARE(m_store->uids(id).value(), expected);
    QVERIFY(!m_store->listIndexesDeferred());
    MessageQuery bySize;
    bySize.folderId = id;
    bySize.sortKey = MessageQuery::SortKey::Size;
    QCOMPARE(m_store->fetchMessages(bySize, 0, 1000).value().size(), expected.size());
    QVERIFY(indexes().contains(QStringLiteral("messages_by_size")));
    QVERIFY(!m_store->checkIntegrity());
}

QTEST_GUILESS_MAIN(TestFolderSync)
#include "tst_foldersync.moc"
