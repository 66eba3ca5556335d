// Folders created, renamed, deleted, subscribed and unsubscribed through the account's service
// against the local Dovecot: the server changes (doveadm tells), the cache follows (a renamed
// folder keeps its messages, a deleted one's leave), and what the server or the rules refuse
// comes back as an error for the user.
#include "accounts/memorysecretstore.h"
#include "mailstackinfo.h"
#include "models/foldertreemodel.h"
#include "models/messagelistmodel.h"
#include "service/accountservice.h"
#include "store/messagestore.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using Operation = FolderEditor::Operation;

class TestFolderOperations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void createsRenamesAndDeletes();
    void subscribesAndUnsubscribes();
    void renameOntoExistingNameIsRefusedByServer();
    void deletingFolderGoneFromServerReportsError();
    void rulesRefuseBeforeAnyCommand_data();
    void rulesRefuseBeforeAnyCommand();
    void offlineIsRefused();
    void deletingOpenFolderOpensInbox();
    void emptiesTrashAndJunk_data();
    void emptiesTrashAndJunk();
    void onlyTrashAndJunkAreEmptied();
    void emptyingRemovesWhatTheCacheNeverSaw();

private:
    bool connectService();
    // Waits for the next folderChanged(); its arguments.
    QList<QVariant> nextChange();
    QStringList serverFolders(bool subscribedOnly = false) const;
    qint64 idOf(const QString &path) const;
    QString unique(const QString &stem) const;

    MailStackInfo m_stack;
    std::unique_ptr<QTemporaryDir> m_dir;
    MemorySecretStore m_secrets;
    std::unique_ptr<AccountService> m_service;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    std::unique_ptr<QSignalSpy> m_changes;
    const QString m_user = QStringLiteral("carol");
};

void TestFolderOperations::initTestCase()
{
    m_stack = MailStackInfo::fromEnvironment();
    if (!m_stack.isValid())
        QFAIL(qPrintable(m_stack.error()));
}

void TestFolderOperations::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    Account a;
    a.setId(m_user + QUuid::createUuid().toString(QUuid::Id128).left(6));
    a.setDisplayName(m_user);
    a.setAddress(m_stack.address(m_user));
    a.setUserName(m_stack.address(m_user));
    a.setImapHost(m_stack.host());
    a.setImapPort(m_stack.imapTlsPort());
    a.setImapSecurity(Security::ImplicitTls);
    a.setCaFilePath(m_stack.caFile());
    m_secrets.writePassword(a.id(), m_stack.password(), this, [](const SecretStore::Reply &) {});
    m_service = std::make_unique<AccountService>(a, &m_secrets);
    QVERIFY(!m_service->openCache(m_dir->filePath(QStringLiteral("cache.sqlite"))));
    m_tester = std::make_unique<QAbstractItemModelTester>(m_service->folderModel());
    m_changes = std::make_unique<QSignalSpy>(m_service.get(), &AccountService::folderChanged);
}

void TestFolderOperations::cleanup()
{
    m_changes.reset();
    m_tester.reset();
    m_service.reset();
    m_dir.reset();
}

bool TestFolderOperations::connectService()
{
    QSignalSpy synced(m_service.get(), &AccountService::syncFinished);
    m_service->connectToServer();
    return QTest::qWaitFor([&] { return !synced.isEmpty(); }, 20000)
           && m_service->state() == AccountService::State::Online;
}

QList<QVariant> TestFolderOperations::nextChange()
{
    const qsizetype before = m_changes->size();
    if (!QTest::qWaitFor([&] { return m_changes->size() > before; }, 20000))
        return {};
    return m_changes->at(before);
}

