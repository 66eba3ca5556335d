#include "rawdb.h"
#include "store/cachedatabase.h"
#include "store/cachetransaction.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

// A transaction writes everything or nothing: what it wrote is seen once it commits, and gone
// when it ends without a commit, however it ends.
class TestCacheTransaction : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void commitIsVisible();
    void rollsBackWhenNotCommitted();
    void rollsBackOnEarlyReturn();
    void explicitRollback();
    void oneAfterAnother();
    void notOpen();

private:
    int folderCount();
    MailError insertFolder(const QString &path);
    // Writes a folder, then fails before the commit when told to.
    MailError writeAndMaybeFail(const QString &path, bool fail);

    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<CacheDatabase> m_db;
};

void TestCacheTransaction::init()
{
    m_path = m_dir.filePath(QStringLiteral("cache.sqlite"));
    QFile::remove(m_path);
    m_db = std::make_unique<CacheDatabase>();
    QVERIFY(!m_db->open(m_path));
}

void TestCacheTransaction::cleanup()
{
    m_db.reset();
}

int TestCacheTransaction::folderCount()
{
    // Another connection: it sees committed writes only.
    RawDb raw(m_path);
    return raw.scalar(QStringLiteral("SELECT COUNT(*) FROM folders")).toInt();
}

MailError TestCacheTransaction::insertFolder(const QString &path)
{
    MailError error;
    QSqlQuery *query = m_db->prepared(QStringLiteral("INSERT INTO folders (path) VALUES (?)"),
                                      &error);
    if (!query)
        return error;
    query->bindValue(0, path);
    if (!query->exec())
        return m_db->failed(QStringLiteral("Cannot insert"), *query);
    return {};
}

MailError TestCacheTransaction::writeAndMaybeFail(const QString &path, bool fail)
{
    CacheTransaction transaction(*m_db);
    if (transaction.error())
        return transaction.error();
    if (MailError error = insertFolder(path))
        return error;
    if (fail)
        return MailError(MailError::Kind::Storage, QStringLiteral("failed on purpose"));
    return transaction.commit();
}

void TestCacheTransaction::commitIsVisible()
{
    {
        CacheTransaction transaction(*m_db);
        QVERIFY(!transaction.error());
        QVERIFY(transaction.isActive());
        QVERIFY(!insertFolder(QStringLiteral("INBOX")));
        QVERIFY(!insertFolder(QStringLiteral("Sent")));
        QCOMPARE(folderCount(), 0); // not yet
        QVERIFY(!transaction.commit());
        QVERIFY(!transaction.isActive());
        QCOMPARE(folderCount(), 2);
    }
    // The destructor of a committed transaction undoes nothing.
    QCOMPARE(folderCount(), 2);
}

void TestCacheTransaction::rollsBackWhenNotCommitted()
{
    {
        CacheTransaction transaction(*m_db);
        QVERIFY(!transaction.error());
        QVERIFY(!insertFolder(QStringLiteral("INBOX")));
        QCOMPARE(m_db->scalar(QStringLiteral("SELECT COUNT(*) FROM folders")).value().toInt(), 1);
    }
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT COUNT(*) FROM folders")).value().toInt(), 0);
    QCOMPARE(folderCount(), 0);
}

void TestCacheTransaction::rollsBackOnEarlyReturn()
{
    QVERIFY(writeAndMaybeFail(QStringLiteral("INBOX"), true));
    QCOMPARE(folderCount(), 0);
    QVERIFY(!writeAndMaybeFail(QStringLiteral("INBOX"), false));
    QCOMPARE(folderCount(), 1);
    // A statement that fails (the path is unique) leaves nothing of the transaction either.
    {
        CacheTransaction transaction(*m_db);
        QVERIFY(!insertFolder(QStringLiteral("Sent")));
        QVERIFY(insertFolder(QStringLiteral("INBOX")));
    }
    QCOMPARE(folderCount(), 1);
}

void TestCacheTransaction::explicitRollback()
{
    CacheTransaction transaction(*m_db);
    QVERIFY(!insertFolder(QStringLiteral("INBOX")));
    transaction.rollback();
    QVERIFY(!transaction.isActive());
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT COUNT(*) FROM folders")).value().toInt(), 0);
    // Nothing left to commit.
    QVERIFY(transaction.commit());
    QCOMPARE(folderCount(), 0);
}

void TestCacheTransaction::oneAfterAnother()
{
    for (int i = 0; i < 3; ++i) {
        const bool fail = i == 1;
        QCOMPARE(bool(writeAndMaybeFail(QStringLiteral("folder %1").arg(i), fail)), fail);
    }
    QCOMPARE(folderCount(), 2);
}

void TestCacheTransaction::notOpen()
{
    m_db->close();
    CacheTransaction transaction(*m_db);
    QVERIFY(transaction.error());
    QVERIFY(!transaction.isActive());
    QCOMPARE(transaction.commit().kind(), MailError::Kind::Storage);
}

QTEST_GUILESS_MAIN(TestCacheTransaction)
#include "tst_cachetransaction.moc"
