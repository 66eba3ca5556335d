// Messages copied and moved from one account to another against the local Dovecot: the target
// gets each once, with its flags and internal date; a move takes it out of the source only
// after that; a refusal on either side leaves the message where it was, with an error; and a
// journal left by a process killed halfway is resumed without a duplicate.
#include "accounts/memorysecretstore.h"
#include "mailstackinfo.h"
#include "service/accountservice.h"
#include "service/crossaccounttransfer.h"
#include "store/messagestore.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

namespace {

// One message of a folder as doveadm tells it.
struct ServerMessage
{
    QString flags;
    QString received;
    QString messageId;
};

} // namespace

class TestCrossAccountTransfer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void movesKeepingFlagsAndDate();
    void copyLeavesTheSource();
    void copiesAWholeFolder();
    void targetRefusalKeepsTheMessage();
    void vanishedSourceMessageIsReported();
    void resumesJournalWithoutDuplicate_data();
    void resumesJournalWithoutDuplicate();
    void waitsForOfflineTarget();

private:
    std::unique_ptr<AccountService> makeService(const QString &user);
    bool connectService(AccountService *service);
    bool openFolder(AccountService *service, qint64 folderId);
    qint64 idOf(AccountService *service, const QString &path) const;
    QList<ServerMessage> serverMessages(const QString &user, const QString &folder) const;
    bool waitForIdle(CrossAccountTransfer *transfer, AccountService *source);
    std::unique_ptr<CrossAccountTransfer> makeTransfer();

    MailStackInfo m_stack;
    std::unique_ptr<QTemporaryDir> m_dir;
    MemorySecretStore m_secrets;
    std::unique_ptr<AccountService> m_alice;
    std::unique_ptr<AccountService> m_bob;
    QString m_source; // a folder of alice's, seeded
    QString m_target; // a folder of bob's, empty
};

void TestCrossAccountTransfer::initTestCase()
{
    m_stack = MailStackInfo::fromEnvironment();
    if (!m_stack.isValid())
        QFAIL(qPrintable(m_stack.error()));
}

std::unique_ptr<AccountService> TestCrossAccountTransfer::makeService(const QString &user)
{
    Account a;
    a.setId(user + QUuid::createUuid().toString(QUuid::Id128).left(6));
    a.setDisplayName(user);
    a.setAddress(m_stack.address(user));
    a.setUserName(m_stack.address(user));
    a.setImapHost(m_stack.host());
    a.setImapPort(m_stack.imapTlsPort());
    a.setImapSecurity(Security::ImplicitTls);
    a.setCaFilePath(m_stack.caFile());
    m_secrets.writePassword(a.id(), m_stack.password(), this, [](const SecretStore::Reply &) {});
    auto service = std::make_unique<AccountService>(a, &m_secrets);
    if (service->openCache(m_dir->filePath(a.id() + QStringLiteral(".sqlite"))))
        return {};
    return service;
}

void TestCrossAccountTransfer::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    const QString stem = QUuid::createUuid().toString(QUuid::Id128).left(8);
    m_source = QStringLiteral("Transfer Out ") + stem;
    m_target = QStringLiteral("Transfer In ") + stem;
    const QString seeded = m_stack.seed(QStringLiteral("alice"), m_source, 3);
    QVERIFY2(seeded.isEmpty(), qPrintable(seeded));
    QVERIFY(!m_stack.doveadm({QStringLiteral("mailbox"), QStringLiteral("create"),
                              QStringLiteral("-u"), QStringLiteral("bob"), m_target})
                     .isNull());
    // Flags and a keyword on the first message, to be kept.
    QVERIFY(!m_stack.doveadm({QStringLiteral("flags"), QStringLiteral("add"), QStringLiteral("-u"),
                              QStringLiteral("alice"), QStringLiteral("\\Flagged \\Seen $Label1"),
                              QStringLiteral("mailbox"), m_source, QStringLiteral("uid"),
                              QStringLiteral("1")})
                     .isNull());
    m_alice = makeService(QStringLiteral("alice"));
    m_bob = makeService(QStringLiteral("bob"));
    QVERIFY(m_alice && m_bob);
}

void TestCrossAccountTransfer::cleanup()
{
    m_alice.reset();
    m_bob.reset();
    m_dir.reset();
    if (!m_source.isEmpty()) {
        m_stack.doveadm({QStringLiteral("mailbox"), QStringLiteral("delete"), QStringLiteral("-u"),
                         QStringLiteral("alice"), m_source});
        m_stack.doveadm({QStringLiteral("mailbox"), QStringLiteral("delete"), QStringLiteral("-u"),
                         QStringLiteral("bob"), m_target});
    }
}