QStringList TestFolderOperations::serverFolders(bool subscribedOnly) const
{
    QStringList arguments = {QStringLiteral("mailbox"), QStringLiteral("list")};
    if (subscribedOnly)
        arguments.append(QStringLiteral("-s"));
    arguments += {QStringLiteral("-u"), m_user};
    return QString::fromUtf8(m_stack.doveadm(arguments)).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

qint64 TestFolderOperations::idOf(const QString &path) const
{
    const StoreResult<FolderRecord> folder = m_service->store()->folderByPath(path);
    return folder ? folder.value().id : 0;
}

QString TestFolderOperations::unique(const QString &stem) const
{
    return stem + QUuid::createUuid().toString(QUuid::Id128).left(8);
}

void TestFolderOperations::createsRenamesAndDeletes()
{
    QVERIFY(connectService());
    const QString top = unique(QStringLiteral("Projects "));

    // At the top level.
    QVERIFY(!m_service->createFolder(0, top));
    QList<QVariant> change = nextChange();
    QCOMPARE(change.value(0).value<Operation>(), Operation::Create);
    QVERIFY2(!change.value(4).value<MailError>(),
             qPrintable(change.value(4).value<MailError>().toString()));
    QCOMPARE(change.value(2).toString(), top);
    QVERIFY(serverFolders().contains(top));
    QVERIFY(serverFolders(true).contains(top)); // a new folder is subscribed
    const qint64 topId = idOf(top);
    QVERIFY(topId != 0);
    QTRY_VERIFY(m_service->folderModel()->indexForPath(top).isValid());

    // Inside it, with the server's delimiter ("/").
    QVERIFY(!m_service->createFolder(topId, QStringLiteral("Plans")));
    change = nextChange();
    QVERIFY(!change.value(4).value<MailError>());
    const QString child = top + QStringLiteral("/Plans");
    QCOMPARE(change.value(2).toString(), child);
    QVERIFY(serverFolders().contains(child));
    QTRY_VERIFY(m_service->folderModel()->indexForPath(child).isValid());
    QCOMPARE(m_service->folderModel()->indexForPath(child).parent(),
             m_service->folderModel()->indexForPath(top));
    const qint64 childId = idOf(child);

    // Messages in the child, synchronised into the cache.
    m_stack.seed(m_user, child, 3);
    QSignalSpy synced(m_service.get(), &AccountService::syncFinished);
    m_service->openFolder(childId);
    QTRY_VERIFY_WITH_TIMEOUT(m_service->store()->messageCount(childId).value() == 3, 20000);

    // Renaming the parent takes the child along; the cached messages stay where they were.
    const QString renamed = unique(QStringLiteral("Renamed "));
    QVERIFY(!m_service->renameFolder(topId, renamed));
    change = nextChange();
    QCOMPARE(change.value(0).value<Operation>(), Operation::Rename);
    QVERIFY2(!change.value(4).value<MailError>(),
             qPrintable(change.value(4).value<MailError>().toString()));
    QCOMPARE(change.value(3).toString(), renamed);
    const QStringList afterRename = serverFolders();
    QVERIFY(afterRename.contains(renamed));
    QVERIFY(afterRename.contains(renamed + QStringLiteral("/Plans")));
    QVERIFY(!afterRename.contains(top));
    QCOMPARE(idOf(renamed), topId);
    QCOMPARE(idOf(renamed + QStringLiteral("/Plans")), childId);
    QCOMPARE(m_service->store()->messageCount(childId).value(), 3);
    QTRY_VERIFY(
            m_service->folderModel()->indexForPath(renamed + QStringLiteral("/Plans")).isValid());
    QVERIFY(!m_service->folderModel()->indexForPath(top).isValid());
    // And the renamed folder still synchronises (the listing after the rename found it).
    QTRY_VERIFY_WITH_TIMEOUT(idOf(renamed + QStringLiteral("/Plans")) == childId, 20000);

    // Deleting the child removes its cached messages; then the parent goes.
    QVERIFY(!m_service->deleteFolder(childId));
    change = nextChange();
    QCOMPARE(change.value(0).value<Operation>(), Operation::Delete);
    QVERIFY2(!change.value(4).value<MailError>(),
             qPrintable(change.value(4).value<MailError>().toString()));
    QVERIFY(!m_service->store()->folder(childId));
    QCOMPARE(m_service->store()->messageCount(childId).value(), 0);
    QVERIFY(!serverFolders().contains(renamed + QStringLiteral("/Plans")));
    QVERIFY(!m_service->deleteFolder(topId));
    change = nextChange();
    QVERIFY2(!change.value(4).value<MailError>(),
             qPrintable(change.value(4).value<MailError>().toString()));
    QVERIFY(!serverFolders().contains(renamed));
    QTRY_VERIFY(!m_service->folderModel()->indexForPath(renamed).isValid());
}

void TestFolderOperations::subscribesAndUnsubscribes()
{
    const QString name = unique(QStringLiteral("Lists "));
    m_stack.seed(m_user, name, 1); // created and subscribed
    QVERIFY(connectService());
    const qint64 id = idOf(name);
    QVERIFY(id != 0);
    QVERIFY(m_service->store()->folder(id).value().subscribed);
    const QModelIndex row = m_service->folderModel()->indexForFolderId(id);
    QVERIFY(row.data(FolderTreeModel::IsSubscribedRole).toBool());

    QVERIFY(!m_service->setFolderSubscribed(id, false));
    QList<QVariant> change = nextChange();
    QCOMPARE(change.value(0).value<Operation>(), Operation::Unsubscribe);
    QVERIFY(!change.value(4).value<MailError>());
    QVERIFY(!serverFolders(true).contains(name));
    QVERIFY(serverFolders().contains(name));
    QVERIFY(!m_service->store()->folder(id).value().subscribed);
    QTRY_VERIFY(!m_service->folderModel()
                         ->indexForFolderId(id)
                         .data(FolderTreeModel::IsSubscribedRole)
                         .toBool());

    QVERIFY(!m_service->setFolderSubscribed(id, true));
    change = nextChange();
    QCOMPARE(change.value(0).value<Operation>(), Operation::Subscribe);
    QVERIFY(!change.value(4).value<MailError>());
    QVERIFY(serverFolders(true).contains(name));
    QVERIFY(m_service->store()->folder(id).value().subscribed);

    QVERIFY(!m_service->deleteFolder(id));
    QVERIFY(!nextChange().value(4).value<MailError>());
}

void TestFolderOperations::renameOntoExistingNameIsRefusedByServer()
{
    const QString first = unique(QStringLiteral("First "));
    const QString second = unique(QStringLiteral("Second "));
    m_stack.seed(m_user, first, 2);
    m_stack.seed(m_user, second, 1);
    QVERIFY(connectService());
    const qint64 firstId = idOf(first);
    QVERIFY(firstId != 0);
    m_service->openFolder(firstId);
    QTRY_VERIFY_WITH_TIMEOUT(m_service->store()->messageCount(firstId).value() == 2, 20000);

    QVERIFY(!m_service->renameFolder(firstId, second));
    const QList<QVariant> change = nextChange();
    QCOMPARE(change.value(0).value<Operation>(), Operation::Rename);
    const MailError error = change.value(4).value<MailError>();
    QVERIFY(error);
    QCOMPARE(error.kind(), MailError::Kind::Protocol);
    QVERIFY2(error.message().contains(QStringLiteral("could not be renamed")),
             qPrintable(error.toString()));
    QVERIFY2(!error.serverText().isEmpty(), qPrintable(error.toString())); // Dovecot's reason
    // Nothing changed, on the server or in the cache.
    QCOMPARE(idOf(first), firstId);
    QCOMPARE(m_service->store()->messageCount(firstId).value(), 2);
    QVERIFY(serverFolders().contains(first));

    for (const QString &name : {first, second}) {
        QVERIFY(!m_service->deleteFolder(idOf(name)));
        const MailError removed = nextChange().value(4).value<MailError>();
        QVERIFY2(!removed, qPrintable(removed.toString()));
    }
}

void TestFolderOperations::deletingFolderGoneFromServerReportsError()
{
    const QString name = unique(QStringLiteral("Gone "));
    m_stack.seed(m_user, name, 1);
    QVERIFY(connectService());
    const qint64 id = idOf(name);
    QVERIFY(id != 0);
    // Another client deletes it; the cache still lists it.
    m_stack.doveadm({QStringLiteral("mailbox"), QStringLiteral("delete"), QStringLiteral("-u"),
                     m_user, name});
    QVERIFY(!serverFolders().contains(name));

    QVERIFY(!m_service->deleteFolder(id));
    const QList<QVariant> change = nextChange();
    QCOMPARE(change.value(0).value<Operation>(), Operation::Delete);
    const MailError error = change.value(4).value<MailError>();
    QVERIFY(error);
    QVERIFY2(error.message().contains(name), qPrintable(error.toString()));
    QVERIFY2(!error.serverText().isEmpty(), qPrintable(error.toString()));
    // The next listing drops it from the cache, as the server no longer has it.
    QTRY_VERIFY_WITH_TIMEOUT(idOf(name) == 0, 20000);
}

void TestFolderOperations::rulesRefuseBeforeAnyCommand_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected");
    QTest::newRow("delete inbox") << "delete"
                                  << "INBOX"
                                  << ""
                                  << "The Inbox cannot be deleted";
    QTest::newRow("rename inbox") << "rename"
                                  << "INBOX"
                                  << "Old"
                                  << "The Inbox cannot be renamed";
    QTest::newRow("delete trash") << "delete"
                                  << "Trash"
                                  << ""
                                  << "is the account's Trash folder and cannot be deleted";
    QTest::newRow("delete sent") << "delete"
                                 << "Sent"
                                 << ""
                                 << "is the account's Sent folder and cannot be deleted";
    QTest::newRow("rename junk") << "rename"
                                 << "Junk"
                                 << "Spam"
                                 << "is the account's Junk folder and cannot be renamed";
    QTest::newRow("create taken") << "create"
                                  << ""
                                  << "Archive"
                                  << "already exists";
    QTest::newRow("create empty") << "create"
                                  << ""
                                  << "  "
                                  << "needs a name";
    QTest::newRow("create delimiter") << "create"
                                      << ""
                                      << "a/b"
                                      << "cannot contain";
    QTest::newRow("rename delimiter") << "rename"
                                      << "%TEMP%"
                                      << "x/y"
                                      << "cannot contain";
}

