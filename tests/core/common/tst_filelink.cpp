// FileLink: a second name for a file's bytes, a hard link where the file system allows it and a
// copy where it does not (another file system: /dev/shm is a tmpfs), the bytes outliving the
// first name either way.
#include "common/filelink.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

namespace {

struct stat statOf(const QString &path)
{
    struct stat info
    { };
    ::stat(QFile::encodeName(path).constData(), &info);
    return info;
}

QByteArray sample()
{
    QByteArray bytes;
    for (int i = 0; bytes.size() < 3 * 1024 * 1024 + 17; ++i)
        bytes += "line " + QByteArray::number(i) + "\r\n";
    return bytes;
}

} // namespace

class TestFileLink : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void linkOrCopy_data();
    void linkOrCopy();
    void refusesAnExistingTarget();
    void moveGivesTheBytesANewName();
};

void TestFileLink::linkOrCopy_data()
{
    QTest::addColumn<QString>("targetRoot"); // empty: beside the source
    QTest::addColumn<bool>("copied");
    QTest::addRow("same file system: a hard link") << QString() << false;
    QTest::addRow("another file system: a copy") << QStringLiteral("/dev/shm") << true;
}

void TestFileLink::linkOrCopy()
{
    QFETCH(QString, targetRoot);
    QFETCH(bool, copied);
    QTemporaryDir source;
    QTemporaryDir target(targetRoot.isEmpty() ? source.path() + QStringLiteral("/t-XXXXXX")
                                              : targetRoot + QStringLiteral("/heron-XXXXXX"));
    QVERIFY(source.isValid());
    QVERIFY2(target.isValid(), qPrintable(target.errorString()));
    const bool otherDevice = statOf(source.path()).st_dev != statOf(target.path()).st_dev;
    QVERIFY2(otherDevice == copied, "the row needs its folders on the same or another device");

    const QString from = source.filePath(QStringLiteral("part-12-3"));
    const QByteArray bytes = sample();
    {
        QFile file(from);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(bytes), bytes.size());
    }
    const QString to = target.filePath(QStringLiteral("Report.eml"));
    QString error;
    QVERIFY2(FileLink::linkOrCopy(from, to, &error), qPrintable(error));
    QCOMPARE(FileLink::lastWasCopy(), copied);
    QCOMPARE(statOf(to).st_ino == statOf(from).st_ino, !copied);
    QCOMPARE(int(statOf(from).st_nlink), copied ? 1 : 2);

    // The first name goes (the cache drops its file): the bytes stay under the second.
    QVERIFY(QFile::remove(from));
    QFile kept(to);
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QVERIFY(kept.readAll() == bytes);
}

void TestFileLink::refusesAnExistingTarget()
{
    QTemporaryDir dir;
    const QString from = dir.filePath(QStringLiteral("a"));
    const QString to = dir.filePath(QStringLiteral("b"));
    for (const QString &path : {from, to}) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(path.toUtf8());
    }
    QString error;
    QVERIFY(!FileLink::linkOrCopy(from, to, &error));
    QVERIFY(!error.isEmpty());
    QFile file(to);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), to.toUtf8()); // untouched
    QVERIFY(!FileLink::linkOrCopy(dir.filePath(QStringLiteral("missing")),
                                  dir.filePath(QStringLiteral("c")), &error));
}

void TestFileLink::moveGivesTheBytesANewName()
{
    QTemporaryDir dir;
    const QString from = dir.filePath(QStringLiteral("a"));
    const QString to = dir.filePath(QStringLiteral("sub-b"));
    {
        QFile file(from);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("bytes");
    }
    QVERIFY(FileLink::move(from, to));
    QVERIFY(!QFile::exists(from));
    QFile file(to);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("bytes"));
}

QTEST_GUILESS_MAIN(TestFileLink)
#include "tst_filelink.moc"
