// Counts of folders that are not open follow the server, against the real Dovecot: through
// NOTIFY (RFC 5465) on the main stack, through periodic STATUS on the variant without NOTIFY
// (tst_folderpush_nonotify). With the Inbox open, a second connection appends to another
// folder, marks its messages read and expunges one; the folder tree must show each change.
#include "accounts/memorysecretstore.h"
#include "imap/imapconnection.h"
#include "imap/tasks/imapselecttask.h"
#include "mailstackinfo.h"
#include "models/foldertreemodel.h"
#include "net/ssltransport.h"
#include "service/accountservice.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>

class TestFolderPush : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void countsFollowTheServer_data();
    void countsFollowTheServer();

private:
    struct Session
    {
        SslTransport transport;
        ImapConnection connection {&transport};
    };
    std::unique_ptr<Session> openSession();
    // Sends one command on the second connection and waits for its completion.
    bool command(Session *session, const ImapCommand &command);
    bool append(Session *session, const QByteArray &mailbox, const QByteArray &flags);
    Account account() const;

    MailStackInfo m_stack;
    bool m_notify = false;
    QTemporaryDir m_dir;
    MemorySecretStore m_secrets;
};

void TestFolderPush::initTestCase()
{
    m_stack = MailStackInfo::fromEnvironment();
    if (!m_stack.isValid())
        QFAIL(qPrintable(m_stack.error()));
    auto session = openSession();
    QTRY_VERIFY_WITH_TIMEOUT(session->connection.isReady(), 20000);
    // Which path must carry the counts: the server's offer decides, the client must follow it.
    m_notify = session->connection.hasCapability("NOTIFY");
    qInfo("server offers NOTIFY: %s", m_notify ? "yes" : "no");
}

std::unique_ptr<TestFolderPush::Session> TestFolderPush::openSession()
{
    auto session = std::make_unique<Session>();
    session->transport.setCaCertificates(m_stack.caCertificates());
    session->transport.setPeerVerifyName(m_stack.tlsName());
    session->transport.setConnectTimeout(15000);
    ImapConnectionSettings settings;
    settings.host = m_stack.host();
    settings.port = m_stack.imapTlsPort();
    settings.security = Security::ImplicitTls;
    settings.username = m_stack.address(QStringLiteral("carol"));
    settings.password = m_stack.password();
    session->connection.open(settings);
    return session;
}

bool TestFolderPush::command(Session *session, const ImapCommand &command)
{
    bool done = false;
    bool ok = false;
    session->connection.send(command, this, [&](const ImapCommandResult &result) {
        done = true;
        ok = result.isOk();
        if (!ok)
            qWarning() << command.redacted() << result.error.toString();
    });
    return QTest::qWaitFor([&] { return done; }, 30000) && ok;
}

bool TestFolderPush::append(Session *session, const QByteArray &mailbox, const QByteArray &flags)
{
    static int counter = 0;
    const QByteArray message = "From: dave@example.test\r\nTo: carol@example.test\r\n"
                               "Subject: push "
                               + QByteArray::number(++counter) + "\r\nMessage-ID: <push-"
                               + QUuid::createUuid().toByteArray(QUuid::Id128)
                               + "@example.test>\r\n\r\nA message for another folder.\r\n";
    ImapCommandBuilder b = session->connection.builder();
    b.atom("APPEND").astring(mailbox).raw(flags).literal(message);
    return command(session, b.build());
}

Account TestFolderPush::account() const
{
    Account a;
    a.setId(QStringLiteral("carol") + QUuid::createUuid().toString(QUuid::Id128).left(6));
    a.setDisplayName(QStringLiteral("carol"));
    a.setAddress(m_stack.address(QStringLiteral("carol")));
    a.setUserName(m_stack.address(QStringLiteral("carol")));
    a.setImapHost(m_stack.host());
    a.setImapPort(m_stack.imapTlsPort());
    a.setImapSecurity(Security::ImplicitTls);
    a.setCaFilePath(m_stack.caFile());
    return a;
}

void TestFolderPush::countsFollowTheServer_data()
{
    QTest::addColumn<bool>("opened");
    // Never opened: nothing cached, the tree shows the server's counts.
    QTest::newRow("folder never opened") << false;
    // Opened before: its cached messages give the counts, so the folder must be synchronised.
    QTest::newRow("folder opened before") << true;
}

