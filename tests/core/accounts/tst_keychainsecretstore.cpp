// KeychainSecretStore through QtKeychain against a real Secret Service: gnome-keyring-daemon on
// a session bus of the test's own, unlocked with a test password (see with-keyring.sh).
#include "accounts/keychainsecretstore.h"

#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;

class TestKeychainSecretStore : public QObject
{
    Q_OBJECT
private:
    SecretStore::Reply read(SecretStore &store, const QString &key)
    {
        SecretStore::Reply result;
        bool done = false;
        store.readPassword(key, this, [&](const SecretStore::Reply &reply) {
            result = reply;
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, 20000))
            result = {SecretStore::Status::Failed, {}, u"no answer"_s};
        return result;
    }
    SecretStore::Reply write(SecretStore &store, const QString &key, const QString &password)
    {
        SecretStore::Reply result;
        bool done = false;
        store.writePassword(key, password, this, [&](const SecretStore::Reply &reply) {
            result = reply;
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, 20000))
            result = {SecretStore::Status::Failed, {}, u"no answer"_s};
        return result;
    }
    SecretStore::Reply remove(SecretStore &store, const QString &key)
    {
        SecretStore::Reply result;
        bool done = false;
        store.deletePassword(key, this, [&](const SecretStore::Reply &reply) {
            result = reply;
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, 20000))
            result = {SecretStore::Status::Failed, {}, u"no answer"_s};
        return result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"),
                 "run through with-keyring.sh");
    }

    void storesReadsReplacesAndDeletes()
    {
        const QString service = u"heron-test-"_s + QUuid::createUuid().toString(QUuid::Id128);
        KeychainSecretStore store(service);
        const QString account = u"acct-1"_s;
        const QString submission = account + u"/submission"_s;

        QCOMPARE(read(store, account).status, SecretStore::Status::NotFound);
        SecretStore::Reply reply = write(store, account, u"pässword 1"_s);
        QVERIFY2(reply.isOk(), qPrintable(reply.errorString));
        reply = read(store, account);
        QVERIFY2(reply.isOk(), qPrintable(reply.errorString));
        QCOMPARE(reply.password, u"pässword 1"_s);

        // A second key of the same account (the outgoing server's own password) stays apart.
        QVERIFY(write(store, submission, u"out"_s).isOk());
        QVERIFY(write(store, account, u"second"_s).isOk());
        QCOMPARE(read(store, account).password, u"second"_s);
        QCOMPARE(read(store, submission).password, u"out"_s);

        // Another store object (as after a restart) reads what was stored.
        KeychainSecretStore again(service);
        QCOMPARE(read(again, account).password, u"second"_s);

        QVERIFY(remove(store, account).isOk());
        QCOMPARE(read(store, account).status, SecretStore::Status::NotFound);
        QCOMPARE(read(store, submission).password, u"out"_s);
        QVERIFY(remove(store, submission).isOk());
    }
};

QTEST_GUILESS_MAIN(TestKeychainSecretStore)
#include "tst_keychainsecretstore.moc"
