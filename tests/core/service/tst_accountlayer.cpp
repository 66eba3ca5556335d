// The account layer against an IMAP server in the test process (FakeImapServer as the
// transport factory): changes keyed by folder and UID, the journal of changes made offline and
// its replay, Sent copies filed after a reconnect, undo of a move, the password question, and
// reading messages of any folder (the connection selecting the message's folder) or offline.
#include "accounts/memorysecretstore.h"
#include "imap/imapconnection.h"
#include "mime/mimepart.h"
#include "models/messagelistmodel.h"
#include "service/accountendpoints.h"
#include "service/accountservice.h"
#include "service/serverconnectiontester.h"
#include "store/messagestore.h"

#include "fakeimapserver.h"
#include "oauth/oauth2tokenmanager.h"
#include "oauthtestserver.h"

#include <QAbstractItemModelTester>
#include <QNetworkAccessManager>
#include <QNetworkReply>
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
    void sentCopyRecreatesAFolderTheServerLost();
    void deleteThenUndoRestoresOnTheServer();
    void keychainFailureAsksForThePassword();
    void senderWithoutAStoredPasswordAsks();
    void passwordIsStoredOnlyAfterASuccessfulLogin();
    void connectionTestOfAnExistingAccountUsesItsStoredPassword();
    void readsAMessageOfAFolderThatIsNotOpen();
    void readAskedForDuringTheSynchronisationWaitsForIt();
    void offlineReadsComeFromTheCache();
    void readAndMarkReadInAnotherFolderTogether();
    void oauthSignInInTheBrowserThenRefreshAfterARefusal();
    void oauthRevokedAccessAsksToSignInAgain();
    void chosenAuthenticationReachesTheServer_data();
    void chosenAuthenticationReachesTheServer();
    void submissionWithItsOwnLogin();
    void submissionOwnPasswordIsAskedForAndStored();
    void markFolderReadMarksEveryMessageOnTheServer();
    void wholeFolderChangesKeepTheirOrder();
    void refusedChangeComesBackInTheList_data();
    void refusedChangeComesBackInTheList();
    void messageThatCannotBeStoredIsSkippedWithANote();
    void findsACachedMessageByItsMessageIdInboxFirst();

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

    // What the reader shows of a message, or the error; the Subject and the text of the body.
    struct Shown
    {
        bool ok = false;
        QString subject;
        QString text;
        QString error;
    };
    Shown show(qint64 folderId, quint32 uid);

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

