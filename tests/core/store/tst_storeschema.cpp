#include "rawdb.h"
#include "store/messagestore.h"
#include "store/storeschema.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

// Opening the cache: the schema, its migrations and the files the store must refuse.
class TestStoreSchema : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void openCreatesLatestSchemaInWalMode();
    void migratesFromVersionOne();
    void migrationFiveKeysThreadsOfCachedRows();
    void migrationEightMovesStructuresIntoRows();
    void migrationNineForgetsEmptyParts();
    void refusesNewerSchema();
    void refusesCorruptFile_data();
    void refusesCorruptFile();
    void refusesBackwardMigration();
    void integrityCheckFindsDamage_data();
    void integrityCheckFindsDamage();

private:
    QString dbPath() const { return m_dir->filePath(QStringLiteral("account.sqlite")); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MessageStore> m_store;
};

void TestStoreSchema::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<MessageStore>();
    const MailError error = m_store->open(dbPath());
    QVERIFY2(!error, qPrintable(error.toString()));
}

void TestStoreSchema::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

void TestStoreSchema::openCreatesLatestSchemaInWalMode()
{
    QVERIFY(m_store->isOpen());
    RawDb raw(dbPath());
    QCOMPARE(raw.scalar(QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
    QCOMPARE(raw.scalar(QStringLiteral("SELECT MAX(version) FROM schema_version")).toInt(),
             StoreSchema::latestVersion());
    QVERIFY(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE"
                                      " name = 'messages_fts'"))
                    .toInt()
            == 1);
}

void TestStoreSchema::migratesFromVersionOne()
{
    m_store.reset();
    const QString path = m_dir->filePath(QStringLiteral("old.sqlite"));
    {
        RawDb raw(path);
        QVERIFY(!StoreSchema::migrate(raw.db(), 1));
        QVERIFY(raw.exec(QStringLiteral("INSERT INTO folders (id, path) VALUES (1, 'INBOX')")));
        QVERIFY(raw.exec(QStringLiteral(
                "INSERT INTO messages (folder_id, uid, subject, from_name, sort_subject)"
                " VALUES (1, 42, 'Migrated hello', 'Old Sender', 'migrated hello')")));
        QCOMPARE(raw.scalar(QStringLiteral("SELECT MAX(version) FROM schema_version")).toInt(), 1);
    }
    MessageStore store;
    const MailError error = store.open(path);
    QVERIFY2(!error, qPrintable(error.toString()));
    QCOMPARE(store.search(1, QStringLiteral("migrated")).value(), QList<quint32>({42}));
    QCOMPARE(store.search(1, QStringLiteral("sender")).value(), QList<quint32>({42}));
    QCOMPARE(store.message(1, 42).value().subject, QStringLiteral("Migrated hello"));
    QVERIFY(!store.storeBodyPart(1, 42, "1", "body"));
    QCOMPARE(store.bodyPart(1, 42, "1").value().data, QByteArray("body"));
    store.close();
    RawDb raw(path);
    QCOMPARE(raw.scalar(QStringLiteral("SELECT MAX(version) FROM schema_version")).toInt(),
             StoreSchema::latestVersion());
}

void TestStoreSchema::migrationFiveKeysThreadsOfCachedRows()
{
    m_store.reset();
    const QString path = m_dir->filePath(QStringLiteral("v4.sqlite"));
    {
        RawDb raw(path);
        QVERIFY(!StoreSchema::migrate(raw.db(), 4));
        QVERIFY(raw.exec(QStringLiteral("CREATE INDEX messages_by_in_reply_to"
                                        " ON messages (folder_id, in_reply_to)")));
        QVERIFY(raw.exec(QStringLiteral("INSERT INTO folders (id, path) VALUES (1, 'INBOX')")));
        QVERIFY(raw.exec(QStringLiteral(
                "INSERT INTO messages (folder_id, uid, message_id, in_reply_to, refs) VALUES"
                " (1, 1, CAST('<a@x>' AS BLOB), NULL, NULL),"
                " (1, 2, CAST('<b@x>' AS BLOB), CAST('<a@x>' AS BLOB), NULL),"
                " (1, 3, CAST('<c@x>' AS BLOB), CAST('<b@x>' AS BLOB),"
                " CAST('<a@x> <b@x>' AS BLOB)),"
                " (1, 4, NULL, NULL, NULL)")));
    }
    MessageStore store;
    const MailError error = store.open(path);
    QVERIFY2(!error, qPrintable(error.toString()));
    store.close();
    RawDb raw(path);
    // The first id of References, else In-Reply-To, else the message's own id, else nothing.
    for (int uid : {1, 2, 3}) {
        QCOMPARE(raw.scalar(QStringLiteral("SELECT CAST(thread_key AS TEXT) FROM messages"
                                           " WHERE uid = %1")
                                    .arg(uid))
                         .toString(),
                 QStringLiteral("<a@x>"));
    }
    QVERIFY(raw.scalar(QStringLiteral("SELECT thread_key FROM messages WHERE uid = 4")).isNull());
    QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM sqlite_master"
                                       " WHERE name = 'messages_by_in_reply_to'"))
                     .toInt(),
             0);
}

