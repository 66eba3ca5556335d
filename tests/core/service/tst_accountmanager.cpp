// The account manager: a session per account of the store, started, renamed and ended as the
// store changes while running, and the models across accounts following them.
#include "accounts/accountstore.h"
#include "accounts/memorysecretstore.h"
#include "models/accountfoldermodel.h"
#include "models/outboxmodel.h"
#include "service/accountmanager.h"
#include "service/accountservice.h"
#include "service/newmailmonitor.h"
#include "service/runningaccount.h"

#include "fakeimapserver.h"

#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

Account makeAccount(const QString &id, const QString &name)
{
    Account account;
    account.setId(id);
    account.setDisplayName(name);
    account.setAddress(id + QStringLiteral("@example.test"));
    account.setImapHost(QStringLiteral("imap.example.test"));
    account.setImapSecurity(Security::ImplicitTls);
    account.setSmtpHost(QStringLiteral("smtp.example.test"));
    return account;
}

} // namespace

class TestAccountManager : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<RunningAccount *>(); }

    void sessionsFollowTheAccountStore()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("heron.ini")), QSettings::IniFormat);
        AccountStore accounts(&settings);
        MemorySecretStore secrets;
        FakeImapServer server;
        server.addMailbox("Trash", "\\Trash");
        server.addMessage("INBOX", "Unread one");
        for (const QString &id : {QStringLiteral("work"), QStringLiteral("home")}) {
            bool written = false;
            secrets.writePassword(id, QStringLiteral("secret"), this,
                                  [&](const SecretStore::Reply &) { written = true; });
            QTRY_VERIFY(written);
        }
        QVERIFY(!accounts.saveAccount(makeAccount(QStringLiteral("work"), QStringLiteral("Work"))));

        AccountManager manager(&accounts, &secrets, dir.filePath(QStringLiteral("data")), &server);
        QSignalSpy added(&manager, &AccountManager::accountStarted);
        manager.start();
        QCOMPARE(added.size(), 1);
        QCOMPARE(manager.runningAccounts().size(), 1);
        RunningAccount *work = manager.runningAccount(QStringLiteral("work"));
        QVERIFY(work);
        QTRY_COMPARE_WITH_TIMEOUT(work->service()->state(), AccountService::State::Online, 10000);

        // The folder list shows the account's folders once listed, its state and its unread.
        AccountFolderModel *folders = manager.folderModel();
        const QModelIndex workRow = folders->accountIndex(QStringLiteral("work"));
        QVERIFY(workRow.isValid());
        QTRY_COMPARE_WITH_TIMEOUT(folders->rowCount(workRow), 2, 10000);
        QCOMPARE(workRow.data(AccountFolderModel::ConnectionStateRole).toInt(),
                 int(AccountService::State::Online));
        QTRY_COMPARE_WITH_TIMEOUT(manager.newMail()->unreadCount(), 1, 10000);
        QVERIFY(folders->outboxIndex().isValid());
        QVERIFY(!folders->allInboxesIndex().isValid());

        // An account added while running gets its session, and All Inboxes appears.
        QVERIFY(!accounts.saveAccount(makeAccount(QStringLiteral("home"), QStringLiteral("Home"))));
        QCOMPARE(added.size(), 2);
        RunningAccount *home = manager.runningAccount(QStringLiteral("home"));
        QVERIFY(home);
        QTRY_COMPARE_WITH_TIMEOUT(home->service()->state(), AccountService::State::Online, 10000);
        QVERIFY(folders->allInboxesIndex().isValid());
        QTRY_COMPARE_WITH_TIMEOUT(manager.newMail()->unreadCount(), 2, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(folders->allInboxesIndex().data().toString(),
                                  QStringLiteral("All Inboxes (2)"), 5000);

        // A change reaches the running session and the folder list.
        Account renamed = makeAccount(QStringLiteral("home"), QStringLiteral("Family"));
        QVERIFY(!accounts.saveAccount(renamed));
        QCOMPARE(home->account().displayName(), QStringLiteral("Family"));
        QCOMPARE(folders->accountIndex(QStringLiteral("home")).data().toString(),
                 QStringLiteral("Family"));
        QCOMPARE(manager.runningAccount(QStringLiteral("home")), home);

        // Removed: the session ends, and the models across accounts let go of it.
        QSignalSpy removing(&manager, &AccountManager::accountStopping);
        QVERIFY(!accounts.removeAccount(QStringLiteral("home")));
        QCOMPARE(removing.size(), 1);
        QVERIFY(!manager.runningAccount(QStringLiteral("home")));
        QVERIFY(!folders->accountIndex(QStringLiteral("home")).isValid());
        QVERIFY(!folders->allInboxesIndex().isValid());
        QCOMPARE(manager.newMail()->unreadCount(), 1);
        QCOMPARE(manager.outboxModel()->sender(QStringLiteral("home")), nullptr);
        QVERIFY(manager.outboxModel()->sender(QStringLiteral("work")));
    }

    void pinningATrustedCertificateSavesTheAccount()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("heron.ini")), QSettings::IniFormat);
        AccountStore accounts(&settings);
        MemorySecretStore secrets;
        FakeImapServer server;
        QVERIFY(!accounts.saveAccount(makeAccount(QStringLiteral("work"), QStringLiteral("Work"))));
        AccountManager manager(&accounts, &secrets, dir.filePath(QStringLiteral("data")), &server);
        manager.start();
        manager.pinCertificate(QStringLiteral("work"), true, "ab12");
        QCOMPARE(accounts.account(QStringLiteral("work"))->smtpPinnedFingerprints(),
                 QList<QByteArray> {"ab12"});
        QCOMPARE(manager.runningAccount(QStringLiteral("work"))->account().smtpPinnedFingerprints(),
                 QList<QByteArray> {"ab12"});
        QVERIFY(accounts.account(QStringLiteral("work"))->imapPinnedFingerprints().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestAccountManager)
#include "tst_accountmanager.moc"
