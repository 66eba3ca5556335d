// Search against the local Dovecot: a word in a body the cache does not have is found by the
// server's search (ESEARCH), and by the cache's index once the body is read; German spellings
// meet on the server too; a folder kept for offline use has every body downloaded and indexed.
#include "accounts/memorysecretstore.h"
#include "mailstackinfo.h"
#include "service/accountservice.h"
#include "store/messagestore.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

class TestSearchStack : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void bodyWordIsFoundOnTheServerThenLocally();
    void germanSpellingsMeetOnTheServer();
    void folderKeptOfflineIsDownloadedAndIndexed();
    void replacedSearchReportsOnlyTheNewOne();

private:
    Account account(const QString &user) const;
    std::unique_ptr<AccountService> connectedService(const QString &user);
    // Files a message into the account's Drafts; its UID there, or 0.
    quint32 fileDraft(AccountService *service, const QByteArray &subject, const QByteArray &body);
    // The folder's matches the server reported for text.
    QList<quint32> serverSearch(AccountService *service, const QString &text, qint64 folderId);

    MailStackInfo m_stack;
    std::unique_ptr<QTemporaryDir> m_dir;
    MemorySecretStore m_secrets;
};

void TestSearchStack::initTestCase()
{
    m_stack = MailStackInfo::fromEnvironment();
    if (!m_stack.isValid())
        QFAIL(qPrintable(m_stack.error()));
}

void TestSearchStack::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
}

void TestSearchStack::cleanup()
{
    m_dir.reset();
}

Account TestSearchStack::account(const QString &user) const
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
    return a;
}

std::unique_ptr<AccountService> TestSearchStack::connectedService(const QString &user)
{
    const Account a = account(user);
    m_secrets.writePassword(a.id(), m_stack.password(), this, [](const SecretStore::Reply &) {});
    auto service = std::make_unique<AccountService>(a, &m_secrets);
    if (MailError error = service->openCache(m_dir->filePath(a.id() + QStringLiteral(".sqlite"))))
        qWarning() << error.toString();
    QSignalSpy synced(service.get(), &AccountService::syncFinished);
    service->connectToServer();
    if (!QTest::qWaitFor([&] { return !synced.isEmpty(); }, 30000))
        return nullptr;
    return service;
}

quint32 TestSearchStack::fileDraft(AccountService *service, const QByteArray &subject,
                                   const QByteArray &body)
{
    const QByteArray message = "From: alice@example.org\r\nTo: bob@example.org\r\nSubject: "
                               + subject
                               + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain;"
                                 " charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                               + body + "\r\n";
    bool filed = false;
    MailError result;
    service->appendMessage(FolderRecord::SpecialUse::Drafts, message, {},
                           [&](const MailError &error) {
                               result = error;
                               filed = true;
                           });
    if (!QTest::qWaitFor([&] { return filed; }, 20000) || result) {
        qWarning() << "not filed:" << result.toString();
        return 0;
    }
    // Kept means journaled: the draft's UID once it is on the server, by its unique subject.
    quint32 uid = 0;
    (void) QTest::qWaitFor(
            [&] {
                const QList<QByteArray> lines = m_stack.doveadm({QStringLiteral("search"),
                                                                 QStringLiteral("-u"),
                                                                 service->account().userName(),
                                                                 QStringLiteral("mailbox"),
                                                                 QStringLiteral("Drafts"),
                                                                 QStringLiteral("subject"),
                                                                 QString::fromUtf8(subject)})
                                                        .trimmed()
                                                        .split('\n');
                uid = lines.last().split(' ').value(1).toUInt();
                return uid != 0;
            },
            20000);
    return uid;
}

QList<quint32> TestSearchStack::serverSearch(AccountService *service, const QString &text,
                                             qint64 folderId)
{
    QSignalSpy matches(service, &AccountService::serverMatches);
    QSignalSpy finished(service, &AccountService::serverSearchFinished);
    service->searchServer(text);
    if (!finished.wait(30000))
        return {0};
    QList<quint32> found;
    for (const QList<QVariant> &folder : std::as_const(matches)) {
        if (folder.at(0).toLongLong() == folderId)
            found += folder.at(1).value<QList<quint32>>();
    }
    return found;
}

