// The per-account facade against the local Dovecot: connect, list, show a folder, read a
// message, change flags, delete, and the certificate question.
#include "accounts/memorysecretstore.h"
#include "common/logging.h"
#include "imap/imapconnection.h"
#include "mailstackinfo.h"
#include "mime/outgoingmessage.h"
#include "models/foldertreemodel.h"
#include "models/messagelistmodel.h"
#include "outbox/messagesender.h"
#include "service/accountservice.h"
#include "service/runningaccount.h"
#include "store/messagestore.h"

#include <QAbstractItemModelTester>
#include <QLoggingCategory>
#include <QPointer>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <numeric>

namespace {

// The service went through State::Failed (it may be Offline again, waiting to retry).
bool reportedFailure(const QSignalSpy &states)
{
    return std::any_of(states.cbegin(), states.cend(), [](const QList<QVariant> &change) {
        return change.first().value<AccountService::State>() == AccountService::State::Failed;
    });
}

// The UID STORE and UID MOVE commands the client sent, from the mail.imap trace.
QList<QByteArray> sentCommands;
QtMessageHandler previousHandler = nullptr;
void collectCommands(QtMsgType type, const QMessageLogContext &context, const QString &text)
{
    if (qstrcmp(context.category, "mail.imap") == 0) {
        if (text.startsWith(QLatin1String("C:"))
            && (text.contains(QLatin1String("UID STORE"))
                || text.contains(QLatin1String("UID MOVE"))))
            sentCommands.append(text.toUtf8());
        return;
    }
    previousHandler(type, context, text);
}

} // namespace

class TestAccountService : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void connectsListsAndShowsInbox();
    void readsFlagsAndDeletes();
    void untrustedCertificateAsksAndWaits_data();
    void untrustedCertificateAsksAndWaits();
    void missingPasswordIsAskedFor();
    void wrongPasswordIsNotRetried();
    void offlineChangesAndUndoReachDovecot();
    void sentWhileImapIsDownIsFiledAfterReconnect();
    void messageChosenDuringAnotherSyncWaitsForItsFolder();
    void inboxIsWatchedWhileAnotherFolderIsOpen();
    void messageAskedForAgainWhileLoadingIsShownWhole();
    void largeSelectionFlagsAndMovesInFewCommands();

private:
    Account account(const QString &user, bool withCa = true) const;
    std::unique_ptr<AccountService> makeService(const Account &account);
    bool waitOnline(AccountService *service);
    QStringList doveadm(const QStringList &arguments) const;
    QString seedInbox(const QString &user, int count);

    MailStackInfo m_stack;
    std::unique_ptr<QTemporaryDir> m_dir;
    MemorySecretStore m_secrets;
};

void TestAccountService::initTestCase()
{
    m_stack = MailStackInfo::fromEnvironment();
    if (!m_stack.isValid())
        QFAIL(qPrintable(m_stack.error()));
}

void TestAccountService::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
}

void TestAccountService::cleanup()
{
    m_dir.reset();
}

Account TestAccountService::account(const QString &user, bool withCa) const
{
    Account a;
    a.setId(user + QUuid::createUuid().toString(QUuid::Id128).left(6));
    a.setDisplayName(user);
    a.setAddress(m_stack.address(user));
    a.setUserName(m_stack.address(user));
    a.setImapHost(m_stack.host());
    a.setImapPort(m_stack.imapTlsPort());
    a.setImapSecurity(Security::ImplicitTls);
    if (withCa)
        a.setCaFilePath(m_stack.caFile());
    return a;
}

std::unique_ptr<AccountService> TestAccountService::makeService(const Account &a)
{
    auto service = std::make_unique<AccountService>(a, &m_secrets);
    const MailError error = service->openCache(m_dir->filePath(a.id() + QStringLiteral(".sqlite")));
    if (error)
        qWarning() << error.toString();
    return service;
}

bool TestAccountService::waitOnline(AccountService *service)
{
    return QTest::qWaitFor([service] { return service->state() == AccountService::State::Online; },
                           20000);
}