void TestAccountLayer::sentCopyRecreatesAFolderTheServerLost()
{
    QVERIFY(startOnline());
    // Another client deleted Sent after it was listed here.
    m_server->removeMailbox("Sent");
    const QByteArray message = "Subject: Kept\r\n\r\nHello\r\n";
    m_service->appendMessage(FolderRecord::SpecialUse::Sent, message, {QByteArrayLiteral("\\Seen")});
    QTRY_COMPARE_WITH_TIMEOUT(m_server->uids("Sent").size(), 1, 10000);
    QCOMPARE(m_server->mailbox("Sent").messages.first().raw, message);
    QVERIFY(m_server->commands().contains("CREATE Sent"));
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

TestAccountLayer::Shown TestAccountLayer::show(qint64 folderId, quint32 uid)
{
    Shown result;
    bool done = false;
    QObject context;
    connect(m_service.get(), &AccountService::messagePartsFetched, &context,
            [&](qint64 folder, quint32 fetchedUid, const MimePart &message) {
                if (folder != folderId || fetchedUid != uid || done)
                    return;
                done = result.ok = true;
                result.subject = message.decodedHeader("Subject");
                result.text = message.text();
            });
    connect(m_service.get(), &AccountService::messageFetchFailed, &context,
            [&](qint64 folder, quint32 failedUid, const MailError &error) {
                if (folder != folderId || failedUid != uid || done)
                    return;
                done = true;
                result.error = error.toString();
            });
    m_service->fetchDisplayParts(folderId, uid);
    if (!QTest::qWaitFor([&] { return done; }, 15000))
        result.error = QStringLiteral("no answer");
    return result;
}

void TestAccountLayer::readsAMessageOfAFolderThatIsNotOpen()
{
    // Archive's first message has the UID of the Inbox's first: only the folder tells them apart.
    const quint32 archived = m_server->addMessage("Archive", "Old news");
    QCOMPARE(archived, m_inbox.at(0));
    QVERIFY(startOnline());
    const qint64 inbox = folder(FolderRecord::SpecialUse::Inbox);
    const qint64 archive = folderByPath(QStringLiteral("Archive"));
    QVERIFY(!cached(archive, archived)); // Archive was never synchronised

    // As from a search result or All Inboxes: the message, whole, and one section of it.
    QSignalSpy whole(m_service.get(), &AccountService::messageFetched);
    QSignalSpy part(m_service.get(), &AccountService::partFetched);
    QSignalSpy partFailed(m_service.get(), &AccountService::partFetchFailed);
    m_service->fetchMessage(archive, archived);
    m_service->fetchPart(archive, archived, QByteArrayLiteral("1"));
    const Shown shown = show(archive, archived);
    QVERIFY2(shown.ok, qPrintable(shown.error));
    QCOMPARE(shown.subject, QStringLiteral("Old news"));
    QVERIFY2(shown.text.contains(QStringLiteral("Body of Old news")), qPrintable(shown.text));
    QTRY_COMPARE_WITH_TIMEOUT(whole.size(), 1, 10000);
    QCOMPARE(whole.first().at(0).toLongLong(), archive);
    QVERIFY(whole.first().at(2).value<MessageSource>().readAll().contains("Subject: Old news\r\n"));
    QTRY_COMPARE_WITH_TIMEOUT(part.size() + partFailed.size(), 1, 10000);
    QCOMPARE(part.size(), 1);
    QCOMPARE(part.first().at(3).toByteArray(), QByteArray("Body of Old news\r\n"));
    // The three reads shared one selection of Archive.
    QCOMPARE(m_server->commands().count("SELECT Archive"), 1);

    // Afterwards the open folder is selected and watched again.
    QTRY_VERIFY_WITH_TIMEOUT(m_service->connection()->isIdling()
                                     && m_service->connection()->selectedMailbox() == "INBOX",
                             10000);
    QCOMPARE(m_service->currentFolderId(), inbox);
    // And the Inbox's message of the same UID is the Inbox's.
    const Shown first = show(inbox, m_inbox.at(0));
    QVERIFY2(first.ok, qPrintable(first.error));
    QCOMPARE(first.subject, QStringLiteral("First"));
    QCOMPARE(m_service->store()->bodyPart(archive, archived, QByteArrayLiteral("")).value().data,
             m_server->mailbox("Archive").messages.first().raw);
    QTRY_VERIFY_WITH_TIMEOUT(m_service->connection()->isIdling(), 10000);
    QCOMPARE(m_service->connection()->selectedMailbox(), QByteArray("INBOX"));
}

void TestAccountLayer::readAskedForDuringTheSynchronisationWaitsForIt()
{
    const quint32 archived = m_server->addMessage("Archive", "Old news");
    QVERIFY(startOnline());
    const qint64 inbox = folder(FolderRecord::SpecialUse::Inbox);
    const qint64 archive = folderByPath(QStringLiteral("Archive"));
    QSignalSpy synced(m_service.get(), &AccountService::syncFinished);
    QSignalSpy shown(m_service.get(), &AccountService::messagePartsFetched);
    QSignalSpy failed(m_service.get(), &AccountService::messageFetchFailed);

    // The Inbox's synchronisation has just sent its SELECT when both reads are asked for.
    bool asked = false;
    qsizetype syncedBeforeArchive = -1;
    connect(m_server.get(), &FakeImapServer::commandReceived, this, [&](const QByteArray &command) {
        if (command == "SELECT INBOX" && !asked) {
            asked = true;
            m_service->fetchDisplayParts(archive, archived);
            m_service->fetchDisplayParts(inbox, m_inbox.at(1));
        } else if (command == "SELECT Archive" && syncedBeforeArchive < 0) {
            syncedBeforeArchive = synced.size();
        }
    });
    m_service->refresh();
    QTRY_COMPARE_WITH_TIMEOUT(shown.size() + failed.size(), 2, 15000);
    QVERIFY(asked);
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(2).value<MailError>().toString()));
    for (const QList<QVariant> &result : std::as_const(shown)) {
        const QString subject = result.at(2).value<MimePart>().decodedHeader("Subject");
        if (result.at(0).toLongLong() == archive)
            QCOMPARE(subject, QStringLiteral("Old news"));
        else
            QCOMPARE(subject, QStringLiteral("Second"));
    }
    // Archive was selected once the synchronisation was over, not in its middle.
    QVERIFY(syncedBeforeArchive >= 1);
    QTRY_VERIFY_WITH_TIMEOUT(m_service->connection()->isIdling()
                                     && m_service->connection()->selectedMailbox() == "INBOX",
                             10000);
}