void TestSearchStack::bodyWordIsFoundOnTheServerThenLocally()
{
    auto service = connectedService(QStringLiteral("alice"));
    QVERIFY(service);
    const QString token = QStringLiteral("zq")
                          + QUuid::createUuid().toString(QUuid::Id128).left(10);
    const QByteArray subject = "Unterlagen " + QUuid::createUuid().toByteArray(QUuid::Id128);
    const quint32 uid = fileDraft(service.get(), subject,
                                  "Hallo Bob,\r\nAnbei die Unterlagen " + token.toUtf8() + ".");
    QVERIFY(uid != 0);
    const qint64 drafts = service->folderId(FolderRecord::SpecialUse::Drafts);
    QVERIFY(drafts != 0);
    MessageStore *store = service->store();

    // The body is not here: the cache cannot find the word, the server can.
    QVERIFY(store->search(drafts, token).value().isEmpty());
    QCOMPARE(serverSearch(service.get(), token, drafts), QList<quint32>({uid}));
    // The match is listed from the cache: its envelope came with the answer.
    QVERIFY(store->message(drafts, uid));
    QCOMPARE(store->message(drafts, uid).value().subject, QString::fromUtf8(subject));
    QCOMPARE(store->isBodyIndexed(drafts, uid).value(), false);

    // Read once (as the reader does), the body is indexed: the cache finds it alone.
    QSignalSpy read(service.get(), &AccountService::messagePartsFetched);
    service->fetchDisplayParts(drafts, uid);
    QVERIFY(read.wait(20000));
    QCOMPARE(store->isBodyIndexed(drafts, uid).value(), true);
    QCOMPARE(store->search(drafts, token).value(), QList<quint32>({uid}));
    QCOMPARE(store->search(drafts, QStringLiteral("anbei ") + token).value(), QList<quint32>({uid}));
    const QList<MessageRecord> everywhere = store->searchAll(token, 10).value();
    QCOMPARE(everywhere.size(), 1);
    QCOMPARE(everywhere.first().folderId, drafts);
    // Operators reach the server: the draft is unread, and not flagged.
    QCOMPARE(serverSearch(service.get(), token + QStringLiteral(" is:unread"), drafts),
             QList<quint32>({uid}));
    QVERIFY(serverSearch(service.get(), token + QStringLiteral(" is:flagged"), drafts).isEmpty());
}

void TestSearchStack::germanSpellingsMeetOnTheServer()
{
    auto service = connectedService(QStringLiteral("alice"));
    QVERIFY(service);
    const QByteArray token = "zq" + QUuid::createUuid().toByteArray(QUuid::Id128).left(10);
    const QByteArray subject = "Reise " + token;
    const quint32 uid = fileDraft(service.get(), subject,
                                  "Wir treffen uns in M\xc3\xbcnchen an der Stra\xc3\x9f"
                                  "e.");
    QVERIFY(uid != 0);
    const qint64 drafts = service->folderId(FolderRecord::SpecialUse::Drafts);
    // Typed without umlauts, written with them, and the other way round.
    QVERIFY(serverSearch(service.get(), QStringLiteral("muenchen ") + QString::fromUtf8(token),
                         drafts)
                    .contains(uid));
    QVERIFY(serverSearch(service.get(),
                         QStringLiteral("strasse subject:") + QString::fromUtf8(token), drafts)
                    .contains(uid));
    QVERIFY(serverSearch(service.get(),
                         QStringLiteral("München subject:") + QString::fromUtf8(token), drafts)
                    .contains(uid));
}

void TestSearchStack::folderKeptOfflineIsDownloadedAndIndexed()
{
    m_stack.seed(QStringLiteral("alice"), QStringLiteral("INBOX"), 5);
    auto service = connectedService(QStringLiteral("alice"));
    QVERIFY(service);
    const qint64 inbox = service->folderId(FolderRecord::SpecialUse::Inbox);
    MessageStore *store = service->store();
    QVERIFY(store->messageCount(inbox).value() >= 5);
    QVERIFY(store->countWithoutBody(inbox).value() > 0);
    QVERIFY(!service->isKeptOffline(inbox));

    QSignalSpy progress(service.get(), &AccountService::offlineProgress);
    service->setKeepOffline(inbox, true);
    QVERIFY(service->isKeptOffline(inbox));
    QTRY_VERIFY_WITH_TIMEOUT(!progress.isEmpty()
                                     && progress.last().at(1).toInt()
                                                == progress.last().at(2).toInt(),
                             120000);
    QVERIFY(progress.size() > 1); // it told how far it was on the way
    QCOMPARE(progress.last().at(0).toLongLong(), inbox);
    QCOMPARE(store->countWithoutBody(inbox).value(), 0);
    // Every body is searchable without the server.
    const quint32 newest = store->uids(inbox).value().last();
    QVERIFY(store->isBodyIndexed(inbox, newest).value());
}

void TestSearchStack::replacedSearchReportsOnlyTheNewOne()
{
    m_stack.seed(QStringLiteral("alice"), QStringLiteral("INBOX"), 3);
    auto service = connectedService(QStringLiteral("alice"));
    QVERIFY(service);
    QSignalSpy matches(service.get(), &AccountService::serverMatches);
    QSignalSpy finished(service.get(), &AccountService::serverSearchFinished);
    // As typed: each letter a new search, the earlier ones still running.
    const QString word = QStringLiteral("qxzjvwq");
    for (int length = 1; length <= word.size(); ++length)
        service->searchServer(word.left(length));
    QVERIFY(finished.wait(30000));
    QTest::qWait(500);
    QCOMPARE(finished.size(), 1);
    for (const QList<QVariant> &folder : std::as_const(matches))
        QVERIFY2(folder.at(1).value<QList<quint32>>().isEmpty(),
                 qPrintable(QString::number(folder.at(1).value<QList<quint32>>().size())));
    QVERIFY(matches.isEmpty());
}

QTEST_GUILESS_MAIN(TestSearchStack)
#include "tst_searchstack.moc"