void TestFolderPush::countsFollowTheServer()
{
    QFETCH(bool, opened);
    const QByteArray name = "Push-" + QUuid::createUuid().toByteArray(QUuid::Id128).left(8);
    auto other = openSession();
    QTRY_VERIFY_WITH_TIMEOUT(other->connection.isReady(), 20000);
    {
        ImapCommandBuilder b;
        b.atom("CREATE").astring(name);
        QVERIFY(command(other.get(), b.build()));
        ImapCommandBuilder s;
        s.atom("SUBSCRIBE").astring(name);
        QVERIFY(command(other.get(), s.build()));
    }
    // One message read already, so the folder has a total apart from its unread count.
    QVERIFY(append(other.get(), name, "(\\Seen)"));

    const Account a = account();
    m_secrets.writePassword(a.id(), m_stack.password(), this, [](const SecretStore::Reply &) {});
    auto service = std::make_unique<AccountService>(a, &m_secrets);
    QVERIFY(!service->openCache(m_dir.filePath(a.id() + QStringLiteral(".sqlite"))));
    // With NOTIFY the poll must not be what brings the counts.
    service->setStatusPollInterval(m_notify ? 3600 * 1000 : 2000);
    FolderTreeModel *folders = service->folderModel();
    QAbstractItemModelTester tester(folders);
    QSignalSpy synced(service.get(), &AccountService::syncFinished);
    service->connectToServer();
    QTRY_VERIFY_WITH_TIMEOUT(service->state() == AccountService::State::Online, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(folders->indexForPath(QString::fromUtf8(name)).isValid(), 20000);
    const qint64 inbox = service->folderId(FolderRecord::SpecialUse::Inbox);
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(synced.cbegin(), synced.cend(),
                                         [inbox](const QList<QVariant> &s) {
                                             return s.at(0).toLongLong() == inbox;
                                         }),
                             20000);
    QCOMPARE(service->pushMode(),
             m_notify ? AccountService::PushMode::Notify : AccountService::PushMode::Polling);
    const qint64 folderId = folders->indexForPath(QString::fromUtf8(name))
                                    .data(FolderTreeModel::FolderIdRole)
                                    .toLongLong();
    QVERIFY(folderId != 0);
    if (opened) {
        synced.clear();
        service->openFolder(folderId);
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(synced.cbegin(), synced.cend(),
                                             [folderId](const QList<QVariant> &s) {
                                                 return s.at(0).toLongLong() == folderId;
                                             }),
                                 20000);
        synced.clear();
        service->openFolder(inbox);
        QTRY_VERIFY_WITH_TIMEOUT(!synced.isEmpty(), 20000);
    }
    QCOMPARE(service->currentFolderId(), inbox);
    QTRY_COMPARE_WITH_TIMEOUT(service->connection()->selectedMailbox(), QByteArray("INBOX"), 20000);

    auto unread = [&] {
        return folders->indexForPath(QString::fromUtf8(name))
                .data(FolderTreeModel::UnreadCountRole)
                .toInt();
    };
    auto total = [&] {
        return folders->indexForPath(QString::fromUtf8(name))
                .data(FolderTreeModel::MessageCountRole)
                .toInt();
    };
    QTRY_COMPARE_WITH_TIMEOUT(total(), 1, 10000);
    QCOMPARE(unread(), 0);

    QSignalSpy resets(folders, &QAbstractItemModel::modelReset);
    QSignalSpy changes(folders, &QAbstractItemModel::dataChanged);
    QElapsedTimer clock;

    // A new message, unread, appended by another connection.
    clock.start();
    QVERIFY(append(other.get(), name, "()"));
    QTRY_COMPARE_WITH_TIMEOUT(unread(), 1, 30000);
    QCOMPARE(total(), 2);
    qInfo("%s, %s: append to unread count shown: %lld ms", m_notify ? "NOTIFY" : "STATUS poll",
          opened ? "cached" : "not cached", clock.elapsed());

    // Read elsewhere.
    ImapSelectTask select(&other->connection, name, false);
    QSignalSpy selected(&select, &ImapTask::finished);
    select.start();
    QVERIFY(selected.wait(20000));
    QVERIFY(!select.error());
    clock.restart();
    {
        ImapCommandBuilder b;
        b.atom("UID").atom("STORE").atom("1:*").atom("+FLAGS").raw("(\\Seen)");
        QVERIFY(command(other.get(), b.build()));
    }
    QTRY_COMPARE_WITH_TIMEOUT(unread(), 0, 30000);
    QCOMPARE(total(), 2);
    qInfo("%s, %s: flag change to unread count shown: %lld ms", m_notify ? "NOTIFY" : "STATUS poll",
          opened ? "cached" : "not cached", clock.elapsed());

    // Expunged elsewhere.
    clock.restart();
    {
        ImapCommandBuilder b;
        b.atom("STORE").atom("1").atom("+FLAGS").raw("(\\Deleted)");
        QVERIFY(command(other.get(), b.build()));
        ImapCommandBuilder e;
        e.atom("EXPUNGE");
        QVERIFY(command(other.get(), e.build()));
    }
    QTRY_COMPARE_WITH_TIMEOUT(total(), 1, 30000);
    QCOMPARE(unread(), 0);
    qInfo("%s, %s: expunge to total shown: %lld ms", m_notify ? "NOTIFY" : "STATUS poll",
          opened ? "cached" : "not cached", clock.elapsed());

    // The tree kept its rows: each change named the one row that changed.
    QCOMPARE(resets.size(), 0);
    const QModelIndex row = folders->indexForPath(QString::fromUtf8(name));
    bool sawRow = false;
    for (const QList<QVariant> &change : changes) {
        const auto from = change.at(0).value<QModelIndex>();
        const auto to = change.at(1).value<QModelIndex>();
        QCOMPARE(from, to);
        sawRow = sawRow || from == row;
    }
    QVERIFY(sawRow);
    // Still the Inbox on the account's connection: nothing was shown by opening the folder.
    QCOMPARE(service->currentFolderId(), inbox);

    ImapCommandBuilder d;
    d.atom("UNSELECT");
    command(other.get(), d.build());
    ImapCommandBuilder del;
    del.atom("DELETE").astring(name);
    command(other.get(), del.build());
}

QTEST_GUILESS_MAIN(TestFolderPush)
#include "tst_folderpush.moc"
