// The account layer against an IMAP server in the test process (FakeImapServer as the
// transport factory): changes keyed by folder and UID, the journal of changes made offline and
// its replay, Sent copies filed after a reconnect, undo of a move, and the password question.
#include "accounts/memorysecretstore.h"
#include "imap/imapconnection.h"
#include "models/messagelistmodel.h"
#include "service/accountservice.h"
#include "store/messagestore.h"

#include "fakeimapserver.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString accountId = QStringLiteral("acct1");

Account testAccount()
{
    Account account;
    account.setId(accountId);
    account.setDisplayName(QStringLiteral("Alice"));
    account.setAddress(QStringLiteral("alice@example.test"));
    account.setImapHost(QStringLiteral("imap.example.test"));
    account.setImapPort(993);
    account.setImapSecurity(Security::ImplicitTls);
    return account;
}

} // namespace

class TestAccountLayer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void offlineFlagsAndMovesReachTheServerAfterReconnect();
    void sentCopyMadeOfflineIsFiledAfterReconnect();
    void movesFromAFolderThatIsNotOpen();
    void deleteThenUndoRestoresOnTheServer();
    void keychainFailureAsksForThePassword();
    void senderWithoutAStoredPasswordAsks();
    void passwordIsStoredOnlyAfterASuccessfulLogin();

private:
    // A service over the fake server, online with the Inbox open and synchronised.
    bool startOnline();
    qint64 folder(FolderRecord::SpecialUse use) const { return m_service->folderId(use); }
    qint64 folderByPath(const QString &path) const
    {
        return m_service->store()->folderByPath(path).value().id;
    }
    bool cached(qint64 folderId, quint32 uid) const
    {
        return bool(m_service->store()->message(folderId, uid));
    }
    bool waitForState(AccountService::State state, int timeout = 15000)
    {
        return QTest::qWaitFor([&] { return m_service->state() == state; }, timeout);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeImapServer> m_server;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<AccountService> m_service;
    QList<quint32> m_inbox;
};

void TestAccountLayer::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_server = std::make_unique<FakeImapServer>();
    m_server->addMailbox("Archive", "\\Archive");
    m_server->addMailbox("Sent", "\\Sent");
    m_server->addMailbox("Trash", "\\Trash");
    m_inbox.clear();
    for (const char *subject : {"First", "Second", "Third"})
        m_inbox.append(m_server->addMessage("INBOX", subject));
    m_secrets = std::make_unique<MemorySecretStore>();
    m_service = std::make_unique<AccountService>(testAccount(), m_secrets.get(), m_server.get());
    QVERIFY(!m_service->openCache(m_dir->filePath(QStringLiteral("cache.sqlite"))));
}

void TestAccountLayer::cleanup()
{
    m_service.reset();
    m_secrets.reset();
    m_server.reset();
    m_dir.reset();
}

bool TestAccountLayer::startOnline()
{
    bool written = false;
    m_secrets->writePassword(accountId, QStringLiteral("secret"), this,
                             [&](const SecretStore::Reply &) { written = true; });
    if (!QTest::qWaitFor([&] { return written; }, 5000))
        return false;
    m_service->connectToServer();
    return QTest::qWaitFor(
            [&] {
                const qint64 inbox = folder(FolderRecord::SpecialUse::Inbox);
                return m_service->state() == AccountService::State::Online && inbox != 0
                       && m_service->currentFolderId() == inbox
                       && m_service->store()->messageCount(inbox).value() == 3
                       && m_service->connection()->isIdling();
            },
            15000);
}