QStringList TestAccountService::doveadm(const QStringList &arguments) const
{
    return QString::fromUtf8(m_stack.doveadm(arguments)).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

QString TestAccountService::seedInbox(const QString &user, int count)
{
    return m_stack.seed(user, QStringLiteral("INBOX"), count);
}

void TestAccountService::connectsListsAndShowsInbox()
{
    const Account a = account(QStringLiteral("bob"));
    m_secrets.writePassword(a.id(), m_stack.password(), this, [](const SecretStore::Reply &) {});
    auto service = makeService(a);
    QAbstractItemModelTester folderTester(service->folderModel());
    QAbstractItemModelTester listTester(service->messageModel());
    QSignalSpy synced(service.get(), &AccountService::syncFinished);
    service->connectToServer();
    QVERIFY(waitOnline(service.get()));
    QTRY_VERIFY_WITH_TIMEOUT(!synced.isEmpty(), 20000);
    QVERIFY(!synced.first().at(1).value<MailError>());

    // Folders with their special uses, as SPECIAL-USE announces them.
    FolderTreeModel *folders = service->folderModel();
    for (const QString &path : {QStringLiteral("INBOX"), QStringLiteral("Sent"),
                                QStringLiteral("Trash"), QStringLiteral("Drafts")})
        QVERIFY2(folders->indexForPath(path).isValid(), qPrintable(path));
    QCOMPARE(folders->indexForPath(QStringLiteral("Trash"))
                     .data(FolderTreeModel::SpecialUseRole)
                     .toInt(),
             int(FolderRecord::SpecialUse::Trash));

    // The open folder is INBOX, with as many rows as Dovecot has messages there.
    QCOMPARE(service->currentFolderId(), service->folderId(FolderRecord::SpecialUse::Inbox));
    const int serverCount = int(
            doveadm({QStringLiteral("search"), QStringLiteral("-u"),
                     m_stack.address(QStringLiteral("bob")), QStringLiteral("mailbox"),
                     QStringLiteral("INBOX"), QStringLiteral("all")})
                    .size());
    QVERIFY(serverCount > 0);
    QCOMPARE(service->messageModel()->rowCount(), serverCount);

    // New mail while idling shows up without any action.
    QVERIFY(service->connection()->isIdling()
            || QTest::qWaitFor([&] { return service->connection()->isIdling(); }, 5000));
    seedInbox(QStringLiteral("bob"), 2);
    QTRY_COMPARE_WITH_TIMEOUT(service->messageModel()->rowCount(), serverCount + 2, 15000);
}

void TestAccountService::readsFlagsAndDeletes()
{
    const Account a = account(QStringLiteral("carol"));
    m_secrets.writePassword(a.id(), m_stack.password(), this, [](const SecretStore::Reply &) {});
    seedInbox(QStringLiteral("carol"), 3);
    auto service = makeService(a);
    QSignalSpy synced(service.get(), &AccountService::syncFinished);
    service->connectToServer();
    QVERIFY(waitOnline(service.get()));
    QTRY_VERIFY_WITH_TIMEOUT(!synced.isEmpty(), 20000);
    MessageListModel *list = service->messageModel();
    QVERIFY(list->rowCount() >= 3);
    const quint32 uid = list->index(0, 0).data(MessageListModel::UidRole).toUInt();
    QVERIFY(uid != 0);

    // Reading: the whole message, then from the cache.
    QSignalSpy fetched(service.get(), &AccountService::messageFetched);
    service->fetchMessage(service->currentFolderId(), uid);
    QTRY_VERIFY_WITH_TIMEOUT(!fetched.isEmpty(), 10000);
    const QByteArray bytes = fetched.first().at(2).value<MessageSource>().readAll();
    QVERIFY(bytes.contains("Subject:"));
    QCOMPARE(service->store()
                     ->bodyPart(service->currentFolderId(), uid, QByteArrayLiteral(""))
                     .value()
                     .data,
             bytes);

    // Flags reach the server.
    service->changeFlags(service->currentFolderId(), {uid},
                         MessageRecord::Flagged | MessageRecord::Seen, {});
    const QString user = m_stack.address(QStringLiteral("carol"));
    QTRY_VERIFY_WITH_TIMEOUT(doveadm({QStringLiteral("fetch"), QStringLiteral("-u"), user,
                                      QStringLiteral("flags"), QStringLiteral("mailbox"),
                                      QStringLiteral("INBOX"), QStringLiteral("uid"),
                                      QString::number(uid)})
                                     .join(QLatin1Char(' '))
                                     .contains(QStringLiteral("\\Flagged")),
                             10000);

    // Delete moves to Trash.
    const int before = list->rowCount();
    service->deleteMessages(service->currentFolderId(), {uid});
    // The list follows at once; the server follows the queue.
    QCOMPARE(list->rowCount(), before - 1);
    QTRY_VERIFY_WITH_TIMEOUT(!doveadm({QStringLiteral("search"), QStringLiteral("-u"), user,
                                       QStringLiteral("mailbox"), QStringLiteral("Trash"),
                                       QStringLiteral("all")})
                                      .isEmpty(),
                             10000);
    QTRY_VERIFY_WITH_TIMEOUT(doveadm({QStringLiteral("search"), QStringLiteral("-u"), user,
                                      QStringLiteral("mailbox"), QStringLiteral("INBOX"),
                                      QStringLiteral("uid"), QString::number(uid)})
                                     .isEmpty(),
                             10000);
}

void TestAccountService::untrustedCertificateAsksAndWaits_data()
{
    QTest::addColumn<bool>("trust");
    QTest::newRow("refused") << false;
    QTest::newRow("trusted") << true;
}

void TestAccountService::untrustedCertificateAsksAndWaits()
{
    QFETCH(bool, trust);
    const Account a = account(QStringLiteral("alice"), false);
    m_secrets.writePassword(a.id(), m_stack.password(), this, [](const SecretStore::Reply &) {});
    auto service = makeService(a);
    QSignalSpy asked(service.get(), &AccountService::trustRequested);
    QSignalSpy pinned(service.get(), &AccountService::certificateTrusted);
    service->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(asked.size(), 1, 15000);
    // Nothing goes on while the question is open.
    QTest::qWait(300);
    QCOMPARE(service->state(), AccountService::State::Connecting);
    service->answerTrust(trust);
    if (trust) {
        QVERIFY(waitOnline(service.get()));
        QCOMPARE(pinned.size(), 1);
        QCOMPARE(pinned.first().first().toByteArray().size(), 64);
    } else {
        QTRY_COMPARE_WITH_TIMEOUT(service->state(), AccountService::State::Failed, 10000);
        QVERIFY(pinned.isEmpty());
        // A refused certificate is not retried behind the user's back.
        QTest::qWait(2500);
        QCOMPARE(asked.size(), 1);
    }
}

void TestAccountService::missingPasswordIsAskedFor()
{
    auto service = makeService(account(QStringLiteral("alice")));
    QSignalSpy asked(service.get(), &AccountService::passwordRequested);
    service->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(asked.size(), 1, 5000);
    QCOMPARE(asked.first().first().value<AccountService::PasswordReason>(),
             AccountService::PasswordReason::NoneStored);
    QVERIFY(service->stateDetail().contains(QStringLiteral("password")));
    service->answerPassword(m_stack.password());
    QVERIFY(waitOnline(service.get()));
}

void TestAccountService::wrongPasswordIsNotRetried()
{
    const Account a = account(QStringLiteral("alice"));
    m_secrets.writePassword(a.id(), QStringLiteral("wrong"), this,
                            [](const SecretStore::Reply &) {});
    auto service = makeService(a);
    QSignalSpy states(service.get(), &AccountService::stateChanged);
    QSignalSpy asked(service.get(), &AccountService::passwordRequested);
    service->connectToServer();
    // Refused: the user is asked, with the server's words; nothing is tried meanwhile.
    QTRY_COMPARE_WITH_TIMEOUT(asked.size(), 1, 15000);
    QCOMPARE(asked.first().first().value<AccountService::PasswordReason>(),
             AccountService::PasswordReason::Rejected);
    QVERIFY(!asked.first().at(1).toString().isEmpty());
    const int changes = int(states.size());
    QTest::qWait(2500);
    QCOMPARE(int(states.size()), changes);
    QVERIFY(service->isAwaitingPassword());
}

void TestAccountService::offlineChangesAndUndoReachDovecot()
{
    const QString user = m_stack.address(QStringLiteral("carol"));
    const Account a = account(QStringLiteral("carol"));
    m_secrets.writePassword(a.id(), m_stack.password(), this, [](const SecretStore::Reply &) {});
    seedInbox(QStringLiteral("carol"), 3);
    doveadm({QStringLiteral("mailbox"), QStringLiteral("create"), QStringLiteral("-u"), user,
             QStringLiteral("Offline")});
    auto service = makeService(a);
    QSignalSpy synced(service.get(), &AccountService::syncFinished);
    service->connectToServer();
    QVERIFY(waitOnline(service.get()));
    QTRY_VERIFY_WITH_TIMEOUT(!synced.isEmpty(), 20000);
    const qint64 inbox = service->currentFolderId();
    const qint64 target = service->store()->folderByPath(QStringLiteral("Offline")).value().id;
    MessageListModel *list = service->messageModel();
    QVERIFY(list->rowCount() >= 3);
    const quint32 flagged = list->index(0, 0).data(MessageListModel::UidRole).toUInt();
    const quint32 moved = list->index(1, 0).data(MessageListModel::UidRole).toUInt();
    auto search = [&](const QString &mailbox, const QStringList &query) {
        return doveadm(QStringList {QStringLiteral("search"), QStringLiteral("-u"), user,
                                    QStringLiteral("mailbox"), mailbox}
                       + query);
    };

    // The IMAP server out of reach: a port nothing listens on.
    Account unreachable = a;
    unreachable.setImapPort(1);
    service->disconnectFromServer();
    service->setAccount(unreachable);
    QSignalSpy states(service.get(), &AccountService::stateChanged);
    service->connectToServer();
    QTRY_VERIFY_WITH_TIMEOUT(reportedFailure(states), 15000);

    service->changeFlags(inbox, {flagged}, MessageRecord::Flagged, {});
    service->moveMessages(inbox, {moved}, target);
    const QByteArray sent = "From: " + user.toUtf8() + "\r\nTo: " + user.toUtf8()
                            + "\r\nSubject: Filed after reconnect\r\n\r\nHello\r\n";
    service->appendMessage(FolderRecord::SpecialUse::Sent, sent, {QByteArrayLiteral("\\Seen")});
    QCOMPARE(service->pendingOperationCount(), 3);
    QVERIFY(search(QStringLiteral("Offline"), {QStringLiteral("all")}).isEmpty());

    // Reachable again: the three changes are on the server.
    service->disconnectFromServer();
    service->setAccount(a);
    service->connectToServer();
    QVERIFY(waitOnline(service.get()));
    QTRY_VERIFY_WITH_TIMEOUT(!search(QStringLiteral("INBOX"),
                                     {QStringLiteral("uid"), QString::number(flagged),
                                      QStringLiteral("flagged")})
                                      .isEmpty(),
                             15000);
    QTRY_COMPARE_WITH_TIMEOUT(search(QStringLiteral("Offline"), {QStringLiteral("all")}).size(), 1,
                              15000);
    QVERIFY(search(QStringLiteral("INBOX"), {QStringLiteral("uid"), QString::number(moved)})
                    .isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!search(QStringLiteral("Sent"),
                                     {QStringLiteral("subject"),
                                      QStringLiteral("Filed after reconnect")})
                                      .isEmpty(),
                             15000);
    QTRY_COMPARE_WITH_TIMEOUT(service->pendingOperationCount(), 0, 5000);

    // Delete, then undo: the message is back in the Inbox on the server.
    QSignalSpy undoable(service.get(), &AccountService::undoAvailable);
    const int inInbox = int(search(QStringLiteral("INBOX"), {QStringLiteral("all")}).size());
    service->deleteMessages(inbox, {flagged});
    QTRY_COMPARE_WITH_TIMEOUT(undoable.size(), 1, 15000);
    QCOMPARE(search(QStringLiteral("INBOX"), {QStringLiteral("all")}).size(), inInbox - 1);
    service->undo();
    QTRY_COMPARE_WITH_TIMEOUT(search(QStringLiteral("INBOX"), {QStringLiteral("all")}).size(),
                              inInbox, 15000);
}

void TestAccountService::sentWhileImapIsDownIsFiledAfterReconnect()
{
    // Alice's IMAP server is out of reach (a port nothing listens on); her submission server
    // is up. The message leaves through Postfix, and its Sent copy waits for IMAP.
    const QString user = m_stack.address(QStringLiteral("alice"));
    Account a = account(QStringLiteral("alice"));
    a.setSmtpHost(m_stack.host());
    a.setSmtpPort(m_stack.smtpStartTlsPort());
    a.setSmtpSecurity(Security::StartTls);
    // Heron files the Sent copy (the first message's check is tst_sentfiling's).
    a.setSentFiling(Account::SentFiling::Client);
    const Account reachable = a;
    a.setImapPort(1);
    m_secrets.writePassword(a.id(), m_stack.password(), this, [](const SecretStore::Reply &) {});
    RunningAccount running(a, &m_secrets, nullptr, m_dir->path());
    QVERIFY(!running.open());
    AccountService *service = running.service();
    // The folders were listed in an earlier session: the cache knows Sent.
    FolderRecord sent;
    sent.path = QStringLiteral("Sent");
    sent.specialUse = FolderRecord::SpecialUse::Sent;
    QVERIFY(service->store()->upsertFolder(sent));
    QSignalSpy states(service, &AccountService::stateChanged);
    service->connectToServer();
    QTRY_VERIFY_WITH_TIMEOUT(reportedFailure(states), 15000);

    const QString subject = QStringLiteral("Sent while IMAP was down ")
                            + QUuid::createUuid().toString(QUuid::Id128).left(8);
    OutgoingMessage message;
    message.from = {QStringLiteral("Alice"), user};
    message.to = {{QStringLiteral("Bob"), m_stack.address(QStringLiteral("bob"))}};
    message.subject = subject;
    message.plainBody = QStringLiteral("Hello Bob.\n");
    QSignalSpy delivered(running.sender(), &MessageSender::sent);
    MailError error;
    QVERIFY(!running.sender()->send(message, &error).isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), 1, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(service->pendingOperationCount(), 1, 5000);
    auto inSent = [&] {
        return doveadm({QStringLiteral("search"), QStringLiteral("-u"), user,
                        QStringLiteral("mailbox"), QStringLiteral("Sent"),
                        QStringLiteral("subject"), subject});
    };
    QVERIFY(inSent().isEmpty());

    // IMAP is back: the copy is filed, read.
    service->disconnectFromServer();
    service->setAccount(reachable);
    service->connectToServer();
    QVERIFY(waitOnline(service));
    QTRY_VERIFY_WITH_TIMEOUT(!inSent().isEmpty(), 15000);
    QTRY_COMPARE_WITH_TIMEOUT(service->pendingOperationCount(), 0, 5000);
    const QStringList flags = doveadm({QStringLiteral("fetch"), QStringLiteral("-u"), user,
                                       QStringLiteral("flags"), QStringLiteral("mailbox"),
                                       QStringLiteral("Sent"), QStringLiteral("subject"), subject});
    QVERIFY2(flags.join(QLatin1Char(' ')).contains(QStringLiteral("\\Seen")),
             qPrintable(flags.join(QLatin1Char(' '))));
}

void TestAccountService::messageChosenDuringAnotherSyncWaitsForItsFolder()
{
    const Account a = account(QStringLiteral("alice"));
    m_secrets.writePassword(a.id(), m_stack.password(), this, [](const SecretStore::Reply &) {});
    auto service = makeService(a);
    QSignalSpy synced(service.get(), &AccountService::syncFinished);
    service->connectToServer();
    QVERIFY(waitOnline(service.get()));
    QTRY_VERIFY_WITH_TIMEOUT(!synced.isEmpty(), 20000);
    const qint64 inbox = service->folderId(FolderRecord::SpecialUse::Inbox);
    const QModelIndex row = service->messageModel()->index(0, 0);
    const quint32 uid = row.data(MessageListModel::UidRole).toUInt();
    const QString subject = row.data(MessageListModel::SubjectRole).toString();
    QVERIFY(uid != 0);

    // A large folder starts its first synchronisation; before its SELECT is done the user goes
    // back to the Inbox and picks a message there. It must be read from the Inbox, not from
    // whatever folder the connection has selected at that moment.
    const QModelIndex seeded = service->folderModel()->indexForPath(QStringLiteral("Seeded1000"));
    QVERIFY(seeded.isValid());
    service->openFolder(seeded.data(FolderTreeModel::FolderIdRole).toLongLong());
    service->openFolder(inbox);
    QSignalSpy shown(service.get(), &AccountService::messagePartsFetched);
    QSignalSpy failed(service.get(), &AccountService::messageFetchFailed);
    service->fetchDisplayParts(inbox, uid);
    QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() || !failed.isEmpty(), 30000);
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(2).value<MailError>().toString()));
    QCOMPARE(shown.first().at(0).toLongLong(), inbox);
    QCOMPARE(shown.first().at(1).toUInt(), uid);
    QCOMPARE(shown.first().at(2).value<MimePart>().decodedHeader("Subject"), subject);
}

