#include "rawdb.h"
#include "store/sqlitestatement.h"

#include <sqlite3.h>

#include <QTemporaryDir>
#include <QTest>

// SqliteStatement binds text through one buffer per parameter, reused from row to row: every
// row must still read back as bound, whatever the lengths and characters that came before.
class TestSqliteStatement : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void textReadsBackAsBound();
    void caseFoldedText();
    void blobsAndNulls();
    void valueOverTheLimitIsRefused_data();
    void valueOverTheLimitIsRefused();
    void rowsReadAndRunAgain();
};

void TestSqliteStatement::textReadsBackAsBound()
{
    QTemporaryDir dir;
    RawDb raw(dir.filePath(QStringLiteral("t.sqlite")));
    QVERIFY(raw.exec(QStringLiteral("CREATE TABLE t (n INTEGER, a TEXT, b TEXT)")));
    const QList<QString> values = {
            QStringLiteral("a longer ASCII value than the next"),
            QStringLiteral("short"),
            QString(),
            QString::fromUtf8("Fran\xc3\xa7ois \xe2\x82\xac \xf0\x9f\x93\xa7"), // 2, 3, 4 bytes
            QStringLiteral("x"),
            QString::fromUtf8("\xc3\xa9"),
            QString(300, QLatin1Char('q')),
            QStringLiteral(""),
    };
    {
        SqliteStatement insert;
        QVERIFY(insert.prepare(SqliteStatement::handle(raw.db()),
                               "INSERT INTO t (n, a, b) VALUES (?, ?, ?)"));
        QVERIFY(raw.db().transaction());
        for (qsizetype i = 0; i < values.size(); ++i) {
            insert.bindInt64(1, i);
            insert.bindText(2, values.at(i));
            // The other parameter's buffer is its own: the previous row's value, unchanged.
            insert.bindText(3, values.at((i + values.size() - 1) % values.size()));
            QVERIFY2(insert.exec(), qPrintable(insert.errorText()));
            QCOMPARE(insert.changes(), 1);
        }
        QVERIFY(raw.db().commit());
    }
    QSqlQuery query(raw.db());
    QVERIFY(query.exec(QStringLiteral("SELECT n, a, b, typeof(a) FROM t ORDER BY n")));
    qsizetype rows = 0;
    while (query.next()) {
        const qsizetype i = query.value(0).toLongLong();
        QCOMPARE(query.value(1).toString(), values.at(i).isNull() ? QString() : values.at(i));
        QCOMPARE(query.value(2).toString(), values.at((i + values.size() - 1) % values.size()));
        QCOMPARE(query.value(3).toString(), QStringLiteral("text")); // a null QString is ''
        ++rows;
    }
    QCOMPARE(rows, values.size());
}

void TestSqliteStatement::caseFoldedText()
{
    // The sort columns: what QString::toCaseFolded() makes of the text, ASCII or not.
    QTemporaryDir dir;
    RawDb raw(dir.filePath(QStringLiteral("t.sqlite")));
    QVERIFY(raw.exec(QStringLiteral("CREATE TABLE t (n INTEGER, k TEXT)")));
    const QList<QString> values = {
            QStringLiteral("Re: Quarterly REPORT [Draft] @ 10:00"),
            QString::fromUtf8("\xc3\x89"
                              "COLE Stra\xc3\x9f"
                              "e \xce\xa3\xce\x99\xce\xa3"),
            QStringLiteral("ab"),
            QString(),
            QStringLiteral("AZaz@[`{"), // the neighbours of the letters stay
    };
    SqliteStatement insert;
    QVERIFY(insert.prepare(SqliteStatement::handle(raw.db()),
                           "INSERT INTO t (n, k) VALUES (?, ?)"));
    for (qsizetype i = 0; i < values.size(); ++i) {
        insert.bindInt64(1, i);
        insert.bindCaseFoldedText(2, values.at(i));
        QVERIFY(insert.exec());
    }
    QSqlQuery query(raw.db());
    QVERIFY(query.exec(QStringLiteral("SELECT n, k FROM t ORDER BY n")));
    qsizetype rows = 0;
    while (query.next()) {
        const QString expected = values.at(query.value(0).toLongLong()).toCaseFolded();
        QCOMPARE(query.value(1).toString(), expected.isNull() ? QString() : expected);
        ++rows;
    }
    QCOMPARE(rows, values.size());
}