void TestAccountLayer::offlineFlagsAndMovesReachTheServerAfterReconnect()
{
    QVERIFY(startOnline());
    const qint64 inbox = folder(FolderRecord::SpecialUse::Inbox);
    const qint64 archive = folderByPath(QStringLiteral("Archive"));
    QAbstractItemModelTester tester(m_service->messageModel());

    m_server->setReachable(false);
    QVERIFY(QTest::qWaitFor([&] { return m_service->state() != AccountService::State::Online; },
                            5000));

    // Offline: both show at once in the cache and wait in the journal.
    m_service->changeFlags(inbox, {m_inbox.at(0)}, MessageRecord::Flagged, {});
    m_service->moveMessages(inbox, {m_inbox.at(1)}, archive);
    QVERIFY(m_service->store()->message(inbox, m_inbox.at(0)).value().flags
            & MessageRecord::Flagged);
    QVERIFY(!cached(inbox, m_inbox.at(1)));
    QCOMPARE(m_service->messageModel()->rowCount(), 2);
    QCOMPARE(m_service->pendingOperationCount(), 2);
    QVERIFY(!m_server->flags("INBOX", m_inbox.at(0)).contains("\\Flagged"));
    QCOMPARE(m_server->uids("Archive").size(), 0);

    // Back online: replayed in order, then the journal is empty.
    m_server->setReachable(true);
    QTRY_VERIFY_WITH_TIMEOUT(m_server->flags("INBOX", m_inbox.at(0)).contains("\\Flagged"), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->uids("Archive").size(), 1, 20000);
    QVERIFY(!m_server->uids("INBOX").contains(m_inbox.at(1)));
    QTRY_COMPARE_WITH_TIMEOUT(m_service->pendingOperationCount(), 0, 5000);
    // The open folder is selected and watched again, and still shows the local result.
    QTRY_VERIFY_WITH_TIMEOUT(m_service->connection()->isIdling(), 10000);
    QCOMPARE(m_service->connection()->selectedMailbox(), QByteArray("INBOX"));
    QCOMPARE(m_service->messageModel()->rowCount(), 2);
}

void TestAccountLayer::sentCopyMadeOfflineIsFiledAfterReconnect()
{
    QVERIFY(startOnline());
    m_server->setReachable(false);
    QVERIFY(QTest::qWaitFor([&] { return m_service->state() != AccountService::State::Online; },
                            5000));

    const QByteArray message = "From: alice@example.test\r\nTo: bob@example.test\r\n"
                               "Subject: Sent while offline\r\n\r\nHello\r\n";
    MailError outcome(MailError::Kind::Cancelled, QStringLiteral("not called"));
    m_service->appendMessage(FolderRecord::SpecialUse::Sent, message, {QByteArrayLiteral("\\Seen")},
                             [&](const MailError &error) { outcome = error; });
    QVERIFY2(!outcome, qPrintable(outcome.toString()));
    QCOMPARE(m_service->pendingOperationCount(), 1);
    QCOMPARE(m_server->uids("Sent").size(), 0);

    // A restart in between loses nothing: a new service over the same cache has it too.
    m_service.reset();
    m_service = std::make_unique<AccountService>(testAccount(), m_secrets.get(), m_server.get());
    QVERIFY(!m_service->openCache(m_dir->filePath(QStringLiteral("cache.sqlite"))));
    QCOMPARE(m_service->pendingOperationCount(), 1);

    m_server->setReachable(true);
    m_service->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(m_server->uids("Sent").size(), 1, 15000);
    const FakeImapServer::Message filed = m_server->mailbox("Sent").messages.first();
    QCOMPARE(filed.raw, message);
    QVERIFY(filed.flags.contains("\\Seen"));
    QTRY_COMPARE_WITH_TIMEOUT(m_service->pendingOperationCount(), 0, 5000);
}

void TestAccountLayer::movesFromAFolderThatIsNotOpen()
{
    const quint32 archived = m_server->addMessage("Archive", "Old news");
    QVERIFY(startOnline());
    const qint64 inbox = folder(FolderRecord::SpecialUse::Inbox);
    const qint64 archive = folderByPath(QStringLiteral("Archive"));

    // The Inbox is open; the message is in Archive (as in a search result or All Inboxes).
    m_service->moveMessages(archive, {archived}, inbox);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->uids("Archive").size(), 0, 10000);
    QCOMPARE(m_server->uids("INBOX").size(), 4);
    QVERIFY(m_server->commands().contains("SELECT Archive"));
    // The Inbox is selected again and its list shows the message that arrived.
    QTRY_COMPARE_WITH_TIMEOUT(m_service->messageModel()->rowCount(), 4, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(m_service->connection()->isIdling(), 10000);
    QCOMPARE(m_service->connection()->selectedMailbox(), QByteArray("INBOX"));
}

