// A whole message asked for through the account facade: the cached bytes come back, and a
// message that cannot be had (offline, not cached) fails with a reason instead of hanging.
#include "accounts/memorysecretstore.h"
#include "service/accountservice.h"
#include "store/messagestore.h"
#include "wholemessagerequest.h"

#include <QPointer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class TestWholeMessageRequest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void cachedMessageIsFetched();
    void offlineUncachedMessageFails();
    void closedAccountFails();

private:
    QTemporaryDir m_dir;
    MemorySecretStore m_secrets;
    std::unique_ptr<AccountService> m_service;
    qint64 m_inbox = 0;
};

void TestWholeMessageRequest::init()
{
    QVERIFY(m_dir.isValid());
    Account account;
    account.setDisplayName(QStringLiteral("Ann"));
    account.setAddress(QStringLiteral("ann@example.org"));
    m_service = std::make_unique<AccountService>(account, &m_secrets);
    QVERIFY(!m_service->openCache(m_dir.filePath(QStringLiteral("cache.sqlite"))));
    FolderRecord inbox;
    inbox.path = QStringLiteral("INBOX");
    inbox.specialUse = FolderRecord::SpecialUse::Inbox;
    const StoreResult<qint64> id = m_service->store()->upsertFolder(inbox);
    QVERIFY(id);
    m_inbox = id.value();
    m_service->openFolder(m_inbox);
}

void TestWholeMessageRequest::cleanup()
{
    m_service.reset();
}

void TestWholeMessageRequest::cachedMessageIsFetched()
{
    const QByteArray message = "From: a@example.org\r\nSubject: cached\r\n\r\nbody\r\n";
    QVERIFY(!m_service->store()->storeBodyPart(m_inbox, 7, QByteArrayLiteral(""), message));
    QPointer<WholeMessageRequest> request = new WholeMessageRequest(m_service.get(), m_inbox, 7);
    QSignalSpy fetched(request.data(), &WholeMessageRequest::fetched);
    QSignalSpy failed(request.data(), &WholeMessageRequest::failed);
    QTRY_COMPARE(fetched.size(), 1);
    QCOMPARE(fetched.first().first().toByteArray(), message);
    QCOMPARE(failed.size(), 0);
    QTRY_VERIFY(request.isNull()); // done: it deletes itself
}

void TestWholeMessageRequest::offlineUncachedMessageFails()
{
    QPointer<WholeMessageRequest> request = new WholeMessageRequest(m_service.get(), m_inbox, 8);
    QSignalSpy fetched(request.data(), &WholeMessageRequest::fetched);
    QSignalSpy failed(request.data(), &WholeMessageRequest::failed);
    QTRY_COMPARE(failed.size(), 1);
    const auto error = failed.first().first().value<MailError>();
    QVERIFY(error.isError());
    QVERIFY2(error.toString().contains(QStringLiteral("offline")), qPrintable(error.toString()));
    QCOMPARE(fetched.size(), 0);
    QTRY_VERIFY(request.isNull());
}

void TestWholeMessageRequest::closedAccountFails()
{
    QPointer<WholeMessageRequest> request = new WholeMessageRequest(m_service.get(), m_inbox, 9);
    QSignalSpy failed(request.data(), &WholeMessageRequest::failed);
    m_service.reset(); // before its queued answer
    QCOMPARE(failed.size(), 1);
    QTRY_VERIFY(request.isNull());
}

QTEST_MAIN(TestWholeMessageRequest)
#include "tst_wholemessagerequest.moc"