bool TestCrossAccountTransfer::connectService(AccountService *service)
{
    QSignalSpy synced(service, &AccountService::syncFinished);
    service->connectToServer();
    return QTest::qWaitFor([&] { return !synced.isEmpty(); }, 20000)
           && service->state() == AccountService::State::Online;
}

bool TestCrossAccountTransfer::openFolder(AccountService *service, qint64 folderId)
{
    QSignalSpy synced(service, &AccountService::syncFinished);
    service->openFolder(folderId);
    return QTest::qWaitFor(
            [&] {
                for (const QList<QVariant> &sync : synced) {
                    if (sync.value(0).toLongLong() == folderId)
                        return true;
                }
                return false;
            },
            20000);
}

qint64 TestCrossAccountTransfer::idOf(AccountService *service, const QString &path) const
{
    const StoreResult<FolderRecord> folder = service->store()->folderByPath(path);
    return folder ? folder.value().id : 0;
}

QList<ServerMessage> TestCrossAccountTransfer::serverMessages(const QString &user,
                                                              const QString &folder) const
{
    const QByteArray out = m_stack.doveadm({QStringLiteral("-f"), QStringLiteral("tab"),
                                            QStringLiteral("fetch"), QStringLiteral("-u"), user,
                                            QStringLiteral("flags date.received hdr.message-id"),
                                            QStringLiteral("mailbox"), folder});
    QList<ServerMessage> messages;
    const QList<QByteArray> lines = out.split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) { // the first line names the columns
        const QList<QByteArray> columns = lines.at(i).split('\t');
        if (columns.size() < 3)
            continue;
        // \Recent belongs to the session that saw the message first, not to the message.
        QString flags
                = QString::fromUtf8(columns.at(0)).remove(QStringLiteral("\\Recent")).simplified();
        messages.append(ServerMessage {flags, QString::fromUtf8(columns.at(1)).trimmed(),
                                       QString::fromUtf8(columns.at(2)).trimmed()});
    }
    return messages;
}

std::unique_ptr<CrossAccountTransfer> TestCrossAccountTransfer::makeTransfer()
{
    auto transfer = std::make_unique<CrossAccountTransfer>([this](const QString &id) {
        if (m_alice && m_alice->account().id() == id)
            return m_alice.get();
        if (m_bob && m_bob->account().id() == id)
            return m_bob.get();
        return static_cast<AccountService *>(nullptr);
    });
    transfer->addAccount(m_alice->account().id());
    transfer->addAccount(m_bob->account().id());
    return transfer;
}

bool TestCrossAccountTransfer::waitForIdle(CrossAccountTransfer *transfer, AccountService *source)
{
    return QTest::qWaitFor(
            [&] {
                return !transfer->isBusy() && source->pendingOperationCount() == 0
                       && source->store()->transfers().value().isEmpty();
            },
            30000);
}

void TestCrossAccountTransfer::movesKeepingFlagsAndDate()
{
    QVERIFY(connectService(m_alice.get()));
    QVERIFY(connectService(m_bob.get()));
    const qint64 source = idOf(m_alice.get(), m_source);
    const qint64 target = idOf(m_bob.get(), m_target);
    QVERIFY(source != 0 && target != 0);
    QVERIFY(openFolder(m_alice.get(), source));
    const QList<ServerMessage> before = serverMessages(QStringLiteral("alice"), m_source);
    QCOMPARE(before.size(), 3);
    QVERIFY(before.at(0).flags.contains(QStringLiteral("\\Flagged")));

    auto transfer = makeTransfer();
    QSignalSpy progress(transfer.get(), &CrossAccountTransfer::progress);
    QSignalSpy errors(transfer.get(), &CrossAccountTransfer::errorOccurred);
    QVERIFY(!transfer->transfer(m_alice->account().id(), source,
                                m_alice->store()->uids(source).value(), m_bob->account().id(),
                                target, true));
    // Written down before anything is sent.
    QCOMPARE(m_alice->store()->transfers().value().size(), 3);
    QVERIFY(waitForIdle(transfer.get(), m_alice.get()));
    QVERIFY2(errors.isEmpty(), qPrintable(errors.value(0).value(0).value<MailError>().toString()));

    const QList<ServerMessage> after = serverMessages(QStringLiteral("bob"), m_target);
    QCOMPARE(after.size(), 3);
    for (const ServerMessage &moved : before) {
        const auto found = std::find_if(after.cbegin(), after.cend(), [&](const ServerMessage &m) {
            return m.messageId == moved.messageId;
        });
        QVERIFY2(found != after.cend(), qPrintable(moved.messageId));
        QCOMPARE(found->flags, moved.flags);
        QCOMPARE(found->received, moved.received);
    }
    QTRY_COMPARE_WITH_TIMEOUT(serverMessages(QStringLiteral("alice"), m_source).size(), 0, 20000);
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last().value(0).toInt(), 3);
    QCOMPARE(progress.last().value(1).toInt(), 3);
}