void TestFolderOperations::rulesRefuseBeforeAnyCommand()
{
    QFETCH(QString, action);
    QFETCH(QString, path);
    QFETCH(QString, name);
    QFETCH(QString, expected);
    const QString temporary = unique(QStringLiteral("Temp "));
    if (path == QLatin1String("%TEMP%")) {
        m_stack.seed(m_user, temporary, 1);
        path = temporary;
    }
    QVERIFY(connectService());
    const QStringList before = serverFolders();
    const qint64 id = path.isEmpty() ? 0 : idOf(path);
    QVERIFY(path.isEmpty() || id != 0);
    MailError error;
    if (action == QLatin1String("delete"))
        error = m_service->deleteFolder(id);
    else if (action == QLatin1String("rename"))
        error = m_service->renameFolder(id, name);
    else
        error = m_service->createFolder(id, name);
    QVERIFY(error);
    QCOMPARE(error.kind(), MailError::Kind::Policy);
    QVERIFY2(error.message().contains(expected), qPrintable(error.message()));
    QTest::qWait(200); // nothing was sent: no result follows
    QVERIFY(m_changes->isEmpty());
    QCOMPARE(serverFolders(), before);
    if (path == temporary) {
        QVERIFY(!m_service->deleteFolder(id));
        QVERIFY(!nextChange().value(4).value<MailError>());
    }
}