void TestAccountLayer::offlineReadsComeFromTheCache()
{
    const quint32 archived = m_server->addMessage("Archive", "Old news");
    QVERIFY(startOnline());
    const qint64 inbox = folder(FolderRecord::SpecialUse::Inbox);
    const qint64 archive = folderByPath(QStringLiteral("Archive"));
    // Archive's list is cached (it was open once); its message is read while the Inbox is open.
    m_service->openFolder(archive);
    QTRY_VERIFY_WITH_TIMEOUT(cached(archive, archived), 10000);
    m_service->openFolder(inbox);
    QTRY_VERIFY_WITH_TIMEOUT(m_service->connection()->isIdling()
                                     && m_service->connection()->selectedMailbox() == "INBOX",
                             10000);
    const Shown online = show(archive, archived);
    QVERIFY2(online.ok, qPrintable(online.error));

    m_server->setReachable(false);
    QVERIFY(QTest::qWaitFor([&] { return m_service->state() != AccountService::State::Online; },
                            5000));
    const QList<QByteArray> before = m_server->commands();
    const Shown cachedRead = show(archive, archived);
    QVERIFY2(cachedRead.ok, qPrintable(cachedRead.error));
    QCOMPARE(cachedRead.subject, QStringLiteral("Old news"));
    QVERIFY(cachedRead.text.contains(QStringLiteral("Body of Old news")));

    // The Inbox's third message was listed but never read: its body is not cached.
    const Shown uncached = show(inbox, m_inbox.at(2));
    QVERIFY(!uncached.ok);
    QVERIFY2(uncached.error.contains(QStringLiteral("offline")), qPrintable(uncached.error));
    QSignalSpy wholeFailed(m_service.get(), &AccountService::messageFetchFailed);
    m_service->fetchMessage(archive, archived);
    QTRY_COMPARE(wholeFailed.size(), 1);
    QVERIFY(wholeFailed.first().at(2).value<MailError>().toString().contains(
            QStringLiteral("offline")));
    QCOMPARE(m_server->commands(), before);
}

void TestAccountLayer::readAndMarkReadInAnotherFolderTogether()
{
    // What the reader does when a row of All Inboxes or of a search is selected: the message is
    // shown and marked read at once, both in its folder, while the Inbox is open.
    const quint32 archived = m_server->addMessage("Archive", "Old news");
    QVERIFY(startOnline());
    const qint64 archive = folderByPath(QStringLiteral("Archive"));
    QSignalSpy shown(m_service.get(), &AccountService::messagePartsFetched);
    QSignalSpy failed(m_service.get(), &AccountService::messageFetchFailed);
    m_service->fetchDisplayParts(archive, archived);
    m_service->changeFlags(archive, {archived}, MessageRecord::Seen, {});
    m_service->fetchDisplayParts(archive, archived);
    QTRY_COMPARE_WITH_TIMEOUT(shown.size() + failed.size(), 2, 10000);
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(2).value<MailError>().toString()));
    for (const QList<QVariant> &result : std::as_const(shown))
        QCOMPARE(result.at(2).value<MimePart>().decodedHeader("Subject"),
                 QStringLiteral("Old news"));
    QTRY_VERIFY_WITH_TIMEOUT(m_server->flags("Archive", archived).contains("\\Seen"), 10000);
    QVERIFY(!m_server->flags("INBOX", m_inbox.at(0)).contains("\\Seen"));
    QTRY_COMPARE_WITH_TIMEOUT(m_service->pendingOperationCount(), 0, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(m_service->connection()->isIdling()
                                     && m_service->connection()->selectedMailbox() == "INBOX",
                             10000);
}