void TestAccountService::messageAskedForAgainWhileLoadingIsShownWhole()
{
    // The reader asks for a message three times before the first load is done. Every request
    // shows the whole message, and what they cached shows it again: no part is left empty.
    const Account a = account(QStringLiteral("alice"));
    m_secrets.writePassword(a.id(), m_stack.password(), this, [](const SecretStore::Reply &) {});
    auto service = makeService(a);
    QSignalSpy synced(service.get(), &AccountService::syncFinished);
    service->connectToServer();
    QVERIFY(waitOnline(service.get()));
    QTRY_VERIFY_WITH_TIMEOUT(!synced.isEmpty(), 20000);
    const QModelIndex row = service->messageModel()->index(0, 0);
    const quint32 uid = row.data(MessageListModel::UidRole).toUInt();
    const qint64 folder = row.data(MessageListModel::FolderIdRole).toLongLong();
    const QString subject = row.data(MessageListModel::SubjectRole).toString();
    QVERIFY(uid != 0);
    QVERIFY(!subject.isEmpty());

    QSignalSpy shown(service.get(), &AccountService::messagePartsFetched);
    QSignalSpy failed(service.get(), &AccountService::messageFetchFailed);
    for (int i = 0; i < 3; ++i)
        service->fetchDisplayParts(folder, uid);
    QTRY_COMPARE_WITH_TIMEOUT(shown.size() + failed.size(), 3, 30000);
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(2).value<MailError>().toString()));
    for (const QList<QVariant> &result : std::as_const(shown))
        QCOMPARE(result.at(2).value<MimePart>().decodedHeader("Subject"), subject);

    service->disconnectFromServer();
    QTRY_COMPARE(service->state(), AccountService::State::Offline);
    service->fetchDisplayParts(folder, uid);
    QTRY_COMPARE_WITH_TIMEOUT(shown.size() + failed.size(), 4, 10000);
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(2).value<MailError>().toString()));
    const MimePart cached = shown.last().at(2).value<MimePart>();
    QCOMPARE(cached.decodedHeader("Subject"), subject);
    QVERIFY(!cached.header("From").isEmpty());
}