void TestFolderOperations::offlineIsRefused()
{
    QVERIFY(connectService());
    const qint64 archive = idOf(QStringLiteral("Archive"));
    m_service->disconnectFromServer();
    const MailError error = m_service->createFolder(archive, QStringLiteral("Offline"));
    QVERIFY(error);
    QVERIFY(error.message().contains(QStringLiteral("connected")));
    QVERIFY(m_service->setFolderSubscribed(archive, false));
}

void TestFolderOperations::deletingOpenFolderOpensInbox()
{
    const QString name = unique(QStringLiteral("Open "));
    m_stack.seed(m_user, name, 2);
    QVERIFY(connectService());
    const qint64 id = idOf(name);
    QVERIFY(id != 0);
    m_service->openFolder(id);
    QTRY_VERIFY_WITH_TIMEOUT(m_service->store()->messageCount(id).value() == 2, 20000);
    QVERIFY(!m_service->deleteFolder(id));
    QVERIFY(!nextChange().value(4).value<MailError>());
    QCOMPARE(m_service->currentFolderId(), m_service->folderId(FolderRecord::SpecialUse::Inbox));
    QVERIFY(!serverFolders().contains(name));
    QVERIFY(!m_service->store()->folder(id));
}

void TestFolderOperations::emptiesTrashAndJunk_data()
{
    QTest::addColumn<QString>("folder");
    QTest::newRow("Trash") << "Trash";
    QTest::newRow("Junk") << "Junk";
}