void TestStoreSchema::migrationEightMovesStructuresIntoRows()
{
    m_store.reset();
    const QString path = m_dir->filePath(QStringLiteral("v7.sqlite"));
    {
        RawDb raw(path);
        QVERIFY(!StoreSchema::migrate(raw.db(), 7));
        QVERIFY(raw.exec(QStringLiteral("INSERT INTO folders (id, path) VALUES (1, 'INBOX'),"
                                        " (2, 'Archive')")));
        QVERIFY(raw.exec(QStringLiteral("INSERT INTO messages (folder_id, uid) VALUES"
                                        " (1, 1), (1, 2), (2, 1)")));
        // Folder 2's uid 1 must not take folder 1's structure; uid 2 has none.
        QVERIFY(raw.exec(QStringLiteral("INSERT INTO message_structure (folder_id, uid, data)"
                                        " VALUES (1, 1, CAST('(one)' AS BLOB)),"
                                        " (2, 1, CAST('(other)' AS BLOB))")));
    }
    MessageStore store;
    const MailError error = store.open(path);
    QVERIFY2(!error, qPrintable(error.toString()));
    QCOMPARE(store.message(1, 1).value().bodyStructure, QByteArray("(one)"));
    QVERIFY(store.message(1, 2).value().bodyStructure.isEmpty());
    QCOMPARE(store.message(2, 1).value().bodyStructure, QByteArray("(other)"));
    store.close();
    RawDb raw(path);
    QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM sqlite_master"
                                       " WHERE name = 'message_structure'"))
                     .toInt(),
             0);
}

void TestStoreSchema::migrationNineForgetsEmptyParts()
{
    m_store.reset();
    const QString path = m_dir->filePath(QStringLiteral("v8.sqlite"));
    const QString partFile = m_dir->filePath(QStringLiteral("part-2"));
    {
        QFile file(partFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("attachment bytes");
    }
    {
        RawDb raw(path);
        QVERIFY(!StoreSchema::migrate(raw.db(), 8));
        QVERIFY(raw.exec(QStringLiteral("INSERT INTO folders (id, path) VALUES (1, 'Sent')")));
        QVERIFY(raw.exec(QStringLiteral("INSERT INTO messages (folder_id, uid) VALUES"
                                        " (1, 1), (1, 2)")));
        // Earlier versions stored a fetch that brought nothing back as an empty part, NULL or
        // zero bytes; such a part was never fetched again.
        QVERIFY(raw.exec(QStringLiteral("INSERT INTO body_parts (folder_id, uid, section, data,"
                                        " file_path) VALUES"
                                        " (1, 1, CAST('HEADER' AS BLOB), NULL, NULL),"
                                        " (1, 1, CAST('1' AS BLOB), X'', NULL),"
                                        " (1, 1, CAST('2' AS BLOB), NULL, '%1'),"
                                        " (1, 1, CAST('3' AS BLOB), CAST('kept' AS BLOB), NULL),"
                                        " (1, 2, CAST('1' AS BLOB), X'', '')")
                                 .arg(partFile)));
    }
    MessageStore store;
    const MailError error = store.open(path);
    QVERIFY2(!error, qPrintable(error.toString()));
    QVERIFY(!store.bodyPart(1, 1, "HEADER"));
    QVERIFY(!store.bodyPart(1, 1, "1"));
    QVERIFY(!store.bodyPart(1, 2, "1"));
    // A part kept in a file has no data in its row and stays; so does every part with bytes.
    QCOMPARE(store.bodyPart(1, 1, "2").value().filePath, partFile);
    QCOMPARE(store.bodyPart(1, 1, "3").value().data, QByteArray("kept"));
    store.close();
    QVERIFY(QFile::exists(partFile));
    RawDb raw(path);
    QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM body_parts")).toInt(), 2);
    QCOMPARE(raw.scalar(QStringLiteral("SELECT MAX(version) FROM schema_version")).toInt(),
             StoreSchema::latestVersion());
}

void TestStoreSchema::refusesNewerSchema()
{
    m_store.reset();
    {
        RawDb raw(dbPath());
        QVERIFY(raw.exec(QStringLiteral("UPDATE schema_version SET version = 99")));
    }
    MessageStore store;
    const MailError error = store.open(dbPath());
    QCOMPARE(error.kind(), MailError::Kind::Storage);
    QVERIFY2(error.message().contains(QLatin1String("newer")), qPrintable(error.message()));
    QVERIFY(!store.isOpen());
    QVERIFY(store.messageCount(1).error().isError());
}

void TestStoreSchema::refusesCorruptFile_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("text") << QByteArray("this is not a database\n").repeated(300);
    QTest::newRow("sqlite header, garbage pages")
            << QByteArray("SQLite format 3\0", 16) + QByteArray(8192, '\xA5');
    QTest::newRow("zeros after a text line") << QByteArray("hello\n") + QByteArray(4096, '\0');
}