void TestAccountService::inboxIsWatchedWhileAnotherFolderIsOpen()
{
    const Account a = account(QStringLiteral("carol"));
    const QString user = m_stack.address(QStringLiteral("carol"));
    m_secrets.writePassword(a.id(), m_stack.password(), this, [](const SecretStore::Reply &) {});
    auto service = makeService(a);
    QSignalSpy synced(service.get(), &AccountService::syncFinished);
    service->connectToServer();
    QVERIFY(waitOnline(service.get()));
    QTRY_VERIFY_WITH_TIMEOUT(!synced.isEmpty(), 20000);
    const qint64 inbox = service->folderId(FolderRecord::SpecialUse::Inbox);
    const qint64 sent = service->folderId(FolderRecord::SpecialUse::Sent);
    QVERIFY(inbox != 0 && sent != 0);
    // With the Inbox open, its own session idles there and no second one runs.
    QCOMPARE(service->inboxConnection(), nullptr);

    synced.clear();
    service->openFolder(sent);
    QTRY_VERIFY_WITH_TIMEOUT(!synced.isEmpty(), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(service->inboxConnection() && service->inboxConnection()->isIdling(),
                             20000);
    QTRY_VERIFY_WITH_TIMEOUT(service->connection()->isIdling(), 10000);
    QCOMPARE(service->connection()->selectedMailbox(), QByteArrayLiteral("Sent"));

    MessageStore *store = service->store();
    QSignalSpy added(store, &MessageStore::messagesAdded);
    const int before = store->messageCount(inbox).value();
    seedInbox(QStringLiteral("carol"), 2);
    QTRY_COMPARE_WITH_TIMEOUT(store->messageCount(inbox).value(), before + 2, 15000);
    const auto addedToInbox = [inbox](qsizetype sum, const QList<QVariant> &signal) {
        return sum
               + (signal.at(0).toLongLong() == inbox ? signal.at(1).value<QList<quint32>>().size()
                                                     : 0);
    };
    QCOMPARE(std::accumulate(added.cbegin(), added.cend(), qsizetype(0), addedToInbox), 2);
    // The open folder's list is untouched.
    QCOMPARE(service->messageModel()->folderId(), sent);

    // A flag set and a message expunged by another client reach the cache while idling.
    const QStringList uids = doveadm({QStringLiteral("search"), QStringLiteral("-u"), user,
                                      QStringLiteral("mailbox"), QStringLiteral("INBOX"),
                                      QStringLiteral("all")});
    QVERIFY(uids.size() >= 2);
    const quint32 flagged = uids.at(uids.size() - 1).section(QLatin1Char(' '), 1).toUInt();
    const quint32 expunged = uids.at(uids.size() - 2).section(QLatin1Char(' '), 1).toUInt();
    QVERIFY(flagged != 0 && expunged != 0);
    doveadm({QStringLiteral("flags"), QStringLiteral("add"), QStringLiteral("-u"), user,
             QStringLiteral("\\Flagged"), QStringLiteral("mailbox"), QStringLiteral("INBOX"),
             QStringLiteral("uid"), QString::number(flagged)});
    QTRY_VERIFY_WITH_TIMEOUT(store->message(inbox, flagged)
                                     .value()
                                     .flags.testFlag(MessageRecord::Flagged),
                             15000);
    doveadm({QStringLiteral("expunge"), QStringLiteral("-u"), user, QStringLiteral("mailbox"),
             QStringLiteral("INBOX"), QStringLiteral("uid"), QString::number(expunged)});
    QTRY_VERIFY_WITH_TIMEOUT(!store->message(inbox, expunged), 15000);
    QCOMPARE(store->messageCount(inbox).value(), before + 1);

    // Both sessions are cut; both come back, and the Inbox is watched again.
    const QPointer<ImapConnection> cut = service->inboxConnection();
    doveadm({QStringLiteral("kick"), user});
    QTRY_VERIFY_WITH_TIMEOUT(!cut && service->inboxConnection()
                                     && service->inboxConnection()->isIdling(),
                             30000);
    seedInbox(QStringLiteral("carol"), 1);
    QTRY_COMPARE_WITH_TIMEOUT(store->messageCount(inbox).value(), before + 2, 15000);

    // Back in the Inbox, the second session ends.
    service->openFolder(inbox);
    QCOMPARE(service->inboxConnection(), nullptr);
    QTRY_VERIFY_WITH_TIMEOUT(service->connection()->isIdling()
                                     && service->connection()->selectedMailbox() == "INBOX",
                             20000);
}

void TestAccountService::largeSelectionFlagsAndMovesInFewCommands()
{
    // 5,000 messages, every one selected: one UID STORE and one UID MOVE for the whole range,
    // and the list shows each change before the server has answered.
    constexpr int count = 5000;
    const QString user = m_stack.address(QStringLiteral("carol"));
    const QString token = QUuid::createUuid().toString(QUuid::Id128).left(8);
    const QString source = QStringLiteral("Bulk") + token;
    const QString target = QStringLiteral("BulkTo") + token;
    QCOMPARE(m_stack.seed(QStringLiteral("carol"), source, count), QString());
    doveadm({QStringLiteral("mailbox"), QStringLiteral("create"), QStringLiteral("-u"), user,
             target});
    const Account a = account(QStringLiteral("carol"));
    m_secrets.writePassword(a.id(), m_stack.password(), this, [](const SecretStore::Reply &) {});
    auto service = makeService(a);
    QSignalSpy synced(service.get(), &AccountService::syncFinished);
    service->connectToServer();
    QVERIFY(waitOnline(service.get()));
    QTRY_VERIFY_WITH_TIMEOUT(!synced.isEmpty(), 20000);
    const qint64 sourceId = service->store()->folderByPath(source).value().id;
    const qint64 targetId = service->store()->folderByPath(target).value().id;
    QVERIFY(sourceId != 0 && targetId != 0);
    service->openFolder(sourceId);
    MessageListModel *list = service->messageModel();
    QTRY_COMPARE_WITH_TIMEOUT(list->rowCount(), count, 60000);
    QTRY_VERIFY_WITH_TIMEOUT(service->connection()->isIdling(), 20000);
    QAbstractItemModelTester tester(list);
    const QList<quint32> uids = service->store()->uids(sourceId).value();
    QCOMPARE(uids.size(), count);
    const auto search = [&](const QString &mailbox, const QString &key) {
        return doveadm({QStringLiteral("search"), QStringLiteral("-u"), user,
                        QStringLiteral("mailbox"), mailbox, key})
                .size();
    };
    sentCommands.clear();
    previousHandler = qInstallMessageHandler(collectCommands);
    // mail.imap's debug messages on, whatever QT_LOGGING_RULES says.
    auto &trace = const_cast<QLoggingCategory &>(lcImap());
    trace.setEnabled(QtDebugMsg, true);
    const auto restoreLogging = qScopeGuard([&trace] {
        trace.setEnabled(QtDebugMsg, false);
        qInstallMessageHandler(previousHandler);
    });

    service->changeFlags(sourceId, uids, MessageRecord::Flagged, {});
    for (int row : {0, count / 2, count - 1})
        QVERIFY(list->index(row, 0).data(MessageListModel::IsFlaggedRole).toBool());
    QTRY_COMPARE_WITH_TIMEOUT(service->pendingOperationCount(), 0, 60000);
    QCOMPARE(search(source, QStringLiteral("flagged")), count);
    QCOMPARE(sentCommands.size(), 1);
    QVERIFY2(sentCommands.first().contains(QByteArray::number(uids.first()) + ':'
                                           + QByteArray::number(uids.last())),
             sentCommands.first().left(200).constData());

    sentCommands.clear();
    service->moveMessages(sourceId, uids, targetId);
    QCOMPARE(list->rowCount(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(service->pendingOperationCount(), 0, 60000);
    QTRY_COMPARE_WITH_TIMEOUT(search(target, QStringLiteral("all")), count, 30000);
    QCOMPARE(search(target, QStringLiteral("flagged")), count);
    QCOMPARE(search(source, QStringLiteral("all")), 0);
    QCOMPARE(sentCommands.size(), 1);
    QVERIFY(sentCommands.first().contains("UID MOVE"));
    QCOMPARE(list->rowCount(), 0);

    for (const QString &name : {source, target})
        doveadm({QStringLiteral("mailbox"), QStringLiteral("delete"), QStringLiteral("-u"), user,
                 name});
}

QTEST_GUILESS_MAIN(TestAccountService)
#include "tst_accountservice.moc"