void TestAccountLayer::deleteThenUndoRestoresOnTheServer()
{
    QVERIFY(startOnline());
    const qint64 inbox = folder(FolderRecord::SpecialUse::Inbox);
    QSignalSpy undoable(m_service.get(), &AccountService::undoAvailable);

    m_service->deleteMessages(inbox, {m_inbox.at(2)});
    QCOMPARE(m_service->messageModel()->rowCount(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->uids("Trash").size(), 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(undoable.size(), 1, 5000);
    QVERIFY(undoable.first().first().toString().contains(QStringLiteral("Trash")));
    QVERIFY(m_service->canUndo());

    m_service->undo();
    QVERIFY(!m_service->canUndo());
    QTRY_COMPARE_WITH_TIMEOUT(m_server->uids("Trash").size(), 0, 10000);
    QCOMPARE(m_server->uids("INBOX").size(), 3);
    const QByteArray subject = m_server->mailbox("INBOX").messages.last().raw;
    QVERIFY(subject.contains("Subject: Third"));
    QTRY_COMPARE_WITH_TIMEOUT(m_service->messageModel()->rowCount(), 3, 10000);
    // Going back is not itself offered for undoing.
    QCOMPARE(undoable.size(), 1);
    QVERIFY(!m_service->canUndo());
}

void TestAccountLayer::keychainFailureAsksForThePassword()
{
    m_secrets->setAvailable(false);
    QSignalSpy asked(m_service.get(), &AccountService::passwordRequested);
    m_service->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(asked.size(), 1, 5000);
    QCOMPARE(asked.first().at(0).value<AccountService::PasswordReason>(),
             AccountService::PasswordReason::StoreFailed);
    QVERIFY(!asked.first().at(1).toString().isEmpty());
    QVERIFY(m_service->isAwaitingPassword());
    QCOMPARE(m_server->connectionCount(), 0);
    // The sender asks meanwhile: it waits for the same answer, without a second question.
    QString waited;
    m_service->readPassword(this, [&](const QString &password) { waited = password; });

    m_service->answerPassword(QStringLiteral("secret"));
    QCOMPARE(waited, QStringLiteral("secret"));
    QVERIFY(waitForState(AccountService::State::Online));
    QCOMPARE(m_server->loginCount(), 1);
    // The sender and the Inbox watch get the same password without asking again.
    QString forSender;
    m_service->readPassword(this, [&](const QString &password) { forSender = password; });
    QTRY_COMPARE(forSender, QStringLiteral("secret"));
    QCOMPARE(asked.size(), 1);
}

void TestAccountLayer::senderWithoutAStoredPasswordAsks()
{
    // Nothing stored and IMAP not connected yet: sending asks, and gets the answer.
    QSignalSpy asked(m_service.get(), &AccountService::passwordRequested);
    QString delivered = QStringLiteral("none yet");
    m_service->readPassword(this, [&](const QString &password) { delivered = password; });
    QTRY_COMPARE_WITH_TIMEOUT(asked.size(), 1, 5000);
    QCOMPARE(asked.first().first().value<AccountService::PasswordReason>(),
             AccountService::PasswordReason::NoneStored);
    QCOMPARE(delivered, QStringLiteral("none yet"));
    m_service->answerPassword(QStringLiteral("secret"));
    QCOMPARE(delivered, QStringLiteral("secret"));
    QVERIFY(waitForState(AccountService::State::Online));
}

void TestAccountLayer::passwordIsStoredOnlyAfterASuccessfulLogin()
{
    QSignalSpy asked(m_service.get(), &AccountService::passwordRequested);
    m_service->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(asked.size(), 1, 5000);
    QCOMPARE(asked.at(0).at(0).value<AccountService::PasswordReason>(),
             AccountService::PasswordReason::NoneStored);

    m_service->answerPassword(QStringLiteral("wrong"));
    QTRY_COMPARE_WITH_TIMEOUT(asked.size(), 2, 5000);
    QCOMPARE(asked.at(1).at(0).value<AccountService::PasswordReason>(),
             AccountService::PasswordReason::Rejected);
    QVERIFY(asked.at(1).at(1).toString().contains(QStringLiteral("Authentication failed")));
    QVERIFY(!m_secrets->contains(accountId));

    m_service->answerPassword(QStringLiteral("secret"));
    QVERIFY(waitForState(AccountService::State::Online));
    QTRY_VERIFY(m_secrets->contains(accountId));
    QString stored;
    m_secrets->readPassword(accountId, this,
                            [&](const SecretStore::Reply &reply) { stored = reply.password; });
    QTRY_COMPARE(stored, QStringLiteral("secret"));
}

QTEST_GUILESS_MAIN(TestAccountLayer)
#include "tst_accountlayer.moc"
