#include "accounts/fallbacksecretstore.h"
#include "accounts/filesecretstore.h"
#include "accounts/keychainsecretstore.h"
#include "accounts/memorysecretstore.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Qt::StringLiterals;

namespace {

// Collects the answers of one store call.
struct Answers
{
    QList<SecretStore::Reply> replies;
    SecretStore::Callback callback()
    {
        return [this](const SecretStore::Reply &reply) {
            replies.append(reply);
        };
    }
};

SecretStore::Reply readNow(SecretStore &store, const QString &id)
{
    QObject context;
    Answers answers;
    store.readPassword(id, &context, answers.callback());
    if (!QTest::qWaitFor([&] { return !answers.replies.isEmpty(); }, 5000))
        return {SecretStore::Status::Failed, {}, u"no answer"_s};
    return answers.replies.constFirst();
}

SecretStore::Reply writeNow(SecretStore &store, const QString &id, const QString &password)
{
    QObject context;
    Answers answers;
    store.writePassword(id, password, &context, answers.callback());
    if (!QTest::qWaitFor([&] { return !answers.replies.isEmpty(); }, 5000))
        return {SecretStore::Status::Failed, {}, u"no answer"_s};
    return answers.replies.constFirst();
}

QString writeFile(const QTemporaryDir &dir, const QByteArray &content, QFileDevice::Permissions p)
{
    const QString path = dir.filePath(u"passwords"_s);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write(content);
    file.close();
    file.setPermissions(p);
    return path;
}

constexpr QFileDevice::Permissions ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

} // namespace

class TestSecretStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void memoryAnswersLaterAndOnce()
    {
        MemorySecretStore store;
        QObject context;
        Answers answers;
        store.writePassword(u"acc"_s, u"pw"_s, &context, answers.callback());
        QVERIFY(answers.replies.isEmpty()); // never before the call returns
        QTRY_COMPARE(answers.replies.size(), 1);
        QVERIFY(answers.replies.at(0).isOk());
        QTest::qWait(20);
        QCOMPARE(answers.replies.size(), 1);
    }

    void memoryReadWriteDelete()
    {
        MemorySecretStore store;
        QCOMPARE(readNow(store, u"acc"_s).status, SecretStore::Status::NotFound);
        QVERIFY(writeNow(store, u"acc"_s, u"pä=ss"_s).isOk());
        const SecretStore::Reply reply = readNow(store, u"acc"_s);
        QVERIFY(reply.isOk());
        QCOMPARE(reply.password, u"pä=ss"_s);
        QCOMPARE(readNow(store, u"other"_s).status, SecretStore::Status::NotFound);

        QObject context;
        Answers answers;
        store.deletePassword(u"acc"_s, &context, answers.callback());
        QTRY_COMPARE(answers.replies.size(), 1);
        QVERIFY(!store.contains(u"acc"_s));
        QCOMPARE(readNow(store, u"acc"_s).status, SecretStore::Status::NotFound);
    }

    void memoryUnavailable()
    {
        MemorySecretStore store;
        store.setAvailable(false);
        const SecretStore::Reply reply = writeNow(store, u"acc"_s, u"pw"_s);
        QCOMPARE(reply.status, SecretStore::Status::Unavailable);
        QVERIFY(!reply.errorString.isEmpty());
        QVERIFY(!store.contains(u"acc"_s));
    }

    void destroyedContextDropsTheCallback()
    {
        MemorySecretStore store;
        Answers answers;
        auto *context = new QObject;
        store.readPassword(u"acc"_s, context, answers.callback());
        delete context;
        // A second call with a living context proves the event loop has run past the first.
        QObject alive;
        Answers later;
        store.readPassword(u"acc"_s, &alive, later.callback());
        QTRY_COMPARE(later.replies.size(), 1);
        QVERIFY(answers.replies.isEmpty());
    }

    void fileReadsLines()
    {
        QTemporaryDir dir;
        const QString path = writeFile(dir, "# demo\n\nalice=wonder=land\r\nbob = x\nbroken line\n",
                                       ownerOnly);
        FileSecretStore store(path);
        SecretStore::Reply reply = readNow(store, u"alice"_s);
        QVERIFY2(reply.isOk(), qPrintable(reply.errorString));
        QCOMPARE(reply.password, u"wonder=land"_s);
        reply = readNow(store, u"bob"_s);
        QVERIFY(reply.isOk());
        QCOMPARE(reply.password, u" x"_s); // the password is taken as written
        QCOMPARE(readNow(store, u"carol"_s).status, SecretStore::Status::NotFound);
        QCOMPARE(readNow(store, u"broken line"_s).status, SecretStore::Status::NotFound);
    }

    void fileRefusesLoosePermissions()
    {
        QTemporaryDir dir;
        const QString path = writeFile(dir, "alice=pw\n",
                                       ownerOnly | QFileDevice::ReadGroup | QFileDevice::ReadOther);
        FileSecretStore store(path);
        const SecretStore::Reply reply = readNow(store, u"alice"_s);
        QCOMPARE(reply.status, SecretStore::Status::AccessDenied);
        QVERIFY(reply.password.isEmpty());
        QVERIFY(reply.errorString.contains(u"0600"_s));
    }

    void fileMissing()
    {
        QTemporaryDir dir;
        FileSecretStore store(dir.filePath(u"nothing"_s));
        QCOMPARE(readNow(store, u"alice"_s).status, SecretStore::Status::Unavailable);
    }

    void fileWritesStayInMemory()
    {
        QTemporaryDir dir;
        const QString path = writeFile(dir, "alice=old\n", ownerOnly);
        FileSecretStore store(path);
        QVERIFY(writeNow(store, u"alice"_s, u"new"_s).isOk());
        QCOMPARE(readNow(store, u"alice"_s).password, u"new"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("alice=old\n"));

        QObject context;
        Answers answers;
        store.deletePassword(u"alice"_s, &context, answers.callback());
        QTRY_COMPARE(answers.replies.size(), 1);
        QCOMPARE(readNow(store, u"alice"_s).status, SecretStore::Status::NotFound);
    }

    void filePathFromEnvironment()
    {
        qputenv(FileSecretStore::environmentVariable, "/tmp/some/file");
        QCOMPARE(FileSecretStore::pathFromEnvironment(), u"/tmp/some/file"_s);
        qunsetenv(FileSecretStore::environmentVariable);
        QVERIFY(FileSecretStore::pathFromEnvironment().isEmpty());
    }

    void fallbackUsedWhenPrimaryUnavailable()
    {
        MemorySecretStore primary;
        MemorySecretStore fallback;
        primary.setAvailable(false);
        FallbackSecretStore store(&primary, &fallback);
        QVERIFY(writeNow(store, u"acc"_s, u"pw"_s).isOk());
        QVERIFY(fallback.contains(u"acc"_s));
        const SecretStore::Reply reply = readNow(store, u"acc"_s);
        QVERIFY(reply.isOk());
        QCOMPARE(reply.password, u"pw"_s);
    }

    void fallbackPrefersPrimary()
    {
        MemorySecretStore primary;
        MemorySecretStore fallback;
        FallbackSecretStore store(&primary, &fallback);
        QVERIFY(writeNow(store, u"acc"_s, u"pw"_s).isOk());
        QVERIFY(primary.contains(u"acc"_s));
        QVERIFY(!fallback.contains(u"acc"_s));
        QCOMPARE(readNow(store, u"missing"_s).status, SecretStore::Status::NotFound);
    }

    void keychainAnswersOnceAndLater()
    {
        // Without a keychain daemon (as on a build machine) the store must still answer once,
        // asynchronously, with an error and never crash; with one, the round trip succeeds.
        KeychainSecretStore store(u"heron-test"_s);
        QObject context;
        Answers answers;
        store.readPassword(u"no-such-account-%1"_s.arg(QCoreApplication::applicationPid()),
                           &context, answers.callback());
        QVERIFY(answers.replies.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(answers.replies.size(), 1, 60000);
        const SecretStore::Reply reply = answers.replies.constFirst();
        QVERIFY(!reply.isOk());
        QVERIFY(reply.password.isEmpty());
        QVERIFY(!reply.errorString.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