void TestCrossAccountTransfer::copyLeavesTheSource()
{
    QVERIFY(connectService(m_alice.get()));
    QVERIFY(connectService(m_bob.get()));
    const qint64 source = idOf(m_alice.get(), m_source);
    const qint64 target = idOf(m_bob.get(), m_target);
    QVERIFY(openFolder(m_alice.get(), source));
    auto transfer = makeTransfer();
    QSignalSpy errors(transfer.get(), &CrossAccountTransfer::errorOccurred);
    QVERIFY(!transfer->transfer(m_alice->account().id(), source, {1, 2}, m_bob->account().id(),
                                target, false));
    QVERIFY(waitForIdle(transfer.get(), m_alice.get()));
    QVERIFY(errors.isEmpty());
    QCOMPARE(serverMessages(QStringLiteral("bob"), m_target).size(), 2);
    QCOMPARE(serverMessages(QStringLiteral("alice"), m_source).size(), 3);
}

void TestCrossAccountTransfer::copiesAWholeFolder()
{
    // Every row of a large list: the folder, its UIDs read on a worker before anything is
    // written down.
    QVERIFY(connectService(m_alice.get()));
    QVERIFY(connectService(m_bob.get()));
    const qint64 source = idOf(m_alice.get(), m_source);
    const qint64 target = idOf(m_bob.get(), m_target);
    QVERIFY(openFolder(m_alice.get(), source));
    auto transfer = makeTransfer();
    QSignalSpy errors(transfer.get(), &CrossAccountTransfer::errorOccurred);
    MessageGroup folder;
    folder.folderId = source;
    folder.wholeFolder = true;
    QVERIFY(!transfer->transfer(m_alice->account().id(), folder, m_bob->account().id(), target,
                                false));
    QVERIFY(m_alice->store()->transfers().value().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(serverMessages(QStringLiteral("bob"), m_target).size(), 3, 20000);
    QVERIFY(waitForIdle(transfer.get(), m_alice.get()));
    QVERIFY(errors.isEmpty());
    QCOMPARE(serverMessages(QStringLiteral("alice"), m_source).size(), 3);

    // A folder the target does not have is refused at once, as for a list of UIDs.
    QVERIFY(transfer->transfer(m_alice->account().id(), folder, m_bob->account().id(), target + 999,
                               false));
}

void TestCrossAccountTransfer::targetRefusalKeepsTheMessage()
{
    QVERIFY(connectService(m_alice.get()));
    QVERIFY(connectService(m_bob.get()));
    const qint64 source = idOf(m_alice.get(), m_source);
    const qint64 target = idOf(m_bob.get(), m_target);
    QVERIFY(openFolder(m_alice.get(), source));
    // The target folder goes from the server behind the cache's back: APPEND is refused.
    QVERIFY(!m_stack.doveadm({QStringLiteral("mailbox"), QStringLiteral("delete"),
                              QStringLiteral("-u"), QStringLiteral("bob"), m_target})
                     .isNull());
    auto transfer = makeTransfer();
    QSignalSpy errors(transfer.get(), &CrossAccountTransfer::errorOccurred);
    QVERIFY(!transfer->transfer(m_alice->account().id(), source, {2}, m_bob->account().id(), target,
                                true));
    QVERIFY(waitForIdle(transfer.get(), m_alice.get()));
    QCOMPARE(errors.size(), 1);
    const MailError error = errors.at(0).value(0).value<MailError>();
    QCOMPARE(error.kind(), MailError::Kind::Protocol);
    QVERIFY2(error.message().contains(m_source), qPrintable(error.message()));
    // Still in the source, on the server and in the cache.
    QCOMPARE(serverMessages(QStringLiteral("alice"), m_source).size(), 3);
    QVERIFY(m_alice->store()->message(source, 2));
}

void TestCrossAccountTransfer::vanishedSourceMessageIsReported()
{
    QVERIFY(connectService(m_alice.get()));
    QVERIFY(connectService(m_bob.get()));
    const qint64 source = idOf(m_alice.get(), m_source);
    const qint64 target = idOf(m_bob.get(), m_target);
    QVERIFY(openFolder(m_alice.get(), source));
    // Another program expunges the message before it is read (its body is not cached).
    QVERIFY(!m_stack.doveadm({QStringLiteral("expunge"), QStringLiteral("-u"),
                              QStringLiteral("alice"), QStringLiteral("mailbox"), m_source,
                              QStringLiteral("uid"), QStringLiteral("3")})
                     .isNull());
    auto transfer = makeTransfer();
    QSignalSpy errors(transfer.get(), &CrossAccountTransfer::errorOccurred);
    QVERIFY(!transfer->transfer(m_alice->account().id(), source, {3}, m_bob->account().id(), target,
                                true));
    QVERIFY(waitForIdle(transfer.get(), m_alice.get()));
    QCOMPARE(errors.size(), 1);
    QCOMPARE(serverMessages(QStringLiteral("bob"), m_target).size(), 0);
    QCOMPARE(serverMessages(QStringLiteral("alice"), m_source).size(), 2);
}

void TestCrossAccountTransfer::resumesJournalWithoutDuplicate_data()
{
    QTest::addColumn<bool>("alreadyStored");
    QTest::addColumn<int>("stage");
    // Killed after the APPEND reached the target, before the journal heard: found, not sent
    // again. Killed before: sent once. Killed after the journal heard: only the source's part.
    QTest::newRow("appending, stored") << true << int(TransferRecord::Stage::Appending);
    QTest::newRow("appending, not stored") << false << int(TransferRecord::Stage::Appending);
    QTest::newRow("appended") << true << int(TransferRecord::Stage::Appended);
    QTest::newRow("waiting") << false << int(TransferRecord::Stage::Waiting);
}

void TestCrossAccountTransfer::resumesJournalWithoutDuplicate()
{
    QFETCH(bool, alreadyStored);
    QFETCH(int, stage);
    QVERIFY(connectService(m_alice.get()));
    QVERIFY(connectService(m_bob.get()));
    const qint64 source = idOf(m_alice.get(), m_source);
    const qint64 target = idOf(m_bob.get(), m_target);
    QVERIFY(openFolder(m_alice.get(), source));
    const MessageRecord message = m_alice->store()->message(source, 1).value();
    QVERIFY(!message.messageId.isEmpty());
    if (alreadyStored) {
        auto copier = makeTransfer();
        QVERIFY(!copier->transfer(m_alice->account().id(), source, {1}, m_bob->account().id(),
                                  target, false));
        QVERIFY(waitForIdle(copier.get(), m_alice.get()));
        QCOMPARE(serverMessages(QStringLiteral("bob"), m_target).size(), 1);
    }
    // What a process killed meanwhile left in the journal.
    TransferRecord record;
    record.folderId = source;
    record.uid = 1;
    record.targetAccountId = m_bob->account().id();
    record.targetPath = m_target;
    record.move = true;
    record.stage = TransferRecord::Stage(stage);
    record.messageId = message.messageId;
    QVERIFY(m_alice->store()->addTransfers({record}));

    auto transfer = makeTransfer(); // as after a restart: reads the journal
    QSignalSpy errors(transfer.get(), &CrossAccountTransfer::errorOccurred);
    QVERIFY(waitForIdle(transfer.get(), m_alice.get()));
    QVERIFY(errors.isEmpty());
    const QList<ServerMessage> stored = serverMessages(QStringLiteral("bob"), m_target);
    QCOMPARE(stored.size(), 1);
    QCOMPARE(stored.at(0).messageId, QString::fromUtf8(message.messageId));
    QTRY_COMPARE_WITH_TIMEOUT(serverMessages(QStringLiteral("alice"), m_source).size(), 2, 20000);
}

void TestCrossAccountTransfer::waitsForOfflineTarget()
{
    QVERIFY(connectService(m_alice.get()));
    const qint64 source = idOf(m_alice.get(), m_source);
    QVERIFY(openFolder(m_alice.get(), source));
    // Bob's cache knows the folder, but bob is offline.
    QVERIFY(connectService(m_bob.get()));
    const qint64 target = idOf(m_bob.get(), m_target);
    m_bob->disconnectFromServer();
    QTRY_VERIFY(m_bob->state() != AccountService::State::Online);

    auto transfer = makeTransfer();
    QSignalSpy errors(transfer.get(), &CrossAccountTransfer::errorOccurred);
    QVERIFY(!transfer->transfer(m_alice->account().id(), source, {2}, m_bob->account().id(), target,
                                true));
    QTRY_COMPARE(transfer->remaining(), 1);
    QTest::qWait(200); // nothing moves while bob is away
    QCOMPARE(transfer->remaining(), 1);
    QCOMPARE(m_alice->store()->transfers().value().size(), 1);
    QCOMPARE(serverMessages(QStringLiteral("alice"), m_source).size(), 3);

    QVERIFY(connectService(m_bob.get()));
    QVERIFY(waitForIdle(transfer.get(), m_alice.get()));
    QVERIFY(errors.isEmpty());
    QCOMPARE(serverMessages(QStringLiteral("bob"), m_target).size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(serverMessages(QStringLiteral("alice"), m_source).size(), 2, 20000);
}

QTEST_GUILESS_MAIN(TestCrossAccountTransfer)
#include "tst_crossaccounttransfer.moc"