void TestStoreSchema::refusesCorruptFile()
{
    QFETCH(QByteArray, content);
    const QString path = m_dir->filePath(QStringLiteral("corrupt.sqlite"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();

    MessageStore store;
    const MailError error = store.open(path);
    QCOMPARE(error.kind(), MailError::Kind::Storage);
    QVERIFY(!error.toString().isEmpty());
    QVERIFY(!store.isOpen());
}

void TestStoreSchema::refusesBackwardMigration()
{
    m_store.reset();
    RawDb raw(dbPath());
    const MailError error = StoreSchema::migrate(raw.db(), 1);
    QCOMPARE(error.kind(), MailError::Kind::Storage);
    QCOMPARE(StoreSchema::version(raw.db()).value(), StoreSchema::latestVersion());
}

void TestStoreSchema::integrityCheckFindsDamage_data()
{
    QTest::addColumn<QString>("damage");
    QTest::newRow("intact") << QString();
    QTest::newRow("truncated") << QStringLiteral("truncate");
    QTest::newRow("overwritten pages") << QStringLiteral("overwrite");
}

void TestStoreSchema::integrityCheckFindsDamage()
{
    QFETCH(QString, damage);
    FolderRecord inbox;
    inbox.path = QStringLiteral("INBOX");
    const qint64 folderId = m_store->upsertFolder(inbox).value();
    QList<MessageRecord> batch;
    for (quint32 uid = 1; uid <= 3000; ++uid) {
        MessageRecord m;
        m.uid = uid;
        m.subject = QStringLiteral("Subject number %1 with some words").arg(uid);
        batch.append(m);
    }
    QVERIFY(!m_store->upsertMessages(folderId, batch));
    QVERIFY(!m_store->checkIntegrity());
    m_store->close(); // checkpoints the WAL into the file

    QFile file(dbPath());
    QVERIFY(file.open(QIODevice::ReadWrite));
    const qint64 size = file.size();
    QVERIFY(size > 100 * 1024);
    if (damage == QLatin1String("truncate")) {
        QVERIFY(file.resize(size / 2));
    } else if (damage == QLatin1String("overwrite")) {
        file.seek(size / 3);
        file.write(QByteArray(64 * 1024, '\x5A'));
    }
    file.close();

    MessageStore store;
    const MailError openError = store.open(dbPath());
    if (damage.isEmpty()) {
        QVERIFY(!openError);
        QVERIFY(!store.checkIntegrity());
        return;
    }
    // The header may still be readable; the check then finds the damage behind it.
    const MailError error = openError ? openError : store.checkIntegrity();
    QCOMPARE(error.kind(), MailError::Kind::Storage);
    QVERIFY(!error.toString().isEmpty());
}

QTEST_GUILESS_MAIN(TestStoreSchema)
#include "tst_storeschema.moc"
