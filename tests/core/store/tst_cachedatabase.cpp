#include "rawdb.h"
#include "store/cachedatabase.h"
#include "store/sqlitestatement.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

// The one way into the cache's file: QtSql statements and SQLite ones prepared once per open
// database, over one connection.
class TestCacheDatabase : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void opensAndConfigures();
    void preparesOnce();
    void sqliteStatementsShareTheConnection();
    void notOpen();
    void badSql();
    void ownConnection();
};

void TestCacheDatabase::opensAndConfigures()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sub/cache.sqlite"));
    CacheDatabase db;
    QVERIFY(!db.isOpen());
    QVERIFY(!db.open(path));
    QVERIFY(db.isOpen());
    QCOMPARE(db.path(), path);
    QVERIFY(!db.connectionName().isEmpty());
    QVERIFY(!db.isInMemory());
    QCOMPARE(db.scalar(QStringLiteral("PRAGMA journal_mode")).value().toString(),
             QStringLiteral("wal"));
    QVERIFY(!db.checkIntegrity());
    db.close();
    QVERIFY(!db.isOpen());
    QVERIFY(!QSqlDatabase::contains(db.connectionName()));
}

void TestCacheDatabase::preparesOnce()
{
    QTemporaryDir dir;
    CacheDatabase db;
    QVERIFY(!db.open(dir.filePath(QStringLiteral("cache.sqlite"))));
    MailError error;
    const QString sql = QStringLiteral("SELECT COUNT(*) FROM folders WHERE path = ?");
    QSqlQuery *first = db.prepared(sql, &error);
    QVERIFY(first);
    QCOMPARE(db.prepared(sql, &error), first);
    QVERIFY(db.prepared(QStringLiteral("SELECT 1"), &error) != first);
    QCOMPARE(db.scalar(sql, {QStringLiteral("INBOX")}).value().toInt(), 0);
}

void TestCacheDatabase::sqliteStatementsShareTheConnection()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.sqlite"));
    CacheDatabase db;
    QVERIFY(!db.open(path));
    static const char insertSql[] = "INSERT INTO folders (path) VALUES (?)";
    MailError error;
    SqliteStatement *insert = db.sqliteStatement(insertSql, &error);
    QVERIFY(insert);
    QCOMPARE(db.sqliteStatement(insertSql, &error), insert);
    insert->bindText(1, QStringLiteral("INBOX"));
    QVERIFY(insert->exec());
    QCOMPARE(db.scalar(QStringLiteral("SELECT path FROM folders")).value().toString(),
             QStringLiteral("INBOX"));
    // Closing finalizes the statements before the connection goes.
    db.close();
    QVERIFY(!db.open(path));
    SqliteStatement *again = db.sqliteStatement(insertSql, &error);
    QVERIFY(again);
    again->bindText(1, QStringLiteral("Sent"));
    QVERIFY(again->exec());
}

void TestCacheDatabase::notOpen()
{
    CacheDatabase db;
    MailError error;
    QVERIFY(!db.prepared(QStringLiteral("SELECT 1"), &error));
    QCOMPARE(error.kind(), MailError::Kind::Storage);
    error = {};
    QVERIFY(!db.sqliteStatement("SELECT 1", &error));
    QCOMPARE(error.kind(), MailError::Kind::Storage);
    QVERIFY(!db.scalar(QStringLiteral("SELECT 1")));
    QVERIFY(db.exec(QStringLiteral("SELECT 1"), QStringLiteral("test")));
    QVERIFY(db.checkIntegrity());
    db.releaseMemory(); // nothing to do
}

void TestCacheDatabase::badSql()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.sqlite"));
    CacheDatabase db;
    QVERIFY(!db.open(path));
    MailError error;
    QVERIFY(!db.prepared(QStringLiteral("SELECT FROM nowhere"), &error));
    QVERIFY(error);
    error = {};
    QVERIFY(!db.sqliteStatement("SELECT FROM nowhere", &error));
    QVERIFY(error);
    QVERIFY(db.exec(QStringLiteral("SELECT FROM nowhere"), QStringLiteral("test")));
    QVERIFY(!db.exec(QStringLiteral("CREATE TABLE t (x)"), QStringLiteral("test")));
}

void TestCacheDatabase::ownConnection()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.sqlite"));
    CacheDatabase db;
    QVERIFY(!db.open(path));
    QVERIFY(!db.exec(QStringLiteral("INSERT INTO folders (path) VALUES ('INBOX')"),
                     QStringLiteral("test")));
    QString name;
    int folders = -1;
    CacheDatabase::withOwnConnection(path, [&](QSqlDatabase &other) {
        QVERIFY(other.isOpen());
        name = other.connectionName();
        QSqlQuery query(other);
        if (query.exec(QStringLiteral("SELECT COUNT(*) FROM folders")) && query.next())
            folders = query.value(0).toInt();
    });
    QCOMPARE(folders, 1);
    QVERIFY(name != db.connectionName());
    QVERIFY(!QSqlDatabase::contains(name));
}

QTEST_GUILESS_MAIN(TestCacheDatabase)
#include "tst_cachedatabase.moc"