void TestAccountLayer::markFolderReadMarksEveryMessageOnTheServer()
{
    QVERIFY(startOnline());
    const qint64 inbox = folder(FolderRecord::SpecialUse::Inbox);
    for (quint32 uid : std::as_const(m_inbox))
        QVERIFY(!m_server->flags("INBOX", uid).contains("\\Seen"));
    QSignalSpy progress(m_service.get(), &AccountService::changesProgress);
    m_service->markFolderRead(inbox);
    // In the cache once a worker has read the folder's UIDs, then on the server.
    for (quint32 uid : std::as_const(m_inbox))
        QTRY_VERIFY(m_service->store()->message(inbox, uid).value().flags & MessageRecord::Seen);
    for (quint32 uid : std::as_const(m_inbox))
        QTRY_VERIFY_WITH_TIMEOUT(m_server->flags("INBOX", uid).contains("\\Seen"), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(m_service->pendingOperationCount(), 0, 5000);
    // The status bar's progress: what the server is doing, then nothing once it is done.
    QTRY_VERIFY_WITH_TIMEOUT(!progress.isEmpty() && progress.last().at(0).toString().isEmpty(),
                             5000);
    QVERIFY(progress.first().at(0).toString().startsWith(
            QStringLiteral("Changing the flags of 3 message")));
    QCOMPARE(progress.first().at(1).toInt(), 0);
    QCOMPARE(progress.first().at(2).toInt(), 1);
    QCOMPARE(progress.last().at(1).toInt(), 1);
}

void TestAccountLayer::wholeFolderChangesKeepTheirOrder()
{
    QVERIFY(startOnline());
    const qint64 inbox = folder(FolderRecord::SpecialUse::Inbox);
    MessageGroup whole;
    whole.folderId = inbox;
    whole.wholeFolder = true;
    const auto seen = [&](quint32 uid) {
        return bool(m_service->store()->message(inbox, uid).value().flags & MessageRecord::Seen);
    };
    // Select All, Mark as Read, then one of them back to unread before the worker answered:
    // the second change waits for the first.
    m_service->changeFlags(whole, MessageRecord::Seen, {});
    m_service->changeFlags(inbox, {m_inbox.at(1)}, {}, MessageRecord::Seen);
    QVERIFY(!seen(m_inbox.at(0)));
    QTRY_VERIFY(seen(m_inbox.at(0)) && seen(m_inbox.at(2)));
    QVERIFY(!seen(m_inbox.at(1)));
    QTRY_COMPARE_WITH_TIMEOUT(m_service->pendingOperationCount(), 0, 10000);
    QVERIFY(m_server->flags("INBOX", m_inbox.at(0)).contains("\\Seen"));
    QVERIFY(!m_server->flags("INBOX", m_inbox.at(1)).contains("\\Seen"));
    QVERIFY(m_server->flags("INBOX", m_inbox.at(2)).contains("\\Seen"));
    // One command for the folder's contiguous UIDs.
    const QByteArray all = QByteArray::number(m_inbox.first()) + ':'
                           + QByteArray::number(m_inbox.last());
    QVERIFY(m_server->commands().contains("UID STORE " + all + " +FLAGS.SILENT (\\Seen)"));

    // Select All, Delete: every message to Trash in one command.
    m_service->deleteMessages(whole);
    QTRY_COMPARE(m_service->store()->messageCount(inbox).value(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(m_service->pendingOperationCount(), 0, 10000);
    QVERIFY(m_server->uids("INBOX").isEmpty());
    QCOMPARE(m_server->uids("Trash").size(), 3);
    QVERIFY(m_server->commands().contains("UID MOVE " + all + " Trash"));
}

void TestAccountLayer::refusedChangeComesBackInTheList_data()
{
    QTest::addColumn<QByteArray>("refused");
    QTest::newRow("flag") << QByteArray("UID STORE");
    QTest::newRow("move") << QByteArray("UID MOVE");
    QTest::newRow("delete") << QByteArray("UID MOVE"); // into Trash
}

void TestAccountLayer::refusedChangeComesBackInTheList()
{
    QFETCH(QByteArray, refused);
    QVERIFY(startOnline());
    const qint64 inbox = folder(FolderRecord::SpecialUse::Inbox);
    const qint64 archive = folderByPath(QStringLiteral("Archive"));
    MessageListModel *list = m_service->messageModel();
    QAbstractItemModelTester tester(list);
    QCOMPARE(list->rowCount(), 3);
    const auto flaggedRows = [list] {
        int flagged = 0;
        for (int row = 0; row < list->rowCount(); ++row)
            flagged += list->index(row, 0).data(MessageListModel::IsFlaggedRole).toBool();
        return flagged;
    };
    QSignalSpy errors(m_service.get(), &AccountService::errorOccurred);
    m_server->setRefused({refused});

    // The whole list at once: the rows change or leave before the server has answered.
    const QString tag = QString::fromLatin1(QTest::currentDataTag());
    if (tag == QLatin1String("flag")) {
        m_service->changeFlags(inbox, m_inbox, MessageRecord::Flagged, {});
        QCOMPARE(flaggedRows(), 3);
    } else if (tag == QLatin1String("move")) {
        m_service->moveMessages(inbox, m_inbox, archive);
        QCOMPARE(list->rowCount(), 0);
    } else {
        m_service->deleteMessages(inbox, m_inbox);
        QCOMPARE(list->rowCount(), 0);
    }

    // The server says no: the error is told and the list is as the server has it again.
    QTRY_VERIFY_WITH_TIMEOUT(!errors.isEmpty(), 10000);
    QVERIFY(errors.first().first().value<MailError>().serverText().contains("Refused"));
    QTRY_COMPARE_WITH_TIMEOUT(m_service->pendingOperationCount(), 0, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(list->rowCount(), 3, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(flaggedRows(), 0, 10000);
    for (quint32 uid : std::as_const(m_inbox)) {
        QVERIFY(cached(inbox, uid));
        QVERIFY(!(m_service->store()->message(inbox, uid).value().flags & MessageRecord::Flagged));
        QVERIFY(!m_server->flags("INBOX", uid).contains("\\Flagged"));
    }
    QCOMPARE(m_server->uids("INBOX"), m_inbox);
}

void TestAccountLayer::connectionTestOfAnExistingAccountUsesItsStoredPassword()
{
    qRegisterMetaType<ConnectionTestResult>();
    bool written = false;
    m_secrets->writePassword(accountId, QStringLiteral("secret"), this,
                             [&](const SecretStore::Reply &) { written = true; });
    QTRY_VERIFY(written);
    ServerConnectionTester tester;
    tester.setTransportFactory(m_server.get());
    tester.setSecretStore(m_secrets.get());
    tester.setTimeout(3000);
    auto imapOutcome = [&](const QString &password) {
        QSignalSpy results(&tester, &ConnectionTester::serverFinished);
        QSignalSpy finished(&tester, &ConnectionTester::finished);
        tester.start(testAccount(), password);
        if (!finished.wait(10000) || results.isEmpty())
            return ConnectionTestResult::Outcome::Cancelled;
        return results.first().first().value<ConnectionTestResult>().outcome;
    };
    // The account dialog leaves the field empty ("unchanged"): the stored password is tested.
    QCOMPARE(imapOutcome(QString()), ConnectionTestResult::Outcome::Success);
    QCOMPARE(m_server->loginCount(), 1);
    // A password typed into the field is the one tested.
    QCOMPARE(imapOutcome(QStringLiteral("wrong")),
             ConnectionTestResult::Outcome::AuthenticationFailed);
    QCOMPARE(m_server->loginCount(), 1);
}

namespace {

// The user's browser approves every authorization request as alice.
void approveInBrowser(AccountService *service, OAuthTestServer *auth, QObject *context)
{
    auto *network = new QNetworkAccessManager(context);
    QObject::connect(service, &AccountService::browserRequested, context,
                     [auth, network](const QUrl &url) {
                         QNetworkReply *reply = network->get(
                                 QNetworkRequest(auth->approve(url, QStringLiteral("alice"))));
                         QObject::connect(reply, &QNetworkReply::finished, reply,
                                          &QObject::deleteLater);
                     });
}

} // namespace

void TestAccountLayer::oauthSignInInTheBrowserThenRefreshAfterARefusal()
{
    // The IMAP server takes the newest access token the authorization server issued, except
    // one issued while refuseNext is set.
    OAuthTestServer auth;
    bool refuseNext = false;
    connect(&auth, &OAuthTestServer::accessTokenIssued, this, [&](const QString &token) {
        m_server->setPassword(std::exchange(refuseNext, false) ? QByteArray("none")
                                                               : token.toLatin1());
    });
    Account account = testAccount();
    account.setAuthMethod(Account::AuthMethod::OAuth2);
    m_service->setAccount(account);
    m_service->setOAuth2Provider(auth.provider());
    QVERIFY(m_service->usesOAuth2());
    approveInBrowser(m_service.get(), &auth, this);
    QSignalSpy asked(m_service.get(), &AccountService::passwordRequested);
    QSignalSpy browser(m_service.get(), &AccountService::browserRequested);

    m_service->connectToServer();
    QTRY_COMPARE(asked.size(), 1);
    QCOMPARE(asked.at(0).at(0).value<AccountCredentials::Reason>(),
             AccountCredentials::Reason::SignInRequired);
    QVERIFY(m_service->isAwaitingPassword());
    QCOMPARE(m_server->loginCount(), 0);
    m_service->signIn();
    QTRY_COMPARE(browser.size(), 1);
    QVERIFY(waitForState(AccountService::State::Online));
    QCOMPARE(m_server->loginCount(), 1);
    // The server offers XOAUTH2 only: the OAuth 2.0 choice takes it.
    const QList<QByteArray> commands = m_server->commands();
    QVERIFY(std::any_of(commands.cbegin(), commands.cend(),
                        [](const QByteArray &c) { return c.startsWith("AUTHENTICATE XOAUTH2"); }));
    // The refresh token is in the keychain; the password slot stays empty.
    QVERIFY(m_secrets->contains(OAuth2TokenManager::refreshTokenSecretId(accountId)));
    QVERIFY(!m_secrets->contains(accountId));

    // Heron starts again: the stored sign-in serves without a browser. The first token it gets
    // is refused by the server; it fetches another one and logs in, asking nobody.
    m_service = std::make_unique<AccountService>(account, m_secrets.get(), m_server.get());
    QTemporaryDir cache;
    QVERIFY(!m_service->openCache(cache.filePath(QStringLiteral("cache.sqlite"))));
    m_service->setOAuth2Provider(auth.provider());
    QSignalSpy askedAgain(m_service.get(), &AccountService::passwordRequested);
    refuseNext = true;
    const qsizetype requestsBefore = auth.tokenRequests().size();
    m_service->connectToServer();
    QVERIFY(waitForState(AccountService::State::Online));
    QCOMPARE(m_server->loginCount(), 2);
    QCOMPARE(auth.tokenRequests().size(), requestsBefore + 2);
    QCOMPARE(auth.tokenRequests().constLast().grantType, QStringLiteral("refresh_token"));
    QCOMPARE(askedAgain.size(), 0);
    QCOMPARE(browser.size(), 1);
}

void TestAccountLayer::oauthRevokedAccessAsksToSignInAgain()
{
    OAuthTestServer auth;
    m_secrets->writePassword(OAuth2TokenManager::refreshTokenSecretId(accountId),
                             auth.issueRefreshToken(QStringLiteral("alice")), this,
                             [](const SecretStore::Reply &) {});
    auth.revokeAll(); // the user withdrew Heron's access at the provider
    Account account = testAccount();
    account.setAuthMethod(Account::AuthMethod::XOAuth2);
    m_service->setAccount(account);
    m_service->setOAuth2Provider(auth.provider());
    QSignalSpy asked(m_service.get(), &AccountService::passwordRequested);
    m_service->connectToServer();
    QTRY_COMPARE(asked.size(), 1);
    QCOMPARE(asked.at(0).at(0).value<AccountCredentials::Reason>(),
             AccountCredentials::Reason::SignInRequired);
    const QString detail = asked.at(0).at(1).toString();
    QVERIFY2(detail.contains(QStringLiteral("Test Provider"))
                     && detail.contains(QStringLiteral("invalid_grant")),
             qPrintable(detail));
    QCOMPARE(m_server->loginCount(), 0);
    // Declining leaves the account offline.
    m_service->answerPassword(QString());
    QVERIFY(waitForState(AccountService::State::Failed));
    QCOMPARE(m_server->loginCount(), 0);
}

void TestAccountLayer::chosenAuthenticationReachesTheServer_data()
{
    QTest::addColumn<int>("method");
    QTest::addColumn<QByteArray>("command"); // how the login reached the server
    QTest::addRow("automatic") << int(Account::AuthMethod::Auto)
                               << QByteArray("AUTHENTICATE PLAIN");
    QTest::addRow("PLAIN") << int(Account::AuthMethod::Plain) << QByteArray("AUTHENTICATE PLAIN");
    QTest::addRow("LOGIN") << int(Account::AuthMethod::Login) << QByteArray("LOGIN ");
    QTest::addRow("XOAUTH2") << int(Account::AuthMethod::XOAuth2)
                             << QByteArray("AUTHENTICATE XOAUTH2");
}

void TestAccountLayer::chosenAuthenticationReachesTheServer()
{
    QFETCH(int, method);
    QFETCH(QByteArray, command);
    Account account = testAccount();
    account.setAuthMethod(Account::AuthMethod(method));
    m_service->setAccount(account);
    QVERIFY(startOnline());
    QCOMPARE(m_server->loginCount(), 1);
    const QList<QByteArray> commands = m_server->commands();
    const auto login = std::find_if(commands.cbegin(), commands.cend(), [](const QByteArray &c) {
        return c.startsWith("AUTHENTICATE") || c.startsWith("LOGIN");
    });
    QVERIFY(login != commands.cend());
    QVERIFY2(login->startsWith(command), login->constData());
    // The submission server is asked the same way.
    QCOMPARE(AccountEndpoints::submission(account, QStringLiteral("secret")).mechanism,
             Account::AuthMethod(method));
}

void TestAccountLayer::submissionWithItsOwnLogin()
{
    Account account = testAccount();
    account.setSmtpHost(QStringLiteral("smtp.example.test"));
    account.setAuthMethod(Account::AuthMethod::Login);
    int written = 0;
    const auto count = [&](const SecretStore::Reply &) {
        ++written;
    };
    m_secrets->writePassword(accountId, QStringLiteral("secret"), this, count);
    m_secrets->writePassword(Account::submissionSecretId(accountId), QStringLiteral("out-pass"),
                             this, count);
    QTRY_COMPARE(written, 2);

    // Without a login of its own, the submission server logs in as IMAP does.
    m_service->setAccount(account);
    QString password;
    m_service->readSubmissionPassword(this, [&](const QString &p) { password = p; });
    QTRY_COMPARE(password, QStringLiteral("secret"));
    SmtpSettings smtp = AccountEndpoints::submission(account, password);
    QCOMPARE(smtp.userName, QStringLiteral("alice@example.test"));
    QCOMPARE(smtp.mechanism, SaslMechanism::Login);

    // With one, its own name and password; IMAP keeps its own.
    account.setSmtpUserName(QStringLiteral("alice-out"));
    m_service->setAccount(account);
    password.clear();
    m_service->readSubmissionPassword(this, [&](const QString &p) { password = p; });
    QTRY_COMPARE(password, QStringLiteral("out-pass"));
    smtp = AccountEndpoints::submission(account, password);
    QCOMPARE(smtp.userName, QStringLiteral("alice-out"));
    QCOMPARE(smtp.password, QStringLiteral("out-pass"));
    QCOMPARE(AccountEndpoints::imap(account, QStringLiteral("secret")).username,
             QStringLiteral("alice@example.test"));
    QVERIFY(startOnline());
    QCOMPARE(m_server->loginCount(), 1);
}

void TestAccountLayer::submissionOwnPasswordIsAskedForAndStored()
{
    Account account = testAccount();
    account.setSmtpUserName(QStringLiteral("alice-out"));
    m_service->setAccount(account);
    QSignalSpy imapAsked(m_service.get(), &AccountService::passwordRequested);
    QSignalSpy asked(m_service.get(), &AccountService::submissionPasswordRequested);
    QString delivered = QStringLiteral("none yet");
    m_service->readSubmissionPassword(this, [&](const QString &p) { delivered = p; });
    QTRY_COMPARE_WITH_TIMEOUT(asked.size(), 1, 5000);
    QCOMPARE(asked.at(0).at(0).value<AccountService::PasswordReason>(),
             AccountService::PasswordReason::NoneStored);
    QVERIFY(m_service->isAwaitingSubmissionPassword());
    QCOMPARE(delivered, QStringLiteral("none yet"));
    m_service->answerSubmissionPassword(QStringLiteral("typed"));
    QCOMPARE(delivered, QStringLiteral("typed"));
    // Kept only once the server took it, under the submission key, not the account's.
    const QString key = Account::submissionSecretId(accountId);
    QVERIFY(!m_secrets->contains(key));
    m_service->submissionLoginSucceeded();
    QTRY_VERIFY(m_secrets->contains(key));
    QVERIFY(!m_secrets->contains(accountId));
    // Refused later: forgotten and asked for again, with the server's words.
    m_service->submissionLoginRefused(QStringLiteral("535 5.7.8 Authentication failed"));
    QTRY_COMPARE(asked.size(), 2);
    QCOMPARE(asked.at(1).at(0).value<AccountService::PasswordReason>(),
             AccountService::PasswordReason::Rejected);
    QVERIFY(asked.at(1).at(1).toString().contains(QStringLiteral("535")));
    QCOMPARE(imapAsked.size(), 0);
}

void TestAccountLayer::messageThatCannotBeStoredIsSkippedWithANote()
{
    // A subject the framer cuts: Archive's second message cannot be cached as sent. Opening
    // the folder still lists all three, the hostile one as a placeholder, and says so.
    m_server->addMessage("Archive", "Before");
    const quint32 hostile = m_server->addMessage("Archive", QByteArray(20000, 'h'));
    m_server->addMessage("Archive", "After");
    QVERIFY(startOnline());
    const qint64 archive = folderByPath(QStringLiteral("Archive"));
    QSignalSpy notices(m_service.get(), &AccountService::notice);
    QSignalSpy synced(m_service.get(), &AccountService::syncFinished);
    m_service->openFolder(archive);
    QTRY_VERIFY_WITH_TIMEOUT(!synced.isEmpty(), 10000);
    QCOMPARE(synced.first().at(0).toLongLong(), archive);
    const MailError error = synced.first().at(1).value<MailError>();
    QVERIFY2(!error, qPrintable(error.toString()));
    QCOMPARE(m_service->store()->messageCount(archive).value(), 3);
    QCOMPARE(m_service->store()->message(archive, 1).value().subject, QStringLiteral("Before"));
    QCOMPARE(m_service->store()->message(archive, 3).value().subject, QStringLiteral("After"));
    const QString placeholder = m_service->store()->message(archive, hostile).value().subject;
    QVERIFY2(placeholder.contains(QLatin1String("too large or malformed")), qPrintable(placeholder));

    QTRY_VERIFY_WITH_TIMEOUT(!notices.isEmpty(), 5000);
    const QString note = notices.last().first().toString();
    QVERIFY2(note.contains(QLatin1String("Archive")) && note.contains(QLatin1String("UID 2")),
             qPrintable(note));
}

void TestAccountLayer::findsACachedMessageByItsMessageIdInboxFirst()
{
    // Offline, from the cache alone: the copy an answer should mark.
    MessageStore *store = m_service->store();
    auto addFolder = [store](const QString &path, FolderRecord::SpecialUse use) {
        FolderRecord record;
        record.path = path;
        record.specialUse = use;
        return store->upsertFolder(record).value();
    };
    const qint64 trash = addFolder(QStringLiteral("Trash"), FolderRecord::SpecialUse::Trash);
    const qint64 sent = addFolder(QStringLiteral("Sent"), FolderRecord::SpecialUse::Sent);
    const qint64 projects = addFolder(QStringLiteral("Projects"), FolderRecord::SpecialUse::None);
    const qint64 inbox = addFolder(QStringLiteral("INBOX"), FolderRecord::SpecialUse::Inbox);
    auto file = [store](qint64 folderId, quint32 uid, const QByteArray &messageId) {
        MessageRecord message;
        message.uid = uid;
        message.subject = QStringLiteral("Plans");
        message.messageId = messageId;
        return !store->upsertMessages(folderId, {message});
    };
    QVERIFY(file(trash, 3, "<everywhere@example.test>"));
    QVERIFY(file(sent, 4, "<everywhere@example.test>"));
    QVERIFY(file(projects, 5, "<everywhere@example.test>"));
    QVERIFY(file(inbox, 6, "<everywhere@example.test>"));
    QVERIFY(file(trash, 7, "<filed@example.test>"));
    QVERIFY(file(projects, 8, "<filed@example.test>"));
    QVERIFY(file(sent, 9, "<mine@example.test>"));
    using Place = std::pair<qint64, quint32>;
    QCOMPARE(m_service->findMessage("<everywhere@example.test>"), (Place {inbox, 6}));
    QCOMPARE(m_service->findMessage("<filed@example.test>"), (Place {projects, 8}));
    QCOMPARE(m_service->findMessage("<mine@example.test>"), (Place {sent, 9}));
    QCOMPARE(m_service->findMessage("<unknown@example.test>"), (Place {0, 0}));
    QCOMPARE(m_service->findMessage({}), (Place {0, 0}));
}

QTEST_GUILESS_MAIN(TestAccountLayer)
#include "tst_accountlayer.moc"