void TestFolderOperations::emptiesTrashAndJunk()
{
    QFETCH(QString, folder);
    m_stack.seed(m_user, folder, 3);
    QVERIFY(connectService());
    const qint64 id = idOf(folder);
    QVERIFY(id != 0);
    m_service->openFolder(id);
    QTRY_VERIFY_WITH_TIMEOUT(m_service->store()->messageCount(id).value() >= 3, 20000);
    QTRY_VERIFY(m_service->messageModel()->rowCount() >= 3);
    const QStringList all = {QStringLiteral("search"),
                             QStringLiteral("-u"),
                             m_user,
                             QStringLiteral("mailbox"),
                             folder,
                             QStringLiteral("all")};
    QVERIFY(!QString::fromUtf8(m_stack.doveadm(all)).trimmed().isEmpty());

    QAbstractItemModelTester listTester(m_service->messageModel());
    QVERIFY(!m_service->emptyFolder(id));
    // At once in the cache and the list; then on the server.
    QCOMPARE(m_service->store()->messageCount(id).value(), 0);
    QTRY_COMPARE(m_service->messageModel()->rowCount(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(QString::fromUtf8(m_stack.doveadm(all)).trimmed().isEmpty(), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(m_service->pendingOperationCount(), 0, 20000);
}

void TestFolderOperations::onlyTrashAndJunkAreEmptied()
{
    QVERIFY(connectService());
    const qint64 inbox = m_service->folderId(FolderRecord::SpecialUse::Inbox);
    const int before = m_service->store()->messageCount(inbox).value();
    const MailError error = m_service->emptyFolder(inbox);
    QVERIFY(error);
    QCOMPARE(error.kind(), MailError::Kind::Policy);
    QCOMPARE(m_service->store()->messageCount(inbox).value(), before);
    QCOMPARE(m_service->pendingOperationCount(), 0);
}

void TestFolderOperations::emptyingRemovesWhatTheCacheNeverSaw()
{
    const QString folder = QStringLiteral("Junk");
    m_stack.seed(m_user, folder, 2);
    QVERIFY(connectService());
    const qint64 id = idOf(folder);
    m_service->openFolder(id);
    QTRY_VERIFY_WITH_TIMEOUT(m_service->store()->messageCount(id).value() >= 2, 20000);
    // Another folder on display; more arrives in Junk, which this cache does not synchronise.
    m_service->openFolder(m_service->folderId(FolderRecord::SpecialUse::Inbox));
    QTRY_COMPARE_WITH_TIMEOUT(m_service->currentFolderId(),
                              m_service->folderId(FolderRecord::SpecialUse::Inbox), 20000);
    const int cached = m_service->store()->messageCount(id).value();
    m_stack.seed(m_user, folder, 4);
    const QStringList count = {QStringLiteral("mailbox"),  QStringLiteral("status"),
                               QStringLiteral("-u"),       m_user,
                               QStringLiteral("messages"), folder};
    const int onServer = QString::fromUtf8(m_stack.doveadm(count))
                                 .section(QLatin1Char('='), 1)
                                 .trimmed()
                                 .toInt();
    QVERIFY2(onServer >= cached + 4, qPrintable(QString::number(onServer)));
    QCOMPARE(m_service->store()->messageCount(id).value(), cached);

    QVERIFY(!m_service->emptyFolder(id));
    QTRY_COMPARE_WITH_TIMEOUT(m_service->pendingOperationCount(), 0, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(QString::fromUtf8(m_stack.doveadm(count))
                                      .section(QLatin1Char('='), 1)
                                      .trimmed()
                                      .toInt(),
                              0, 20000);
}

QTEST_GUILESS_MAIN(TestFolderOperations)
#include "tst_folderoperations.moc"