void TestSqliteStatement::blobsAndNulls()
{
    QTemporaryDir dir;
    RawDb raw(dir.filePath(QStringLiteral("t.sqlite")));
    QVERIFY(raw.exec(QStringLiteral("CREATE TABLE t (n INTEGER, b BLOB)")));
    SqliteStatement insert;
    QVERIFY(insert.prepare(SqliteStatement::handle(raw.db()),
                           "INSERT INTO t (n, b) VALUES (?, ?)"));
    const QList<QByteArray> values = {QByteArray("<id@x>"), QByteArray(), QByteArray(""),
                                      QByteArray("\0\1", 2)};
    for (qsizetype i = 0; i < values.size(); ++i) {
        insert.bindInt64(1, i);
        insert.bindBlob(2, values.at(i));
        QVERIFY(insert.exec());
    }
    QSqlQuery query(raw.db());
    QVERIFY(query.exec(QStringLiteral("SELECT n, b, b IS NULL FROM t ORDER BY n")));
    while (query.next()) {
        const QByteArray &expected = values.at(query.value(0).toLongLong());
        QCOMPARE(query.value(2).toBool(), expected.isNull());
        QCOMPARE(query.value(1).toByteArray(), expected);
    }
}

void TestSqliteStatement::valueOverTheLimitIsRefused_data()
{
    QTest::addColumn<int>("kind"); // 0 ASCII text, 1 other text, 2 blob
    QTest::newRow("ASCII text") << 0;
    QTest::newRow("UTF-8 text") << 1;
    QTest::newRow("blob") << 2;
}

void TestSqliteStatement::valueOverTheLimitIsRefused()
{
    // A value SQLite refuses to bind must fail the statement, not run it without the value.
    QFETCH(int, kind);
    QTemporaryDir dir;
    RawDb raw(dir.filePath(QStringLiteral("t.sqlite")));
    QVERIFY(raw.exec(QStringLiteral("CREATE TABLE t (n INTEGER, a)")));
    sqlite3 *handle = SqliteStatement::handle(raw.db());
    sqlite3_limit(handle, SQLITE_LIMIT_LENGTH, 1000);
    SqliteStatement insert;
    QVERIFY(insert.prepare(handle, "INSERT INTO t (n, a) VALUES (?, ?)"));
    const auto bind = [&](qsizetype size) {
        if (kind == 2)
            insert.bindBlob(2, QByteArray(size, 'b'));
        else
            insert.bindText(2, QString(size, kind == 0 ? QLatin1Char('a') : QChar(0xe9)));
    };
    insert.bindInt64(1, 1);
    bind(2000);
    QVERIFY(!insert.exec());
    QVERIFY2(insert.errorText().contains(QLatin1String("too big")), qPrintable(insert.errorText()));
    // The next row binds anew and runs.
    insert.bindInt64(1, 2);
    bind(10);
    QVERIFY2(insert.exec(), qPrintable(insert.errorText()));
    QSqlQuery query(raw.db());
    QVERIFY(query.exec(QStringLiteral("SELECT group_concat(n) FROM t")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("2"));
}

void TestSqliteStatement::rowsReadAndRunAgain()
{
    QTemporaryDir dir;
    RawDb raw(dir.filePath(QStringLiteral("t.sqlite")));
    QVERIFY(raw.exec(QStringLiteral("CREATE TABLE t (n INTEGER, a TEXT, b BLOB)")));
    QVERIFY(raw.exec(QStringLiteral("INSERT INTO t VALUES (1, 'one', x'01'), (2, 'two', x'02'),"
                                    " (3, 'three', NULL), (4294967295, 'max', x'03')")));
    SqliteStatement select;
    QVERIFY(select.prepare(SqliteStatement::handle(raw.db()),
                           "SELECT n FROM t WHERE n >= ? AND (a = ? OR b = ? OR ? IS NULL)"
                           " ORDER BY n"));
    const auto run = [&select](const QVariantList &values) {
        for (int i = 0; i < values.size(); ++i)
            select.bindVariant(i + 1, values.at(i));
        QList<qint64> rows;
        while (select.next())
            rows.append(select.columnInt64(0));
        return rows;
    };
    // Values as QtSql would bind them: integers, text, byte arrays, null.
    QCOMPARE(run({qint64(2), QString(), QByteArray(), QVariant()}),
             (QList<qint64> {2, 3, 4294967295}));
    QVERIFY(!select.failed());
    QCOMPARE(run({1u, QStringLiteral("two"), QByteArray("\x03", 1), 0}),
             (QList<qint64> {2, 4294967295}));
    QCOMPARE(run({true, QStringLiteral("one"), QByteArray(), 0}), (QList<qint64> {1}));
    QVERIFY(!select.failed());

    // An error while reading ends the rows and is told apart from their end.
    SqliteStatement failing;
    QVERIFY(failing.prepare(SqliteStatement::handle(raw.db()),
                            "SELECT abs(-9223372036854775807 - n) FROM t ORDER BY n"));
    QVERIFY(!failing.next());
    QVERIFY(failing.failed());
    QVERIFY(!failing.errorText().isEmpty());
}

QTEST_GUILESS_MAIN(TestSqliteStatement)
#include "tst_sqlitestatement.moc"
